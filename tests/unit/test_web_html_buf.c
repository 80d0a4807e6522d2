/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "html_buf.h"

static const struct {
    const char *in;
    const char *want;
} text_cases[] = {
    {"example.com", "example.com"},
    {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
    {"\"onmouseover=alert(1)", "&quot;onmouseover=alert(1)"},
    {"a'b&c", "a&#39;b&amp;c"},
    {"&amp;", "&amp;amp;"},
    {"b\xC3\xBC\x63her.example", "b\xC3\xBC\x63her.example"}, /* valid UTF-8 kept */
    {"\xF0\x9F\x94\x92 lock", "\xF0\x9F\x94\x92 lock"},       /* 4-byte sequence kept */
    {"bad\xFFname", "bad\xEF\xBF\xBDname"},                   /* invalid byte */
    {"\xC0\xBCscript", "\xEF\xBF\xBD\xEF\xBF\xBDscript"},     /* overlong '<' */
    {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, /* surrogate */
    {"trunc\xE2\x82", "trunc\xEF\xBF\xBD\xEF\xBF\xBD"},       /* cut sequence */
    {"bell\x07tab\tnl\n", "bell\xEF\xBF\xBDtab\tnl\n"},       /* C0 controls */
    {"del\x7F", "del\xEF\xBF\xBD"},
    {"", ""},
};

static void test_text_escapes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof text_cases / sizeof text_cases[0]; i++) {
        struct web_buf b;
        char *out;

        web_buf_init(&b);
        web_buf_raw(&b, "[");
        web_buf_text(&b, text_cases[i].in);
        web_buf_raw(&b, "]");
        out = web_buf_finish(&b);
        assert_non_null(out);
        assert_int_equal(strlen(out), strlen(text_cases[i].want) + 2);
        assert_memory_equal(out + 1, text_cases[i].want, strlen(text_cases[i].want));
        free(out);
    }
}

static const struct {
    const char *in;
    const char *want;
} query_cases[] = {
    {"example.com", "example.com"},
    {"a b&c=d", "a%20b%26c%3Dd"},
    {"*.example.com", "%2A.example.com"},
    {"\"><script>", "%22%3E%3Cscript%3E"},
    {"\xC3\xBC", "%C3%BC"},
    {"~_-.", "~_-."},
};

static void test_query_encodes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof query_cases / sizeof query_cases[0]; i++) {
        struct web_buf b;
        char *out;

        web_buf_init(&b);
        web_buf_query(&b, query_cases[i].in);
        out = web_buf_finish(&b);
        assert_non_null(out);
        assert_string_equal(out, query_cases[i].want);
        free(out);
    }
}

static void test_numbers(void **state)
{
    static const struct {
        unsigned long long v;
        const char *want;
    } cases[] = {{0, "0"},
                 {7, "7"},
                 {1796524800ULL, "1796524800"},
                 {18446744073709551615ULL, "18446744073709551615"}};

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct web_buf b;
        char *out;

        web_buf_init(&b);
        web_buf_uint(&b, cases[i].v);
        out = web_buf_finish(&b);
        assert_string_equal(out, cases[i].want);
        free(out);
    }
}

/* Past the ceiling the buffer fails once and for all: no partial page is ever returned. */
static void test_ceiling_is_sticky(void **state)
{
    struct web_buf b;
    size_t chunk = 1024 * 1024;
    char *big = malloc(chunk);

    (void)state;
    assert_non_null(big);
    memset(big, 'x', chunk);
    web_buf_init(&b);
    for (size_t i = 0; i <= WEB_BUF_MAX / chunk; i++) {
        web_buf_rawn(&b, big, chunk);
    }
    assert_true(b.failed);
    web_buf_raw(&b, "more");
    assert_null(web_buf_finish(&b));
    free(big);
}

static void test_empty_document(void **state)
{
    struct web_buf b;
    char *out;

    (void)state;
    web_buf_init(&b);
    web_buf_text(&b, NULL);
    out = web_buf_finish(&b);
    assert_non_null(out);
    assert_string_equal(out, "");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_escapes),   cmocka_unit_test(test_query_encodes),
        cmocka_unit_test(test_numbers),        cmocka_unit_test(test_ceiling_is_sticky),
        cmocka_unit_test(test_empty_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
