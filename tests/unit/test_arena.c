/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/util/arena.h"

/* Many small pieces and a few big ones: each zeroed, aligned, distinct and intact until the one
 * free (ASan checks the bounds and that nothing leaks). */
static void test_alloc_and_free(void **state)
{
    struct caa__arena *arena = NULL;
    unsigned char *pieces[300];

    (void)state;
    assert_int_equal(caa__arena_new(1u << 20, &arena), CAA_OK);
    for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++) {
        size_t size = i % 50 == 0 ? 5000 + i : 1 + i % 37;
        pieces[i] = caa__arena_alloc(arena, size);
        assert_non_null(pieces[i]);
        assert_int_equal((uintptr_t)pieces[i] % alignof(max_align_t), 0);
        for (size_t k = 0; k < size; k++) {
            assert_int_equal(pieces[i][k], 0);
        }
        memset(pieces[i], (int)(i & 0xFF), size);
    }
    for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++) {
        assert_int_equal(pieces[i][0], i & 0xFF);
    }
    assert_string_equal(caa__arena_strdup(arena, "example.com"), "example.com");
    assert_null(caa__arena_strdup(arena, NULL));
    assert_int_equal(caa__arena_status(arena), CAA_OK);
    caa__arena_free(arena);
    caa__arena_free(NULL);
}

/* Past the ceiling an allocation fails with CAA_E_LIMIT, and the failure sticks. */
static void test_ceiling(void **state)
{
    struct caa__arena *arena = NULL;

    (void)state;
    assert_int_equal(caa__arena_new(10000, &arena), CAA_OK);
    assert_non_null(caa__arena_alloc(arena, 4000));
    assert_null(caa__arena_alloc(arena, 9000));
    assert_int_equal(caa__arena_status(arena), CAA_E_LIMIT);
    assert_non_null(caa__arena_alloc(arena, 8));
    assert_int_equal(caa__arena_status(arena), CAA_E_LIMIT);
    assert_null(caa__arena_calloc(arena, SIZE_MAX / 2, 4));
    caa__arena_free(arena);
}

/* A reset arena is empty but keeps one chunk: the next small allocations reuse that memory,
 * zeroed again; big chunks go, and a sticky failure is cleared. */
static void test_reset_reuses(void **state)
{
    struct caa__arena *arena = NULL;
    unsigned char *first;
    unsigned char *again;
    unsigned char *big;

    (void)state;
    assert_int_equal(caa__arena_new(16000, &arena), CAA_OK);
    first = caa__arena_alloc(arena, 100);
    assert_non_null(first);
    memset(first, 0xAB, 100);
    big = caa__arena_alloc(arena, 9000);
    assert_non_null(big);
    assert_null(caa__arena_alloc(arena, 9000));
    assert_int_equal(caa__arena_status(arena), CAA_E_LIMIT);
    caa__arena_reset(arena);
    assert_int_equal(caa__arena_status(arena), CAA_OK);
    again = caa__arena_alloc(arena, 100);
    assert_ptr_equal(again, first);
    for (size_t k = 0; k < 100; k++) {
        assert_int_equal(again[k], 0);
    }
    /* The ceiling counts the kept chunk only: 9000 fits again. */
    assert_non_null(caa__arena_alloc(arena, 9000));
    caa__arena_reset(arena);
    caa__arena_reset(arena);
    assert_non_null(caa__arena_strdup(arena, "example.com"));
    caa__arena_free(arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_and_free),
        cmocka_unit_test(test_ceiling),
        cmocka_unit_test(test_reset_reuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
