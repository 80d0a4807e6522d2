/* SPDX-License-Identifier: MIT */
/* src/lib/dns/rr_type.c: type mnemonics from ldns, with our spelling where it differs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "lib/dns/rr_type.h"

static const struct {
    uint16_t rrtype;
    const char *want;
} cases[] = {
    {1, "A"},
    {6, "SOA"},
    {43, "DS"},
    {46, "RRSIG"},
    {48, "DNSKEY"},
    {50, "NSEC3"},
    {51, "NSEC3PARAM"},
    {257, "CAA"},
    {0, "TYPE0"},
    {250, "TSIG"},
    /* QTYPEs: ldns says IXFR ... ANY; an RRset is never of these types, and they keep the
     * TYPEnnn spelling our messages always had. */
    {251, "TYPE251"},
    {255, "TYPE255"},
    {65280, "TYPE65280"}, /* private use (RFC 6895 §3.1) */
    {65534, "TYPE65534"},
    {65535, "TYPE65535"},
};

static void test_names(void **state)
{
    char buf[CAA__RR_TYPE_NAME_MAX];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        caa__rr_type_name(cases[i].rrtype, buf, sizeof(buf));
        assert_string_equal(buf, cases[i].want);
    }
}

static void test_short_buffer(void **state)
{
    char buf[4];

    (void)state;
    caa__rr_type_name(48, buf, sizeof(buf));
    assert_string_equal(buf, "DNS");
    caa__rr_type_name(65534, buf, sizeof(buf));
    assert_string_equal(buf, "TYP");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_short_buffer),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
