/* SPDX-License-Identifier: MIT */
/* GET and POST /api/v1/check: the caa/1 documents `caa check --json` writes. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "problem.h"
#include "respond.h"

enum shape {
    SHAPE_AUTO,   /* one name: its result object; several: the order */
    SHAPE_ORDER,  /* always the order (POST) */
    SHAPE_NDJSON, /* one result object per line */
};

struct pending {
    struct service *svc;
    struct http_req *req;
    enum shape shape;
};

static bool wants_ndjson(const struct http_req *req)
{
    const char *accept = http_req_header(req, "Accept");

    return accept != NULL && strstr(accept, "application/x-ndjson") != NULL;
}

static char *join_lines(const struct check_result *res, size_t *len)
{
    size_t total = 0, at = 0;
    char *out;

    for (size_t i = 0; i < res->name_count; i++) {
        total += strlen(res->name_json[i]) + 1;
    }
    out = malloc(total + 1);
    if (out == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < res->name_count; i++) {
        size_t n = strlen(res->name_json[i]);
        memcpy(out + at, res->name_json[i], n);
        out[at + n] = '\n';
        at += n + 1;
    }
    out[at] = '\0';
    *len = at;
    return out;
}

void api_check_answer(struct service *svc, struct http_req *req, const struct check_result *res,
                      int shape_code)
{
    enum shape shape = (enum shape)shape_code;
    char *body;
    size_t len = 0;

    if (res == NULL) {
        respond_overloaded(svc, req);
        return;
    }
    if (res->status != CAA_OK) {
        problem_finish(req, res->status == CAA_E_SYNTAX ? 400 : 500,
                       res->status == CAA_E_SYNTAX ? "invalid-name" : "check-failed",
                       res->status == CAA_E_SYNTAX ? "Invalid name" : "The check could not run",
                       res->error);
        return;
    }
    if (shape == SHAPE_NDJSON) {
        body = join_lines(res, &len);
        respond_body(req, 200, "application/x-ndjson", body, len);
        return;
    }
    body =
        strdup(shape == SHAPE_AUTO && res->name_count == 1 ? res->name_json[0] : res->order_json);
    respond_string(req, 200, "application/json", body);
}

static void on_done(void *arg, struct check_result *res)
{
    struct pending *p = arg;

    api_check_answer(p->svc, p->req, res, (int)p->shape);
    check_result_unref(res);
    free(p);
}

static void run(struct service *svc, struct http_req *req, const struct check_input *in,
                enum shape shape)
{
    struct check_spec spec;
    char why[256];
    bool fresh = respond_fresh(req);
    struct pending *p;

    if (check_spec_parse(in, &spec, why, sizeof(why)) != 0) {
        problem_finish(req, 400, "invalid-request", "Invalid request", why);
        return;
    }
    if (respond_guard(svc, req, &spec, fresh, true) != 0) {
        check_spec_cleanup(&spec);
        return;
    }
    p = malloc(sizeof(*p));
    if (p == NULL) {
        problem_finish(req, 500, "internal", "Internal error", "out of memory");
    } else {
        *p = (struct pending){svc, req, shape};
        if (checker_run(&svc->checker, &spec, fresh, on_done, p) != 0) {
            free(p);
            respond_overloaded(svc, req);
        }
    }
    check_spec_cleanup(&spec);
}

void api_check_get(struct service *svc, struct http_req *req)
{
    const char *names[CHECK_SPEC_NAMES_MAX + 1];
    size_t n = http_req_args(req, "name", names, CHECK_SPEC_NAMES_MAX + 1);
    struct check_input in = {names,
                             n > CHECK_SPEC_NAMES_MAX ? CHECK_SPEC_NAMES_MAX + 1 : n,
                             http_req_arg(req, "ca"),
                             http_req_arg(req, "method"),
                             http_req_arg(req, "account_uri"),
                             http_req_arg(req, "profile")};

    run(svc, req, &in, wants_ndjson(req) ? SHAPE_NDJSON : SHAPE_AUTO);
}

static const char *member(const json_t *doc, const char *key, bool *bad)
{
    const json_t *v = json_object_get(doc, key);

    if (v == NULL || json_is_null(v)) {
        return NULL;
    }
    if (!json_is_string(v)) {
        *bad = true;
        return NULL;
    }
    return json_string_value(v);
}

void api_check_post(struct service *svc, struct http_req *req)
{
    const char *names[CHECK_SPEC_NAMES_MAX + 1];
    size_t len = 0, n = 0;
    const char *body = http_req_body(req, &len);
    json_error_t jerr;
    json_t *doc = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    const json_t *list = json_object_get(doc, "names");
    bool bad = !json_is_array(list);
    char why[300];

    for (size_t i = 0; !bad && i < json_array_size(list) && n <= CHECK_SPEC_NAMES_MAX; i++) {
        const json_t *v = json_array_get(list, i);
        bad = !json_is_string(v);
        names[n++] = json_string_value(v);
    }
    struct check_input in = {names,
                             n,
                             member(doc, "ca", &bad),
                             member(doc, "method", &bad),
                             member(doc, "account_uri", &bad),
                             member(doc, "profile", &bad)};
    if (doc == NULL) {
        (void)snprintf(why, sizeof(why), "body is not JSON: line %d column %d: %s", jerr.line,
                       jerr.column, jerr.text);
        problem_finish(req, 400, "invalid-json", "Invalid request body", why);
    } else if (bad) {
        problem_finish(req, 400, "invalid-request", "Invalid request body",
                       "expected {\"names\":[\"example.com\",...]} with optional string members "
                       "ca, method, account_uri, profile");
    } else {
        run(svc, req, &in, wants_ndjson(req) ? SHAPE_NDJSON : SHAPE_ORDER);
    }
    json_decref(doc);
}
