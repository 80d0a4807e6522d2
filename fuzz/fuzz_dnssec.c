/* SPDX-License-Identifier: MIT */
/* The DNSSEC checks (dnssec_verify.c) over hostile replies. Input: a 2-byte length L, then the
 * reply to a CAA query (L bytes), then the reply to the zone's DNSKEY query (the rest). Both
 * are read as the probes read them (the checks then judge the records ldns parsed); then the CAA
 * answer's signature, the empty answer's proof and the DS link are judged, with the DNSKEY
 * answer as the zone's keys. The work caps must
 * hold (no input may take long: libFuzzer's -timeout catches one that does). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lib/dns/dnssec_verify.h"
#include "lib/dns/probe.h"
#include "lib/dns/probe_wire.h"

#define RRTYPE_CAA 257
#define RRTYPE_DNSKEY 48
#define RRTYPE_RRSIG 46
#define RRSIG_INCEPTION_AT 12 /* RFC 4034 §3.1: type, alg, labels, TTL, expiration, inception */

static bool read_reply(const char *qname, uint16_t qtype, const uint8_t *data, size_t size,
                       struct caa__probe_result *r)
{
    struct caa__probe_query q;
    uint8_t *sent = NULL;
    size_t sent_len = 0;
    char error[128];
    bool ok;

    caa__probe_query_init(&q, "127.0.0.1", qname, qtype, 1000);
    memset(r, 0, sizeof(*r));
    if (caa__probe_wire_query(&q, 1, &sent, &sent_len, error, sizeof(error)) != CAA_OK) {
        abort();
    }
    ok = caa__probe_wire_parse(sent, sent_len, data, size, r) == CAA_OK;
    free(sent);
    return ok;
}

static void check_message(const struct caa__dnssec_result *res)
{
    if (memchr(res->message, '\0', sizeof(res->message)) == NULL ||
        memchr(res->owner, '\0', sizeof(res->owner)) == NULL ||
        strcmp(caa__dnssec_verdict_name(res->verdict), "?") == 0) {
        abort();
    }
}

/* "Now" for the checks: two hours after the first RRSIG's inception, so seeds captured from the
 * lab (signed from capture time - 1 h) reach the cryptography whenever they are replayed. */
static uint32_t now_for(const struct caa__probe_result *r)
{
    const struct caa__probe_rr *sections[] = {r->answer, r->authority};
    const size_t counts[] = {r->answer_count, r->authority_count};

    for (size_t s = 0; s < 2; s++) {
        for (size_t i = 0; i < counts[s]; i++) {
            const struct caa__probe_rr *rr = &sections[s][i];
            if (rr->rrtype == RRTYPE_RRSIG && rr->rdata_len >= RRSIG_INCEPTION_AT + 4) {
                const uint8_t *p = rr->rdata + RRSIG_INCEPTION_AT;
                return ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]) +
                       7200u;
            }
        }
    }
    return 1700000000u;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct caa__probe_result caa;
    struct caa__probe_result keys;
    struct caa__dnssec_result res;
    struct caa__dnssec_ds_result ds;
    size_t first;
    uint32_t now;
    const char *qname;
    const char *zone;

    if (size < 2) {
        return 0;
    }
    first = (size_t)data[0] << 8 | data[1];
    if (first > size - 2) {
        first = size - 2;
    }
    (void)read_reply("example.test", RRTYPE_CAA, data + 2, first, &caa);
    (void)read_reply("example.test", RRTYPE_DNSKEY, data + 2 + first, size - 2 - first, &keys);
    now = now_for(&caa);
    /* The names the replies are about (the echoed questions), so real seeds judge real RRsets. */
    qname = caa.echoed_qname[0] != '\0' ? caa.echoed_qname : "example.test";
    zone = keys.echoed_qname[0] != '\0' ? keys.echoed_qname : "example.test";
    if (caa__dnssec_check_rrset(&caa, qname, RRTYPE_CAA, &keys, now, &res) == CAA_OK) {
        check_message(&res);
    }
    for (int nx = 0; nx < 2; nx++) {
        if (caa__dnssec_check_denial(&caa, qname, RRTYPE_CAA, nx == 1, &keys, now, &res) ==
            CAA_OK) {
            check_message(&res);
        }
    }
    /* The CAA reply's answer read as the parent's DS RRset. */
    if (caa__dnssec_check_ds(&caa, &keys, zone, now, &ds) == CAA_OK) {
        check_message(&ds.dnskey_sig);
    }
    caa__probe_result_cleanup(&caa);
    caa__probe_result_cleanup(&keys);
    return 0;
}
