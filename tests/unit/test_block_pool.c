/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/util/block_pool.h"

/* A block given back is the next one handed out: a steady state reuses, never mallocs. */
static void test_reuse(void **state)
{
    struct caa__block_pool pool;
    unsigned char *a;
    unsigned char *b;

    (void)state;
    caa__block_pool_init(&pool, 64);
    a = caa__block_get(&pool, 10);
    b = caa__block_get(&pool, 64);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    assert_int_equal((uintptr_t)a % alignof(max_align_t), 0);
    memset(a, 0xAA, 64); /* the whole block is usable, whatever was asked */
    memset(b, 0xBB, 64);
    caa__block_put(&pool, a);
    assert_ptr_equal(caa__block_get(&pool, 1), a);
    caa__block_put(&pool, b);
    caa__block_put(&pool, a);
    caa__block_put(&pool, NULL);
    caa__block_pool_cleanup(&pool); /* ASan: both freed, nothing leaks */
}

/* A request larger than the pool's blocks gets one of its own, freed (not pooled) when given
 * back. */
static void test_oversize(void **state)
{
    struct caa__block_pool pool;
    unsigned char *big;

    (void)state;
    caa__block_pool_init(&pool, 32);
    big = caa__block_get(&pool, 1000);
    assert_non_null(big);
    memset(big, 1, 1000);
    caa__block_put(&pool, big);
    assert_null(pool.spare);
    caa__block_pool_cleanup(&pool);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reuse),
        cmocka_unit_test(test_oversize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
