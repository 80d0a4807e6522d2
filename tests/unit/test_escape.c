/* SPDX-License-Identifier: MIT */
/* The two rules for bytes the library did not write (<caa/escape.h>): the JSON writer (the public
 * quoting function and the jansson strings every library document is built from) and the text
 * escaping for people. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include <caa/escape.h>

#include "lib/util/json_text.h"

static const struct {
    const char *in;
    size_t len;
    const char *want; /* the quoted JSON text */
    bool valid;       /* whether the input is UTF-8 throughout */
} cases[] = {
    {"", 0, "\"\"", true},
    {"letsencrypt.org", 15, "\"letsencrypt.org\"", true},
    {"a\"b\\c", 5, "\"a\\\"b\\\\c\"", true},
    {"\n\t\r", 3, "\"\\n\\t\\r\"", true},
    /* Control characters (ESC starts terminal sequences) never pass raw. */
    {"\x01\x1b[31m\x7f", 7, "\"\\u0001\\u001B[31m\x7f\"", true},
    {"a\0b", 3, "\"a\\u0000b\"", true},
    /* Valid UTF-8 passes through. */
    {"b\xc3\xbc"
     "cher",
     7,
     "\"b\xc3\xbc"
     "cher\"",
     true},
    {"\xe2\x82\xac", 3, "\"\xe2\x82\xac\"", true},
    {"\xf0\x9f\x94\x92", 4, "\"\xf0\x9f\x94\x92\"", true},
    {"\xef\xbf\xbf", 3, "\"\xef\xbf\xbf\"", true},
    /* Any other byte B becomes U+00B, written in UTF-8: 0xFF is "\xc3\xbf" (U+00FF). */
    {"\xff", 1, "\"\xc3\xbf\"", false},
    {"\xc3", 1, "\"\xc3\x83\"", false},
    {"\xc3(", 2, "\"\xc3\x83(\"", false},
    {"\xc0\xaf", 2, "\"\xc3\x80\xc2\xaf\"", false},                         /* overlong "/" */
    {"\xe0\x80\xaf", 3, "\"\xc3\xa0\xc2\x80\xc2\xaf\"", false},             /* overlong */
    {"\xed\xa0\x80", 3, "\"\xc3\xad\xc2\xa0\xc2\x80\"", false},             /* surrogate */
    {"\xf4\x90\x80\x80", 4, "\"\xc3\xb4\xc2\x90\xc2\x80\xc2\x80\"", false}, /* above U+10FFFF */
    {"\xe2\x82", 2, "\"\xc3\xa2\xc2\x82\"", false},                         /* cut short */
    {"\x80x", 2, "\"\xc2\x80x\"", false},
    {"ok\xff\xe2\x82\xac", 6, "\"ok\xc3\xbf\xe2\x82\xac\"", false},
};

static void test_quote(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *text = NULL;

        print_message("# case %zu\n", i);
        assert_int_equal(caa_json_quote(cases[i].in, cases[i].len, &text), CAA_OK);
        assert_string_equal(text, cases[i].want);
        assert_int_equal(caa__utf8_valid(cases[i].in, cases[i].len), cases[i].valid);
        free(text);
    }
}

/* The jansson strings the library's documents hold dump to exactly the same text, and always
 * parse back: a document never fails because of the bytes it carries. */
static void test_same_in_documents(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *str = caa__json_bytes(cases[i].in, cases[i].len);
        json_t *doc = json_pack("{s:o}", "v", str);
        char *text;
        json_t *back;

        assert_non_null(doc);
        text = json_dumps(doc, JSON_COMPACT);
        assert_non_null(text);
        back = json_loads(text, JSON_ALLOW_NUL, NULL);
        assert_non_null(back);
        json_decref(back);
        text[strlen(text) - 1] = '\0'; /* drop the closing brace */
        assert_string_equal(text + strlen("{\"v\":"), cases[i].want);
        json_decref(doc);
        free(text);
    }
}

static void test_text(void **state)
{
    char *text = NULL;
    json_t *null_value = caa__json_text(NULL);
    json_t *empty = caa__json_text_or_null("");

    (void)state;
    assert_int_equal(caa_json_quote("say \"hi\"", 8, &text), CAA_OK);
    assert_string_equal(text, "\"say \\\"hi\\\"\"");
    free(text);
    text = NULL;
    assert_true(json_is_null(null_value));
    assert_true(json_is_null(empty));
    assert_int_equal(caa_json_quote(NULL, 1, &text), CAA_E_INVALID_ARG);
    assert_null(text);
    assert_int_equal(caa_json_quote("x", 1, NULL), CAA_E_INVALID_ARG);
}

static const struct {
    const char *in;
    const char *want;
} text_cases[] = {
    {"", ""},
    {"letsencrypt.org; accounturi=x", "letsencrypt.org; accounturi=x"},
    {"a\nfake: allowed", "a\\010fake: allowed"},
    {"\x1b[2J\r\t\x7f", "\\027[2J\\013\\009\\127"},
    {"le\xfftsencrypt.org", "le\\255tsencrypt.org"},
    {"b\xc3\xbc"
     "cher \xe2\x82\xac",
     "b\xc3\xbc"
     "cher \xe2\x82\xac"},
    {"\xc2\x9b"
     "31m",
     "\\194\\155"
     "31m"},                                 /* U+009B, CSI */
    {"a\xe2\x80\xaex", "a\\226\\128\\174x"}, /* U+202E, right-to-left override */
    {"\xe2\x81\xa9", "\\226\\129\\169"},     /* U+2069 */
    {"\xe2\x80\xa9", "\xe2\x80\xa9"},        /* U+2029 is shown */
    {"\xed\xa0\x80", "\\237\\160\\128"},     /* surrogate */
    {"back\\slash", "back\\slash"},
};

static void test_text_escape(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(text_cases) / sizeof(text_cases[0]); i++) {
        char *text = NULL;

        print_message("# text case %zu\n", i);
        assert_int_equal(caa_text_escape(text_cases[i].in, &text), CAA_OK);
        assert_string_equal(text, text_cases[i].want);
        free(text);
    }
    assert_int_equal(caa_text_escape(NULL, NULL), CAA_E_INVALID_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote),
        cmocka_unit_test(test_same_in_documents),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_text_escape),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
