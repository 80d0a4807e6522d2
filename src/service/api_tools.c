/* SPDX-License-Identifier: MIT */
/* POST /api/v1/lint (zone text) and GET /api/v1/generate (a policy): caa/1 documents. */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "problem.h"
#include "respond.h"
#include "tools.h"

void api_lint_post(struct service *svc, struct http_req *req)
{
    size_t len = 0;
    const char *body = http_req_body(req, &len);
    const char *why = NULL;
    char *json;

    (void)svc;
    json = tools_lint_json(body, len, http_req_arg(req, "origin"), &why);
    if (json == NULL) {
        problem_finish(req, 400, "lint-failed", "The zone could not be read", why);
        return;
    }
    respond_string(req, 200, "application/json", json);
}

void api_generate_get(struct service *svc, struct http_req *req)
{
    struct tools_policy p = {
        http_req_arg(req, "name"),
        http_req_arg(req, "ca"),
        http_req_arg(req, "wildcard_ca"),
        http_req_arg(req, "iodef"),
        http_req_arg(req, "account_uri"),
        http_req_arg(req, "methods"),
        http_req_arg(req, "no_wildcard") != NULL,
    };
    char why[256];
    const char *format = http_req_arg(req, "format");
    json_t *doc;

    (void)svc;
    doc = tools_generate(&p, why, sizeof(why));
    if (doc == NULL) {
        problem_finish(req, 400, "invalid-policy", "Invalid policy", why);
        return;
    }
    if (format != NULL) {
        /* One format as text: what a zone file or a provisioning tool takes as is. */
        const char *text =
            json_string_value(json_object_get(json_object_get(doc, "formats"), format));
        if (text == NULL) {
            problem_finish(req, 400, "invalid-format", "Unknown format",
                           "format: zone, rfc3597, tinydns, dnsmasq, dnscontrol, octodns or json");
        } else {
            respond_string(req, 200, "text/plain; charset=utf-8", strdup(text));
        }
    } else {
        respond_string(req, 200, "application/json", json_dumps(doc, JSON_COMPACT));
    }
    json_decref(doc);
}
