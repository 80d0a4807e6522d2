/* SPDX-License-Identifier: MIT */
#include "lib/bulk/culprit_probe.h"

#include <stdlib.h>
#include <string.h>

#include "lib/dns/address_policy.h"
#include "lib/dns/probe.h"

#define RRTYPE_SOA 6
#define RRTYPE_CAA 257

/* What the server does wrong by its own answers, or false when they show no fault (it answered
 * the CAA query: the failure was elsewhere or transient). */
static bool judge(const struct caa__probe_result *caa, const struct caa__probe_result *soa,
                  enum caa_code *code)
{
    if (caa->outcome == CAA__PROBE_ANSWER) {
        switch (caa->rcode) {
        case 4:
            *code = CAA_CODE_NS_NOTIMP_CAA;
            return true;
        case 5:
            *code = CAA_CODE_NS_REFUSED;
            return true;
        case 1:
            *code = CAA_CODE_NS_FORMERR;
            return true;
        case 2:
            *code = CAA_CODE_NS_SERVFAIL;
            return true;
        default:
            return false;
        }
    }
    *code = soa->outcome == CAA__PROBE_ANSWER ? CAA_CODE_NS_DROPS_CAA : CAA_CODE_NS_UNREACHABLE;
    return true;
}

/* The queries for zone's servers, from q[*asked] on; slot[i] is server i's first query or
 * (size_t)-1. Returns whether any was asked. */
static bool queries_of(struct zone_culprit *zone, const char *label,
                       const struct caa__resolver_config *rc, bool private_ok, unsigned timeout_ms,
                       struct caa__probe_query *q, size_t *asked, size_t *slot)
{
    bool any = false;

    for (size_t i = 0; i < zone->server_count; i++) {
        struct zone_culprit_server *s = &zone->servers[i];
        slot[i] = (size_t)-1;
        if (s->address[0] == '\0' || !caa__address_probe_allowed(rc, s->address, private_ok)) {
            s->address[0] = '\0';
            continue;
        }
        slot[i] = *asked;
        caa__probe_query_init(&q[(*asked)++], s->address, label, RRTYPE_CAA, timeout_ms);
        caa__probe_query_init(&q[(*asked)++], s->address, zone->apex, RRTYPE_SOA, timeout_ms);
        any = true;
    }
    return any;
}

size_t culprits_probe_zones(struct zone_culprit *const *zones, const char *const *labels, size_t n,
                            const struct caa__resolver_config *rc, bool private_ok,
                            unsigned timeout_ms)
{
    size_t per_zone = 2 * ZONE_CULPRITS_SERVERS_MAX;
    struct caa__probe_query *q = calloc(n * per_zone + 1, sizeof(*q));
    struct caa__probe_result *r = calloc(n * per_zone + 1, sizeof(*r));
    size_t *slot = calloc(n * ZONE_CULPRITS_SERVERS_MAX + 1, sizeof(*slot));
    size_t asked = 0;
    size_t zones_asked = 0;

    if (q == NULL || r == NULL || slot == NULL) {
        goto out;
    }
    for (size_t z = 0; z < n; z++) {
        zones_asked += queries_of(zones[z], labels[z], rc, private_ok, timeout_ms, q, &asked,
                                  &slot[z * ZONE_CULPRITS_SERVERS_MAX]);
    }
    if (asked == 0 || caa__probe_run(q, asked, r) != CAA_OK) {
        zones_asked = 0;
        goto out;
    }
    for (size_t z = 0; z < n; z++) {
        for (size_t i = 0; i < zones[z]->server_count; i++) {
            size_t at = slot[z * ZONE_CULPRITS_SERVERS_MAX + i];
            if (at != (size_t)-1) {
                zones[z]->servers[i].judged = judge(&r[at], &r[at + 1], &zones[z]->servers[i].code);
            }
        }
    }
    for (size_t i = 0; i < asked; i++) {
        caa__probe_result_cleanup(&r[i]);
    }
out:
    free(q);
    free(r);
    free(slot);
    return zones_asked;
}
