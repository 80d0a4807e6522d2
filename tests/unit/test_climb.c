/* SPDX-License-Identifier: MIT */
/* One name's climb (check/climb.c): what it asks for next, in the order caa_check and bulk
 * make the lookups, and the verdict it gives; the BR 3.2.2.8 retry and Insecure proof. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/check/climb.h"
#include "lib/util/arena.h"

#define SERVFAIL 2

/* An answer: rcode (-1 for a timeout), dnssec, and one CAA RDATA (0 issue "ca.example") or
 * none. */
static void make(struct caa__dns_answer *a, const char *qname, int rcode, enum caa_dnssec dnssec,
                 bool caa)
{
    static const uint8_t issue[] = {0,   5,   'i', 's', 's', 'u', 'e', 'c', 'a',
                                    '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e'};

    caa__dns_answer_init(a, qname);
    a->failure = rcode < 0 ? CAA__DNS_TIMEOUT : CAA__DNS_OK;
    a->rcode = rcode;
    a->dnssec = dnssec;
    if (caa) {
        a->rdata = calloc(1, sizeof(*a->rdata));
        a->rdata_len = calloc(1, sizeof(*a->rdata_len));
        assert_non_null(a->rdata);
        assert_non_null(a->rdata_len);
        a->rdata[0] = malloc(sizeof(issue));
        assert_non_null(a->rdata[0]);
        memcpy(a->rdata[0], issue, sizeof(issue));
        a->rdata_len[0] = sizeof(issue);
        a->rdata_count = 1;
    }
}

static struct caa__name_result finish(struct caa__climb *c, struct caa__arena *arena)
{
    static const char *const issuers[] = {"ca.example"};
    struct caa_request req;
    struct caa__name_result r;

    memset(&req, 0, sizeof(req));
    req.issuers = issuers;
    req.issuer_count = 1;
    memset(&r, 0, sizeof(r));
    r.name = caa__arena_strdup(arena, "www.example.com");
    assert_int_equal(caa__climb_finish(c, &req, arena, &r), CAA_OK);
    return r;
}

/* Bulk's way (one label at a time): an empty label climbs on, the first RRset decides, the
 * labels above are never asked. */
static void test_one_label_at_a_time(void **state)
{
    struct caa__dns_answer a[2];
    struct caa__climb c;
    struct caa__arena *arena = NULL;
    struct caa__name_result r;

    (void)state;
    assert_int_equal(caa__arena_new(1 << 16, &arena), CAA_OK);
    make(&a[0], "www.example.com", 0, CAA_DNSSEC_INSECURE, false);
    make(&a[1], "example.com", 0, CAA_DNSSEC_INSECURE, true);
    caa__climb_init(&c, CAA_PROFILE_LETSENCRYPT, CAA_LOOKUP_FAILURE_DENY, 3);
    assert_int_equal(caa__climb_next(&c, false).need, CAA__CLIMB_NEED_LABEL);
    assert_int_equal(caa__climb_feed(&c, &a[0]), CAA_OK);
    assert_int_equal(caa__climb_next(&c, false).index, 1);
    assert_int_equal(caa__climb_feed(&c, &a[1]), CAA_OK);
    assert_int_equal(caa__climb_next(&c, false).need, CAA__CLIMB_DONE);
    /* caa_check's way asks the last label too */
    assert_int_equal(caa__climb_next(&c, true).need, CAA__CLIMB_NEED_LABEL);
    r = finish(&c, arena);
    assert_int_equal(r.verdict, CAA_VERDICT_ALLOWED);
    assert_int_equal(r.lookup_count, 2);
    assert_string_equal(caa_rrset_owner(r.rrset), "example.com");
    caa__name_result_cleanup(&r);
    caa__climb_cleanup(&c);
    caa__dns_answer_cleanup(&a[0]);
    caa__dns_answer_cleanup(&a[1]);
    caa__arena_free(arena);
}

/* BR 3.2.2.8: a failure asks for one retry, then SOA and DS at the failing label; a secure
 * "no DS" proves the zone Insecure and the failure counts as permission. */
static void test_br_exception(void **state)
{
    struct caa__dns_answer fail, soa, ds;
    struct caa__climb c;
    struct caa__climb_query q;
    struct caa__arena *arena = NULL;
    struct caa__name_result r;

    (void)state;
    assert_int_equal(caa__arena_new(1 << 16, &arena), CAA_OK);
    make(&fail, "www.example.com", SERVFAIL, CAA_DNSSEC_UNKNOWN, false);
    make(&soa, "www.example.com", SERVFAIL, CAA_DNSSEC_UNKNOWN, false);
    make(&ds, "www.example.com", 0, CAA_DNSSEC_SECURE, false);
    caa__climb_init(&c, CAA_PROFILE_LETSENCRYPT, CAA_LOOKUP_FAILURE_BR_EXCEPTION, 3);
    assert_int_equal(caa__climb_feed(&c, &fail), CAA_OK);
    q = caa__climb_next(&c, false);
    assert_int_equal(q.need, CAA__CLIMB_NEED_RETRY);
    assert_string_equal(q.qname, "www.example.com");
    assert_false(caa__climb_retry_usable(&c, &fail));
    assert_int_equal(caa__climb_retried(&c, NULL), CAA_OK);
    q = caa__climb_next(&c, false);
    assert_int_equal(q.need, CAA__CLIMB_NEED_PROOF);
    assert_int_equal(q.qtype, 6);
    caa__climb_proved(&c, &soa); /* SERVFAIL: not an answer, the parent's DS next */
    q = caa__climb_next(&c, false);
    assert_int_equal(q.need, CAA__CLIMB_NEED_PROOF);
    assert_int_equal(q.qtype, 43);
    caa__climb_proved(&c, &ds);
    assert_int_equal(caa__climb_next(&c, false).need, CAA__CLIMB_DONE);
    r = finish(&c, arena);
    assert_int_equal(r.verdict, CAA_VERDICT_ALLOWED);
    assert_int_equal(r.code, CAA_CODE_BR_EXCEPTION);
    assert_true(r.br_exception_used);
    caa__name_result_cleanup(&r);
    caa__climb_cleanup(&c);

    /* the same without the policy: an error, nothing more asked */
    caa__climb_init(&c, CAA_PROFILE_LETSENCRYPT, CAA_LOOKUP_FAILURE_DENY, 3);
    assert_int_equal(caa__climb_feed(&c, &fail), CAA_OK);
    assert_int_equal(caa__climb_next(&c, false).need, CAA__CLIMB_DONE);
    r = finish(&c, arena);
    assert_int_equal(r.verdict, CAA_VERDICT_ERROR);
    assert_int_equal(r.code, CAA_CODE_DNS_SERVFAIL);
    caa__name_result_cleanup(&r);
    caa__climb_cleanup(&c);
    caa__dns_answer_cleanup(&fail);
    caa__dns_answer_cleanup(&soa);
    caa__dns_answer_cleanup(&ds);
    caa__arena_free(arena);
}

/* A retry that succeeds replaces the failing answer; an empty one moves the selection up to
 * the labels already fed (caa_check) or asks the next label (bulk). */
static void test_retry_succeeds(void **state)
{
    struct caa__dns_answer fail, empty, parent;
    struct caa__climb c;
    struct caa__arena *arena = NULL;
    struct caa__name_result r;

    (void)state;
    assert_int_equal(caa__arena_new(1 << 16, &arena), CAA_OK);
    make(&fail, "www.example.com", -1, CAA_DNSSEC_UNKNOWN, false);
    make(&empty, "www.example.com", 0, CAA_DNSSEC_INSECURE, false);
    make(&parent, "example.com", 0, CAA_DNSSEC_INSECURE, true);
    caa__climb_init(&c, CAA_PROFILE_LETSENCRYPT, CAA_LOOKUP_FAILURE_BR_EXCEPTION, 2);
    assert_int_equal(caa__climb_feed(&c, &fail), CAA_OK);
    assert_int_equal(caa__climb_next(&c, false).need, CAA__CLIMB_NEED_RETRY);
    assert_true(caa__climb_retry_usable(&c, &empty));
    assert_int_equal(caa__climb_retried(&c, &empty), CAA_OK);
    assert_int_equal(caa__climb_next(&c, false).need, CAA__CLIMB_NEED_LABEL);
    assert_int_equal(caa__climb_feed(&c, &parent), CAA_OK);
    assert_int_equal(caa__climb_next(&c, false).need, CAA__CLIMB_DONE);
    r = finish(&c, arena);
    assert_int_equal(r.verdict, CAA_VERDICT_ALLOWED);
    assert_int_equal(r.code, CAA_CODE_AUTHORIZED);
    assert_false(r.br_exception_used);
    assert_string_equal(r.lookups[0].rcode_name, "NOERROR");
    caa__name_result_cleanup(&r);
    caa__climb_cleanup(&c);
    caa__dns_answer_cleanup(&fail);
    caa__dns_answer_cleanup(&empty);
    caa__dns_answer_cleanup(&parent);
    caa__arena_free(arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_label_at_a_time),
        cmocka_unit_test(test_br_exception),
        cmocka_unit_test(test_retry_succeeds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
