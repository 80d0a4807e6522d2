/* SPDX-License-Identifier: MIT */
/*
 * caa_bulk_run over a scripted resolver (its async path: worker event loops, the label cache,
 * coalescing, the one-climb state machine, the BR 3.2.2.8 retry and proof as async queries):
 * every name gets the verdict and code caa_check gives over the same script, with and without
 * the BR exception.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/caa.h>

#include "fake_resolver.h"

#define LE_HEX "000569737375656c657473656e63727970742e6f7267" /* 0 issue "letsencrypt.org" */
#define DC_HEX "0005697373756564696769636572742e636f6d"       /* 0 issue "digicert.com" */
#define NS1_HEX "036e7331076578616d706c6500"                  /* ns1.example */
#define CAA 257
#define NS 2
#define A 1
#define SOA 6
#define DS 43
#define OK CAA__DNS_OK
#define SEC CAA_DNSSEC_SECURE
#define INS CAA_DNSSEC_INSECURE
#define UNK CAA_DNSSEC_UNKNOWN

static const struct fake_answer script[] = {
    {"allowed.example", CAA, OK, 0, INS, NULL, {LE_HEX}, 0, NULL, 0},
    {"denied.example", CAA, OK, 0, INS, NULL, {DC_HEX}, 0, NULL, 0},
    /* SERVFAIL in a zone whose parent proves it unsigned: the BR exception applies */
    {"insecure.example", CAA, OK, 2, UNK, NULL, {NULL}, 0, NULL, 0},
    {"insecure.example", SOA, OK, 2, UNK, NULL, {NULL}, 0, NULL, 0},
    {"insecure.example", DS, OK, 0, SEC, NULL, {NULL}, 0, NULL, 0},
    /* SERVFAIL in a signed zone: never */
    {"signed.example", CAA, OK, 2, UNK, NULL, {NULL}, 0, NULL, 0},
    {"signed.example", SOA, OK, 0, SEC, NULL, {NULL}, 0, NULL, 0},
    {"bogus.example", CAA, OK, 2, CAA_DNSSEC_BOGUS, "signature expired", {NULL}, 0, NULL, 0},
    /* fails once, then answers: bulk retries a failed lookup once (caa_bulk_run's contract),
     * caa_check asks once as Boulder does unless the BR exception retries it */
    {"flaky.example", CAA, OK, 0, INS, NULL, {DC_HEX}, 0, NULL, 1},
    {"example", CAA, OK, 0, INS, NULL, {NULL}, 0, NULL, 0},
    /* The failing zones' servers (issue 11): ns1.example at a private address, which a run
     * without a private root does not ask directly. bogus.example has no NS set of its own:
     * only its parent's, above its registrable domain, which is never blamed. */
    {"insecure.example", NS, OK, 0, INS, NULL, {NS1_HEX}, 0, NULL, 0},
    {"signed.example", NS, OK, 0, INS, NULL, {NS1_HEX}, 0, NULL, 0},
    {"example", NS, OK, 0, INS, NULL, {NS1_HEX}, 0, NULL, 0},
    {"ns1.example", A, OK, 0, INS, NULL, {"0a000001"}, 0, NULL, 0},
};

static const char *const names[] = {
    "www.allowed.example",  "allowed.example", "a.b.denied.example", "insecure.example",
    "www.insecure.example", "signed.example",  "bogus.example",      "flaky.example",
    "nothing.example",      "not a name",
};
#define NAME_COUNT (sizeof(names) / sizeof(names[0]))

struct feed {
    size_t next;
    size_t emitted;
    enum caa_verdict verdict[NAME_COUNT];
    enum caa_code code[NAME_COUNT];
    char culprit[NAME_COUNT][64]; /* "zone ns=code ..." or "" */
};

static int next_name(void *user, struct caa_bulk_item *item)
{
    struct feed *f = user;

    if (f->next == NAME_COUNT) {
        return 0;
    }
    memset(item, 0, sizeof(*item));
    item->index = f->next;
    item->name = names[f->next++];
    return 1;
}

static void emit(void *user, const struct caa_bulk_result *r)
{
    struct feed *f = user;

    assert_true(r->index < NAME_COUNT);
    f->verdict[r->index] = r->verdict;
    f->code[r->index] = r->code;
    f->emitted++;
    if (r->culprit_server_count > 0) {
        size_t used =
            (size_t)snprintf(f->culprit[r->index], sizeof(f->culprit[0]), "%s", r->culprit_zone);
        for (size_t i = 0; i < r->culprit_server_count && used < sizeof(f->culprit[0]); i++) {
            const struct caa_bulk_culprit_server *s = &r->culprit_servers[i];
            used +=
                (size_t)snprintf(f->culprit[r->index] + used, sizeof(f->culprit[0]) - used,
                                 " %s=%s@%s", s->nameserver, caa_code_name(s->code), s->address);
        }
    }
}

static void request(struct caa_request *req)
{
    static const char *issuers[] = {"letsencrypt.org"};

    caa_request_init(req);
    req->issuers = issuers;
    req->issuer_count = 1;
}

/* caa_check's verdict and code for name i over a fresh copy of the script. */
static void check_one(size_t i, enum caa_lookup_failure policy, enum caa_verdict *verdict,
                      enum caa_code *code)
{
    struct fake_resolver fake;
    struct caa_ctx *ctx = NULL;
    struct caa_report *rep = NULL;
    struct caa_request req;
    const char *one[] = {names[i]};
    enum caa_status st;

    fake_resolver_script(&fake, script, sizeof(script) / sizeof(script[0]));
    assert_int_equal(caa_ctx_new(&ctx), CAA_OK);
    fake_resolver_use(&fake, ctx);
    caa_ctx_set_lookup_failure(ctx, policy);
    request(&req);
    st = caa_check(ctx, one, 1, &req, &rep, NULL);
    if (st == CAA_E_SYNTAX) {
        *verdict = CAA_VERDICT_ERROR;
        *code = CAA_CODE_INPUT_INVALID;
    } else {
        assert_int_equal(st, CAA_OK);
        *verdict = caa_report_name_verdict(rep, 0);
        *code = caa_report_name_code(rep, 0);
    }
    caa_report_free(rep);
    caa_ctx_free(ctx);
}

static void run_bulk(enum caa_lookup_failure policy, struct feed *f, struct caa_bulk_stats *stats)
{
    struct fake_resolver fake;
    struct caa_ctx *ctx = NULL;
    struct caa_request req;
    struct caa_bulk_options opts;

    fake_resolver_script(&fake, script, sizeof(script) / sizeof(script[0]));
    assert_int_equal(caa_ctx_new(&ctx), CAA_OK);
    fake_resolver_use(&fake, ctx);
    request(&req);
    caa_bulk_options_init(&opts);
    opts.threads = 1; /* the script's counters are one thread's */
    opts.lookup_failure = policy;
    memset(f, 0, sizeof(*f));
    assert_int_equal(caa_bulk_run(ctx, &req, &opts, next_name, emit, f, stats, NULL), CAA_OK);
    assert_true(fake.async_asked > 0);
    caa_ctx_free(ctx);
}

static void same_as_check(enum caa_lookup_failure policy)
{
    struct feed f;
    struct caa_bulk_stats stats;

    caa_bulk_stats_init(&stats);
    run_bulk(policy, &f, &stats);
    assert_int_equal(f.emitted, NAME_COUNT);
    for (size_t i = 0; i < NAME_COUNT; i++) {
        enum caa_verdict verdict;
        enum caa_code code;
        if (strcmp(names[i], "flaky.example") == 0 && policy == CAA_LOOKUP_FAILURE_DENY) {
            continue; /* the one known difference, asserted in test_deny */
        }
        check_one(i, policy, &verdict, &code);
        if (f.verdict[i] != verdict || f.code[i] != code) {
            fail_msg("%s: check says %s %s, bulk says %s %s", names[i], caa_verdict_name(verdict),
                     caa_code_name(code), caa_verdict_name(f.verdict[i]), caa_code_name(f.code[i]));
        }
    }
    /* www.allowed.example and allowed.example share a lookup */
    assert_true(stats.cache_hits + stats.coalesced >= 1);
}

static void test_deny(void **state)
{
    struct feed f;
    struct caa_bulk_stats stats;

    (void)state;
    same_as_check(CAA_LOOKUP_FAILURE_DENY);
    caa_bulk_stats_init(&stats);
    run_bulk(CAA_LOOKUP_FAILURE_DENY, &f, &stats);
    assert_int_equal(f.code[0], CAA_CODE_AUTHORIZED);
    assert_int_equal(f.code[2], CAA_CODE_ISSUER_NOT_LISTED);
    assert_int_equal(f.code[3], CAA_CODE_DNS_SERVFAIL);
    assert_int_equal(f.code[6], CAA_CODE_DNS_BOGUS);
    assert_int_equal(f.code[7], CAA_CODE_ISSUER_NOT_LISTED); /* retried */
    assert_int_equal(f.verdict[8], CAA_VERDICT_ALLOWED);
    assert_int_equal(f.code[9], CAA_CODE_INPUT_INVALID);
    /* Each failed row names its zone's server; not asked directly (a private address without
     * a private root), it carries the row's own code. Other rows carry none. */
    assert_string_equal(f.culprit[3], "insecure.example ns1.example=DNS_SERVFAIL@");
    assert_string_equal(f.culprit[4], "insecure.example ns1.example=DNS_SERVFAIL@");
    assert_string_equal(f.culprit[5], "signed.example ns1.example=DNS_SERVFAIL@");
    assert_string_equal(f.culprit[6], "");
    assert_string_equal(f.culprit[0], "");
    assert_string_equal(f.culprit[9], "");
    assert_true(stats.culprit_zone_lookups >= 1);
    assert_int_equal(stats.culprit_probe_rounds, 0);
    /* The summary sums the rows. */
    assert_int_equal(stats.failed_names, 4);
    assert_int_equal(stats.unattributed_names, 1);
    assert_int_equal(stats.culprit_count, 1);
    assert_string_equal(stats.culprits[0].nameserver, "ns1.example");
    assert_int_equal(stats.culprits[0].code, CAA_CODE_DNS_SERVFAIL);
    assert_int_equal(stats.culprits[0].names, 3);
}

static void test_br_exception(void **state)
{
    struct feed f;

    (void)state;
    same_as_check(CAA_LOOKUP_FAILURE_BR_EXCEPTION);
    run_bulk(CAA_LOOKUP_FAILURE_BR_EXCEPTION, &f, NULL);
    assert_int_equal(f.code[3], CAA_CODE_BR_EXCEPTION);
    assert_int_equal(f.verdict[3], CAA_VERDICT_ALLOWED);
    assert_int_equal(f.code[4], CAA_CODE_BR_EXCEPTION);
    assert_int_equal(f.code[5], CAA_CODE_DNS_SERVFAIL);
    assert_int_equal(f.code[6], CAA_CODE_DNS_BOGUS);
    /* Allowed under the exception: no culprit. */
    assert_string_equal(f.culprit[3], "");
    assert_string_equal(f.culprit[5], "signed.example ns1.example=DNS_SERVFAIL@");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deny),
        cmocka_unit_test(test_br_exception),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
