/* SPDX-License-Identifier: MIT */
/*
 * The verdict, case by case: every rule of /work/shared/notes/ca-behaviour.md (§1, §6, §9) and
 * each test case of its §11 that a pure function can decide, under both profiles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/evaluate.h>
#include <caa/value.h>

#include "lib/caa/evaluation_internal.h"
#include "lib/caa/rrset_internal.h"

#define LE_ACCT "https://acme-v02.api.letsencrypt.org/acme/acct/123"
#define NONE "-" /* no method / no account in the request */

enum { A = CAA_VERDICT_ALLOWED, D = CAA_VERDICT_DENIED };

struct verdict_case {
    const char *id;
    const char *records[5]; /* presentation RDATA, NULL-terminated */
    const char *name;       /* default "example.com" */
    const char *method;     /* default "http-01" */
    const char *account;    /* default LE_ACCT */
    int le_verdict;
    enum caa_code le_code;
    int rfc_verdict;
    enum caa_code rfc_code;
};

#define SAME(v, c) v, c, v, c

static const struct verdict_case cases[] = {
    {"T001 no records", {NULL}, NULL, NULL, NULL, SAME(A, CAA_CODE_NO_RECORDS)},
    {"T007 other CA",
     {"0 issue \"caatestsuite.com\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_ISSUER_NOT_LISTED)},
    {"authorized", {"0 issue \"letsencrypt.org\""}, NULL, NULL, NULL, SAME(A, CAA_CODE_AUTHORIZED)},
    {"T009 iodef only",
     {"0 iodef \"mailto:x@example.com\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_NO_RELEVANT_PROPERTY)},
    {"T020 tag case, other CA",
     {"0 iSsUe \"ca.com\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_ISSUER_NOT_LISTED)},
    {"T020 tag case, this CA",
     {"0 ISSUE \"letsencrypt.org\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"T021 empty issuer", {"0 issue \";\""}, NULL, NULL, NULL, SAME(D, CAA_CODE_EMPTY_ISSUER)},
    {"T021 empty issuer, wildcard",
     {"0 issue \";\""},
     "*.example.com",
     NULL,
     NULL,
     SAME(D, CAA_CODE_EMPTY_ISSUER)},
    {"empty value", {"0 issue \"\""}, NULL, NULL, NULL, SAME(D, CAA_CODE_EMPTY_ISSUER)},
    {"T022 issuewild only, wildcard",
     {"0 issuewild \";\""},
     "*.example.com",
     NULL,
     NULL,
     SAME(D, CAA_CODE_EMPTY_ISSUER)},
    {"T022 issuewild only, plain",
     {"0 issuewild \";\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_NO_RELEVANT_PROPERTY)},
    {"T023 issuewild wins, wildcard",
     {"0 issue \"letsencrypt.org\"", "0 issuewild \"ca.com\""},
     "*.example.com",
     NULL,
     NULL,
     SAME(D, CAA_CODE_ISSUER_NOT_LISTED)},
    {"T023 issuewild ignored, plain",
     {"0 issue \"letsencrypt.org\"", "0 issuewild \"ca.com\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"issuewild allows wildcard",
     {"0 issue \";\"", "0 ISSUEWILD \"letsencrypt.org\""},
     "*.example.com",
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"issue governs wildcard without issuewild",
     {"0 issue \"letsencrypt.org\""},
     "*.example.com",
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"T029 unknown tag only, wildcard",
     {"0 foo \"bar\""},
     "*.example.com",
     NULL,
     NULL,
     SAME(A, CAA_CODE_NO_RELEVANT_PROPERTY)},
    {"T030 additive",
     {"0 issue \";\"", "0 issue \"letsencrypt.org\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"T034 whitespace, unknown params",
     {"0 issue \"  letsencrypt.org  ;foo=bar;baz=bar\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"T035 underscore in param tag",
     {"0 issue \"letsencrypt.org; a_b=123\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_MALFORMED)},
    {"T040 lone trailing ;",
     {"0 issue \"letsencrypt.org;\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"T040 trailing ; and spaces",
     {"0 issue \"letsencrypt.org;   \""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"T043 ; after last parameter",
     {"0 issue \"letsencrypt.org; validationmethods=dns-01;\""},
     NULL,
     "dns-01",
     NULL,
     SAME(D, CAA_CODE_MALFORMED)},
    {"T044 ;;", {"0 issue \"letsencrypt.org;;\""}, NULL, NULL, NULL, SAME(D, CAA_CODE_MALFORMED)},
    {"T049 wrong domain",
     {"0 issue \"letsencrypt.com\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_ISSUER_NOT_LISTED)},
    {"T049 URL",
     {"0 issue \"https://letsencrypt.org\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_ISSUER_NOT_LISTED)},
    {"T049 CA's name",
     {"0 issue \"Let's Encrypt\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_ISSUER_NOT_LISTED)},
    {"issuer with trailing dot",
     {"0 issue \"letsencrypt.org.\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_ISSUER_NOT_LISTED)},
    {"literal quotes in value",
     {"0 issue \"\\\"letsencrypt.org\\\"\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_ISSUER_NOT_LISTED)},
    {"issuer case: byte-exact at LE",
     {"0 issue \"LetsEncrypt.org\""},
     NULL,
     NULL,
     NULL,
     D,
     CAA_CODE_ISSUER_NOT_LISTED,
     A,
     CAA_CODE_AUTHORIZED},
    {"T054 flag 1 on known tags",
     {"1 issue \"ca.com\"", "1 issue \"letsencrypt.org\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"T055 unknown critical",
     {"0 issue \"letsencrypt.org\"", "128 foo \"bar\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_UNKNOWN_CRITICAL)},
    {"T056 flags 130",
     {"130 caatestsuitedummyproperty \"test\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_UNKNOWN_CRITICAL)},
    {"T058 flags 9 on unknown tag",
     {"9 foo \"bar\""},
     NULL,
     NULL,
     NULL,
     D,
     CAA_CODE_UNKNOWN_CRITICAL,
     A,
     CAA_CODE_NO_RELEVANT_PROPERTY},
    {"flags 1 on unknown tag with issue",
     {"0 issue \"letsencrypt.org\"", "1 tbs \"x\""},
     NULL,
     NULL,
     NULL,
     D,
     CAA_CODE_UNKNOWN_CRITICAL,
     A,
     CAA_CODE_AUTHORIZED},
    {"flags 2 on unknown tag",
     {"0 issue \"letsencrypt.org\"", "2 tbs \"x\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"T060 critical iodef",
     {"128 iodef \"mailto:sec@example.com\"", "0 issue \"letsencrypt.org\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"T061 critical issuemail, issuevmc",
     {"128 issuemail \";\"", "128 issuevmc \";\"", "0 issue \"letsencrypt.org\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"critical contactemail is unknown",
     {"0 issue \"letsencrypt.org\"", "128 contactemail \"a@b.c\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_UNKNOWN_CRITICAL)},
    {"T068 method not listed",
     {"0 issue \"letsencrypt.org; validationmethods=dns-01\""},
     NULL,
     "http-01",
     NULL,
     SAME(D, CAA_CODE_METHOD_NOT_ALLOWED)},
    {"T070 http-01 listed",
     {"0 issue \"letsencrypt.org; validationmethods=http-01,dns-01\""},
     NULL,
     "http-01",
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"T070 dns-01 listed",
     {"0 issue \"letsencrypt.org; validationmethods=http-01,dns-01\""},
     NULL,
     "dns-01",
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"T070 tls-alpn-01 not listed",
     {"0 issue \"letsencrypt.org; validationmethods=http-01,dns-01\""},
     NULL,
     "tls-alpn-01",
     NULL,
     SAME(D, CAA_CODE_METHOD_NOT_ALLOWED)},
    {"no method given",
     {"0 issue \"letsencrypt.org; validationmethods=dns-01\""},
     NULL,
     NONE,
     NULL,
     SAME(D, CAA_CODE_METHOD_NOT_ALLOWED)},
    {"T072 other account",
     {"0 issue \"letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/321\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_ACCOUNTURI_MISMATCH)},
    {"T073 additive accounts",
     {"0 issue \"letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/321\"",
      "0 issue \"letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/123\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"no account given",
     {"0 issue \"letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/123\""},
     NULL,
     NULL,
     NONE,
     SAME(D, CAA_CODE_ACCOUNTURI_MISMATCH)},
    {"v1 form of the same account",
     {"0 issue \"letsencrypt.org; accounturi=https://acme-v01.api.letsencrypt.org/acme/reg/123\""},
     NULL,
     NULL,
     NULL,
     A,
     CAA_CODE_AUTHORIZED,
     D,
     CAA_CODE_ACCOUNTURI_MISMATCH},
    {"staging is another account",
     {"0 issue \"letsencrypt.org; "
      "accounturi=https://acme-staging-v02.api.letsencrypt.org/acme/acct/123\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_ACCOUNTURI_MISMATCH)},
    {"T075 duplicate validationmethods",
     {"0 issue \"letsencrypt.org; validationmethods=http-01; validationmethods=dns-01\""},
     NULL,
     "http-01",
     NULL,
     SAME(D, CAA_CODE_DUPLICATE_PARAMETER)},
    {"duplicate accounturi",
     {"0 issue \"letsencrypt.org; accounturi=" LE_ACCT "; accounturi=" LE_ACCT "\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_DUPLICATE_PARAMETER)},
    {"T080 unknown method labels skipped",
     {"0 issue \"letsencrypt.org; validationmethods=tls-sni-01,http-01\""},
     NULL,
     "http-01",
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
    {"malformed label after the match",
     {"0 issue \"letsencrypt.org; validationmethods=http-01,bad_label\""},
     NULL,
     "http-01",
     NULL,
     A,
     CAA_CODE_AUTHORIZED,
     D,
     CAA_CODE_METHOD_NOT_ALLOWED},
    {"malformed label before the match",
     {"0 issue \"letsencrypt.org; validationmethods=bad_label,http-01\""},
     NULL,
     "http-01",
     NULL,
     SAME(D, CAA_CODE_METHOD_NOT_ALLOWED)},
    {"T086 trailing slash",
     {"0 issue \"letsencrypt.org; accounturi=" LE_ACCT "/\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_ACCOUNTURI_MISMATCH)},
    {"T086 http scheme",
     {"0 issue \"letsencrypt.org; accounturi=http://acme-v02.api.letsencrypt.org/acme/acct/123\""},
     NULL,
     NULL,
     NULL,
     SAME(D, CAA_CODE_ACCOUNTURI_MISMATCH)},
    {"hyphenated parameter tag",
     {"0 issue \"letsencrypt.org; foo-bar=1\""},
     NULL,
     NULL,
     NULL,
     D,
     CAA_CODE_MALFORMED,
     A,
     CAA_CODE_AUTHORIZED},
    {"capitalised parameter tag is ignored at LE",
     {"0 issue \"letsencrypt.org; AccountURI=https://acme-v02.api.letsencrypt.org/acme/acct/321\""},
     NULL,
     NULL,
     NULL,
     A,
     CAA_CODE_AUTHORIZED,
     D,
     CAA_CODE_ACCOUNTURI_MISMATCH},
    {"one of several CA identities",
     {"0 issue \"comodoca.com\""},
     NULL,
     NULL,
     NULL,
     SAME(A, CAA_CODE_AUTHORIZED)},
};

/* "one of several CA identities" asks for Sectigo's identities instead of letsencrypt.org. */
static const char *const sectigo[] = {"sectigo.com", "comodoca.com"};
static const char *const le[] = {"letsencrypt.org"};

static struct caa_rrset *rrset_of(const char *const *records)
{
    struct caa_rrset *set = NULL;

    assert_int_equal(caa_rrset_new(&set), CAA_OK);
    for (size_t i = 0; records[i] != NULL; i++) {
        struct caa_record rec;
        struct caa_error err = {0, ""};
        enum caa_status st =
            caa_record_from_text(records[i], strlen(records[i]), CAA_PARSE_STRICT, &rec, &err);
        if (st != CAA_OK) {
            fail_msg("record '%s' does not parse: %s", records[i], err.message);
        }
        assert_int_equal(caa_rrset_add(set, &rec), CAA_OK);
        caa_record_cleanup(&rec);
    }
    return set;
}

static void request_for(const struct verdict_case *c, enum caa_profile profile,
                        struct caa_request *req)
{
    caa_request_init(req);
    req->name = c->name != NULL ? c->name : "example.com";
    req->method = c->method == NULL ? "http-01" : strcmp(c->method, NONE) == 0 ? NULL : c->method;
    req->account_uri = c->account == NULL              ? LE_ACCT
                       : strcmp(c->account, NONE) == 0 ? NULL
                                                       : c->account;
    req->issuers = strstr(c->id, "several CA") != NULL ? sectigo : le;
    req->issuer_count = strstr(c->id, "several CA") != NULL ? 2 : 1;
    req->profile = profile;
}

static void check_case(const struct verdict_case *c, enum caa_profile profile)
{
    struct caa_rrset *set = rrset_of(c->records);
    struct caa_evaluation *ev = NULL;
    struct caa_request req;
    int want_verdict = profile == CAA_PROFILE_LETSENCRYPT ? c->le_verdict : c->rfc_verdict;
    enum caa_code want_code = profile == CAA_PROFILE_LETSENCRYPT ? c->le_code : c->rfc_code;
    bool differ = c->le_verdict != c->rfc_verdict || c->le_code != c->rfc_code;

    request_for(c, profile, &req);
    assert_int_equal(caa_evaluate(set, &req, &ev), CAA_OK);
    if ((int)caa_evaluation_verdict(ev) != want_verdict || caa_evaluation_code(ev) != want_code) {
        fail_msg("%s [%s]: got %s %s (%s), want %s %s", c->id, caa_profile_name(profile),
                 caa_verdict_name(caa_evaluation_verdict(ev)),
                 caa_code_name(caa_evaluation_code(ev)), caa_evaluation_reason(ev),
                 caa_verdict_name((enum caa_verdict)want_verdict), caa_code_name(want_code));
    }
    if (caa_evaluation_profiles_differ(ev) != differ) {
        fail_msg("%s [%s]: profiles_differ is %d, want %d", c->id, caa_profile_name(profile),
                 caa_evaluation_profiles_differ(ev), differ);
    }
    assert_true(strlen(caa_evaluation_reason(ev)) > 20);
    assert_int_equal(caa_evaluation_ca_message(ev) != NULL, want_verdict == D);
    caa_evaluation_free(ev);
    caa_rrset_free(set);
}

static void test_table_letsencrypt(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        check_case(&cases[i], CAA_PROFILE_LETSENCRYPT);
    }
}

static void test_table_rfc8659(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        check_case(&cases[i], CAA_PROFILE_RFC8659);
    }
}

static void test_decisive_records_and_outcomes(void **state)
{
    const char *records[] = {"0 iodef \"mailto:a@example.com\"", "0 issue \"digicert.com\"",
                             "0 issue \"letsencrypt.org\"", "0 issue \"sectigo.com\"", NULL};
    struct caa_rrset *set = rrset_of(records);
    struct caa_evaluation *ev = NULL;
    struct caa_request req;

    (void)state;
    caa_request_init(&req);
    req.name = "example.com";
    req.issuers = le;
    req.issuer_count = 1;
    assert_int_equal(caa_rrset_set_owner(set, "example.com"), CAA_OK);
    assert_int_equal(caa_evaluate(set, &req, &ev), CAA_OK);
    assert_int_equal(caa_evaluation_decisive_count(ev), 1);
    assert_int_equal(caa_evaluation_decisive_index(ev, 0), 2);
    assert_int_equal(caa_evaluation_record_outcome(ev, 0), CAA_RECORD_NOT_CONSIDERED);
    assert_int_equal(caa_evaluation_record_outcome(ev, 1), CAA_RECORD_OTHER_ISSUER);
    assert_int_equal(caa_evaluation_record_outcome(ev, 2), CAA_RECORD_AUTHORIZES);
    assert_int_equal(caa_evaluation_record_outcome(ev, 3), CAA_RECORD_NOT_EVALUATED);
    assert_null(caa_evaluation_ca_message(ev));
    caa_evaluation_free(ev);
    caa_rrset_free(set);
}

static void test_boulder_message_names_owner_and_identifier(void **state)
{
    const char *records[] = {"0 issue \"digicert.com\"", NULL};
    struct caa_rrset *set = rrset_of(records);
    struct caa_evaluation *ev = NULL;
    struct caa_request req;

    (void)state;
    caa_request_init(&req);
    req.name = "*.www.example.com";
    req.issuers = le;
    req.issuer_count = 1;
    assert_int_equal(caa_rrset_set_owner(set, "example.com"), CAA_OK);
    assert_int_equal(caa_evaluate(set, &req, &ev), CAA_OK);
    assert_string_equal(caa_evaluation_ca_message(ev),
                        "While processing CAA for *.www.example.com: CAA record for example.com "
                        "prevents issuance");
    assert_non_null(strstr(caa_evaluation_reason(ev), "\"digicert.com\""));
    assert_true(caa_evaluation_wildcard(ev));
    caa_evaluation_free(ev);
    caa_rrset_free(set);
}

static void test_near_miss_hint(void **state)
{
    const char *records[] = {"0 issue \"letsencrypt.org.\"", NULL};
    struct caa_rrset *set = rrset_of(records);
    struct caa_evaluation *ev = NULL;
    struct caa_request req;

    (void)state;
    caa_request_init(&req);
    req.name = "example.com";
    req.issuers = le;
    req.issuer_count = 1;
    assert_int_equal(caa_evaluate(set, &req, &ev), CAA_OK);
    assert_non_null(strstr(caa_evaluation_reason(ev), "trailing dot"));
    caa_evaluation_free(ev);
    caa_rrset_free(set);
}

/* Issue 11: CAA_UNKNOWN_CRITICAL comes with the exact corrected records (flags 128 and 1 cleared);
 * other verdicts have no fix yet. */
static void test_unknown_critical_fix(void **state)
{
    static const struct {
        const char *records[4];
        const char *want; /* NULL: no fix */
    } fix_cases[] = {
        {{"128 tbs \"x\"", "0 issue \"letsencrypt.org\"", NULL},
         "remove the critical record, or clear its critical flag:\n"
         "example.com. IN CAA 0 tbs \"x\""},
        {{"1 contactemail \"a@example.com\"", "129 future \"v\"", "0 iodef \"mailto:a@b.c\"", NULL},
         "remove the critical record, or clear its critical flag:\n"
         "example.com. IN CAA 0 contactemail \"a@example.com\"\n"
         "example.com. IN CAA 0 future \"v\""},
        {{"0 issue \"digicert.com\"", NULL}, NULL},
        {{"0 issue \"letsencrypt.org\"", NULL}, NULL},
    };

    (void)state;
    for (size_t c = 0; c < sizeof(fix_cases) / sizeof(fix_cases[0]); c++) {
        struct caa_rrset *set = rrset_of(fix_cases[c].records);
        struct caa_evaluation *ev = NULL;
        struct caa_request req;

        caa_request_init(&req);
        req.name = "example.com";
        req.issuers = le;
        req.issuer_count = 1;
        assert_int_equal(caa_evaluate(set, &req, &ev), CAA_OK);
        if (fix_cases[c].want == NULL) {
            assert_null(caa_evaluation_fix(ev));
        } else {
            assert_non_null(caa_evaluation_fix(ev));
            assert_string_equal(caa_evaluation_fix(ev), fix_cases[c].want);
        }
        caa_evaluation_free(ev);
        caa_rrset_free(set);
    }
}

/* The RRset of rrset_of, carved from arena through the wire form (bulk's path). */
static struct caa_rrset *arena_rrset_of(struct caa__arena *arena, const struct caa_rrset *heap)
{
    struct caa_rrset *set = NULL;

    assert_int_equal(caa__rrset_new_in(arena, &set), CAA_OK);
    assert_int_equal(caa_rrset_set_owner(set, caa_rrset_owner(heap)), CAA_OK);
    for (size_t i = 0; i < caa_rrset_count(heap); i++) {
        uint8_t wire[1024];
        size_t len = 0;
        assert_int_equal(caa_record_to_wire(caa_rrset_record(heap, i), wire, sizeof(wire), &len),
                         CAA_OK);
        assert_int_equal(caa__rrset_add_wire(set, wire, len, CAA_PARSE_LENIENT_TAG), CAA_OK);
    }
    return set;
}

static void assert_same_text(const char *a, const char *b)
{
    assert_int_equal(a == NULL, b == NULL);
    if (a != NULL) {
        assert_string_equal(a, b);
    }
}

/* Everything the evaluation says, read through the public getters. */
static void assert_same_evaluation(const struct caa_evaluation *a, const struct caa_evaluation *b,
                                   size_t records)
{
    assert_int_equal(caa_evaluation_verdict(a), caa_evaluation_verdict(b));
    assert_int_equal(caa_evaluation_code(a), caa_evaluation_code(b));
    assert_string_equal(caa_evaluation_reason(a), caa_evaluation_reason(b));
    assert_same_text(caa_evaluation_ca_message(a), caa_evaluation_ca_message(b));
    assert_same_text(caa_evaluation_fix(a), caa_evaluation_fix(b));
    assert_int_equal(caa_evaluation_other_verdict(a), caa_evaluation_other_verdict(b));
    assert_int_equal(caa_evaluation_other_code(a), caa_evaluation_other_code(b));
    assert_string_equal(caa_evaluation_other_reason(a), caa_evaluation_other_reason(b));
    assert_int_equal(caa_evaluation_decisive_count(a), caa_evaluation_decisive_count(b));
    for (size_t i = 0; i < caa_evaluation_decisive_count(a); i++) {
        assert_int_equal(caa_evaluation_decisive_index(a, i), caa_evaluation_decisive_index(b, i));
    }
    for (size_t i = 0; i < records; i++) {
        assert_int_equal(caa_evaluation_record_outcome(a, i), caa_evaluation_record_outcome(b, i));
    }
}

/* Bulk carves the RRset and the evaluation from the name's arena: the same evaluation as on the
 * heap for every case of the tables, and freeing them is a no-op (the arena releases them). */
static void test_arena_evaluation(void **state)
{
    static const char *const critical[] = {"128 tbs \"x\"", "0 issue \"letsencrypt.org\"", NULL};
    struct caa__arena *arena = NULL;

    (void)state;
    assert_int_equal(caa__arena_new((size_t)1 << 20, &arena), CAA_OK);
    for (size_t i = 0; i <= sizeof(cases) / sizeof(cases[0]); i++) {
        for (int p = 0; p < 2; p++) {
            const char *const *records =
                i < sizeof(cases) / sizeof(cases[0]) ? cases[i].records : critical;
            struct caa_rrset *heap = rrset_of(records);
            struct caa_rrset *carved = arena_rrset_of(arena, heap);
            struct caa_evaluation *a = NULL;
            struct caa_evaluation *b = NULL;
            struct caa_request req;

            request_for(i < sizeof(cases) / sizeof(cases[0]) ? &cases[i] : &cases[0],
                        p == 0 ? CAA_PROFILE_LETSENCRYPT : CAA_PROFILE_RFC8659, &req);
            assert_int_equal(caa_evaluate(heap, &req, &a), CAA_OK);
            assert_int_equal(caa__evaluate_in(arena, carved, &req, &b), CAA_OK);
            assert_same_evaluation(a, b, caa_rrset_count(heap));
            caa_evaluation_free(a);
            caa_evaluation_free(b);
            caa_rrset_free(heap);
            caa_rrset_free(carved);
            caa__arena_reset(arena);
        }
    }
    caa__arena_free(arena);
}

/* One methods table for the verdict, lint and the CLI. */
static void test_validation_methods(void **state)
{
    (void)state;
    assert_string_equal(caa_validation_method_at(0), "http-01");
    assert_non_null(caa_validation_method_at(4));
    assert_null(caa_validation_method_at(5));
    assert_true(caa_validation_method_known((const uint8_t *)"dns-01", 6));
    assert_true(caa_validation_method_known((const uint8_t *)"dns-persist-01", 14));
    assert_false(caa_validation_method_known((const uint8_t *)"DNS-01", 6));
    assert_false(caa_validation_method_known((const uint8_t *)"dns-0", 5));
    assert_false(caa_validation_method_known((const uint8_t *)"tls-sni-01", 10));
}

static void test_json_document(void **state)
{
    const char *records[] = {"0 issue \"letsencrypt.org\"", NULL};
    struct caa_rrset *set = rrset_of(records);
    struct caa_evaluation *ev = NULL;
    struct caa_request req;
    char *json = NULL;

    (void)state;
    caa_request_init(&req);
    req.name = "example.com";
    req.issuers = le;
    req.issuer_count = 1;
    assert_int_equal(caa_rrset_set_owner(set, "example.com"), CAA_OK);
    assert_int_equal(caa_evaluate(set, &req, &ev), CAA_OK);
    assert_int_equal(caa_evaluation_to_json(ev, set, &req, 0, &json), CAA_OK);
    assert_non_null(strstr(json, "\"schema\":\"caa/1\""));
    assert_non_null(strstr(json, "\"verdict\":\"allowed\""));
    assert_non_null(strstr(json, "\"code\":\"CAA_AUTHORIZED\""));
    assert_non_null(strstr(json, "\"owner\":\"example.com\""));
    assert_non_null(strstr(json, "\"outcome\":\"authorizes\""));
    free(json);
    caa_evaluation_free(ev);
    caa_rrset_free(set);
}

static void test_invalid_arguments(void **state)
{
    struct caa_rrset *set = NULL;
    struct caa_evaluation *ev = NULL;
    struct caa_request req;

    (void)state;
    assert_int_equal(caa_rrset_new(&set), CAA_OK);
    caa_request_init(&req);
    assert_int_equal(caa_evaluate(set, &req, &ev), CAA_E_INVALID_ARG);
    req.name = "example.com";
    assert_int_equal(caa_evaluate(set, &req, &ev), CAA_E_INVALID_ARG);
    assert_null(ev);
    caa_rrset_free(set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_letsencrypt),
        cmocka_unit_test(test_table_rfc8659),
        cmocka_unit_test(test_decisive_records_and_outcomes),
        cmocka_unit_test(test_boulder_message_names_owner_and_identifier),
        cmocka_unit_test(test_near_miss_hint),
        cmocka_unit_test(test_unknown_critical_fix),
        cmocka_unit_test(test_arena_evaluation),
        cmocka_unit_test(test_validation_methods),
        cmocka_unit_test(test_json_document),
        cmocka_unit_test(test_invalid_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
