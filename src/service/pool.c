/* SPDX-License-Identifier: MIT */
#include "pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct job {
    pool_job_fn *fn;
    void *arg;
};

struct worker {
    struct pool *pool;
    struct caa_ctx *ctx;
    pthread_t thread;
    bool started;
};

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct job *ring;
    size_t cap, head, count;
    size_t running;
    bool stopping;
    struct worker *workers;
    unsigned worker_count;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    struct pool *p = w->pool;

    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->count == 0 && !p->stopping) {
            pthread_cond_wait(&p->wake, &p->lock);
        }
        if (p->count == 0) {
            break;
        }
        struct job job = p->ring[p->head];
        p->head = (p->head + 1) % p->cap;
        p->count--;
        p->running++;
        bool stopping = p->stopping;
        pthread_mutex_unlock(&p->lock);
        job.fn(stopping ? NULL : w->ctx, job.arg);
        pthread_mutex_lock(&p->lock);
        p->running--;
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int pool_new(unsigned workers, size_t queue_max, pool_ctx_fn *make_ctx, void *user,
             struct pool **out)
{
    struct pool *p = calloc(1, sizeof(*p));

    if (p == NULL) {
        return -1;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    p->cap = queue_max > 0 ? queue_max : 1;
    p->ring = calloc(p->cap, sizeof(*p->ring));
    p->workers = calloc(workers, sizeof(*p->workers));
    if (p->ring == NULL || p->workers == NULL) {
        pool_free(p);
        return -1;
    }
    for (unsigned i = 0; i < workers; i++) {
        struct worker *w = &p->workers[i];
        w->pool = p;
        p->worker_count = i + 1;
        if (make_ctx(user, &w->ctx) != 0 || pthread_create(&w->thread, NULL, work, w) != 0) {
            pool_free(p);
            return -1;
        }
        w->started = true;
    }
    *out = p;
    return 0;
}

int pool_submit(struct pool *p, pool_job_fn *fn, void *arg)
{
    int rc = -1;

    pthread_mutex_lock(&p->lock);
    if (p->count < p->cap && !p->stopping) {
        p->ring[(p->head + p->count) % p->cap] = (struct job){fn, arg};
        p->count++;
        pthread_cond_signal(&p->wake);
        rc = 0;
    }
    pthread_mutex_unlock(&p->lock);
    return rc;
}

size_t pool_queued(struct pool *p)
{
    size_t n;

    pthread_mutex_lock(&p->lock);
    n = p->count;
    pthread_mutex_unlock(&p->lock);
    return n;
}

size_t pool_running(struct pool *p)
{
    size_t n;

    pthread_mutex_lock(&p->lock);
    n = p->running;
    pthread_mutex_unlock(&p->lock);
    return n;
}

void pool_free(struct pool *p)
{
    if (p == NULL) {
        return;
    }
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->worker_count; i++) {
        if (p->workers[i].started) {
            pthread_join(p->workers[i].thread, NULL);
        }
        caa_ctx_free(p->workers[i].ctx);
    }
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    free(p->workers);
    free(p->ring);
    free(p);
}
