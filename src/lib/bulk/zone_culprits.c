/* SPDX-License-Identifier: MIT */
#include "lib/bulk/zone_culprits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bulk/cache.h"
#include "lib/util/ascii.h"

int zone_culprits_init(struct zone_culprits *zc, size_t capacity)
{
    memset(zc, 0, sizeof(*zc));
    zc->capacity = capacity > 0 ? capacity : 1;
    zc->bucket_count = 64;
    while (zc->bucket_count < 2 * zc->capacity && zc->bucket_count < ((size_t)1 << 20)) {
        zc->bucket_count *= 2;
    }
    zc->buckets = calloc(zc->bucket_count, sizeof(*zc->buckets));
    return zc->buckets != NULL ? 0 : -1;
}

void zone_culprits_cleanup(struct zone_culprits *zc)
{
    struct zone_culprit *e = zc->lru_head;

    while (e != NULL) {
        struct zone_culprit *next = e->lru_next;
        free(e);
        e = next;
    }
    free(zc->buckets);
    memset(zc, 0, sizeof(*zc));
}

bool zone_culprits_under(const char *label, const char *apex)
{
    size_t len = strlen(label);
    size_t apex_len = strlen(apex);

    if (apex_len > len || !caa__ascii_streq_nocase(label + (len - apex_len), apex)) {
        return false;
    }
    return len == apex_len || label[len - apex_len - 1] == '.';
}

static void lru_unlink(struct zone_culprits *zc, struct zone_culprit *e)
{
    if (e->lru_prev != NULL) {
        e->lru_prev->lru_next = e->lru_next;
    } else {
        zc->lru_head = e->lru_next;
    }
    if (e->lru_next != NULL) {
        e->lru_next->lru_prev = e->lru_prev;
    } else {
        zc->lru_tail = e->lru_prev;
    }
    e->lru_prev = NULL;
    e->lru_next = NULL;
}

static void lru_front(struct zone_culprits *zc, struct zone_culprit *e)
{
    e->lru_next = zc->lru_head;
    if (zc->lru_head != NULL) {
        zc->lru_head->lru_prev = e;
    } else {
        zc->lru_tail = e;
    }
    zc->lru_head = e;
}

static void drop(struct zone_culprits *zc, struct zone_culprit *e)
{
    struct zone_culprit **p = &zc->buckets[e->hash & (zc->bucket_count - 1)];

    while (*p != e) {
        p = &(*p)->hnext;
    }
    *p = e->hnext;
    lru_unlink(zc, e);
    zc->count--;
    free(e);
}

static struct zone_culprit *exact(const struct zone_culprits *zc, const char *apex, uint64_t hash)
{
    struct zone_culprit *e = zc->buckets[hash & (zc->bucket_count - 1)];

    while (e != NULL && (e->hash != hash || !caa__ascii_streq_nocase(e->apex, apex))) {
        e = e->hnext;
    }
    return e;
}

/* The hash ignores ASCII case, as the comparison does (cache_hash is case-sensitive). */
static uint64_t apex_hash(const char *apex)
{
    char lower[256];
    size_t i = 0;

    for (; apex[i] != '\0' && i + 1 < sizeof(lower); i++) {
        unsigned char c = (unsigned char)apex[i];
        lower[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32u : c);
    }
    lower[i] = '\0';
    return cache_hash(lower);
}

struct zone_culprit *zone_culprits_find(struct zone_culprits *zc, const char *label,
                                        uint64_t now_ms)
{
    const char *at = label;

    while (at != NULL && at[0] != '\0') {
        uint64_t hash = apex_hash(at);
        struct zone_culprit *e = exact(zc, at, hash);
        if (e != NULL && now_ms - e->made_ms >= ZONE_CULPRITS_TTL_MS) {
            drop(zc, e);
            e = NULL;
        }
        if (e != NULL) {
            lru_unlink(zc, e);
            lru_front(zc, e);
            return e;
        }
        at = strchr(at, '.');
        at = at != NULL ? at + 1 : NULL;
    }
    return NULL;
}

struct zone_culprit *zone_culprits_put(struct zone_culprits *zc, const char *apex, uint64_t now_ms)
{
    uint64_t hash = apex_hash(apex);
    struct zone_culprit *e = exact(zc, apex, hash);
    size_t b = hash & (zc->bucket_count - 1);

    if (strlen(apex) >= sizeof(e->apex)) {
        return NULL;
    }
    if (e != NULL) {
        drop(zc, e);
    }
    while (zc->count >= zc->capacity && zc->lru_tail != NULL) {
        drop(zc, zc->lru_tail);
    }
    if ((e = calloc(1, sizeof(*e))) == NULL) {
        return NULL;
    }
    (void)snprintf(e->apex, sizeof(e->apex), "%s", apex);
    e->made_ms = now_ms;
    e->hash = hash;
    e->hnext = zc->buckets[b];
    zc->buckets[b] = e;
    lru_front(zc, e);
    zc->count++;
    return e;
}
