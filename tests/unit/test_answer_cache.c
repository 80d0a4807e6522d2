/* SPDX-License-Identifier: MIT */
/*
 * src/lib/dns/answer_cache.c: which answers a kept resolver's cache keeps, for how long, with
 * what TTL they come back, and what a full cache forgets; over times the test gives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/dns/answer_cache.h"

#define NEVER UINT64_MAX

/* A NOERROR answer with one CAA RDATA and an alias, as the resolver fills them. */
static void answer_make(struct caa__dns_answer *a, const char *qname, uint32_t ttl)
{
    static const uint8_t rdata[] = {0, 5, 'i', 's', 's', 'u', 'e', 'c', 'a', '.', 'x'};

    caa__dns_answer_init(a, qname);
    a->rcode = 0;
    a->dnssec = CAA_DNSSEC_SECURE;
    a->ttl = ttl;
    a->elapsed_ms = 12;
    a->rdata = calloc(1, sizeof(*a->rdata));
    a->rdata_len = calloc(1, sizeof(*a->rdata_len));
    assert_non_null(a->rdata);
    assert_non_null(a->rdata_len);
    a->rdata[0] = malloc(sizeof(rdata));
    assert_non_null(a->rdata[0]);
    memcpy(a->rdata[0], rdata, sizeof(rdata));
    a->rdata_len[0] = sizeof(rdata);
    a->rdata_count = 1;
    a->aliases[0] = strdup("www.example -> example");
    a->alias_count = 1;
}

/* A copy comes back whole, its own memory, TTL counted down by whole seconds, elapsed 0. */
static void test_copy_and_ttl(void **state)
{
    struct caa__answer_cache *c = caa__answer_cache_new(8);
    struct caa__dns_answer a;
    struct caa__dns_answer got;

    (void)state;
    answer_make(&a, "example", 300);
    caa__answer_cache_put(c, &a, 1000, NEVER);
    caa__dns_answer_cleanup(&a); /* the cache kept its own copy */

    assert_true(caa__answer_cache_get(c, "example", 1000, &got));
    assert_string_equal(got.qname, "example");
    assert_int_equal(got.rcode, 0);
    assert_int_equal(got.dnssec, CAA_DNSSEC_SECURE);
    assert_int_equal(got.ttl, 300);
    assert_int_equal(got.elapsed_ms, 0);
    assert_int_equal(got.rdata_count, 1);
    assert_int_equal(got.rdata_len[0], 11);
    assert_memory_equal(got.rdata[0] + 2, "issueca.x", 9);
    assert_int_equal(got.alias_count, 1);
    assert_string_equal(got.aliases[0], "www.example -> example");
    caa__dns_answer_cleanup(&got);

    assert_true(caa__answer_cache_get(c, "example", 1000 + 120500, &got));
    assert_int_equal(got.ttl, 180); /* 120.5 s later */
    caa__dns_answer_cleanup(&got);
    assert_false(caa__answer_cache_get(c, "www.example", 1000, &got)); /* never asked */
    caa__answer_cache_free(c);
}

/* Kept until the TTL runs out, and never past the resolver's end (not_after). */
static void test_expiry(void **state)
{
    struct caa__answer_cache *c = caa__answer_cache_new(8);
    struct caa__dns_answer a;
    struct caa__dns_answer got;

    (void)state;
    answer_make(&a, "example", 10);
    caa__answer_cache_put(c, &a, 0, NEVER);
    assert_true(caa__answer_cache_get(c, "example", 9999, &got));
    caa__dns_answer_cleanup(&got);
    assert_false(caa__answer_cache_get(c, "example", 10000, &got));

    caa__answer_cache_put(c, &a, 20000, 25000); /* the resolver goes at 25 s: 5 s, not 10 */
    assert_true(caa__answer_cache_get(c, "example", 24999, &got));
    caa__dns_answer_cleanup(&got);
    assert_false(caa__answer_cache_get(c, "example", 25000, &got));

    caa__answer_cache_put(c, &a, 30000, 30000); /* already past: not kept */
    assert_false(caa__answer_cache_get(c, "example", 30000, &got));
    caa__dns_answer_cleanup(&a);
    caa__answer_cache_free(c);
}

/* Only what libunbound's cache would hand back as it is: no failure, SERVFAIL, REFUSED, bogus
 * or undetermined answer, no truncated one, none without a TTL; NXDOMAIN and insecure are. */
static void test_what_is_kept(void **state)
{
    static const struct {
        const char *what;
        enum caa__dns_failure failure;
        int rcode;
        enum caa_dnssec dnssec;
        bool truncated;
        uint32_t ttl;
        bool kept;
    } cases[] = {
        {"secure NOERROR", CAA__DNS_OK, 0, CAA_DNSSEC_SECURE, false, 60, true},
        {"insecure NOERROR", CAA__DNS_OK, 0, CAA_DNSSEC_INSECURE, false, 60, true},
        {"NXDOMAIN", CAA__DNS_OK, 3, CAA_DNSSEC_SECURE, false, 60, true},
        {"SERVFAIL", CAA__DNS_OK, 2, CAA_DNSSEC_UNKNOWN, false, 60, false},
        {"REFUSED", CAA__DNS_OK, 5, CAA_DNSSEC_INSECURE, false, 60, false},
        {"bogus", CAA__DNS_OK, 0, CAA_DNSSEC_BOGUS, false, 60, false},
        {"unknown", CAA__DNS_OK, 0, CAA_DNSSEC_UNKNOWN, false, 60, false},
        {"timeout", CAA__DNS_TIMEOUT, -1, CAA_DNSSEC_UNKNOWN, false, 60, false},
        {"truncated", CAA__DNS_OK, 0, CAA_DNSSEC_SECURE, true, 60, false},
        {"TTL 0", CAA__DNS_OK, 0, CAA_DNSSEC_SECURE, false, 0, false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct caa__answer_cache *c = caa__answer_cache_new(8);
        struct caa__dns_answer a;
        struct caa__dns_answer got;
        bool kept;

        answer_make(&a, "example", cases[i].ttl);
        a.failure = cases[i].failure;
        a.rcode = cases[i].rcode;
        a.dnssec = cases[i].dnssec;
        a.truncated = cases[i].truncated;
        caa__answer_cache_put(c, &a, 0, NEVER);
        kept = caa__answer_cache_get(c, "example", 0, &got);
        if (kept != cases[i].kept) {
            fail_msg("%s: kept %d, want %d", cases[i].what, kept, cases[i].kept);
        }
        if (kept) {
            caa__dns_answer_cleanup(&got);
        }
        caa__dns_answer_cleanup(&a);
        caa__answer_cache_free(c);
    }
}

/* A newer answer replaces the kept one; a full cache forgets the expired first, then all. */
static void test_replace_and_full(void **state)
{
    struct caa__answer_cache *c = caa__answer_cache_new(3);
    struct caa__dns_answer a;
    struct caa__dns_answer got;
    const char *names[] = {"a.example", "b.example", "c.example"};

    (void)state;
    answer_make(&a, "a.example", 10);
    caa__answer_cache_put(c, &a, 0, NEVER);
    a.ttl = 100;
    caa__answer_cache_put(c, &a, 5000, NEVER);
    assert_int_equal(caa__answer_cache_count(c), 1);
    assert_true(caa__answer_cache_get(c, "a.example", 50000, &got)); /* the newer one's TTL */
    assert_int_equal(got.ttl, 55);
    caa__dns_answer_cleanup(&got);
    caa__dns_answer_cleanup(&a);

    for (size_t i = 1; i < 3; i++) {
        answer_make(&a, names[i], i == 1 ? 1 : 100); /* b expires at 6 s */
        caa__answer_cache_put(c, &a, 5000, NEVER);
        caa__dns_answer_cleanup(&a);
    }
    assert_int_equal(caa__answer_cache_count(c), 3);
    answer_make(&a, "d.example", 100);
    caa__answer_cache_put(c, &a, 7000, NEVER); /* full: b (expired) goes */
    caa__dns_answer_cleanup(&a);
    assert_int_equal(caa__answer_cache_count(c), 3);
    assert_true(caa__answer_cache_get(c, "a.example", 7000, &got));
    caa__dns_answer_cleanup(&got);
    assert_false(caa__answer_cache_get(c, "b.example", 7000, &got));

    answer_make(&a, "e.example", 100);
    caa__answer_cache_put(c, &a, 8000, NEVER); /* full, nothing expired: all go, e stays */
    caa__dns_answer_cleanup(&a);
    assert_int_equal(caa__answer_cache_count(c), 1);
    assert_true(caa__answer_cache_get(c, "e.example", 8000, &got));
    caa__dns_answer_cleanup(&got);
    assert_false(caa__answer_cache_get(c, "a.example", 8000, &got));
    caa__answer_cache_free(c);
    assert_false(caa__answer_cache_get(NULL, "a.example", 0, &got)); /* no cache: ask */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_and_ttl),
        cmocka_unit_test(test_expiry),
        cmocka_unit_test(test_what_is_kept),
        cmocka_unit_test(test_replace_and_full),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
