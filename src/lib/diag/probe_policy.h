/* SPDX-License-Identifier: MIT */
#ifndef CAA_DIAG_PROBE_POLICY_H
#define CAA_DIAG_PROBE_POLICY_H

/* Which nameserver addresses diagnose may send a query to. */

#include <stdbool.h>
#include <stddef.h>

#include "lib/diag/zones.h"
#include "lib/dns/resolver.h"

/* Private, loopback and link-local addresses only with allow_private; an address the resolver
 * is told never to query (do-not-query-address) never: the direct probes obey the same list as
 * libunbound, so a public service that refuses its own host refuses it here too. */
bool caa__server_probe_allowed(const struct caa__server *s, bool allow_private);
/* Marks refused (and private) the servers whose address lies in a do-not-query-address range
 * of cfg's resolver options. */
void caa__servers_mark_refused(const struct caa__resolver_config *cfg, struct caa__server *servers,
                               size_t count);

#endif
