/* SPDX-License-Identifier: MIT */
/* src/lib/dns/answer_parse.c: the TC bit and the CNAME/DNAME chain read from a DNS message.
 * Messages are built here with ldns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <ldns/ldns.h>

#include "dns_packet.h"
#include "lib/dns/answer_parse.h"

#define RRS_MAX 24
#define ALIASES_WANT_MAX CAA__DNS_ALIASES_MAX

/* A response to `qname` CAA with the given answer and authority RRs (presentation form), in
 * wire form (free()). */
static uint8_t *build_packet(const char *qname, const char *const *answer,
                             const char *const *authority, bool tc, size_t *len)
{
    const struct dns_packet_spec p = {qname, answer, authority, NULL, 0, tc, false, false};

    return dns_packet_build(&p, len);
}

static void assert_aliases(const struct caa__dns_answer *answer, const char *const *want)
{
    size_t n = 0;

    while (n < ALIASES_WANT_MAX && want[n] != NULL) {
        n++;
    }
    assert_int_equal(answer->alias_count, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(answer->aliases[i], want[i]);
    }
}

static void test_from_packet(void **state)
{
    static const struct {
        const char *id;
        const char *qname;
        const char *answer[RRS_MAX];
        const char *authority[4];
        bool tc;
        const char *want[ALIASES_WANT_MAX + 1];
    } cases[] = {
        {"no aliases",
         "allowed.tour.test.",
         {"allowed.tour.test. 300 IN CAA 0 issue \"letsencrypt.org\""},
         {NULL},
         false,
         {NULL}},
        {"empty answer with TC (badserver tc over UDP)", "tc.test.", {NULL}, {NULL}, true, {NULL}},
        {"TC with a partial answer",
         "large.test.",
         {"large.test. 300 IN CAA 0 issue \"ca1.example\""},
         {NULL},
         true,
         {NULL}},
        {"NODATA: SOA in authority",
         "a.b.c.signed.test.",
         {NULL},
         {"signed.test. 300 IN SOA nsa.test. h.signed.test. 1 2 3 4 5"},
         false,
         {NULL}},
        {"one CNAME",
         "www.cname.test.",
         {"www.cname.test. 300 IN CNAME www.cname-target.test.",
          "www.cname-target.test. 300 IN CAA 0 issue \"letsencrypt.org\""},
         {NULL},
         false,
         {"www.cname.test -> www.cname-target.test"}},
        {"CNAME chain in order, 0x20 case folded",
         "WwW.Example.COM.",
         {"WwW.Example.COM. 300 IN CNAME A.Example.NET.",
          "a.example.net. 300 IN CNAME b.EXAMPLE.org.",
          "b.example.org. 300 IN CAA 0 issue \"ca.example\""},
         {NULL},
         false,
         {"www.example.com -> a.example.net", "a.example.net -> b.example.org"}},
        {"dangling CNAME (NXDOMAIN at the target)",
         "dangling.cname.test.",
         {"dangling.cname.test. 300 IN CNAME nowhere.cname-target.test."},
         {"cname-target.test. 300 IN SOA nsa.test. h.test. 1 2 3 4 5"},
         false,
         {"dangling.cname.test -> nowhere.cname-target.test"}},
        {"DNAME and its synthesised CNAME",
         "www.sub.dname.test.",
         {"sub.dname.test. 300 IN DNAME cname-target.test.",
          "www.sub.dname.test. 300 IN CNAME www.cname-target.test.",
          "www.cname-target.test. 300 IN CAA 0 issue \"letsencrypt.org\""},
         {NULL},
         false,
         {"sub.dname.test -> cname-target.test", "www.sub.dname.test -> www.cname-target.test"}},
        {"RRSIGs and other types between aliases are skipped",
         "www.cname.test.",
         {"www.cname.test. 300 IN CNAME www.cname-target.test.",
          "www.cname.test. 300 IN RRSIG CNAME 13 3 300 20300101000000 20200101000000 1 "
          "cname.test. AAAA",
          "www.cname-target.test. 300 IN TXT \"CNAME x.example.\"",
          "www.cname-target.test. 300 IN CAA 0 issue \"letsencrypt.org\""},
         {NULL},
         false,
         {"www.cname.test -> www.cname-target.test"}},
        {"CNAME in the authority section is not an alias",
         "x.example.",
         {NULL},
         {"x.example. 300 IN CNAME y.example."},
         false,
         {NULL}},
        {"CNAME to the root keeps the dot",
         "x.example.",
         {"x.example. 300 IN CNAME ."},
         {NULL},
         false,
         {"x.example -> ."}},
        {"chain with TC",
         "a.example.",
         {"a.example. 300 IN CNAME b.example."},
         {NULL},
         true,
         {"a.example -> b.example"}},
        {"at most CAA__DNS_ALIASES_MAX aliases",
         "c0.example.",
         {"c0.example. IN CNAME c1.example.", "c1.example. IN CNAME c2.example.",
          "c2.example. IN CNAME c3.example.", "c3.example. IN CNAME c4.example.",
          "c4.example. IN CNAME c5.example.", "c5.example. IN CNAME c6.example.",
          "c6.example. IN CNAME c7.example.", "c7.example. IN CNAME c8.example.",
          "c8.example. IN CNAME c9.example.", "c9.example. IN CNAME c10.example.",
          "c10.example. IN CNAME c11.example.", "c11.example. IN CNAME c12.example.",
          "c12.example. IN CNAME c13.example.", "c13.example. IN CNAME c14.example.",
          "c14.example. IN CNAME c15.example.", "c15.example. IN CNAME c16.example.",
          "c16.example. IN CNAME c17.example.", "c17.example. IN CNAME c18.example."},
         {NULL},
         false,
         {"c0.example -> c1.example", "c1.example -> c2.example", "c2.example -> c3.example",
          "c3.example -> c4.example", "c4.example -> c5.example", "c5.example -> c6.example",
          "c6.example -> c7.example", "c7.example -> c8.example", "c8.example -> c9.example",
          "c9.example -> c10.example", "c10.example -> c11.example", "c11.example -> c12.example",
          "c12.example -> c13.example", "c13.example -> c14.example", "c14.example -> c15.example",
          "c15.example -> c16.example"}},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct caa__dns_answer answer;
        size_t len = 0;
        uint8_t *wire =
            build_packet(cases[i].qname, cases[i].answer, cases[i].authority, cases[i].tc, &len);

        print_message("# %s\n", cases[i].id);
        caa__dns_answer_init(&answer, "q.example");
        /* The opposite of what the message says, so a missed read shows. */
        answer.truncated = !cases[i].tc;
        assert_int_equal(caa__dns_answer_from_packet(&answer, wire, len), CAA_OK);
        assert_int_equal(answer.truncated, cases[i].tc);
        assert_aliases(&answer, cases[i].want);
        /* Only the packet's fields change. */
        assert_string_equal(answer.qname, "q.example");
        assert_int_equal(answer.rcode, -1);
        assert_int_equal(answer.rdata_count, 0);
        caa__dns_answer_cleanup(&answer);
        assert_int_equal(answer.alias_count, 0);
        free(wire);
    }
}

/* A message that does not parse leaves the answer as it was. */
static void test_malformed(void **state)
{
    static const char *const chain[] = {"www.cname.test. 300 IN CNAME www.cname-target.test.",
                                        "www.cname-target.test. 300 IN CAA 0 issue \"ca.example\"",
                                        NULL};
    /* Header: ID, flags (QR, TC), QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT. */
    static const uint8_t header_tc[] = {0x12, 0x34, 0x82, 0x00, 0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t ancount_lies[] = {0x12, 0x34, 0x80, 0x00, 0, 0, 0, 1, 0, 0, 0, 0};
    static const uint8_t pointer_loop[] = {
        0x12, 0x34, 0x80, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, /* header: one question */
        0xc0, 0x0c, 1,    1,    0, 1};                  /* name: pointer to itself; CAA IN */
    static const uint8_t rdlength_past_end[] = {
        0x12, 0x34, 0x80, 0x00, 0, 0, 0, 1,   0, 0, 0, 0, /* header: one answer RR */
        1,    'x',  0,    0,    5, 0, 1,                  /* x. CNAME IN */
        0,    0,    0,    60,   0, 9, 1, 'y', 0};         /* TTL 60, RDLENGTH 9, 3 bytes follow */
    /* "www.cname.test." is 16 bytes on the wire; + QTYPE, QCLASS. */
    const size_t after_question = 12 + 16 + 4;
    size_t chain_len = 0;
    uint8_t *chain_wire = build_packet("www.cname.test.", chain, NULL, false, &chain_len);
    const struct {
        const char *id;
        const uint8_t *bytes;
        size_t len;
    } cases[] = {
        {"empty", header_tc, 0},
        {"half a header", header_tc, 5},
        {"header one byte short", header_tc, sizeof(header_tc) - 1},
        {"ANCOUNT 1, no RR", ancount_lies, sizeof(ancount_lies)},
        {"compression pointer to itself", pointer_loop, sizeof(pointer_loop)},
        {"RDLENGTH past the end", rdlength_past_end, sizeof(rdlength_past_end)},
        {"chain cut in the last RR", chain_wire, chain_len - 1},
        {"chain cut after the question", chain_wire, after_question},
        {"chain cut inside the CNAME target", chain_wire, after_question + 20},
    };
    struct caa__dns_answer answer;

    (void)state;
    /* The intact messages parse, so the cuts below are what fails. */
    caa__dns_answer_init(&answer, "q.example");
    assert_int_equal(caa__dns_answer_from_packet(&answer, header_tc, sizeof(header_tc)), CAA_OK);
    assert_true(answer.truncated);
    assert_int_equal(answer.alias_count, 0);
    answer.truncated = true;
    assert_int_equal(caa__dns_answer_from_packet(&answer, chain_wire, chain_len), CAA_OK);
    assert_false(answer.truncated);
    assert_int_equal(answer.alias_count, 1);
    caa__dns_answer_cleanup(&answer);

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        print_message("# %s\n", cases[i].id);
        caa__dns_answer_init(&answer, "q.example");
        answer.truncated = true;
        answer.rcode = 0;
        answer.dnssec = CAA_DNSSEC_SECURE;
        assert_int_equal(caa__dns_answer_from_packet(&answer, cases[i].bytes, cases[i].len),
                         CAA_OK);
        assert_true(answer.truncated);
        assert_int_equal(answer.alias_count, 0);
        assert_int_equal(answer.rcode, 0);
        assert_int_equal(answer.dnssec, CAA_DNSSEC_SECURE);
        caa__dns_answer_cleanup(&answer);
    }
    free(chain_wire);
}

static void test_init(void **state)
{
    struct caa__dns_answer answer;
    char long_name[400];

    (void)state;
    memset(&answer, 0x5a, sizeof(answer));
    caa__dns_answer_init(&answer, "allowed.tour.test");
    assert_string_equal(answer.qname, "allowed.tour.test");
    assert_int_equal(answer.failure, CAA__DNS_OK);
    assert_int_equal(answer.rcode, -1);
    assert_int_equal(answer.dnssec, CAA_DNSSEC_UNKNOWN);
    assert_false(answer.truncated);
    assert_int_equal(answer.rdata_count, 0);
    assert_null(answer.rdata);
    assert_int_equal(answer.alias_count, 0);
    assert_string_equal(answer.why_bogus, "");
    /* Too long a qname is cut, never overrun. */
    memset(long_name, 'a', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    caa__dns_answer_init(&answer, long_name);
    assert_int_equal(strlen(answer.qname), sizeof(answer.qname) - 1);
    caa__dns_answer_cleanup(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init),
        cmocka_unit_test(test_from_packet),
        cmocka_unit_test(test_malformed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
