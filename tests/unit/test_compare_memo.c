/* SPDX-License-Identifier: MIT */
/*
 * src/lib/check/compare_memo.c: what a kept server comparison remembers, until when, and what a
 * collision or a long name does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/check/compare_memo.h"

static void test_until(void **state)
{
    struct caa__compare_memo *m = caa__compare_memo_new();

    (void)state;
    assert_non_null(m);
    assert_false(caa__compare_memo_agreed(m, "example.com", 0));
    caa__compare_memo_note(m, "example.com", 30000);
    assert_true(caa__compare_memo_agreed(m, "example.com", 0));
    assert_true(caa__compare_memo_agreed(m, "example.com", 29999));
    assert_false(caa__compare_memo_agreed(m, "example.com", 30000));
    /* Another name, a parent, a child: not known. */
    assert_false(caa__compare_memo_agreed(m, "example.org", 1));
    assert_false(caa__compare_memo_agreed(m, "com", 1));
    assert_false(caa__compare_memo_agreed(m, "www.example.com", 1));
    /* A new note moves the end. */
    caa__compare_memo_note(m, "example.com", 90000);
    assert_true(caa__compare_memo_agreed(m, "example.com", 60000));
    caa__compare_memo_free(m);
}

/* Many names: each is known or forgotten (a slot taken by another), never mistaken for another. */
static void test_collisions(void **state)
{
    struct caa__compare_memo *m = caa__compare_memo_new();
    char name[64];
    size_t known = 0;

    (void)state;
    for (int i = 0; i < 4096; i++) {
        (void)snprintf(name, sizeof(name), "n%d.example", i);
        caa__compare_memo_note(m, name, 1000);
    }
    for (int i = 0; i < 4096; i++) {
        (void)snprintf(name, sizeof(name), "n%d.example", i);
        known += caa__compare_memo_agreed(m, name, 0);
    }
    assert_true(known > 0 && known <= 512); /* at most one per slot */
    for (int i = 4096; i < 8192; i++) {
        (void)snprintf(name, sizeof(name), "n%d.example", i);
        assert_false(caa__compare_memo_agreed(m, name, 0));
    }
    caa__compare_memo_free(m);
}

/* No memo (out of memory) knows nothing and takes notes without harm; a name too long for a
 * slot is not noted. */
static void test_edges(void **state)
{
    char long_name[300];

    (void)state;
    caa__compare_memo_note(NULL, "example.com", 1000);
    assert_false(caa__compare_memo_agreed(NULL, "example.com", 0));
    struct caa__compare_memo *m = caa__compare_memo_new();
    memset(long_name, 'a', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    caa__compare_memo_note(m, long_name, 1000);
    assert_false(caa__compare_memo_agreed(m, long_name, 0));
    caa__compare_memo_free(m);
    caa__compare_memo_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_until),
        cmocka_unit_test(test_collisions),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
