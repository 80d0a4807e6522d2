/* SPDX-License-Identifier: MIT */
/* A direct probe's reply handling (probe_wire.c): any bytes a server sends, read as the reply to
 * a CAA query for "WwW.ExAmPlE.tEsT" (mixed case, as the probes send it). Every RR copied out
 * must be consistent (owner a C string, RDATA of its stated length), whatever the input. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lib/dns/probe.h"
#include "lib/dns/probe_wire.h"

#define RRTYPE_CAA 257
#define QUERY_ID 0x1234

static void touch(const struct caa__probe_rr *rrs, size_t count)
{
    volatile uint8_t sink = 0;

    for (size_t i = 0; i < count; i++) {
        if (memchr(rrs[i].owner, '\0', sizeof(rrs[i].owner)) == NULL) {
            abort();
        }
        for (size_t b = 0; b < rrs[i].rdata_len; b++) {
            sink ^= rrs[i].rdata[b]; /* ASan: the whole RDATA is ours to read */
        }
    }
    (void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct caa__probe_query q;
    struct caa__probe_result r;
    uint8_t *sent = NULL;
    size_t sent_len = 0;
    char error[128];

    caa__probe_query_init(&q, "127.0.0.1", "WwW.ExAmPlE.tEsT", RRTYPE_CAA, 1000);
    if (caa__probe_wire_query(&q, QUERY_ID, &sent, &sent_len, error, sizeof(error)) != CAA_OK) {
        abort();
    }
    memset(&r, 0, sizeof(r));
    r.rcode = -1;
    if (caa__probe_wire_parse(sent, sent_len, data, size, &r) == CAA_OK) {
        if (memchr(r.echoed_qname, '\0', sizeof(r.echoed_qname)) == NULL) {
            abort();
        }
        touch(r.answer, r.answer_count);
        touch(r.authority, r.authority_count);
        touch(r.additional, r.additional_count);
    } else if (r.answer != NULL || r.error[0] == '\0') {
        abort(); /* a rejected reply leaves the sections empty and says why */
    }
    caa__probe_result_cleanup(&r);
    free(sent);
    return 0;
}
