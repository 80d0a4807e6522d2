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

#include "lib/dns/wire_reply.h"

struct reply_case {
    const char *what;
    int rcode;
    bool aa;
    const char *answer[3];    /* RRs in presentation form */
    const char *authority[3]; /* idem */
    enum caa__wire_reply_kind want;
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
     CAA__WIRE_REPLY_ANSWER,
     0,
     1,
     ""},
    {"nodata", 0, true, {NULL}, {SOA}, CAA__WIRE_REPLY_ANSWER, 0, 0, ""},
    {"nxdomain", 3, true, {NULL}, {SOA}, CAA__WIRE_REPLY_ANSWER, 3, 0, ""},
    {"nodata without SOA", 0, true, {NULL}, {NULL}, CAA__WIRE_REPLY_UNUSUAL, 0, 0, ""},
    {"SOA of a zone above",
     0,
     true,
     {NULL},
     {"test. 300 IN SOA a.test. b.test. 1 2 3 4 5"},
     CAA__WIRE_REPLY_UNUSUAL,
     0,
     0,
     ""},
    {"servfail", 2, true, {NULL}, {SOA}, CAA__WIRE_REPLY_LAME, 0, 0, ""},
    {"refused", 5, false, {NULL}, {NULL}, CAA__WIRE_REPLY_LAME, 0, 0, ""},
    {"not authoritative",
     0,
     false,
     {"a.z.test. 600 IN CAA 0 issue \"ca.example\""},
     {NULL},
     CAA__WIRE_REPLY_LAME,
     0,
     0,
     ""},
    {"cname",
     0,
     true,
     {"a.z.test. 600 IN CNAME b.Y.test."},
     {NULL},
     CAA__WIRE_REPLY_ALIAS,
     0,
     0,
     "b.y.test"},
    {"cname and the target's data",
     0,
     true,
     {"a.z.test. 600 IN CNAME b.y.test.", "b.y.test. 600 IN CAA 0 issue \"ca.example\""},
     {NULL},
     CAA__WIRE_REPLY_ALIAS,
     0,
     0,
     "b.y.test"},
    {"two cnames",
     0,
     true,
     {"a.z.test. 600 IN CNAME b.y.test.", "a.z.test. 600 IN CNAME c.y.test."},
     {NULL},
     CAA__WIRE_REPLY_UNUSUAL,
     0,
     0,
     ""},
    {"dname",
     0,
     true,
     {"z.test. 600 IN DNAME y.test.", "a.z.test. 600 IN CNAME a.y.test."},
     {NULL},
     CAA__WIRE_REPLY_UNUSUAL,
     0,
     0,
     ""},
    {"foreign owner",
     0,
     true,
     {"b.z.test. 600 IN CAA 0 issue \"ca.example\""},
     {NULL},
     CAA__WIRE_REPLY_UNUSUAL,
     0,
     0,
     ""},
    {"records with NXDOMAIN",
     3,
     true,
     {"a.z.test. 600 IN CAA 0 issue \"ca.example\""},
     {SOA},
     CAA__WIRE_REPLY_UNUSUAL,
     0,
     0,
     ""},
    {"referral",
     0,
     false,
     {NULL},
     {"sub.z.test. 300 IN NS ns.sub.z.test."},
     CAA__WIRE_REPLY_REFERRAL,
     0,
     0,
     "sub.z.test"},
    {"referral sideways",
     0,
     false,
     {NULL},
     {"other.z.test. 300 IN NS ns.other.z.test."},
     CAA__WIRE_REPLY_LAME,
     0,
     0,
     ""},
    {"referral upwards",
     0,
     false,
     {NULL},
     {"test. 300 IN NS ns.test."},
     CAA__WIRE_REPLY_LAME,
     0,
     0,
     ""},
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
        enum caa__wire_reply_kind kind;

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
        kind = caa__wire_reply_read(
            wire, len, c->want == CAA__WIRE_REPLY_REFERRAL ? "a.sub.z.test" : "a.z.test", "z.test",
            NULL, 0, &ans, cut, &why);
        if (kind != c->want) {
            fail_msg("%s: got kind %d (%s), want %d", c->what, kind, why, c->want);
        }
        if (kind == CAA__WIRE_REPLY_ANSWER) {
            assert_int_equal(ans.rcode, c->want_rcode);
            assert_int_equal(ans.rdata_count, c->want_rdata);
            assert_int_equal(ans.dnssec, CAA_DNSSEC_INSECURE);
        } else {
            assert_int_equal(ans.rdata_count, 0); /* an alias sets only ttl and dnssec */
            assert_int_equal(ans.rcode, -1);
        }
        if (kind == CAA__WIRE_REPLY_REFERRAL || kind == CAA__WIRE_REPLY_ALIAS) {
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
    struct caa__wire_keys *keys = caa__wire_keys_new("z.test", rdata, rdata_len, 1);
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
    assert_int_equal(
        caa__wire_reply_read(wire, len, "a.z.test", "z.test", keys, 0, &ans, cut, &why),
        CAA__WIRE_REPLY_UNUSUAL);
    caa__dns_answer_cleanup(&ans);
    free(wire);
    ldns_pkt_free(pkt);
    caa__wire_keys_free(keys);
}

/* A signed zone z.test: one ECDSA P-256 key (flags 257), valid an hour either side of NOW. */
#define NOW 1700000000u

struct signer {
    ldns_key_list *keys;
    struct caa__wire_keys *wire_keys;
};

static void signer_init(struct signer *s)
{
    ldns_key *key = ldns_key_new_frm_algorithm(LDNS_SIGN_ECDSAP256SHA256, 256);
    ldns_rr *dnskey;
    ldns_buffer *buf = ldns_buffer_new(512);
    const uint8_t *rdata[1];
    size_t rdata_len[1];

    assert_non_null(key);
    assert_non_null(buf);
    ldns_key_set_pubkey_owner(key, ldns_dname_new_frm_str("z.test."));
    ldns_key_set_flags(key, 257);
    ldns_key_set_inception(key, NOW - 3600);
    ldns_key_set_expiration(key, NOW + 3600);
    s->keys = ldns_key_list_new();
    assert_true(ldns_key_list_push_key(s->keys, key));
    dnskey = ldns_key2rr(key);
    assert_non_null(dnskey);
    assert_int_equal(ldns_rr_rdata2buffer_wire(buf, dnskey), LDNS_STATUS_OK);
    ldns_key_set_keytag(key, ldns_calc_keytag(dnskey));
    rdata[0] = ldns_buffer_begin(buf);
    rdata_len[0] = ldns_buffer_position(buf);
    s->wire_keys = caa__wire_keys_new("z.test", rdata, rdata_len, 1);
    assert_non_null(s->wire_keys);
    ldns_rr_free(dnskey);
    ldns_buffer_free(buf);
}

static void signer_cleanup(struct signer *s)
{
    ldns_key_list_free(s->keys);
    caa__wire_keys_free(s->wire_keys);
}

/* Pushes the RRs (presentation form) into the packet section, with their RRSIGs if signed. */
static void push_rrset(ldns_pkt *pkt, ldns_pkt_section section, const struct signer *s,
                       const char *const *rrs, size_t n, bool sign)
{
    ldns_rr_list *list = ldns_rr_list_new();
    ldns_rr_list *sigs;

    for (size_t i = 0; i < n; i++) {
        ldns_rr *rr = NULL;
        assert_int_equal(ldns_rr_new_frm_str(&rr, rrs[i], 0, NULL, NULL), LDNS_STATUS_OK);
        assert_true(ldns_rr_list_push_rr(list, rr));
    }
    sigs = sign ? ldns_sign_public(list, s->keys) : NULL;
    assert_true(!sign || sigs != NULL);
    for (size_t i = 0; i < ldns_rr_list_rr_count(list); i++) {
        assert_true(ldns_pkt_push_rr(pkt, section, ldns_rr_list_rr(list, i)));
    }
    for (size_t i = 0; sigs != NULL && i < ldns_rr_list_rr_count(sigs); i++) {
        assert_true(ldns_pkt_push_rr(pkt, section, ldns_rr_list_rr(sigs, i)));
    }
    ldns_rr_list_free(list);
    ldns_rr_list_free(sigs);
}

static const char *const CAA_RR[] = {"a.z.test. 600 IN CAA 0 issue \"ca.example\""};
static const char *const SIGNED_SOA[] = {"z.test. 300 IN SOA ns.z.test. h.z.test. 1 2 3 4 60"};
static const char *const NSEC_NO_CAA[] = {"a.z.test. 60 IN NSEC b.z.test. A RRSIG NSEC"};
static const char *const NSEC_WITH_CAA[] = {"a.z.test. 60 IN NSEC b.z.test. A CAA RRSIG NSEC"};

enum signed_case { POSITIVE, TAMPERED, UNSIGNED_SOA, NODATA, NODATA_CAA_IN_BITMAP, NXDOMAIN };

/* The reply of case c to a.z.test CAA, read at `now` against the zone's keys, into an answer
 * whose RDATA come from pool (NULL: malloc). */
static enum caa__wire_reply_kind read_signed(const struct signer *s, enum signed_case c,
                                             uint32_t now, struct caa__block_pool *pool,
                                             struct caa__dns_answer *ans)
{
    ldns_pkt *pkt = NULL;
    uint8_t *wire = NULL;
    size_t len = 0;
    char cut[256] = "";
    const char *why = "";
    enum caa__wire_reply_kind kind;

    assert_int_equal(
        ldns_pkt_query_new_frm_str(&pkt, "a.z.test.", LDNS_RR_TYPE_CAA, LDNS_RR_CLASS_IN, 0),
        LDNS_STATUS_OK);
    ldns_pkt_set_qr(pkt, true);
    ldns_pkt_set_aa(pkt, true);
    if (c == POSITIVE || c == TAMPERED) {
        push_rrset(pkt, LDNS_SECTION_ANSWER, s, CAA_RR, 1, true);
        if (c == TAMPERED) {
            /* The RRSIG signs "ca.example"; the server says "cb.example". */
            ldns_rr *rr = ldns_rr_list_rr(ldns_pkt_answer(pkt), 0);
            ldns_rdf *value = ldns_rr_rdf(rr, 2);
            ldns_rdf_data(value)[1] = 'b';
        }
    } else {
        ldns_pkt_set_rcode(pkt, c == NXDOMAIN ? LDNS_RCODE_NXDOMAIN : LDNS_RCODE_NOERROR);
        push_rrset(pkt, LDNS_SECTION_AUTHORITY, s, SIGNED_SOA, 1, c != UNSIGNED_SOA);
        push_rrset(pkt, LDNS_SECTION_AUTHORITY, s,
                   c == NODATA_CAA_IN_BITMAP ? NSEC_WITH_CAA : NSEC_NO_CAA, 1, true);
    }
    assert_int_equal(ldns_pkt2wire(&wire, pkt, &len), LDNS_STATUS_OK);
    caa__dns_answer_init(ans, "a.z.test");
    ans->pool = pool;
    kind = caa__wire_reply_read(wire, len, "a.z.test", "z.test", s->wire_keys, now, ans, cut, &why);
    free(wire);
    ldns_pkt_free(pkt);
    return kind;
}

static void test_signed_zone(void **state)
{
    static const struct {
        enum signed_case c;
        uint32_t now;
        enum caa__wire_reply_kind want;
        size_t want_rdata;
    } signed_cases[] = {
        {POSITIVE, NOW, CAA__WIRE_REPLY_ANSWER, 1},
        {POSITIVE, NOW + 7200, CAA__WIRE_REPLY_UNUSUAL, 0}, /* expired: libunbound says bogus */
        {POSITIVE, NOW - 7200, CAA__WIRE_REPLY_UNUSUAL, 0}, /* not yet valid */
        {TAMPERED, NOW, CAA__WIRE_REPLY_UNUSUAL, 0},
        {NODATA, NOW, CAA__WIRE_REPLY_ANSWER, 0},
        {UNSIGNED_SOA, NOW, CAA__WIRE_REPLY_UNUSUAL, 0},
        {NODATA_CAA_IN_BITMAP, NOW, CAA__WIRE_REPLY_UNUSUAL, 0},
        {NXDOMAIN, NOW, CAA__WIRE_REPLY_UNUSUAL, 0}, /* not judged here */
    };
    struct signer s;
    struct caa__block_pool pool;

    (void)state;
    signer_init(&s);
    caa__block_pool_init(&pool, 256);
    for (size_t i = 0; i < sizeof(signed_cases) / sizeof(signed_cases[0]); i++) {
        struct caa__dns_answer ans;
        struct caa__dns_answer pooled; /* bulk's: the same records, in a block of the pool */
        enum caa__wire_reply_kind kind =
            read_signed(&s, signed_cases[i].c, signed_cases[i].now, NULL, &ans);
        if (kind != signed_cases[i].want) {
            fail_msg("case %zu: got kind %d, want %d", i, kind, signed_cases[i].want);
        }
        assert_int_equal(ans.rdata_count, signed_cases[i].want_rdata);
        if (kind == CAA__WIRE_REPLY_ANSWER) {
            assert_int_equal(ans.dnssec, CAA_DNSSEC_SECURE);
            assert_int_equal(ans.rcode, 0);
        }
        assert_int_equal(read_signed(&s, signed_cases[i].c, signed_cases[i].now, &pool, &pooled),
                         kind);
        assert_true(caa__dns_answer_same_records(&ans, &pooled));
        caa__dns_answer_cleanup(&ans);
        caa__dns_answer_cleanup(&pooled);
    }
    caa__block_pool_cleanup(&pool);
    signer_cleanup(&s);
}

static void test_name_to_text(void **state)
{
    char out[256];

    (void)state;
    assert_true(caa__wire_name_to_text((const uint8_t *)"\3NsA\4test\0", 10, out));
    assert_string_equal(out, "nsa.test");
    assert_true(caa__wire_name_to_text((const uint8_t *)"\0", 1, out));
    assert_string_equal(out, "");
    assert_false(caa__wire_name_to_text((const uint8_t *)"\3a.b\0", 5, out));
    assert_false(caa__wire_name_to_text((const uint8_t *)"\5ab", 3, out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replies),
        cmocka_unit_test(test_signed_zone_without_proof_goes_to_the_resolver),
        cmocka_unit_test(test_signed_zone),
        cmocka_unit_test(test_name_to_text),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
