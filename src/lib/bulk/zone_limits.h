/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_ZONE_LIMITS_H
#define CAA_BULK_ZONE_LIMITS_H

/*
 * At most so many lookups in flight per zone (approximated by a name's last two labels), so a
 * run never hammers one provider; the cap halves when lookups there fail or time out and grows
 * back by one per success (AIMD, performance.md). Lookups over the cap wait in a FIFO.
 */

#include <stdbool.h>
#include <stddef.h>

struct cache_entry;

struct zone_limit {
    char key[256];
    unsigned in_flight;
    unsigned limit;
    struct cache_entry *head, *tail;
    struct zone_limit *next;
};

struct zone_limits {
    struct zone_limit **buckets;
    size_t bucket_count;
    unsigned max;
    struct zone_limit *spare; /* released slots for reuse, linked by next */
};

int zone_limits_init(struct zone_limits *z, unsigned max);
void zone_limits_cleanup(struct zone_limits *z);
/* The slot of qname's zone (created on first use); NULL when out of memory. */
struct zone_limit *zone_limits_get(struct zone_limits *z, const char *qname);
/* True if a lookup may start now (then it is counted); else queue it with zone_limit_wait. */
bool zone_limit_try(struct zone_limit *slot);
void zone_limit_wait(struct zone_limit *slot, struct cache_entry *e);
/* A lookup finished: adjusts the cap; returns the next waiting entry to start (counted), or
 * NULL. */
struct cache_entry *zone_limit_done(struct zone_limits *z, struct zone_limit *slot, bool failed);
/* Releases a slot with nothing in flight or waiting: idle zones hold no memory beyond the
 * spare slots, at most as many as were ever busy at once, which the next zones reuse. */
void zone_limits_release(struct zone_limits *z, struct zone_limit *slot);

#endif
