/* SPDX-License-Identifier: MIT */
/* src/lib/dns/dnssec_verify.c: every verdict, over a zone signed here with fresh ECDSA P-256
 * keys (ldns) at fixed dates, judged at a fixed "now". The sections are ldns RR lists, as a
 * probe's parsed reply holds them (dnssec_ldns.h); test_probed_reply goes through the probe's
 * own parse (dnssec_verify.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <ldns/ldns.h>

#include "lib/dns/dnssec_ldns.h"
#include "lib/dns/dnssec_verify.h"
#include "lib/dns/probe.h"
#include "lib/dns/probe_wire.h"

#define ZONE "example.test."
#define NOW 1700000000u /* 2023-11-14T22:13:20Z */
#define DAY 86400u
#define FRESH_INC (NOW - 3600u) /* the lab's "now - 1h" */
#define FRESH_EXP (NOW + 30u * DAY)
#define OLD_INC 1577836800u /* 2020-01-01 */
#define OLD_EXP 1580515200u /* 2020-02-01 */
#define FUTURE_INC (NOW + 10u * DAY)
#define FUTURE_EXP (NOW + 40u * DAY)
#define SECTION_MAX 256 /* the work-cap cases need more than a few RRs */
#define BOMB_NSEC3 200  /* NSEC3 RRs at one owner in the iteration bomb */

#define RRTYPE_CAA 257
#define RRTYPE_NSEC 47
#define RRTYPE_NSEC3 50
#define RRTYPE_DNSKEY 48

struct section {
    ldns_rr *rr[SECTION_MAX]; /* owned */
    size_t n;
};

/* Key A signs the zone; key B is a stranger (same algorithm, never published). */
static ldns_key *key_a;
static ldns_key *key_b;
static uint16_t tag_a;
static uint16_t tag_b;
/* One signing list per key, kept for the whole run: ldns_key_list_pop_key() leaves a dangling
 * array behind that ldns_key_list_free() frees again (ldns 1.8.3). The lists own the keys. */
static ldns_key_list *signer_a;
static ldns_key_list *signer_b;

static ldns_key *make_key(void)
{
    ldns_key *key = ldns_key_new_frm_algorithm(LDNS_SIGN_ECDSAP256SHA256, 256);
    ldns_rr *rr;

    assert_non_null(key);
    ldns_key_set_pubkey_owner(key, ldns_dname_new_frm_str(ZONE));
    ldns_key_set_flags(key, LDNS_KEY_ZONE_KEY | LDNS_KEY_SEP_KEY); /* a CSK, as in the lab */
    rr = ldns_key2rr(key);
    assert_non_null(rr);
    ldns_key_set_keytag(key, ldns_calc_keytag(rr));
    ldns_rr_free(rr);
    return key;
}

static int group_setup(void **state)
{
    (void)state;
    key_a = make_key();
    key_b = make_key();
    tag_a = ldns_key_keytag(key_a);
    tag_b = ldns_key_keytag(key_b);
    signer_a = ldns_key_list_new();
    signer_b = ldns_key_list_new();
    assert_non_null(signer_a);
    assert_non_null(signer_b);
    assert_true(ldns_key_list_push_key(signer_a, key_a));
    assert_true(ldns_key_list_push_key(signer_b, key_b));
    return tag_a == tag_b; /* astronomically unlikely; the cases need two tags */
}

static int group_teardown(void **state)
{
    (void)state;
    ldns_key_list_free(signer_a); /* and the keys */
    ldns_key_list_free(signer_b);
    return 0;
}

static ldns_rr *rr_from_text(const char *text)
{
    ldns_rr *rr = NULL;

    assert_int_equal(ldns_rr_new_frm_str(&rr, text, 3600, NULL, NULL), LDNS_STATUS_OK);
    return rr;
}

/* Appends a copy of rr, its owner respelt as owner_override when that is not NULL. */
static void push(struct section *s, const ldns_rr *rr, const char *owner_override)
{
    ldns_rr *copy = ldns_rr_clone(rr);

    assert_true(s->n < SECTION_MAX);
    assert_non_null(copy);
    if (owner_override != NULL) {
        ldns_rdf *owner = ldns_dname_new_frm_str(owner_override);

        assert_non_null(owner);
        ldns_rdf_deep_free(ldns_rr_owner(copy));
        ldns_rr_set_owner(copy, owner);
    }
    s->rr[s->n++] = copy;
}

static void push_list(struct section *s, const ldns_rr_list *list, const char *owner_override)
{
    for (size_t i = 0; i < ldns_rr_list_rr_count(list); i++) {
        push(s, ldns_rr_list_rr(list, i), owner_override);
    }
}

static void section_cleanup(struct section *s)
{
    for (size_t i = 0; i < s->n; i++) {
        ldns_rr_free(s->rr[i]);
    }
    s->n = 0;
}

/* Flips a bit of the last RDATA byte (the last byte of the last field). */
static void flip_last_byte(ldns_rr *rr)
{
    ldns_rdf *last = ldns_rr_rdf(rr, ldns_rr_rd_count(rr) - 1);

    ldns_rdf_data(last)[ldns_rdf_size(last) - 1] ^= 0x01;
}

/* The section as dns/ hands sections over: a list of borrowed RRs (NULL: an empty section). */
static ldns_rr_list *list_of(const struct section *s)
{
    ldns_rr_list *list;

    if (s == NULL) {
        return NULL;
    }
    list = ldns_rr_list_new();
    assert_non_null(list);
    for (size_t i = 0; i < s->n; i++) {
        assert_true(ldns_rr_list_push_rr(list, s->rr[i]));
    }
    return list;
}

static enum caa_status check_rrset(const struct section *rrs, const char *owner, uint16_t rrtype,
                                   const struct section *keys, uint32_t now,
                                   struct caa__dnssec_result *out)
{
    ldns_rr_list *list = list_of(rrs);
    ldns_rr_list *key_list = list_of(keys);
    enum caa_status st = caa__dnssec_judge_rrset(list, owner, rrtype, key_list, now, out);

    ldns_rr_list_free(list);
    ldns_rr_list_free(key_list);
    return st;
}

static enum caa_status check_denial(const struct section *authority, const char *qname,
                                    uint16_t qtype, bool nxdomain, const struct section *keys,
                                    uint32_t now, struct caa__dnssec_result *out)
{
    ldns_rr_list *list = list_of(authority);
    ldns_rr_list *key_list = list_of(keys);
    enum caa_status st = caa__dnssec_judge_denial(list, qname, qtype, nxdomain, key_list, now, out);

    ldns_rr_list_free(list);
    ldns_rr_list_free(key_list);
    return st;
}

static enum caa_status check_ds(const struct section *ds, const struct section *keys,
                                const char *zone, uint32_t now, struct caa__dnssec_ds_result *out)
{
    ldns_rr_list *list = list_of(ds);
    ldns_rr_list *key_list = list_of(keys);
    enum caa_status st = caa__dnssec_judge_ds(list, key_list, zone, now, out);

    ldns_rr_list_free(list);
    ldns_rr_list_free(key_list);
    return st;
}

/* The RRSIGs of key over rrset, valid from inception to expiration. */
static ldns_rr_list *sign(ldns_rr_list *rrset, ldns_key *key, uint32_t inception,
                          uint32_t expiration)
{
    ldns_rr_list *sigs;

    ldns_key_set_inception(key, inception);
    ldns_key_set_expiration(key, expiration);
    sigs = ldns_sign_public(rrset, key == key_a ? signer_a : signer_b);
    assert_non_null(sigs);
    assert_int_equal(ldns_rr_list_rr_count(sigs), 1);
    return sigs;
}

/* Adds the RRset given as text lines (NULL-terminated) and, unless drop_sig, its RRSIG. */
static void push_signed(struct section *s, const char *const *lines, ldns_key *key,
                        uint32_t inception, uint32_t expiration, bool drop_sig,
                        const char *owner_override)
{
    ldns_rr_list *rrset = ldns_rr_list_new();
    ldns_rr_list *sigs;

    for (size_t i = 0; lines[i] != NULL; i++) {
        assert_true(ldns_rr_list_push_rr(rrset, rr_from_text(lines[i])));
    }
    sigs = sign(rrset, key, inception, expiration);
    push_list(s, rrset, owner_override);
    if (!drop_sig) {
        push_list(s, sigs, owner_override);
    }
    ldns_rr_list_deep_free(sigs);
    ldns_rr_list_deep_free(rrset);
}

static void push_dnskey(struct section *s, const ldns_key *key)
{
    ldns_rr *rr = ldns_key2rr(key);

    assert_non_null(rr);
    push(s, rr, NULL);
    ldns_rr_free(rr);
}

/* The published DNSKEY RRset (key A) and its self-signature. */
static void push_dnskey_rrset(struct section *s, uint32_t inception, uint32_t expiration,
                              bool tamper)
{
    ldns_rr_list *rrset = ldns_rr_list_new();
    ldns_rr_list *sigs;

    assert_true(ldns_rr_list_push_rr(rrset, ldns_key2rr(key_a)));
    sigs = sign(rrset, key_a, inception, expiration);
    push_list(s, rrset, NULL);
    push_list(s, sigs, NULL);
    if (tamper) {
        flip_last_byte(s->rr[s->n - 1]);
    }
    ldns_rr_list_deep_free(sigs);
    ldns_rr_list_deep_free(rrset);
}

static ldns_rr *last_of_type(struct section *s, uint16_t rrtype)
{
    for (size_t i = s->n; i > 0; i--) {
        if (ldns_rr_get_type(s->rr[i - 1]) == rrtype) {
            return s->rr[i - 1];
        }
    }
    fail_msg("no RR of type %u", (unsigned)rrtype);
    return NULL;
}

/* Rewrites an RRSIG's key tag field (RFC 4034 §3.1: the seventh). */
static void set_rrsig_tag(ldns_rr *rr, uint16_t tag)
{
    uint8_t *field = ldns_rdf_data(ldns_rr_rrsig_keytag(rr));

    field[0] = (uint8_t)(tag >> 8);
    field[1] = (uint8_t)(tag & 0xffu);
}

/* ---- caa__dnssec_check_rrset ---- */

enum mutation {
    MUT_NONE,
    MUT_SIG_BYTE,    /* one bit of the signature flipped */
    MUT_DATA,        /* one bit of the CAA value flipped after signing */
    MUT_DROP_RRSIG,  /* the RRSIG stripped */
    MUT_TAG_OF_B,    /* RRSIG made by A but labelled with B's tag; B is published */
    MUT_EXPIRED_TOO, /* an extra expired RRSIG besides the good one */
    MUT_MIXED_CASE,  /* owners echoed in 0x20 mixed case */
};

enum keys {
    KEYS_A,
    KEYS_B,
    KEYS_AB,
    KEYS_NONE,
};

static void push_keys(struct section *s, enum keys keys)
{
    if (keys == KEYS_A || keys == KEYS_AB) {
        push_dnskey(s, key_a);
    }
    if (keys == KEYS_B || keys == KEYS_AB) {
        push_dnskey(s, key_b);
    }
}

static const char *const caa_rrset[] = {
    ZONE " 3600 IN CAA 0 issue \"letsencrypt.org\"",
    ZONE " 3600 IN CAA 0 issuewild \";\"",
    ZONE " 3600 IN CAA 0 iodef \"mailto:caa@example.test\"",
    NULL,
};

static const struct {
    const char *name;
    uint32_t inception;
    uint32_t expiration;
    uint32_t now;
    enum mutation mutation;
    enum keys keys;
    const char *owner; /* as the caller asks */
    uint16_t rrtype;
    enum caa__dnssec_verdict want;
    const char *want_message; /* NULL: not checked */
} rrset_cases[] = {
    {"valid", FRESH_INC, FRESH_EXP, NOW, MUT_NONE, KEYS_A, "example.test", RRTYPE_CAA,
     CAA__DNSSEC_VALID,
     "RRSIG CAA example.test. (key tag %u, algorithm 13): valid until "
     "20231214221320"},
    {"valid, asked with trailing dot and in upper case", FRESH_INC, FRESH_EXP, NOW, MUT_NONE,
     KEYS_AB, "EXAMPLE.TEST.", RRTYPE_CAA, CAA__DNSSEC_VALID, NULL},
    {"valid, owners echoed in mixed case", FRESH_INC, FRESH_EXP, NOW, MUT_MIXED_CASE, KEYS_A,
     "example.test", RRTYPE_CAA, CAA__DNSSEC_VALID, NULL},
    {"valid at the last second", FRESH_INC, FRESH_EXP, FRESH_EXP, MUT_NONE, KEYS_A, "example.test",
     RRTYPE_CAA, CAA__DNSSEC_VALID, NULL},
    {"valid at the first second", FRESH_INC, FRESH_EXP, FRESH_INC, MUT_NONE, KEYS_A, "example.test",
     RRTYPE_CAA, CAA__DNSSEC_VALID, NULL},
    {"expired", OLD_INC, OLD_EXP, NOW, MUT_NONE, KEYS_A, "example.test", RRTYPE_CAA,
     CAA__DNSSEC_EXPIRED,
     "RRSIG CAA example.test. (key tag %u, algorithm 13): expired "
     "20200201000000 (now 20231114221320)"},
    {"expired one second ago", FRESH_INC, FRESH_EXP, FRESH_EXP + 1u, MUT_NONE, KEYS_A,
     "example.test", RRTYPE_CAA, CAA__DNSSEC_EXPIRED, NULL},
    {"not yet valid", FUTURE_INC, FUTURE_EXP, NOW, MUT_NONE, KEYS_A, "example.test", RRTYPE_CAA,
     CAA__DNSSEC_NOT_YET_VALID,
     "RRSIG CAA example.test. (key tag %u, algorithm 13): not valid "
     "before 20231124221320 (now 20231114221320)"},
    {"expired and tampered: time is judged first", OLD_INC, OLD_EXP, NOW, MUT_SIG_BYTE, KEYS_A,
     "example.test", RRTYPE_CAA, CAA__DNSSEC_EXPIRED, NULL},
    {"tampered signature byte", FRESH_INC, FRESH_EXP, NOW, MUT_SIG_BYTE, KEYS_A, "example.test",
     RRTYPE_CAA, CAA__DNSSEC_BAD_SIGNATURE, NULL},
    {"tampered RRset data", FRESH_INC, FRESH_EXP, NOW, MUT_DATA, KEYS_A, "example.test", RRTYPE_CAA,
     CAA__DNSSEC_BAD_SIGNATURE, NULL},
    {"key tag of a published key that did not sign", FRESH_INC, FRESH_EXP, NOW, MUT_TAG_OF_B,
     KEYS_AB, "example.test", RRTYPE_CAA, CAA__DNSSEC_BAD_SIGNATURE, NULL},
    {"wrong key published", FRESH_INC, FRESH_EXP, NOW, MUT_NONE, KEYS_B, "example.test", RRTYPE_CAA,
     CAA__DNSSEC_NO_MATCHING_KEY,
     "RRSIG CAA example.test. (key tag %u, algorithm 13): no zone DNSKEY of signer example.test. "
     "has this algorithm and key tag"},
    {"no DNSKEY at all", FRESH_INC, FRESH_EXP, NOW, MUT_NONE, KEYS_NONE, "example.test", RRTYPE_CAA,
     CAA__DNSSEC_NO_MATCHING_KEY, NULL},
    {"missing RRSIG", FRESH_INC, FRESH_EXP, NOW, MUT_DROP_RRSIG, KEYS_A, "example.test", RRTYPE_CAA,
     CAA__DNSSEC_NO_RRSIG, "no RRSIG covers CAA example.test."},
    {"an expired RRSIG beside a valid one", FRESH_INC, FRESH_EXP, NOW, MUT_EXPIRED_TOO, KEYS_A,
     "example.test", RRTYPE_CAA, CAA__DNSSEC_VALID, NULL},
    {"other owner: nothing to judge", FRESH_INC, FRESH_EXP, NOW, MUT_NONE, KEYS_A,
     "www.example.test", RRTYPE_CAA, CAA__DNSSEC_NO_RRSET, "no CAA RRset at www.example.test."},
    {"other type: nothing to judge", FRESH_INC, FRESH_EXP, NOW, MUT_NONE, KEYS_A, "example.test", 1,
     CAA__DNSSEC_NO_RRSET, NULL},
};

static void build_rrset_case(size_t i, struct section *answer, struct section *keys)
{
    const char *mixed = rrset_cases[i].mutation == MUT_MIXED_CASE ? "ExAmPlE.tEsT" : NULL;

    push_signed(answer, caa_rrset, key_a, rrset_cases[i].inception, rrset_cases[i].expiration,
                rrset_cases[i].mutation == MUT_DROP_RRSIG, mixed);
    switch (rrset_cases[i].mutation) {
    case MUT_SIG_BYTE:
        flip_last_byte(last_of_type(answer, LDNS_RR_TYPE_RRSIG));
        break;
    case MUT_DATA:
        flip_last_byte(answer->rr[0]);
        break;
    case MUT_TAG_OF_B:
        set_rrsig_tag(last_of_type(answer, LDNS_RR_TYPE_RRSIG), tag_b);
        break;
    case MUT_EXPIRED_TOO: {
        /* The expired RRSIG comes first: a later valid one still wins. */
        struct section old = {.n = 0};

        push_signed(&old, caa_rrset, key_a, OLD_INC, OLD_EXP, false, NULL);
        answer->rr[answer->n] = answer->rr[answer->n - 1];
        answer->rr[answer->n - 1] = old.rr[old.n - 1];
        answer->n++;
        old.n--; /* moved into answer */
        section_cleanup(&old);
        break;
    }
    default:
        break;
    }
    push_keys(keys, rrset_cases[i].keys);
}

static void test_check_rrset(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rrset_cases) / sizeof(rrset_cases[0]); i++) {
        struct section answer = {.n = 0};
        struct section keys = {.n = 0};
        struct caa__dnssec_result r;
        char want[512];

        build_rrset_case(i, &answer, &keys);
        assert_int_equal(check_rrset(&answer, rrset_cases[i].owner, rrset_cases[i].rrtype, &keys,
                                     rrset_cases[i].now, &r),
                         CAA_OK);
        if (r.verdict != rrset_cases[i].want) {
            fail_msg("%s: got %s (%s), want %s", rrset_cases[i].name,
                     caa__dnssec_verdict_name(r.verdict), r.message,
                     caa__dnssec_verdict_name(rrset_cases[i].want));
        }
        assert_int_equal(r.cause, r.verdict);
        if (rrset_cases[i].want_message != NULL) {
            /* The formats name the key tag with %u: it differs per run. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
            (void)snprintf(want, sizeof(want), rrset_cases[i].want_message, (unsigned)tag_a);
#pragma GCC diagnostic pop
            assert_string_equal(r.message, want);
        }
        if (r.has_rrsig) {
            uint16_t want_tag = rrset_cases[i].mutation == MUT_TAG_OF_B ? tag_b : tag_a;

            assert_int_equal(r.key_tag, want_tag);
            assert_int_equal(r.algorithm, LDNS_ECDSAP256SHA256);
            assert_string_equal(r.owner, "example.test.");
            assert_int_equal(r.rrtype, rrset_cases[i].rrtype);
        }
        if (r.verdict == CAA__DNSSEC_EXPIRED || r.verdict == CAA__DNSSEC_NOT_YET_VALID) {
            assert_true(r.has_rrsig);
            assert_int_equal(r.inception, rrset_cases[i].inception);
            assert_int_equal(r.expiration, rrset_cases[i].expiration);
        }
        section_cleanup(&answer);
        section_cleanup(&keys);
    }
}

/* ---- caa__dnssec_check_denial ---- */

enum proof {
    PROOF_NSEC,       /* www.example.test NSEC: A RRSIG NSEC */
    PROOF_NSEC_CAA,   /* www.example.test NSEC: A CAA RRSIG NSEC */
    PROOF_NSEC_OTHER, /* an NSEC at another owner listing CAA */
    PROOF_NSEC3,      /* NSEC3 for H(www.example.test): A RRSIG */
    PROOF_NSEC3_CAA,  /* NSEC3 for H(www.example.test): A CAA RRSIG */
    PROOF_NONE,
};

static const struct {
    const char *name;
    enum proof proof;
    bool nxdomain;
    uint32_t inception; /* of the proof's RRSIG */
    uint32_t expiration;
    enum mutation mutation; /* MUT_SIG_BYTE or MUT_DROP_RRSIG hit the proof's RRSIG */
    enum caa__dnssec_verdict want;
    enum caa__dnssec_verdict want_cause;
    uint16_t want_rrtype;
} denial_cases[] = {
    {"NSEC NODATA", PROOF_NSEC, false, FRESH_INC, FRESH_EXP, MUT_NONE, CAA__DNSSEC_VALID,
     CAA__DNSSEC_VALID, RRTYPE_CAA},
    {"NSEC NODATA, bad proof signature (PowerDNS 4.0.3)", PROOF_NSEC, false, FRESH_INC, FRESH_EXP,
     MUT_SIG_BYTE, CAA__DNSSEC_BAD_DENIAL, CAA__DNSSEC_BAD_SIGNATURE, RRTYPE_NSEC},
    {"NSEC NXDOMAIN, bad proof signature", PROOF_NSEC, true, FRESH_INC, FRESH_EXP, MUT_SIG_BYTE,
     CAA__DNSSEC_BAD_DENIAL, CAA__DNSSEC_BAD_SIGNATURE, RRTYPE_NSEC},
    {"NSEC proof expired", PROOF_NSEC, false, OLD_INC, OLD_EXP, MUT_NONE, CAA__DNSSEC_BAD_DENIAL,
     CAA__DNSSEC_EXPIRED, RRTYPE_NSEC},
    {"NSEC proof unsigned", PROOF_NSEC, false, FRESH_INC, FRESH_EXP, MUT_DROP_RRSIG,
     CAA__DNSSEC_BAD_DENIAL, CAA__DNSSEC_NO_RRSIG, RRTYPE_NSEC},
    {"NSEC bitmap lists CAA", PROOF_NSEC_CAA, false, FRESH_INC, FRESH_EXP, MUT_NONE,
     CAA__DNSSEC_PROOF_WRONG, CAA__DNSSEC_VALID, RRTYPE_CAA},
    {"NSEC bitmap lists CAA, bad signature too: signature first", PROOF_NSEC_CAA, false, FRESH_INC,
     FRESH_EXP, MUT_SIG_BYTE, CAA__DNSSEC_BAD_DENIAL, CAA__DNSSEC_BAD_SIGNATURE, RRTYPE_NSEC},
    {"NXDOMAIN: another owner's bitmap may list CAA", PROOF_NSEC_OTHER, true, FRESH_INC, FRESH_EXP,
     MUT_NONE, CAA__DNSSEC_VALID, CAA__DNSSEC_VALID, RRTYPE_CAA},
    {"NODATA: another owner's bitmap may list CAA", PROOF_NSEC_OTHER, false, FRESH_INC, FRESH_EXP,
     MUT_NONE, CAA__DNSSEC_VALID, CAA__DNSSEC_VALID, RRTYPE_CAA},
    {"NSEC3 NODATA", PROOF_NSEC3, false, FRESH_INC, FRESH_EXP, MUT_NONE, CAA__DNSSEC_VALID,
     CAA__DNSSEC_VALID, RRTYPE_CAA},
    {"NSEC3 NODATA, bad proof signature", PROOF_NSEC3, false, FRESH_INC, FRESH_EXP, MUT_SIG_BYTE,
     CAA__DNSSEC_BAD_DENIAL, CAA__DNSSEC_BAD_SIGNATURE, RRTYPE_NSEC3},
    {"NSEC3 proof not yet valid", PROOF_NSEC3, false, FUTURE_INC, FUTURE_EXP, MUT_NONE,
     CAA__DNSSEC_BAD_DENIAL, CAA__DNSSEC_NOT_YET_VALID, RRTYPE_NSEC3},
    {"NSEC3 bitmap lists CAA", PROOF_NSEC3_CAA, false, FRESH_INC, FRESH_EXP, MUT_NONE,
     CAA__DNSSEC_PROOF_WRONG, CAA__DNSSEC_VALID, RRTYPE_CAA},
    {"no proof at all", PROOF_NONE, false, FRESH_INC, FRESH_EXP, MUT_NONE,
     CAA__DNSSEC_MISSING_PROOF, CAA__DNSSEC_VALID, RRTYPE_CAA},
};

static void nsec3_owner(char *buf, size_t size)
{
    ldns_rdf *name = ldns_dname_new_frm_str("www." ZONE);
    ldns_rdf *hash = ldns_nsec3_hash_name(name, 1, 0, 0, NULL);
    char *text = ldns_rdf2str(hash);

    assert_non_null(text);
    (void)snprintf(buf, size, "%s%s", text, ZONE);
    free(text);
    ldns_rdf_deep_free(hash);
    ldns_rdf_deep_free(name);
}

static void build_denial_case(size_t i, struct section *authority)
{
    static const char *const soa[] = {
        ZONE " 3600 IN SOA ns1." ZONE " hostmaster." ZONE " 1 7200 3600 1209600 3600", NULL};
    char owner3[300];
    char line[400];
    const char *proof[] = {line, NULL};
    const char *types;

    push_signed(authority, soa, key_a, FRESH_INC, FRESH_EXP, false, NULL);
    nsec3_owner(owner3, sizeof(owner3));
    switch (denial_cases[i].proof) {
    case PROOF_NSEC:
        (void)snprintf(line, sizeof(line), "www." ZONE " 3600 IN NSEC zzz." ZONE " A RRSIG NSEC");
        break;
    case PROOF_NSEC_CAA:
        (void)snprintf(line, sizeof(line),
                       "www." ZONE " 3600 IN NSEC zzz." ZONE " A CAA RRSIG NSEC");
        break;
    case PROOF_NSEC_OTHER:
        (void)snprintf(line, sizeof(line),
                       "aaa." ZONE " 3600 IN NSEC zzz." ZONE " A CAA RRSIG NSEC");
        break;
    case PROOF_NSEC3_CAA:
    case PROOF_NSEC3:
        types = denial_cases[i].proof == PROOF_NSEC3_CAA ? "A CAA RRSIG" : "A RRSIG";
        (void)snprintf(line, sizeof(line),
                       "%s 3600 IN NSEC3 1 0 0 - 0123456789abcdefghijklmnopqrstuv %s", owner3,
                       types);
        break;
    case PROOF_NONE:
        return;
    }
    push_signed(authority, proof, key_a, denial_cases[i].inception, denial_cases[i].expiration,
                denial_cases[i].mutation == MUT_DROP_RRSIG, NULL);
    if (denial_cases[i].mutation == MUT_SIG_BYTE) {
        flip_last_byte(last_of_type(authority, LDNS_RR_TYPE_RRSIG));
    }
}

static void test_check_denial(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(denial_cases) / sizeof(denial_cases[0]); i++) {
        struct section authority = {.n = 0};
        struct section keys = {.n = 0};
        struct section answer = {.n = 0};
        struct caa__dnssec_result r;

        build_denial_case(i, &authority);
        push_keys(&keys, KEYS_A);
        assert_int_equal(check_denial(&authority, "www.example.test", RRTYPE_CAA,
                                      denial_cases[i].nxdomain, &keys, NOW, &r),
                         CAA_OK);
        if (r.verdict != denial_cases[i].want || r.cause != denial_cases[i].want_cause) {
            fail_msg("%s: got %s/%s (%s), want %s/%s", denial_cases[i].name,
                     caa__dnssec_verdict_name(r.verdict), caa__dnssec_verdict_name(r.cause),
                     r.message, caa__dnssec_verdict_name(denial_cases[i].want),
                     caa__dnssec_verdict_name(denial_cases[i].want_cause));
        }
        assert_int_equal(r.rrtype, denial_cases[i].want_rrtype);
        if (r.verdict == CAA__DNSSEC_BAD_DENIAL && r.cause != CAA__DNSSEC_NO_RRSIG) {
            assert_true(r.has_rrsig);
            assert_int_equal(r.key_tag, tag_a);
        }
        /* The zone's positive answers (signed with the same key) still verify. */
        push_signed(&answer, caa_rrset, key_a, FRESH_INC, FRESH_EXP, false, NULL);
        assert_int_equal(check_rrset(&answer, ZONE, RRTYPE_CAA, &keys, NOW, &r), CAA_OK);
        assert_int_equal(r.verdict, CAA__DNSSEC_VALID);
        section_cleanup(&answer);
        section_cleanup(&authority);
        section_cleanup(&keys);
    }
}

/* Issue 11: NSEC3 with 65,535 iterations, many of them at one owner, cost a diagnose 68 s of
 * CPU (every record hashed). Above 150 iterations (RFC 9276 §3.2) nothing is hashed and the
 * answer is called insecure, as validators do; before the cap this case returned VALID after
 * BOMB_NSEC3 x 65,535 SHA-1 rounds. */
static void test_nsec3_iteration_bomb(void **state)
{
    static const char *const soa[] = {
        ZONE " 3600 IN SOA ns1." ZONE " hostmaster." ZONE " 1 7200 3600 1209600 3600", NULL};
    struct section authority = {.n = 0};
    struct section keys = {.n = 0};
    ldns_rr_list *rrset = ldns_rr_list_new();
    ldns_rr_list *sigs;
    char owner3[300];
    struct caa__dnssec_result r;

    (void)state;
    push_signed(&authority, soa, key_a, FRESH_INC, FRESH_EXP, false, NULL);
    nsec3_owner(owner3, sizeof(owner3));
    for (unsigned i = 0; i < BOMB_NSEC3; i++) {
        char line[400];
        /* One RRset: same owner, each RR with a salt of its own. */
        (void)snprintf(line, sizeof(line),
                       "%s 3600 IN NSEC3 1 0 65535 %04x 0123456789abcdefghijklmnopqrstuv A RRSIG",
                       owner3, i);
        assert_true(ldns_rr_list_push_rr(rrset, rr_from_text(line)));
    }
    sigs = sign(rrset, key_a, FRESH_INC, FRESH_EXP);
    push_list(&authority, rrset, NULL);
    push_list(&authority, sigs, NULL);
    push_keys(&keys, KEYS_A);
    assert_int_equal(
        check_denial(&authority, "www.example.test", RRTYPE_CAA, false, &keys, NOW, &r), CAA_OK);
    assert_string_equal(caa__dnssec_verdict_name(r.verdict), "NSEC3_ITERATIONS");
    assert_non_null(strstr(r.message, "65535 iterations"));
    assert_non_null(strstr(r.message, "insecure"));
    ldns_rr_list_deep_free(sigs);
    ldns_rr_list_deep_free(rrset);
    section_cleanup(&authority);
    section_cleanup(&keys);
}

/* Work caps: of 9 RRSIGs over one RRset only the first 8 are tried (the good 9th is never
 * reached), and of 20 proof RRsets only 8 are judged, which the message says. */
static void test_work_caps(void **state)
{
    ldns_rr_list *rrset = ldns_rr_list_new();
    ldns_rr_list *sigs;
    struct section answer = {.n = 0};
    struct section authority = {.n = 0};
    struct section keys = {.n = 0};
    struct caa__dnssec_result r;

    (void)state;
    for (size_t i = 0; caa_rrset[i] != NULL; i++) {
        assert_true(ldns_rr_list_push_rr(rrset, rr_from_text(caa_rrset[i])));
    }
    sigs = sign(rrset, key_a, FRESH_INC, FRESH_EXP);
    push_list(&answer, rrset, NULL);
    for (int i = 0; i < 9; i++) {
        push_list(&answer, sigs, NULL);
        if (i < 8) {
            flip_last_byte(last_of_type(&answer, LDNS_RR_TYPE_RRSIG));
        }
    }
    ldns_rr_list_deep_free(sigs);
    ldns_rr_list_deep_free(rrset);
    push_keys(&keys, KEYS_A);
    assert_int_equal(check_rrset(&answer, ZONE, RRTYPE_CAA, &keys, NOW, &r), CAA_OK);
    assert_int_equal(r.verdict, CAA__DNSSEC_BAD_SIGNATURE);
    for (int i = 0; i < 20; i++) {
        char line[200];
        const char *lines[] = {line, NULL};
        (void)snprintf(line, sizeof(line),
                       "a%02d." ZONE " 3600 IN NSEC a%02d." ZONE " A RRSIG NSEC", i, i + 1);
        push_signed(&authority, lines, key_a, FRESH_INC, FRESH_EXP, false, NULL);
    }
    assert_int_equal(check_denial(&authority, "www.example.test", RRTYPE_CAA, true, &keys, NOW, &r),
                     CAA_OK);
    assert_int_equal(r.verdict, CAA__DNSSEC_VALID);
    assert_non_null(strstr(r.message, "8 NSEC/NSEC3 RRset(s) verify"));
    assert_non_null(strstr(r.message, "not checked"));
    section_cleanup(&answer);
    section_cleanup(&authority);
    section_cleanup(&keys);
}

static void test_denial_message(void **state)
{
    struct section authority = {.n = 0};
    struct section keys = {.n = 0};
    struct caa__dnssec_result r;
    char want[512];

    (void)state;
    build_denial_case(1, &authority); /* NSEC NODATA, bad proof signature */
    push_keys(&keys, KEYS_A);
    assert_int_equal(
        check_denial(&authority, "www.example.test", RRTYPE_CAA, false, &keys, NOW, &r), CAA_OK);
    (void)snprintf(want, sizeof(want),
                   "denial proof for NODATA CAA: RRSIG NSEC www.example.test. (key tag %u, "
                   "algorithm 13): signature does not verify (Bogus DNSSEC signature)",
                   (unsigned)tag_a);
    assert_string_equal(r.message, want);
    assert_string_equal(r.owner, "www.example.test.");
    section_cleanup(&authority);
    section_cleanup(&keys);
}

/* ---- caa__dnssec_check_ds ---- */

enum ds_source {
    DS_NONE,
    DS_OF_A,
    DS_OF_B,
    DS_OF_A_TAMPERED,
    DS_OF_B_AND_A,
};

static const struct {
    const char *name;
    enum ds_source ds;
    ldns_hash digest;
    bool publish_dnskey;
    uint32_t inception; /* of the DNSKEY RRset's RRSIG */
    uint32_t expiration;
    bool tamper_sig;
    enum caa__dnssec_verdict want_ds;
    enum caa__dnssec_verdict want_sig;
} ds_cases[] = {
    {"DS SHA-256 matches", DS_OF_A, LDNS_SHA256, true, FRESH_INC, FRESH_EXP, false,
     CAA__DNSSEC_DS_MATCH, CAA__DNSSEC_VALID},
    {"DS SHA-1 matches", DS_OF_A, LDNS_SHA1, true, FRESH_INC, FRESH_EXP, false,
     CAA__DNSSEC_DS_MATCH, CAA__DNSSEC_VALID},
    {"DS SHA-384 matches", DS_OF_A, LDNS_SHA384, true, FRESH_INC, FRESH_EXP, false,
     CAA__DNSSEC_DS_MATCH, CAA__DNSSEC_VALID},
    {"a stale DS beside the right one", DS_OF_B_AND_A, LDNS_SHA256, true, FRESH_INC, FRESH_EXP,
     false, CAA__DNSSEC_DS_MATCH, CAA__DNSSEC_VALID},
    {"DS of another key", DS_OF_B, LDNS_SHA256, true, FRESH_INC, FRESH_EXP, false,
     CAA__DNSSEC_DS_MISMATCH, CAA__DNSSEC_VALID},
    {"DS digest tampered", DS_OF_A_TAMPERED, LDNS_SHA256, true, FRESH_INC, FRESH_EXP, false,
     CAA__DNSSEC_DS_MISMATCH, CAA__DNSSEC_VALID},
    {"no DS: unsigned delegation", DS_NONE, LDNS_SHA256, true, FRESH_INC, FRESH_EXP, false,
     CAA__DNSSEC_NO_DS, CAA__DNSSEC_VALID},
    {"DS but no DNSKEY: stripped", DS_OF_A, LDNS_SHA256, false, FRESH_INC, FRESH_EXP, false,
     CAA__DNSSEC_NO_DNSKEY, CAA__DNSSEC_NO_RRSET},
    {"DNSKEY self-signature expired", DS_OF_A, LDNS_SHA256, true, OLD_INC, OLD_EXP, false,
     CAA__DNSSEC_DS_MATCH, CAA__DNSSEC_EXPIRED},
    {"DNSKEY self-signature tampered", DS_OF_A, LDNS_SHA256, true, FRESH_INC, FRESH_EXP, true,
     CAA__DNSSEC_DS_MATCH, CAA__DNSSEC_BAD_SIGNATURE},
};

static void push_ds(struct section *s, const ldns_key *key, ldns_hash digest, bool tamper)
{
    ldns_rr *key_rr = ldns_key2rr(key);
    ldns_rr *ds = ldns_key_rr2ds(key_rr, digest);

    assert_non_null(ds);
    push(s, ds, NULL);
    if (tamper) {
        flip_last_byte(s->rr[s->n - 1]);
    }
    ldns_rr_free(ds);
    ldns_rr_free(key_rr);
}

static void test_check_ds(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(ds_cases) / sizeof(ds_cases[0]); i++) {
        struct section ds = {.n = 0};
        struct section dnskeys = {.n = 0};
        struct caa__dnssec_ds_result r;

        if (ds_cases[i].ds == DS_OF_B || ds_cases[i].ds == DS_OF_B_AND_A) {
            push_ds(&ds, key_b, ds_cases[i].digest, false);
        }
        if (ds_cases[i].ds == DS_OF_A || ds_cases[i].ds == DS_OF_B_AND_A ||
            ds_cases[i].ds == DS_OF_A_TAMPERED) {
            push_ds(&ds, key_a, ds_cases[i].digest, ds_cases[i].ds == DS_OF_A_TAMPERED);
        }
        if (ds_cases[i].publish_dnskey) {
            push_dnskey_rrset(&dnskeys, ds_cases[i].inception, ds_cases[i].expiration,
                              ds_cases[i].tamper_sig);
        }
        assert_int_equal(check_ds(&ds, &dnskeys, "example.test", NOW, &r), CAA_OK);
        if (r.ds != ds_cases[i].want_ds || r.dnskey_sig.verdict != ds_cases[i].want_sig) {
            fail_msg("%s: got %s (%s) / %s (%s), want %s / %s", ds_cases[i].name,
                     caa__dnssec_verdict_name(r.ds), r.message,
                     caa__dnssec_verdict_name(r.dnskey_sig.verdict), r.dnskey_sig.message,
                     caa__dnssec_verdict_name(ds_cases[i].want_ds),
                     caa__dnssec_verdict_name(ds_cases[i].want_sig));
        }
        if (r.ds == CAA__DNSSEC_DS_MATCH) {
            assert_int_equal(r.ds_key_tag, tag_a);
            assert_int_equal(r.ds_digest_type, ds_cases[i].digest);
        }
        assert_int_equal(r.dnskey_sig.rrtype, RRTYPE_DNSKEY);
        section_cleanup(&ds);
        section_cleanup(&dnskeys);
    }
}

static void test_ds_mismatch_message(void **state)
{
    struct section ds = {.n = 0};
    struct section dnskeys = {.n = 0};
    struct caa__dnssec_ds_result r;
    char want[512];

    (void)state;
    push_ds(&ds, key_b, LDNS_SHA256, false);
    push_dnskey_rrset(&dnskeys, FRESH_INC, FRESH_EXP, false);
    assert_int_equal(check_ds(&ds, &dnskeys, "example.test.", NOW, &r), CAA_OK);
    (void)snprintf(want, sizeof(want),
                   "no DS for example.test. (key tags %u) matches a zone DNSKEY (key tags %u)",
                   (unsigned)tag_b, (unsigned)tag_a);
    assert_string_equal(r.message, want);
    section_cleanup(&ds);
    section_cleanup(&dnskeys);
}

/* ---- arguments and odd input ---- */

/* An RR whose RDATA is one opaque field: what a record is when its RDATA does not split into the
 * fields of its type. */
static ldns_rr *raw_rr(const char *owner, uint16_t rrtype, const uint8_t *rdata, size_t len)
{
    ldns_rr *rr = ldns_rr_new();
    ldns_rdf *name = ldns_dname_new_frm_str(owner);
    ldns_rdf *field = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_UNKNOWN, len, rdata);

    assert_non_null(rr);
    assert_non_null(name);
    assert_non_null(field);
    ldns_rr_set_owner(rr, name);
    ldns_rr_set_type(rr, (ldns_rr_type)rrtype);
    ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
    ldns_rr_set_ttl(rr, 60);
    assert_true(ldns_rr_push_rdf(rr, field));
    return rr;
}

static void test_bad_input(void **state)
{
    static const uint8_t one_byte[] = {0};
    /* An RRSIG over CAA whose RDATA is too short to parse. */
    static const uint8_t short_rrsig[] = {0x01, 0x01, 13};
    struct section odd = {.n = 0};
    struct caa__dnssec_result r;
    struct caa__dnssec_ds_result dr;

    (void)state;
    odd.rr[odd.n++] = raw_rr("example.test", RRTYPE_CAA, one_byte, sizeof(one_byte));
    odd.rr[odd.n++] = raw_rr("example.test", LDNS_RR_TYPE_RRSIG, short_rrsig, sizeof(short_rrsig));
    assert_int_equal(caa__dnssec_check_rrset(NULL, "example.test", RRTYPE_CAA, NULL, NOW, NULL),
                     CAA_E_INVALID_ARG);
    assert_int_equal(caa__dnssec_check_rrset(NULL, NULL, RRTYPE_CAA, NULL, NOW, &r),
                     CAA_E_INVALID_ARG);
    assert_int_equal(caa__dnssec_check_rrset(NULL, "a..b", RRTYPE_CAA, NULL, NOW, &r),
                     CAA_E_INVALID_ARG);
    assert_int_equal(caa__dnssec_check_denial(NULL, NULL, RRTYPE_CAA, false, NULL, NOW, &r),
                     CAA_E_INVALID_ARG);
    assert_int_equal(caa__dnssec_check_ds(NULL, NULL, "example.test", NOW, NULL),
                     CAA_E_INVALID_ARG);

    /* Malformed CAA RDATA is still an RRset; the broken RRSIG over it counts as bad. */
    assert_int_equal(check_rrset(&odd, "example.test", RRTYPE_CAA, NULL, NOW, &r), CAA_OK);
    assert_int_equal(r.verdict, CAA__DNSSEC_BAD_SIGNATURE);
    assert_false(r.has_rrsig);
    odd.n--; /* without the RRSIG */
    assert_int_equal(check_rrset(&odd, "example.test", RRTYPE_CAA, NULL, NOW, &r), CAA_OK);
    assert_int_equal(r.verdict, CAA__DNSSEC_NO_RRSIG);
    odd.n++;
    section_cleanup(&odd);

    /* The root, spelt "" or ".". */
    assert_int_equal(caa__dnssec_check_rrset(NULL, "", RRTYPE_CAA, NULL, NOW, &r), CAA_OK);
    assert_int_equal(r.verdict, CAA__DNSSEC_NO_RRSET);
    assert_string_equal(r.owner, ".");
    assert_int_equal(caa__dnssec_check_ds(NULL, NULL, ".", NOW, &dr), CAA_OK);
    assert_int_equal(dr.ds, CAA__DNSSEC_NO_DS);
    assert_int_equal(dr.dnskey_sig.verdict, CAA__DNSSEC_NO_RRSET);
}

/* ---- through the probe's own parse (dnssec_verify.h) ---- */

/* The section given as a reply to qname/qtype, on the wire and read back as a probe reads it:
 * the checks then judge the records of result->msg. Answer section unless in_authority. */
static void probe_reply(const struct section *s, bool in_authority, const char *qname,
                        uint16_t qtype, struct caa__probe_result *result)
{
    struct caa__probe_query q;
    ldns_pkt *pkt = ldns_pkt_new();
    uint8_t *sent = NULL;
    size_t sent_len = 0;
    uint8_t *reply = NULL;
    size_t reply_len = 0;
    char error[128];

    assert_non_null(pkt);
    ldns_pkt_set_id(pkt, 1);
    ldns_pkt_set_qr(pkt, true);
    ldns_pkt_set_aa(pkt, true);
    for (size_t i = 0; i < s->n; i++) {
        assert_true(ldns_pkt_push_rr(pkt,
                                     in_authority ? LDNS_SECTION_AUTHORITY : LDNS_SECTION_ANSWER,
                                     ldns_rr_clone(s->rr[i])));
    }
    assert_int_equal(ldns_pkt2wire(&reply, pkt, &reply_len), LDNS_STATUS_OK);
    caa__probe_query_init(&q, "127.0.0.1", qname, qtype, 1000);
    assert_int_equal(caa__probe_wire_query(&q, 1, &sent, &sent_len, error, sizeof(error)), CAA_OK);
    memset(result, 0, sizeof(*result));
    assert_int_equal(caa__probe_wire_parse(sent, sent_len, reply, reply_len, result), CAA_OK);
    assert_non_null(result->msg);
    free(sent);
    free(reply);
    ldns_pkt_free(pkt);
}

/* The same verdicts when the records come from a probed reply: a CAA answer, a NODATA proof and
 * the DS link, each once fine and once broken, so the checks do read the reply's records. */
static void test_probed_reply(void **state)
{
    struct section answer = {.n = 0};
    struct section authority = {.n = 0};
    struct section keys = {.n = 0};
    struct section ds = {.n = 0};
    struct caa__probe_result caa_reply;
    struct caa__probe_result nodata_reply;
    struct caa__probe_result key_reply;
    struct caa__probe_result ds_reply;
    struct caa__dnssec_result r;
    struct caa__dnssec_ds_result dr;

    (void)state;
    push_signed(&answer, caa_rrset, key_a, FRESH_INC, FRESH_EXP, false, "ExAmPlE.tEsT");
    build_denial_case(1, &authority); /* NSEC NODATA, bad proof signature */
    push_dnskey_rrset(&keys, FRESH_INC, FRESH_EXP, false);
    push_ds(&ds, key_a, LDNS_SHA256, false);
    probe_reply(&answer, false, "ExAmPlE.tEsT", RRTYPE_CAA, &caa_reply);
    probe_reply(&authority, true, "www.example.test", RRTYPE_CAA, &nodata_reply);
    probe_reply(&keys, false, "example.test", RRTYPE_DNSKEY, &key_reply);
    probe_reply(&ds, false, "example.test", LDNS_RR_TYPE_DS, &ds_reply);

    assert_int_equal(
        caa__dnssec_check_rrset(&caa_reply, "example.test", RRTYPE_CAA, &key_reply, NOW, &r),
        CAA_OK);
    assert_string_equal(caa__dnssec_verdict_name(r.verdict), "VALID");
    /* The DS reply has no CAA RRset; the DNSKEY reply holds no key for the CAA reply's RRSIG. */
    assert_int_equal(
        caa__dnssec_check_rrset(&ds_reply, "example.test", RRTYPE_CAA, &key_reply, NOW, &r),
        CAA_OK);
    assert_string_equal(caa__dnssec_verdict_name(r.verdict), "NO_RRSET");
    assert_int_equal(
        caa__dnssec_check_rrset(&caa_reply, "example.test", RRTYPE_CAA, &ds_reply, NOW, &r),
        CAA_OK);
    assert_string_equal(caa__dnssec_verdict_name(r.verdict), "NO_MATCHING_KEY");

    assert_int_equal(caa__dnssec_check_denial(&nodata_reply, "www.example.test", RRTYPE_CAA, false,
                                              &key_reply, NOW, &r),
                     CAA_OK);
    assert_string_equal(caa__dnssec_verdict_name(r.verdict), "BAD_DENIAL");
    assert_string_equal(caa__dnssec_verdict_name(r.cause), "BAD_SIGNATURE");
    /* The proof sits in the authority section: the answer section holds none. */
    assert_int_equal(caa__dnssec_check_denial(&caa_reply, "www.example.test", RRTYPE_CAA, false,
                                              &key_reply, NOW, &r),
                     CAA_OK);
    assert_string_equal(caa__dnssec_verdict_name(r.verdict), "MISSING_PROOF");

    assert_int_equal(caa__dnssec_check_ds(&ds_reply, &key_reply, "example.test", NOW, &dr), CAA_OK);
    assert_string_equal(caa__dnssec_verdict_name(dr.ds), "DS_MATCH");
    assert_string_equal(caa__dnssec_verdict_name(dr.dnskey_sig.verdict), "VALID");
    assert_int_equal(caa__dnssec_check_ds(&caa_reply, &key_reply, "example.test", NOW, &dr),
                     CAA_OK);
    assert_string_equal(caa__dnssec_verdict_name(dr.ds), "NO_DS");

    caa__probe_result_cleanup(&caa_reply);
    caa__probe_result_cleanup(&nodata_reply);
    caa__probe_result_cleanup(&key_reply);
    caa__probe_result_cleanup(&ds_reply);
    section_cleanup(&answer);
    section_cleanup(&authority);
    section_cleanup(&keys);
    section_cleanup(&ds);
}

/* RFC 4034 §5.1.4: the DS digest covers the DNSKEY owner in lower case, however the zone's
 * server spells it (0x20 echoes, a zone file in capitals). */
static void test_ds_mixed_case_owner(void **state)
{
    struct section ds = {.n = 0};
    struct section dnskeys = {.n = 0};
    struct caa__dnssec_ds_result r;
    ldns_rr *key_rr = ldns_key2rr(key_a);

    (void)state;
    assert_non_null(key_rr);
    push_ds(&ds, key_a, LDNS_SHA256, false);
    push(&dnskeys, key_rr, "ExAmPlE.TeSt.");
    assert_int_equal(check_ds(&ds, &dnskeys, "example.test", NOW, &r), CAA_OK);
    assert_string_equal(caa__dnssec_verdict_name(r.ds), "DS_MATCH");
    /* The caller's key is left as it was. */
    assert_int_equal(ldns_rdf_data(ldns_rr_owner(dnskeys.rr[0]))[1], 'E');
    ldns_rr_free(key_rr);
    section_cleanup(&ds);
    section_cleanup(&dnskeys);
}

static void test_verdict_names(void **state)
{
    static const char *const want[] = {
        "VALID",       "NO_RRSET",      "NO_RRSIG",      "NO_MATCHING_KEY",
        "EXPIRED",     "NOT_YET_VALID", "BAD_SIGNATURE", "UNSUPPORTED_ALGORITHM",
        "BAD_DENIAL",  "MISSING_PROOF", "PROOF_WRONG",   "DS_MATCH",
        "DS_MISMATCH", "NO_DS",         "NO_DNSKEY",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_string_equal(caa__dnssec_verdict_name((enum caa__dnssec_verdict)i), want[i]);
    }
    assert_string_equal(caa__dnssec_verdict_name((enum caa__dnssec_verdict)99), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_rrset),         cmocka_unit_test(test_check_denial),
        cmocka_unit_test(test_denial_message),      cmocka_unit_test(test_check_ds),
        cmocka_unit_test(test_ds_mismatch_message), cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_verdict_names),       cmocka_unit_test(test_nsec3_iteration_bomb),
        cmocka_unit_test(test_work_caps),           cmocka_unit_test(test_probed_reply),
        cmocka_unit_test(test_ds_mixed_case_owner),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
