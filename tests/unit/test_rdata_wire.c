/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/record.h>

/* A byte string with its length, so values may hold NUL bytes. */
#define BYTES(s) (const uint8_t *)(s), sizeof(s) - 1

static const struct {
    const char *name;
    const uint8_t *rdata;
    size_t rdata_len;
    unsigned parse_flags;
    uint8_t flags;
    const char *tag;
    size_t tag_len;
    const uint8_t *value;
    size_t value_len;
} good_cases[] = {
    {"issue", BYTES("\x00\x05issueletsencrypt.org"), CAA_PARSE_STRICT, 0, "issue", 5,
     BYTES("letsencrypt.org")},
    {"critical iodef", BYTES("\x80\x05iodefmailto:a@b.example"), CAA_PARSE_STRICT, 128, "iodef", 5,
     BYTES("mailto:a@b.example")},
    {"empty value", BYTES("\x00\x05issue"), CAA_PARSE_STRICT, 0, "issue", 5, BYTES("")},
    {"tag case kept", BYTES("\x00\x05IsSuE;"), CAA_PARSE_STRICT, 0, "IsSuE", 5, BYTES(";")},
    {"digits in tag",
     BYTES("\xff\x03"
           "0a9x"),
     CAA_PARSE_STRICT, 255, "0a9", 3, BYTES("x")},
    {"NUL in value",
     BYTES("\x00\x05issuea\x00"
           "b"),
     CAA_PARSE_STRICT, 0, "issue", 5,
     BYTES("a\x00"
           "b")},
    {"quote and backslash in value", BYTES("\x00\x03tbs\"\\"), CAA_PARSE_STRICT, 0, "tbs", 3,
     BYTES("\"\\")},
    {"lenient empty tag", BYTES("\x00\x00value"), CAA_PARSE_LENIENT_TAG, 0, "", 0, BYTES("value")},
    {"lenient hyphen tag",
     BYTES("\x01\x03"
           "a-bv"),
     CAA_PARSE_LENIENT_TAG, 1, "a-b", 3, BYTES("v")},
    {"lenient NUL in tag", BYTES("\x00\x02\x00zv"), CAA_PARSE_LENIENT_TAG, 0, "\0z", 2, BYTES("v")},
};

static const struct {
    const char *name;
    const uint8_t *rdata;
    size_t rdata_len;
    unsigned parse_flags;
    size_t offset;
    const char *message; /* a substring of err.message */
} bad_cases[] = {
    {"empty", BYTES(""), CAA_PARSE_STRICT, 0, "truncated"},
    {"flags only", BYTES("\x00"), CAA_PARSE_STRICT, 1, "truncated"},
    {"flags only lenient", BYTES("\x00"), CAA_PARSE_LENIENT_TAG, 1, "truncated"},
    {"tag length 0", BYTES("\x00\x00issue"), CAA_PARSE_STRICT, 1, "tag length is 0"},
    {"tag length past end", BYTES("\x00\x06issue"), CAA_PARSE_STRICT, 1, "tag truncated"},
    {"tag length past end lenient", BYTES("\x00\x06issue"), CAA_PARSE_LENIENT_TAG, 1,
     "tag truncated"},
    {"tag length 255, 2 bytes", BYTES("\x00\xff"), CAA_PARSE_STRICT, 1, "tag truncated"},
    {"hyphen in tag", BYTES("\x00\x05is-uex"), CAA_PARSE_STRICT, 4, "0x2D is not a letter"},
    {"space first", BYTES("\x00\x02 ax"), CAA_PARSE_STRICT, 2, "0x20 is not a letter"},
    {"high byte last",
     BYTES("\x00\x03"
           "ab\xc3"
           "x"),
     CAA_PARSE_STRICT, 4, "0xC3 is not a letter"},
    {"NUL in tag", BYTES("\x00\x02\x00zv"), CAA_PARSE_STRICT, 2, "0x00 is not a letter"},
};

static void check_good(size_t i, const uint8_t *rdata, size_t rdata_len)
{
    struct caa_record rec;
    struct caa_error err = {0, ""};
    uint8_t out[128];
    size_t out_len = 0;

    print_message("# good: %s\n", good_cases[i].name);
    assert_int_equal(caa_record_from_wire(rdata, rdata_len, good_cases[i].parse_flags, &rec, &err),
                     CAA_OK);
    assert_int_equal(rec.flags, good_cases[i].flags);
    assert_int_equal(rec.tag_len, good_cases[i].tag_len);
    assert_memory_equal(rec.tag, good_cases[i].tag, good_cases[i].tag_len + 1);
    assert_int_equal(rec.value_len, good_cases[i].value_len);
    assert_non_null(rec.value);
    assert_memory_equal(rec.value, good_cases[i].value, good_cases[i].value_len);
    assert_int_equal(rec.value[rec.value_len], 0);
    assert_int_equal(caa_record_to_wire(&rec, out, sizeof(out), &out_len), CAA_OK);
    assert_int_equal(out_len, rdata_len);
    assert_memory_equal(out, rdata, rdata_len);
    caa_record_cleanup(&rec);
    assert_null(rec.value);
}

static void test_good(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++) {
        check_good(i, good_cases[i].rdata, good_cases[i].rdata_len);
    }
}

static void test_bad(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        struct caa_record rec;
        struct caa_error err = {999, ""};

        print_message("# bad: %s\n", bad_cases[i].name);
        caa_record_init(&rec);
        rec.flags = 7;
        assert_int_equal(caa_record_from_wire(bad_cases[i].rdata, bad_cases[i].rdata_len,
                                              bad_cases[i].parse_flags, &rec, &err),
                         CAA_E_SYNTAX);
        assert_int_equal(err.offset, bad_cases[i].offset);
        assert_non_null(strstr(err.message, bad_cases[i].message));
        assert_int_equal(rec.flags, 7); /* untouched on failure */
        assert_null(rec.value);
        /* err is optional */
        assert_int_equal(caa_record_from_wire(bad_cases[i].rdata, bad_cases[i].rdata_len,
                                              bad_cases[i].parse_flags, &rec, NULL),
                         CAA_E_SYNTAX);
    }
}

/* Values are not limited to 255 bytes: only RDLENGTH bounds them. */
static void test_long_value(void **state)
{
    static const size_t lens[] = {255, 256, 1000, 65535 - 2 - 5};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        size_t rdata_len = 2 + 5 + lens[i];
        uint8_t *rdata = malloc(rdata_len);
        uint8_t *out = malloc(rdata_len);
        struct caa_record rec;
        size_t out_len = 0;
        size_t j;

        assert_non_null(rdata);
        assert_non_null(out);
        rdata[0] = 0;
        rdata[1] = 5;
        memcpy(rdata + 2, "issue", 5);
        for (j = 0; j < lens[i]; j++) {
            rdata[7 + j] = (uint8_t)(j * 7);
        }
        assert_int_equal(caa_record_from_wire(rdata, rdata_len, 0, &rec, NULL), CAA_OK);
        assert_int_equal(rec.value_len, lens[i]);
        assert_memory_equal(rec.value, rdata + 7, lens[i]);
        assert_int_equal(caa_record_to_wire(&rec, out, rdata_len, &out_len), CAA_OK);
        assert_int_equal(out_len, rdata_len);
        assert_memory_equal(out, rdata, rdata_len);
        caa_record_cleanup(&rec);
        free(rdata);
        free(out);
    }
}

static void test_too_long_rdata(void **state)
{
    size_t rdata_len = 65536;
    uint8_t *rdata = calloc(1, rdata_len);
    struct caa_record rec;
    struct caa_error err = {0, ""};

    (void)state;
    assert_non_null(rdata);
    rdata[1] = 5;
    memcpy(rdata + 2, "issue", 5);
    assert_int_equal(caa_record_from_wire(rdata, rdata_len, 0, &rec, &err), CAA_E_SYNTAX);
    assert_int_equal(err.offset, 65535);
    free(rdata);
}

static void test_to_wire_cap(void **state)
{
    struct caa_record rec;
    uint8_t out[16];
    size_t out_len = 0;

    (void)state;
    assert_int_equal(caa_record_from_wire(BYTES("\x00\x05issueca.example"), 0, &rec, NULL), CAA_OK);
    assert_int_equal(caa_record_to_wire(&rec, NULL, 0, &out_len), CAA_E_LIMIT);
    assert_int_equal(out_len, 17);
    assert_int_equal(caa_record_to_wire(&rec, out, 16, &out_len), CAA_E_LIMIT);
    assert_int_equal(out_len, 17);
    caa_record_cleanup(&rec);
}

static void test_invalid_args(void **state)
{
    struct caa_record rec;
    size_t out_len = 0;
    uint8_t out[8];

    (void)state;
    assert_int_equal(caa_record_from_wire(NULL, 3, 0, &rec, NULL), CAA_E_INVALID_ARG);
    assert_int_equal(caa_record_from_wire(BYTES("\x00\x01x"), 0, NULL, NULL), CAA_E_INVALID_ARG);
    assert_int_equal(caa_record_from_wire(BYTES("\x00\x01x"), 0x100, &rec, NULL),
                     CAA_E_INVALID_ARG);
    assert_int_equal(caa_record_to_wire(NULL, out, sizeof(out), &out_len), CAA_E_INVALID_ARG);
    caa_record_init(&rec);
    rec.value_len = 3; /* value NULL but a length */
    assert_int_equal(caa_record_to_wire(&rec, out, sizeof(out), &out_len), CAA_E_INVALID_ARG);
}

/* caa_record_set / copy / tag_is live in record.c; they share the tag rules with the parsers. */
static void test_set_copy_tag_is(void **state)
{
    static const struct {
        const char *tag;
        unsigned parse_flags;
        enum caa_status want;
        size_t offset;
    } set_cases[] = {
        {"issue", CAA_PARSE_STRICT, CAA_OK, 0},       {"", CAA_PARSE_STRICT, CAA_E_SYNTAX, 0},
        {"", CAA_PARSE_LENIENT_TAG, CAA_OK, 0},       {"is_sue", CAA_PARSE_STRICT, CAA_E_SYNTAX, 2},
        {"is_sue", CAA_PARSE_LENIENT_TAG, CAA_OK, 0},
    };
    struct caa_record rec;
    struct caa_record copy;
    struct caa_error err = {0, ""};
    char long_tag[300];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(set_cases) / sizeof(set_cases[0]); i++) {
        err.offset = 999;
        assert_int_equal(caa_record_set(&rec, 1, set_cases[i].tag, (const uint8_t *)"v", 1,
                                        set_cases[i].parse_flags, &err),
                         set_cases[i].want);
        if (set_cases[i].want == CAA_OK) {
            assert_string_equal(rec.tag, set_cases[i].tag);
            caa_record_cleanup(&rec);
        } else {
            assert_int_equal(err.offset, set_cases[i].offset);
        }
    }
    memset(long_tag, 'a', sizeof(long_tag));
    long_tag[256] = '\0';
    assert_int_equal(caa_record_set(&rec, 0, long_tag, NULL, 0, 0, &err), CAA_E_SYNTAX);
    assert_int_equal(err.offset, 255);
    long_tag[255] = '\0';
    assert_int_equal(caa_record_set(&rec, 0, long_tag, NULL, 0, 0, &err), CAA_OK);
    assert_int_equal(rec.tag_len, 255);
    assert_int_equal(rec.value_len, 0);
    assert_non_null(rec.value);
    caa_record_cleanup(&rec);
    assert_int_equal(caa_record_set(&rec, 0, "issue", (const uint8_t *)"x", 65529, 0, &err),
                     CAA_E_LIMIT);

    assert_int_equal(
        caa_record_set(&rec, 128, "IsSuEwild", (const uint8_t *)"ca\0x", 4, CAA_PARSE_STRICT, &err),
        CAA_OK);
    assert_true(caa_record_tag_is(&rec, "issuewild"));
    assert_false(caa_record_tag_is(&rec, "issue"));
    assert_false(caa_record_tag_is(NULL, "issue"));
    assert_int_equal(caa_record_copy(&rec, &copy), CAA_OK);
    caa_record_cleanup(&rec);
    assert_int_equal(copy.flags, 128);
    assert_string_equal(copy.tag, "IsSuEwild");
    assert_int_equal(copy.value_len, 4);
    assert_memory_equal(copy.value, "ca\0x", 5);
    caa_record_cleanup(&copy);
    caa_record_cleanup(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_long_value),
        cmocka_unit_test(test_too_long_rdata),
        cmocka_unit_test(test_to_wire_cap),
        cmocka_unit_test(test_invalid_args),
        cmocka_unit_test(test_set_copy_tag_is),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
