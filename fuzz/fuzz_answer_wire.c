/* SPDX-License-Identifier: MIT */
/* answer_wire.c: libunbound's answer packet read without ldns. Differential: whenever the
 * ldns-free reader accepts a packet, the ldns reader (answer_parse.c) must read it the same
 * way: outcome, rcode, AD, TC, TTL, RDATA and aliases; and the reader the resolver uses
 * (caa__dns_answer_read) always agrees with ldns. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lib/dns/answer_parse.h"
#include "lib/dns/answer_wire.h"
#include "lib/dns/resolver.h"

/* CAA (the event path), none (the threaded path: aliases and TC), NS and RRSIG (names in the
 * RDATA, given back uncompressed). */
static const int qtypes[] = {257, -1, 2, 46};

static bool same_head(enum caa__answer_read r, const struct caa__answer_head *a,
                      const struct caa__answer_head *b)
{
    return r == CAA__ANSWER_READ_MALFORMED || (a->rcode == b->rcode && a->ad == b->ad);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i < sizeof(qtypes) / sizeof(qtypes[0]); i++) {
        struct caa__dns_answer fast, used, ref;
        struct caa__answer_head fast_head = {-1, false}, used_head = {-1, false};
        struct caa__answer_head ref_head = {-1, false};
        enum caa__answer_read fast_r, used_r, ref_r;

        caa__dns_answer_init(&fast, "www.example.test");
        caa__dns_answer_init(&used, "www.example.test");
        caa__dns_answer_init(&ref, "www.example.test");
        fast_r = caa__answer_wire_read(data, size, qtypes[i], &fast, &fast_head);
        used_r = caa__dns_answer_read(data, size, qtypes[i], &used, &used_head);
        ref_r = caa__dns_answer_read_ldns(data, size, qtypes[i], &ref, &ref_head);
        if ((fast_r != CAA__ANSWER_READ_DECLINED &&
             (fast_r != ref_r || !same_head(ref_r, &fast_head, &ref_head) ||
              !caa__dns_answer_same_records(&fast, &ref))) ||
            used_r != ref_r || !same_head(ref_r, &used_head, &ref_head) ||
            !caa__dns_answer_same_records(&used, &ref)) {
            abort();
        }
        caa__dns_answer_cleanup(&fast);
        caa__dns_answer_cleanup(&used);
        caa__dns_answer_cleanup(&ref);
    }
    return 0;
}
