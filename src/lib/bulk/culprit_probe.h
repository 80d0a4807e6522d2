/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_CULPRIT_PROBE_H
#define CAA_BULK_CULPRIT_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/bulk/zone_culprits.h"
#include "lib/dns/resolver.h"

/* Asks each server with an address of the n zones, directly (RD=0) and all at once, the CAA
 * query that failed there (labels[i] for zones[i]) and the zone's SOA, and marks those whose
 * answers name a fault (judged, code): NS_NOTIMP_CAA, NS_REFUSED, NS_FORMERR, NS_SERVFAIL,
 * NS_DROPS_CAA (SOA answered, CAA not), NS_UNREACHABLE (neither). Addresses the probe may not go
 * to (address_policy.h: private ones unless private_ok, the resolver options' do-not-query list)
 * are not asked and their address is cleared. Each query waits at most timeout_ms, so the call
 * takes at most that long. Returns the zones of which at least one server was asked. */
size_t culprits_probe_zones(struct zone_culprit *const *zones, const char *const *labels, size_t n,
                            const struct caa__resolver_config *rc, bool private_ok,
                            unsigned timeout_ms);

#endif
