/* SPDX-License-Identifier: MIT */
#include "lib/bulk/culprit_probe.h"

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

size_t culprits_probe_zone(struct zone_culprit *zone, const char *label,
                           const struct caa__resolver_config *rc, bool private_ok,
                           unsigned timeout_ms)
{
    struct caa__probe_query q[2 * ZONE_CULPRITS_SERVERS_MAX];
    struct caa__probe_result r[2 * ZONE_CULPRITS_SERVERS_MAX];
    size_t slot[ZONE_CULPRITS_SERVERS_MAX];
    size_t asked = 0;

    for (size_t i = 0; i < zone->server_count; i++) {
        struct zone_culprit_server *s = &zone->servers[i];
        slot[i] = (size_t)-1;
        if (s->address[0] == '\0' || !caa__address_probe_allowed(rc, s->address, private_ok)) {
            s->address[0] = '\0';
            continue;
        }
        slot[i] = asked;
        caa__probe_query_init(&q[asked++], s->address, label, RRTYPE_CAA, timeout_ms);
        caa__probe_query_init(&q[asked++], s->address, zone->apex, RRTYPE_SOA, timeout_ms);
    }
    memset(r, 0, sizeof(r));
    if (asked == 0 || caa__probe_run(q, asked, r) != CAA_OK) {
        return 0;
    }
    for (size_t i = 0; i < zone->server_count; i++) {
        if (slot[i] != (size_t)-1) {
            zone->servers[i].judged = judge(&r[slot[i]], &r[slot[i] + 1], &zone->servers[i].code);
        }
    }
    for (size_t i = 0; i < asked; i++) {
        caa__probe_result_cleanup(&r[i]);
    }
    return asked / 2;
}
