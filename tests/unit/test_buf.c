/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/util/ascii.h"
#include "lib/util/buf.h"
#include "lib/util/edit_distance.h"

static void test_append_and_steal(void **state)
{
    struct caa__buf buf;
    char *s;

    (void)state;
    caa__buf_init(&buf, 1024);
    caa__buf_append_str(&buf, "abc");
    caa__buf_printf(&buf, "-%d-", 42);
    caa__buf_append_byte(&buf, 'z');
    s = caa__buf_steal(&buf);
    assert_string_equal(s, "abc-42-z");
    free(s);
    assert_null(buf.data);
}

static void test_ceiling_is_sticky(void **state)
{
    struct caa__buf buf;

    (void)state;
    caa__buf_init(&buf, 4);
    caa__buf_append_str(&buf, "abcd");
    assert_int_equal(buf.status, CAA_OK);
    caa__buf_append_str(&buf, "e");
    assert_int_equal(buf.status, CAA_E_LIMIT);
    caa__buf_append_str(&buf, "");
    assert_int_equal(buf.status, CAA_E_LIMIT);
    assert_null(caa__buf_steal(&buf));
}

static void test_empty_steal_gives_empty_string(void **state)
{
    struct caa__buf buf;
    char *s;

    (void)state;
    caa__buf_init(&buf, 16);
    s = caa__buf_steal(&buf);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
}

static void test_ascii(void **state)
{
    char *lower;

    (void)state;
    assert_true(caa__ascii_equal_nocase((const uint8_t *)"IsSuE", 5, (const uint8_t *)"issue", 5));
    assert_false(caa__ascii_equal_nocase((const uint8_t *)"issue", 5, (const uint8_t *)"issu", 4));
    assert_true(caa__ascii_streq_nocase("NS1.Example.COM", "ns1.example.com"));
    assert_true(caa__ascii_streq_nocase("", ""));
    assert_false(caa__ascii_streq_nocase("example.com", "example.co"));
    /* Only ASCII folds: Latin-1 \xC4 and \xE4 (A and a umlaut) differ whatever the locale. */
    assert_false(caa__ascii_streq_nocase("\xC4.example", "\xE4.example"));
    assert_int_equal(caa__ascii_lower(0xC4), 0xC4); /* non-ASCII bytes are left alone */
    lower = caa__ascii_strdup_lower("LetsEncrypt.ORG");
    assert_string_equal(lower, "letsencrypt.org");
    free(lower);
}

static void test_edit_distance(void **state)
{
    char long_name[300];

    (void)state;
    assert_int_equal(caa__edit_distance("letsencrypt.org", "letsencrypt.org"), 0);
    assert_int_equal(caa__edit_distance("letsencrpyt.org", "letsencrypt.org"), 2);
    assert_int_equal(caa__edit_distance("issue", "isue"), 1);
    assert_int_equal(caa__edit_distance("", "abc"), 3);
    memset(long_name, 'a', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    assert_int_equal(caa__edit_distance(long_name, "a"), SIZE_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_steal),
        cmocka_unit_test(test_ceiling_is_sticky),
        cmocka_unit_test(test_empty_steal_gives_empty_string),
        cmocka_unit_test(test_ascii),
        cmocka_unit_test(test_edit_distance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
