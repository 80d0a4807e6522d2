/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_ADDRESS_POLICY_H
#define CAA_DNS_ADDRESS_POLICY_H

/* Which nameserver addresses a direct query (probe.h) may go to: diagnose's probes, check's
 * server comparison and bulk's culprit probes obey the same rules. Pure; thread-safe. */

#include <stdbool.h>

#include "lib/dns/resolver.h"

/* True for loopback, private (RFC 1918, ULA) and link-local addresses: never probed unless the
 * user allows it (a public delegation pointing there is a finding). */
bool caa__address_is_private(const char *address);

/* True when address lies in a do-not-query-address range ("192.0.2.0/24", "::1") among cfg's
 * resolver options: the direct probes obey the same list as libunbound, so a public service
 * that refuses its own host refuses it here too. */
bool caa__address_refused(const struct caa__resolver_config *cfg, const char *address);

/* Whether a direct query to address is allowed: never when refused (above), and a private
 * address only with allow_private. */
bool caa__address_probe_allowed(const struct caa__resolver_config *cfg, const char *address,
                                bool allow_private);

#endif
