/* SPDX-License-Identifier: MIT */
/* What the wire engine takes from an authoritative reply (an answer, a referral) and what it
 * hands to libunbound: every case that is not an ordinary authoritative answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <ldns/ldns.h>

#include "lib/wire/reply.h"

struct reply_case {
    const char *what;
    int rcode;
    bool aa;
    const char *answer[3];    /* RRs in presentation form */
    const char *authority[3]; /* idem */
    enum wire_reply_kind want;
    int want_rcode;
    size_t want_rdata;
    const char *want_cut;
};

static const char *const SOA = "z.test. 300 IN SOA ns.z.test. h.z.test. 1 2 3 4 60";

static const struct reply_case cases[] = {
    {"positive",
     0,
     true,
     {"a.z.test. 600 IN CAA 0 issue \"ca.example\""},
     {NULL},
     WIRE_REPLY_ANSWER,
     0,
     1,
     ""},
    {"nodata", 0, true, {NULL}, {SOA}, WIRE_REPLY_ANSWER, 0, 0, ""},
    {"nxdomain", 3, true, {NULL}, {SOA}, WIRE_REPLY_ANSWER, 3, 0, ""},
    {"nodata without SOA", 0, true, {NULL}, {NULL}, WIRE_REPLY_UNUSUAL, 0, 0, ""},
    {"SOA of a zone above",
     0,
     true,
     {NULL},
     {"test. 300 IN SOA a.test. b.test. 1 2 3 4 5"},
     WIRE_REPLY_UNUSUAL,
     0,
     0,
     ""},
    {"servfail", 2, true, {NULL}, {SOA}, WIRE_REPLY_LAME, 0, 0, ""},
    {"refused", 5, false, {NULL}, {NULL}, WIRE_REPLY_LAME, 0, 0, ""},
    {"not authoritative",
     0,
     false,
     {"a.z.test. 600 IN CAA 0 issue \"ca.example\""},
     {NULL},
     WIRE_REPLY_LAME,
     0,
     0,
     ""},
    {"cname", 0, true, {"a.z.test. 600 IN CNAME b.y.test."}, {NULL}, WIRE_REPLY_UNUSUAL, 0, 0, ""},
    {"foreign owner",
     0,
     true,
     {"b.z.test. 600 IN CAA 0 issue \"ca.example\""},
     {NULL},
     WIRE_REPLY_UNUSUAL,
     0,
     0,
     ""},
    {"records with NXDOMAIN",
     3,
     true,
     {"a.z.test. 600 IN CAA 0 issue \"ca.example\""},
     {SOA},
     WIRE_REPLY_UNUSUAL,
     0,
     0,
     ""},
    {"referral",
     0,
     false,
     {NULL},
     {"sub.z.test. 300 IN NS ns.sub.z.test."},
     WIRE_REPLY_REFERRAL,
     0,
     0,
     "sub.z.test"},
    {"referral sideways",
     0,
     false,
     {NULL},
     {"other.z.test. 300 IN NS ns.other.z.test."},
     WIRE_REPLY_LAME,
     0,
     0,
     ""},
    {"referral upwards", 0, false, {NULL}, {"test. 300 IN NS ns.test."}, WIRE_REPLY_LAME, 0, 0, ""},
};

static void push(ldns_pkt *pkt, ldns_pkt_section section, const char *const *rrs)
{
    for (size_t i = 0; i < 3 && rrs[i] != NULL; i++) {
        ldns_rr *rr = NULL;
        assert_int_equal(ldns_rr_new_frm_str(&rr, rrs[i], 0, NULL, NULL), LDNS_STATUS_OK);
        assert_true(ldns_pkt_push_rr(pkt, section, rr));
    }
}

static void test_replies(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct reply_case *c = &cases[i];
        ldns_pkt *pkt = NULL;
        uint8_t *wire = NULL;
        size_t len = 0;
        struct caa__dns_answer ans;
        char cut[256] = "";
        const char *why = "";
        enum wire_reply_kind kind;

        assert_int_equal(ldns_pkt_query_new_frm_str(&pkt, "a.sub.z.test.", LDNS_RR_TYPE_CAA,
                                                    LDNS_RR_CLASS_IN, 0),
                         LDNS_STATUS_OK);
        ldns_pkt_set_qr(pkt, true);
        ldns_pkt_set_aa(pkt, c->aa);
        ldns_pkt_set_rcode(pkt, (uint8_t)c->rcode);
        push(pkt, LDNS_SECTION_ANSWER, c->answer);
        push(pkt, LDNS_SECTION_AUTHORITY, c->authority);
        assert_int_equal(ldns_pkt2wire(&wire, pkt, &len), LDNS_STATUS_OK);
        caa__dns_answer_init(&ans, "a.z.test");
        /* The same reply, asked for a.z.test (answers) or a.sub.z.test (referrals). */
        kind = wire_reply_read(wire, len, c->want_cut[0] != '\0' ? "a.sub.z.test" : "a.z.test",
                               "z.test", NULL, 0, &ans, cut, &why);
        if (kind != c->want) {
            fail_msg("%s: got kind %d (%s), want %d", c->what, kind, why, c->want);
        }
        if (kind == WIRE_REPLY_ANSWER) {
            assert_int_equal(ans.rcode, c->want_rcode);
            assert_int_equal(ans.rdata_count, c->want_rdata);
            assert_int_equal(ans.dnssec, CAA__DNSSEC_INSECURE);
        } else {
            assert_int_equal(ans.rdata_count, 0);
            assert_int_equal(ans.rcode, -1);
        }
        if (kind == WIRE_REPLY_REFERRAL) {
            assert_string_equal(cut, c->want_cut);
        }
        caa__dns_answer_cleanup(&ans);
        free(wire);
        ldns_pkt_free(pkt);
    }
}

static void test_signed_zone_without_proof_goes_to_the_resolver(void **state)
{
    static const uint8_t key[] = {1, 1, 3, 13, 1, 2, 3, 4, 5, 6, 7, 8};
    const uint8_t *rdata[1] = {key};
    size_t rdata_len[1] = {sizeof(key)};
    struct wire_keys *keys = wire_keys_new("z.test", rdata, rdata_len, 1);
    ldns_pkt *pkt = NULL;
    uint8_t *wire = NULL;
    size_t len = 0;
    struct caa__dns_answer ans;
    char cut[256] = "";
    const char *why = "";
    const char *answer[3] = {"a.z.test. 600 IN CAA 0 issue \"ca.example\"", NULL, NULL};

    (void)state;
    assert_non_null(keys);
    assert_int_equal(
        ldns_pkt_query_new_frm_str(&pkt, "a.z.test.", LDNS_RR_TYPE_CAA, LDNS_RR_CLASS_IN, 0),
        LDNS_STATUS_OK);
    ldns_pkt_set_qr(pkt, true);
    ldns_pkt_set_aa(pkt, true);
    push(pkt, LDNS_SECTION_ANSWER, answer);
    assert_int_equal(ldns_pkt2wire(&wire, pkt, &len), LDNS_STATUS_OK);
    caa__dns_answer_init(&ans, "a.z.test");
    /* No RRSIG: in a signed zone that is stripped data, never an answer. */
    assert_int_equal(wire_reply_read(wire, len, "a.z.test", "z.test", keys, 0, &ans, cut, &why),
                     WIRE_REPLY_UNUSUAL);
    caa__dns_answer_cleanup(&ans);
    free(wire);
    ldns_pkt_free(pkt);
    wire_keys_free(keys);
}

static void test_name_to_text(void **state)
{
    char out[256];

    (void)state;
    assert_true(wire_name_to_text((const uint8_t *)"\3NsA\4test\0", 10, out));
    assert_string_equal(out, "nsa.test");
    assert_true(wire_name_to_text((const uint8_t *)"\0", 1, out));
    assert_string_equal(out, "");
    assert_false(wire_name_to_text((const uint8_t *)"\3a.b\0", 5, out));
    assert_false(wire_name_to_text((const uint8_t *)"\5ab", 3, out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replies),
        cmocka_unit_test(test_signed_zone_without_proof_goes_to_the_resolver),
        cmocka_unit_test(test_name_to_text),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
