/* SPDX-License-Identifier: MIT */
/*
 * caa_check over a scripted resolver: Boulder's climb and selection (ca-behaviour.md §6.3-§6.4),
 * the error classification and wording (§8), the order, and the BR 3.2.2.8 exception.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/caa.h>

#include "fake_resolver.h"

#define LE_HEX "000569737375656c657473656e63727970742e6f7267" /* 0 issue "letsencrypt.org" */
#define DC_HEX "0005697373756564696769636572742e636f6d"       /* 0 issue "digicert.com" */
#define CAA 257
#define SOA 6
#define DS 43
#define OK CAA__DNS_OK
#define SEC CAA_DNSSEC_SECURE
#define INS CAA_DNSSEC_INSECURE

/* The scenario each test replays, given to every context run() makes. */
static struct fake_resolver fake;

static struct caa_report *run(const char *const *names, size_t n, enum caa_profile profile,
                              enum caa_lookup_failure policy)
{
    struct caa_ctx *ctx = NULL;
    struct caa_report *rep = NULL;
    const char *issuers[] = {"letsencrypt.org"};
    struct caa_request req;

    assert_int_equal(caa_ctx_new(&ctx), CAA_OK);
    fake_resolver_use(&fake, ctx);
    caa_ctx_set_profile(ctx, profile);
    caa_ctx_set_lookup_failure(ctx, policy);
    caa_request_init(&req);
    req.issuers = issuers;
    req.issuer_count = 1;
    req.profile = profile; /* the request's profile decides (issue 11) */
    assert_int_equal(caa_check(ctx, names, n, &req, &rep, NULL), CAA_OK);
    caa_ctx_free(ctx);
    return rep;
}

static struct caa_report *run_one(const char *name)
{
    const char *names[] = {name};
    return run(names, 1, CAA_PROFILE_LETSENCRYPT, CAA_LOOKUP_FAILURE_DENY);
}

static void expect(const struct caa_report *rep, size_t i, enum caa_verdict verdict,
                   enum caa_code code, const char *ca_message)
{
    if (caa_report_name_verdict(rep, i) != verdict || caa_report_name_code(rep, i) != code) {
        fail_msg("%s: got %s %s (%s)", caa_report_name(rep, i),
                 caa_verdict_name(caa_report_name_verdict(rep, i)),
                 caa_code_name(caa_report_name_code(rep, i)), caa_report_reason(rep, i));
    }
    if (ca_message != NULL) {
        assert_string_equal(caa_report_ca_message(rep, i), ca_message);
    }
}

/* req.profile decides, not the context's (it was ignored before): the same answers give the
 * Let's Encrypt verdict and the RFC's as the request asks. */
static void test_request_profile(void **state)
{
    static const struct fake_answer script[] = {
        {"www.example.gonetld", CAA, OK, 3, SEC, NULL, {NULL}, 0, NULL, 0},
        {"example.gonetld", CAA, OK, 3, SEC, NULL, {NULL}, 0, NULL, 0},
        {"gonetld", CAA, OK, 3, SEC, NULL, {NULL}, 0, NULL, 0},
    };
    const char *names[] = {"www.example.gonetld"};
    const char *issuers[] = {"letsencrypt.org"};
    struct caa_ctx *ctx = NULL;
    struct caa_report *rep = NULL;
    struct caa_request req;

    (void)state;
    assert_int_equal(caa_ctx_new(&ctx), CAA_OK);
    fake_resolver_use(&fake, ctx);
    caa_request_init(&req);
    req.issuers = issuers;
    req.issuer_count = 1;
    req.profile = CAA_PROFILE_RFC8659;
    fake_resolver_script(&fake, script, 3);
    assert_int_equal(caa_check(ctx, names, 1, &req, &rep, NULL), CAA_OK);
    expect(rep, 0, CAA_VERDICT_ALLOWED, CAA_CODE_NO_RECORDS, "");
    caa_report_free(rep);
    rep = NULL;
    req.profile = CAA_PROFILE_LETSENCRYPT;
    caa_ctx_set_profile(ctx, CAA_PROFILE_RFC8659); /* no effect */
    fake_resolver_script(&fake, script, 3);
    assert_int_equal(caa_check(ctx, names, 1, &req, &rep, NULL), CAA_OK);
    expect(rep, 0, CAA_VERDICT_ERROR, CAA_CODE_DNS_NXDOMAIN_TLD, NULL);
    caa_report_free(rep);
    caa_ctx_free(ctx);
}

static void test_climb_to_parent(void **state)
{
    static const struct fake_answer script[] = {
        {"example.com", CAA, OK, 0, SEC, NULL, {LE_HEX}, 0, NULL, 0},
        {"com", CAA, OK, 2, CAA_DNSSEC_UNKNOWN, NULL, {NULL}, 0, NULL, 0},
    };
    struct caa_report *rep;

    (void)state;
    fake_resolver_script(&fake, script, 2);
    rep = run_one("a.b.Example.COM.");
    expect(rep, 0, CAA_VERDICT_ALLOWED, CAA_CODE_AUTHORIZED, "");
    assert_string_equal(caa_report_name(rep, 0), "a.b.example.com");
    assert_string_equal(caa_rrset_owner(caa_report_rrset(rep, 0)), "example.com");
    assert_int_equal(caa_report_rrset_dnssec(rep, 0), CAA_DNSSEC_SECURE);
    assert_int_equal(caa_report_lookup_count(rep, 0), 4);
    /* T013: the SERVFAIL at com is above the relevant RRset and ignored. */
    assert_true(caa_report_lookup(rep, 0, 2)->used);
    assert_false(caa_report_lookup(rep, 0, 3)->used);
    assert_true(caa_report_lookup(rep, 0, 3)->failed);
    caa_report_free(rep);
}

static void test_error_below_rrset_fails(void **state)
{
    static const struct fake_answer script[] = {
        {"a.example.com", CAA, OK, 2, CAA_DNSSEC_UNKNOWN, NULL, {NULL}, 0, NULL, 0},
        {"example.com", CAA, OK, 0, SEC, NULL, {LE_HEX}, 0, NULL, 0},
    };
    struct caa_report *rep;

    (void)state;
    fake_resolver_script(&fake, script, 2);
    rep = run_one("a.example.com");
    expect(rep, 0, CAA_VERDICT_ERROR, CAA_CODE_DNS_SERVFAIL,
           "While processing CAA for a.example.com: DNS problem: SERVFAIL looking up CAA for "
           "a.example.com - the domain's nameservers may be malfunctioning");
    assert_int_equal(caa_report_verdict(rep), CAA_VERDICT_ERROR);
    assert_null(caa_report_evaluation(rep, 0));
    caa_report_free(rep);
}

static void test_error_kinds(void **state)
{
    static const struct {
        struct fake_answer answer;
        enum caa_code code;
        const char *message;
    } cases[] = {
        {{"x.example", CAA, OK, 5, INS, NULL, {NULL}, 0, NULL, 0},
         CAA_CODE_DNS_REFUSED,
         "While processing CAA for x.example: DNS problem: REFUSED looking up CAA for x.example"},
        {{"x.example", CAA, OK, 1, INS, NULL, {NULL}, 0, NULL, 0},
         CAA_CODE_DNS_RCODE,
         "While processing CAA for x.example: DNS problem: FORMERR looking up CAA for x.example"},
        {{"x.example", CAA, CAA__DNS_TIMEOUT, -1, CAA_DNSSEC_UNKNOWN, NULL, {NULL}, 0, NULL, 0},
         CAA_CODE_DNS_TIMEOUT,
         "While processing CAA for x.example: DNS problem: query timed out looking up CAA for "
         "x.example"},
        {{"x.example", CAA, OK, 0, INS, NULL, {NULL}, 1, NULL, 0},
         CAA_CODE_DNS_TRUNCATED,
         "While processing CAA for x.example: DNS problem: response was truncated looking up CAA "
         "for x.example"},
        /* Bogus data is returned with NOERROR; it is never used. */
        {{"x.example",
          CAA,
          OK,
          0,
          CAA_DNSSEC_BOGUS,
          "validation failure <x.example. CAA IN>: signature expired from 127.0.0.1",
          {LE_HEX},
          0,
          NULL,
          0},
         CAA_CODE_DNS_BOGUS,
         "While processing CAA for x.example: DNS problem: looking up CAA for x.example: DNSSEC: "
         "Signature Expired"},
        /* A 1-byte RDATA cannot be a CAA record. */
        {{"x.example", CAA, OK, 0, INS, NULL, {"00"}, 0, NULL, 0},
         CAA_CODE_DNS_MALFORMED,
         "While processing CAA for x.example: DNS problem: server failure at resolver looking up "
         "CAA for x.example"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct caa_report *rep;
        fake_resolver_script(&fake, &cases[i].answer, 1);
        rep = run_one("x.example");
        expect(rep, 0, CAA_VERDICT_ERROR, cases[i].code, cases[i].message);
        caa_report_free(rep);
    }
}

static void test_nxdomain(void **state)
{
    static const struct fake_answer script[] = {
        {"www.example.gonetld", CAA, OK, 3, SEC, NULL, {NULL}, 0, NULL, 0},
        {"example.gonetld", CAA, OK, 3, SEC, NULL, {NULL}, 0, NULL, 0},
        {"gonetld", CAA, OK, 3, SEC, NULL, {NULL}, 0, NULL, 0},
    };
    const char *names[] = {"www.example.gonetld"};
    struct caa_report *rep;

    (void)state;
    fake_resolver_script(&fake, script, 3);
    /* T012: NXDOMAIN below a TLD is an empty RRset; at the TLD it is an error for Boulder ... */
    rep = run(names, 1, CAA_PROFILE_LETSENCRYPT, CAA_LOOKUP_FAILURE_DENY);
    expect(rep, 0, CAA_VERDICT_ERROR, CAA_CODE_DNS_NXDOMAIN_TLD,
           "While processing CAA for www.example.gonetld: DNS problem: NXDOMAIN looking up CAA "
           "for gonetld - check that a DNS record exists for this domain");
    caa_report_free(rep);
    /* ... and an empty RRset, with a note, under the RFC profile. */
    rep = run(names, 1, CAA_PROFILE_RFC8659, CAA_LOOKUP_FAILURE_DENY);
    expect(rep, 0, CAA_VERDICT_ALLOWED, CAA_CODE_NO_RECORDS, "");
    assert_non_null(strstr(caa_report_reason(rep, 0), "does not exist"));
    caa_report_free(rep);
}

static void test_alias_and_wildcard(void **state)
{
    static const struct fake_answer script[] = {
        {"example.com", CAA, OK, 0, SEC, NULL, {DC_HEX}, 0, "example.com -> target.example.net", 0},
    };
    struct caa_report *rep;

    (void)state;
    fake_resolver_script(&fake, script, 1);
    rep = run_one("*.example.com");
    expect(rep, 0, CAA_VERDICT_DENIED, CAA_CODE_ISSUER_NOT_LISTED,
           "While processing CAA for *.example.com: CAA record for example.com prevents issuance");
    assert_true(caa_report_wildcard(rep, 0));
    /* The literal "*.example.com" is never asked: example.com and com. */
    assert_int_equal(caa_report_lookup_count(rep, 0), 2);
    assert_int_equal(caa_report_alias_count(rep, 0), 1);
    assert_string_equal(caa_report_alias(rep, 0, 0), "example.com -> target.example.net");
    caa_report_free(rep);
}

/* caa_report_order_json_from, given the names' documents, writes caa_report_to_json's text
 * byte for byte; pretty output and a missing name document are refused. */
static void expect_order_from_names(const struct caa_report *rep, const char *order)
{
    char *names[2] = {NULL, NULL};
    const char *missing[2] = {NULL, NULL};
    char *composed = NULL;

    assert_int_equal(caa_report_name_count(rep), 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(caa_report_name_to_json(rep, i, 0, &names[i]), CAA_OK);
    }
    assert_int_equal(caa_report_order_json_from(rep, 0, (const char *const *)names, &composed),
                     CAA_OK);
    assert_string_equal(composed, order);
    free(composed);
    missing[0] = names[0];
    assert_int_equal(caa_report_order_json_from(rep, 0, missing, &composed), CAA_E_INVALID_ARG);
    assert_int_equal(
        caa_report_order_json_from(rep, CAA_JSON_PRETTY, (const char *const *)names, &composed),
        CAA_E_INVALID_ARG);
    free(names[0]);
    free(names[1]);
}

static void test_order_shares_parents(void **state)
{
    static const struct fake_answer script[] = {
        {"b.example.com", CAA, OK, 0, INS, NULL, {DC_HEX}, 0, NULL, 0},
    };
    const char *names[] = {"a.example.com", "b.example.com"};
    struct caa_report *rep;
    char *json = NULL;

    (void)state;
    fake_resolver_script(&fake, script, 1);
    rep = run(names, 2, CAA_PROFILE_LETSENCRYPT, CAA_LOOKUP_FAILURE_DENY);
    /* One lookup round for the order; example.com and com asked once. */
    assert_int_equal(fake.calls, 1);
    assert_int_equal(fake.qnames_asked, 4);
    expect(rep, 0, CAA_VERDICT_ALLOWED, CAA_CODE_NO_RECORDS, "");
    expect(rep, 1, CAA_VERDICT_DENIED, CAA_CODE_ISSUER_NOT_LISTED, NULL);
    assert_int_equal(caa_report_verdict(rep), CAA_VERDICT_DENIED);
    assert_int_equal(caa_report_to_json(rep, 0, &json), CAA_OK);
    assert_non_null(strstr(json, "\"type\":\"order\""));
    assert_non_null(strstr(json, "\"verdict\":\"denied\""));
    expect_order_from_names(rep, json);
    free(json);
    caa_report_free(rep);
}

static void test_br_exception(void **state)
{
    static const struct {
        const char *id;
        struct fake_answer script[3];
        size_t n;
        enum caa_verdict verdict;
        enum caa_code code;
    } cases[] = {
        {"insecure zone, failure persists",
         {{"x.example", CAA, OK, 2, CAA_DNSSEC_UNKNOWN, NULL, {NULL}, 0, NULL, 0},
          {"x.example", SOA, OK, 0, INS, NULL, {NULL}, 0, NULL, 0}},
         2,
         CAA_VERDICT_ALLOWED,
         CAA_CODE_BR_EXCEPTION},
        {"signed zone: no exception",
         {{"x.example", CAA, OK, 2, CAA_DNSSEC_UNKNOWN, NULL, {NULL}, 0, NULL, 0},
          {"x.example", SOA, OK, 0, SEC, NULL, {NULL}, 0, NULL, 0}},
         2,
         CAA_VERDICT_ERROR,
         CAA_CODE_DNS_SERVFAIL},
        {"zone dead, parent proves no DS",
         {{"x.example", CAA, CAA__DNS_TIMEOUT, -1, CAA_DNSSEC_UNKNOWN, NULL, {NULL}, 0, NULL, 0},
          {"x.example", SOA, CAA__DNS_TIMEOUT, -1, CAA_DNSSEC_UNKNOWN, NULL, {NULL}, 0, NULL, 0},
          {"x.example", DS, OK, 0, SEC, NULL, {NULL}, 0, NULL, 0}},
         3,
         CAA_VERDICT_ALLOWED,
         CAA_CODE_BR_EXCEPTION},
        {"DNSSEC failures never qualify",
         {{"x.example", CAA, OK, 0, CAA_DNSSEC_BOGUS, "bad", {NULL}, 0, NULL, 0},
          {"x.example", SOA, OK, 0, INS, NULL, {NULL}, 0, NULL, 0}},
         2,
         CAA_VERDICT_ERROR,
         CAA_CODE_DNS_BOGUS},
        {"the retry succeeds: the policy decides",
         {{"x.example", CAA, OK, 0, INS, NULL, {DC_HEX}, 0, NULL, 1}},
         1,
         CAA_VERDICT_DENIED,
         CAA_CODE_ISSUER_NOT_LISTED},
    };
    const char *names[] = {"x.example"};

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct caa_report *rep;
        fake_resolver_script(&fake, cases[i].script, cases[i].n);
        rep = run(names, 1, CAA_PROFILE_LETSENCRYPT, CAA_LOOKUP_FAILURE_BR_EXCEPTION);
        if (caa_report_name_verdict(rep, 0) != cases[i].verdict ||
            caa_report_name_code(rep, 0) != cases[i].code) {
            fail_msg("%s: got %s %s", cases[i].id,
                     caa_verdict_name(caa_report_name_verdict(rep, 0)),
                     caa_code_name(caa_report_name_code(rep, 0)));
        }
        assert_int_equal(caa_report_br_exception_used(rep, 0),
                         cases[i].code == CAA_CODE_BR_EXCEPTION);
        caa_report_free(rep);
    }
    /* Without the policy the same insecure failure stays an error, asked once. */
    fake_resolver_script(&fake, cases[0].script, cases[0].n);
    {
        struct caa_report *rep = run(names, 1, CAA_PROFILE_LETSENCRYPT, CAA_LOOKUP_FAILURE_DENY);
        expect(rep, 0, CAA_VERDICT_ERROR, CAA_CODE_DNS_SERVFAIL, NULL);
        assert_int_equal(fake.calls, 1);
        caa_report_free(rep);
    }
}

static void test_bad_input(void **state)
{
    struct caa_ctx *ctx = NULL;
    struct caa_report *rep = NULL;
    const char *names[] = {"exa mple.com"};
    const char *issuers[] = {"letsencrypt.org"};
    struct caa_request req;
    struct caa_error err = {0, ""};

    (void)state;
    assert_int_equal(caa_ctx_new(&ctx), CAA_OK);
    caa_request_init(&req);
    assert_int_equal(caa_check(ctx, names, 1, &req, &rep, &err), CAA_E_INVALID_ARG);
    req.issuers = issuers;
    req.issuer_count = 1;
    assert_int_equal(caa_check(ctx, names, 1, &req, &rep, &err), CAA_E_SYNTAX);
    assert_null(rep);
    assert_non_null(strstr(err.message, "exa mple.com"));
    caa_ctx_free(ctx);
}

/* Issue 11: with no DNS server reachable, the domain's servers must not be blamed: caa_check
 * says so (CAA_E_IO, exit 69 in the CLI) and asks the resolver nothing. */
static void test_no_network(void **state)
{
    struct caa_ctx *ctx = NULL;
    struct caa_report *rep = NULL;
    const char *names[] = {"example.com"};
    const char *issuers[] = {"letsencrypt.org"};
    struct caa_request req;
    struct caa_error err = {0, ""};

    (void)state;
    fake_resolver_script(&fake, NULL, 0);
    fake.network_down = true;
    assert_int_equal(caa_ctx_new(&ctx), CAA_OK);
    fake_resolver_use(&fake, ctx);
    caa_request_init(&req);
    req.issuers = issuers;
    req.issuer_count = 1;
    assert_int_equal(caa_check(ctx, names, 1, &req, &rep, &err), CAA_E_IO);
    assert_null(rep);
    assert_non_null(strstr(err.message, "cannot reach any DNS server"));
    assert_int_equal(fake.calls, 0);
    fake.network_down = false;
    assert_int_equal(caa_check(ctx, names, 1, &req, &rep, &err), CAA_OK);
    caa_report_free(rep);
    caa_ctx_free(ctx);
}

/* The clock of the resolver a context keeps (caa_ctx_set_resolver_reuse), in ms. */
static uint64_t clock_ms;

static uint64_t test_clock(void)
{
    return clock_ms;
}

/* A context over the fake resolver with this script, its kept resolver on the test's clock. */
static struct caa_ctx *clocked_ctx(const struct fake_answer *script, size_t n)
{
    struct caa_ctx *ctx = NULL;

    fake_resolver_script(&fake, script, n);
    assert_int_equal(caa_ctx_new(&ctx), CAA_OK);
    fake_resolver_use(&fake, ctx);
    fake_resolver_clock(ctx, test_clock);
    return ctx;
}

/* Sets the clock to at_ms, then: 1 caa_ctx_reset_resolver, 2 a resolver option (new
 * settings), 3 reuse off, 0 nothing. */
static void reuse_step(struct caa_ctx *ctx, uint64_t at_ms, int reset)
{
    clock_ms = at_ms;
    if (reset == 1) {
        caa_ctx_reset_resolver(ctx);
    } else if (reset == 2) {
        assert_int_equal(caa_ctx_set_resolver_option(ctx, "infra-cache-max-rtt", "500"), CAA_OK);
    } else if (reset == 3) {
        caa_ctx_set_resolver_reuse(ctx, 0);
    }
}

static enum caa_verdict check_one(struct caa_ctx *ctx, const char *name, enum caa_status want,
                                  struct caa_error *err)
{
    const char *names[] = {name};
    const char *issuers[] = {"letsencrypt.org"};
    struct caa_report *rep = NULL;
    struct caa_request req;
    enum caa_verdict v = CAA_VERDICT_ERROR;

    caa_request_init(&req);
    req.issuers = issuers;
    req.issuer_count = 1;
    assert_int_equal(caa_check(ctx, names, 1, &req, &rep, err), want);
    if (rep != NULL) {
        v = caa_report_name_verdict(rep, 0);
    }
    caa_report_free(rep);
    return v;
}

/* Each check builds its resolver unless reuse is on; a kept one serves until it is max_age old,
 * until caa_ctx_reset_resolver, or until the resolver's settings change. A kept resolver that
 * answered in the last 30 s vouches for the network: no probe before the lookups. */
static void test_resolver_reuse(void **state)
{
    static const struct fake_answer script[] = {
        {"example.com", CAA, OK, 0, SEC, NULL, {LE_HEX}, 0, NULL, 0},
    };
    static const struct {
        uint64_t at_ms;
        int reset; /* 1 caa_ctx_reset_resolver, 2 a resolver option, 3 reuse off */
        size_t builds, reuses, probes; /* since reuse was turned on */
    } steps[] = {
        {0, 0, 1, 0, 1},     /* cold: built, probed */
        {10000, 0, 1, 1, 1}, /* warm: kept, answered 10 s ago: no probe */
        {45000, 0, 1, 2, 2}, /* kept (45 s old), but its last answer is 35 s old: probe */
        {59999, 0, 1, 3, 2}, /* kept */
        {60000, 0, 2, 3, 3}, /* 60 s old: a new one, cold, probed */
        {60001, 1, 3, 3, 4}, /* reset: a new one */
        {60002, 0, 3, 4, 4}, /* kept */
        {60003, 2, 4, 4, 5}, /* new settings: a new one */
        {60004, 3, 5, 4, 6}, /* reuse off: built for this check alone */
        {60005, 0, 6, 4, 7}, /* and again */
    };
    struct caa_ctx *ctx = NULL;

    (void)state;
    ctx = clocked_ctx(script, 1);
    assert_int_equal(check_one(ctx, "example.com", CAA_OK, NULL), CAA_VERDICT_ALLOWED);
    assert_int_equal(check_one(ctx, "example.com", CAA_OK, NULL), CAA_VERDICT_ALLOWED);
    assert_int_equal(fake.builds, 2); /* off by default: a resolver per check */
    assert_int_equal(fake.probes, 2);
    caa_ctx_set_resolver_reuse(ctx, 60);
    fake.builds = fake.reuses = fake.probes = 0;
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        reuse_step(ctx, steps[i].at_ms, steps[i].reset);
        assert_int_equal(check_one(ctx, "example.com", CAA_OK, NULL), CAA_VERDICT_ALLOWED);
        if (fake.builds != steps[i].builds || fake.reuses != steps[i].reuses ||
            fake.probes != steps[i].probes) {
            fail_msg("step %zu: built %zu reused %zu probed %zu", i, fake.builds, fake.reuses,
                     fake.probes);
        }
    }
    caa_ctx_free(ctx);
}

/* A warm check skips the probe; when its lookups then fail, the probe runs after them, so a
 * lost network is still "cannot reach any DNS server" (and the kept resolver goes), while a
 * domain's own failure stays the domain's (and the resolver stays). */
static void test_reuse_network_lost(void **state)
{
    static const struct fake_answer good[] = {
        {"example.com", CAA, OK, 0, SEC, NULL, {LE_HEX}, 0, NULL, 0},
    };
    static const struct fake_answer timing_out[] = {
        {"example.com", CAA, CAA__DNS_TIMEOUT, -1, CAA_DNSSEC_UNKNOWN, NULL, {NULL}, 0, NULL, 0},
    };
    static const struct fake_answer servfail[] = {
        {"example.com", CAA, OK, 2, CAA_DNSSEC_UNKNOWN, NULL, {NULL}, 0, NULL, 0},
    };
    struct caa_ctx *ctx = NULL;
    struct caa_error err = {0, ""};

    (void)state;
    ctx = clocked_ctx(good, 1);
    clock_ms = 0;
    caa_ctx_set_resolver_reuse(ctx, 60);
    assert_int_equal(check_one(ctx, "example.com", CAA_OK, NULL), CAA_VERDICT_ALLOWED);
    assert_int_equal(fake.probes, 1);

    /* The domain fails, the network is fine: one probe after the lookups, the verdict is the
     * domain's, the resolver is kept. */
    fake.script = servfail;
    clock_ms = 1000;
    assert_int_equal(check_one(ctx, "example.com", CAA_OK, NULL), CAA_VERDICT_ERROR);
    assert_int_equal(fake.probes, 2);
    assert_int_equal(fake.builds, 1);
    assert_int_equal(fake.reuses, 1);

    /* The network goes: the lookups were made (no probe first), then the probe says why. */
    fake.script = timing_out;
    fake.network_down = true;
    assert_int_equal(check_one(ctx, "example.com", CAA_E_IO, &err), CAA_VERDICT_ERROR);
    assert_non_null(strstr(err.message, "cannot reach any DNS server"));
    assert_int_equal(fake.reuses, 2);
    assert_int_equal(fake.probes, 3);

    /* Back: the resolver that lost the network was dropped, so this check is cold and probed
     * before its lookups. */
    fake.script = good;
    fake.network_down = false;
    assert_int_equal(check_one(ctx, "example.com", CAA_OK, NULL), CAA_VERDICT_ALLOWED);
    assert_int_equal(fake.builds, 2);
    assert_int_equal(fake.probes, 4);
    caa_ctx_free(ctx);
}

/* With reuse on, what the kept resolver answered comes from its answer cache while the TTL
 * runs: a check of a sibling name asks only its own label. Expired answers, a new resolver
 * (reset, or 60 s old), reuse off and answers that failed are asked again. */
static void test_reuse_answer_cache(void **state)
{
    static const struct fake_answer script[] = {
        {"b.example.com", CAA, OK, 2, CAA_DNSSEC_UNKNOWN, NULL, {NULL}, 0, NULL, 0},
    };
    static const struct {
        const char *name;
        uint64_t at_ms;
        int reset;    /* 1 caa_ctx_reset_resolver, 3 reuse off */
        size_t asked; /* qnames asked of the resolver by this check */
    } steps[] = {
        {"a.example.com", 0, 0, 3},     /* cold: a.example.com, example.com, com */
        {"c.example.com", 1000, 0, 1},  /* the parents are kept */
        {"c.example.com", 2000, 0, 0},  /* everything is */
        {"b.example.com", 3000, 0, 1},  /* SERVFAIL: asked... */
        {"b.example.com", 4000, 0, 1},  /* ...and asked again, never kept */
        {"c.example.com", 30000, 0, 3}, /* the TTL (20 s) ran out */
        {"c.example.com", 31000, 1, 3}, /* reset: a new resolver, nothing kept */
        {"d.example.com", 61000, 0, 3}, /* the resolver is 60 s old: a new one */
        {"d.example.com", 62000, 3, 3}, /* reuse off: no cache */
        {"d.example.com", 63000, 0, 3},
    };
    struct caa_ctx *ctx = NULL;

    (void)state;
    ctx = clocked_ctx(script, 1);
    fake.ttl = 20;
    caa_ctx_set_resolver_reuse(ctx, 60);
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        size_t before = fake.qnames_asked;
        enum caa_verdict want =
            strcmp(steps[i].name, "b.example.com") == 0 ? CAA_VERDICT_ERROR : CAA_VERDICT_ALLOWED;
        reuse_step(ctx, steps[i].at_ms, steps[i].reset);
        assert_int_equal(check_one(ctx, steps[i].name, CAA_OK, NULL), want);
        if (fake.qnames_asked - before != steps[i].asked) {
            fail_msg("step %zu (%s at %llu ms): asked %zu qnames, want %zu", i, steps[i].name,
                     (unsigned long long)steps[i].at_ms, fake.qnames_asked - before,
                     steps[i].asked);
        }
    }
    caa_ctx_free(ctx);
}

/* The server comparison finds zones' servers on an event loop; with reuse on, one loop serves
 * check after check (its cache warm), until the resolver goes (reset, age, reuse off). */
static void test_reuse_compare_loop(void **state)
{
    static const struct fake_answer script[] = {
        {"example.com", CAA, OK, 0, SEC, NULL, {LE_HEX}, 0, NULL, 0},
    };
    static const struct {
        uint64_t at_ms;
        int reset;    /* 1 caa_ctx_reset_resolver, 3 reuse off */
        size_t loops; /* made since reuse was turned on */
    } steps[] = {
        {0, 0, 1},     /* cold: made, kept */
        {1000, 0, 1},  /* kept */
        {2000, 0, 1},  /* kept */
        {3000, 1, 2},  /* reset: a new one */
        {63000, 0, 3}, /* 60 s old: a new one */
        {64000, 3, 4}, /* reuse off: one per check */
        {65000, 0, 5},
    };
    struct caa_ctx *ctx = NULL;

    (void)state;
    ctx = clocked_ctx(script, 1);
    caa_ctx_set_compare_servers(ctx, true);
    caa_ctx_set_resolver_reuse(ctx, 60);
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        reuse_step(ctx, steps[i].at_ms, steps[i].reset);
        assert_int_equal(check_one(ctx, "example.com", CAA_OK, NULL), CAA_VERDICT_ALLOWED);
        if (fake.loops != steps[i].loops) {
            fail_msg("step %zu: %zu loops made, want %zu", i, fake.loops, steps[i].loops);
        }
    }
    caa_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_climb_to_parent),    cmocka_unit_test(test_error_below_rrset_fails),
        cmocka_unit_test(test_error_kinds),        cmocka_unit_test(test_nxdomain),
        cmocka_unit_test(test_alias_and_wildcard), cmocka_unit_test(test_order_shares_parents),
        cmocka_unit_test(test_br_exception),       cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_request_profile),    cmocka_unit_test(test_no_network),
        cmocka_unit_test(test_resolver_reuse),     cmocka_unit_test(test_reuse_network_lost),
        cmocka_unit_test(test_reuse_answer_cache), cmocka_unit_test(test_reuse_compare_loop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
