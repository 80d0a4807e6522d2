/* SPDX-License-Identifier: MIT */
/* The CLI's JSON string escaper. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_out.h"

static const struct {
    const char *in;
    size_t len;
    const char *want;
} cases[] = {
    {"", 0, "\"\""},
    {"letsencrypt.org", 15, "\"letsencrypt.org\""},
    {"a\"b\\c", 5, "\"a\\\"b\\\\c\""},
    {"\n\t\r", 3, "\"\\n\\t\\r\""},
    {"\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\""},
    {"a\0b", 3, "\"a\\u0000b\""},
    /* Valid UTF-8 passes through. */
    {"b\xc3\xbc"
     "cher",
     7,
     "\"b\xc3\xbc"
     "cher\""},
    {"\xe2\x82\xac", 3, "\"\xe2\x82\xac\""},
    {"\xf0\x9f\x94\x92", 4, "\"\xf0\x9f\x94\x92\""},
    {"\xef\xbf\xbf", 3, "\"\xef\xbf\xbf\""},
    /* Anything else is escaped byte by byte. */
    {"\xff", 1, "\"\\u00ff\""},
    {"\xc3", 1, "\"\\u00c3\""},
    {"\xc3(", 2, "\"\\u00c3(\""},
    {"\xc0\xaf", 2, "\"\\u00c0\\u00af\""},                       /* overlong "/" */
    {"\xe0\x80\xaf", 3, "\"\\u00e0\\u0080\\u00af\""},            /* overlong */
    {"\xed\xa0\x80", 3, "\"\\u00ed\\u00a0\\u0080\""},            /* surrogate */
    {"\xf4\x90\x80\x80", 4, "\"\\u00f4\\u0090\\u0080\\u0080\""}, /* above U+10FFFF */
    {"\xe2\x82", 2, "\"\\u00e2\\u0082\""},                       /* cut short */
    {"\x80x", 2, "\"\\u0080x\""},
};

static void test_escape(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *text = NULL;
        size_t size = 0;
        FILE *fp = open_memstream(&text, &size);
        assert_non_null(fp);
        json_out_bytes(fp, cases[i].in, cases[i].len);
        fclose(fp);
        print_message("# case %zu\n", i);
        assert_string_equal(text, cases[i].want);
        free(text);
    }
}

static void test_string(void **state)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);

    (void)state;
    assert_non_null(fp);
    json_out_string(fp, "say \"hi\"");
    fclose(fp);
    assert_string_equal(text, "\"say \\\"hi\\\"\"");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_string),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
