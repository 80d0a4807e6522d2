/* SPDX-License-Identifier: MIT */
/* caa bulk's input: line columns, URL reduction, the shard hash, the resume set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bulk_input.h"

static const struct {
    const char *line;
    size_t len; /* 0: strlen(line) */
    enum bulk_line_kind want;
    const char *name;
    const char *issuer; /* NULL: none */
    const char *method;
    const char *problem; /* prefix; "" for items */
} line_cases[] = {
    {"example.com", 0, BULK_LINE_ITEM, "example.com", NULL, NULL, ""},
    {"example.com\r", 0, BULK_LINE_ITEM, "example.com", NULL, NULL, ""},
    {"  *.example.com\t \r", 0, BULK_LINE_ITEM, "*.example.com", NULL, NULL, ""},
    {"", 0, BULK_LINE_BLANK, "", NULL, NULL, ""},
    {"   \t\r", 0, BULK_LINE_BLANK, "", NULL, NULL, ""},
    {"# a comment", 0, BULK_LINE_BLANK, "", NULL, NULL, ""},
    {"   # indented comment, with comma", 0, BULK_LINE_BLANK, "", NULL, NULL, ""},
    {",,", 0, BULK_LINE_BLANK, "", NULL, NULL, ""},
    {"example.com # trailing comment", 0, BULK_LINE_ITEM, "example.com", NULL, NULL, ""},
    {"example.com,#comment", 0, BULK_LINE_ITEM, "example.com", NULL, NULL, ""},
    {"example.com#not-a-comment", 0, BULK_LINE_ITEM, "example.com#not-a-comment", NULL, NULL, ""},
    {"example.com letsencrypt", 0, BULK_LINE_ITEM, "example.com", "letsencrypt", NULL, ""},
    {"example.com Let's-Encrypt", 0, BULK_LINE_ITEM, "example.com", "letsencrypt", NULL, ""},
    {"example.com LetsEncrypt.ORG. dns-01", 0, BULK_LINE_ITEM, "example.com", "letsencrypt.org",
     "dns-01", ""},
    {"example.com,sectigo,http-01\r", 0, BULK_LINE_ITEM, "example.com", "sectigo", "http-01", ""},
    {"example.com , , dns-01", 0, BULK_LINE_ITEM, "example.com", NULL, "dns-01", ""},
    {"\"example.com\",\"digicert.com\"", 0, BULK_LINE_ITEM, "example.com", "digicert.com", NULL,
     ""},
    {"example.com,,,", 0, BULK_LINE_ITEM, "example.com", NULL, NULL, ""},
    {"example.com nosuchca", 0, BULK_LINE_MALFORMED, "example.com", NULL, NULL,
     "CA column is neither an issuer domain nor a known CA: 'nosuchca'"},
    {"example.com ca..example", 0, BULK_LINE_MALFORMED, "example.com", NULL, NULL, "CA column"},
    {"example.com letsencrypt dns_01", 0, BULK_LINE_MALFORMED, "example.com", NULL, NULL,
     "method column is not a method name like dns-01: 'dns_01'"},
    {"a b c d", 0, BULK_LINE_MALFORMED, "a", NULL, NULL,
     "too many columns (expected NAME [CA [METHOD]])"},
    {"a,b,c,d", 0, BULK_LINE_MALFORMED, "a", NULL, NULL, "too many columns"},
    {",letsencrypt", 0, BULK_LINE_MALFORMED, "", NULL, NULL, "no name in the first column"},
    {"exa\0mple.com", 12, BULK_LINE_MALFORMED, "exa", NULL, NULL, "NUL byte in the line"},
    {"https://example.com/x", 0, BULK_LINE_ITEM, "example.com", NULL, NULL, ""},
    {"https://user:pw@Example.COM:8443/a/b?q=1#frag letsencrypt", 0, BULK_LINE_ITEM, "Example.COM",
     "letsencrypt", NULL, ""},
    {"http://example.com?x", 0, BULK_LINE_ITEM, "example.com", NULL, NULL, ""},
    {"http://example.com.", 0, BULK_LINE_ITEM, "example.com.", NULL, NULL, ""},
    /* Names are the engine's to judge: only the length is checked here. */
    {"bad..name", 0, BULK_LINE_ITEM, "bad..name", NULL, NULL, ""},
    /* Names no CA issues for, though they look like names (issue 11). */
    {"192.0.2.1", 0, BULK_LINE_MALFORMED, "192.0.2.1", NULL, NULL, "an IP address"},
    {"192.0.2.1.", 0, BULK_LINE_MALFORMED, "192.0.2.1.", NULL, NULL, "an IP address"},
    {"2001:db8::1", 0, BULK_LINE_MALFORMED, "2001:db8::1", NULL, NULL, "an IP address"},
    {"https://[2001:db8::1]:443/", 0, BULK_LINE_MALFORMED, "[2001:db8::1]", NULL, NULL,
     "an IP address"},
    {"localhost", 0, BULK_LINE_MALFORMED, "localhost", NULL, NULL, "localhost is not"},
    {"www.LocalHost.", 0, BULK_LINE_MALFORMED, "www.LocalHost.", NULL, NULL, "localhost is not"},
    {"localhost.example", 0, BULK_LINE_ITEM, "localhost.example", NULL, NULL, ""},
    {"xn--", 0, BULK_LINE_MALFORMED, "xn--", NULL, NULL, "label 'xn--'"},
    {"www.XN--.example", 0, BULK_LINE_MALFORMED, "www.XN--.example", NULL, NULL, "label 'xn--'"},
    {"xn--bcher-kva.example", 0, BULK_LINE_ITEM, "xn--bcher-kva.example", NULL, NULL, ""},
    {"-", 0, BULK_LINE_MALFORMED, "-", NULL, NULL, "a label of hyphens only"},
    {"a.--.example", 0, BULK_LINE_MALFORMED, "a.--.example", NULL, NULL, "a label of hyphens only"},
    {"1.2.3.4.example", 0, BULK_LINE_ITEM, "1.2.3.4.example", NULL, NULL, ""},
};

/* 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253 characters, the longest name. */
#define LABEL63 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define LABEL61 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define NAME253 LABEL63 "." LABEL63 "." LABEL63 "." LABEL61

static void test_line_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(line_cases) / sizeof(line_cases[0]); i++) {
        size_t len = line_cases[i].len != 0 ? line_cases[i].len : strlen(line_cases[i].line);
        char *text = malloc(len + 1);
        struct bulk_line line;
        enum bulk_line_kind kind;

        memcpy(text, line_cases[i].line, len);
        kind = bulk_line_parse(text, len, &line);
        print_message("# case %zu\n", i);
        assert_int_equal(kind, line_cases[i].want);
        assert_string_equal(line.name, line_cases[i].name);
        if (line_cases[i].issuer == NULL) {
            assert_null(line.issuer);
        } else {
            assert_non_null(line.issuer);
            assert_string_equal(line.issuer, line_cases[i].issuer);
        }
        if (line_cases[i].method == NULL) {
            assert_null(line.method);
        } else {
            assert_non_null(line.method);
            assert_string_equal(line.method, line_cases[i].method);
        }
        assert_memory_equal(line.problem, line_cases[i].problem, strlen(line_cases[i].problem));
        assert_true((line.problem[0] == '\0') == (kind != BULK_LINE_MALFORMED));
        free(text);
    }
}

static void test_name_length(void **state)
{
    static const struct {
        const char *name;
        enum bulk_line_kind want;
    } cases[] = {
        {NAME253, BULK_LINE_ITEM},
        {NAME253 ".", BULK_LINE_ITEM},
        {"*." NAME253, BULK_LINE_ITEM},
        {"a" NAME253, BULK_LINE_MALFORMED},
        /* Characters, not bytes: 200 "ü" are 400 bytes but 200 characters. */
        {NULL, BULK_LINE_ITEM},
    };
    char utf8[512];

    (void)state;
    for (size_t i = 0; i < 200; i++) {
        memcpy(utf8 + 2 * i, "\xc3\xbc", 2);
    }
    utf8[400] = '\0';
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char text[600];
        struct bulk_line line;
        const char *name = cases[i].name != NULL ? cases[i].name : utf8;
        snprintf(text, sizeof(text), "%s", name);
        assert_int_equal(bulk_line_parse(text, strlen(text), &line), cases[i].want);
        if (cases[i].want == BULK_LINE_MALFORMED) {
            assert_string_equal(line.problem, "name longer than 253 characters");
        }
    }
}

static void test_url_to_host(void **state)
{
    static const struct {
        const char *in;
        const char *want;
    } cases[] = {
        {"https://example.com", "example.com"},
        {"https://example.com/", "example.com"},
        {"HTTPS://Example.com:443/path#x", "Example.com"},
        {"ftp://a@b@example.org:21", "example.org"},
        {"https://[2001:db8::1]:443/", "[2001:db8::1]"},
        {"https://[2001:db8::1]/", "[2001:db8::1]"},
        {"https://example.com:port/", "example.com:port"},
        {"example.com/path", "example.com/path"},
        {"https://", ""},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char text[128];
        snprintf(text, sizeof(text), "%s", cases[i].in);
        bulk_url_to_host(text);
        assert_string_equal(text, cases[i].want);
    }
}

/* Fixed values: the hash is an interface (lists split by one version split the same with the
 * next). FNV-1a 64 of "a" is the published test vector 0xaf63dc4c8601ec8c. */
static void test_shard_hash(void **state)
{
    static const struct {
        const char *name;
        uint64_t want;
    } cases[] = {
        {"", UINT64_C(0xcbf29ce484222325)},
        {"a", UINT64_C(0xaf63dc4c8601ec8c)},
        {"A", UINT64_C(0xaf63dc4c8601ec8c)},
        {"example.com", UINT64_C(0x576846634e2714c6)},
        {"Example.COM.", UINT64_C(0x576846634e2714c6)},
        {"*.example.com", UINT64_C(0x3b6d46e985455aca)},
        {"xn--bcher-kva.example", UINT64_C(0x7b26509724e3d0d4)},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(bulk_shard_hash(cases[i].name), cases[i].want);
    }
}

static void test_shard_parse(void **state)
{
    static const struct {
        const char *text;
        int want;
        uint64_t shard;
        uint64_t count;
    } cases[] = {
        {"0/1", 0, 0, 1},       {"3/4", 0, 3, 4},
        {"4/4", -1, 0, 0},      {"0/0", -1, 0, 0},
        {"1", -1, 0, 0},        {"/2", -1, 0, 0},
        {"1/", -1, 0, 0},       {"-1/2", -1, 0, 0},
        {"1/2x", -1, 0, 0},     {"0/18446744073709551616", -1, 0, 0},
        {"12/100", 0, 12, 100},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint64_t shard = 0;
        uint64_t count = 0;
        assert_int_equal(bulk_shard_parse(cases[i].text, &shard, &count), cases[i].want);
        assert_int_equal(shard, cases[i].shard);
        assert_int_equal(count, cases[i].count);
    }
}

static void test_resume_line(void **state)
{
    static const struct {
        const char *line;
        int want;
        uint64_t index;
    } cases[] = {
        {"{\"schema\":\"caa/1\",\"type\":\"result\",\"index\":17,\"input\":\"x\"}", 0, 17},
        {"{\"type\" : \"result\", \"index\" : 3}", 0, 3},
        {"{\"schema\":\"caa/1\",\"type\":\"summary\",\"names\":4}", -1, 0},
        {"{\"type\":\"result\",\"index\":17,\"input\":\"x\"", -1, 0},
        {"{\"type\":\"result\"}", -1, 0},
        {"{\"message\":\"\\\"index\\\":9\",\"type\":\"result\",\"index\":5}", 0, 5},
        {"{\"type\":\"result\",\"index\":\"7\"}", -1, 0},
        {"garbage", -1, 0},
        {"", -1, 0},
        /* Torn: a run cut inside a line, and the next run's output appended after it. */
        {"{\"schema\":\"caa/1\",\"type\":\"result\",\"index\":1{\"schema\":\"caa/1\",\"type\":"
         "\"result\",\"index\":57,\"input\":\"b\"}",
         -1, 0},
        {"{\"schema\":\"caa/1\",\"type\":\"result\",\"index\":12,\"input\":\"a.ex{\"schema\":"
         "\"caa/1\",\"type\":\"result\",\"index\":57,\"input\":\"b\"}",
         -1, 0},
        /* The index is read only when ',' or '}' follows it. */
        {"{\"type\":\"result\",\"index\":12abc}", -1, 0},
        {"{\"type\":\"result\",\"index\":12 }", 0, 12},
        {"{\"type\":\"result\",\"index\":12", -1, 0},
        /* Braces must close at the end, outside strings. */
        {"{\"type\":\"result\",\"index\":3}}", -1, 0},
        {"{\"type\":\"result\",\"index\":3,\"m\":\"}\"}", 0, 3},
        {"{\"type\":\"result\",\"index\":3,\"m\":{\"a\":1}", -1, 0},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint64_t index = 0;
        assert_int_equal(bulk_resume_line_index(cases[i].line, strlen(cases[i].line), &index),
                         cases[i].want);
        assert_int_equal(index, cases[i].index);
    }
}

/* A previous run cut mid-line: the incomplete last line does not count. */
static void test_resume_load(void **state)
{
    static const char previous[] =
        "{\"schema\":\"caa/1\",\"type\":\"result\",\"index\":4,\"name\":\"a\"}\n"
        "{\"schema\":\"caa/1\",\"type\":\"result\",\"index\":2,\"name\":\"b\"}\r\n"
        "not json\n"
        "{\"schema\":\"caa/1\",\"type\":\"result\",\"index\":9,\"name\":\"c\"}\n"
        "\n"
        "{\"schema\":\"caa/1\",\"type\":\"summary\",\"names\":3}\n"
        "{\"schema\":\"caa/1\",\"type\":\"result\",\"index\":7,\"na{\"schema\":\"caa/1\","
        "\"type\":\"result\",\"index\":8,\"name\":\"e\"}\n"
        "{\"schema\":\"caa/1\",\"type\":\"result\",\"index\":12,\"name\":\"d\"}";
    struct bulk_resume set = {NULL, 0, 0};
    struct bulk_resume_report report;
    FILE *fp = tmpfile();

    (void)state;
    assert_non_null(fp);
    assert_int_equal(fwrite(previous, 1, sizeof(previous) - 1, fp), sizeof(previous) - 1);
    rewind(fp);
    assert_int_equal(bulk_resume_load(&set, fp, &report), 0);
    fclose(fp);
    assert_int_equal(set.count, 3);
    /* "not json" and the joined line are torn; the blank and summary lines are not. */
    assert_int_equal(report.torn, 2);
    assert_int_equal(report.first_torn_line, 3);
    assert_true(report.cut_at_end);
    assert_false(bulk_resume_has(&set, 7));
    assert_false(bulk_resume_has(&set, 8));
    assert_true(bulk_resume_has(&set, 2));
    assert_true(bulk_resume_has(&set, 4));
    assert_true(bulk_resume_has(&set, 9));
    assert_false(bulk_resume_has(&set, 12));
    assert_false(bulk_resume_has(&set, 1));
    bulk_resume_cleanup(&set);
    assert_false(bulk_resume_has(&set, 2));
}

/* Lines are numbered from 1, CRLF and a missing final newline included; long lines are cut. */
static void test_reader(void **state)
{
    char input[BULK_LINE_MAX + 64];
    struct bulk_reader *r = malloc(sizeof(*r));
    FILE *fp = tmpfile();
    size_t n = 0;

    (void)state;
    assert_non_null(r);
    assert_non_null(fp);
    n += (size_t)snprintf(input, sizeof(input), "one\r\n\ntwo\n");
    memset(input + n, 'x', BULK_LINE_MAX + 10);
    n += BULK_LINE_MAX + 10;
    memcpy(input + n, "\nlast", 5);
    n += 5;
    assert_int_equal(fwrite(input, 1, n, fp), n);
    rewind(fp);
    bulk_reader_init(r, fp);
    assert_int_equal(bulk_reader_next(r), 1);
    assert_string_equal(r->buf, "one\r");
    assert_int_equal(r->line_no, 1);
    assert_int_equal(bulk_reader_next(r), 1);
    assert_string_equal(r->buf, "");
    assert_int_equal(bulk_reader_next(r), 1);
    assert_string_equal(r->buf, "two");
    assert_int_equal(r->line_no, 3);
    assert_false(r->too_long);
    assert_int_equal(bulk_reader_next(r), 1);
    assert_true(r->too_long);
    assert_int_equal(r->len, BULK_LINE_MAX);
    assert_int_equal(bulk_reader_next(r), 1);
    assert_string_equal(r->buf, "last");
    assert_false(r->too_long);
    assert_int_equal(r->line_no, 5);
    assert_int_equal(bulk_reader_next(r), 0);
    assert_int_equal(r->bytes_read, n);
    fclose(fp);
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_parse),  cmocka_unit_test(test_name_length),
        cmocka_unit_test(test_url_to_host), cmocka_unit_test(test_shard_hash),
        cmocka_unit_test(test_shard_parse), cmocka_unit_test(test_resume_line),
        cmocka_unit_test(test_resume_load), cmocka_unit_test(test_reader),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
