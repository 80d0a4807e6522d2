/* SPDX-License-Identifier: MIT */
/* The bulk engine's label cache (TTL, LRU bound, holds, forgetting errors) and per-zone caps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/bulk/cache.h"
#include "lib/bulk/zone_limits.h"

static struct cache_entry *ready(struct cache *c, const char *qname, uint64_t expires_ms)
{
    struct cache_entry *e = cache_add(c, qname, NULL);

    assert_non_null(e);
    e->expires_ms = expires_ms;
    cache_ready(c, e);
    return e;
}

static void test_find_and_expire(void **state)
{
    struct cache c;

    (void)state;
    assert_int_equal(cache_init(&c, 100), 0);
    ready(&c, "example.com", 1000);
    assert_non_null(cache_find(&c, "example.com", 999));
    assert_null(cache_find(&c, "example.org", 999));
    /* TTL honoured: at its expiry the outcome is gone and must be asked again. */
    assert_null(cache_find(&c, "example.com", 1000));
    assert_int_equal(c.count, 0);
    cache_cleanup(&c);
}

static void test_lru_bound_spares_held_entries(void **state)
{
    struct cache c;
    struct cache_entry *held;
    char name[32];

    (void)state;
    assert_int_equal(cache_init(&c, 3), 0);
    held = ready(&c, "held.example", 10000);
    cache_hold(&c, held);
    for (int i = 0; i < 10; i++) {
        snprintf(name, sizeof(name), "n%d.example", i);
        ready(&c, name, 10000);
    }
    /* Bounded whatever N is; the held entry survives, the oldest unheld ones went. */
    assert_true(c.count <= 3);
    assert_non_null(cache_find(&c, "held.example", 0));
    assert_null(cache_find(&c, "n0.example", 0));
    assert_non_null(cache_find(&c, "n9.example", 0));
    cache_release(&c, held);
    cache_cleanup(&c);
}

static void test_forgotten_errors_are_not_found(void **state)
{
    struct cache c;
    struct cache_entry *e;

    (void)state;
    assert_int_equal(cache_init(&c, 10), 0);
    e = cache_add(&c, "servfail.example", NULL);
    cache_hold(&c, e); /* a name is still reading the error */
    cache_ready(&c, e);
    cache_forget(&c, e);
    assert_null(cache_find(&c, "servfail.example", 0));
    assert_int_equal(e->refs, 1);
    cache_release(&c, e); /* freed now: ASan would report a leak otherwise */
    cache_cleanup(&c);
}

/* A full cache reuses the entries it evicts: 1,000 labels through a cache of 3 make 4 entries
 * (the fourth is the one added before the oldest is evicted), not 1,000. */
static void test_full_cache_reuses_evicted_entries(void **state)
{
    struct cache c;
    char name[32];

    (void)state;
    assert_int_equal(cache_init(&c, 3), 0);
    for (int i = 0; i < 1000; i++) {
        struct cache_entry *e;
        snprintf(name, sizeof(name), "n%d.example", i);
        e = ready(&c, name, 10000);
        assert_string_equal(e->answer.qname, name);
        assert_int_equal(e->refs, 0);
    }
    assert_int_equal(c.count, 3);
    assert_int_equal(c.allocated, 4);
    assert_non_null(cache_find(&c, "n999.example", 0));
    assert_null(cache_find(&c, "n996.example", 0));
    cache_cleanup(&c);
}

static void test_zone_limit_aimd(void **state)
{
    struct zone_limits z;
    struct zone_limit *slot;
    struct cache_entry a = {0};
    struct cache_entry b = {0};

    (void)state;
    assert_int_equal(zone_limits_init(&z, 8), 0);
    slot = zone_limits_get(&z, "a.b.example.com");
    assert_string_equal(slot->key, "example.com");
    assert_ptr_equal(zone_limits_get(&z, "x.example.com"), slot);
    for (int i = 0; i < 8; i++) {
        assert_true(zone_limit_try(slot));
    }
    assert_false(zone_limit_try(slot));
    zone_limit_wait(slot, &a);
    zone_limit_wait(slot, &b);
    /* A failure halves the cap: 7 in flight, cap 4: nothing may start. */
    assert_null(zone_limit_done(&z, slot, true));
    assert_int_equal(slot->limit, 4);
    /* Each success gives one back: 6 in flight, cap 5: still nothing ... */
    assert_null(zone_limit_done(&z, slot, false));
    /* ... 5 in flight, cap 6: the first waiter starts (counted), in order. */
    assert_ptr_equal(zone_limit_done(&z, slot, false), &a);
    assert_int_equal(slot->in_flight, 6);
    assert_int_equal(slot->limit, 6);
    zone_limits_cleanup(&z);
}

/* An idle zone's slot is released to the spares, and the next zone reuses it, fresh: a run over
 * ever new zones does not malloc a slot per zone. */
static void test_zone_limit_reuses_released_slots(void **state)
{
    struct zone_limits z;
    struct zone_limit *first;
    struct zone_limit *second;

    (void)state;
    assert_int_equal(zone_limits_init(&z, 8), 0);
    first = zone_limits_get(&z, "a.example.com");
    assert_true(zone_limit_try(first));
    assert_null(zone_limit_done(&z, first, true)); /* the cap halves */
    zone_limits_release(&z, first);
    second = zone_limits_get(&z, "a.example.net");
    assert_ptr_equal(second, first);
    assert_string_equal(second->key, "example.net");
    assert_int_equal(second->limit, 8);
    assert_int_equal(second->in_flight, 0);
    assert_ptr_equal(zone_limits_get(&z, "b.example.net"), second);
    assert_ptr_not_equal(zone_limits_get(&z, "a.example.com"), second);
    zone_limits_cleanup(&z);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_and_expire),
        cmocka_unit_test(test_lru_bound_spares_held_entries),
        cmocka_unit_test(test_forgotten_errors_are_not_found),
        cmocka_unit_test(test_full_cache_reuses_evicted_entries),
        cmocka_unit_test(test_zone_limit_aimd),
        cmocka_unit_test(test_zone_limit_reuses_released_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
