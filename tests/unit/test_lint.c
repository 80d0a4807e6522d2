/* SPDX-License-Identifier: MIT */
/* caa lint: one row per rule (zone text -> every finding, in order, with its line), fixes, the
 * report getters and the JSON document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include <caa/evaluate.h>
#include <caa/lint.h>
#include <caa/record.h>
#include <caa/zone.h>

#define MAX_FINDINGS 4

struct want {
    enum caa_code code;
    size_t line;
};

static const struct {
    const char *text;
    struct want findings[MAX_FINDINGS];
    size_t count;
} cases[] = {
    /* Clean records: no findings. */
    {"e.com. CAA 0 issue \"letsencrypt.org\"\n"
     "e.com. CAA 0 issue \"letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/"
     "acct/1; validationmethods=dns-01,http-01\"\n"
     "e.com. CAA 0 issue \"pki.goog;\"\ne.com. CAA 0 issuewild \";\"\n"
     "e.com. CAA 0 iodef \"mailto:sec@e.com\"\ne.com. CAA 128 issue \"digicert.com\"\n",
     {{0, 0}},
     0},
    {"e.com. CAA 0 issue \"letsencrypt.org; foo=bar\"\n", {{0, 0}}, 0},
    {"e.com. TYPE257 \\# 22 000569737375656c657473656e63727970742e6f7267\n", {{0, 0}}, 0},
    /* Zone and record syntax. */
    {"e.com. CAA 0 is_sue \"x\"\ne.com. CAA 0 issue \"letsencrypt.org\"\n",
     {{CAA_CODE_RECORD_SYNTAX, 1}},
     1},
    {"e.com. CAA 0 issue \"letsencrypt.org\n", {{CAA_CODE_RECORD_SYNTAX, 1}}, 1},
    {"e.com. TXT ( \"a\"\ne.com. CAA 0 issue \"letsencrypt.org\"\n",
     {{CAA_CODE_ZONE_SYNTAX, 1}},
     1},
    {"$INCLUDE x.zone\n", {{CAA_CODE_ZONE_SYNTAX, 1}}, 1},
    /* Issuer. */
    {"e.com. CAA 0 issue \"letsencrypt.org.\"\n", {{CAA_CODE_ISSUER_TRAILING_DOT, 1}}, 1},
    {"e.com. CAA 0 issue \"LetsEncrypt.org\"\n", {{CAA_CODE_ISSUER_UPPERCASE, 1}}, 1},
    {"e.com. CAA 0 issue \"Let's Encrypt\"\n", {{CAA_CODE_ISSUER_NOT_A_DOMAIN, 1}}, 1},
    {"e.com. CAA 0 issue \"https://letsencrypt.org\"\n", {{CAA_CODE_ISSUER_NOT_A_DOMAIN, 1}}, 1},
    {"e.com. CAA 0 issue \"letsencrypt.com\"\n", {{CAA_CODE_ISSUER_UNKNOWN_CA, 1}}, 1},
    {"e.com. CAA 0 issue \"lets-encrypt.org\"\n", {{CAA_CODE_ISSUER_UNKNOWN_CA, 1}}, 1},
    {"e.com. CAA 0 issue \"www.letsencrypt.org\"\n", {{CAA_CODE_ISSUER_UNKNOWN_CA, 1}}, 1},
    {"e.com. CAA 0 issue \"\\\"letsencrypt.org\\\"\"\n", {{CAA_CODE_VALUE_QUOTED, 1}}, 1},
    {"e.com. CAA 0 issue \"letsencrypt.org, digicert.com\"\n", {{CAA_CODE_MULTIPLE_ISSUERS, 1}}, 1},
    {"e.com. CAA 0 issue \"letsencrypt.org digicert.com\"\n", {{CAA_CODE_MULTIPLE_ISSUERS, 1}}, 1},
    {"e.com. CAA 0 issue \"l\\195\\171tsencrypt.org\"\n", {{CAA_CODE_NON_ASCII_VALUE, 1}}, 1},
    /* Flags and tags. */
    {"e.com. CAA 1 issue \"letsencrypt.org\"\n", {{CAA_CODE_FLAG_1_AS_CRITICAL, 1}}, 1},
    {"e.com. CAA 4 issue \"letsencrypt.org\"\n", {{CAA_CODE_RESERVED_FLAGS, 1}}, 1},
    {"e.com. CAA 128 iodef \"mailto:a@e.com\"\n", {{CAA_CODE_CRITICAL_ON_IODEF, 1}}, 1},
    {"e.com. CAA 128 contactemail \"a@e.com\"\n", {{CAA_CODE_CRITICAL_ON_CONTACT, 1}}, 1},
    {"e.com. CAA 128 tbs \"Unknown\"\n", {{CAA_CODE_CRITICAL_UNKNOWN_TAG, 1}}, 1},
    {"e.com. CAA 9 tbs \"Unknown\"\n",
     {{CAA_CODE_FLAG_1_AS_CRITICAL, 1},
      {CAA_CODE_RESERVED_FLAGS, 1},
      {CAA_CODE_CRITICAL_UNKNOWN_TAG, 1}},
     3},
    {"e.com. CAA 0 tbs \"Unknown\"\n", {{CAA_CODE_UNKNOWN_TAG, 1}}, 1},
    {"e.com. CAA 0 ISSUE \"letsencrypt.org\"\n", {{CAA_CODE_TAG_UPPERCASE, 1}}, 1},
    {"e.com. CAA 0 abcdefghijklmnop \"x\"\n",
     {{CAA_CODE_TAG_TOO_LONG, 1}, {CAA_CODE_UNKNOWN_TAG, 1}},
     2},
    /* Parameters. */
    {"e.com. CAA 0 issue \"letsencrypt.org; a_b=123\"\n", {{CAA_CODE_PARAMETER_MALFORMED, 1}}, 1},
    {"e.com. CAA 0 issue \"letsencrypt.org;;\"\n", {{CAA_CODE_PARAMETER_MALFORMED, 1}}, 1},
    {"e.com. CAA 0 issue \"letsencrypt.org; novalue\"\n", {{CAA_CODE_PARAMETER_MALFORMED, 1}}, 1},
    {"e.com. CAA 0 issue \"letsencrypt.org; account-uri=https://a.example/1\"\n",
     {{CAA_CODE_PARAMETER_TAG_HYPHEN, 1}},
     1},
    {"e.com. CAA 0 issue \"letsencrypt.org; AccountURI=https://a.example/1\"\n",
     {{CAA_CODE_PARAMETER_TAG_CASE, 1}},
     1},
    {"e.com. CAA 0 issue \"letsencrypt.org; validationmethods=dns-01;\"\n",
     {{CAA_CODE_TRAILING_SEMICOLON, 1}},
     1},
    {"e.com. CAA 0 issue \"letsencrypt.org; validationmethods=http-01; "
     "validationmethods=dns-01\"\n",
     {{CAA_CODE_DUPLICATE_PARAMETER, 1}},
     1},
    {"e.com. CAA 0 issue \"letsencrypt.org; accounturi=not-a-uri\"\n",
     {{CAA_CODE_ACCOUNTURI_INVALID, 1}},
     1},
    {"e.com. CAA 0 issue \"letsencrypt.org; validationmethods=http-01, dns-01\"\n",
     {{CAA_CODE_METHODS_INVALID, 1}},
     1},
    {"e.com. CAA 0 issue \"letsencrypt.org; validationmethods=http-01,tls-sni-01\"\n",
     {{CAA_CODE_METHOD_UNKNOWN, 1}},
     1},
    /* Other properties. */
    {"e.com. CAA 0 iodef \"ftp://e.com/x\"\n", {{CAA_CODE_IODEF_BAD_SCHEME, 1}}, 1},
    {"e.com. CAA 0 iodef \"sec@e.com\"\n", {{CAA_CODE_IODEF_BAD_SCHEME, 1}}, 1},
    {"e.com. CAA 0 contactemail \"mailto:a@e.com\"\n", {{CAA_CODE_CONTACT_INVALID, 1}}, 1},
    {"e.com. CAA 0 contactphone \"555-0100\"\n", {{CAA_CODE_CONTACT_INVALID, 1}}, 1},
    /* RRset and owner rules. */
    {"e.com. CAA 0 iodef \"mailto:a@e.com\"\ne.com. CAA 0 issuewild \"letsencrypt.org\"\n",
     {{CAA_CODE_ISSUEWILD_WITHOUT_ISSUE, 2}},
     1},
    {"*.e.com. CAA 0 issue \"letsencrypt.org\"\n", {{CAA_CODE_CAA_AT_WILDCARD_OWNER, 1}}, 1},
    {"e.com. CAA 0 issue \";\"\n", {{CAA_CODE_EMPTY_ISSUER_SET, 1}}, 1},
    /* Issue 11: `issue ";"` beside a named CA forbids nothing (it was not reported before). */
    {"e.com. CAA 0 issue \";\"\ne.com. CAA 0 issue \"letsencrypt.org\"\n",
     {{CAA_CODE_EMPTY_ISSUER_BESIDE_OTHERS, 1}},
     1},
    {"e.com. CAA 0 issuewild \"letsencrypt.org\"\ne.com. CAA 0 issue \"letsencrypt.org\"\n"
     "e.com. CAA 0 issuewild \";\"\n",
     {{CAA_CODE_EMPTY_ISSUER_BESIDE_OTHERS, 3}},
     1},
    /* Duplicates: the later copy, whatever the tag's case; a different value is no duplicate. */
    {"e.com. CAA 0 issue \"letsencrypt.org\"\ne.com. CAA 0 issue \"pki.goog\"\n"
     "e.com. CAA 0 issue \"letsencrypt.org\"\nf.com. CAA 0 issue \"letsencrypt.org\"\n",
     {{CAA_CODE_DUPLICATE_RECORD, 3}},
     1},
    {"e.com. CAA 0 iodef \"mailto:a@e.com\"\ne.com. CAA 0 iodef \"mailto:a@e.com\"\n"
     "e.com. CAA 0 iodef \"mailto:a@e.com\"\ne.com. CAA 0 issue \"letsencrypt.org\"\n",
     {{CAA_CODE_DUPLICATE_RECORD, 2}, {CAA_CODE_DUPLICATE_RECORD, 3}},
     2},
    /* CNAME and CAA at one name, whichever comes first; other types at the name are fine. */
    {"www.e.com. CNAME e.net.\nwww.e.com. CAA 0 issue \"letsencrypt.org\"\n"
     "e.com. A 192.0.2.1\ne.com. CAA 0 issue \"letsencrypt.org\"\n",
     {{CAA_CODE_CNAME_WITH_CAA, 2}},
     1},
    {"$ORIGIN e.com.\nwww 300 IN CAA 0 issue \"letsencrypt.org\"\n   IN CNAME e.net.\n",
     {{CAA_CODE_CNAME_WITH_CAA, 2}},
     1},
    /* Misspelt parameters: ignored by CAs, so the restriction is lost. */
    {"e.com. CAA 0 issue \"letsencrypt.org; validationmethod=dns-01\"\n",
     {{CAA_CODE_PARAMETER_MISSPELLED, 1}},
     1},
    {"e.com. CAA 0 issue \"letsencrypt.org; acounturi=https://a.example/1\"\n",
     {{CAA_CODE_PARAMETER_MISSPELLED, 1}},
     1},
    {"e.com. CAA 0 issue \"letsencrypt.org; validationmethod=dns01\"\n",
     {{CAA_CODE_PARAMETER_MISSPELLED, 1}, {CAA_CODE_METHOD_UNKNOWN, 1}},
     2},
    /* Owner names that do not fit the wire format. */
    {"a.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com. CAA 0 issue "
     "\"letsencrypt.org\"\n",
     {{CAA_CODE_RECORD_SYNTAX, 1}},
     1},
    {"a..e.com. CAA 0 issue \"letsencrypt.org\"\n", {{CAA_CODE_RECORD_SYNTAX, 1}}, 1},
    /* No zone data: nothing read is not "clean". */
    {"", {{CAA_CODE_NO_ZONE_DATA, 0}}, 1},
    {"{\"name\": \"example.com\"}\n", {{CAA_CODE_NO_ZONE_DATA, 0}}, 1},
    {"e.com. A 192.0.2.1\n", {{0, 0}}, 0},
    {"$TTL 300\n", {{0, 0}}, 0},
    /* Ordered by line; an error line does not stop the records after it. */
    {"a.com. CAA 0 issue \"letsencrypt.org.\"\nb.com. CAA 0 issue \"x\ns.com. A 192.0.2.1\n"
     "c.com. CAA 1 issue \"letsencrypt.org\"\n",
     {{CAA_CODE_ISSUER_TRAILING_DOT, 1},
      {CAA_CODE_RECORD_SYNTAX, 2},
      {CAA_CODE_FLAG_1_AS_CRITICAL, 4}},
     3},
};

static struct caa_lint_report *lint_text(const char *text)
{
    struct caa_zone *zone = NULL;
    struct caa_lint_report *rep = NULL;

    assert_int_equal(caa_zone_parse(text, strlen(text), NULL, 0, &zone), CAA_OK);
    assert_int_equal(caa_lint_zone(zone, &rep), CAA_OK);
    caa_zone_free(zone);
    return rep;
}

static void test_rules(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        struct caa_lint_report *rep = lint_text(cases[c].text);
        size_t n = caa_lint_report_count(rep);
        bool same = n == cases[c].count;

        for (size_t i = 0; same && i < n; i++) {
            const struct caa_lint_finding *f = caa_lint_report_finding(rep, i);
            same = f->code == cases[c].findings[i].code && f->line == cases[c].findings[i].line &&
                   f->message[0] != '\0' && f->fix[0] != '\0';
        }
        if (!same) {
            for (size_t i = 0; i < n; i++) {
                const struct caa_lint_finding *f = caa_lint_report_finding(rep, i);
                print_message("  got %s line %zu: %s\n", caa_code_name(f->code), f->line,
                              f->message);
            }
            fail_msg("case %zu (%s): %zu findings, want %zu", c, cases[c].text, n, cases[c].count);
        }
        caa_lint_report_free(rep);
    }
}

/* The fix is the exact corrected record. */
static const struct {
    const char *text;
    enum caa_code code;
    const char *fix;
} fixes[] = {
    {"example.com. CAA 0 issue \"letsencrypt.org.\"\n", CAA_CODE_ISSUER_TRAILING_DOT,
     "example.com. IN CAA 0 issue \"letsencrypt.org\""},
    {"$ORIGIN example.com.\n@ CAA 0 issue \"Let's Encrypt\"\n", CAA_CODE_ISSUER_NOT_A_DOMAIN,
     "example.com. IN CAA 0 issue \"letsencrypt.org\""},
    {"example.com. CAA 0 issue \"letsencrypt.com\"\n", CAA_CODE_ISSUER_UNKNOWN_CA,
     "example.com. IN CAA 0 issue \"letsencrypt.org\""},
    {"example.com. CAA 0 issue \"\\\"letsencrypt.org\\\"\"\n", CAA_CODE_VALUE_QUOTED,
     "example.com. IN CAA 0 issue \"letsencrypt.org\""},
    {"example.com. CAA 0 issue \"letsencrypt.org, digicert.com\"\n", CAA_CODE_MULTIPLE_ISSUERS,
     "example.com. IN CAA 0 issue \"letsencrypt.org\"\n"
     "example.com. IN CAA 0 issue \"digicert.com\""},
    {"example.com. CAA 128 iodef \"mailto:a@e.com\"\n", CAA_CODE_CRITICAL_ON_IODEF,
     "example.com. IN CAA 0 iodef \"mailto:a@e.com\""},
    {"example.com. CAA 0 iodef \"sec@e.com\"\n", CAA_CODE_IODEF_BAD_SCHEME,
     "example.com. IN CAA 0 iodef \"mailto:sec@e.com\""},
    {"example.com. CAA 0 issue \"letsencrypt.org; AccountURI=https://a.example/1\"\n",
     CAA_CODE_PARAMETER_TAG_CASE,
     "example.com. IN CAA 0 issue \"letsencrypt.org; accounturi=https://a.example/1\""},
    {"example.com. CAA 0 issue \"letsencrypt.org; validationmethods=HTTP-01\"\n",
     CAA_CODE_METHOD_UNKNOWN,
     "example.com. IN CAA 0 issue \"letsencrypt.org; validationmethods=http-01\""},
    {"example.com. CAA 0 issue \"letsencrypt.org; validationmethods=http-01; "
     "validationmethods=dns-01\"\n",
     CAA_CODE_DUPLICATE_PARAMETER,
     "example.com. IN CAA 0 issue \"letsencrypt.org; validationmethods=http-01\"\n"
     "example.com. IN CAA 0 issue \"letsencrypt.org; validationmethods=dns-01\""},
    {"*.example.com. CAA 0 issue \"letsencrypt.org\"\n", CAA_CODE_CAA_AT_WILDCARD_OWNER,
     "example.com. IN CAA 0 issuewild \"letsencrypt.org\""},
    {"example.com. CAA 0 issuewild \"letsencrypt.org\"\n", CAA_CODE_ISSUEWILD_WITHOUT_ISSUE,
     "example.com. IN CAA 0 issue \"letsencrypt.org\""},
};

static void test_fixes(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof(fixes) / sizeof(fixes[0]); c++) {
        struct caa_lint_report *rep = lint_text(fixes[c].text);
        const struct caa_lint_finding *f = caa_lint_report_finding(rep, 0);

        assert_int_equal(caa_lint_report_count(rep), 1);
        assert_int_equal(f->code, fixes[c].code);
        assert_string_equal(f->fix, fixes[c].fix);
        caa_lint_report_free(rep);
    }
}

static void test_finding_fields(void **state)
{
    static const char text[] = "$ORIGIN example.com.\nwww 300 IN CAA 4 issue \"letsencrypt.org\"\n";
    struct caa_lint_report *rep = lint_text(text);
    const struct caa_lint_finding *f = caa_lint_report_finding(rep, 0);

    (void)state;
    assert_int_equal(caa_lint_report_count(rep), 1);
    assert_int_equal(f->code, CAA_CODE_RESERVED_FLAGS);
    assert_int_equal(f->severity, CAA_SEVERITY_WARNING);
    assert_int_equal(f->line, 2);
    assert_int_equal(f->column, 16);
    assert_string_equal(f->owner, "www.example.com");
    assert_string_equal(f->record, "www 300 IN CAA 4 issue \"letsencrypt.org\"");
    assert_string_equal(f->fix, "www.example.com. IN CAA 0 issue \"letsencrypt.org\"");
    assert_int_equal(caa_lint_report_worst(rep), CAA_SEVERITY_WARNING);
    assert_null(caa_lint_report_finding(rep, 1));
    caa_lint_report_free(rep);
}

/* A NUL byte is an error at its line and column, never a record cut short or silently skipped
 * (before issue 11 the first two were skipped and the third read as "lets"). */
static void test_nul_byte(void **state)
{
#define NUL_CASE(text, code, line, column)                                                         \
    {                                                                                              \
        text, sizeof(text) - 1, code, line, column                                                 \
    }
    static const struct {
        const char *text;
        size_t len;
        enum caa_code code;
        size_t line;
        size_t column;
    } nul_cases[] = {
        NUL_CASE("e.com. IN CA\0A 0 issue \"letsencrypt.org\"\n", CAA_CODE_ZONE_SYNTAX, 1, 13),
        NUL_CASE("exa\0mple.com. IN CAA 0 issue \"letsencrypt.org\"\n", CAA_CODE_RECORD_SYNTAX, 1,
                 4),
        NUL_CASE("e.com. IN CAA 0 issue \"lets\0encrypt.org\"\n", CAA_CODE_RECORD_SYNTAX, 1, 28),
        NUL_CASE("e.com. IN CAA 0 issue \"letsencrypt.org\"\n\0\n", CAA_CODE_ZONE_SYNTAX, 2, 1),
    };
#undef NUL_CASE

    (void)state;
    for (size_t c = 0; c < sizeof(nul_cases) / sizeof(nul_cases[0]); c++) {
        struct caa_zone *zone = NULL;
        struct caa_lint_report *rep = NULL;
        const struct caa_lint_finding *f;

        assert_int_equal(caa_zone_parse(nul_cases[c].text, nul_cases[c].len, NULL, 0, &zone),
                         CAA_OK);
        assert_int_equal(caa_lint_zone(zone, &rep), CAA_OK);
        f = caa_lint_report_finding(rep, 0);
        if (f == NULL || f->code != nul_cases[c].code || f->line != nul_cases[c].line ||
            f->column != nul_cases[c].column || caa_lint_report_count(rep) != 1) {
            fail_msg("NUL case %zu: %zu findings, first %s at %zu:%zu", c,
                     caa_lint_report_count(rep), f != NULL ? caa_code_name(f->code) : "-",
                     f != NULL ? f->line : 0, f != NULL ? f->column : 0);
        }
        assert_non_null(strstr(f->message, "NUL"));
        caa_lint_report_free(rep);
        caa_zone_free(zone);
    }
}

/* caa_lint_rrset() gives what caa_lint_zone() gives for the same records written as a zone, so
 * diagnose can lint an RRset from DNS without printing it and parsing it back. */
static void test_rrset_entry_point(void **state)
{
    static const char *const rdata[] = {
        "0 issue \";\"",
        "0 issue \"LetsEncrypt.org; validationmethod=dns-01\"",
        "128 tbs \"x\"",
        "0 issue \"letsencrypt.com\"",
        "0 issuewild \"letsencrypt.org.\"",
        "0 issue \"letsencrypt.com\"",
        "0 iodef \"sec@example.com\"",
    };
    struct caa_rrset *set = NULL;
    struct caa_lint_report *from_set = NULL;
    struct caa_lint_report *from_zone;
    char text[2048] = "";
    size_t used = 0;

    (void)state;
    assert_int_equal(caa_rrset_new(&set), CAA_OK);
    assert_int_equal(caa_rrset_set_owner(set, "Example.COM."), CAA_OK);
    for (size_t i = 0; i < sizeof(rdata) / sizeof(rdata[0]); i++) {
        struct caa_record rec;

        assert_int_equal(caa_record_from_text(rdata[i], strlen(rdata[i]), 0, &rec, NULL), CAA_OK);
        assert_int_equal(caa_rrset_add(set, &rec), CAA_OK);
        caa_record_cleanup(&rec);
        used += (size_t)snprintf(text + used, sizeof(text) - used, "example.com. IN CAA %s\n",
                                 rdata[i]);
    }
    assert_int_equal(caa_lint_rrset(set, &from_set), CAA_OK);
    from_zone = lint_text(text);
    assert_true(caa_lint_report_count(from_set) >= 6);
    assert_int_equal(caa_lint_report_count(from_set), caa_lint_report_count(from_zone));
    for (size_t i = 0; i < caa_lint_report_count(from_zone); i++) {
        const struct caa_lint_finding *a = caa_lint_report_finding(from_set, i);
        const struct caa_lint_finding *b = caa_lint_report_finding(from_zone, i);

        assert_int_equal(a->code, b->code);
        assert_int_equal(a->line, b->line);
        assert_int_equal(a->column, b->column);
        assert_string_equal(a->owner, b->owner);
        assert_string_equal(a->record, b->record);
        assert_string_equal(a->message, b->message);
        assert_string_equal(a->fix, b->fix);
    }
    assert_int_equal(caa_lint_rrset(NULL, &from_set), CAA_E_INVALID_ARG);
    caa_lint_report_free(from_set);
    caa_lint_report_free(from_zone);
    caa_rrset_free(set);
}

static void test_worst(void **state)
{
    static const struct {
        const char *text;
        enum caa_severity worst;
    } worst_cases[] = {
        {"", CAA_SEVERITY_ERROR}, /* NO_ZONE_DATA (issue 11; was INFO) */
        {"e.com. CAA 0 issue \";\"\n", CAA_SEVERITY_INFO},
        {"e.com. CAA 0 foo \"x\"\n", CAA_SEVERITY_WARNING},
        {"e.com. CAA 0 foo \"x\"\ne.com. CAA 0 issue \"letsencrypt.org.\"\n", CAA_SEVERITY_ERROR},
    };

    (void)state;
    for (size_t c = 0; c < sizeof(worst_cases) / sizeof(worst_cases[0]); c++) {
        struct caa_lint_report *rep = lint_text(worst_cases[c].text);
        assert_int_equal(caa_lint_report_worst(rep), worst_cases[c].worst);
        caa_lint_report_free(rep);
    }
    assert_int_equal(caa_lint_zone(NULL, NULL), CAA_E_INVALID_ARG);
    caa_lint_report_free(NULL);
}

static void test_json(void **state)
{
    static const char text[] = "e.com. CAA 0 issue \"letsencrypt.org.\"\ne.com. CAA 0 foo \"x\"\n"
                               "f.com. CAA 0 issue \";\"\n";
    struct caa_lint_report *rep = lint_text(text);
    char *out = NULL;
    json_t *doc;
    json_t *first;
    json_error_t jerr;

    (void)state;
    assert_int_equal(caa_lint_report_to_json(rep, "zone.txt", 0, &out), CAA_OK);
    assert_null(strchr(out, '\n'));
    assert_int_equal(
        strncmp(out, "{\"schema\":\"caa/1\",\"type\":\"lint\",\"source\":\"zone.txt\"", 50), 0);
    doc = json_loads(out, 0, &jerr);
    assert_non_null(doc);
    assert_int_equal(json_array_size(json_object_get(doc, "findings")), 3);
    first = json_array_get(json_object_get(doc, "findings"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "code")), "ISSUER_TRAILING_DOT");
    assert_string_equal(json_string_value(json_object_get(first, "severity")), "error");
    assert_int_equal(json_integer_value(json_object_get(first, "line")), 1);
    assert_int_equal(json_integer_value(json_object_get(first, "column")), 12);
    assert_string_equal(json_string_value(json_object_get(first, "owner")), "e.com");
    assert_string_equal(json_string_value(json_object_get(first, "fix")),
                        "e.com. IN CAA 0 issue \"letsencrypt.org\"");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "summary"), "errors")),
                     1);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(doc, "summary"), "warnings")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "summary"), "infos")),
                     1);
    json_decref(doc);
    free(out);
    assert_int_equal(caa_lint_report_to_json(rep, "zone.txt", CAA_JSON_PRETTY, &out), CAA_OK);
    assert_int_equal(strncmp(out, "{\n  \"schema\": \"caa/1\",\n", 23), 0);
    free(out);
    caa_lint_report_free(rep);
}

static void test_json_non_utf8(void **state)
{
    static const char text[] = "e.com. CAA 0 issue \"x\xff\"\n";
    struct caa_lint_report *rep = lint_text(text);
    char *out = NULL;
    json_t *doc;
    json_error_t jerr;

    (void)state;
    assert_true(caa_lint_report_count(rep) > 0);
    assert_int_equal(caa_lint_report_to_json(rep, NULL, 0, &out), CAA_OK);
    doc = json_loads(out, 0, &jerr);
    assert_non_null(doc);
    assert_true(json_is_null(json_object_get(doc, "source")));
    json_decref(doc);
    free(out);
    caa_lint_report_free(rep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),          cmocka_unit_test(test_fixes),
        cmocka_unit_test(test_finding_fields), cmocka_unit_test(test_worst),
        cmocka_unit_test(test_nul_byte),       cmocka_unit_test(test_rrset_entry_point),
        cmocka_unit_test(test_json),           cmocka_unit_test(test_json_non_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
