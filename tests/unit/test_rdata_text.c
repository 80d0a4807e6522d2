/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/record.h>

/* A string with its length, so texts and values may hold NUL bytes. */
#define BYTES(s) (s), sizeof(s) - 1

static const struct {
    const char *text;
    size_t text_len;
    unsigned parse_flags;
    uint8_t flags;
    const char *tag;
    const char *value;
    size_t value_len;
} good_cases[] = {
    {BYTES("0 issue \"letsencrypt.org\""), 0, 0, "issue", BYTES("letsencrypt.org")},
    {BYTES("0 issue letsencrypt.org"), 0, 0, "issue", BYTES("letsencrypt.org")},
    {BYTES("128 tbs \"Unknown\""), 0, 128, "tbs", BYTES("Unknown")},
    {BYTES("255 IsSuE \";\""), 0, 255, "IsSuE", BYTES(";")},
    {BYTES("007 issue x"), 0, 7, "issue", BYTES("x")},
    {BYTES("  0\t issue\t\"ca.example\"  \t"), 0, 0, "issue", BYTES("ca.example")},
    {BYTES("0 issue \"ca.example\"\r\n"), 0, 0, "issue", BYTES("ca.example")},
    {BYTES("0 issue \"\""), 0, 0, "issue", BYTES("")},
    {BYTES("0 issue \"ca.example; accounturi=https://ca.example/acct/1\""), 0, 0, "issue",
     BYTES("ca.example; accounturi=https://ca.example/acct/1")},
    {BYTES("0 issue \"a \\\"b\\\" \\\\ c\""), 0, 0, "issue", BYTES("a \"b\" \\ c")},
    {BYTES("0 issue a\\\"b"), 0, 0, "issue", BYTES("a\"b")},
    {BYTES("0 issue \"\\000\\255\\065\\x\""), 0, 0, "issue",
     BYTES("\0\xff"
           "Ax")},
    {BYTES("0 issue a\\ b\\;c"), 0, 0, "issue", BYTES("a b;c")},
    {BYTES("0 issue \"tab\there\""), 0, 0, "issue", BYTES("tab\there")},
    {BYTES("0 issue \"raw\0nul\""), 0, 0, "issue", BYTES("raw\0nul")},
    {BYTES("0 issue \"(x) ; not a comment\""), 0, 0, "issue", BYTES("(x) ; not a comment")},
    {BYTES("\\# 22 000569737375656C657473656E63727970742E6F7267"), 0, 0, "issue",
     BYTES("letsencrypt.org")},
    {BYTES("\\# 22 0005697373 7565\t6c657473656e63727970742e6f72 67"), 0, 0, "issue",
     BYTES("letsencrypt.org")},
    {BYTES("\\# 7 8005696F646566"), 0, 128, "iodef", BYTES("")},
    {BYTES("0 is-sue x"), CAA_PARSE_LENIENT_TAG, 0, "is-sue", BYTES("x")},
    {BYTES("0 \"\" x"), CAA_PARSE_LENIENT_TAG, 0, "", BYTES("x")},
    {BYTES("\\# 3 000078"), CAA_PARSE_LENIENT_TAG, 0, "", BYTES("x")},
};

static const struct {
    const char *text;
    size_t text_len;
    unsigned parse_flags;
    size_t offset;
    const char *message; /* a substring of err.message */
} bad_cases[] = {
    {BYTES(""), 0, 0, "missing flags"},
    {BYTES("   "), 0, 3, "missing flags"},
    {BYTES("0"), 0, 1, "missing tag"},
    {BYTES("0 "), 0, 2, "missing tag"},
    {BYTES("0 issue"), 0, 7, "missing value"},
    {BYTES("0 issue \t"), 0, 9, "missing value"},
    {BYTES("256 issue x"), 0, 0, "flags 256 is out of range 0-255"},
    {BYTES("99999999999999999999999 issue x"), 0, 0, "out of range"},
    {BYTES("-1 issue x"), 0, 0, "flags must be a decimal number 0-255"},
    {BYTES("1x issue x"), 0, 1, "flags must be a decimal number"},
    {BYTES("0issue x"), 0, 1, "flags must be a decimal number"},
    {BYTES("issue \"x\""), 0, 0, "flags must be a decimal number"},
    {BYTES("0 is-sue x"), 0, 4, "0x2D is not a letter or digit"},
    {BYTES("0 issue; x"), 0, 7, "0x3B is not a letter or digit"},
    {BYTES("0 \"issue\" x"), 0, 2, "0x22 is not a letter or digit"},
    {BYTES("0 \"\" x"), 0, 2, "tag is empty"},
    {BYTES("0 issue \"letsencrypt.org"), 0, 8, "unbalanced quote"},
    {BYTES("0 issue \"abc\\\""), 0, 8, "unbalanced quote"},
    {BYTES("0 issue \"a\" \"b\""), 0, 12, "split"},
    {BYTES("0 issue \"a\"\"b\""), 0, 11, "trailing garbage after the quoted value"},
    {BYTES("0 issue \"a\"b"), 0, 11, "trailing garbage after the quoted value"},
    {BYTES("0 issue \"a\" b"), 0, 12, "trailing garbage after the value"},
    {BYTES("0 issue a b"), 0, 10, "trailing garbage after the value"},
    {BYTES("0 issue a\"b\""), 0, 9, "quote inside an unquoted value"},
    {BYTES("0 issue \"\\256\""), 0, 9, "\\256 is above 255"},
    {BYTES("0 issue \"\\12\""), 0, 9, "exactly 3 decimal digits"},
    {BYTES("0 issue \\1"), 0, 8, "exactly 3 decimal digits"},
    {BYTES("0 issue \\"), 0, 8, "escapes nothing"},
    {BYTES("0 issue \"\\"), 0, 9, "escapes nothing"},
    {BYTES("\\# 21 000569737375656C657473656E63727970742E6F7267"), 0, 3,
     "length 21 does not match the 22 bytes"},
    {BYTES("\\# 23 000569737375656C657473656E63727970742E6F7267"), 0, 3,
     "length 23 does not match the 22 bytes"},
    {BYTES("\\# 3 0001"), 0, 3, "length 3 does not match the 2 bytes"},
    {BYTES("\\# 2 00056"), 0, 5, "odd number of digits"},
    {BYTES("\\# 2 000 5"), 0, 5, "odd number of digits"},
    {BYTES("\\# 2 00G5"), 0, 7, "0x47 is not a hex digit"},
    {BYTES("\\# 2 0x05"), 0, 6, "0x78 is not a hex digit"},
    {BYTES("\\#"), 0, 2, "missing generic RDATA length"},
    {BYTES("\\# x 00"), 0, 3, "generic RDATA length must be a decimal number"},
    {BYTES("\\# 65536 00"), 0, 3, "out of range 0-65535"},
    {BYTES("\\# 0"), 0, 4, "byte 0: RDATA truncated"},
    {BYTES("\\# 1 00"), 0, 7, "byte 1: RDATA truncated"},
    {BYTES("\\# 2 0000"), 0, 7, "byte 1: tag length is 0"},
    {BYTES("\\# 4 0005 6973"), 0, 7, "byte 1: tag truncated"},
    {BYTES("\\# 4 00 02 69 2D"), 0, 14, "byte 3: tag byte 0x2D is not a letter"},
};

static void test_good(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++) {
        struct caa_record rec;
        struct caa_error err = {0, ""};
        enum caa_status st;

        print_message("# good %zu\n", i);
        st = caa_record_from_text(good_cases[i].text, good_cases[i].text_len,
                                  good_cases[i].parse_flags, &rec, &err);
        if (st != CAA_OK) {
            print_message("# %zu: %s\n", err.offset, err.message);
        }
        assert_int_equal(st, CAA_OK);
        assert_int_equal(rec.flags, good_cases[i].flags);
        assert_string_equal(rec.tag, good_cases[i].tag);
        assert_int_equal(rec.tag_len, strlen(good_cases[i].tag));
        assert_int_equal(rec.value_len, good_cases[i].value_len);
        assert_memory_equal(rec.value, good_cases[i].value, good_cases[i].value_len + 1);
        caa_record_cleanup(&rec);
    }
}

static void test_bad(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        struct caa_record rec;
        struct caa_error err = {999, ""};

        print_message("# bad %zu\n", i);
        caa_record_init(&rec);
        assert_int_equal(caa_record_from_text(bad_cases[i].text, bad_cases[i].text_len,
                                              bad_cases[i].parse_flags, &rec, &err),
                         CAA_E_SYNTAX);
        print_message("# %zu: %s\n", err.offset, err.message);
        assert_int_equal(err.offset, bad_cases[i].offset);
        assert_non_null(strstr(err.message, bad_cases[i].message));
        assert_null(rec.value);
    }
}

/* text -> record -> wire -> record -> text gives the canonical text, and the generic form of
 * the record parses back to the same canonical text. */
static const struct {
    const char *text;
    size_t text_len;
    unsigned parse_flags;
    const char *canonical;
    const char *generic;
} round_trips[] = {
    {BYTES("0 issue \"letsencrypt.org\""), 0, "0 issue \"letsencrypt.org\"",
     "\\# 22 000569737375656C657473656E63727970742E6F7267"},
    {BYTES("0 issue letsencrypt.org"), 0, "0 issue \"letsencrypt.org\"",
     "\\# 22 000569737375656C657473656E63727970742E6F7267"},
    {BYTES("128 iodef \"mailto:security@example.com\""), 0,
     "128 iodef \"mailto:security@example.com\"",
     "\\# 34 8005696F6465666D61696C746F3A7365637572697479406578616D706C652E636F6D"},
    {BYTES("0 issue \"\""), 0, "0 issue \"\"", "\\# 7 00056973737565"},
    {BYTES("0 issue \";\""), 0, "0 issue \";\"", "\\# 8 000569737375653B"},
    {BYTES("0 tbs \"q\\\"b\\\\s\""), 0, "0 tbs \"q\\\"b\\\\s\"", "\\# 10 00037462737122625C73"},
    {BYTES("0 tbs \"\\000\\t\\127\\200\\255~ \""), 0, "0 tbs \"\\000t\\127\\200\\255~ \"",
     "\\# 12 000374627300747FC8FF7E20"},
    {BYTES("\\# 8 0003746273 0A0D09"), 0, "0 tbs \"\\010\\013\\009\"", "\\# 8 00037462730A0D09"},
    {BYTES("1 CAnary \"x\""), 0, "1 CAnary \"x\"", "\\# 9 010643416E61727978"},
    /* lenient tags without a presentation form come back in the generic form */
    {BYTES("\\# 3 000078"), CAA_PARSE_LENIENT_TAG, "\\# 3 000078", "\\# 3 000078"},
    {BYTES("\\# 5 0002612078"), CAA_PARSE_LENIENT_TAG, "\\# 5 0002612078", "\\# 5 0002612078"},
    {BYTES("0 a-b x"), CAA_PARSE_LENIENT_TAG, "0 a-b \"x\"", "\\# 6 0003612D6278"},
};

static void test_round_trip(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(round_trips) / sizeof(round_trips[0]); i++) {
        unsigned pf = round_trips[i].parse_flags;
        struct caa_record rec;
        struct caa_record again;
        uint8_t wire[128];
        size_t wire_len = 0;
        char *text = NULL;
        char *generic = NULL;

        print_message("# round trip %zu\n", i);
        assert_int_equal(
            caa_record_from_text(round_trips[i].text, round_trips[i].text_len, pf, &rec, NULL),
            CAA_OK);
        assert_int_equal(caa_record_to_wire(&rec, wire, sizeof(wire), &wire_len), CAA_OK);
        caa_record_cleanup(&rec);
        assert_int_equal(caa_record_from_wire(wire, wire_len, pf, &rec, NULL), CAA_OK);
        assert_int_equal(caa_record_to_text(&rec, &text), CAA_OK);
        assert_string_equal(text, round_trips[i].canonical);
        assert_int_equal(caa_record_to_generic(&rec, &generic), CAA_OK);
        assert_string_equal(generic, round_trips[i].generic);

        /* generic -> text and text -> same record */
        assert_int_equal(caa_record_from_text(generic, strlen(generic), pf, &again, NULL), CAA_OK);
        assert_int_equal(again.flags, rec.flags);
        assert_int_equal(again.tag_len, rec.tag_len);
        assert_memory_equal(again.tag, rec.tag, rec.tag_len);
        assert_int_equal(again.value_len, rec.value_len);
        assert_memory_equal(again.value, rec.value, rec.value_len);
        caa_record_cleanup(&again);
        assert_int_equal(caa_record_from_text(text, strlen(text), pf, &again, NULL), CAA_OK);
        assert_int_equal(again.value_len, rec.value_len);
        assert_memory_equal(again.value, rec.value, rec.value_len);
        caa_record_cleanup(&again);

        free(text);
        free(generic);
        caa_record_cleanup(&rec);
    }
}

/* Every byte value, and values longer than 255 bytes (no length byte in CAA presentation). */
static void test_all_bytes_and_long_values(void **state)
{
    static const size_t lens[] = {256, 300, 4096, 65535 - 2 - 5};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        uint8_t *value = malloc(lens[i]);
        struct caa_record rec;
        struct caa_record again;
        char *text = NULL;
        char *generic = NULL;
        size_t j;

        assert_non_null(value);
        for (j = 0; j < lens[i]; j++) {
            value[j] = (uint8_t)j;
        }
        assert_int_equal(caa_record_set(&rec, 0, "issue", value, lens[i], 0, NULL), CAA_OK);
        assert_int_equal(caa_record_to_text(&rec, &text), CAA_OK);
        assert_int_equal(caa_record_from_text(text, strlen(text), 0, &again, NULL), CAA_OK);
        assert_int_equal(again.value_len, lens[i]);
        assert_memory_equal(again.value, value, lens[i]);
        caa_record_cleanup(&again);
        assert_int_equal(caa_record_to_generic(&rec, &generic), CAA_OK);
        assert_int_equal(caa_record_from_text(generic, strlen(generic), 0, &again, NULL), CAA_OK);
        assert_int_equal(again.value_len, lens[i]);
        assert_memory_equal(again.value, value, lens[i]);
        caa_record_cleanup(&again);
        caa_record_cleanup(&rec);
        free(text);
        free(generic);
        free(value);
    }
}

/* An unquoted value of 300 bytes is fine; one that makes the RDATA exceed 65535 bytes is not. */
static void test_value_size_limit(void **state)
{
    size_t max = 65535 - 2 - 5;
    size_t text_len = 8 + max + 1;
    char *text = malloc(text_len);
    struct caa_record rec;
    struct caa_error err = {0, ""};

    (void)state;
    assert_non_null(text);
    memcpy(text, "0 issue ", 8);
    memset(text + 8, 'a', max + 1);
    assert_int_equal(caa_record_from_text(text, 8 + 300, 0, &rec, NULL), CAA_OK);
    assert_int_equal(rec.value_len, 300);
    caa_record_cleanup(&rec);
    assert_int_equal(caa_record_from_text(text, text_len - 1, 0, &rec, NULL), CAA_OK);
    assert_int_equal(rec.value_len, max);
    caa_record_cleanup(&rec);
    assert_int_equal(caa_record_from_text(text, text_len, 0, &rec, &err), CAA_E_SYNTAX);
    assert_int_equal(err.offset, 8);
    assert_non_null(strstr(err.message, "value is longer than 65528 bytes"));
    free(text);
}

static void test_invalid_args(void **state)
{
    struct caa_record rec;
    char *out = (char *)"sentinel";

    (void)state;
    assert_int_equal(caa_record_from_text(NULL, 3, 0, &rec, NULL), CAA_E_INVALID_ARG);
    assert_int_equal(caa_record_from_text("0 a b", 5, 0, NULL, NULL), CAA_E_INVALID_ARG);
    assert_int_equal(caa_record_from_text("0 a b", 5, 0x80, &rec, NULL), CAA_E_INVALID_ARG);
    assert_int_equal(caa_record_to_text(NULL, &out), CAA_E_INVALID_ARG);
    assert_null(out);
    assert_int_equal(caa_record_to_text(NULL, NULL), CAA_E_INVALID_ARG);
    out = (char *)"sentinel";
    assert_int_equal(caa_record_to_generic(NULL, &out), CAA_E_INVALID_ARG);
    assert_null(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_all_bytes_and_long_values),
        cmocka_unit_test(test_value_size_limit),
        cmocka_unit_test(test_invalid_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
