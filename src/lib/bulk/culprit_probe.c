/* SPDX-License-Identifier: MIT */
#include "lib/bulk/culprit_probe.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "lib/dns/address_policy.h"
#include "lib/dns/probe.h"

#define RRTYPE_A 1
#define RRTYPE_SOA 6
#define RRTYPE_CAA 257
#define CULPRITS_MAX CAA_BULK_CULPRITS_MAX
#define PROBE_TIMEOUT_MS 2000u
#define ADDRESS_BUDGET_MS 3000u

struct address_wait {
    char address[64];
    bool done;
};

static void on_address(void *user, struct caa__dns_answer *answer)
{
    struct address_wait *w = user;

    if (answer->rdata_count > 0 && answer->rdata_len[0] == 4) {
        (void)inet_ntop(AF_INET, answer->rdata[0], w->address, sizeof(w->address));
    }
    w->done = true;
}

static bool all_done(const struct address_wait *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!w[i].done) {
            return false;
        }
    }
    return true;
}

static enum caa_code judge(const struct caa__probe_result *caa, const struct caa__probe_result *soa,
                           enum caa_code otherwise)
{
    if (caa->outcome == CAA__PROBE_ANSWER) {
        switch (caa->rcode) {
        case 4:
            return CAA_CODE_NS_NOTIMP_CAA;
        case 5:
            return CAA_CODE_NS_REFUSED;
        case 1:
            return CAA_CODE_NS_FORMERR;
        case 2:
            return CAA_CODE_NS_SERVFAIL;
        default:
            return otherwise;
        }
    }
    if (soa->outcome == CAA__PROBE_ANSWER) {
        return CAA_CODE_NS_DROPS_CAA;
    }
    return CAA_CODE_NS_UNREACHABLE;
}

void culprits_probe(struct caa_bulk_culprit *culprits, const char *const *labels, size_t count,
                    struct caa__loop *async)
{
    struct address_wait wait[CULPRITS_MAX];
    struct caa__probe_query q[2 * CULPRITS_MAX];
    struct caa__probe_result r[2 * CULPRITS_MAX];
    size_t slot[CULPRITS_MAX];
    size_t n = count < CULPRITS_MAX ? count : CULPRITS_MAX;
    size_t asked = 0;
    unsigned waited = 0;

    memset(wait, 0, sizeof(wait));
    for (size_t i = 0; i < n; i++) {
        (void)caa__loop_query(async, culprits[i].nameserver, RRTYPE_A, on_address, &wait[i]);
    }
    while (!all_done(wait, n) && waited < ADDRESS_BUDGET_MS) {
        caa__loop_run(async, 50);
        waited += 50;
    }
    for (size_t i = 0; i < n; i++) {
        slot[i] = (size_t)-1;
        if (wait[i].address[0] == '\0' || labels[i] == NULL ||
            (caa__address_is_private(wait[i].address) && !caa__loop_private_root(async))) {
            continue;
        }
        slot[i] = asked;
        caa__probe_query_init(&q[asked++], wait[i].address, labels[i], RRTYPE_CAA,
                              PROBE_TIMEOUT_MS);
        caa__probe_query_init(&q[asked++], wait[i].address, labels[i], RRTYPE_SOA,
                              PROBE_TIMEOUT_MS);
    }
    memset(r, 0, sizeof(r));
    if (asked == 0 || caa__probe_run(q, asked, r) != CAA_OK) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (slot[i] != (size_t)-1) {
            culprits[i].code = judge(&r[slot[i]], &r[slot[i] + 1], culprits[i].code);
        }
    }
    for (size_t i = 0; i < asked; i++) {
        caa__probe_result_cleanup(&r[i]);
    }
}
