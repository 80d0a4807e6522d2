/* SPDX-License-Identifier: MIT */
/* Zone-file reading: the RFC 1035 §5 tokenizer, owners, TTLs, errors, and the relevant-RRset
 * climb. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/record.h>
#include <caa/zone.h>

#include "lib/zone/zone_reader.h"

/* ---- Tokenizer ---------------------------------------------------------------------------- */

#define MAX_TOKENS 8

struct want_item {
    size_t line;
    bool indented;
    const char *tokens[MAX_TOKENS]; /* as written */
    size_t columns[MAX_TOKENS];
    const char *error; /* start of the failure message, or NULL */
    size_t error_line;
    size_t error_column;
};

static const struct {
    const char *name;
    const char *text;
    struct want_item items[4];
    size_t item_count;
} reader_cases[] = {
    {"one line",
     "a CAA 0 issue \"x\"\n",
     {{1, false, {"a", "CAA", "0", "issue", "\"x\""}, {1, 3, 7, 9, 15}, NULL, 0, 0}},
     1},
    {"comment, blank line, indented line",
     "; header\n\na 1 ; c\n  b \"q;r\" ; tail\n",
     {{3, false, {"a", "1"}, {1, 3}, NULL, 0, 0}, {4, true, {"b", "\"q;r\""}, {3, 5}, NULL, 0, 0}},
     2},
    {"parentheses span lines",
     "a ( 1\n   2 ) 3\nb\n",
     {{1, false, {"a", "1", "2", "3"}, {1, 5, 4, 8}, NULL, 0, 0},
      {3, false, {"b"}, {1}, NULL, 0, 0}},
     2},
    {"CRLF line ends",
     "a 1\r\nb 2\r\n",
     {{1, false, {"a", "1"}, {1, 3}, NULL, 0, 0}, {2, false, {"b", "2"}, {1, 3}, NULL, 0, 0}},
     2},
    {"escaped quote inside a string",
     "a \"x\\\"y\" z\n",
     {{1, false, {"a", "\"x\\\"y\"", "z"}, {1, 3, 10}, NULL, 0, 0}},
     1},
    {"escaped blank in a word", "a\\ b c\n", {{1, false, {"a\\ b", "c"}, {1, 6}, NULL, 0, 0}}, 1},
    {"no final newline", "a b", {{1, false, {"a", "b"}, {1, 3}, NULL, 0, 0}}, 1},
    {"unbalanced quote, next line still read",
     "a \"open\nb 1\n",
     {{1, false, {"a"}, {1}, "unbalanced quote", 1, 3}, {2, false, {"b", "1"}, {1, 3}, NULL, 0, 0}},
     2},
    {"stray close parenthesis",
     "a )\nb\n",
     {{1, false, {"a"}, {1}, "unbalanced parenthesis: ')'", 1, 3},
      {2, false, {"b"}, {1}, NULL, 0, 0}},
     2},
    {"parenthesis never closed: reading resumes after its line",
     "a ( 1\nb 2\n",
     {{1, false, {"a", "1"}, {1, 5}, "unbalanced parenthesis: '('", 1, 3},
      {2, false, {"b", "2"}, {1, 3}, NULL, 0, 0}},
     2},
    {"unbalanced quote inside parentheses consumes the entry",
     "a ( \"x\n  y )\nb\n",
     {{1, false, {"a"}, {1}, "unbalanced quote", 1, 5}, {3, false, {"b"}, {1}, NULL, 0, 0}},
     2},
};

static void test_reader(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof(reader_cases) / sizeof(reader_cases[0]); c++) {
        struct caa__zone_reader r;
        size_t n = 0;
        bool more = true;

        caa__zone_reader_init(&r, reader_cases[c].text, strlen(reader_cases[c].text));
        for (;;) {
            struct caa__zone_item item;
            const struct want_item *want = &reader_cases[c].items[n];
            size_t tokens = 0;

            assert_int_equal(caa__zone_reader_next(&r, &item, &more), CAA_OK);
            if (!more) {
                break;
            }
            if (n >= reader_cases[c].item_count) {
                fail_msg("%s: more items than expected", reader_cases[c].name);
            }
            while (tokens < MAX_TOKENS && want->tokens[tokens] != NULL) {
                tokens++;
            }
            if (item.token_count != tokens || item.line != want->line ||
                item.indented != want->indented || item.failed != (want->error != NULL)) {
                fail_msg("%s: item %zu: %zu tokens line %zu indented %d failed %d",
                         reader_cases[c].name, n, item.token_count, item.line, item.indented,
                         item.failed);
            }
            for (size_t i = 0; i < tokens; i++) {
                assert_int_equal(item.tokens[i].len, strlen(want->tokens[i]));
                assert_memory_equal(item.tokens[i].ptr, want->tokens[i], item.tokens[i].len);
                assert_int_equal(item.tokens[i].column, want->columns[i]);
            }
            if (want->error != NULL) {
                assert_int_equal(strncmp(item.error_message, want->error, strlen(want->error)), 0);
                assert_int_equal(item.error_line, want->error_line);
                assert_int_equal(item.error_column, want->error_column);
            }
            n++;
        }
        if (n != reader_cases[c].item_count) {
            fail_msg("%s: %zu items, want %zu", reader_cases[c].name, n,
                     reader_cases[c].item_count);
        }
        caa__zone_reader_cleanup(&r);
    }
}

/* ---- Zone parsing ------------------------------------------------------------------------- */

struct want_entry {
    const char *owner;
    size_t line;
    size_t column;
    uint32_t ttl;
    uint8_t flags;
    const char *tag;
    const char *value;
};

struct want_error {
    size_t line;
    size_t column;
    const char *message; /* substring */
    int is_caa;
};

static const struct {
    const char *name;
    const char *text;
    const char *origin;
    unsigned flags;
    struct want_entry entries[4];
    size_t entry_count;
    struct want_error errors[3];
    size_t error_count;
} zone_cases[] = {
    {"absolute owner, lower-cased, no final dot",
     "Example.COM. 300 IN CAA 0 issue \"letsencrypt.org\"\n",
     NULL,
     0,
     {{"example.com", 1, 25, 300, 0, "issue", "letsencrypt.org"}},
     1,
     {{0}},
     0},
    {"class before TTL, lower-case type",
     "example.com. in 60 caa 128 iodef \"mailto:a@b.example\"\n",
     NULL,
     0,
     {{"example.com", 1, 24, 60, 128, "iodef", "mailto:a@b.example"}},
     1,
     {{0}},
     0},
    {"no TTL, no class; $TTL supplies the TTL",
     "$TTL 1h\nexample.com. CAA 0 issue \";\"\n",
     NULL,
     0,
     {{"example.com", 2, 18, 3600, 0, "issue", ";"}},
     1,
     {{0}},
     0},
    {"$ORIGIN, @ and relative owners",
     "$ORIGIN example.com.\n@ CAA 0 issue \"a.example\"\nwww CAA 0 issue \"b.example\"\n",
     NULL,
     0,
     {{"example.com", 2, 7, 0, 0, "issue", "a.example"},
      {"www.example.com", 3, 9, 0, 0, "issue", "b.example"}},
     2,
     {{0}},
     0},
    {"origin argument; relative $ORIGIN appends",
     "$ORIGIN sub\nx CAA 0 issue \"c\"\n",
     "Example.com.",
     0,
     {{"x.sub.example.com", 2, 7, 0, 0, "issue", "c"}},
     1,
     {{0}},
     0},
    {"no origin: relative owners are relative to the root",
     "host CAA 0 issue \"c\"\n",
     NULL,
     0,
     {{"host", 1, 10, 0, 0, "issue", "c"}},
     1,
     {{0}},
     0},
    {"owner inheritance across another type",
     "a.example. 10 A 192.0.2.1\n  20 CAA 0 issue \"x\"\n\tCAA 0 iodef \"mailto:x@y\"\n",
     NULL,
     0,
     {{"a.example", 2, 10, 20, 0, "issue", "x"}, {"a.example", 3, 6, 20, 0, "iodef", "mailto:x@y"}},
     2,
     {{0}},
     0},
    {"parentheses: the record's line is where it starts",
     "x.example. CAA ( 0\n  issue\n  \"y\" )\n",
     NULL,
     0,
     {{"x.example", 1, 18, 0, 0, "issue", "y"}},
     1,
     {{0}},
     0},
    {"quoted ';' is not a comment; comments after the value",
     "x.example. CAA 0 issue \"ca.example; accounturi=https://a/1\" ; note\n",
     NULL,
     0,
     {{"x.example", 1, 16, 0, 0, "issue", "ca.example; accounturi=https://a/1"}},
     1,
     {{0}},
     0},
    {"CRLF",
     "x.example. CAA 0 issue \"y\"\r\ny.example. CAA 0 issue \"z\"\r\n",
     NULL,
     0,
     {{"x.example", 1, 16, 0, 0, "issue", "y"}, {"y.example", 2, 16, 0, 0, "issue", "z"}},
     2,
     {{0}},
     0},
    {"TYPE257 with the RFC 3597 generic form",
     "x.example. IN TYPE257 \\# 8 0005697373756578\n",
     NULL,
     0,
     {{"x.example", 1, 23, 0, 0, "issue", "x"}},
     1,
     {{0}},
     0},
    {"other types skipped, SOA in parentheses",
     "@ IN SOA ns h ( 1 2 3\n 4 5 )\n@ MX 10 mail\n@ TXT \"v=spf1 ;\"\n@ CAA 0 issue \"x\"\n",
     "example.",
     0,
     {{"example", 5, 7, 0, 0, "issue", "x"}},
     1,
     {{0}},
     0},
    {"bad CAA tag: error at the tag, later records still read",
     "x.example. CAA 0 is-sue \"y\"\nx.example. CAA 0 issue \"z\"\n",
     NULL,
     0,
     {{"x.example", 2, 16, 0, 0, "issue", "z"}},
     1,
     {{1, 20, "CAA: tag byte 0x2D", 1}},
     1},
    {"flags out of range",
     "x.example. CAA 256 issue \"y\"\n",
     NULL,
     0,
     {{0}},
     0,
     {{1, 16, "CAA: ", 1}},
     1},
    {"unbalanced quote in a CAA record, next record read",
     "x.example. CAA 0 issue \"y\nz.example. CAA 0 issue \"z\"\n",
     NULL,
     0,
     {{"z.example", 2, 16, 0, 0, "issue", "z"}},
     1,
     {{1, 24, "unbalanced quote", 1}},
     1},
    {"unbalanced parenthesis in another type is a zone error",
     "x.example. TXT ( \"a\"\nx.example. CAA 0 issue \"z\"\n",
     NULL,
     0,
     {{"x.example", 2, 16, 0, 0, "issue", "z"}},
     1,
     {{1, 16, "unbalanced parenthesis", 0}},
     1},
    {"$INCLUDE reported, reading goes on",
     "$INCLUDE other.zone\nx.example. CAA 0 issue \"z\"\n",
     NULL,
     0,
     {{"x.example", 2, 16, 0, 0, "issue", "z"}},
     1,
     {{1, 1, "$INCLUDE is not followed", 0}},
     1},
    {"malformed line of another type: skipped silently",
     "x.example. A\nx.example.\n",
     NULL,
     0,
     {{0}},
     0,
     {{0}},
     0},
    {"CAA without RDATA", "x.example. CAA\n", NULL, 0, {{0}}, 0, {{1, 12, "no RDATA", 1}}, 1},
    {"bare RDATA lines belong to the origin",
     "0 issue \"letsencrypt.org\"\n128 iodef \"mailto:a@b\"\n",
     "example.com",
     CAA_ZONE_BARE_RDATA,
     {{"example.com", 1, 1, 0, 0, "issue", "letsencrypt.org"},
      {"example.com", 2, 1, 0, 128, "iodef", "mailto:a@b"}},
     2,
     {{0}},
     0},
    {"bare mode still reads full records",
     "w.example. 60 CAA 0 issue \"x\"\n  60 CAA 0 issue \"y\"\n",
     NULL,
     CAA_ZONE_BARE_RDATA,
     {{"w.example", 1, 19, 60, 0, "issue", "x"}, {"w.example", 2, 10, 60, 0, "issue", "y"}},
     2,
     {{0}},
     0},
    {"without bare mode a bare line is an owner named 0 of type 'issue'",
     "0 issue \"x\"\n",
     "example.com",
     0,
     {{0}},
     0,
     {{0}},
     0},
};

static void check_entry(const char *name, size_t i, const struct caa_zone_entry *e,
                        const struct want_entry *w)
{
    if (strcmp(e->owner, w->owner) != 0 || e->line != w->line || e->column != w->column ||
        e->ttl != w->ttl || e->record.flags != w->flags || strcmp(e->record.tag, w->tag) != 0 ||
        e->record.value_len != strlen(w->value) ||
        memcmp(e->record.value, w->value, e->record.value_len) != 0) {
        fail_msg("%s: entry %zu: %s line %zu col %zu ttl %u: %u %s %.*s", name, i, e->owner,
                 e->line, e->column, e->ttl, e->record.flags, e->record.tag,
                 (int)e->record.value_len, (const char *)e->record.value);
    }
}

static void test_zone_parse(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof(zone_cases) / sizeof(zone_cases[0]); c++) {
        struct caa_zone *zone = NULL;
        const char *name = zone_cases[c].name;

        assert_int_equal(caa_zone_parse(zone_cases[c].text, strlen(zone_cases[c].text),
                                        zone_cases[c].origin, zone_cases[c].flags, &zone),
                         CAA_OK);
        if (caa_zone_entry_count(zone) != zone_cases[c].entry_count ||
            caa_zone_error_count(zone) != zone_cases[c].error_count) {
            const struct caa_zone_error *e = caa_zone_error(zone, 0);
            fail_msg("%s: %zu entries, %zu errors (first: %s)", name, caa_zone_entry_count(zone),
                     caa_zone_error_count(zone), e != NULL ? e->message : "-");
        }
        for (size_t i = 0; i < zone_cases[c].entry_count; i++) {
            check_entry(name, i, caa_zone_entry(zone, i), &zone_cases[c].entries[i]);
        }
        for (size_t i = 0; i < zone_cases[c].error_count; i++) {
            const struct caa_zone_error *e = caa_zone_error(zone, i);
            const struct want_error *w = &zone_cases[c].errors[i];

            if (e->line != w->line || e->column != w->column ||
                strstr(e->message, w->message) == NULL || e->is_caa != w->is_caa) {
                fail_msg("%s: error %zu: %zu:%zu %s (caa %d)", name, i, e->line, e->column,
                         e->message, e->is_caa);
            }
        }
        caa_zone_free(zone);
    }
}

static void test_error_text_is_the_line(void **state)
{
    static const char text[] = "a.example. CAA 0 issue \"ok\"\r\nb.example. CAA 0 is_x \"y\"\r\n";
    struct caa_zone *zone = NULL;

    (void)state;
    assert_int_equal(caa_zone_parse(text, strlen(text), NULL, 0, &zone), CAA_OK);
    assert_int_equal(caa_zone_error_count(zone), 1);
    assert_string_equal(caa_zone_error(zone, 0)->text, "b.example. CAA 0 is_x \"y\"");
    assert_string_equal(caa_zone_entry(zone, 0)->rdata_text, "0 issue \"ok\"");
    assert_null(caa_zone_entry(zone, 1));
    assert_null(caa_zone_error(zone, 1));
    caa_zone_free(zone);
}

static void test_bad_arguments(void **state)
{
    struct caa_zone *zone = NULL;
    struct caa_rrset *set = NULL;

    (void)state;
    assert_int_equal(caa_zone_parse(NULL, 3, NULL, 0, &zone), CAA_E_INVALID_ARG);
    assert_int_equal(caa_zone_parse("", 0, NULL, 0, NULL), CAA_E_INVALID_ARG);
    assert_int_equal(caa_zone_parse("", 0, NULL, 0, &zone), CAA_OK);
    assert_int_equal(caa_zone_entry_count(zone), 0);
    assert_int_equal(caa_zone_relevant_rrset(zone, NULL, &set), CAA_E_INVALID_ARG);
    assert_null(set);
    caa_zone_free(zone);
    caa_zone_free(NULL);
}

/* ---- Relevant RRset ----------------------------------------------------------------------- */

static const char climb_zone[] = "$ORIGIN example.com.\n"
                                 "@ CAA 0 issue \"apex-1\"\n"
                                 "sub CAA 0 iodef \"mailto:a@b\"\n"
                                 "@ CAA 0 issue \"apex-2\"\n"
                                 "*.wild CAA 0 issue \"star\"\n"
                                 "deep.a.b CAA 0 issue \"deep\"\n";

static const struct {
    const char *name;
    const char *owner; /* "" when nothing applies */
    const char *values[3];
} climb_cases[] = {
    {"example.com", "example.com", {"apex-1", "apex-2"}},
    {"EXAMPLE.com.", "example.com", {"apex-1", "apex-2"}},
    {"www.example.com", "example.com", {"apex-1", "apex-2"}},
    {"x.y.sub.example.com", "sub.example.com", {"mailto:a@b"}},
    {"*.example.com", "example.com", {"apex-1", "apex-2"}},
    {"*.sub.example.com", "sub.example.com", {"mailto:a@b"}},
    /* The climb starts at the base name; the literal `*.wild` owner is never consulted. */
    {"*.wild.example.com", "example.com", {"apex-1", "apex-2"}},
    {"x.wild.example.com", "example.com", {"apex-1", "apex-2"}},
    {"a.b.example.com", "example.com", {"apex-1", "apex-2"}},
    {"deep.a.b.example.com", "deep.a.b.example.com", {"deep"}},
    {"example.org", "", {NULL}},
    {"com", "", {NULL}},
};

static void test_relevant_rrset(void **state)
{
    struct caa_zone *zone = NULL;

    (void)state;
    assert_int_equal(caa_zone_parse(climb_zone, strlen(climb_zone), NULL, 0, &zone), CAA_OK);
    assert_int_equal(caa_zone_error_count(zone), 0);
    for (size_t c = 0; c < sizeof(climb_cases) / sizeof(climb_cases[0]); c++) {
        struct caa_rrset *set = NULL;
        size_t n = 0;

        assert_int_equal(caa_zone_relevant_rrset(zone, climb_cases[c].name, &set), CAA_OK);
        while (n < 3 && climb_cases[c].values[n] != NULL) {
            n++;
        }
        if (strcmp(caa_rrset_owner(set), climb_cases[c].owner) != 0 || caa_rrset_count(set) != n) {
            fail_msg("%s: owner '%s', %zu records", climb_cases[c].name, caa_rrset_owner(set),
                     caa_rrset_count(set));
        }
        for (size_t i = 0; i < n; i++) {
            const struct caa_record *rec = caa_rrset_record(set, i);

            assert_int_equal(rec->value_len, strlen(climb_cases[c].values[i]));
            assert_memory_equal(rec->value, climb_cases[c].values[i], rec->value_len);
        }
        caa_rrset_free(set);
    }
    caa_zone_free(zone);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader),
        cmocka_unit_test(test_zone_parse),
        cmocka_unit_test(test_error_text_is_the_line),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_relevant_rrset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
