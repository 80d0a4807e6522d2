/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_RESPOND_H
#define CAA_SERVICE_RESPOND_H

/* What every route does the same way: answer with a body, find the client, pass the rate limits
 * before a check, and say 503 when the queue is full. */

#include <stdbool.h>
#include <stddef.h>

#include "check_spec.h"
#include "client_addr.h"
#include "http.h"
#include "service.h"

/* Finishes req with a malloc'd body (taken over; NULL: 500). */
void respond_body(struct http_req *req, int status, const char *content_type, char *body,
                  size_t len);
/* The same for a NUL-terminated malloc'd body. */
void respond_string(struct http_req *req, int status, const char *content_type, char *body);
/* A 303 See Other to location (copied). */
void respond_redirect(struct http_req *req, const char *location);

void respond_client(const struct service *svc, const struct http_req *req, struct client_addr *out);
/* Before a check goes to DNS: 0 go on; -1 answered 429 (problem document). A result in the
 * cache costs nothing (cached: the work may be answered from the cache): repeats are cheap, only
 * new DNS work is limited. html: the 429 is a page, not a problem document. */
int respond_guard(struct service *svc, struct http_req *req, const struct check_spec *spec,
                  bool fresh, bool cached);
/* The queue is full: 503 with Retry-After (a page when the request asked for HTML). */
void respond_overloaded(struct service *svc, struct http_req *req);
/* "fresh=1" asked. */
bool respond_fresh(const struct http_req *req);

#endif
