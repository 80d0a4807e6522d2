/* SPDX-License-Identifier: MIT */
/* GET /api/v1/diagnose and POST /api/v1/explain: the caa/1 diagnosis `caa diagnose --json` and
 * `caa explain --json` write. Always fresh (a diagnosis asks every server now), so always
 * rate-limited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "diag_run.h"
#include "problem.h"
#include "respond.h"

struct diag_job {
    struct service *svc;
    struct http_req *req;
    struct check_spec spec;
};

static void run_diagnose(struct caa_ctx *ctx, void *arg)
{
    struct diag_job *job = arg;
    struct caa_diagnosis *diag = NULL;
    struct caa_error err = {0, ""};
    char *json = NULL;
    enum caa_status st;

    if (ctx == NULL) {
        respond_overloaded(job->svc, job->req);
        goto out;
    }
    st = diag_run(ctx, job->svc->opts, &job->spec, job->spec.names[0], &diag, &err);
    if (st == CAA_OK) {
        st = caa_diagnosis_to_json(diag, 0, &json);
    }
    if (st == CAA_OK) {
        respond_string(job->req, 200, "application/json", json);
    } else {
        problem_finish(job->req, st == CAA_E_SYNTAX ? 400 : 500,
                       st == CAA_E_SYNTAX ? "invalid-name" : "diagnose-failed",
                       st == CAA_E_SYNTAX ? "Invalid name" : "The diagnosis could not run",
                       err.message[0] != '\0' ? err.message : caa_status_message(st));
    }
out:
    caa_diagnosis_free(diag);
    check_spec_cleanup(&job->spec);
    free(job);
}

/* Validates, passes the limits and queues the diagnosis of in's single name. */
static void start(struct service *svc, struct http_req *req, const struct check_input *in)
{
    struct diag_job *job = calloc(1, sizeof(*job));
    char why[256];

    if (job == NULL) {
        problem_finish(req, 500, "internal", "Internal error", "out of memory");
        return;
    }
    job->svc = svc;
    job->req = req;
    if (in->name_count > 1) {
        problem_finish(req, 400, "invalid-request", "Invalid request",
                       "name: a diagnosis is of one name");
        free(job);
        return;
    }
    if (check_spec_parse(in, &job->spec, why, sizeof(why)) != 0) {
        problem_finish(req, 400, "invalid-request", "Invalid request", why);
        free(job);
        return;
    }
    if (respond_guard(svc, req, &job->spec, false, false) != 0) {
        check_spec_cleanup(&job->spec);
        free(job);
        return;
    }
    if (pool_submit(svc->pool, run_diagnose, job) != 0) {
        check_spec_cleanup(&job->spec);
        free(job);
        respond_overloaded(svc, req);
    }
}

void api_diagnose_get(struct service *svc, struct http_req *req)
{
    const char *names[2];
    size_t n = http_req_args(req, "name", names, 2);
    struct check_input in = {names,
                             n,
                             http_req_arg(req, "ca"),
                             http_req_arg(req, "method"),
                             http_req_arg(req, "account_uri"),
                             http_req_arg(req, "profile")};

    start(svc, req, &in);
}

void api_explain_post(struct service *svc, struct http_req *req)
{
    size_t len = 0;
    const char *body = http_req_body(req, &len);
    char **names = NULL;
    size_t count = 0;
    enum caa_code kind;

    if (strlen(body) != len) {
        problem_finish(req, 400, "invalid-request", "Invalid request body",
                       "the text holds a NUL byte");
        return;
    }
    if (caa_explain_parse(body, &names, &count, &kind) != CAA_OK || count == 0) {
        problem_finish(req, 400, "no-name-found", "No domain name in the text",
                       "post the CA's error text (\"DNS problem: SERVFAIL looking up CAA for "
                       "example.com - ...\") or its ACME problem document");
    } else {
        const char *first[1] = {names[0]};
        struct check_input in = {first,
                                 1,
                                 http_req_arg(req, "ca"),
                                 http_req_arg(req, "method"),
                                 http_req_arg(req, "account_uri"),
                                 http_req_arg(req, "profile")};
        start(svc, req, &in);
    }
    for (size_t i = 0; i < count; i++) {
        free(names[i]);
    }
    free(names);
}
