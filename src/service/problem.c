/* SPDX-License-Identifier: MIT */
#include "problem.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void problem_resp(struct http_resp *resp, int status, const char *slug, const char *title,
                  const char *detail)
{
    char type[96];
    json_t *doc;

    memset(resp, 0, sizeof(*resp));
    resp->status = status;
    resp->content_type = "application/problem+json";
    (void)snprintf(type, sizeof(type), "urn:caa:problem:%s", slug);
    /* RFC 9457 §3.1: type, title, status, detail; "detail" may quote the client's input, which
     * jansson escapes (invalid UTF-8 is refused, so it is left out rather than passed on). */
    doc = json_pack("{s:s, s:s, s:i}", "type", type, "title", title, "status", status);
    if (doc != NULL && detail != NULL) {
        json_t *d = json_string(detail);
        (void)json_object_set_new(doc, "detail",
                                  d != NULL ? d : json_string("(detail not valid UTF-8)"));
    }
    resp->body = doc != NULL ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    resp->body_len = resp->body != NULL ? strlen(resp->body) : 0;
}

void problem_finish(struct http_req *req, int status, const char *slug, const char *title,
                    const char *detail)
{
    struct http_resp resp;

    problem_resp(&resp, status, slug, title, detail);
    http_req_finish(req, &resp);
}
