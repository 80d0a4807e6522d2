/* SPDX-License-Identifier: MIT */
/* The climb: which labels are asked, and which answer decides (ca-behaviour.md §1, §6.4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/caa/relevant_rrset.h"

static void test_labels(void **state)
{
    static const struct {
        const char *name;
        size_t count;
        const char *labels[5];
    } cases[] = {
        {"a.b.example.com", 4, {"a.b.example.com", "b.example.com", "example.com", "com"}},
        {"*.example.co.uk", 3, {"example.co.uk", "co.uk", "uk"}},
        {"com", 1, {"com"}},
        {"", 0, {NULL}},
    };
    const char *out[CAA__CLIMB_MAX];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t n = caa__climb_labels(cases[i].name, out);
        assert_int_equal(n, cases[i].count);
        for (size_t j = 0; j < n; j++) {
            assert_string_equal(out[j], cases[i].labels[j]);
        }
    }
}

#define E CAA__LABEL_EMPTY
#define R CAA__LABEL_RRSET
#define X CAA__LABEL_ERROR

static void test_selection(void **state)
{
    static const struct {
        const char *id;
        enum caa__label_kind kinds[4];
        size_t n;
        enum caa__label_kind want_kind;
        size_t want_index;
    } cases[] = {
        {"T001 nothing anywhere", {E, E}, 2, E, 2},
        {"T004 inherited from parent", {E, R, E}, 3, R, 1},
        {"own RRset", {R, E, E}, 3, R, 0},
        {"T013 error above the RRset is ignored", {R, X, E}, 3, R, 0},
        {"T014 error below the RRset fails", {X, E, R}, 3, X, 0},
        {"error between name and RRset fails", {E, X, R}, 3, X, 1},
        {"error at the TLD with nothing below", {E, E, X}, 3, X, 2},
        {"closest RRset wins (T007)", {R, R}, 2, R, 0},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct caa__selection sel = caa__select_relevant(cases[i].kinds, cases[i].n);
        if (sel.kind != cases[i].want_kind || sel.index != cases[i].want_index) {
            fail_msg("%s: got kind %d at %zu", cases[i].id, sel.kind, sel.index);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_selection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
