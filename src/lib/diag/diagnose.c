/* SPDX-License-Identifier: MIT */
/*
 * caa_diagnose: the CA's verdict (caa_check), the zones its lookups touch, every authoritative
 * server asked directly, and the findings that explain the verdict, with who must fix what.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <caa/diagnose.h>
#include <caa/name.h>

#include "lib/check/context.h"
#include "lib/diag/diagnosis.h"
#include "lib/diag/rules.h"

#define DEFAULT_QUERY_TIMEOUT_MS 2000u
#define REPEAT_MAX 20u

const char *caa_blame_name(enum caa_blame blame)
{
    static const char *const names[] = {
        [CAA_BLAME_NONE] = "none",
        [CAA_BLAME_DOMAIN_OWNER] = "domain-owner",
        [CAA_BLAME_DNS_OPERATOR] = "dns-operator",
        [CAA_BLAME_PARENT_ZONE] = "parent-zone-operator",
        [CAA_BLAME_TLD_REGISTRY] = "tld-registry",
        [CAA_BLAME_NETWORK] = "network",
        [CAA_BLAME_CA] = "ca",
    };
    return (unsigned)blame < sizeof(names) / sizeof(names[0]) ? names[blame] : "none";
}

static unsigned now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned)((unsigned long long)ts.tv_sec * 1000u +
                      (unsigned long long)ts.tv_nsec / 1000000u);
}

static struct caa__resolver_config resolver_config(const struct caa_ctx *ctx, unsigned timeout_ms)
{
    struct caa__resolver_config cfg;

    memset(&cfg, 0, sizeof(cfg));
    cfg.root_hints = ctx->root_hints;
    cfg.trust_anchor = ctx->trust_anchor;
    cfg.custom_hints = ctx->root_hints != NULL;
    cfg.option_names = (const char *const *)ctx->option_names;
    cfg.option_values = (const char *const *)ctx->option_values;
    cfg.option_count = ctx->option_count;
    cfg.timeout_ms = timeout_ms;
    return cfg;
}

static struct caa_diagnose_options normalized(const struct caa_diagnose_options *opts)
{
    struct caa_diagnose_options o = {0, 0, false, false};

    if (opts != NULL) {
        o = *opts;
    }
    o.query_timeout_ms = o.query_timeout_ms == 0 ? DEFAULT_QUERY_TIMEOUT_MS : o.query_timeout_ms;
    o.repeat = o.repeat == 0 ? 1 : (o.repeat > REPEAT_MAX ? REPEAT_MAX : o.repeat);
    return o;
}

/* The CA's view, in a thread of its own while the servers are probed: caa_check on a copy of the
 * context whose deadline is two query timeouts, so a dead zone costs seconds, not the
 * resolver's full retry schedule. The copy shares the context's strings read-only, and not its
 * kept resolver. */
struct check_job {
    struct caa_ctx ctx;
    const char *name;
    const struct caa_request *req;
    struct caa_report *report;
    struct caa_error err;
    enum caa_status status;
};

static void *check_thread(void *arg)
{
    struct check_job *job = arg;

    job->status = caa_check(&job->ctx, &job->name, 1, job->req, &job->report, &job->err);
    return NULL;
}

static void check_job_init(struct check_job *job, const struct caa_ctx *ctx, const char *name,
                           const struct caa_request *req, unsigned query_timeout_ms)
{
    unsigned deadline = query_timeout_ms * 2;

    memset(job, 0, sizeof(*job));
    /* A diagnosis sees the DNS as it is now: a fresh resolver, never the one ctx keeps (which
     * the copy must not share either: it would free it), nor the comparison's loop. */
    caa__ctx_copy_settings(&job->ctx, ctx);
    job->ctx.timeout_ms = deadline < ctx->timeout_ms ? deadline : ctx->timeout_ms;
    job->name = name;
    job->req = req;
}

static enum caa_status probe_everything(struct caa_diagnosis *d, const struct caa_ctx *ctx,
                                        const char *name, const struct caa_diagnose_options *o,
                                        struct caa_error *err)
{
    struct caa__resolver_config cfg = resolver_config(ctx, o->query_timeout_ms * 2);
    struct caa__plan_options plan_opts = {o->query_timeout_ms, o->repeat, o->allow_private,
                                          o->dns01};
    enum caa_status st;

    /* The walk needs one answer per level, not every server's: half a query timeout keeps a
     * silent server from costing a full timeout twice (walk and probes). */
    st = caa__zones_find(&cfg, name, (o->query_timeout_ms + 1) / 2, o->allow_private, &d->zones,
                         err);
    if (st == CAA_OK) {
        st = caa__plan_run(&d->plan, &d->zones, name, &plan_opts);
    }
    return st;
}

static enum caa_status judge(struct caa_diagnosis *d, const struct caa_ctx *ctx,
                             const struct caa_diagnose_options *o)
{
    struct caa__resolver_config cfg = resolver_config(ctx, o->query_timeout_ms * 2);
    struct caa__rules_input in = {&d->zones, &d->plan, o->repeat, o->allow_private};

    caa__rules_servers(&in, &d->findings);
    caa__rules_zones(&in, &d->findings);
    caa__rules_dnssec(&in, &d->findings);
    caa__rules_dns01(&in, &d->findings);
    caa__rules_verdict(d, &cfg);
    return d->findings.status;
}

/* The name as the CA sees it (A-labels), for the probes; CAA_E_SYNTAX for a bad name. */
static enum caa_status normalize(const char *name, char **out, struct caa_error *err)
{
    return caa_name_normalize(name, out, NULL, err);
}

enum caa_status caa_diagnose(struct caa_ctx *ctx, const char *name, const struct caa_request *req,
                             const struct caa_diagnose_options *opts, struct caa_diagnosis **out,
                             struct caa_error *err)
{
    struct caa_diagnose_options o = normalized(opts);
    unsigned start = now_ms();
    struct caa_diagnosis *d = NULL;
    struct check_job job;
    char *ascii = NULL;
    pthread_t thread;
    enum caa_status st;

    if (ctx == NULL || name == NULL || req == NULL || out == NULL) {
        return CAA_E_INVALID_ARG;
    }
    st = normalize(name, &ascii, err);
    d = st == CAA_OK ? calloc(1, sizeof(*d)) : NULL;
    if (d == NULL) {
        free(ascii);
        return st != CAA_OK ? st : CAA_E_NOMEM;
    }
    d->options = o;
    check_job_init(&job, ctx, name, req, o.query_timeout_ms);
    if (pthread_create(&thread, NULL, check_thread, &job) != 0) {
        check_thread(&job);
        thread = pthread_self();
    }
    st = probe_everything(d, ctx, ascii, &o, err);
    if (!pthread_equal(thread, pthread_self())) {
        pthread_join(thread, NULL);
    }
    d->report = job.report;
    if (st == CAA_OK && job.status != CAA_OK) {
        st = job.status;
        if (err != NULL) {
            *err = job.err;
        }
    }
    if (st == CAA_OK) {
        st = judge(d, ctx, &o);
    }
    free(ascii);
    if (st != CAA_OK) {
        caa_diagnosis_free(d);
        return st;
    }
    caa__findings_sort(&d->findings);
    d->elapsed_ms = now_ms() - start;
    *out = d;
    return CAA_OK;
}

void caa_diagnosis_free(struct caa_diagnosis *d)
{
    if (d == NULL) {
        return;
    }
    caa_report_free(d->report);
    caa__findings_cleanup(&d->findings);
    caa__plan_cleanup(&d->plan);
    free(d);
}

const struct caa_report *caa_diagnosis_report(const struct caa_diagnosis *d)
{
    return d->report;
}

size_t caa_diagnosis_finding_count(const struct caa_diagnosis *d)
{
    return d->findings.count;
}

const struct caa_finding *caa_diagnosis_finding(const struct caa_diagnosis *d, size_t i)
{
    return i < d->findings.count ? &d->findings.items[i] : NULL;
}

size_t caa_diagnosis_server_count(const struct caa_diagnosis *d)
{
    size_t n = 0;

    for (size_t z = 0; z < d->zones.count; z++) {
        n += d->zones.zones[z].server_count;
    }
    return n;
}

size_t caa_diagnosis_probe_count(const struct caa_diagnosis *d)
{
    return d->plan.count;
}

unsigned caa_diagnosis_elapsed_ms(const struct caa_diagnosis *d)
{
    return d->elapsed_ms;
}
