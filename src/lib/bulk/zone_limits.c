/* SPDX-License-Identifier: MIT */
#include "lib/bulk/zone_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bulk/cache.h"

#define LIMIT_FLOOR 4u

int zone_limits_init(struct zone_limits *z, unsigned max)
{
    z->bucket_count = 4096;
    z->spare = NULL;
    z->max = max < LIMIT_FLOOR ? LIMIT_FLOOR : max;
    z->buckets = calloc(z->bucket_count, sizeof(*z->buckets));
    return z->buckets != NULL ? 0 : -1;
}

void zone_limits_cleanup(struct zone_limits *z)
{
    for (size_t b = 0; z->buckets != NULL && b < z->bucket_count; b++) {
        struct zone_limit *s = z->buckets[b];
        while (s != NULL) {
            struct zone_limit *next = s->next;
            free(s);
            s = next;
        }
    }
    while (z->spare != NULL) {
        struct zone_limit *s = z->spare;
        z->spare = s->next;
        free(s);
    }
    free(z->buckets);
    z->buckets = NULL;
}

/* "a.b.example.com" -> "example.com": close enough to "the zone" to spread load. */
static const char *zone_key(const char *qname)
{
    const char *last = strrchr(qname, '.');
    const char *p = qname;

    if (last == NULL) {
        return qname;
    }
    for (const char *dot = strchr(p, '.'); dot != NULL && dot != last; dot = strchr(p, '.')) {
        p = dot + 1;
    }
    return p;
}

struct zone_limit *zone_limits_get(struct zone_limits *z, const char *qname)
{
    const char *key = zone_key(qname);
    size_t b = (size_t)(cache_hash(key) & (z->bucket_count - 1));
    struct zone_limit *s = z->buckets[b];

    while (s != NULL && strcmp(s->key, key) != 0) {
        s = s->next;
    }
    if (s != NULL) {
        return s;
    }
    if ((s = z->spare) != NULL) {
        z->spare = s->next;
        memset(s, 0, sizeof(*s));
    } else if ((s = calloc(1, sizeof(*s))) == NULL) {
        return NULL;
    }
    (void)snprintf(s->key, sizeof(s->key), "%s", key);
    s->limit = z->max;
    s->next = z->buckets[b];
    z->buckets[b] = s;
    return s;
}

bool zone_limit_try(struct zone_limit *slot)
{
    if (slot->in_flight >= slot->limit) {
        return false;
    }
    slot->in_flight++;
    return true;
}

void zone_limit_wait(struct zone_limit *slot, struct cache_entry *e)
{
    e->queue_next = NULL;
    if (slot->tail != NULL) {
        slot->tail->queue_next = e;
    } else {
        slot->head = e;
    }
    slot->tail = e;
}

struct cache_entry *zone_limit_done(struct zone_limits *z, struct zone_limit *slot, bool failed)
{
    struct cache_entry *next = slot->head;

    slot->in_flight--;
    if (failed) {
        slot->limit = slot->limit / 2 < LIMIT_FLOOR ? LIMIT_FLOOR : slot->limit / 2;
    } else if (slot->limit < z->max) {
        slot->limit++;
    }
    if (next == NULL || slot->in_flight >= slot->limit) {
        return NULL;
    }
    slot->head = next->queue_next;
    if (slot->head == NULL) {
        slot->tail = NULL;
    }
    slot->in_flight++;
    return next;
}

void zone_limits_release(struct zone_limits *z, struct zone_limit *slot)
{
    struct zone_limit **p;

    if (slot->in_flight > 0 || slot->head != NULL) {
        return;
    }
    p = &z->buckets[cache_hash(slot->key) & (z->bucket_count - 1)];
    while (*p != NULL && *p != slot) {
        p = &(*p)->next;
    }
    if (*p == slot) {
        *p = slot->next;
        slot->next = z->spare;
        z->spare = slot;
    }
}
