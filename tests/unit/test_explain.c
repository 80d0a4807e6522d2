/* SPDX-License-Identifier: MIT */
/* caa explain: from what a CA printed to the names it is about and the kind of failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/diagnose.h>

static const struct {
    const char *text;
    enum caa_status want;
    const char *names[3];
    enum caa_code kind;
} cases[] = {
    {"DNS problem: SERVFAIL looking up CAA for example.com - the domain's nameservers may be "
     "malfunctioning",
     CAA_OK,
     {"example.com"},
     CAA_CODE_DNS_SERVFAIL},
    {"While processing CAA for *.www.example.org: DNS problem: SERVFAIL looking up CAA for net - "
     "the domain's nameservers may be malfunctioning",
     CAA_OK,
     {"*.www.example.org", "net"},
     CAA_CODE_DNS_SERVFAIL},
    {"While processing CAA for shop.example.com: CAA record for example.com prevents issuance",
     CAA_OK,
     {"shop.example.com", "example.com"},
     CAA_CODE_ISSUER_NOT_LISTED},
    {"DNS problem: query timed out looking up CAA for drop.example.",
     CAA_OK,
     {"drop.example"},
     CAA_CODE_DNS_TIMEOUT},
    {"DNS problem: looking up CAA for expired.example: DNSSEC: Signature Expired",
     CAA_OK,
     {"expired.example"},
     CAA_CODE_DNS_BOGUS},
    {"DNS response for x.example/CAA did not have an acceptable response code: SERVFAIL",
     CAA_OK,
     {"x.example"},
     CAA_CODE_DNS_SERVFAIL},
    /* An ACME problem document with subproblems (RFC 8555 §6.7.1). */
    {"{\"type\":\"urn:ietf:params:acme:error:caa\",\"detail\":\"Error finalizing order\","
     "\"subproblems\":[{\"type\":\"urn:ietf:params:acme:error:caa\",\"detail\":\"CAA record for "
     "a.example prevents issuance\",\"identifier\":{\"type\":\"dns\",\"value\":\"a.example\"}}]}",
     CAA_OK,
     {"a.example"},
     CAA_CODE_ISSUER_NOT_LISTED},
    {"something went wrong", CAA_E_SYNTAX, {NULL}, CAA_CODE_NO_PROBLEM_FOUND},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char **names = NULL;
        size_t count = 0;
        enum caa_code kind = CAA_CODE_NO_RECORDS;
        enum caa_status st = caa_explain_parse(cases[i].text, &names, &count, &kind);
        size_t want_count = 0;

        assert_int_equal(st, cases[i].want);
        if (st != CAA_OK) {
            continue;
        }
        while (want_count < 3 && cases[i].names[want_count] != NULL) {
            want_count++;
        }
        if (count < want_count) {
            fail_msg("case %zu: %zu names, want at least %zu", i, count, want_count);
        }
        for (size_t n = 0; n < want_count; n++) {
            assert_string_equal(names[n], cases[i].names[n]);
        }
        assert_int_equal(kind, cases[i].kind);
        for (size_t n = 0; n < count; n++) {
            free(names[n]);
        }
        free(names);
    }
}

/* caa_explain_read(): one problem per identifier, as the CA judged it. */
#define PROBLEMS 4

struct want_problem {
    const char *name;
    const char *label;
    enum caa_code kind;
};

static const struct {
    const char *what;
    const char *text;
    struct want_problem problems[PROBLEMS];
} reads[] = {
    {"Boulder without the 'While processing' prefix",
     "CAA record for example.com prevents issuance",
     {{"example.com", "", CAA_CODE_ISSUER_NOT_LISTED}}},
    {"Boulder, the owner above the identifier",
     "Error finalizing order :: While processing CAA for shop.example.com: CAA record for "
     "example.com prevents issuance",
     {{"shop.example.com", "example.com", CAA_CODE_ISSUER_NOT_LISTED}}},
    {"a wildcard is judged as the wildcard",
     "Cannot issue for \"*.example.com\": CAA record for example.com prevents issuance",
     {{"*.example.com", "", CAA_CODE_ISSUER_NOT_LISTED}}},
    {"a critical tag",
     "urn:ietf:params:acme:error:caa :: CAACriticalUnknown: CAA record for crit.example has "
     "an unknown critical tag",
     {{"crit.example", "", CAA_CODE_UNKNOWN_CRITICAL}}},
    {"certbot 2.x, two domains, two kinds",
     "Certbot failed to authenticate some domains (authenticator: nginx). The Certificate "
     "Authority reported these problems:\n"
     "  Domain: example.com\n"
     "  Type:   caa\n"
     "  Detail: CAA record for example.com prevents issuance\n"
     "\n"
     "  Domain: www.example.com\n"
     "  Type:   dns\n"
     "  Detail: DNS problem: SERVFAIL looking up CAA for www.example.com - the domain's "
     "nameservers may be malfunctioning\n"
     "\n"
     "Hint: The Certificate Authority failed to verify the temporary nginx configuration\n",
     {{"example.com", "", CAA_CODE_ISSUER_NOT_LISTED},
      {"www.example.com", "", CAA_CODE_DNS_SERVFAIL}}},
    {"certbot 1.x, a wildcard with only 'caa' as type",
     "IMPORTANT NOTES:\n"
     " - The following errors were reported by the server:\n"
     "\n"
     "   Domain: *.example.org\n"
     "   Type:   caa\n"
     "   Detail: Error finalizing order :: Rechecking CAA for \"*.example.org\" failed\n",
     {{"*.example.org", "", CAA_CODE_ISSUER_NOT_LISTED}}},
    {"an ACME problem document with three subproblems: each name diagnosed",
     "{\"type\":\"urn:ietf:params:acme:error:caa\",\"detail\":\"Error finalizing order :: "
     "Rechecking CAA for \\\"a.example\\\" and 2 more identifiers failed. Refer to sub-problems "
     "for more information\",\"status\":403,\"subproblems\":["
     "{\"type\":\"urn:ietf:params:acme:error:caa\",\"detail\":\"Error finalizing order :: While "
     "processing CAA for a.example: CAA record for a.example prevents issuance\","
     "\"identifier\":{\"type\":\"dns\",\"value\":\"a.example\"}},"
     "{\"type\":\"urn:ietf:params:acme:error:caa\",\"detail\":\"Error finalizing order :: While "
     "processing CAA for *.b.example: CAA record for b.example prevents issuance\","
     "\"identifier\":{\"type\":\"dns\",\"value\":\"b.example\"}},"
     "{\"type\":\"urn:ietf:params:acme:error:dns\",\"detail\":\"Error finalizing order :: DNS "
     "problem: query timed out looking up CAA for c.example\","
     "\"identifier\":{\"type\":\"dns\",\"value\":\"c.example\"}}]}",
     {{"a.example", "", CAA_CODE_ISSUER_NOT_LISTED},
      {"*.b.example", "", CAA_CODE_ISSUER_NOT_LISTED},
      {"c.example", "", CAA_CODE_DNS_TIMEOUT}}},
    {"DNS-01: no TXT record",
     "Invalid response from _acme-challenge: No TXT record found at "
     "_acme-challenge.api.example.net",
     {{"api.example.net", "_acme-challenge.api.example.net", CAA_CODE_DNS01_TXT_FAILED}}},
    {"DNS-01: the wrong TXT record",
     "Incorrect TXT record \"3xq...\" (and 1 more) found at _acme-challenge.example.net",
     {{"example.net", "_acme-challenge.example.net", CAA_CODE_DNS01_TXT_FAILED}}},
    {"DNS-01: NXDOMAIN for the TXT name",
     "DNS problem: NXDOMAIN looking up TXT for _acme-challenge.example.net - check that a DNS "
     "record exists for this domain",
     {{"example.net", "_acme-challenge.example.net", CAA_CODE_DNS01_TXT_FAILED}}},
    {"a log with the same name twice and one line without a name",
     "acme.sh[123]: example.com: Verify error: CAA record for example.com prevents issuance\n"
     "acme.sh[123]: Please add '--debug' for more information\n"
     "acme.sh[123]: retry: While processing CAA for example.com: CAA record for example.com "
     "prevents issuance\n",
     {{"example.com", "", CAA_CODE_ISSUER_NOT_LISTED}}},
};

static void test_read(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
        struct caa_explanation *ex = NULL;
        size_t want = 0;

        assert_int_equal(caa_explain_read(reads[i].text, strlen(reads[i].text), &ex), CAA_OK);
        while (want < PROBLEMS && reads[i].problems[want].name != NULL) {
            want++;
        }
        if (caa_explanation_count(ex) != want) {
            fail_msg("%s: %zu problems, want %zu", reads[i].what, caa_explanation_count(ex), want);
        }
        for (size_t k = 0; k < want; k++) {
            const struct caa_explain_problem *p = caa_explanation_problem(ex, k);
            const struct want_problem *w = &reads[i].problems[k];

            if (strcmp(p->name, w->name) != 0 || strcmp(p->label, w->label) != 0 ||
                p->kind != w->kind) {
                fail_msg("%s, problem %zu: %s / %s / %s, want %s / %s / %s", reads[i].what, k,
                         p->name, p->label, caa_code_name(p->kind), w->name, w->label,
                         caa_code_name(w->kind));
            }
        }
        caa_explanation_free(ex);
    }
}

/* Hostile input: no name, a NUL that ends the text, more problems than kept, bad arguments. */
static void test_read_limits(void **state)
{
    static const char nul[] = "no name here\0CAA record for hidden.example prevents issuance";
    struct caa_explanation *ex = NULL;
    char big[4096] = "";
    size_t used = 0;

    (void)state;
    assert_int_equal(caa_explain_read("nothing to see", 14, &ex), CAA_E_SYNTAX);
    assert_null(ex);
    assert_int_equal(caa_explain_read(nul, sizeof(nul) - 1, &ex), CAA_E_SYNTAX);
    assert_int_equal(caa_explain_read("{\"subproblems\":[1,\"x\",{}]}", 27, &ex), CAA_E_SYNTAX);
    for (int i = 0; i < 40; i++) {
        used += (size_t)snprintf(big + used, sizeof(big) - used,
                                 "CAA record for n%d.example prevents issuance\n", i);
    }
    assert_int_equal(caa_explain_read(big, used, &ex), CAA_OK);
    assert_int_equal(caa_explanation_count(ex), 16);
    assert_null(caa_explanation_problem(ex, 16));
    caa_explanation_free(ex);
    assert_int_equal(caa_explain_read(NULL, 0, &ex), CAA_E_INVALID_ARG);
    caa_explanation_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_read_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
