/* SPDX-License-Identifier: MIT */
#include "result_cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 4096u

struct waiter {
    cache_waiter_fn *fn;
    void *arg;
    struct waiter *next;
};

struct entry {
    char *key;
    uint32_t hash;
    struct check_result *res; /* the last result, or NULL */
    double expires;
    bool pending;           /* a check is in flight for this key */
    bool pending_fresh;     /* and it was asked with fresh=1 */
    struct waiter *waiters; /* requests waiting for it */
    struct entry *next;
};

struct result_cache {
    pthread_mutex_t lock;
    double ttl_s;
    size_t max_entries;
    size_t count;
    struct entry *buckets[BUCKETS];
};

static uint32_t hash_of(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */

    for (; *s != '\0'; s++) {
        h = (h ^ (uint8_t)*s) * 16777619u;
    }
    return h;
}

struct result_cache *result_cache_new(double ttl_s, size_t max_entries)
{
    struct result_cache *c = calloc(1, sizeof(*c));

    if (c != NULL) {
        pthread_mutex_init(&c->lock, NULL);
        c->ttl_s = ttl_s;
        c->max_entries = max_entries;
    }
    return c;
}

static void entry_free(struct entry *e)
{
    check_result_unref(e->res);
    free(e->key);
    free(e);
}

void result_cache_free(struct result_cache *c)
{
    if (c == NULL) {
        return;
    }
    for (size_t b = 0; b < BUCKETS; b++) {
        while (c->buckets[b] != NULL) {
            struct entry *e = c->buckets[b];
            c->buckets[b] = e->next;
            entry_free(e);
        }
    }
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static struct entry **find(struct result_cache *c, const char *key, uint32_t h)
{
    struct entry **pp = &c->buckets[h % BUCKETS];

    while (*pp != NULL && ((*pp)->hash != h || strcmp((*pp)->key, key) != 0)) {
        pp = &(*pp)->next;
    }
    return pp;
}

/* Drops expired results that nobody is checking. */
static void sweep(struct result_cache *c, double now)
{
    for (size_t b = 0; b < BUCKETS; b++) {
        struct entry **pp = &c->buckets[b];
        while (*pp != NULL) {
            struct entry *e = *pp;
            if (!e->pending && e->expires <= now) {
                *pp = e->next;
                entry_free(e);
                c->count--;
            } else {
                pp = &e->next;
            }
        }
    }
}

static enum cache_lookup add_pending(struct result_cache *c, const char *key, uint32_t h,
                                     bool fresh, double now)
{
    struct entry *e;

    if (c->count >= c->max_entries) {
        sweep(c, now);
        if (c->count >= c->max_entries) {
            return CACHE_FULL;
        }
    }
    e = calloc(1, sizeof(*e));
    if (e == NULL || (e->key = strdup(key)) == NULL) {
        free(e);
        return CACHE_FULL;
    }
    e->hash = h;
    e->pending = true;
    e->pending_fresh = fresh;
    e->next = c->buckets[h % BUCKETS];
    c->buckets[h % BUCKETS] = e;
    c->count++;
    return CACHE_MISS;
}

enum cache_lookup result_cache_get(struct result_cache *c, const char *key, bool fresh, double now,
                                   struct check_result **hit, cache_waiter_fn *fn, void *arg)
{
    uint32_t h = hash_of(key);
    enum cache_lookup out;
    struct entry *e;

    pthread_mutex_lock(&c->lock);
    e = *find(c, key, h);
    if (e == NULL) {
        out = add_pending(c, key, h, fresh, now);
    } else if (e->pending && fresh && !e->pending_fresh) {
        out = CACHE_BYPASS;
    } else if (e->pending) {
        struct waiter *w = malloc(sizeof(*w));
        if (w == NULL) {
            out = CACHE_FULL;
        } else {
            *w = (struct waiter){fn, arg, e->waiters};
            e->waiters = w;
            out = CACHE_JOINED;
        }
    } else if (!fresh && e->res != NULL && e->expires > now) {
        *hit = check_result_ref(e->res);
        out = CACHE_HIT;
    } else {
        e->pending = true;
        e->pending_fresh = fresh;
        out = CACHE_MISS;
    }
    pthread_mutex_unlock(&c->lock);
    return out;
}

void result_cache_complete(struct result_cache *c, const char *key, struct check_result *res,
                           double now)
{
    uint32_t h = hash_of(key);
    struct waiter *waiters = NULL;
    struct entry **pp;

    pthread_mutex_lock(&c->lock);
    pp = find(c, key, h);
    if (*pp != NULL) {
        struct entry *e = *pp;
        waiters = e->waiters;
        e->waiters = NULL;
        e->pending = false;
        if (res != NULL && res->status == CAA_OK && c->ttl_s > 0) {
            check_result_unref(e->res);
            e->res = check_result_ref(res);
            e->expires = now + c->ttl_s;
        } else if (e->res == NULL || e->expires <= now) {
            *pp = e->next;
            entry_free(e);
            c->count--;
        }
    }
    pthread_mutex_unlock(&c->lock);
    while (waiters != NULL) {
        struct waiter *w = waiters;
        waiters = w->next;
        w->fn(w->arg, res != NULL ? check_result_ref(res) : NULL);
        free(w);
    }
}

size_t result_cache_size(struct result_cache *c)
{
    size_t n;

    pthread_mutex_lock(&c->lock);
    n = c->count;
    pthread_mutex_unlock(&c->lock);
    return n;
}

bool result_cache_has(struct result_cache *c, const char *key, double now)
{
    bool has;

    pthread_mutex_lock(&c->lock);
    struct entry *e = *find(c, key, hash_of(key));
    has = e != NULL && e->res != NULL && e->expires > now;
    pthread_mutex_unlock(&c->lock);
    return has;
}
