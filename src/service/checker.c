/* SPDX-License-Identifier: MIT */
#include "checker.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct check_job {
    struct checker *checker;
    char *key; /* NULL: not shared through the cache */
    struct check_spec *spec;
    checker_done_fn *done;
    void *arg;
    bool fresh; /* fresh=1: the worker's resolver starts cold */
};

double checker_now(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void job_free(struct check_job *job)
{
    free(job->key);
    check_spec_free(job->spec);
    free(job);
}

/* On a worker: one caa_check with this worker's context. */
static void run_check(struct caa_ctx *ctx, void *arg)
{
    struct check_job *job = arg;
    struct caa_report *rep = NULL;
    struct caa_request req;
    struct caa_error err = {0, ""};
    double t0 = checker_now();
    enum caa_status st;
    struct check_result *res = NULL;

    if (ctx == NULL) {
        goto out;
    }
    check_spec_request(job->spec, &req);
    caa_ctx_set_profile(ctx, job->spec->profile);
    if (job->fresh) {
        caa_ctx_reset_resolver(ctx); /* the DNS as it is now, not the worker's cache */
    }
    st = caa_check(ctx, (const char *const *)job->spec->names, job->spec->name_count, &req, &rep,
                   &err);
    res = check_result_new(rep, st, &err, checker_now() - t0);
    caa_report_free(rep);
out:
    if (job->key != NULL) {
        result_cache_complete(job->checker->cache, job->key, res, checker_now());
    }
    job->done(job->arg, res);
    job_free(job);
}

int checker_run(struct checker *c, const struct check_spec *spec, bool fresh, checker_done_fn *done,
                void *arg)
{
    struct check_result *hit = NULL;
    struct check_job *job = calloc(1, sizeof(*job));
    enum cache_lookup got;

    if (job == NULL || (job->key = check_spec_key(spec)) == NULL ||
        (job->spec = check_spec_dup(spec)) == NULL) {
        if (job != NULL) {
            job_free(job);
        }
        done(arg, NULL);
        return 0;
    }
    job->checker = c;
    job->done = done;
    job->arg = arg;
    job->fresh = fresh;
    got = result_cache_get(c->cache, job->key, fresh, checker_now(), &hit, done, arg);
    if (got == CACHE_HIT || got == CACHE_JOINED) {
        atomic_fetch_add(got == CACHE_HIT ? &c->hits : &c->joined, 1);
        job_free(job);
        if (hit != NULL) {
            done(arg, hit);
        }
        return 0;
    }
    atomic_fetch_add(&c->misses, 1);
    if (got == CACHE_FULL || got == CACHE_BYPASS) {
        free(job->key);
        job->key = NULL;
    }
    char *key = job->key != NULL ? strdup(job->key) : NULL;
    if (pool_submit(c->pool, run_check, job) != 0) {
        /* Whoever joined meanwhile is told too (NULL: overloaded). */
        if (key != NULL) {
            result_cache_complete(c->cache, key, NULL, checker_now());
        }
        free(key);
        job_free(job);
        return -1;
    }
    free(key);
    return 0;
}
