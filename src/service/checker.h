/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_CHECKER_H
#define CAA_SERVICE_CHECKER_H

/* Runs checks for requests: answers from the result cache, joins an identical check in flight,
 * or queues a new one on the worker pool. */

#include <stdatomic.h>
#include <stdbool.h>

#include "check_result.h"
#include "check_spec.h"
#include "pool.h"
#include "result_cache.h"

/* res: one reference for the callee, or NULL when the check could not run (overload). Runs on a
 * worker thread, or on the caller's thread for a cache hit. */
typedef void checker_done_fn(void *arg, struct check_result *res);

struct checker {
    struct pool *pool;
    struct result_cache *cache;
    atomic_ulong hits, misses, joined;
};

/* 0: done(arg, ...) runs exactly once, possibly before this returns. -1: the queue is full;
 * done is not called. */
int checker_run(struct checker *c, const struct check_spec *spec, bool fresh, checker_done_fn *done,
                void *arg);
/* Seconds on the monotonic clock (the cache's time). */
double checker_now(void);

#endif
