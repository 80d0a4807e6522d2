/* SPDX-License-Identifier: MIT */
/* answer_wire.c, libunbound's answer packet read without ldns, against the ldns reader it
 * replaces (caa__dns_answer_read_ldns, the code the resolver used before): a corpus of packets
 * built here with ldns (CAA answers, NODATA and NXDOMAIN with their SOA, CNAME and DNAME
 * chains, compressed names, mixed case, escapes, TC, AD, OPT), every cut and many one-byte
 * changes of them, and hostile hand-made packets (compression loops, pointers past the end,
 * counts larger than the packet, names over 255 octets). The ldns-free reader must read every
 * corpus packet itself (no fallback), and whatever it accepts it must read exactly as ldns does;
 * caa__dns_answer_read, what the resolver calls, must always agree with ldns.
 * CAA_WRITE_CORPUS=DIR writes the corpus packets there (fuzz/corpus/answer_wire/ seeds). */
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
#include "lib/dns/answer_wire.h"

#define RRS_MAX 24
#define QTYPE_NONE (-1)

/* The asked types: CAA; none (the threaded path); NS and RRSIG, whose RDATA hold names; DS,
 * DNSKEY, A, SOA, CNAME. */
static const int qtypes[] = {257, QTYPE_NONE, 2, 46, 43, 48, 1, 6, 5};

struct spec {
    const char *id;
    const char *qname;
    const char *answer[RRS_MAX];
    const char *authority[8];
    const char *additional[4];
    int rcode;
    bool tc, ad, edns;
};

static const struct spec corpus[] = {
    {"CAA RRset, signed, AD",
     "signed.test.",
     {"signed.test. 300 IN CAA 0 issue \"ca.example\"", "signed.test. 300 IN CAA 0 issuewild \";\"",
      "signed.test. 300 IN CAA 0 iodef \"mailto:security@signed.test\"",
      "signed.test. 300 IN RRSIG CAA 13 2 300 20300101000000 20200101000000 4711 signed.test. "
      "AAECAwQFBgcICQ=="},
     {NULL},
     {NULL},
     0,
     false,
     true,
     true},
    {"NODATA: SOA, NSEC and RRSIGs in authority",
     "www.signed.test.",
     {NULL},
     {"signed.test. 3600 IN SOA nsa.test. hostmaster.signed.test. 1 7200 3600 1209600 600",
      "signed.test. 3600 IN RRSIG SOA 13 2 3600 20300101000000 20200101000000 4711 signed.test. "
      "AAECAwQF",
      "www.signed.test. 600 IN NSEC zzz.signed.test. A RRSIG NSEC",
      "www.signed.test. 600 IN RRSIG NSEC 13 3 600 20300101000000 20200101000000 4711 "
      "signed.test. AAECAwQF"},
     {NULL},
     0,
     false,
     true,
     true},
    {"NXDOMAIN, NSEC3",
     "nx.nsec3.test.",
     {NULL},
     {"nsec3.test. 900 IN SOA nsa.test. h.nsec3.test. 1 2 3 4 300",
      "ljbm0fvb3rg8n58ofs9ptl1gt3ng6n6n.nsec3.test. 300 IN NSEC3 1 0 0 - "
      "ljbm0fvb3rg8n58ofs9ptl1gt3ng6n6o A RRSIG",
      "abcd0fvb3rg8n58ofs9ptl1gt3ng6n6n.nsec3.test. 300 IN NSEC3 1 1 10 aabbccdd "
      "ljbm0fvb3rg8n58ofs9ptl1gt3ng6n6o"},
     {NULL},
     3,
     false,
     false,
     false},
    {"NODATA, two SOAs: the smaller TTL",
     "a.b.c.signed.test.",
     {NULL},
     {"signed.test. 300 IN SOA nsa.test. h.signed.test. 1 2 3 4 5",
      "signed.test. 120 IN SOA nsa.test. h.signed.test. 1 2 3 4 5"},
     {NULL},
     0,
     false,
     false,
     false},
    {"CNAME chain, 0x20 mixed case, smallest TTL",
     "WwW.Example.COM.",
     {"WwW.Example.COM. 300 IN CNAME A.Example.NET.", "a.example.net. 60 IN CNAME b.EXAMPLE.org.",
      "b.example.org. 3600 IN CAA 0 issue \"ca.example\"",
      "B.Example.Org. 3600 IN CAA 128 tbs \"Unknown\""},
     {NULL},
     {NULL},
     0,
     false,
     false,
     true},
    {"dangling CNAME: NXDOMAIN at the target",
     "dangling.cname.test.",
     {"dangling.cname.test. 300 IN CNAME nowhere.cname-target.test."},
     {"cname-target.test. 30 IN SOA nsa.test. h.test. 1 2 3 4 5"},
     {NULL},
     3,
     false,
     false,
     false},
    {"DNAME and its synthesised CNAME",
     "www.sub.dname.test.",
     {"sub.dname.test. 300 IN DNAME cname-target.test.",
      "www.sub.dname.test. 0 IN CNAME www.cname-target.test.",
      "www.cname-target.test. 300 IN CAA 0 issue \"letsencrypt.org\""},
     {NULL},
     {NULL},
     0,
     false,
     false,
     false},
    {"escapes in names",
     "a\\.b.example.",
     {"a\\.b.example. 300 IN CNAME \\032x\\(y\\).Ex\\;ample.",
      "\\032x\\(y\\).ex\\;ample. 300 "
      "IN CNAME \\\\z\\255.example.",
      "\\\\z\\255.example. 300 IN CNAME .", ". 300 IN CAA 0 issue \"x\""},
     {NULL},
     {NULL},
     0,
     false,
     false,
     false},
    {"empty answer with TC", "tc.test.", {NULL}, {NULL}, {NULL}, 0, true, false, true},
    {"TC with a partial answer",
     "large.test.",
     {"large.test. 300 IN CAA 0 issue \"ca1.example\"",
      "large.test. 300 IN CAA 0 issue \"ca2.example\""},
     {NULL},
     {NULL},
     0,
     true,
     false,
     false},
    {"CAA RDATA short and empty (badcaa.test)",
     "badcaa.test.",
     {"badcaa.test. 300 IN CAA \\# 1 00", "badcaa.test. 300 IN CAA \\# 0",
      "badcaa.test. 300 IN CAA \\# 2 0000", "badcaa.test. 300 IN CAA \\# 3 800141"},
     {NULL},
     {NULL},
     0,
     false,
     false,
     false},
    {"NS with glue: compressed names in RDATA",
     "zone.test.",
     {"zone.test. 86400 IN NS nsa.zone.test.", "zone.test. 86400 IN NS nsb.zone.test.",
      "zone.test. 86400 IN NS ns.other.test."},
     {NULL},
     {"nsa.zone.test. 86400 IN A 127.53.0.3", "nsb.zone.test. 86400 IN AAAA ::1"},
     0,
     false,
     false,
     true},
    {"DS, DNSKEY and SOA answers",
     "signed.test.",
     {"signed.test. 86400 IN DS 4711 13 2 "
      "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20",
      "signed.test. 3600 IN DNSKEY 257 3 13 AAECAwQFBgcICQoLDA0ODw==",
      "signed.test. 3600 IN SOA nsa.test. hostmaster.signed.test. 1 7200 3600 1209600 600",
      "signed.test. 300 IN NSEC3PARAM 1 0 0 -", "signed.test. 300 IN A 127.0.0.1"},
     {NULL},
     {NULL},
     0,
     false,
     true,
     false},
    {"SERVFAIL, nothing else", "servfail.test.", {NULL}, {NULL}, {NULL}, 2, false, false, false},
    {"more than CAA__DNS_ALIASES_MAX aliases",
     "c0.example.",
     {"c0.example. IN CNAME c1.example.", "c1.example. IN CNAME c2.example.",
      "c2.example. IN CNAME c3.example.", "c3.example. IN CNAME c4.example.",
      "c4.example. IN CNAME c5.example.", "c5.example. IN CNAME c6.example.",
      "c6.example. IN CNAME c7.example.", "c7.example. IN CNAME c8.example.",
      "c8.example. IN CNAME c9.example.", "c9.example. IN CNAME c10.example.",
      "c10.example. IN CNAME c11.example.", "c11.example. IN CNAME c12.example.",
      "c12.example. IN CNAME c13.example.", "c13.example. IN CNAME c14.example.",
      "c14.example. IN CNAME c15.example.", "c15.example. IN CNAME c16.example.",
      "c16.example. IN CNAME c17.example.", "c17.example. IN DNAME c18.example.",
      "c18.example. IN CAA 0 issue \"ca.example\""},
     {NULL},
     {NULL},
     0,
     false,
     false,
     false},
};

static uint8_t *build(const struct spec *s, size_t *len)
{
    const struct dns_packet_spec p = {s->qname, s->answer, s->authority, s->additional,
                                      s->rcode, s->tc,     s->ad,        s->edns};

    return dns_packet_build(&p, len);
}

struct outcome {
    enum caa__answer_read r;
    struct caa__answer_head head;
    struct caa__dns_answer answer;
};

enum reader { FAST, USED, LDNS };

static void run(enum reader reader, const uint8_t *p, size_t len, int qtype, struct outcome *o)
{
    o->head = (struct caa__answer_head){-1, false};
    caa__dns_answer_init(&o->answer, "q.example");
    switch (reader) {
    case FAST:
        o->r = caa__answer_wire_read(p, len, qtype, &o->answer, &o->head);
        break;
    case USED:
        o->r = caa__dns_answer_read(p, len, qtype, &o->answer, &o->head);
        break;
    default:
        o->r = caa__dns_answer_read_ldns(p, len, qtype, &o->answer, &o->head);
        break;
    }
}

static bool same(const struct outcome *a, const struct outcome *b)
{
    return a->r == b->r &&
           (a->r == CAA__ANSWER_READ_MALFORMED ||
            (a->head.rcode == b->head.rcode && a->head.ad == b->head.ad)) &&
           a->answer.rcode == b->answer.rcode && a->answer.dnssec == b->answer.dnssec &&
           caa__dns_answer_same_records(&a->answer, &b->answer);
}

struct tally {
    size_t fast_read; /* packets the ldns-free reader read itself */
    size_t declined;  /* ... and left to ldns */
    size_t malformed; /* packets ldns rejects */
};

/* Compares the readers on one packet; returns what the ldns-free reader did. */
static enum caa__answer_read compare(const char *id, const uint8_t *p, size_t len, int qtype,
                                     struct tally *t)
{
    struct outcome fast, used, ref;
    enum caa__answer_read r;

    run(FAST, p, len, qtype, &fast);
    run(USED, p, len, qtype, &used);
    run(LDNS, p, len, qtype, &ref);
    if (fast.r != CAA__ANSWER_READ_DECLINED && !same(&fast, &ref)) {
        fail_msg("%s (%zu bytes, qtype %d): the ldns-free reader reads it otherwise (%d, ldns %d)",
                 id, len, qtype, (int)fast.r, (int)ref.r);
    }
    if (!same(&used, &ref)) {
        fail_msg("%s (%zu bytes, qtype %d): caa__dns_answer_read disagrees with ldns", id, len,
                 qtype);
    }
    t->fast_read += fast.r != CAA__ANSWER_READ_DECLINED;
    t->declined += fast.r == CAA__ANSWER_READ_DECLINED;
    t->malformed += ref.r == CAA__ANSWER_READ_MALFORMED;
    r = fast.r;
    caa__dns_answer_cleanup(&fast.answer);
    caa__dns_answer_cleanup(&used.answer);
    caa__dns_answer_cleanup(&ref.answer);
    return r;
}

static void write_seed(const char *id, size_t n, const uint8_t *p, size_t len)
{
    const char *dir = getenv("CAA_WRITE_CORPUS");
    char path[512];
    FILE *fp;

    (void)id;
    if (dir == NULL) {
        return;
    }
    (void)snprintf(path, sizeof(path), "%s/corpus_%02zu", dir, n);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(p, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

/* Every corpus packet is read by the ldns-free reader itself, exactly as ldns reads it. */
static void test_corpus(void **state)
{
    struct tally t = {0, 0, 0};
    bool compressed = false;

    (void)state;
    for (size_t i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
        size_t len = 0;
        uint8_t *wire = build(&corpus[i], &len);

        print_message("# %s\n", corpus[i].id);
        write_seed(corpus[i].id, i, wire, len);
        for (size_t b = 0; b + 1 < len; b++) {
            compressed = compressed || (wire[b] & 0xC0u) == 0xC0u;
        }
        for (size_t q = 0; q < sizeof(qtypes) / sizeof(qtypes[0]); q++) {
            assert_int_equal(compare(corpus[i].id, wire, len, qtypes[q], &t), CAA__ANSWER_READ_OK);
        }
        free(wire);
    }
    /* ldns compresses what it writes: the corpus exercises pointers. */
    assert_true(compressed);
    assert_int_equal(t.malformed, 0);
}

/* What the readers give for a few corpus packets, spelt out (the differential test alone
 * would pass two readers that are wrong the same way). */
static void test_expected(void **state)
{
    size_t len = 0;
    uint8_t *wire;
    struct outcome o;

    (void)state;
    wire = build(&corpus[4], &len); /* CNAME chain, mixed case */
    run(FAST, wire, len, 257, &o);
    assert_int_equal(o.r, CAA__ANSWER_READ_OK);
    assert_int_equal(o.head.rcode, 0);
    assert_false(o.head.ad);
    assert_int_equal(o.answer.ttl, 60);
    assert_int_equal(o.answer.rdata_count, 2);
    assert_int_equal(o.answer.rdata_len[0], 2 + 5 + 10);
    assert_memory_equal(o.answer.rdata[0], "\x00\x05issueca.example", 17);
    assert_int_equal(o.answer.alias_count, 2);
    assert_string_equal(o.answer.aliases[0], "www.example.com -> a.example.net");
    assert_string_equal(o.answer.aliases[1], "a.example.net -> b.example.org");
    caa__dns_answer_cleanup(&o.answer);
    free(wire);

    wire = build(&corpus[7], &len); /* escapes */
    run(FAST, wire, len, QTYPE_NONE, &o);
    assert_int_equal(o.r, CAA__ANSWER_READ_OK);
    assert_int_equal(o.answer.alias_count, 3);
    assert_string_equal(o.answer.aliases[0], "a\\.b.example -> \\032x\\(y\\).ex\\;ample");
    assert_string_equal(o.answer.aliases[1], "\\032x\\(y\\).ex\\;ample -> \\\\z\\255.example");
    assert_string_equal(o.answer.aliases[2], "\\\\z\\255.example -> .");
    assert_int_equal(o.answer.ttl, 0); /* untouched without a qtype */
    caa__dns_answer_cleanup(&o.answer);
    free(wire);

    wire = build(&corpus[3], &len); /* NODATA, two SOAs */
    run(FAST, wire, len, 257, &o);
    assert_int_equal(o.answer.ttl, 120);
    assert_int_equal(o.answer.rdata_count, 0);
    caa__dns_answer_cleanup(&o.answer);
    free(wire);

    wire = build(&corpus[11], &len); /* NS: names given back uncompressed */
    run(FAST, wire, len, 2, &o);
    assert_int_equal(o.r, CAA__ANSWER_READ_OK);
    assert_true(o.head.ad == false);
    assert_int_equal(o.answer.rdata_count, 3);
    assert_int_equal(o.answer.rdata_len[0], 15);
    assert_memory_equal(o.answer.rdata[0], "\3nsa\4zone\4test\0", 15);
    caa__dns_answer_cleanup(&o.answer);
    free(wire);

    wire = build(&corpus[14], &len); /* the alias cap */
    run(FAST, wire, len, 257, &o);
    assert_int_equal(o.answer.alias_count, CAA__DNS_ALIASES_MAX);
    assert_string_equal(o.answer.aliases[CAA__DNS_ALIASES_MAX - 1], "c15.example -> c16.example");
    caa__dns_answer_cleanup(&o.answer);
    free(wire);
}

/* Every cut, and one-byte changes at every offset, of every corpus packet. */
static void test_mutations(void **state)
{
    static const uint8_t values[] = {0x00, 0x01, 0x02, 0x05, 0x06, 0x27, 0x3f,
                                     0x40, 0x80, 0xc0, 0xc1, 0xfe, 0xff};
    struct tally t = {0, 0, 0};

    (void)state;
    for (size_t i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
        size_t len = 0;
        uint8_t *wire = build(&corpus[i], &len);
        uint8_t *copy = malloc(len);

        assert_non_null(copy);
        for (size_t cut = 0; cut < len; cut++) {
            (void)compare(corpus[i].id, wire, cut, 257, &t);
            (void)compare(corpus[i].id, wire, cut, QTYPE_NONE, &t);
        }
        for (size_t at = 0; at < len; at++) {
            for (size_t v = 0; v <= sizeof(values); v++) {
                memcpy(copy, wire, len);
                copy[at] = v < sizeof(values) ? values[v] : (uint8_t)(wire[at] ^ 0x20u);
                (void)compare(corpus[i].id, copy, len, 257, &t);
                (void)compare(corpus[i].id, copy, len, 2, &t);
                (void)compare(corpus[i].id, copy, len, QTYPE_NONE, &t);
            }
        }
        free(copy);
        free(wire);
    }
    print_message("# fast %zu, declined %zu, malformed (ldns) %zu\n", t.fast_read, t.declined,
                  t.malformed);
    /* Both kinds were met: many a change still reads, many a cut does not. */
    assert_true(t.fast_read > 1000);
    assert_true(t.malformed > 1000);
}

/* Hostile bytes: each must come out as ldns says (MALFORMED where it cannot parse), and the
 * ldns-free reader must never be the one to accept them. */
static void test_hostile(void **state)
{
    /* Header: ID, flags (QR), QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT; then question "x." CAA IN. */
#define HDR(an) 0x12, 0x34, 0x81, 0x80, 0, 1, 0, (an), 0, 0, 0, 0, 1, 'x', 0, 1, 1, 0, 1
    static const uint8_t loop_self[] = {HDR(1), 0xc0, 19, 0, 5, 0, 1, 0, 0, 0, 60, 0, 1, 0};
    static const uint8_t loop_two[] = {HDR(1), 1, 'a', 0xc0, 22, 0xc0, 19, 0, 5,
                                       0,      1, 0,   0,    0,  60,   0,  1, 0};
    static const uint8_t forward[] = {HDR(1), 0xc0, 31, 0, 5, 0, 1, 0, 0, 0, 60, 0, 1, 0, 0};
    static const uint8_t past_end[] = {HDR(1), 0xff, 0xff, 0, 5, 0, 1, 0, 0, 0, 60, 0, 1, 0};
    static const uint8_t into_header[] = {HDR(1), 0xc0, 2, 0, 5, 0, 1, 0, 0, 0, 60, 0, 1, 0};
    static const uint8_t rdata_pointer_loop[] = {HDR(1), 0xc0, 12, 0, 5, 0,    1, 0,
                                                 0,      0,    60, 0, 2, 0xc0, 30};
    static const uint8_t counts_lie[] = {
        0x12, 0x34, 0x81, 0x80, 0,    1,  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 'x', 0, 0,
        0x01, 0x01, 0,    1,    0xc0, 12, 1,    1,    0,    1,    0,    0,    0, 60,  0, 0};
    static const uint8_t label_64[] = {HDR(1), 0x40, 0, 0, 5, 0, 1, 0, 0, 0, 60, 0, 1, 0};
    static const uint8_t rdlen_past[] = {HDR(1), 0xc0, 12, 1, 1, 0, 1, 0, 0, 0, 60, 0, 9, 0};
    static const uint8_t cname_long_rdata[] = {HDR(1), 0xc0, 12, 0, 5, 0, 1, 0,
                                               0,      0,    60, 0, 3, 0, 0, 0};
#undef HDR
    static const struct {
        const char *id;
        const uint8_t *bytes;
        size_t len;
    } cases[] = {
        {"owner pointer to itself", loop_self, sizeof(loop_self)},
        {"two pointers in a loop", loop_two, sizeof(loop_two)},
        {"forward pointer", forward, sizeof(forward)},
        {"pointer past the end", past_end, sizeof(past_end)},
        {"pointer into the header", into_header, sizeof(into_header)},
        {"CNAME target pointing at itself", rdata_pointer_loop, sizeof(rdata_pointer_loop)},
        {"counts larger than the packet", counts_lie, sizeof(counts_lie)},
        {"label type 0x40", label_64, sizeof(label_64)},
        {"RDLENGTH past the end", rdlen_past, sizeof(rdlen_past)},
        {"CNAME RDATA longer than its name", cname_long_rdata, sizeof(cname_long_rdata)},
    };
    struct tally t = {0, 0, 0};

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        print_message("# %s\n", cases[i].id);
        for (size_t q = 0; q < sizeof(qtypes) / sizeof(qtypes[0]); q++) {
            assert_int_equal(compare(cases[i].id, cases[i].bytes, cases[i].len, qtypes[q], &t),
                             CAA__ANSWER_READ_DECLINED);
        }
    }
    /* All but the forward pointer, which ldns follows, and the long CNAME RDATA (ldns reads the
     * name and skips the rest) are malformed to ldns. */
    assert_true(t.malformed >= 8 * sizeof(qtypes) / sizeof(qtypes[0]));
}

/* A name of 256 octets, and pointer chains. */
static void test_long_names(void **state)
{
    uint8_t p[1024];
    size_t len = 0;
    struct tally t = {0, 0, 0};
    static const uint8_t header[] = {0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0};

    (void)state;
    /* Question name: three labels of 63 octets and one of 61 or 62: 255 octets with the root,
     * the most there may be (RFC 1035 §3.1), and one too many. */
    for (size_t extra = 0; extra < 2; extra++) {
        len = 0;
        memcpy(p, header, sizeof(header));
        len = sizeof(header);
        for (size_t l = 0; l < 4; l++) {
            size_t n = l == 3 ? 61 + extra : 63;
            p[len++] = (uint8_t)n;
            memset(p + len, 'a', n);
            len += n;
        }
        p[len++] = 0;
        memcpy(p + len, "\x01\x01\x00\x01", 4);
        len += 4;
        /* One CNAME: owner a pointer to the question, target the root. */
        memcpy(p + len, "\xc0\x0c\x00\x05\x00\x01\x00\x00\x00\x3c\x00\x01\x00", 13);
        len += 13;
        print_message("# question name of %zu octets\n", 255 + extra);
        for (size_t q = 0; q < sizeof(qtypes) / sizeof(qtypes[0]); q++) {
            enum caa__answer_read r = compare("long name", p, len, qtypes[q], &t);
            assert_int_equal(r, extra == 0 ? CAA__ANSWER_READ_OK : CAA__ANSWER_READ_DECLINED);
        }
    }
    assert_int_equal(t.malformed, sizeof(qtypes) / sizeof(qtypes[0]));
}

/* At most CAA__ANSWER_RDATA_MAX RDATA, in order. */
static void test_rdata_cap(void **state)
{
    static const uint8_t header[] = {0x12, 0x34, 0x81, 0x80, 0, 1, 0x10, 0x04, 0, 0,
                                     0,    0,    1,    'x',  0, 1, 1,    0,    1};
    const size_t count = 0x1004;
    size_t len = sizeof(header) + count * 14;
    uint8_t *p = malloc(len);
    struct tally t = {0, 0, 0};
    struct outcome o;

    (void)state;
    assert_non_null(p);
    memcpy(p, header, sizeof(header));
    for (size_t i = 0; i < count; i++) {
        /* x. CAA IN, TTL 1000 - i, RDLENGTH 2: flags i's low bits, empty tag. */
        uint8_t *rr = p + sizeof(header) + i * 14;
        uint32_t ttl = (uint32_t)(100000 - i);
        memcpy(rr, "\xc0\x0c\x01\x01\x00\x01", 6);
        rr[6] = (uint8_t)(ttl >> 24);
        rr[7] = (uint8_t)(ttl >> 16);
        rr[8] = (uint8_t)(ttl >> 8);
        rr[9] = (uint8_t)ttl;
        rr[10] = 0;
        rr[11] = 2;
        rr[12] = (uint8_t)i;
        rr[13] = 0;
    }
    assert_int_equal(compare("rdata cap", p, len, 257, &t), CAA__ANSWER_READ_OK);
    run(FAST, p, len, 257, &o);
    assert_int_equal(o.answer.rdata_count, CAA__ANSWER_RDATA_MAX);
    assert_int_equal(o.answer.rdata[CAA__ANSWER_RDATA_MAX - 1][0],
                     (uint8_t)(CAA__ANSWER_RDATA_MAX - 1));
    assert_int_equal(o.answer.ttl, 100000 - count + 1);
    caa__dns_answer_cleanup(&o.answer);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),     cmocka_unit_test(test_expected),
        cmocka_unit_test(test_mutations),  cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_long_names), cmocka_unit_test(test_rdata_cap),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
