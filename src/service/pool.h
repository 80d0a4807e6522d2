/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_POOL_H
#define CAA_SERVICE_POOL_H

/* The worker pool: a fixed number of threads, each with its own caa_ctx (one thread per context,
 * the library's rule), fed from one bounded queue. Full queue: the submit fails and the caller
 * answers 503, so the work a burst can queue is bounded. */

#include <caa/caa.h>

#include <stddef.h>

/* Runs on a worker with that worker's context; ctx is NULL when the pool is stopping (answer
 * without doing the work). */
typedef void pool_job_fn(struct caa_ctx *ctx, void *arg);
/* Builds one worker's context; 0 or -1. */
typedef int pool_ctx_fn(void *user, struct caa_ctx **out);

struct pool;

/* 0, or -1 if a context or a thread could not be made. */
int pool_new(unsigned workers, size_t queue_max, pool_ctx_fn *make_ctx, void *user,
             struct pool **out);
/* 0 queued; -1 the queue is full (or the pool is stopping). */
int pool_submit(struct pool *p, pool_job_fn *fn, void *arg);
/* Jobs waiting and jobs running. */
size_t pool_queued(struct pool *p);
size_t pool_running(struct pool *p);
/* Runs what is queued (with a NULL context), then joins the workers and frees (NULL is a no-op). */
void pool_free(struct pool *p);

#endif
