/* SPDX-License-Identifier: MIT */
/* GET /probe?target=NAME&ca=...: Prometheus text exposition in the blackbox_exporter
 * multi-target style (the target is a query argument; Prometheus relabels __param_target).
 * Plain probes go through the result cache; diagnose=1 asks every server and adds one
 * caa_finding{code,severity} series per finding. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "diag_run.h"
#include "problem.h"
#include "respond.h"

#define PROBE_TEXT_MAX 65536

struct probe_job {
    struct service *svc;
    struct http_req *req;
    struct check_spec spec;
};

struct text {
    char buf[PROBE_TEXT_MAX];
    size_t len;
};

__attribute__((format(printf, 2, 3))) static void put(struct text *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(t->buf + t->len, sizeof(t->buf) - t->len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        t->len += (size_t)n < sizeof(t->buf) - t->len ? (size_t)n : sizeof(t->buf) - t->len - 1;
    }
}

struct probe_values {
    bool ran;
    bool allowed;
    bool lookup_error;
    bool dnssec_secure;
    unsigned depth;
    unsigned warnings;
    double duration_s;
};

static void gauges(struct text *t, const struct probe_values *v)
{
    put(t,
        "# HELP caa_probe_success 1 when the check ran and the CA may issue for the target.\n"
        "# TYPE caa_probe_success gauge\ncaa_probe_success %d\n"
        "# HELP caa_issuance_allowed 1 when the CA may issue (the CAA verdict is allowed).\n"
        "# TYPE caa_issuance_allowed gauge\ncaa_issuance_allowed %d\n"
        "# HELP caa_lookup_error 1 when the CA could not evaluate CAA (SERVFAIL, timeout, "
        "bogus).\n"
        "# TYPE caa_lookup_error gauge\ncaa_lookup_error %d\n"
        "# HELP caa_dnssec_secure 1 when the relevant RRset validated as DNSSEC secure.\n"
        "# TYPE caa_dnssec_secure gauge\ncaa_dnssec_secure %d\n"
        "# HELP caa_relevant_depth Labels climbed from the target to the relevant RRset.\n"
        "# TYPE caa_relevant_depth gauge\ncaa_relevant_depth %u\n"
        "# HELP caa_check_warnings Warnings of the check (NS_INCONSISTENT: the zone's servers "
        "disagree).\n"
        "# TYPE caa_check_warnings gauge\ncaa_check_warnings %u\n"
        "# HELP caa_probe_duration_seconds How long the check took.\n"
        "# TYPE caa_probe_duration_seconds gauge\ncaa_probe_duration_seconds %.6f\n",
        v->ran && v->allowed, v->allowed, v->lookup_error, v->dnssec_secure, v->depth, v->warnings,
        v->duration_s);
}

static void finish_text(struct http_req *req, const struct text *t)
{
    char *body = malloc(t->len + 1);

    if (body != NULL) {
        memcpy(body, t->buf, t->len + 1);
    }
    respond_body(req, 200, "text/plain; version=0.0.4; charset=utf-8", body, t->len);
}

/* Counts the depth as check_result does: labels consulted above the name. */
static unsigned depth_of(const struct caa_report *rep)
{
    unsigned used = 0;

    for (size_t j = 0; j < caa_report_lookup_count(rep, 0); j++) {
        used += caa_report_lookup(rep, 0, j)->used;
    }
    return used > 0 ? used - 1 : 0;
}

static void on_checked(void *arg, struct check_result *res)
{
    struct probe_job *job = arg;
    struct text *t = malloc(sizeof(*t));

    if (res == NULL) {
        respond_overloaded(job->svc, job->req);
    } else if (t == NULL) {
        problem_finish(job->req, 500, "internal", "Internal error", "out of memory");
    } else {
        struct probe_values v = {res->status == CAA_OK,
                                 res->verdict == CAA_VERDICT_ALLOWED,
                                 res->status == CAA_OK && res->lookup_error,
                                 res->dnssec_secure,
                                 res->depth,
                                 res->warnings,
                                 res->duration_s};
        t->len = 0;
        gauges(t, &v);
        finish_text(job->req, t);
    }
    free(t);
    check_result_unref(res);
    check_spec_cleanup(&job->spec);
    free(job);
}

static void findings(struct text *t, const struct caa_diagnosis *diag)
{
    put(t, "# HELP caa_finding A finding of the diagnosis (1 per finding).\n"
           "# TYPE caa_finding gauge\n");
    for (size_t i = 0; i < caa_diagnosis_finding_count(diag); i++) {
        const struct caa_finding *f = caa_diagnosis_finding(diag, i);
        /* Codes and severities are fixed identifiers: nothing to escape in a label value. */
        put(t, "caa_finding{code=\"%s\",severity=\"%s\"} 1\n", caa_code_name(f->code),
            caa_severity_name(f->severity));
    }
}

static void run_diagnosed(struct caa_ctx *ctx, void *arg)
{
    struct probe_job *job = arg;
    struct caa_diagnosis *diag = NULL;
    struct caa_error err = {0, ""};
    struct text *t = malloc(sizeof(*t));
    enum caa_status st = CAA_E_NOMEM;

    if (ctx == NULL) {
        respond_overloaded(job->svc, job->req);
        goto out;
    }
    if (t != NULL) {
        st = diag_run(ctx, job->svc->opts, &job->spec, job->spec.names[0], &diag, &err);
    }
    if (st != CAA_OK) {
        problem_finish(job->req, 500, "probe-failed", "The probe could not run",
                       err.message[0] != '\0' ? err.message : caa_status_message(st));
        goto out;
    }
    const struct caa_report *rep = caa_diagnosis_report(diag);
    struct probe_values v = {true,
                             caa_report_verdict(rep) == CAA_VERDICT_ALLOWED,
                             caa_report_verdict(rep) == CAA_VERDICT_ERROR,
                             caa_report_rrset_dnssec(rep, 0) == CAA_DNSSEC_SECURE,
                             depth_of(rep),
                             (unsigned)caa_report_warning_count(rep),
                             (double)caa_diagnosis_elapsed_ms(diag) / 1000.0};
    t->len = 0;
    gauges(t, &v);
    findings(t, diag);
    finish_text(job->req, t);
out:
    free(t);
    caa_diagnosis_free(diag);
    check_spec_cleanup(&job->spec);
    free(job);
}

void probe_get(struct service *svc, struct http_req *req)
{
    const char *target = http_req_arg(req, "target");
    const char *names[1] = {target};
    struct check_input in = {names,
                             target != NULL,
                             http_req_arg(req, "ca"),
                             http_req_arg(req, "method"),
                             http_req_arg(req, "account_uri"),
                             http_req_arg(req, "profile")};
    const char *d = http_req_arg(req, "diagnose");
    bool diagnose = d != NULL && strcmp(d, "1") == 0;
    struct probe_job *job = calloc(1, sizeof(*job));
    char why[256];

    if (job == NULL) {
        problem_finish(req, 500, "internal", "Internal error", "out of memory");
        return;
    }
    job->svc = svc;
    job->req = req;
    if (check_spec_parse(&in, &job->spec, why, sizeof(why)) != 0) {
        problem_finish(req, 400, "invalid-request", "Invalid probe target",
                       target == NULL ? "give target=NAME" : why);
        free(job);
        return;
    }
    if (respond_guard(svc, req, &job->spec, false, !diagnose) != 0) {
        check_spec_cleanup(&job->spec);
        free(job);
        return;
    }
    int rc = diagnose ? pool_submit(svc->pool, run_diagnosed, job)
                      : checker_run(&svc->checker, &job->spec, false, on_checked, job);
    if (rc != 0) {
        check_spec_cleanup(&job->spec);
        free(job);
        respond_overloaded(svc, req);
    }
}
