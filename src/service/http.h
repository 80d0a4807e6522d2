/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_HTTP_H
#define CAA_SERVICE_HTTP_H

/* The HTTP server: the one file that knows libmicrohttpd. It reads a request (headers, query
 * arguments, a body up to a cap), hands it to one handler, and sends the handler's response with
 * the security headers every response carries. A handler may answer later from another thread
 * (http_req_finish): the connection is suspended meanwhile, so no HTTP thread waits on DNS. */

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

struct http_req; /* one request; valid until http_req_finish() has been called for it */

struct http_resp {
    int status;
    const char *content_type; /* static storage */
    char *body;               /* malloc'd; taken over by http_req_finish (NULL: empty body) */
    size_t body_len;
    char *location;            /* malloc'd or NULL: Location header (taken over) */
    unsigned retry_after_s;    /* 0: no Retry-After */
    const char *allow;         /* Allow header for 405 (static) */
    const char *cache_control; /* static; NULL: "no-store" */
};

/* Called once per request on an HTTP thread; must call http_req_finish exactly once, now or
 * later from any thread. */
typedef void http_handler_fn(void *user, struct http_req *req);
/* Called once per finished request (for the access log and the metrics). */
struct http_done_info {
    const struct sockaddr *client; /* the peer (before proxy headers) */
    const char *client_text;       /* who the handler said the client is, or "" */
    const char *method;
    const char *path;
    const char *endpoint; /* what the handler tagged (http_req_set_endpoint), or "other" */
    int status;
    size_t bytes;
    double duration_s;
};
typedef void http_done_fn(void *user, const struct http_done_info *info);

struct http_config {
    const char *const *listen; /* "127.0.0.1:8053", "[::1]:8053" */
    size_t listen_count;
    unsigned threads; /* HTTP threads per listening address */
    unsigned connection_timeout_s;
    unsigned per_ip_connections;
    unsigned max_connections;
    size_t memory_limit; /* per connection, bytes */
    size_t body_max;     /* request body cap: 413 past it */
    http_handler_fn *handler;
    http_done_fn *done;
    void *user;
};

struct http_server;

/* Binds every address and starts serving. 0, or -1 with a message in err. */
int http_server_start(const struct http_config *cfg, struct http_server **out, char *err,
                      size_t err_len);
/* Stops accepting new connections (requests in flight go on). */
void http_server_quiesce(struct http_server *srv);
/* Requests accepted and not yet finished. */
unsigned long http_server_in_flight(const struct http_server *srv);
/* Closes everything (NULL is a no-op). */
void http_server_stop(struct http_server *srv);

/* The request. Strings are borrowed from req. */
const char *http_req_method(const struct http_req *req);
const char *http_req_path(const struct http_req *req);
/* Header value or NULL. */
const char *http_req_header(const struct http_req *req, const char *name);
/* Query argument values for `key`, in order: returns how many there are and stores at most max
 * of them in values. A key without '=' has value "". */
size_t http_req_args(const struct http_req *req, const char *key, const char **values, size_t max);
/* First value of `key` or NULL. */
const char *http_req_arg(const struct http_req *req, const char *key);
/* The body (NUL-terminated; len excludes the NUL). Empty for GET. */
const char *http_req_body(const struct http_req *req, size_t *len);
/* A form body (application/x-www-form-urlencoded) field, first value, or NULL. */
const char *http_req_form(const struct http_req *req, const char *key);
size_t http_req_forms(const struct http_req *req, const char *key, const char **values, size_t max);
const struct sockaddr *http_req_peer(const struct http_req *req);
/* Who the client is, as the routes decided (behind a trusted proxy: the address it reports);
 * copied, for the access log. */
void http_req_set_client(struct http_req *req, const char *client);
/* Tags the request for metrics ("api_check"); static storage. */
void http_req_set_endpoint(struct http_req *req, const char *endpoint);
/* Sends resp (taking over its allocations). Any thread; exactly once per request. */
void http_req_finish(struct http_req *req, struct http_resp *resp);

#endif
