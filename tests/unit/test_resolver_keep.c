/* SPDX-License-Identifier: MIT */
/*
 * src/lib/dns/resolver_keep.c: when a kept resolver is used, when it expires, what drops it, and
 * when it vouches for the network (caa_ctx_set_resolver_reuse), over a clock the test sets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "lib/dns/resolver_keep.h"

static uint64_t now_ms;
static int freed;
static int token_a;
static int token_b;

static uint64_t test_clock(void)
{
    return now_ms;
}

static void count_free(void *warm)
{
    (void)warm;
    freed++;
}

static void keep_setup(struct caa__resolver_keep *k, unsigned max_age_s)
{
    caa__resolver_keep_init(k);
    k->clock_ms = test_clock;
    caa__resolver_keep_set_max_age(k, max_age_s);
    freed = 0;
    now_ms = 0;
}

/* A resolver built at `built` is used at `asked` while younger than max_age, else freed. */
static void test_expiry(void **state)
{
    static const struct {
        unsigned max_age_s;
        uint64_t built_ms;
        uint64_t asked_ms;
        int kept;
    } cases[] = {
        {60, 0, 0, 1},       {60, 0, 59999, 1},  {60, 0, 60000, 0}, /* max_age old: a new one */
        {60, 0, 3600000, 0}, {1, 5000, 5999, 1}, {1, 5000, 6000, 0},
        {60, 9000, 1000, 1}, /* a clock that went back: age 0 */
    };
    struct caa__resolver_keep k;

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        keep_setup(&k, cases[i].max_age_s);
        now_ms = cases[i].built_ms;
        assert_null(caa__resolver_keep_get(&k));
        assert_true(caa__resolver_keep_put(&k, &token_a, count_free));
        now_ms = cases[i].asked_ms;
        if (cases[i].kept) {
            assert_ptr_equal(caa__resolver_keep_get(&k), &token_a);
            assert_int_equal(freed, 0);
        } else {
            assert_null(caa__resolver_keep_get(&k));
            assert_int_equal(freed, 1);
        }
        caa__resolver_keep_cleanup(&k);
        assert_int_equal(freed, 1);
    }
}

/* Off (the default) keeps nothing: the caller frees what it built. */
static void test_off(void **state)
{
    struct caa__resolver_keep k;

    (void)state;
    keep_setup(&k, 0);
    assert_false(caa__resolver_keep_put(&k, &token_a, count_free));
    assert_null(caa__resolver_keep_get(&k));
    caa__resolver_keep_answered(&k);
    assert_false(caa__resolver_keep_answered_within(&k, 30000));
    caa__resolver_keep_cleanup(&k);
    assert_int_equal(freed, 0);
}

/* Reset, a put over a kept one, turning reuse off and shortening the age all free the old. */
static void test_drops(void **state)
{
    struct caa__resolver_keep k;

    (void)state;
    keep_setup(&k, 60);
    assert_true(caa__resolver_keep_put(&k, &token_a, count_free));
    caa__resolver_keep_reset(&k);
    assert_int_equal(freed, 1);
    assert_null(caa__resolver_keep_get(&k));

    assert_true(caa__resolver_keep_put(&k, &token_a, count_free));
    assert_true(caa__resolver_keep_put(&k, &token_b, count_free));
    assert_int_equal(freed, 2);
    assert_ptr_equal(caa__resolver_keep_get(&k), &token_b);

    now_ms = 20000;
    caa__resolver_keep_set_max_age(&k, 30); /* 20 s old: still young enough */
    assert_ptr_equal(caa__resolver_keep_get(&k), &token_b);
    caa__resolver_keep_set_max_age(&k, 10); /* now too old */
    assert_int_equal(freed, 3);
    assert_null(caa__resolver_keep_get(&k));

    assert_true(caa__resolver_keep_put(&k, &token_a, count_free));
    caa__resolver_keep_set_max_age(&k, 0);
    assert_int_equal(freed, 4);
    assert_null(caa__resolver_keep_get(&k));
    caa__resolver_keep_cleanup(&k);
    assert_int_equal(freed, 4);
}

/* A kept resolver vouches for the network while it is young and answered lately; a new one has
 * not answered yet. */
static void test_answered_within(void **state)
{
    struct caa__resolver_keep k;

    (void)state;
    keep_setup(&k, 60);
    caa__resolver_keep_answered(&k); /* nothing kept: nothing to remember */
    assert_false(caa__resolver_keep_answered_within(&k, 30000));
    assert_true(caa__resolver_keep_put(&k, &token_a, count_free));
    assert_false(caa__resolver_keep_answered_within(&k, 30000));
    now_ms = 1000;
    caa__resolver_keep_answered(&k);
    now_ms = 30999;
    assert_true(caa__resolver_keep_answered_within(&k, 30000));
    now_ms = 31000;
    assert_false(caa__resolver_keep_answered_within(&k, 30000));
    caa__resolver_keep_answered(&k);
    now_ms = 59999;
    assert_true(caa__resolver_keep_answered_within(&k, 30000));
    now_ms = 60000; /* the resolver itself expires */
    assert_false(caa__resolver_keep_answered_within(&k, 30000));
    caa__resolver_keep_reset(&k); /* a new resolver must answer before it vouches */
    assert_true(caa__resolver_keep_put(&k, &token_b, count_free));
    assert_false(caa__resolver_keep_answered_within(&k, 30000));
    caa__resolver_keep_cleanup(&k);
}

/* A companion goes with the kept resolver: on reset, on expiry, when another is put; it is
 * refused (and stays the caller's) when nothing is kept. */
static void test_companion(void **state)
{
    struct caa__resolver_keep k;
    static int companion;

    (void)state;
    keep_setup(&k, 60);
    assert_false(caa__resolver_keep_set_companion(&k, &companion, count_free));
    assert_int_equal(freed, 0);

    assert_true(caa__resolver_keep_put(&k, &token_a, count_free));
    assert_true(caa__resolver_keep_set_companion(&k, &companion, count_free));
    assert_ptr_equal(caa__resolver_keep_get(&k), &token_a);
    assert_ptr_equal(k.companion, &companion);
    caa__resolver_keep_reset(&k);
    assert_int_equal(freed, 2); /* the resolver and its companion */
    assert_null(k.companion);

    assert_true(caa__resolver_keep_put(&k, &token_a, count_free));
    assert_true(caa__resolver_keep_set_companion(&k, &companion, count_free));
    assert_true(caa__resolver_keep_put(&k, &token_b, count_free));
    assert_int_equal(freed, 4);
    assert_null(k.companion);

    assert_true(caa__resolver_keep_set_companion(&k, &companion, count_free));
    now_ms = 60000;
    assert_null(caa__resolver_keep_get(&k));
    assert_int_equal(freed, 6);
    assert_null(k.companion);
    caa__resolver_keep_cleanup(&k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expiry),    cmocka_unit_test(test_off),
        cmocka_unit_test(test_drops),     cmocka_unit_test(test_answered_within),
        cmocka_unit_test(test_companion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
