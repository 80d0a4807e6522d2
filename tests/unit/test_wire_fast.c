/* SPDX-License-Identifier: MIT */
/* wire_fast.c, the wire engine's ldns-free reader for an insecure zone's replies: what it reads
 * (the ordinary replies of fuzz/corpus/wire_fast/, made by fuzz/wire_fast_corpus.py), what it
 * declines (malformed or unusual messages), and that whatever it accepts, also after every
 * one-byte change to those replies, the ldns path reads the same way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>

#include "lib/dns/resolver.h"
#include "lib/dns/wire_fast.h"
#include "lib/dns/wire_reply.h"

#define CORPUS CAA_SOURCE_ROOT "/fuzz/corpus/wire_fast"
#define REPLY_MAX 4096

struct reply {
    uint8_t bytes[REPLY_MAX];
    size_t len;
};

static void load(const char *file, struct reply *out)
{
    char path[512];
    FILE *fp;

    (void)snprintf(path, sizeof(path), "%s/%s", CORPUS, file);
    fp = fopen(path, "rb");
    if (fp == NULL) {
        fail_msg("cannot open %s", path);
    }
    out->len = fread(out->bytes, 1, sizeof(out->bytes), fp);
    (void)fclose(fp);
}

struct read_result {
    enum caa__wire_reply_kind kind;
    const char *why;
    char cut[256];
    struct caa__dns_answer answer;
};

static bool fast(const uint8_t *p, size_t len, const char *qname, const char *zone,
                 struct read_result *r)
{
    memset(r, 0, sizeof(*r));
    caa__dns_answer_init(&r->answer, qname);
    r->why = "";
    return caa__wire_fast_read(p, len, qname, zone, &r->answer, r->cut, &r->kind, &r->why);
}

static void slow(const uint8_t *p, size_t len, const char *qname, const char *zone,
                 struct read_result *r)
{
    memset(r, 0, sizeof(*r));
    caa__dns_answer_init(&r->answer, qname);
    r->why = "";
    r->kind = caa__wire_reply_read_ldns(p, len, qname, zone, NULL, 0, &r->answer, r->cut, &r->why);
}

static bool same(const struct read_result *a, const struct read_result *b)
{
    return a->kind == b->kind && strcmp(a->why, b->why) == 0 && strcmp(a->cut, b->cut) == 0 &&
           a->answer.rcode == b->answer.rcode && a->answer.dnssec == b->answer.dnssec &&
           caa__dns_answer_same_records(&a->answer, &b->answer);
}

static const struct {
    const char *file;
    const char *qname;
    enum caa__wire_reply_kind want;
    int want_rcode;
    size_t want_rdata;
    uint32_t want_ttl;
    const char *want_cut;
} ordinary[] = {
    {"positive", "a.z.test", CAA__WIRE_REPLY_ANSWER, 0, 1, 600, ""},
    {"positive_two", "a.z.test", CAA__WIRE_REPLY_ANSWER, 0, 2, 300, ""},
    {"positive_uncompressed", "a.z.test", CAA__WIRE_REPLY_ANSWER, 0, 1, 600, ""},
    {"nodata", "a.z.test", CAA__WIRE_REPLY_ANSWER, 0, 0, 300, ""},
    {"nxdomain", "a.z.test", CAA__WIRE_REPLY_ANSWER, 3, 0, 300, ""},
    {"nodata_soa_above", "a.z.test", CAA__WIRE_REPLY_UNUSUAL, -1, 0, 0, ""},
    {"nodata_without_soa", "a.z.test", CAA__WIRE_REPLY_UNUSUAL, -1, 0, 0, ""},
    {"referral", "a.sub.z.test", CAA__WIRE_REPLY_REFERRAL, -1, 0, 0, "sub.z.test"},
    {"referral_sideways", "a.z.test", CAA__WIRE_REPLY_LAME, -1, 0, 0, ""},
    /* ldns counts an owner that differs from the zone in case only as below it. */
    {"referral_zone_case", "a.sub.z.test", CAA__WIRE_REPLY_REFERRAL, -1, 0, 0, "z.test"},
    {"cname", "a.z.test", CAA__WIRE_REPLY_ALIAS, -1, 0, 600, "b.y.test"},
    {"cname_compressed_target", "a.z.test", CAA__WIRE_REPLY_ALIAS, -1, 0, 600, "b.z.test"},
    {"cname_and_target", "a.z.test", CAA__WIRE_REPLY_ALIAS, -1, 0, 600, "b.y.test"},
    {"caa_then_cname", "a.z.test", CAA__WIRE_REPLY_ALIAS, -1, 0, 600, "b.y.test"},
    {"two_cnames", "a.z.test", CAA__WIRE_REPLY_UNUSUAL, -1, 0, 0, ""},
    {"foreign_owner", "a.z.test", CAA__WIRE_REPLY_UNUSUAL, -1, 0, 0, ""},
    {"records_with_nxdomain", "a.z.test", CAA__WIRE_REPLY_UNUSUAL, -1, 0, 0, ""},
    {"servfail", "a.z.test", CAA__WIRE_REPLY_LAME, -1, 0, 0, ""},
    {"refused", "a.z.test", CAA__WIRE_REPLY_LAME, -1, 0, 0, ""},
    {"not_authoritative", "a.z.test", CAA__WIRE_REPLY_LAME, -1, 0, 0, ""},
    /* Fewer RRs counted than sent: the rest is ignored, as ldns ignores it. */
    {"count_too_low", "a.z.test", CAA__WIRE_REPLY_UNUSUAL, -1, 0, 0, ""},
};

/* The ordinary replies: read without ldns, as ldns reads them. */
static void test_ordinary(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(ordinary) / sizeof(ordinary[0]); i++) {
        struct reply rep;
        struct read_result f, s;
        load(ordinary[i].file, &rep);
        if (!fast(rep.bytes, rep.len, ordinary[i].qname, "z.test", &f)) {
            fail_msg("%s: declined", ordinary[i].file);
        }
        slow(rep.bytes, rep.len, ordinary[i].qname, "z.test", &s);
        if (f.kind != ordinary[i].want || !same(&f, &s)) {
            fail_msg("%s: kind %d (%s), ldns %d (%s)", ordinary[i].file, f.kind, f.why, s.kind,
                     s.why);
        }
        assert_int_equal(f.answer.rcode, ordinary[i].want_rcode);
        assert_int_equal(f.answer.rdata_count, ordinary[i].want_rdata);
        if (f.kind == CAA__WIRE_REPLY_ANSWER || f.kind == CAA__WIRE_REPLY_ALIAS) {
            assert_int_equal(f.answer.ttl, ordinary[i].want_ttl);
            assert_int_equal(f.answer.dnssec, CAA_DNSSEC_INSECURE);
        }
        assert_string_equal(f.cut, ordinary[i].want_cut);
        caa__dns_answer_cleanup(&f.answer);
        caa__dns_answer_cleanup(&s.answer);
    }
}

/* Bulk's answers keep their RDATA in pooled blocks (answer.pool): the same records, in one block
 * when they fit (a block of 64 bytes: one record does, two do not), and every block goes back
 * to the pool or to malloc (ASan checks). */
static void test_ordinary_pooled(void **state)
{
    struct caa__block_pool pool;

    (void)state;
    caa__block_pool_init(&pool, 64);
    for (size_t round = 0; round < 2; round++) {
        for (size_t i = 0; i < sizeof(ordinary) / sizeof(ordinary[0]); i++) {
            struct reply rep;
            struct read_result f, s;
            load(ordinary[i].file, &rep);
            memset(&f, 0, sizeof(f));
            caa__dns_answer_init(&f.answer, ordinary[i].qname);
            f.answer.pool = &pool;
            f.why = "";
            assert_true(caa__wire_fast_read(rep.bytes, rep.len, ordinary[i].qname, "z.test",
                                            &f.answer, f.cut, &f.kind, &f.why));
            slow(rep.bytes, rep.len, ordinary[i].qname, "z.test", &s);
            if (!same(&f, &s)) {
                fail_msg("%s: pooled kind %d (%s), ldns %d (%s)", ordinary[i].file, f.kind, f.why,
                         s.kind, s.why);
            }
            caa__dns_answer_cleanup(&f.answer);
            caa__dns_answer_cleanup(&s.answer);
        }
    }
    caa__block_pool_cleanup(&pool);
}

/* What it must not read itself: malformed, or more than it mirrors of ldns. */
static void test_declines(void **state)
{
    static const char *const files[] = {
        "pointer_loop",
        "pointer_self",
        "pointer_forward",
        "pointer_to_header",
        "rdlength_past_end",
        "rdlength_short_cname",
        "rdlength_long_a",
        "caa_tag_past_rdata",
        "soa_short",
        "count_too_high",
        "no_question",
        "label_too_long",
        "name_too_long",
        "header_only",
        "empty",
        "truncated",
        "dname",
        "foreign_type",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        struct reply rep;
        struct read_result f;
        load(files[i], &rep);
        if (fast(rep.bytes, rep.len, "a.z.test", "z.test", &f)) {
            fail_msg("%s: read as kind %d (%s)", files[i], f.kind, f.why);
        }
        caa__dns_answer_cleanup(&f.answer);
    }
}

/* Every byte of an ordinary reply is needed: each shorter prefix is declined. */
static void test_truncation(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(ordinary) / sizeof(ordinary[0]); i++) {
        struct reply rep;
        load(ordinary[i].file, &rep);
        if (strcmp(ordinary[i].file, "count_too_low") == 0) {
            continue; /* its last RR is not counted */
        }
        for (size_t len = 0; len < rep.len; len++) {
            struct read_result f;
            if (fast(rep.bytes, len, ordinary[i].qname, "z.test", &f)) {
                fail_msg("%s cut to %zu bytes: read", ordinary[i].file, len);
            }
            caa__dns_answer_cleanup(&f.answer);
        }
    }
}

static const struct {
    const char *qname;
    const char *zone;
} asks[] = {
    {"a.z.test", "z.test"},
    {"a.sub.z.test", "z.test"},
    {"a.z.test", ""},
    {"b.y.test", "y.test"},
};

/* One reply, every ask: fast and ldns agree whenever the fast reader accepts. The count of
 * acceptances is returned, so that the test knows it compared something. */
static size_t differential(const uint8_t *p, size_t len, const char *what, size_t at)
{
    size_t accepted = 0;

    for (size_t i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
        struct read_result f, s;
        if (fast(p, len, asks[i].qname, asks[i].zone, &f)) {
            accepted++;
            slow(p, len, asks[i].qname, asks[i].zone, &s);
            if (!same(&f, &s)) {
                fail_msg("%s, byte %zu changed, %s in '%s': fast %d (%s) cut '%s', ldns %d (%s) "
                         "cut '%s'",
                         what, at, asks[i].qname, asks[i].zone, f.kind, f.why, f.cut, s.kind, s.why,
                         s.cut);
            }
            caa__dns_answer_cleanup(&s.answer);
        }
        caa__dns_answer_cleanup(&f.answer);
    }
    return accepted;
}

/* The corpus, and each of its replies with any one byte set to a value that matters to a
 * parser (zero, all ones, a pointer, a length, case flipped, one more). */
static void test_differential(void **state)
{
    DIR *dir = opendir(CORPUS);
    struct dirent *de;
    size_t accepted = 0, mutants = 0;

    (void)state;
    assert_non_null(dir);
    while ((de = readdir(dir)) != NULL) {
        struct reply rep;
        if (de->d_name[0] == '.') {
            continue;
        }
        load(de->d_name, &rep);
        accepted += differential(rep.bytes, rep.len, de->d_name, SIZE_MAX);
        for (size_t at = 0; at < rep.len; at++) {
            const uint8_t was = rep.bytes[at];
            const uint8_t values[] = {
                0x00, 0xFF, 0xC0, 0x0C, (uint8_t)(was ^ 0x20u), (uint8_t)(was + 1u)};
            for (size_t v = 0; v < sizeof(values); v++) {
                rep.bytes[at] = values[v];
                accepted += differential(rep.bytes, rep.len, de->d_name, at);
                mutants++;
            }
            rep.bytes[at] = was;
        }
    }
    (void)closedir(dir);
    print_message("# %zu mutants, %zu reads accepted and equal to ldns\n", mutants, accepted);
    assert_true(accepted > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ordinary),     cmocka_unit_test(test_ordinary_pooled),
        cmocka_unit_test(test_declines),     cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_differential),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
