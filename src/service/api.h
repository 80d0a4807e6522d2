/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_API_H
#define CAA_SERVICE_API_H

/* The route handlers (each finishes req, now or from a worker). */

#include "check_result.h"
#include "http.h"
#include "service.h"

void api_check_get(struct service *svc, struct http_req *req);
void api_check_post(struct service *svc, struct http_req *req);
void api_diagnose_get(struct service *svc, struct http_req *req);
void api_explain_post(struct service *svc, struct http_req *req);
void api_lint_post(struct service *svc, struct http_req *req);
void api_generate_get(struct service *svc, struct http_req *req);
void probe_get(struct service *svc, struct http_req *req);
/* The HTML pages (pages.c). */
void page_home_get(struct service *svc, struct http_req *req);
void page_check_get(struct service *svc, struct http_req *req);
void page_permalink_get(struct service *svc, struct http_req *req);
void page_static_get(struct service *svc, struct http_req *req);
void page_lint(struct service *svc, struct http_req *req);
void page_generate_get(struct service *svc, struct http_req *req);
void page_explain(struct service *svc, struct http_req *req);

/* Answers a finished check as JSON (shape: 0 one name or the order, 1 the order, 2 NDJSON). */
void api_check_answer(struct service *svc, struct http_req *req, const struct check_result *res,
                      int shape);

#endif
