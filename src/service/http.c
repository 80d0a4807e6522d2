/* SPDX-License-Identifier: MIT */
/* The HTTP server over GNU libmicrohttpd (the only file that includes it). */
#include "http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LISTEN_MAX 8
#define ARGS_MAX 128
#define DRAIN_MAX (1024u * 1024u)

/* Every response: nothing loads from elsewhere, nothing inline runs, no framing, no sniffing. */
static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' "
                          "data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

struct arg {
    char *key;
    char *value;
};

enum req_state { REQ_RUNNING, REQ_SUSPENDED, REQ_FINISHED };

struct http_req {
    struct http_server *srv;
    struct MHD_Connection *conn;
    char *method;
    char *path;
    struct arg args[ARGS_MAX];
    size_t arg_count;
    struct arg forms[ARGS_MAX];
    size_t form_count;
    bool forms_parsed;
    char *body;
    size_t body_len;
    size_t body_cap;
    bool body_too_large;
    size_t discarded; /* bytes dropped past the cap */
    bool bad_args;    /* a NUL byte in a query argument, or too many arguments */
    bool dispatched;
    const char *endpoint;
    char client[64];
    struct timespec started;
    pthread_mutex_t lock;
    enum req_state state;
    struct http_resp resp;
    int status_sent;
    size_t bytes_sent;
};

struct http_server {
    struct http_config cfg;
    struct MHD_Daemon *daemons[LISTEN_MAX];
    size_t daemon_count;
    atomic_ulong in_flight;
};

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;

    (void)clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);

    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void args_free(struct arg *args, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(args[i].key);
        free(args[i].value);
    }
}

static void req_free(struct http_req *req)
{
    if (req == NULL) {
        return;
    }
    args_free(req->args, req->arg_count);
    args_free(req->forms, req->form_count);
    free(req->method);
    free(req->path);
    free(req->body);
    free(req->resp.body);
    free(req->resp.location);
    pthread_mutex_destroy(&req->lock);
    free(req);
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size)
{
    struct http_req *req = cls;

    (void)kind;
    if (req->arg_count == ARGS_MAX || strlen(key) != key_size ||
        (value != NULL && strlen(value) != value_size)) {
        req->bad_args = true;
        return MHD_NO;
    }
    req->args[req->arg_count].key = dup_n(key, key_size);
    req->args[req->arg_count].value = dup_n(value != NULL ? value : "", value_size);
    req->arg_count++;
    return MHD_YES;
}

static struct http_req *req_new(struct http_server *srv, struct MHD_Connection *conn,
                                const char *method, const char *url)
{
    struct http_req *req = calloc(1, sizeof(*req));

    if (req == NULL) {
        return NULL;
    }
    req->srv = srv;
    req->conn = conn;
    req->method = strdup(method);
    req->path = strdup(url);
    req->endpoint = "other";
    pthread_mutex_init(&req->lock, NULL);
    (void)clock_gettime(CLOCK_MONOTONIC, &req->started);
    (void)MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, collect_arg, req);
    if (req->method == NULL || req->path == NULL) {
        req_free(req);
        return NULL;
    }
    for (size_t i = 0; i < req->arg_count; i++) {
        if (req->args[i].key == NULL || req->args[i].value == NULL) {
            req_free(req);
            return NULL;
        }
    }
    return req;
}

static int append_body(struct http_req *req, const char *data, size_t len)
{
    if (req->body_too_large || req->body_len + len > req->srv->cfg.body_max) {
        req->body_too_large = true;
        return 0;
    }
    if (req->body_len + len + 1 > req->body_cap) {
        size_t cap = (req->body_len + len + 1) * 2;
        char *p = realloc(req->body, cap);
        if (p == NULL) {
            return -1;
        }
        req->body = p;
        req->body_cap = cap;
    }
    memcpy(req->body + req->body_len, data, len);
    req->body_len += len;
    req->body[req->body_len] = '\0';
    return 0;
}

static void add_headers(struct MHD_Response *r, const struct http_resp *resp)
{
    char retry[24];

    (void)MHD_add_response_header(r, "Content-Type",
                                  resp->content_type != NULL ? resp->content_type
                                                             : "text/plain; charset=utf-8");
    (void)MHD_add_response_header(r, "Content-Security-Policy", csp);
    (void)MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    (void)MHD_add_response_header(r, "X-Frame-Options", "DENY");
    (void)MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    (void)MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    (void)MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
    (void)MHD_add_response_header(r, "Permissions-Policy",
                                  "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    (void)MHD_add_response_header(r, "Cache-Control",
                                  resp->cache_control != NULL ? resp->cache_control : "no-store");
    if (resp->location != NULL) {
        (void)MHD_add_response_header(r, "Location", resp->location);
    }
    if (resp->allow != NULL) {
        (void)MHD_add_response_header(r, "Allow", resp->allow);
    }
    if (resp->retry_after_s > 0) {
        (void)snprintf(retry, sizeof(retry), "%u", resp->retry_after_s);
        (void)MHD_add_response_header(r, "Retry-After", retry);
    }
}

static enum MHD_Result send_resp(struct http_req *req)
{
    struct http_resp *resp = &req->resp;
    struct MHD_Response *r;
    enum MHD_Result ret;

    /* MHD takes the body (MHD_RESPMEM_MUST_FREE) even when it answers HEAD. */
    r = MHD_create_response_from_buffer(resp->body_len, resp->body_len > 0 ? resp->body : NULL,
                                        resp->body_len > 0 ? MHD_RESPMEM_MUST_FREE
                                                           : MHD_RESPMEM_PERSISTENT);
    if (r == NULL) {
        return MHD_NO;
    }
    if (resp->body_len > 0) {
        resp->body = NULL;
    }
    add_headers(r, resp);
    req->status_sent = resp->status;
    req->bytes_sent = resp->body_len;
    ret = MHD_queue_response(req->conn, (unsigned)resp->status, r);
    MHD_destroy_response(r);
    return ret;
}

void http_req_finish(struct http_req *req, struct http_resp *resp)
{
    bool resume;

    pthread_mutex_lock(&req->lock);
    req->resp = *resp;
    memset(resp, 0, sizeof(*resp));
    resume = req->state == REQ_SUSPENDED;
    req->state = REQ_FINISHED;
    if (resume) {
        MHD_resume_connection(req->conn);
    }
    pthread_mutex_unlock(&req->lock);
}

/* A problem document (RFC 9457) for what is refused before any handler sees it; text is a
 * fixed JSON document. */
static void finish_static(struct http_req *req, int status, const char *text)
{
    struct http_resp resp = {.status = status, .content_type = "application/problem+json"};

    resp.body = strdup(text);
    resp.body_len = resp.body != NULL ? strlen(resp.body) : 0;
    http_req_finish(req, &resp);
}

static void finish_too_large(struct http_req *req)
{
    finish_static(req, 413,
                  "{\"type\":\"urn:caa:problem:too-large\",\"title\":\"Request body too "
                  "large\",\"status\":413,\"detail\":\"the body is over the limit\"}");
}

/* After the handler ran: send now if it answered, else park the connection until it does. */
static enum MHD_Result after_dispatch(struct http_req *req)
{
    enum MHD_Result ret = MHD_YES;

    pthread_mutex_lock(&req->lock);
    if (req->state == REQ_FINISHED) {
        ret = send_resp(req);
    } else {
        req->state = REQ_SUSPENDED;
        MHD_suspend_connection(req->conn);
    }
    pthread_mutex_unlock(&req->lock);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct http_server *srv = cls;
    struct http_req *req = *con_cls;
    const char *length;

    (void)version;
    if (req == NULL) {
        req = req_new(srv, conn, method, url);
        if (req == NULL) {
            return MHD_NO;
        }
        *con_cls = req;
        atomic_fetch_add(&srv->in_flight, 1);
        length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (length != NULL && strtoull(length, NULL, 10) > srv->cfg.body_max) {
            /* Refused before reading a byte of it; MHD closes the connection after. */
            req->dispatched = true;
            finish_too_large(req);
            return after_dispatch(req);
        }
        return MHD_YES;
    }
    if (req->dispatched && req->status_sent != 0) {
        /* Answered early (413) while the client still sends: drop what comes. */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (req->dispatched) {
        /* Resumed: the handler has finished. */
        pthread_mutex_lock(&req->lock);
        enum MHD_Result ret = send_resp(req);
        pthread_mutex_unlock(&req->lock);
        return ret;
    }
    if (*upload_data_size > 0) {
        if (append_body(req, upload_data, *upload_data_size) != 0) {
            return MHD_NO;
        }
        /* A body without Content-Length past the cap is drained (MHD can only answer once it
         * has all of it) up to a bound, then the connection is dropped. */
        req->discarded += req->body_too_large ? *upload_data_size : 0;
        *upload_data_size = 0;
        return req->discarded > DRAIN_MAX ? MHD_NO : MHD_YES;
    }
    req->dispatched = true;
    if (req->body_too_large) {
        finish_too_large(req);
    } else if (req->bad_args) {
        finish_static(req, 400,
                      "{\"type\":\"urn:caa:problem:invalid-query\",\"title\":\"Invalid query "
                      "string\",\"status\":400,\"detail\":\"a NUL byte in an argument, or too "
                      "many arguments\"}");
    } else {
        srv->cfg.handler(srv->cfg.user, req);
    }
    return after_dispatch(req);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct http_server *srv = cls;
    struct http_req *req = *con_cls;
    struct http_done_info info;

    (void)conn;
    (void)toe;
    if (req == NULL) {
        return;
    }
    info.client = http_req_peer(req);
    info.client_text = req->client;
    info.method = req->method;
    info.path = req->path;
    info.endpoint = req->endpoint;
    info.status = req->status_sent;
    info.bytes = req->bytes_sent;
    info.duration_s = seconds_since(&req->started);
    if (srv->cfg.done != NULL) {
        srv->cfg.done(srv->cfg.user, &info);
    }
    atomic_fetch_sub(&srv->in_flight, 1);
    req_free(req);
    *con_cls = NULL;
}

/* "127.0.0.1:8053", "[::1]:8053", "8053" (127.0.0.1). */
static int parse_listen(const char *text, struct sockaddr_storage *ss, bool *v6)
{
    char host[64];
    const char *port;
    size_t host_len;
    char *end = NULL;
    unsigned long p;

    if (text[0] == '[') {
        const char *close = strchr(text, ']');
        if (close == NULL || close[1] != ':') {
            return -1;
        }
        host_len = (size_t)(close - text - 1);
        if (host_len >= sizeof(host)) {
            return -1;
        }
        memcpy(host, text + 1, host_len);
        port = close + 2;
        *v6 = true;
    } else {
        const char *colon = strrchr(text, ':');
        if (colon == NULL) {
            return -1;
        }
        host_len = (size_t)(colon - text);
        if (host_len >= sizeof(host)) {
            return -1;
        }
        memcpy(host, text, host_len);
        port = colon + 1;
        *v6 = false;
    }
    host[host_len] = '\0';
    p = strtoul(port, &end, 10);
    if (end == port || *end != '\0' || p == 0 || p > 65535) {
        return -1;
    }
    memset(ss, 0, sizeof(*ss));
    if (*v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)p);
        return inet_pton(AF_INET6, host, &a->sin6_addr) == 1 ? 0 : -1;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)p);
    return inet_pton(AF_INET, host, &a->sin_addr) == 1 ? 0 : -1;
}

static struct MHD_Daemon *start_one(struct http_server *srv, const struct sockaddr_storage *ss,
                                    bool v6)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
                     MHD_USE_TURBO | MHD_USE_ITC | (v6 ? MHD_USE_IPv6 : 0u);

    return MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)srv->cfg.threads, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)srv->cfg.connection_timeout_s, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)srv->cfg.per_ip_connections, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)srv->cfg.max_connections, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        srv->cfg.memory_limit, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, srv, MHD_OPTION_END);
}

int http_server_start(const struct http_config *cfg, struct http_server **out, char *err,
                      size_t err_len)
{
    struct http_server *srv = calloc(1, sizeof(*srv));

    if (srv == NULL || cfg->listen_count > LISTEN_MAX) {
        (void)snprintf(err, err_len, srv == NULL ? "out of memory" : "at most %d --listen",
                       LISTEN_MAX);
        free(srv);
        return -1;
    }
    srv->cfg = *cfg;
    for (size_t i = 0; i < cfg->listen_count; i++) {
        struct sockaddr_storage ss;
        bool v6 = false;
        if (parse_listen(cfg->listen[i], &ss, &v6) != 0) {
            (void)snprintf(err, err_len, "--listen %s: not ADDRESS:PORT or [ADDRESS]:PORT",
                           cfg->listen[i]);
            http_server_stop(srv);
            return -1;
        }
        srv->daemons[i] = start_one(srv, &ss, v6);
        if (srv->daemons[i] == NULL) {
            (void)snprintf(err, err_len, "cannot listen on %s (in use, or no such address)",
                           cfg->listen[i]);
            http_server_stop(srv);
            return -1;
        }
        srv->daemon_count++;
    }
    *out = srv;
    return 0;
}

void http_server_quiesce(struct http_server *srv)
{
    for (size_t i = 0; i < srv->daemon_count; i++) {
        MHD_socket fd = MHD_quiesce_daemon(srv->daemons[i]);
        if (fd != MHD_INVALID_SOCKET) {
            (void)close(fd);
        }
    }
}

unsigned long http_server_in_flight(const struct http_server *srv)
{
    return atomic_load(&srv->in_flight);
}

void http_server_stop(struct http_server *srv)
{
    if (srv == NULL) {
        return;
    }
    for (size_t i = 0; i < srv->daemon_count; i++) {
        MHD_stop_daemon(srv->daemons[i]);
    }
    free(srv);
}

const char *http_req_method(const struct http_req *req)
{
    return req->method;
}

const char *http_req_path(const struct http_req *req)
{
    return req->path;
}

const char *http_req_header(const struct http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

static size_t find_values(const struct arg *args, size_t count, const char *key,
                          const char **values, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < count; i++) {
        if (strcmp(args[i].key, key) == 0) {
            if (n < max) {
                values[n] = args[i].value;
            }
            n++;
        }
    }
    return n;
}

size_t http_req_args(const struct http_req *req, const char *key, const char **values, size_t max)
{
    return find_values(req->args, req->arg_count, key, values, max);
}

const char *http_req_arg(const struct http_req *req, const char *key)
{
    const char *v = NULL;

    return http_req_args(req, key, &v, 1) > 0 ? v : NULL;
}

const char *http_req_body(const struct http_req *req, size_t *len)
{
    *len = req->body_len;
    return req->body != NULL ? req->body : "";
}

/* application/x-www-form-urlencoded: '+' is a space, then percent-decoding (MHD's). A field
 * whose value decodes to a NUL byte is dropped. */
static void parse_forms(struct http_req *req)
{
    const char *p = req->body != NULL ? req->body : "";

    req->forms_parsed = true;
    while (*p != '\0' && req->form_count < ARGS_MAX) {
        size_t len = strcspn(p, "&");
        char *field = dup_n(p, len);
        char *eq;
        p += len + (p[len] == '&');
        if (field == NULL) {
            return;
        }
        for (char *c = field; *c != '\0'; c++) {
            *c = *c == '+' ? ' ' : *c;
        }
        eq = strchr(field, '=');
        if (eq != NULL) {
            *eq = '\0';
        }
        size_t klen = MHD_http_unescape(field);
        size_t vlen = eq != NULL ? MHD_http_unescape(eq + 1) : 0;
        if (klen != strlen(field) || (eq != NULL && vlen != strlen(eq + 1))) {
            free(field);
            continue;
        }
        req->forms[req->form_count].key = strdup(field);
        req->forms[req->form_count].value = strdup(eq != NULL ? eq + 1 : "");
        free(field);
        if (req->forms[req->form_count].key == NULL || req->forms[req->form_count].value == NULL) {
            free(req->forms[req->form_count].key);
            free(req->forms[req->form_count].value);
            return;
        }
        req->form_count++;
    }
}

size_t http_req_forms(const struct http_req *req, const char *key, const char **values, size_t max)
{
    struct http_req *mut = (struct http_req *)req; /* parsed on first use */

    if (!mut->forms_parsed) {
        parse_forms(mut);
    }
    return find_values(req->forms, req->form_count, key, values, max);
}

const char *http_req_form(const struct http_req *req, const char *key)
{
    const char *v = NULL;

    return http_req_forms(req, key, &v, 1) > 0 ? v : NULL;
}

const struct sockaddr *http_req_peer(const struct http_req *req)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

    return ci != NULL ? ci->client_addr : NULL;
}

void http_req_set_client(struct http_req *req, const char *client)
{
    (void)snprintf(req->client, sizeof(req->client), "%s", client);
}

void http_req_set_endpoint(struct http_req *req, const char *endpoint)
{
    req->endpoint = endpoint;
}
