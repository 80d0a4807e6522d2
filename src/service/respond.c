/* SPDX-License-Identifier: MIT */
#include "respond.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "problem.h"
#include "rate_guard.h"

/* The HTML routes: everything but the API, the probe and the metrics. */
static bool wants_html(const struct service *svc, const struct http_req *req)
{
    const char *path = http_req_path(req);

    return svc->html_error != NULL && strncmp(path, "/api/", 5) != 0 &&
           strcmp(path, "/probe") != 0 && strcmp(path, "/metrics") != 0;
}

/* A refusal as a problem document or, for a page, as a page. */
static void refuse(const struct service *svc, struct http_req *req, int status, const char *slug,
                   const char *title, const char *detail, unsigned retry_after_s)
{
    struct http_resp resp;

    if (wants_html(svc, req)) {
        memset(&resp, 0, sizeof(resp));
        resp.status = status;
        resp.content_type = "text/html; charset=utf-8";
        resp.body = svc->html_error(status, title, detail);
        resp.body_len = resp.body != NULL ? strlen(resp.body) : 0;
    } else {
        problem_resp(&resp, status, slug, title, detail);
    }
    resp.retry_after_s = retry_after_s;
    http_req_finish(req, &resp);
}

void respond_body(struct http_req *req, int status, const char *content_type, char *body,
                  size_t len)
{
    struct http_resp resp = {.status = status, .content_type = content_type};

    if (body == NULL) {
        problem_finish(req, 500, "internal", "Internal error", "out of memory");
        return;
    }
    resp.body = body;
    resp.body_len = len;
    http_req_finish(req, &resp);
}

void respond_string(struct http_req *req, int status, const char *content_type, char *body)
{
    respond_body(req, status, content_type, body, body != NULL ? strlen(body) : 0);
}

void respond_redirect(struct http_req *req, const char *location)
{
    struct http_resp resp = {.status = 303, .content_type = "text/plain; charset=utf-8"};

    resp.location = strdup(location);
    if (resp.location == NULL) {
        problem_finish(req, 500, "internal", "Internal error", "out of memory");
        return;
    }
    http_req_finish(req, &resp);
}

void respond_client(const struct service *svc, const struct http_req *req, struct client_addr *out)
{
    client_addr_get(http_req_peer(req), http_req_header(req, "Forwarded"),
                    http_req_header(req, "X-Forwarded-For"), svc->opts->trusted_proxy,
                    svc->opts->trusted_proxy_count, out);
}

bool respond_fresh(const struct http_req *req)
{
    const char *f = http_req_arg(req, "fresh");

    return f != NULL && (strcmp(f, "1") == 0 || strcmp(f, "true") == 0);
}

int respond_guard(struct service *svc, struct http_req *req, const struct check_spec *spec,
                  bool fresh, bool cached)
{
    struct client_addr client;
    unsigned retry = 1;
    const char *which = "client";
    char detail[160];
    double now = checker_now();
    char *key;

    if (!fresh && cached) {
        key = check_spec_key(spec);
        bool held = key != NULL && result_cache_has(svc->cache, key, now);
        free(key);
        if (held) {
            return 0;
        }
    }
    respond_client(svc, req, &client);
    if (rate_guard_take(svc->guard, client.key, spec, fresh, now, &retry, &which) == 0) {
        return 0;
    }
    metrics_rate_limited(svc->metrics, which);
    (void)snprintf(detail, sizeof(detail),
                   strcmp(which, "domain") == 0
                       ? "too many checks of this registrable domain; retry in %u s"
                   : strcmp(which, "fresh") == 0 ? "too many fresh=1 checks; retry in %u s"
                                                 : "too many checks from your address; retry "
                                                   "in %u s",
                   retry);
    refuse(svc, req, 429, "rate-limited", "Too many requests", detail, retry);
    return -1;
}

void respond_overloaded(struct service *svc, struct http_req *req)
{
    metrics_overloaded(svc->metrics);
    refuse(svc, req, 503, "overloaded", "Service busy",
           "every worker is busy and the queue is full; retry shortly", 2);
}
