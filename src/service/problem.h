/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_PROBLEM_H
#define CAA_SERVICE_PROBLEM_H

/* Errors as RFC 9457 problem documents (application/problem+json). */

#include "http.h"

/* Fills resp with {"type":"urn:caa:problem:<slug>","title":...,"status":...,"detail":...}. */
void problem_resp(struct http_resp *resp, int status, const char *slug, const char *title,
                  const char *detail);
/* Builds the problem and finishes req with it. */
void problem_finish(struct http_req *req, int status, const char *slug, const char *title,
                    const char *detail);

#endif
