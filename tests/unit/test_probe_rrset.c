/* SPDX-License-Identifier: MIT */
/* src/lib/dns/probe_rrset.c: do two servers' replies say the same? (check's NS_INCONSISTENT,
 * diagnose's NS_INCONSISTENT and DNS01_TXT_MISMATCH) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/dns/probe_rrset.h"

#define CAA 257
#define TXT 16

/* A CAA RDATA: flags 0, tag, value. */
struct rdata {
    uint8_t bytes[64];
    size_t len;
};

static struct rdata caa_rdata(const char *tag, const char *value)
{
    struct rdata r;
    size_t t = strlen(tag);
    size_t v = strlen(value);

    r.bytes[0] = 0;
    r.bytes[1] = (uint8_t)t;
    memcpy(r.bytes + 2, tag, t);
    memcpy(r.bytes + 2 + t, value, v);
    r.len = 2 + t + v;
    return r;
}

/* A reply: outcome, rcode, tc and up to three CAA records given as "tag=value" (NULL ends). */
struct reply {
    enum caa__probe_outcome outcome;
    int rcode;
    bool tc;
    const char *records[4];
};

struct built {
    struct caa__probe_result result;
    struct caa__probe_rr rrs[4];
    struct rdata rdata[4];
};

static void build(const struct reply *in, struct built *b)
{
    memset(b, 0, sizeof(*b));
    b->result.outcome = in->outcome;
    b->result.rcode = in->rcode;
    b->result.tc = in->tc;
    b->result.answer = b->rrs;
    for (size_t i = 0; i < 4 && in->records[i] != NULL; i++) {
        char tag[16];
        const char *eq = strchr(in->records[i], '=');
        memcpy(tag, in->records[i], (size_t)(eq - in->records[i]));
        tag[eq - in->records[i]] = '\0';
        b->rdata[i] = caa_rdata(tag, eq + 1);
        b->rrs[i].rrtype = CAA;
        b->rrs[i].rdata = b->rdata[i].bytes;
        b->rrs[i].rdata_len = b->rdata[i].len;
        b->result.answer_count++;
    }
}

#define ANS CAA__PROBE_ANSWER
#define SILENT CAA__PROBE_TIMEOUT

static const struct {
    const char *what;
    struct reply a, b, c;
    bool differ;
} cases[] = {
    {"same records",
     {ANS, 0, false, {"issue=ca.example"}},
     {ANS, 0, false, {"issue=ca.example"}},
     {SILENT, -1, false, {NULL}},
     false},
    {"same records, other order",
     {ANS, 0, false, {"issue=ca.example", "iodef=mailto:a@b"}},
     {ANS, 0, false, {"iodef=mailto:a@b", "issue=ca.example"}},
     {ANS, 0, false, {"issue=ca.example", "iodef=mailto:a@b"}},
     false},
    {"other value",
     {ANS, 0, false, {"issue=ca-a.example"}},
     {ANS, 0, false, {"issue=ca-b.example"}},
     {SILENT, -1, false, {NULL}},
     true},
    {"one more record",
     {ANS, 0, false, {"issue=ca.example"}},
     {ANS, 0, false, {"issue=ca.example", "iodef=mailto:a@b"}},
     {SILENT, -1, false, {NULL}},
     true},
    {"records vs empty",
     {ANS, 0, false, {"issue=ca.example"}},
     {ANS, 0, false, {NULL}},
     {SILENT, -1, false, {NULL}},
     true},
    {"empty NOERROR vs NXDOMAIN",
     {ANS, 0, false, {NULL}},
     {ANS, 3, false, {NULL}},
     {SILENT, -1, false, {NULL}},
     true},
    {"NOERROR vs REFUSED",
     {ANS, 0, false, {"issue=ca.example"}},
     {ANS, 5, false, {NULL}},
     {SILENT, -1, false, {NULL}},
     true},
    {"both empty",
     {ANS, 0, false, {NULL}},
     {ANS, 0, false, {NULL}},
     {SILENT, -1, false, {NULL}},
     false},
    /* A server that does not answer is not a disagreement by itself. */
    {"one answers, one silent",
     {ANS, 0, false, {"issue=ca.example"}},
     {SILENT, -1, false, {NULL}},
     {CAA__PROBE_UNREACHABLE, -1, false, {NULL}},
     false},
    {"one answers, one malformed",
     {ANS, 0, false, {"issue=ca.example"}},
     {CAA__PROBE_MALFORMED, -1, false, {NULL}},
     {CAA__PROBE_FLOOD, -1, false, {NULL}},
     false},
    /* A truncated reply holds only part of the RRset: not compared. */
    {"truncated",
     {ANS, 0, false, {"issue=ca.example"}},
     {ANS, 0, true, {NULL}},
     {SILENT, -1, false, {NULL}},
     false},
    {"silent first, then two differ",
     {SILENT, -1, false, {NULL}},
     {ANS, 0, false, {"issue=a.example"}},
     {ANS, 0, false, {"issue=b.example"}},
     true},
};

static void test_differ(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct built a, b, c;
        const struct caa__probe_result *r[3] = {&a.result, &b.result, &c.result};
        build(&cases[i].a, &a);
        build(&cases[i].b, &b);
        build(&cases[i].c, &c);
        if (caa__probe_answers_differ(r, 3, CAA) != cases[i].differ) {
            fail_msg("%s: expected differ=%d", cases[i].what, cases[i].differ);
        }
    }
}

static void test_show(void **state)
{
    static const struct {
        struct reply reply;
        const char *want;
    } shows[] = {
        {{ANS, 0, false, {"issue=ca.example"}}, "NOERROR: 0 issue \"ca.example\""},
        {{ANS, 0, false, {NULL}}, "NOERROR: no CAA records"},
        {{ANS, 3, false, {NULL}}, "NXDOMAIN"},
        {{ANS, 5, false, {NULL}}, "REFUSED"},
        {{SILENT, -1, false, {NULL}}, "no reply (timeout)"},
        {{ANS, 0, true, {NULL}}, "truncated (TC=1), not compared"},
        /* Bytes from the network never reach a terminal raw. */
        {{ANS, 0, false, {"issue=ca\n\x1b[31m\"x"}}, "NOERROR: 0 issue \"ca\\010\\027[31m\\\"x\""},
    };
    char out[256];

    (void)state;
    for (size_t i = 0; i < sizeof(shows) / sizeof(shows[0]); i++) {
        struct built b;
        build(&shows[i].reply, &b);
        (void)caa__probe_answer_show(out, sizeof(out), 0, &b.result, CAA);
        assert_string_equal(out, shows[i].want);
    }
}

static void test_show_bounded(void **state)
{
    struct reply many = {
        ANS, 0, false, {"issue=aaaaaaaaaaaaaaaaaaaa", "issue=bbbbbbbbbbbbbbbbbbbb"}};
    struct built b;
    char out[24];

    (void)state;
    build(&many, &b);
    assert_true(caa__probe_answer_show(out, sizeof(out), 0, &b.result, CAA) < sizeof(out));
    assert_true(strlen(out) < sizeof(out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_differ),
        cmocka_unit_test(test_show),
        cmocka_unit_test(test_show_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
