/* SPDX-License-Identifier: MIT */
/* The climb picture, drawn from real lab documents: one step per label, zone cuts, nameservers
 * coloured by what they answered. Counts of drawn elements, per scenario. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "page.h"

#include "test_web_support.h"

struct climb_counts {
    size_t steps, relevant, failed, unused, cuts, ns_ok, ns_bad, ns_warn, ns_idle;
};

static const struct {
    const char *fixture;
    size_t name; /* which result of the order */
    struct climb_counts want;
    const char *must;
} cases[] = {
    /* allowed: no diagnosis, so no nameservers and no zones */
    {"stored-allowed.json", 0, {3, 1, 0, 2, 0, 0, 0, 0, 0}, "has CAA records: these decide"},
    {"stored-denied.json",
     0,
     {3, 1, 0, 2, 1, 2, 0, 0, 0},
     "zone cut: tour.test is delegated by test"},
    /* notimp.test: the zone's only server answers NOTIMP */
    {"stored-notimp.json", 0, {2, 0, 1, 1, 1, 1, 1, 0, 0}, "SERVFAIL: the lookup failed"},
    {"stored-drop.json", 0, {2, 0, 1, 1, 1, 1, 1, 0, 0}, "nsbad.test 127.53.0.10: NS_"},
    {"stored-expired.json", 0, {2, 0, 1, 1, 1, 1, 1, 0, 0}, "nsa.test 127.53.0.3: DNSSEC_EXPIRED"},
    /* the failure is two zones up: three zones, two cuts */
    {"stored-parent.json",
     0,
     {4, 0, 1, 1, 2, 2, 1, 0, 0},
     "zone cut: kid.notimpparent.test is delegated by notimpparent.test"},
    /* one bad server of four: the other three and the TLD's answered */
    {"stored-quad.json", 0, {2, 1, 0, 1, 1, 4, 1, 0, 0}, "nsbad.test 127.53.0.10: NS_NOTIMP_CAA"},
    /* www.signed.test climbs to signed.test, where the records are */
    {"stored-order.json", 2, {3, 1, 0, 1, 1, 3, 0, 0, 0}, "zone signed.test"},
};

static const json_t *diagnosis_of(const json_t *doc, const char *name)
{
    const json_t *diags = json_object_get(doc, "diagnoses");

    for (size_t i = 0; i < json_array_size(diags); i++) {
        const json_t *d = json_array_get(diags, i);

        if (strcmp(json_string_value(json_object_get(d, "name")), name) == 0) {
            return d;
        }
    }
    return NULL;
}

static char *draw(const json_t *result, const json_t *diag)
{
    struct web_buf b;

    web_buf_init(&b);
    web_climb_svg(&b, result, diag, "t-");
    return web_buf_finish(&b);
}

static void test_scenarios(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *doc = load_fixture(cases[i].fixture);
        const json_t *result;
        char *svg;
        struct climb_counts got;

        assert_non_null(doc);
        result = json_array_get(json_object_get(json_object_get(doc, "check"), "results"),
                                cases[i].name);
        svg = draw(result, diagnosis_of(doc, json_string_value(json_object_get(result, "name"))));
        assert_non_null(svg);
        got.steps = count_of(svg, "<text text-anchor=\"middle\"");
        got.relevant = count_of(svg, "class=\"label-box relevant\"");
        got.failed = count_of(svg, "class=\"label-box failed\"");
        got.unused = count_of(svg, "class=\"label-box unused\"");
        got.cuts = count_of(svg, "<line class=\"cut\"");
        got.ns_ok = count_of(svg, "class=\"ns ok\"");
        got.ns_bad = count_of(svg, "class=\"ns bad\"");
        got.ns_warn = count_of(svg, "class=\"ns warn\"");
        got.ns_idle = count_of(svg, "class=\"ns idle\"");
        if (memcmp(&got, &cases[i].want, sizeof got) != 0) {
            fail_msg("%s: steps %zu relevant %zu failed %zu unused %zu cuts %zu ok %zu bad %zu "
                     "warn %zu idle %zu",
                     cases[i].fixture, got.steps, got.relevant, got.failed, got.unused, got.cuts,
                     got.ns_ok, got.ns_bad, got.ns_warn, got.ns_idle);
        }
        if (strstr(svg, cases[i].must) == NULL) {
            fail_msg("%s: lacks %s", cases[i].fixture, cases[i].must);
        }
        /* a picture needs words too: title, and the text alternative */
        assert_non_null(strstr(svg, "role=\"img\" viewBox=\"0 0 400 "));
        assert_non_null(strstr(svg, "<title id=\"t-climb-title\">"));
        assert_non_null(strstr(svg, "<summary>The same in words</summary>"));
        free(svg);
        json_decref(doc);
    }
}

/* SVG text does not wrap: long names are cut, at a character boundary, and kept whole in the
 * tooltip and the text alternative. */
static void test_long_names_are_cut(void **state)
{
    const char *name = "\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC"
                       "\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC"
                       "\xC3\xBC\xC3\xBC\xC3\xBC.example";
    json_t *result = json_pack("{s:[{s:s,s:s,s:i,s:b,s:n}]}", "lookups", "qname", name, "rcode",
                               "NOERROR", "answers", 0, "used", 1, "error");
    char *svg;
    char cut[64];

    (void)state;
    svg = draw(result, NULL);
    assert_non_null(svg);
    /* 40 bytes at most: 19 two-byte characters, then the ellipsis */
    memcpy(cut, name, 38);
    memcpy(cut + 38, "\xE2\x80\xA6</text>", sizeof "\xE2\x80\xA6</text>");
    assert_non_null(strstr(svg, cut));
    assert_int_equal(count_of(svg, name), 3); /* svg title, rect tooltip, text alternative */
    assert_null(strstr(svg, "class=\"ns "));
    assert_null(strstr(svg, "class=\"legend\""));
    free(svg);
    json_decref(result);
}

static void test_no_lookups(void **state)
{
    json_t *result = json_pack("{s:[]}", "lookups");
    char *svg;

    (void)state;
    svg = draw(result, NULL);
    assert_non_null(svg);
    assert_null(strstr(svg, "<svg"));
    free(svg);
    json_decref(result);
}

/* A server named in a finding about another zone keeps its colour in this one. */
static void test_findings_match_zone_and_server(void **state)
{
    json_t *result = json_pack("{s:[{s:s,s:s,s:i,s:b,s:n}]}", "lookups", "qname", "a.example",
                               "rcode", "NOERROR", "answers", 0, "used", 1, "error");
    json_t *diag = json_pack(
        "{s:[{s:s,s:s,s:[{s:s,s:s},{s:s,s:s},{s:s,s:s}]}],"
        "s:[{s:s,s:s,s:s,s:s,s:s},{s:s,s:s,s:s,s:s,s:s},{s:s,s:s,s:s,s:s,s:s}]}",
        "zones", "zone", "a.example", "parent", "example", "servers", "name", "ns1", "address",
        "192.0.2.1", "name", "ns2", "address", "192.0.2.2", "name", "ns3", "address", "10.0.0.1",
        "findings", "code", "NS_SERVFAIL", "severity", "error", "zone", "other.example", "server",
        "ns1", "address", "192.0.2.1", "code", "CASE_NOT_PRESERVED", "severity", "warning", "zone",
        "a.example", "server", "ns2", "address", "192.0.2.2", "code", "NS_PRIVATE_ADDRESS",
        "severity", "warning", "zone", "a.example", "server", "ns3", "address", "10.0.0.1");
    char *svg;

    (void)state;
    assert_non_null(diag);
    svg = draw(result, diag);
    assert_non_null(svg);
    assert_int_equal(count_of(svg, "class=\"ns ok\""), 1);
    assert_int_equal(count_of(svg, "class=\"ns warn\""), 1);
    assert_int_equal(count_of(svg, "class=\"ns idle\""), 1);
    assert_int_equal(count_of(svg, "class=\"ns bad\""), 0);
    assert_non_null(strstr(svg, "10.0.0.1: not probed"));
    free(svg);
    json_decref(result);
    json_decref(diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scenarios),
        cmocka_unit_test(test_long_names_are_cut),
        cmocka_unit_test(test_no_lookups),
        cmocka_unit_test(test_findings_match_zone_and_server),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
