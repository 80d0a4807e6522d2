/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_RESULT_CACHE_H
#define CAA_SERVICE_RESULT_CACHE_H

/* Results by key (check_spec_key) for a short TTL, and the checks in flight: a request whose key
 * is being checked right now waits for that check instead of starting another. Bounded in
 * entries; thread-safe. */

#include <stdbool.h>
#include <stddef.h>

#include "check_result.h"

/* Receives one reference (check_result_unref), or NULL when the check could not run. */
typedef void cache_waiter_fn(void *arg, struct check_result *res);

enum cache_lookup {
    CACHE_HIT,    /* *hit holds a reference */
    CACHE_JOINED, /* fn(arg, ...) runs when the check in flight ends */
    CACHE_MISS,   /* the caller runs the check and calls result_cache_complete(key) */
    CACHE_FULL,   /* no room to track it: run the check without sharing it */
    CACHE_BYPASS, /* fresh, and the identical check in flight is not: run it unshared, unkept */
};

struct result_cache;

struct result_cache *result_cache_new(double ttl_s, size_t max_entries);
void result_cache_free(struct result_cache *c); /* NULL is a no-op; no check may be in flight */

/* fresh: never a HIT, and joins only a fresh identical check in flight (a non-fresh one may
 * answer from a worker's DNS cache): BYPASS. Anyone may join a fresh check. */
enum cache_lookup result_cache_get(struct result_cache *c, const char *key, bool fresh, double now,
                                   struct check_result **hit, cache_waiter_fn *fn, void *arg);
/* Ends the check in flight for key: keeps res (NULL or a failed check: nothing kept) and hands
 * each waiter a reference. Takes no reference from the caller. */
void result_cache_complete(struct result_cache *c, const char *key, struct check_result *res,
                           double now);
size_t result_cache_size(struct result_cache *c);
/* True when a result for key is held and not expired. */
bool result_cache_has(struct result_cache *c, const char *key, double now);

#endif
