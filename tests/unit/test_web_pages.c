/* SPDX-License-Identifier: MIT */
/* The pages of caa serve, rendered from real lab documents (test_web_fixtures/, made by the calls
 * the service makes) and from hostile ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "page.h"
#include "web.h"

#include "test_web_support.h"

#define MUST_MAX 12

#define HOSTILE_TAG "<script>alert(1)</script>"
#define HOSTILE_ATTR "\"onmouseover=alert(1) x=\""
#define ESCAPED_TAG "&lt;script&gt;alert(1)&lt;/script&gt;"
#define ESCAPED_ATTR "&quot;onmouseover=alert(1) x=&quot;"

static const struct web_result_meta meta = {
    .permalink_id = "abcdefghijklmnopqrstuvwxyz234567",
    .taken_at = 1796515200, /* 2026-12-06 00:00:00 UTC */
    .rerun_href = "/check?names=example.com&ca=letsencrypt.org",
};

static void assert_contains(const char *html, const char *needle)
{
    if (strstr(html, needle) == NULL) {
        fail_msg("page lacks: %s", needle);
    }
}

static void assert_lacks(const char *html, const char *needle)
{
    if (strstr(html, needle) != NULL) {
        fail_msg("page has: %s", needle);
    }
}

static const struct {
    const char *fixture;
    const char *must[MUST_MAX];
    const char *must_not[MUST_MAX];
} result_cases[] = {
    {"stored-allowed.json",
     {"<div class=\"banner allowed\"", ">Allowed</h2>", "<svg", "allows this CA",
      "has CAA records: these decide", "2026-12-06 00:00:00 UTC",
      "href=\"/r/abcdefghijklmnopqrstuvwxyz234567\"",
      "href=\"/check?names=example.com&amp;ca=letsencrypt.org\""},
     {"class=\"finding", "class=\"ns ", "banner denied"}},
    {"stored-denied.json",
     {"<div class=\"banner denied\"", ">Denied</h2>", "CAA_ISSUER_NOT_LISTED", "names another CA",
      "denied.tour.test. IN CAA 0 issue &quot;letsencrypt.org&quot;",
      "data-copyable=\"fix record\"", "<h5>tinydns</h5>", "<h5>octodns</h5>",
      "You, the domain owner", "No: the CA will give the same answer",
      "href=\"/api/v1/"
      "check?ca=letsencrypt.org&amp;name=denied.tour.test&amp;profile=letsencrypt\""},
     {"banner allowed"}},
    {"stored-notimp.json",
     {"<div class=\"banner error\"", ">Lookup failure</h2>", "NS_NOTIMP_CAA",
      "SERVFAIL looking up CAA for notimp.test", "SERVFAIL: the lookup failed",
      "Whoever runs your nameservers", "blocks issuance"},
     {"banner denied"}},
    {"stored-parent.json",
     {"zone cut: kid.notimpparent.test is delegated by notimpparent.test", "PARENT_LOOKUP_FAILED",
      "The operator of a zone above yours", "Perhaps: this can be transient"},
     {NULL}},
    {"stored-expired.json",
     {"<div class=\"banner error\"", "DNSSEC_EXPIRED", "re-sign the zone"},
     {NULL}},
    {"stored-drop.json", {"<div class=\"banner error\"", "NS_"}, {NULL}},
    /* The advisory "record" of ISSUER_UNKNOWN_CA is words: shown, never offered for copying. */
    {"stored-quad.json",
     {"<p>check the CAA issuer domain name in your CA&#39;s documentation</p>", "id=\"n0-fix-0\""},
     {"id=\"n0-fix-2\""}},
    /* Allowed, but the zone's two servers serve different RRsets: the warning, each server's
     * answer. */
    {"stored-disagree.json",
     {"<div class=\"banner allowed\"", "<div class=\"notice warning\"",
      "<code>NS_INCONSISTENT</code>", "depends on which server it asks",
      "<li><code>nsa.test</code> (127.53.0.3): NOERROR: 0 issue &quot;letsencrypt.org&quot;</li>",
      "<li><code>nsb.test</code> (127.53.0.4): NOERROR: 0 iodef"},
     {"banner denied"}},
    {"stored-order.json",
     {"<div class=\"banner denied\"", "id=\"n0-climb-title\"", "id=\"n1-climb-title\"",
      "id=\"n2-climb-title\"",
      "<strong>allowed.tour.test</strong>, <strong>denied.tour.test"
      "</strong> and <strong>www.signed.test</strong>"},
     {NULL}},
};

static void test_result_pages(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof result_cases / sizeof result_cases[0]; i++) {
        json_t *doc = load_fixture(result_cases[i].fixture);
        char *html;

        assert_non_null(doc);
        html = web_page_result(doc, &meta);
        assert_non_null(html);
        for (size_t j = 0; j < MUST_MAX && result_cases[i].must[j] != NULL; j++) {
            assert_contains(html, result_cases[i].must[j]);
        }
        for (size_t j = 0; j < MUST_MAX && result_cases[i].must_not[j] != NULL; j++) {
            assert_lacks(html, result_cases[i].must_not[j]);
        }
        assert_true(csp_clean(html));
        free(html);
        json_decref(doc);
    }
}

/* What blocks issuance comes first, then severity; the library's order breaks ties. */
static void test_findings_order(void **state)
{
    json_t *findings = json_pack(
        "[{s:s,s:s,s:b}, {s:s,s:s,s:b}, {s:s,s:s,s:b}, {s:s,s:s,s:b}, {s:s,s:s,s:b}]", "code",
        "F_INFO", "severity", "info", "blocks_issuance", 0, "code", "F_WARN_BLOCKS", "severity",
        "warning", "blocks_issuance", 1, "code", "F_ERROR", "severity", "error", "blocks_issuance",
        0, "code", "F_ERROR_BLOCKS", "severity", "error", "blocks_issuance", 1, "code",
        "F_ERROR_BLOCKS_2", "severity", "error", "blocks_issuance", 1);
    static const char *const want[] = {">F_ERROR_BLOCKS<", ">F_ERROR_BLOCKS_2<", ">F_WARN_BLOCKS<",
                                       ">F_ERROR<", ">F_INFO<"};
    struct web_buf b;
    char *html;
    const char *at;

    (void)state;
    web_buf_init(&b);
    web_findings(&b, findings, "t-");
    html = web_buf_finish(&b);
    assert_non_null(html);
    at = html;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const char *p = strstr(at, want[i]);

        if (p == NULL) {
            fail_msg("%s missing or out of order", want[i]);
        }
        at = p;
    }
    free(html);
    json_decref(findings);
}

/* Everything a request or the DNS supplied round-trips as text, wherever it lands. */
static void test_result_escapes_everything(void **state)
{
    json_t *doc = load_fixture("stored-denied.json");
    json_t *result;
    json_t *finding;
    json_t *record;
    const struct web_result_meta hostile_meta = {HOSTILE_ATTR, 0, HOSTILE_TAG};
    char *html;

    (void)state;
    assert_non_null(doc);
    result = json_array_get(json_object_get(json_object_get(doc, "check"), "results"), 0);
    finding = json_array_get(
        json_object_get(json_array_get(json_object_get(doc, "diagnoses"), 0), "findings"), 0);
    record =
        json_array_get(json_object_get(json_object_get(result, "relevant_rrset"), "records"), 0);
    json_array_set_new(json_object_get(json_object_get(doc, "request"), "names"), 0,
                       json_string(HOSTILE_TAG));
    json_object_set_new(json_object_get(doc, "request"), "ca", json_string(HOSTILE_ATTR));
    json_object_set_new(result, "name_unicode", json_string(HOSTILE_TAG));
    json_object_set_new(result, "message", json_string(HOSTILE_ATTR));
    json_object_set_new(result, "verdict", json_string(HOSTILE_ATTR));
    json_object_set_new(record, "value", json_string(HOSTILE_TAG));
    json_object_set_new(record, "tag", json_string(HOSTILE_ATTR));
    json_object_set_new(finding, "summary", json_string(HOSTILE_TAG));
    json_object_set_new(finding, "record", json_string("x. IN CAA 0 issue \"" HOSTILE_TAG "\""));
    json_object_set_new(finding, "evidence", json_string(HOSTILE_ATTR));
    json_object_set_new(result, "warnings",
                        json_pack("[{s:s, s:s, s:[{s:s, s:s, s:s}]}]", "code", HOSTILE_ATTR,
                                  "message", HOSTILE_TAG, "servers", "name", HOSTILE_TAG, "address",
                                  HOSTILE_ATTR, "answer", HOSTILE_TAG));
    html = web_page_result(doc, &hostile_meta);
    assert_non_null(html);
    assert_lacks(html, "<script>alert");
    assert_lacks(html, "\"onmouseover=");
    assert_contains(html, ESCAPED_TAG);
    assert_contains(html, ESCAPED_ATTR);
    assert_contains(html, "<div class=\"notice warning\">"); /* the hostile warning was shown */
    /* in a URL, the same names are percent-encoded */
    assert_contains(html, "name=%3Cscript%3Ealert%281%29%3C%2Fscript%3E");
    assert_true(csp_clean(html));
    free(html);
    json_decref(doc);
}

/* A document that is not what the library writes (a damaged store row) renders, not crashes. */
static void test_result_survives_odd_documents(void **state)
{
    static const char *const docs[] = {
        "{}",
        "[]",
        "{\"request\":5,\"check\":{\"results\":[1,\"x\",null,{}]},\"diagnoses\":{}}",
        ("{\"check\":{\"verdict\":\"denied\",\"results\":[{\"lookups\":[{\"qname\":7},{}],"
         "\"relevant_rrset\":{\"owner\":\"x\",\"records\":[{\"flags\":\"x\"}]}}]}}"),
    };

    (void)state;
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        json_t *doc = json_loads(docs[i], 0, NULL);
        char *html;

        assert_non_null(doc);
        html = web_page_result(doc, NULL);
        assert_non_null(html);
        assert_true(csp_clean(html));
        free(html);
        json_decref(doc);
    }
}

/* Without the request part (an older or foreign document) the page still says who and what. */
static void test_result_without_request(void **state)
{
    json_t *doc = load_fixture("stored-denied.json");
    char *html;

    (void)state;
    assert_non_null(doc);
    json_object_del(doc, "request");
    html = web_page_result(doc, &meta);
    assert_non_null(html);
    assert_contains(html, "<title>CAA check: denied.tour.test");
    assert_contains(html, "forbid <strong>letsencrypt.org</strong> to issue a certificate for "
                          "<strong>denied.tour.test</strong>");
    assert_contains(html, "<dt>Rules</dt><dd>letsencrypt</dd>");
    free(html);
    json_decref(doc);
}

/* A huge RRset is cut to what a person reads; the page is still made. */
static void test_result_huge_rrset(void **state)
{
    json_t *doc = load_fixture("stored-denied.json");
    json_t *result;
    json_t *records;
    char *html;

    (void)state;
    assert_non_null(doc);
    result = json_array_get(json_object_get(json_object_get(doc, "check"), "results"), 0);
    records = json_object_get(json_object_get(result, "relevant_rrset"), "records");
    for (int i = 0; i < 5000; i++) {
        json_array_append_new(records, json_pack("{s:i,s:s,s:s,s:s}", "flags", 0, "tag", "issue",
                                                 "value", "ca.example", "outcome", "other-issuer"));
    }
    html = web_page_result(doc, &meta);
    assert_non_null(html);
    assert_int_equal(count_of(html, "<td class=\"value\">"), 100);
    assert_contains(html, "4901 more records are not shown");
    free(html);
    json_decref(doc);
}

static void test_home_form(void **state)
{
    static const struct {
        struct web_form form;
        const char *must[MUST_MAX];
        const char *must_not[MUST_MAX];
    } cases[] = {
        {{0},
         {"<form class=\"check\" method=\"get\" action=\"/check\">", "<label for=\"names\">",
          "id=\"names\" name=\"names\" value=\"\"", "<label for=\"ca\">",
          "id=\"ca\" name=\"ca\" value=\"letsencrypt.org\"",
          /* Let's Encrypt is the first suggestion */
          "<datalist id=\"ca-list\"><option value=\"letsencrypt.org\" label=\"Let&#39;s Encrypt\">",
          "<label for=\"method\">", "<label for=\"account_uri\">", "<label for=\"profile\">",
          "<details><summary>"},
         {"role=\"alert\"", "selected"}},
        {{.names = HOSTILE_TAG,
          .ca = HOSTILE_ATTR,
          .account_uri = HOSTILE_ATTR,
          .method = "dns-01",
          .profile = "rfc8659",
          .error = HOSTILE_TAG},
         {"value=\"" ESCAPED_TAG "\"", "value=\"" ESCAPED_ATTR "\"", "<option selected>dns-01",
          "value=\"rfc8659\" selected", "role=\"alert\"><p>" ESCAPED_TAG, "<details open>"},
         {"<script>alert", "\"onmouseover="}},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *html = web_page_home(&cases[i].form);

        assert_non_null(html);
        for (size_t j = 0; j < MUST_MAX && cases[i].must[j] != NULL; j++) {
            assert_contains(html, cases[i].must[j]);
        }
        for (size_t j = 0; j < MUST_MAX && cases[i].must_not[j] != NULL; j++) {
            assert_lacks(html, cases[i].must_not[j]);
        }
        assert_true(csp_clean(html));
        free(html);
    }
    {
        char *html = web_page_home(NULL);

        assert_non_null(html);
        assert_contains(html, "action=\"/check\"");
        free(html);
    }
}

static void test_lint_page(void **state)
{
    json_t *doc = load_fixture("lint.json");
    char *html;

    (void)state;
    assert_non_null(doc);
    html = web_page_lint("www IN CAA 0 issue \"" HOSTILE_TAG "\"", doc);
    assert_non_null(html);
    assert_contains(html, "<form method=\"post\" action=\"/lint\">");
    assert_contains(html, "<label for=\"zone\">");
    assert_contains(html, "<div class=\"banner denied\"");
    assert_contains(html, "Line 1, column 26: ");
    assert_contains(html, "ISSUER_TRAILING_DOT");
    /* a fix that is a record is offered for copying; a fix in words is not */
    assert_contains(html, "id=\"fix-0\">example.com. IN CAA 0 issue &quot;LetsEncrypt.org&quot;");
    assert_contains(html, "<p>Fix: use mailto:address");
    assert_contains(html, "issue &quot;" ESCAPED_TAG "&quot;</textarea>");
    assert_lacks(html, "<script>alert");
    assert_true(csp_clean(html));
    free(html);
    json_decref(doc);

    doc = json_pack("{s:s,s:[]}", "type", "lint", "findings");
    html = web_page_lint("", doc);
    assert_non_null(html);
    assert_contains(html, "No problems found");
    free(html);
    json_decref(doc);

    html = web_page_lint(NULL, NULL);
    assert_non_null(html);
    assert_lacks(html, "class=\"banner");
    free(html);
}

static void test_generate_page(void **state)
{
    const struct web_generate_form form = {
        .name = HOSTILE_TAG, .ca = "letsencrypt", .iodef = HOSTILE_ATTR, .no_wildcard = true};
    json_t *outputs =
        json_pack("{s:s,s:s}", "zone", "example.com. IN CAA 0 issue \"letsencrypt.org\"\n",
                  "tinydns", ":example.com:257:\\000\\005issue" HOSTILE_TAG "\n");
    char *html;

    (void)state;
    html = web_page_generate(&form, outputs, HOSTILE_ATTR);
    assert_non_null(html);
    assert_contains(html, "<form method=\"get\" action=\"/generate\">");
    assert_contains(html, "<h3>zone</h3>");
    assert_contains(html, "<h3>tinydns</h3>");
    assert_contains(html, "issue &quot;letsencrypt.org&quot;");
    assert_contains(html, "name=\"no_wildcard\" value=\"1\" checked>");
    assert_contains(html, "id=\"name\" name=\"name\" required value=\"" ESCAPED_TAG "\"");
    assert_contains(html, "role=\"alert\"><p>" ESCAPED_ATTR);
    assert_lacks(html, "<script>alert");
    assert_lacks(html, "\"onmouseover=");
    assert_true(csp_clean(html));
    free(html);
    json_decref(outputs);

    html = web_page_generate(NULL, NULL, NULL);
    assert_non_null(html);
    assert_contains(html, "id=\"ca\" name=\"ca\" value=\"letsencrypt\"");
    assert_lacks(html, "Your records");
    free(html);
}

static void test_explain_page(void **state)
{
    json_t *stored = load_fixture("stored-notimp.json");
    json_t *result;
    char *html;

    (void)state;
    assert_non_null(stored);
    result = json_pack("{s:[s],s:[O]}", "names", "notimp.test", "diagnoses",
                       json_array_get(json_object_get(stored, "diagnoses"), 0));
    html = web_page_explain(HOSTILE_TAG, result, NULL);
    assert_non_null(html);
    assert_contains(html, "<form method=\"post\" action=\"/explain\">");
    assert_contains(html, "<label for=\"text\">");
    assert_contains(html, ESCAPED_TAG "</textarea>");
    assert_contains(html, "<code>notimp.test</code>");
    assert_contains(html, "NS_NOTIMP_CAA");
    assert_contains(html, "id=\"d0-climb-title\"");
    assert_true(csp_clean(html));
    free(html);
    json_decref(result);
    json_decref(stored);

    html = web_page_explain(NULL, NULL, HOSTILE_TAG);
    assert_non_null(html);
    assert_contains(html, "role=\"alert\"><p>" ESCAPED_TAG);
    free(html);
}

static void test_error_page(void **state)
{
    char *html = web_page_error(404, HOSTILE_TAG, HOSTILE_ATTR);

    (void)state;
    assert_non_null(html);
    assert_contains(html, "HTTP 404");
    assert_contains(html, "<h1>" ESCAPED_TAG "</h1>");
    assert_contains(html, ESCAPED_ATTR);
    assert_true(csp_clean(html));
    free(html);
    html = web_page_error(500, NULL, NULL);
    assert_non_null(html);
    assert_contains(html, "HTTP 500");
    free(html);
}

static void test_assets(void **state)
{
    (void)state;
    assert_non_null(strstr(web_css, "@media (prefers-color-scheme: dark)"));
    assert_non_null(strstr(web_css, ".banner.denied"));
    assert_non_null(strstr(web_js, "navigator.clipboard"));
    assert_non_null(strstr(web_js, "data-copyable"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_result_pages),
        cmocka_unit_test(test_findings_order),
        cmocka_unit_test(test_result_escapes_everything),
        cmocka_unit_test(test_result_survives_odd_documents),
        cmocka_unit_test(test_result_without_request),
        cmocka_unit_test(test_result_huge_rrset),
        cmocka_unit_test(test_home_form),
        cmocka_unit_test(test_lint_page),
        cmocka_unit_test(test_generate_page),
        cmocka_unit_test(test_explain_page),
        cmocka_unit_test(test_error_page),
        cmocka_unit_test(test_assets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
