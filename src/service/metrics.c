/* SPDX-License-Identifier: MIT */
#include "metrics.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service.h"

#define SERIES_MAX 256

static const double buckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                 0.25,  0.5,    1.0,   2.5,  5.0,   10.0, 30.0};
#define BUCKET_COUNT (sizeof(buckets) / sizeof(buckets[0]))

struct series {
    const char *endpoint;
    int status;
    unsigned long count;
};

struct service_metrics {
    pthread_mutex_t lock;
    struct series series[SERIES_MAX];
    size_t series_count;
    unsigned long hist[BUCKET_COUNT + 1];
    double hist_sum;
    unsigned long hist_count;
    unsigned long limited_client, limited_domain, limited_fresh, overloaded;
};

struct service_metrics *metrics_new(void)
{
    struct service_metrics *m = calloc(1, sizeof(*m));

    if (m != NULL) {
        pthread_mutex_init(&m->lock, NULL);
    }
    return m;
}

void metrics_free(struct service_metrics *m)
{
    if (m != NULL) {
        pthread_mutex_destroy(&m->lock);
        free(m);
    }
}

void metrics_request(struct service_metrics *m, const char *endpoint, int status, double duration_s)
{
    size_t i;

    pthread_mutex_lock(&m->lock);
    for (i = 0; i < m->series_count; i++) {
        if (m->series[i].status == status && strcmp(m->series[i].endpoint, endpoint) == 0) {
            break;
        }
    }
    if (i == m->series_count && i < SERIES_MAX) {
        m->series[i] = (struct series){endpoint, status, 0};
        m->series_count++;
    }
    if (i < SERIES_MAX) {
        m->series[i].count++;
    }
    size_t b = 0;
    while (b < BUCKET_COUNT && duration_s > buckets[b]) {
        b++;
    }
    m->hist[b]++;
    m->hist_sum += duration_s;
    m->hist_count++;
    pthread_mutex_unlock(&m->lock);
}

void metrics_rate_limited(struct service_metrics *m, const char *which)
{
    pthread_mutex_lock(&m->lock);
    if (strcmp(which, "client") == 0) {
        m->limited_client++;
    } else if (strcmp(which, "domain") == 0) {
        m->limited_domain++;
    } else {
        m->limited_fresh++;
    }
    pthread_mutex_unlock(&m->lock);
}

void metrics_overloaded(struct service_metrics *m)
{
    pthread_mutex_lock(&m->lock);
    m->overloaded++;
    pthread_mutex_unlock(&m->lock);
}

struct out {
    char *buf;
    size_t len, cap;
    bool failed;
};

__attribute__((format(printf, 2, 3))) static void put(struct out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(o->buf != NULL ? o->buf + o->len : NULL, o->cap - o->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            o->failed = true;
            return;
        }
        if ((size_t)n < o->cap - o->len) {
            o->len += (size_t)n;
            return;
        }
        size_t cap = (o->cap + (size_t)n + 1) * 2;
        char *p = realloc(o->buf, cap);
        if (p == NULL) {
            o->failed = true;
            return;
        }
        o->buf = p;
        o->cap = cap;
    }
}

static void render_requests(struct out *o, const struct service_metrics *m)
{
    put(o, "# HELP caa_serve_requests_total HTTP requests answered, by endpoint and status.\n"
           "# TYPE caa_serve_requests_total counter\n");
    for (size_t i = 0; i < m->series_count; i++) {
        put(o, "caa_serve_requests_total{endpoint=\"%s\",code=\"%d\"} %lu\n", m->series[i].endpoint,
            m->series[i].status, m->series[i].count);
    }
    put(o, "# HELP caa_serve_request_duration_seconds Time from request to response.\n"
           "# TYPE caa_serve_request_duration_seconds histogram\n");
    unsigned long cum = 0;
    for (size_t b = 0; b < BUCKET_COUNT; b++) {
        cum += m->hist[b];
        put(o, "caa_serve_request_duration_seconds_bucket{le=\"%g\"} %lu\n", buckets[b], cum);
    }
    put(o, "caa_serve_request_duration_seconds_bucket{le=\"+Inf\"} %lu\n", m->hist_count);
    put(o, "caa_serve_request_duration_seconds_sum %.6f\n", m->hist_sum);
    put(o, "caa_serve_request_duration_seconds_count %lu\n", m->hist_count);
    put(o,
        "# HELP caa_serve_rate_limited_total Requests refused with 429, by limit.\n"
        "# TYPE caa_serve_rate_limited_total counter\n"
        "caa_serve_rate_limited_total{limit=\"client\"} %lu\n"
        "caa_serve_rate_limited_total{limit=\"domain\"} %lu\n"
        "caa_serve_rate_limited_total{limit=\"fresh\"} %lu\n",
        m->limited_client, m->limited_domain, m->limited_fresh);
    put(o,
        "# HELP caa_serve_overloaded_total Requests refused with 503: the queue was full.\n"
        "# TYPE caa_serve_overloaded_total counter\n"
        "caa_serve_overloaded_total %lu\n",
        m->overloaded);
}

char *metrics_render(struct service_metrics *m, struct service *svc, size_t *len)
{
    struct out o = {NULL, 0, 0, false};

    pthread_mutex_lock(&m->lock);
    render_requests(&o, m);
    pthread_mutex_unlock(&m->lock);
    put(&o,
        "# HELP caa_serve_checks_in_flight Checks running on the workers.\n"
        "# TYPE caa_serve_checks_in_flight gauge\ncaa_serve_checks_in_flight %zu\n"
        "# HELP caa_serve_queue_depth Checks waiting for a worker.\n"
        "# TYPE caa_serve_queue_depth gauge\ncaa_serve_queue_depth %zu\n"
        "# HELP caa_serve_cache_entries Results held by the cache.\n"
        "# TYPE caa_serve_cache_entries gauge\ncaa_serve_cache_entries %zu\n"
        "# HELP caa_serve_cache_hits_total Checks answered from the cache.\n"
        "# TYPE caa_serve_cache_hits_total counter\ncaa_serve_cache_hits_total %lu\n"
        "# HELP caa_serve_cache_joined_total Checks that waited for an identical check.\n"
        "# TYPE caa_serve_cache_joined_total counter\ncaa_serve_cache_joined_total %lu\n"
        "# HELP caa_serve_cache_misses_total Checks that went to DNS.\n"
        "# TYPE caa_serve_cache_misses_total counter\ncaa_serve_cache_misses_total %lu\n",
        pool_running(svc->pool), pool_queued(svc->pool), result_cache_size(svc->cache),
        atomic_load(&svc->checker.hits), atomic_load(&svc->checker.joined),
        atomic_load(&svc->checker.misses));
    if (o.failed) {
        free(o.buf);
        return NULL;
    }
    *len = o.len;
    return o.buf;
}
