/* SPDX-License-Identifier: MIT */
/* caa explain: from what a CA printed to the names it is about and the kind of failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
