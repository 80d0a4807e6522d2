/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_METRICS_H
#define CAA_SERVICE_METRICS_H

/* The service's own metrics for GET /metrics (Prometheus text format 0.0.4): requests by
 * endpoint and status, a latency histogram, rate-limited requests; the pool and the cache are
 * read when rendering. Thread-safe. */

#include <stddef.h>

struct service;
struct service_metrics;

struct service_metrics *metrics_new(void);
void metrics_free(struct service_metrics *m);
/* endpoint: static storage ("api_check"). */
void metrics_request(struct service_metrics *m, const char *endpoint, int status,
                     double duration_s);
/* which: "client", "domain", "fresh". */
void metrics_rate_limited(struct service_metrics *m, const char *which);
void metrics_overloaded(struct service_metrics *m);
/* malloc'd text; NULL on OOM. */
char *metrics_render(struct service_metrics *m, struct service *svc, size_t *len);

#endif
