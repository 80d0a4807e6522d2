/* SPDX-License-Identifier: MIT */
/* bulk's per-zone culprit cache (the deepest known zone answers a label, LRU bound, expiry) and
 * the summary's culprits summed from the rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/bulk/culprits.h"
#include "lib/bulk/zone_culprits.h"

static void test_under(void **state)
{
    static const struct {
        const char *label;
        const char *apex;
        bool want;
    } cases[] = {
        {"notimp.test", "notimp.test", true},
        {"a.b.notimp.test", "notimp.test", true},
        {"A.NotImp.Test", "notimp.test", true},
        {"xnotimp.test", "notimp.test", false}, /* a suffix, not a parent */
        {"test", "notimp.test", false},
        {"notimp.test", "a.notimp.test", false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(zone_culprits_under(cases[i].label, cases[i].apex), cases[i].want);
    }
}

static void test_deepest_known_zone_answers(void **state)
{
    struct zone_culprits zc;
    struct zone_culprit *parent;
    struct zone_culprit *child;

    (void)state;
    assert_int_equal(zone_culprits_init(&zc, 8), 0);
    assert_null(zone_culprits_find(&zc, "a.notimp.test", 0));
    parent = zone_culprits_put(&zc, "notimp.test", 0);
    assert_non_null(parent);
    parent->server_count = 1;
    assert_ptr_equal(zone_culprits_find(&zc, "notimp.test", 1), parent);
    assert_ptr_equal(zone_culprits_find(&zc, "x.y.notimp.test", 1), parent);
    assert_ptr_equal(zone_culprits_find(&zc, "X.NOTIMP.TEST", 1), parent);
    assert_null(zone_culprits_find(&zc, "xnotimp.test", 1));
    assert_null(zone_culprits_find(&zc, "test", 1));
    child = zone_culprits_put(&zc, "kid.notimp.test", 2);
    assert_ptr_equal(zone_culprits_find(&zc, "www.kid.notimp.test", 3), child);
    assert_ptr_equal(zone_culprits_find(&zc, "www.notimp.test", 3), parent);
    /* Putting an apex again replaces its entry (emptied). */
    parent = zone_culprits_put(&zc, "notimp.test", 4);
    assert_int_equal(parent->server_count, 0);
    assert_int_equal(zc.count, 2);
    zone_culprits_cleanup(&zc);
}

static void test_bounded_and_expiring(void **state)
{
    struct zone_culprits zc;
    char apex[32];

    (void)state;
    assert_int_equal(zone_culprits_init(&zc, 3), 0);
    for (int i = 0; i < 3; i++) {
        (void)snprintf(apex, sizeof(apex), "z%d.test", i);
        assert_non_null(zone_culprits_put(&zc, apex, 0));
    }
    /* z0 used last: z1 is the least recently used and goes first. */
    assert_non_null(zone_culprits_find(&zc, "a.z0.test", 1));
    assert_non_null(zone_culprits_put(&zc, "z3.test", 2));
    assert_int_equal(zc.count, 3);
    assert_null(zone_culprits_find(&zc, "a.z1.test", 3));
    assert_non_null(zone_culprits_find(&zc, "a.z0.test", 3));
    assert_non_null(zone_culprits_find(&zc, "a.z2.test", 3));
    /* Believed for ZONE_CULPRITS_TTL_MS only. */
    assert_non_null(zone_culprits_find(&zc, "z3.test", ZONE_CULPRITS_TTL_MS + 1));
    assert_null(zone_culprits_find(&zc, "z3.test", ZONE_CULPRITS_TTL_MS + 2));
    assert_int_equal(zc.count, 2);
    /* A name longer than an apex can be is refused, not cut. */
    char long_apex[300];
    memset(long_apex, 'a', sizeof(long_apex) - 1);
    long_apex[sizeof(long_apex) - 1] = '\0';
    assert_null(zone_culprits_put(&zc, long_apex, 0));
    zone_culprits_cleanup(&zc);
}

static struct caa_bulk_result row(const char *failing_label,
                                  const struct caa_bulk_culprit_server *servers, size_t n)
{
    struct caa_bulk_result r;

    memset(&r, 0, sizeof(r));
    r.verdict = CAA_VERDICT_ERROR;
    r.failing_label = failing_label;
    r.culprit_servers = servers;
    r.culprit_server_count = n;
    return r;
}

static void test_summary_sums_the_rows(void **state)
{
    static const struct caa_bulk_culprit_server notimp[] = {
        {"ns1.x.test", "192.0.2.1", CAA_CODE_NS_NOTIMP_CAA},
        {"ns2.x.test", "", CAA_CODE_DNS_SERVFAIL},
    };
    static const struct caa_bulk_culprit_server refused[] = {
        {"ns1.x.test", "192.0.2.1", CAA_CODE_NS_REFUSED},
    };
    struct culprits c;
    struct caa_bulk_stats stats;
    struct caa_bulk_result r;

    (void)state;
    caa_bulk_stats_init(&stats);
    assert_int_equal(culprits_init(&c), 0);
    for (int i = 0; i < 3; i++) {
        r = row("a.x.test", notimp, 2);
        culprits_note(&c, &r);
    }
    r = row("b.y.test", refused, 1);
    culprits_note(&c, &r);
    r = row("c.z.test", NULL, 0); /* failed, nobody named */
    culprits_note(&c, &r);
    r = row("", NULL, 0); /* not a failed lookup (a malformed name) */
    culprits_note(&c, &r);
    r = row("d.x.test", notimp, 2);
    r.verdict = CAA_VERDICT_ALLOWED; /* the BR exception: not a failure */
    culprits_note(&c, &r);
    culprits_fill(&c, &stats);
    assert_int_equal(stats.failed_names, 5);
    assert_int_equal(stats.unattributed_names, 1);
    /* One server, two causes: two entries; most names first. */
    assert_int_equal(stats.culprit_count, 3);
    assert_int_equal(stats.culprits[0].names, 3);
    assert_int_equal(stats.culprits[1].names, 3);
    assert_string_equal(stats.culprits[2].nameserver, "ns1.x.test");
    assert_int_equal(stats.culprits[2].code, CAA_CODE_NS_REFUSED);
    assert_int_equal(stats.culprits[2].names, 1);
    culprits_cleanup(&c);
}

static void test_summary_keeps_the_biggest(void **state)
{
    struct culprits c;
    struct caa_bulk_stats stats;
    char ns[CAA_BULK_CULPRITS_MAX + 8][32];

    (void)state;
    caa_bulk_stats_init(&stats);
    assert_int_equal(culprits_init(&c), 0);
    /* Server i fails i + 1 names: the CAA_BULK_CULPRITS_MAX biggest are kept, in order. */
    for (size_t i = 0; i < CAA_BULK_CULPRITS_MAX + 8; i++) {
        (void)snprintf(ns[i], sizeof(ns[i]), "ns%zu.test", i);
        struct caa_bulk_culprit_server s = {ns[i], "", CAA_CODE_DNS_TIMEOUT};
        for (size_t k = 0; k <= i; k++) {
            struct caa_bulk_result r = row("x.test", &s, 1);
            culprits_note(&c, &r);
        }
    }
    culprits_fill(&c, &stats);
    assert_int_equal(stats.culprit_count, CAA_BULK_CULPRITS_MAX);
    assert_string_equal(stats.culprits[0].nameserver, "ns39.test");
    assert_int_equal(stats.culprits[CAA_BULK_CULPRITS_MAX - 1].names, 9);
    culprits_cleanup(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_under),
        cmocka_unit_test(test_deepest_known_zone_answers),
        cmocka_unit_test(test_bounded_and_expiring),
        cmocka_unit_test(test_summary_sums_the_rows),
        cmocka_unit_test(test_summary_keeps_the_biggest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
