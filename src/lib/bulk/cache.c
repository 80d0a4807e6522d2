/* SPDX-License-Identifier: MIT */
#include "lib/bulk/cache.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util/hash.h"

int cache_init(struct cache *c, size_t capacity)
{
    memset(c, 0, sizeof(*c));
    c->capacity = capacity;
    c->bucket_count = 1024;
    while (c->bucket_count < capacity && c->bucket_count < ((size_t)1 << 24)) {
        c->bucket_count *= 2;
    }
    c->buckets = calloc(c->bucket_count, sizeof(*c->buckets));
    return c->buckets != NULL ? 0 : -1;
}

/* An evicted or forgotten entry goes to the spare list, not back to malloc: once the cache is
 * full, every new label reuses one (the steady state allocates no entries). */
static void entry_free(struct cache *c, struct cache_entry *e)
{
    caa__dns_answer_cleanup(&e->answer);
    e->hnext = c->spare;
    c->spare = e;
}

void cache_cleanup(struct cache *c)
{
    for (size_t b = 0; c->buckets != NULL && b < c->bucket_count; b++) {
        struct cache_entry *e = c->buckets[b];
        while (e != NULL) {
            struct cache_entry *next = e->hnext;
            caa__dns_answer_cleanup(&e->answer);
            free(e);
            e = next;
        }
    }
    while (c->spare != NULL) {
        struct cache_entry *e = c->spare;
        c->spare = e->hnext;
        free(e);
    }
    free(c->buckets);
    memset(c, 0, sizeof(*c));
}

uint64_t cache_hash(const char *qname)
{
    return caa__fnv1a(qname);
}

static void lru_unlink(struct cache *c, struct cache_entry *e)
{
    if (e->lru_prev != NULL) {
        e->lru_prev->lru_next = e->lru_next;
    } else if (c->lru_head == e) {
        c->lru_head = e->lru_next;
    }
    if (e->lru_next != NULL) {
        e->lru_next->lru_prev = e->lru_prev;
    } else if (c->lru_tail == e) {
        c->lru_tail = e->lru_prev;
    }
    e->lru_prev = e->lru_next = NULL;
}

static void lru_append(struct cache *c, struct cache_entry *e)
{
    e->lru_prev = c->lru_tail;
    e->lru_next = NULL;
    if (c->lru_tail != NULL) {
        c->lru_tail->lru_next = e;
    } else {
        c->lru_head = e;
    }
    c->lru_tail = e;
}

static void table_remove(struct cache *c, struct cache_entry *e)
{
    struct cache_entry **p = &c->buckets[e->hash & (c->bucket_count - 1)];

    while (*p != NULL && *p != e) {
        p = &(*p)->hnext;
    }
    if (*p == e) {
        *p = e->hnext;
        c->count--;
    }
    e->in_table = false;
    lru_unlink(c, e);
}

struct cache_entry *cache_find(struct cache *c, const char *qname, uint64_t now_ms)
{
    uint64_t h = cache_hash(qname);
    struct cache_entry *e = c->buckets[h & (c->bucket_count - 1)];

    while (e != NULL && (e->hash != h || strcmp(e->answer.qname, qname) != 0)) {
        e = e->hnext;
    }
    if (e != NULL && e->ready && e->expires_ms <= now_ms) {
        table_remove(c, e);
        if (e->refs == 0) {
            entry_free(c, e);
        }
        return NULL;
    }
    return e;
}

struct cache_entry *cache_add(struct cache *c, const char *qname, void *run)
{
    struct cache_entry *e = c->spare;
    size_t b;

    if (e != NULL) {
        c->spare = e->hnext;
        memset(e, 0, sizeof(*e));
    } else if ((e = calloc(1, sizeof(*e))) != NULL) {
        c->allocated++;
    } else {
        return NULL;
    }
    caa__dns_answer_init(&e->answer, qname);
    e->hash = cache_hash(e->answer.qname);
    e->in_table = true;
    e->run = run;
    b = e->hash & (c->bucket_count - 1);
    e->hnext = c->buckets[b];
    c->buckets[b] = e;
    c->count++;
    return e;
}

void cache_hold(struct cache *c, struct cache_entry *e)
{
    if (e->refs++ == 0) {
        lru_unlink(c, e);
    }
}

void cache_release(struct cache *c, struct cache_entry *e)
{
    if (--e->refs > 0) {
        return;
    }
    if (!e->in_table) {
        entry_free(c, e);
    } else if (e->ready) {
        lru_append(c, e);
    }
}

void cache_forget(struct cache *c, struct cache_entry *e)
{
    if (e->in_table) {
        table_remove(c, e);
    }
    if (e->refs == 0) {
        entry_free(c, e);
    }
}

void cache_ready(struct cache *c, struct cache_entry *e)
{
    e->ready = true;
    if (e->in_table && e->refs == 0) {
        lru_append(c, e);
    }
    while (c->count > c->capacity && c->lru_head != NULL) {
        struct cache_entry *old = c->lru_head;
        table_remove(c, old);
        entry_free(c, old);
    }
}
