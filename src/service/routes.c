/* SPDX-License-Identifier: MIT */
/* Which handler answers which method and path: one table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "metrics.h"
#include "problem.h"
#include "respond.h"

typedef void route_fn(struct service *svc, struct http_req *req);

struct route {
    const char *method; /* "GET" also answers HEAD */
    const char *path;
    bool prefix; /* path is a prefix ("/r/") */
    route_fn *fn;
    const char *endpoint; /* the metrics label */
};

static void healthz(struct service *svc, struct http_req *req)
{
    (void)svc;
    respond_string(req, 200, "text/plain; charset=utf-8", strdup("ok\n"));
}

static void metrics(struct service *svc, struct http_req *req)
{
    size_t len = 0;
    char *text = metrics_render(svc->metrics, svc, &len);

    respond_body(req, 200, "text/plain; version=0.0.4; charset=utf-8", text, len);
}

static const struct route routes[] = {
    {"GET", "/healthz", false, healthz, "healthz"},
    {"GET", "/metrics", false, metrics, "metrics"},
    {"GET", "/api/v1/check", false, api_check_get, "api_check"},
    {"POST", "/api/v1/check", false, api_check_post, "api_check"},
    {"GET", "/api/v1/diagnose", false, api_diagnose_get, "api_diagnose"},
    {"POST", "/api/v1/explain", false, api_explain_post, "api_explain"},
    {"POST", "/api/v1/lint", false, api_lint_post, "api_lint"},
    {"GET", "/api/v1/generate", false, api_generate_get, "api_generate"},
    {"GET", "/probe", false, probe_get, "probe"},
    {"GET", "/", false, page_home_get, "page_home"},
    {"GET", "/check", false, page_check_get, "page_check"},
    {"GET", "/r/", true, page_permalink_get, "page_result"},
    {"GET", "/static/", true, page_static_get, "static"},
    {"GET", "/lint", false, page_lint, "page_lint"},
    {"POST", "/lint", false, page_lint, "page_lint"},
    {"GET", "/generate", false, page_generate_get, "page_generate"},
    {"GET", "/explain", false, page_explain, "page_explain"},
    {"POST", "/explain", false, page_explain, "page_explain"},
};

static bool path_matches(const struct route *r, const char *path)
{
    return r->prefix ? strncmp(path, r->path, strlen(r->path)) == 0 : strcmp(path, r->path) == 0;
}

static bool method_matches(const struct route *r, const char *method)
{
    return strcmp(r->method, method) == 0 ||
           (strcmp(r->method, "GET") == 0 && strcmp(method, "HEAD") == 0);
}

static void not_allowed(struct http_req *req, const char *allow)
{
    struct http_resp resp;
    char detail[96];

    (void)snprintf(detail, sizeof(detail), "this path answers %s", allow);
    problem_resp(&resp, 405, "method-not-allowed", "Method not allowed", detail);
    resp.allow = allow;
    http_req_finish(req, &resp);
}

void routes_dispatch(void *service, struct http_req *req)
{
    struct service *svc = service;
    const char *path = http_req_path(req);
    const char *method = http_req_method(req);
    struct client_addr client;
    unsigned allow = 0; /* 1: GET, 2: POST */
    static const char *const allow_text[] = {"", "GET, HEAD", "POST", "GET, HEAD, POST"};
    size_t count = sizeof(routes) / sizeof(routes[0]);

    respond_client(svc, req, &client);
    http_req_set_client(req, client.text);

    for (size_t i = 0; i < count; i++) {
        if (!path_matches(&routes[i], path)) {
            continue;
        }
        if (method_matches(&routes[i], method)) {
            http_req_set_endpoint(req, routes[i].endpoint);
            routes[i].fn(svc, req);
            return;
        }
        allow |= strcmp(routes[i].method, "GET") == 0 ? 1u : 2u;
    }
    if (allow != 0) {
        not_allowed(req, allow_text[allow]);
        return;
    }
    problem_finish(req, 404, "not-found", "Not found", "no such page or API endpoint");
}
