/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/name.h>

#include "lib/caa/name_internal.h"

static const struct {
    const char *input;
    enum caa_status want;
    const char *ascii;   /* when CAA_OK */
    const char *unicode; /* when CAA_OK */
    size_t offset;       /* when CAA_E_SYNTAX */
} cases[] = {
    {"example.com", CAA_OK, "example.com", "example.com", 0},
    {"Example.COM.", CAA_OK, "example.com", "example.com", 0},
    {"*.WWW.example.com", CAA_OK, "*.www.example.com", "*.www.example.com", 0},
    {"*.Bücher.example", CAA_OK, "*.xn--bcher-kva.example", "*.bücher.example", 0},
    {"xn--bcher-kva.example", CAA_OK, "xn--bcher-kva.example", "bücher.example", 0},
    /* UTS #46 non-transitional: ß stays ß (IDNA2008), it is not mapped to "ss". */
    {"faß.de", CAA_OK, "xn--fa-hia.de", "faß.de", 0},
    {"_acme-challenge.example.com", CAA_OK, "_acme-challenge.example.com",
     "_acme-challenge.example.com", 0},
    {"com", CAA_OK, "com", "com", 0},
    {"", CAA_E_SYNTAX, NULL, NULL, 0},
    {"a..b", CAA_E_SYNTAX, NULL, NULL, 2},
    {"*.a..b", CAA_E_SYNTAX, NULL, NULL, 4},
    {"exa mple.com", CAA_E_SYNTAX, NULL, NULL, 3},
    {"example.com/path", CAA_E_SYNTAX, NULL, NULL, 11},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", CAA_E_SYNTAX, NULL,
     NULL, 0},
};

/* cases[i]'s status, and on success its two forms; true when it was to fail. */
static bool case_as_wanted(size_t i, enum caa_status st, const char *ascii, const char *unicode,
                           const struct caa_error *err)
{
    if (st != cases[i].want) {
        fail_msg("'%s': got %s (%s), want %s", cases[i].input, caa_status_name(st), err->message,
                 caa_status_name(cases[i].want));
    }
    if (st == CAA_OK) {
        assert_string_equal(ascii, cases[i].ascii);
        assert_string_equal(unicode, cases[i].unicode);
    }
    return st != CAA_OK;
}

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *ascii = NULL;
        char *unicode = NULL;
        struct caa_error err = {99, ""};
        enum caa_status st = caa_name_normalize(cases[i].input, &ascii, &unicode, &err);
        if (case_as_wanted(i, st, ascii, unicode, &err)) {
            assert_null(ascii);
            assert_int_equal(err.offset, cases[i].offset);
            assert_true(strlen(err.message) > 5);
        }
        free(ascii);
        free(unicode);
    }
}

/* The Public Suffix List's grouping (bulk's worker key, serve's per-target rate limit). */
static void test_registrable(void **state)
{
    static const struct {
        const char *name;
        const char *want;
    } r[] = {
        {"example.com", "example.com"},
        {"a.b.example.com", "example.com"},
        {"a.b.example.co.uk", "example.co.uk"},
        {"other.co.uk", "other.co.uk"}, /* not grouped with example.co.uk under co.uk */
        {"*.www.example.co.uk", "example.co.uk"},
        {"x.user.github.io", "user.github.io"}, /* a private suffix of the list */
        {"www.z0.test", "z0.test"},             /* unknown TLD: one suffix label */
        {"co.uk", "co.uk"},                     /* a public suffix is its own group */
        {"com", "com"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
        const char *got = caa_name_registrable(r[i].name);
        if (got == NULL || strcmp(got, r[i].want) != 0) {
            fail_msg("'%s': got '%s', want '%s'", r[i].name, got != NULL ? got : "(null)",
                     r[i].want);
        }
    }
    assert_null(caa_name_registrable(NULL));
}

/* Bulk's path (both forms carved from an arena) gives what the public one gives, errors
 * included. */
static void test_arena_cases(void **state)
{
    struct caa__arena *arena = NULL;

    (void)state;
    assert_int_equal(caa__arena_new((size_t)1 << 20, &arena), CAA_OK);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *ascii = NULL;
        const char *unicode = NULL;
        struct caa_error err = {99, ""};
        enum caa_status st = caa__name_normalize_in(arena, cases[i].input, &ascii, &unicode, &err);
        if (case_as_wanted(i, st, ascii, unicode, &err)) {
            struct caa_error public_err = {99, ""};
            char *a = NULL;
            assert_null(ascii);
            assert_int_equal(caa_name_normalize(cases[i].input, &a, NULL, &public_err), st);
            assert_int_equal(err.offset, public_err.offset);
            assert_string_equal(err.message, public_err.message);
        }
    }
    caa__arena_free(arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_arena_cases),
        cmocka_unit_test(test_registrable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
