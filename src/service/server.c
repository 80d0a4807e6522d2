/* SPDX-License-Identifier: MIT */
/* `caa serve`: builds the service from its options, serves until SIGTERM/SIGINT, and stops
 * within a bound. Signals are taken by sigtimedwait in the main thread (no handlers). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access_log.h"
#include "metrics.h"
#include "rate_guard.h"
#include "service.h"

#define BLOCKED_MAX 32 /* the library's cap on resolver options */

struct ctx_maker {
    const struct serve_options *o;
    char blocked[BLOCKED_MAX][64];
    size_t blocked_count;
};

/* One worker's context: the operator's root and trust anchor, and the resolver told never to
 * send a query to a special-use address outside --allow-private (libunbound's
 * do-not-query-address; do-not-query-localhost alone would also refuse the lab). */
static int make_ctx(void *user, struct caa_ctx **out)
{
    const struct ctx_maker *m = user;
    struct caa_ctx *ctx = NULL;
    enum caa_status st = caa_ctx_new(&ctx);

    if (st == CAA_OK && m->o->root_hints != NULL) {
        st = caa_ctx_set_root_hints(ctx, m->o->root_hints);
    }
    if (st == CAA_OK && m->o->trust_anchor != NULL) {
        st = caa_ctx_set_trust_anchor(ctx, m->o->trust_anchor);
    }
    for (size_t i = 0; st == CAA_OK && i < m->blocked_count; i++) {
        st = caa_ctx_set_resolver_option(ctx, "do-not-query-address:", m->blocked[i]);
    }
    if (st != CAA_OK) {
        fprintf(stderr, "caa serve: cannot set up a resolver: %s\n", caa_status_message(st));
        caa_ctx_free(ctx);
        return -1;
    }
    caa_ctx_set_timeout_ms(ctx, m->o->check_timeout_ms);
    /* The same check as the CLI's: the deciding zone's servers compared, a warning when they
     * disagree. Their addresses obey the same policy as the resolver's (--allow-private; the
     * blocked ranges above are never asked). */
    caa_ctx_set_compare_servers(ctx, m->o->compare_servers);
    caa_ctx_set_allow_private(ctx, m->o->allow_private_count > 0);
    /* Each worker keeps its resolver, and its DNS cache, as long as a result is cached
     * (--cache-ttl; 0: a cold resolver per check); fresh=1 and the form start cold. */
    caa_ctx_set_resolver_reuse(
        ctx, m->o->cache_ttl_s > 0 && m->o->cache_ttl_s < 1.0 ? 1u : (unsigned)m->o->cache_ttl_s);
    *out = ctx;
    return 0;
}

static int plan_blocked(const struct serve_options *o, struct ctx_maker *m)
{
    struct cidr ranges[BLOCKED_MAX];
    size_t n = cidr_blocked_ranges(o->allow_private, o->allow_private_count, ranges, BLOCKED_MAX);

    if (n > BLOCKED_MAX) {
        fprintf(stderr,
                "caa serve: the --allow-private ranges split the special-use ranges into %zu "
                "pieces; at most %d fit (give fewer or wider ranges)\n",
                n, BLOCKED_MAX);
        return -1;
    }
    m->o = o;
    m->blocked_count = n;
    for (size_t i = 0; i < n; i++) {
        cidr_format(&ranges[i], m->blocked[i], sizeof(m->blocked[i]));
    }
    return 0;
}

static void on_done(void *user, const struct http_done_info *info)
{
    struct service *svc = user;

    metrics_request(svc->metrics, info->endpoint, info->status, info->duration_s);
    access_log_write(svc->log, info);
}

static void wait_for_drain(struct service *svc, struct http_server *srv)
{
    struct timespec start, now, pause = {0, 20 * 1000 * 1000};

    (void)clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        (void)clock_gettime(CLOCK_MONOTONIC, &now);
        if (http_server_in_flight(srv) == 0 ||
            now.tv_sec - start.tv_sec >= (time_t)svc->opts->shutdown_timeout_s) {
            return;
        }
        (void)nanosleep(&pause, NULL);
    }
}

/* Until SIGTERM or SIGINT; SIGHUP reopens the log. */
static void serve_until_signal(struct service *svc, const sigset_t *signals)
{
    for (;;) {
        struct timespec tick = {60, 0};
        int sig = sigtimedwait(signals, NULL, &tick);
        if (sig == SIGHUP) {
            access_log_note(svc->log, access_log_reopen(svc->log) == 0 ? "log reopened (SIGHUP)"
                                                                       : "cannot reopen the log");
        } else if (sig == SIGTERM || sig == SIGINT) {
            access_log_note(svc->log, sig == SIGTERM ? "SIGTERM: finishing requests in flight"
                                                     : "SIGINT: finishing requests in flight");
            return;
        } else if (sig < 0 && errno != EAGAIN && errno != EINTR) {
            return;
        }
        service_housekeeping(svc);
    }
}

static int build(struct service *svc, const struct serve_options *o, struct ctx_maker *maker)
{
    svc->opts = o;
    svc->log = access_log_open(o->log_path, o->log_json);
    if (svc->log == NULL) {
        fprintf(stderr, "caa serve: cannot open the log %s: %s\n", o->log_path, strerror(errno));
        return 69;
    }
    if (plan_blocked(o, maker) != 0) {
        return 64;
    }
    svc->metrics = metrics_new();
    svc->cache = result_cache_new(o->cache_ttl_s, 100000);
    svc->guard = rate_guard_new(o);
    if (svc->metrics == NULL || svc->cache == NULL || svc->guard == NULL) {
        fprintf(stderr, "caa serve: out of memory (or no Public Suffix List)\n");
        return 70;
    }
    if (pool_new(o->workers, o->queue, make_ctx, maker, &svc->pool) != 0) {
        fprintf(stderr, "caa serve: cannot start the workers\n");
        return 70;
    }
    svc->checker.pool = svc->pool;
    svc->checker.cache = svc->cache;
    return service_web_open(svc);
}

static void teardown(struct service *svc)
{
    pool_free(svc->pool);
    service_web_close(svc);
    result_cache_free(svc->cache);
    rate_guard_free(svc->guard);
    metrics_free(svc->metrics);
    access_log_close(svc->log);
}

int serve_main(int argc, char **argv)
{
    struct ctx_maker maker = {0};
    struct serve_options o;
    struct service svc;
    struct http_server *srv = NULL;
    sigset_t signals;
    char err[256];
    int rc = serve_options_parse(argc, argv, &o);

    if (rc != 0) {
        return rc < 0 ? 0 : rc;
    }
    /* Every thread inherits the mask: signals wait for sigtimedwait here. */
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    (void)pthread_sigmask(SIG_BLOCK, &signals, NULL);
    (void)signal(SIGPIPE, SIG_IGN);
    memset(&svc, 0, sizeof(svc));
    rc = build(&svc, &o, &maker);
    if (rc == 0) {
        struct http_config cfg = {
            o.listen, o.listen_count, o.http_threads, o.connection_timeout_s, o.per_ip_connections,
            4096,     64 * 1024,      64 * 1024,      routes_dispatch,        on_done,
            &svc};
        if (http_server_start(&cfg, &srv, err, sizeof(err)) != 0) {
            fprintf(stderr, "caa serve: %s\n", err);
            rc = 69;
        }
    }
    if (rc == 0) {
        char note[256];
        (void)snprintf(note, sizeof(note), "listening on %s%s (%u workers, queue %u)", o.listen[0],
                       o.listen_count > 1 ? " and more" : "", o.workers, o.queue);
        access_log_note(svc.log, note);
        serve_until_signal(&svc, &signals);
        http_server_quiesce(srv);
        wait_for_drain(&svc, srv);
        /* Workers first: what is still queued is answered 503 (the pool runs it without a
         * context), so no connection stays suspended when the server stops. */
        pool_free(svc.pool);
        svc.pool = NULL;
        http_server_stop(srv);
        access_log_note(svc.log, "stopped");
    }
    teardown(&svc);
    return rc;
}
