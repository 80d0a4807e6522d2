/* SPDX-License-Identifier: MIT */
/* src/service/rate_limit.c, result_cache.c and check_spec.c: pure logic with a given clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/check_spec.h"
#include "service/rate_limit.h"
#include "service/result_cache.h"

static void test_bucket(void **state)
{
    struct rate_limit *rl = rate_limit_new(0.5, 3, 16);
    unsigned retry = 0;

    (void)state;
    assert_non_null(rl);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(rate_limit_take(rl, "a", 1, 100.0, &retry), 0);
    }
    assert_int_equal(rate_limit_take(rl, "a", 1, 100.0, &retry), -1);
    assert_int_equal(retry, 2);                                      /* one token at 0.5/s */
    assert_int_equal(rate_limit_take(rl, "b", 1, 100.0, &retry), 0); /* another key */
    assert_int_equal(rate_limit_take(rl, "a", 1, 102.0, &retry), 0); /* refilled */
    assert_int_equal(rate_limit_take(rl, "a", 1, 102.0, &retry), -1);
    rate_limit_free(rl);
}

/* A flood of distinct keys cannot grow the table past its bound nor reset anyone's bucket. */
static void test_bucket_bounded(void **state)
{
    struct rate_limit *rl = rate_limit_new(0.001, 1, 8);
    unsigned retry = 0;
    char key[32];
    int refused = 0;

    (void)state;
    for (int i = 0; i < 100; i++) {
        (void)snprintf(key, sizeof(key), "k%d", i);
        refused += rate_limit_take(rl, key, 1, 10.0, &retry) != 0;
    }
    assert_int_equal(refused, 92);
    assert_int_equal(rate_limit_take(rl, "k0", 1, 10.0, &retry), -1);
    rate_limit_free(rl);
}

static int calls;
static struct check_result *seen;

static void waiter(void *arg, struct check_result *res)
{
    (void)arg;
    calls++;
    seen = res;
    check_result_unref(res);
}

static void test_cache(void **state)
{
    struct result_cache *c = result_cache_new(60.0, 4);
    struct check_result *hit = NULL;
    struct caa_error err = {0, "x"};
    struct check_result *res = check_result_new(NULL, CAA_E_IO, &err, 0.1);

    (void)state;
    assert_int_equal(result_cache_get(c, "k", false, 0, &hit, waiter, NULL), CACHE_MISS);
    assert_int_equal(result_cache_get(c, "k", false, 0, &hit, waiter, NULL), CACHE_JOINED);
    /* fresh=1 never joins a check in flight that may answer from a worker's DNS cache. */
    assert_int_equal(result_cache_get(c, "k", true, 0, &hit, waiter, NULL), CACHE_BYPASS);
    /* A failed check reaches the waiters but is not kept. */
    result_cache_complete(c, "k", res, 1.0);
    assert_int_equal(calls, 1);
    assert_ptr_equal(seen, res);
    assert_int_equal(result_cache_get(c, "k", false, 1.0, &hit, waiter, NULL), CACHE_MISS);
    check_result_unref(res);
    /* A good one is kept for the TTL. */
    res = check_result_new(NULL, CAA_OK, NULL, 0.1);
    res->status = CAA_OK;
    result_cache_complete(c, "k", res, 2.0);
    assert_int_equal(result_cache_get(c, "k", false, 30.0, &hit, waiter, NULL), CACHE_HIT);
    assert_ptr_equal(hit, res);
    check_result_unref(hit);
    assert_true(result_cache_has(c, "k", 30.0));
    assert_false(result_cache_has(c, "k", 63.0));
    assert_int_equal(result_cache_get(c, "k", true, 30.0, &hit, waiter, NULL), CACHE_MISS);
    /* A fresh check in flight is as fresh as it gets: fresh and non-fresh requests join it. */
    assert_int_equal(result_cache_get(c, "k", true, 30.0, &hit, waiter, NULL), CACHE_JOINED);
    assert_int_equal(result_cache_get(c, "k", false, 30.0, &hit, waiter, NULL), CACHE_JOINED);
    result_cache_complete(c, "k", res, 31.0);
    assert_int_equal(calls, 3);
    assert_int_equal(result_cache_get(c, "k", false, 100.0, &hit, waiter, NULL), CACHE_MISS);
    result_cache_complete(c, "k", NULL, 100.0);
    /* Bounded: past max_entries with nothing expired, the cache says FULL. */
    for (int i = 0; i < 4; i++) {
        char key[8];
        (void)snprintf(key, sizeof(key), "f%d", i);
        assert_int_not_equal(result_cache_get(c, key, false, 100.0, &hit, waiter, NULL),
                             CACHE_FULL);
    }
    assert_int_equal(result_cache_get(c, "f9", false, 100.0, &hit, waiter, NULL), CACHE_FULL);
    for (int i = 0; i < 4; i++) {
        char key[8];
        (void)snprintf(key, sizeof(key), "f%d", i);
        result_cache_complete(c, key, NULL, 100.0);
    }
    check_result_unref(res);
    result_cache_free(c);
}

static void test_spec(void **state)
{
    static const struct {
        const char *name, *ca, *method, *account, *profile;
        int ok;
    } cases[] = {
        {"example.com", NULL, NULL, NULL, NULL, 1},
        {"Bücher.example", "letsencrypt", "dns-01", "https://ca/acct/1", "rfc8659", 1},
        {"*.example.com", "sectigo.com", NULL, NULL, NULL, 1},
        {"a..b", NULL, NULL, NULL, NULL, 0},
        {"a b.example", NULL, NULL, NULL, NULL, 0},
        {"\xff.example", NULL, NULL, NULL, NULL, 0},
        {"example.com", "not a ca!", NULL, NULL, NULL, 0},
        {"example.com", NULL, "HTTP 01", NULL, NULL, 0},
        {"example.com", NULL, NULL, "a b", NULL, 0},
        {"example.com", NULL, NULL, NULL, "boulder", 0},
    };
    char why[256];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *names[1] = {cases[i].name};
        struct check_input in = {names,           1, cases[i].ca, cases[i].method, cases[i].account,
                                 cases[i].profile};
        struct check_spec spec;
        int rc = check_spec_parse(&in, &spec, why, sizeof(why));
        assert_int_equal(rc == 0, cases[i].ok);
        if (rc == 0) {
            check_spec_cleanup(&spec);
        } else {
            assert_true(why[0] != '\0');
        }
    }
}

/* The key tells apart what the verdict depends on, and only that. */
static void test_spec_key(void **state)
{
    const char *ab[2] = {"a.example", "b.example"}, *ba[2] = {"b.example", "a.example"};
    struct check_input in1 = {ab, 2, NULL, NULL, NULL, NULL};
    struct check_input in2 = {ba, 2, NULL, NULL, NULL, NULL};
    struct check_input in3 = {ab, 2, "letsencrypt.org", NULL, NULL, NULL};
    struct check_input in4 = {ab, 2, NULL, "dns-01", NULL, NULL};
    struct check_spec s1, s2, s3, s4;
    char why[256];
    char *k1, *k2, *k3, *k4;

    (void)state;
    assert_int_equal(check_spec_parse(&in1, &s1, why, sizeof(why)), 0);
    assert_int_equal(check_spec_parse(&in2, &s2, why, sizeof(why)), 0);
    assert_int_equal(check_spec_parse(&in3, &s3, why, sizeof(why)), 0);
    assert_int_equal(check_spec_parse(&in4, &s4, why, sizeof(why)), 0);
    k1 = check_spec_key(&s1);
    k2 = check_spec_key(&s2);
    k3 = check_spec_key(&s3);
    k4 = check_spec_key(&s4);
    assert_string_not_equal(k1, k2); /* order matters: results come back in order */
    assert_string_equal(k1, k3);     /* the default CA is letsencrypt.org */
    assert_string_not_equal(k1, k4);
    free(k1);
    free(k2);
    free(k3);
    free(k4);
    check_spec_cleanup(&s1);
    check_spec_cleanup(&s2);
    check_spec_cleanup(&s3);
    check_spec_cleanup(&s4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bucket),   cmocka_unit_test(test_bucket_bounded),
        cmocka_unit_test(test_cache),    cmocka_unit_test(test_spec),
        cmocka_unit_test(test_spec_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
