/* SPDX-License-Identifier: MIT */
/* The HTML routes: the form, the check that ends in a permalink, the permalink, the tools pages
 * and the static files. The pages themselves are src/service/web's (web.h); this file runs the
 * work and stores the results. Without the web library they answer a short notice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "problem.h"
#include "respond.h"

static const char html_type[] = "text/html; charset=utf-8";

#ifdef CAA_SERVICE_WEB
#include "diag_run.h"
#include "tools.h"
#include "web.h"

#define PAGE_DIAGNOSES_MAX 5
#define FIELD_MAX 4096

static void page(struct http_req *req, int status, char *html)
{
    respond_string(req, status, html_type, html);
}

static void error_page(struct http_req *req, int status, const char *title, const char *detail)
{
    page(req, status, web_page_error(status, title, detail));
}

void page_home_get(struct service *svc, struct http_req *req)
{
    (void)svc;
    page(req, 200, web_page_home(NULL));
}

void page_static_get(struct service *svc, struct http_req *req)
{
    const char *path = http_req_path(req);
    const char *body = NULL;
    const char *type = NULL;
    struct http_resp resp = {.status = 200, .cache_control = "public, max-age=3600"};

    (void)svc;
    if (strcmp(path, "/static/caa.css") == 0) {
        body = web_css;
        type = "text/css; charset=utf-8";
    } else if (strcmp(path, "/static/caa.js") == 0) {
        body = web_js;
        type = "text/javascript; charset=utf-8";
    }
    if (body == NULL) {
        error_page(req, 404, "Not found", "There is no such file.");
        return;
    }
    resp.content_type = type;
    resp.body = strdup(body);
    resp.body_len = resp.body != NULL ? strlen(resp.body) : 0;
    http_req_finish(req, &resp);
}

/* The names of the form: each "name" argument, and the "names" field split at spaces, commas
 * and newlines. Items point into buf. */
static size_t form_names(const struct http_req *req, char *buf, size_t buf_len, const char **out,
                         size_t max)
{
    const char *single[CHECK_SPEC_NAMES_MAX + 1];
    size_t n = http_req_args(req, "name", single, CHECK_SPEC_NAMES_MAX + 1);
    const char *field = http_req_arg(req, "names");

    if (n > max) {
        n = max;
    }
    memcpy(out, single, n * sizeof(*out));
    if (field == NULL || strlen(field) >= buf_len) {
        return n;
    }
    memcpy(buf, field, strlen(field) + 1);
    for (char *p = buf; *p != '\0' && n < max;) {
        p += strspn(p, " ,\t\r\n");
        if (*p == '\0') {
            break;
        }
        size_t len = strcspn(p, " ,\t\r\n");
        out[n++] = p;
        if (p[len] == '\0') {
            break;
        }
        p[len] = '\0';
        p += len + 1;
    }
    return n;
}

/* Percent-encodes s (all but RFC 3986 unreserved characters) onto out. */
static void url_encode(char *out, size_t out_len, size_t *at, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";

    for (; s != NULL && *s != '\0' && *at + 4 < out_len; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out[(*at)++] = (char)c;
        } else {
            out[(*at)++] = '%';
            out[(*at)++] = hex[c >> 4];
            out[(*at)++] = hex[c & 15];
        }
    }
    out[*at] = '\0';
}

static void add_param(char *out, size_t out_len, size_t *at, const char *key, const char *value)
{
    if (value == NULL || value[0] == '\0' || *at + strlen(key) + 3 >= out_len) {
        return;
    }
    *at += (size_t)snprintf(out + *at, out_len - *at, "%s%s=", *at > 7 ? "&" : "", key);
    url_encode(out, out_len, at, value);
}

struct page_job {
    struct service *svc;
    struct http_req *req;
    struct check_spec spec;
    json_t *request; /* the form as typed, for the permalink and the re-run link */
};

static json_t *diagnoses_of(struct caa_ctx *ctx, const struct page_job *job,
                            const struct caa_report *rep)
{
    json_t *list = json_array();

    for (size_t i = 0; list != NULL && i < caa_report_name_count(rep) &&
                       json_array_size(list) < PAGE_DIAGNOSES_MAX;
         i++) {
        struct caa_diagnosis *diag = NULL;
        struct caa_error err = {0, ""};
        char *text = NULL;
        if (caa_report_name_verdict(rep, i) == CAA_VERDICT_ALLOWED) {
            continue;
        }
        if (diag_run(ctx, job->svc->opts, &job->spec, caa_report_name(rep, i), &diag, &err) ==
                CAA_OK &&
            caa_diagnosis_to_json(diag, 0, &text) == CAA_OK) {
            (void)json_array_append_new(list, json_loads(text, 0, NULL));
        }
        free(text);
        caa_diagnosis_free(diag);
    }
    return list;
}

/* The permalink document (web.h): {"request":..,"check":..,"diagnoses":[..]}; stored, 303. */
static void store_and_redirect(struct page_job *job, const char *check_json, json_t *diagnoses)
{
    json_t *doc = json_pack("{s:O, s:o, s:o}", "request", job->request, "check",
                            json_loads(check_json, 0, NULL), "diagnoses", diagnoses);
    char *text = doc != NULL ? json_dumps(doc, JSON_COMPACT) : NULL;
    char id[33];
    char location[64];

    if (text == NULL || web_store_put(job->svc->store, text, (long long)time(NULL), id) != 0) {
        error_page(job->req, 500, "The result could not be stored",
                   "The check ran, but its permalink could not be written. Try again.");
    } else {
        (void)snprintf(location, sizeof(location), "/r/%s", id);
        respond_redirect(job->req, location);
    }
    free(text);
    json_decref(doc);
}

static void run_page_check(struct caa_ctx *ctx, void *arg)
{
    struct page_job *job = arg;
    struct caa_report *rep = NULL;
    struct caa_request creq;
    struct caa_error err = {0, ""};
    char *check_json = NULL;
    enum caa_status st;

    if (ctx == NULL) {
        respond_overloaded(job->svc, job->req);
        goto out;
    }
    check_spec_request(&job->spec, &creq);
    caa_ctx_set_profile(ctx, job->spec.profile);
    /* The form and the re-run button: someone who has just changed a record wants it seen. */
    caa_ctx_reset_resolver(ctx);
    st = caa_check(ctx, (const char *const *)job->spec.names, job->spec.name_count, &creq, &rep,
                   &err);
    if (st == CAA_OK) {
        st = caa_report_to_json(rep, 0, &check_json);
    }
    if (st != CAA_OK) {
        error_page(job->req, 500, "The check could not run",
                   err.message[0] != '\0' ? err.message : caa_status_message(st));
        goto out;
    }
    store_and_redirect(job, check_json, diagnoses_of(ctx, job, rep));
out:
    free(check_json);
    caa_report_free(rep);
    json_decref(job->request);
    check_spec_cleanup(&job->spec);
    free(job);
}

static json_t *request_doc(const struct check_spec *spec, const struct check_input *in)
{
    json_t *names = json_array();

    for (size_t i = 0; names != NULL && i < spec->name_count; i++) {
        (void)json_array_append_new(names, json_string(spec->names[i]));
    }
    return json_pack("{s:o, s:s?, s:s?, s:s?, s:s?}", "names", names, "ca", in->ca, "method",
                     in->method, "account_uri", in->account_uri, "profile", in->profile);
}

void page_check_get(struct service *svc, struct http_req *req)
{
    char buf[FIELD_MAX];
    const char *names[CHECK_SPEC_NAMES_MAX + 1];
    size_t n = form_names(req, buf, sizeof(buf), names, CHECK_SPEC_NAMES_MAX + 1);
    struct check_input in = {names,
                             n,
                             http_req_arg(req, "ca"),
                             http_req_arg(req, "method"),
                             http_req_arg(req, "account_uri"),
                             http_req_arg(req, "profile")};
    struct page_job *job = calloc(1, sizeof(*job));
    char why[256];

    if (job == NULL) {
        error_page(req, 500, "Out of memory", "Try again.");
        return;
    }
    job->svc = svc;
    job->req = req;
    if (check_spec_parse(&in, &job->spec, why, sizeof(why)) != 0) {
        struct web_form form = {
            http_req_arg(req, "names"), in.ca, in.method, in.account_uri, in.profile, why};
        if (form.names == NULL) {
            form.names = http_req_arg(req, "name");
        }
        page(req, 400, web_page_home(&form));
        free(job);
        return;
    }
    job->request = request_doc(&job->spec, &in);
    if (respond_guard(svc, req, &job->spec, false, false) != 0) {
        goto fail;
    }
    if (job->request == NULL || pool_submit(svc->pool, run_page_check, job) != 0) {
        respond_overloaded(svc, req);
        goto fail;
    }
    return;
fail:
    json_decref(job->request);
    check_spec_cleanup(&job->spec);
    free(job);
}

/* "/check?names=a+b&ca=...&fresh=1" from the stored request: the re-run button. */
static void rerun_href(const json_t *request, char *out, size_t out_len)
{
    static const char *const keys[] = {"ca", "method", "account_uri", "profile"};
    size_t at = 0;
    const json_t *names = json_object_get(request, "names");

    at = (size_t)snprintf(out, out_len, "/check?");
    for (size_t i = 0; i < json_array_size(names); i++) {
        add_param(out, out_len, &at, "name", json_string_value(json_array_get(names, i)));
    }
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        add_param(out, out_len, &at, keys[k], json_string_value(json_object_get(request, keys[k])));
    }
}

void page_permalink_get(struct service *svc, struct http_req *req)
{
    const char *id = http_req_path(req) + strlen("/r/");
    char *text = NULL;
    long long taken_at = 0;
    char href[2048];
    int rc = web_store_get(svc->store, id, &text, &taken_at);
    json_t *doc = rc == 0 ? json_loads(text, 0, NULL) : NULL;

    if (rc == 1) {
        error_page(req, 404, "No such result", "This permalink does not exist, or it has expired.");
    } else if (doc == NULL) {
        error_page(req, 500, "The result could not be read", "Try again later.");
    } else {
        rerun_href(json_object_get(doc, "request"), href, sizeof(href));
        struct web_result_meta meta = {id, taken_at, href};
        struct http_resp resp = {.status = 200, .content_type = html_type};
        resp.body = web_page_result(doc, &meta);
        resp.body_len = resp.body != NULL ? strlen(resp.body) : 0;
        /* The content behind an id never changes. */
        resp.cache_control = "public, max-age=300";
        http_req_finish(req, &resp);
    }
    json_decref(doc);
    free(text);
}

void page_lint(struct service *svc, struct http_req *req)
{
    const char *zone = http_req_form(req, "zone");
    const char *why = NULL;
    char *json;
    json_t *doc;

    (void)svc;
    if (strcmp(http_req_method(req), "POST") != 0 || zone == NULL) {
        page(req, 200, web_page_lint(NULL, NULL));
        return;
    }
    json = tools_lint_json(zone, strlen(zone), NULL, &why);
    doc = json != NULL ? json_loads(json, 0, NULL) : NULL;
    page(req, doc != NULL ? 200 : 400, web_page_lint(zone, doc));
    json_decref(doc);
    free(json);
}

void page_generate_get(struct service *svc, struct http_req *req)
{
    struct web_generate_form form = {
        http_req_arg(req, "name"),
        http_req_arg(req, "ca"),
        http_req_arg(req, "wildcard_ca"),
        http_req_arg(req, "iodef"),
        http_req_arg(req, "account_uri"),
        http_req_arg(req, "methods"),
        http_req_arg(req, "no_wildcard") != NULL,
    };
    struct tools_policy p = {form.name,        form.ca,      form.wildcard_ca, form.iodef,
                             form.account_uri, form.methods, form.no_wildcard};
    char why[256];
    json_t *doc;

    (void)svc;
    if (form.name == NULL) {
        page(req, 200, web_page_generate(NULL, NULL, NULL));
        return;
    }
    doc = tools_generate(&p, why, sizeof(why));
    page(req, doc != NULL ? 200 : 400,
         web_page_generate(&form, doc != NULL ? json_object_get(doc, "formats") : NULL,
                           doc != NULL ? NULL : why));
    json_decref(doc);
}

struct explain_job {
    struct service *svc;
    struct http_req *req;
    struct check_spec spec;
    char *text;
    json_t *names;
};

static void explain_job_free(struct explain_job *job)
{
    json_decref(job->names);
    free(job->text);
    check_spec_cleanup(&job->spec);
    free(job);
}

static void run_page_explain(struct caa_ctx *ctx, void *arg)
{
    struct explain_job *job = arg;
    struct caa_diagnosis *diag = NULL;
    struct caa_error err = {0, ""};
    char *json = NULL;
    json_t *result = NULL;

    if (ctx == NULL) {
        respond_overloaded(job->svc, job->req);
        goto out;
    }
    if (diag_run(ctx, job->svc->opts, &job->spec, job->spec.names[0], &diag, &err) != CAA_OK ||
        caa_diagnosis_to_json(diag, 0, &json) != CAA_OK) {
        page(job->req, 500,
             web_page_explain(job->text, NULL,
                              err.message[0] != '\0' ? err.message : "the diagnosis failed"));
        goto out;
    }
    result = json_pack("{s:O, s:[o]}", "names", job->names, "diagnoses", json_loads(json, 0, NULL));
    page(job->req, 200, web_page_explain(job->text, result, NULL));
out:
    json_decref(result);
    free(json);
    caa_diagnosis_free(diag);
    explain_job_free(job);
}

static struct explain_job *explain_job_new(struct service *svc, struct http_req *req,
                                           const char *text, char **names, size_t count, char *why,
                                           size_t why_len)
{
    struct explain_job *job = calloc(1, sizeof(*job));
    const char *first[1] = {names[0]};
    struct check_input in = {first, 1, NULL, NULL, NULL, NULL};

    if (job == NULL) {
        (void)snprintf(why, why_len, "out of memory");
        return NULL;
    }
    job->svc = svc;
    job->req = req;
    job->text = strdup(text);
    job->names = json_array();
    for (size_t i = 0; job->names != NULL && i < count; i++) {
        (void)json_array_append_new(job->names, json_string(names[i]));
    }
    if (job->text == NULL || job->names == NULL ||
        check_spec_parse(&in, &job->spec, why, why_len) != 0) {
        free(job->text);
        json_decref(job->names);
        free(job);
        return NULL;
    }
    return job;
}

void page_explain(struct service *svc, struct http_req *req)
{
    const char *text = http_req_form(req, "text");
    char **names = NULL;
    size_t count = 0;
    enum caa_code kind;
    char why[256] = "";
    struct explain_job *job = NULL;

    if (strcmp(http_req_method(req), "POST") != 0 || text == NULL) {
        page(req, 200, web_page_explain(NULL, NULL, NULL));
        return;
    }
    if (caa_explain_parse(text, &names, &count, &kind) != CAA_OK || count == 0) {
        page(req, 400, web_page_explain(text, NULL, "No domain name found in this text."));
    } else if ((job = explain_job_new(svc, req, text, names, count, why, sizeof(why))) == NULL) {
        page(req, 400, web_page_explain(text, NULL, why));
    } else if (respond_guard(svc, req, &job->spec, false, false) != 0) {
        explain_job_free(job);
    } else if (pool_submit(svc->pool, run_page_explain, job) != 0) {
        respond_overloaded(svc, req);
        explain_job_free(job);
    }
    for (size_t i = 0; i < count; i++) {
        free(names[i]);
    }
    free(names);
}

#else /* no web library: the HTML routes say where the API is */

static void notice(struct http_req *req)
{
    respond_string(req, 501, html_type,
                   strdup("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">"
                          "<title>caa serve</title><h1>caa serve</h1><p>This build has no web "
                          "pages. The JSON API answers at <code>/api/v1/check?name=…</code>; "
                          "the probe at <code>/probe?target=…</code>.</p></html>\n"));
}

void page_home_get(struct service *svc, struct http_req *req)
{
    (void)svc;
    notice(req);
}

void page_check_get(struct service *svc, struct http_req *req)
{
    (void)svc;
    notice(req);
}

void page_permalink_get(struct service *svc, struct http_req *req)
{
    (void)svc;
    notice(req);
}

void page_static_get(struct service *svc, struct http_req *req)
{
    (void)svc;
    problem_finish(req, 404, "not-found", "Not found", "this build has no web pages");
}

void page_lint(struct service *svc, struct http_req *req)
{
    (void)svc;
    notice(req);
}

void page_generate_get(struct service *svc, struct http_req *req)
{
    (void)svc;
    notice(req);
}

void page_explain(struct service *svc, struct http_req *req)
{
    (void)svc;
    notice(req);
}

#endif
