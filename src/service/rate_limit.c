/* SPDX-License-Identifier: MIT */
#include "rate_limit.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

struct bucket {
    uint64_t key; /* the key's 64-bit hash: a collision merely shares a bucket */
    double tokens;
    double updated;
    bool used;
};

struct rate_limit {
    pthread_mutex_t lock;
    double rate, burst;
    size_t cap; /* slots: a power of two, twice max_keys */
    size_t count, max_keys;
    struct bucket *slots;
};

static uint64_t hash_of(const char *s)
{
    uint64_t h = 1469598103934665603ull;

    for (; *s != '\0'; s++) {
        h = (h ^ (uint8_t)*s) * 1099511628211ull;
    }
    return h;
}

struct rate_limit *rate_limit_new(double rate_per_s, double burst, size_t max_keys)
{
    struct rate_limit *rl = calloc(1, sizeof(*rl));
    size_t cap = 16;

    if (rl == NULL) {
        return NULL;
    }
    while (cap < max_keys * 2) {
        cap *= 2;
    }
    rl->slots = calloc(cap, sizeof(*rl->slots));
    if (rl->slots == NULL) {
        free(rl);
        return NULL;
    }
    pthread_mutex_init(&rl->lock, NULL);
    rl->rate = rate_per_s;
    rl->burst = burst;
    rl->cap = cap;
    rl->max_keys = max_keys;
    return rl;
}

void rate_limit_free(struct rate_limit *rl)
{
    if (rl != NULL) {
        pthread_mutex_destroy(&rl->lock);
        free(rl->slots);
        free(rl);
    }
}

static double level(const struct rate_limit *rl, const struct bucket *b, double now)
{
    double t = b->tokens + (now - b->updated) * rl->rate;

    return t > rl->burst ? rl->burst : t;
}

/* Rebuilds the table without the buckets that have refilled (they hold no information). */
static void forget_full(struct rate_limit *rl, double now)
{
    struct bucket *old = rl->slots;
    struct bucket *fresh = calloc(rl->cap, sizeof(*fresh));

    if (fresh == NULL) {
        return;
    }
    rl->slots = fresh;
    rl->count = 0;
    for (size_t i = 0; i < rl->cap; i++) {
        if (old[i].used && level(rl, &old[i], now) < rl->burst) {
            size_t j = (size_t)old[i].key & (rl->cap - 1);
            while (fresh[j].used) {
                j = (j + 1) & (rl->cap - 1);
            }
            fresh[j] = old[i];
            rl->count++;
        }
    }
    free(old);
}

static struct bucket *find(struct rate_limit *rl, uint64_t key, double now)
{
    size_t i = (size_t)key & (rl->cap - 1);

    while (rl->slots[i].used) {
        if (rl->slots[i].key == key) {
            return &rl->slots[i];
        }
        i = (i + 1) & (rl->cap - 1);
    }
    if (rl->count >= rl->max_keys) {
        forget_full(rl, now);
        if (rl->count >= rl->max_keys) {
            return NULL;
        }
        return find(rl, key, now);
    }
    struct bucket *b = &rl->slots[i];
    b->used = true;
    b->key = key;
    b->tokens = rl->burst;
    b->updated = now;
    rl->count++;
    return b;
}

int rate_limit_take(struct rate_limit *rl, const char *key, double cost, double now,
                    unsigned *retry_after_s)
{
    int rc = -1;
    struct bucket *b;
    double missing = cost;

    pthread_mutex_lock(&rl->lock);
    b = find(rl, hash_of(key), now);
    if (b != NULL) {
        b->tokens = level(rl, b, now);
        b->updated = now;
        if (b->tokens >= cost) {
            b->tokens -= cost;
            rc = 0;
        } else {
            missing = cost - b->tokens;
        }
    }
    pthread_mutex_unlock(&rl->lock);
    if (rc != 0) {
        double wait = rl->rate > 0 ? ceil(missing / rl->rate) : 3600.0;
        *retry_after_s = wait < 1.0 ? 1u : (wait > 3600.0 ? 3600u : (unsigned)wait);
    }
    return rc;
}
