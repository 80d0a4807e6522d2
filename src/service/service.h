/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_SERVICE_H
#define CAA_SERVICE_SERVICE_H

/* `caa serve`: the options and the state every route shares. */

#include <caa/caa.h>

#include <stdbool.h>
#include <stddef.h>

#include "checker.h"
#include "cidr.h"
#include "http.h"
#include "pool.h"
#include "result_cache.h"
#include "serve.h"

#define SERVE_LISTEN_MAX 8
#define SERVE_CIDR_MAX 16

struct serve_options {
    const char *listen[SERVE_LISTEN_MAX];
    size_t listen_count;
    const char *root_hints;
    const char *trust_anchor;
    struct cidr allow_private[SERVE_CIDR_MAX];
    size_t allow_private_count;
    struct cidr trusted_proxy[SERVE_CIDR_MAX];
    size_t trusted_proxy_count;
    unsigned workers;
    unsigned queue;
    unsigned http_threads;
    unsigned check_timeout_ms;
    double cache_ttl_s;
    double client_rate, client_burst;
    double domain_rate, domain_burst;
    double fresh_rate, fresh_burst;
    unsigned connection_timeout_s;
    unsigned per_ip_connections;
    unsigned shutdown_timeout_s;
    const char *state_dir;
    unsigned keep_days;
    unsigned long keep_max;
    const char *log_path; /* NULL: stderr */
    bool log_json;
    /* Each check asks the deciding zone's servers directly and warns when they disagree
     * (caa_ctx_set_compare_servers), as caa check does; --no-compare-servers turns it off. */
    bool compare_servers;
};

struct service_metrics;
struct rate_guard;
struct access_log;
struct web_store;

struct service {
    const struct serve_options *opts;
    struct pool *pool;
    struct result_cache *cache;
    struct checker checker;
    struct rate_guard *guard;
    struct service_metrics *metrics;
    struct access_log *log;
    struct web_store *store; /* NULL without the web pages */
    /* The HTML error page (web_page_error), or NULL without the web pages: refusals of HTML
     * routes are pages, the API's are problem documents. */
    char *(*html_error)(int status, const char *title, const char *detail);
};

/* Parses the command line into o (defaults first). 0 ok, -1 help printed, or an exit code. */
int serve_options_parse(int argc, char **argv, struct serve_options *o);

/* The web pages' state (web_glue.c): opens the permalink store when the pages are built in.
 * 0 or an exit code. */
int service_web_open(struct service *svc);
void service_web_close(struct service *svc);
/* Periodic work from the main thread (pruning old permalinks). */
void service_housekeeping(struct service *svc);

/* Routes one request (routes.c). */
void routes_dispatch(void *service, struct http_req *req);

#endif
