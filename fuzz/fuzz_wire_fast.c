/* SPDX-License-Identifier: MIT */
/* wire_fast.c: an authoritative server's reply read without ldns. Differential: whenever the
 * fast reader accepts a reply, ldns (the reference path of wire_reply.c) must read it the same
 * way: kind, reason, cut, and the answer's rcode, DNSSEC state, TC, TTL, CAA RDATA and aliases. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lib/dns/resolver.h"
#include "lib/dns/wire_fast.h"
#include "lib/dns/wire_reply.h"

static const struct {
    const char *qname;
    const char *zone;
} asks[] = {
    {"a.z.test", "z.test"},
    {"a.sub.z.test", "z.test"},
    {"a.z.test", ""},
    {"b.y.test", "y.test"},
};

static bool same_answer(const struct caa__dns_answer *a, const struct caa__dns_answer *b)
{
    return a->rcode == b->rcode && a->dnssec == b->dnssec && caa__dns_answer_same_records(a, b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
        struct caa__dns_answer fast, slow;
        char fast_cut[256] = "", slow_cut[256] = "";
        const char *fast_why = "", *slow_why = "";
        enum caa__wire_reply_kind fast_kind, slow_kind;

        caa__dns_answer_init(&fast, asks[i].qname);
        caa__dns_answer_init(&slow, asks[i].qname);
        if (caa__wire_fast_read(data, size, asks[i].qname, asks[i].zone, &fast, fast_cut,
                                &fast_kind, &fast_why)) {
            slow_kind = caa__wire_reply_read_ldns(data, size, asks[i].qname, asks[i].zone, NULL, 0,
                                                  &slow, slow_cut, &slow_why);
            if (fast_kind != slow_kind || strcmp(fast_why, slow_why) != 0 ||
                strcmp(fast_cut, slow_cut) != 0 || !same_answer(&fast, &slow)) {
                abort();
            }
        }
        caa__dns_answer_cleanup(&fast);
        caa__dns_answer_cleanup(&slow);
    }
    return 0;
}
