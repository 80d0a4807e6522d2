/* SPDX-License-Identifier: MIT */
/*
 * Two caa_check() calls at once, in two threads with two contexts ("two contexts share
 * nothing"), on two lab names with different verdicts. Run inside the lab:
 *   threads ROOT_HINTS TRUST_ANCHOR
 * Prints one TAP-like line per thread; exit 0 only if both verdicts and codes are as expected.
 */
#include <caa/caa.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct job {
    pthread_barrier_t *start; /* both threads call caa_check() at the same moment */
    const char *name;
    enum caa_verdict want_verdict;
    enum caa_code want_code;
    const char *hints;
    const char *anchor;
    enum caa_verdict got_verdict;
    enum caa_code got_code;
    enum caa_status st;
};

static void *run_job(void *arg)
{
    struct job *job = arg;
    const char *issuers[] = {"letsencrypt.org"};
    const char *names[] = {job->name};
    struct caa_ctx *ctx = NULL;
    struct caa_report *rep = NULL;
    struct caa_request req;
    struct caa_error err;

    memset(&err, 0, sizeof(err));
    job->st = caa_ctx_new(&ctx);
    if (job->st == CAA_OK) {
        job->st = caa_ctx_set_root_hints(ctx, job->hints);
    }
    if (job->st == CAA_OK) {
        job->st = caa_ctx_set_trust_anchor(ctx, job->anchor);
    }
    (void)pthread_barrier_wait(job->start);
    if (job->st == CAA_OK) {
        caa_ctx_set_timeout_ms(ctx, 5000);
        caa_request_init(&req);
        req.issuers = issuers;
        req.issuer_count = 1;
        job->st = caa_check(ctx, names, 1, &req, &rep, &err);
    }
    if (job->st == CAA_OK) {
        job->got_verdict = caa_report_name_verdict(rep, 0);
        job->got_code = caa_report_name_code(rep, 0);
    } else {
        fprintf(stderr, "%s: %s: %s\n", job->name, caa_status_name(job->st), err.message);
    }
    caa_report_free(rep);
    caa_ctx_free(ctx);
    return NULL;
}

int main(int argc, char **argv)
{
    struct job jobs[] = {
        {.name = "allowed.tour.test",
         .want_verdict = CAA_VERDICT_ALLOWED,
         .want_code = CAA_CODE_AUTHORIZED},
        {.name = "a.b.c.signed.test",
         .want_verdict = CAA_VERDICT_DENIED,
         .want_code = CAA_CODE_ISSUER_NOT_LISTED},
    };
    enum { JOB_COUNT = sizeof(jobs) / sizeof(jobs[0]) };
    pthread_t threads[JOB_COUNT];
    pthread_barrier_t start;
    int failures = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: %s ROOT_HINTS TRUST_ANCHOR\n", argv[0]);
        return 64;
    }
    if (pthread_barrier_init(&start, NULL, JOB_COUNT) != 0) {
        return 70;
    }
    for (size_t i = 0; i < JOB_COUNT; i++) {
        jobs[i].start = &start;
        jobs[i].hints = argv[1];
        jobs[i].anchor = argv[2];
        if (pthread_create(&threads[i], NULL, run_job, &jobs[i]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 70;
        }
    }
    for (size_t i = 0; i < JOB_COUNT; i++) {
        (void)pthread_join(threads[i], NULL);
    }
    (void)pthread_barrier_destroy(&start);
    for (size_t i = 0; i < JOB_COUNT; i++) {
        const struct job *job = &jobs[i];
        int ok = job->st == CAA_OK && job->got_verdict == job->want_verdict &&
                 job->got_code == job->want_code;
        printf("%s %s: %s %s\n", ok ? "ok" : "not ok", job->name,
               job->st == CAA_OK ? caa_verdict_name(job->got_verdict) : caa_status_name(job->st),
               job->st == CAA_OK ? caa_code_name(job->got_code) : "");
        failures += !ok;
    }
    return failures == 0 ? 0 : 1;
}
