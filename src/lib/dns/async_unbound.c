/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/eventfd.h>

#include <event2/event.h>
#include <unbound-event.h>
#include <unbound.h>

#include "lib/dns/answer_parse.h"
#include "lib/dns/async.h"
#include "lib/dns/unbound_config.h"
#include "lib/util/error.h"

#define DEFAULT_TRUST_ANCHOR "/usr/share/dns/root.key"
#define RCODE_SERVFAIL 2
#define RCODE_NXDOMAIN 3
#define CLASS_IN 1

struct query;

struct caa__async {
    struct event_base *base;
    struct ub_ctx *ctx;
    struct event *wake;
    int poke_fd; /* eventfd: caa__async_wake from another thread */
    struct event *poke;
    bool trust_ad;
    bool private_root;
    bool closing;         /* being freed: callbacks no longer reach the caller */
    bool finalized;       /* the first query is done (finalize) */
    char start_error[64]; /* why the first query could not start (finalize) */
    unsigned pending;
    struct query *queries; /* in flight: freed with the resolver if never answered */
};

struct query {
    struct query *prev, *next;
    struct caa__async *a;
    caa__async_done_fn *fn;
    void *user;
    char qname[256];
    uint16_t qtype;
    struct timespec started;
};

static unsigned ms_since(const struct timespec *t)
{
    struct timespec now;
    long long ms;

    clock_gettime(CLOCK_MONOTONIC, &now);
    ms = (long long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
    return ms > 0 ? (unsigned)ms : 0;
}

static void fill_answer(struct caa__dns_answer *ans, const struct query *q, int rcode,
                        const uint8_t *packet, size_t len, int sec, const char *why, bool trust_ad)
{
    struct caa__answer_head head;
    enum caa__answer_read r;

    /* ub_event_callback: a failed resolution (SERVFAIL, ...) comes as the rcode argument; the
     * packet that may come with it is not the answer. */
    if (rcode != 0 && rcode != RCODE_NXDOMAIN) {
        ans->rcode = rcode;
        ans->dnssec = sec == 1 ? CAA_DNSSEC_BOGUS : CAA_DNSSEC_UNKNOWN;
        if (sec == 1 && why != NULL) {
            (void)snprintf(ans->why_bogus, sizeof(ans->why_bogus), "%s", why);
        }
        return;
    }
    r = packet != NULL ? caa__dns_answer_read(packet, len, q->qtype, ans, &head)
                       : CAA__ANSWER_READ_MALFORMED;
    if (r == CAA__ANSWER_READ_MALFORMED) {
        ans->failure = CAA__DNS_RESOLVER;
        return;
    }
    ans->rcode = head.rcode;
    if (trust_ad) {
        ans->dnssec = head.ad ? CAA_DNSSEC_SECURE : CAA_DNSSEC_INSECURE;
    } else {
        /* ub_event_callback: sec 0 insecure, 1 bogus, 2 secure; bogus data may come with
         * NOERROR (dns-lab.md §9 gotcha 3). A SERVFAIL the validator never judged (sec 0) is
         * judged nothing: calling it insecure would let a failed DS lookup pass for the BR
         * 3.2.2.8 proof of insecurity. */
        ans->dnssec = sec == 2                       ? CAA_DNSSEC_SECURE
                      : sec == 1                     ? CAA_DNSSEC_BOGUS
                      : ans->rcode == RCODE_SERVFAIL ? CAA_DNSSEC_UNKNOWN
                                                     : CAA_DNSSEC_INSECURE;
    }
    if (ans->dnssec == CAA_DNSSEC_BOGUS && why != NULL) {
        (void)snprintf(ans->why_bogus, sizeof(ans->why_bogus), "%s", why);
    }
    if (r != CAA__ANSWER_READ_OK) {
        ans->failure = CAA__DNS_RESOLVER;
    }
}

static void unlink_query(struct query *q)
{
    if (q->prev != NULL) {
        q->prev->next = q->next;
    } else {
        q->a->queries = q->next;
    }
    if (q->next != NULL) {
        q->next->prev = q->prev;
    }
    q->a->pending--;
}

static void on_answer(void *arg, int rcode, void *packet, int len, int sec, char *why_bogus,
                      int was_ratelimited)
{
    struct query *q = arg;
    struct caa__dns_answer ans;

    (void)was_ratelimited;
    if (q->a->closing) {
        /* ub_ctx_delete answers what is still in flight with SERVFAIL; the caller's state may
         * be gone already. */
        unlink_query(q);
        free(q);
        return;
    }
    caa__dns_answer_init(&ans, q->qname);
    fill_answer(&ans, q, rcode, packet, len > 0 ? (size_t)len : 0, sec, why_bogus, q->a->trust_ad);
    ans.elapsed_ms = ms_since(&q->started);
    unlink_query(q);
    q->fn(q->user, &ans);
    caa__dns_answer_cleanup(&ans);
    free(q);
}

/* Bulk work keeps hundreds of lookups in flight: libunbound's library defaults (16 ports, a
 * small query table) would serialise them (performance.md). Its message and RRset caches
 * matter little here (the caller keeps the CAA outcomes; delegations and keys are few and
 * used all the time) and cost memory in every worker. Set before the caller's options, which
 * may override them. */
static const struct {
    const char *name;
    const char *value;
} bulk_options[] = {
    {"so-rcvbuf:", "4m"},       {"so-sndbuf:", "4m"},      {"outgoing-num-tcp:", "64"},
    {"incoming-num-tcp:", "0"}, {"msg-cache-size:", "1m"}, {"rrset-cache-size:", "1m"},
};

#define PORTS_MIN 256u
#define PORTS_MAX 4096u

/* Ports and query slots for `in_flight` lookups plus the resolver's own (delegations, keys). */
static enum caa_status set_capacity(struct caa__async *a, unsigned in_flight, struct caa_error *err)
{
    unsigned ports = in_flight > PORTS_MAX - PORTS_MIN ? PORTS_MAX : in_flight + PORTS_MIN;
    char value[16];
    int rc;

    (void)snprintf(value, sizeof(value), "%u", ports);
    rc = ub_ctx_set_option(a->ctx, "outgoing-range:", value);
    rc = rc == 0 ? ub_ctx_set_option(a->ctx, "num-queries-per-thread:", value) : rc;
    if (rc != 0) {
        (void)caa__error_set(err, 0, "resolver option outgoing-range %s: %s", value,
                             ub_strerror(rc));
        return CAA_E_IO;
    }
    return CAA_OK;
}

static enum caa_status configure(struct caa__async *a, const struct caa__resolver_config *cfg,
                                 const char *forwarder, bool trust_ad, unsigned in_flight,
                                 struct caa_error *err)
{
    enum caa_status st = in_flight > 0 ? set_capacity(a, in_flight, err) : CAA_OK;
    int rc;

    if (st != CAA_OK) {
        return st;
    }
    for (size_t i = 0; in_flight > 0 && i < sizeof(bulk_options) / sizeof(bulk_options[0]); i++) {
        rc = ub_ctx_set_option(a->ctx, bulk_options[i].name, bulk_options[i].value);
        if (rc != 0) {
            (void)caa__error_set(err, 0, "resolver option %s: %s", bulk_options[i].name,
                                 ub_strerror(rc));
            return CAA_E_IO;
        }
    }
    if (forwarder != NULL) {
        /* The forwarder decides about special-use names (a lab resolver serves test.). */
        struct caa__resolver_config fwd = *cfg;
        fwd.custom_hints = true;
        st = caa__unbound_configure(a->ctx, &fwd, false, err);
    } else {
        st = caa__unbound_configure(a->ctx, cfg, true, err);
    }

    if (st != CAA_OK || forwarder == NULL) {
        return st;
    }
    rc = ub_ctx_set_fwd(a->ctx, forwarder);
    if (rc != 0) {
        (void)caa__error_set(err, 0, "resolver %s: %s", forwarder, ub_strerror(rc));
        return CAA_E_IO;
    }
    if (trust_ad) {
        /* Only the forwarder validates: believe its AD bit (the way Let's Encrypt runs its
         * own checker against its resolvers). */
        rc = ub_ctx_set_option(a->ctx, "module-config:", "iterator");
    } else {
        const char *anchor = cfg->trust_anchor != NULL ? cfg->trust_anchor : DEFAULT_TRUST_ANCHOR;
        rc = ub_ctx_add_ta_file(a->ctx, anchor);
    }
    if (rc != 0) {
        (void)caa__error_set(err, 0, "resolver %s: %s", forwarder, ub_strerror(rc));
        return CAA_E_IO;
    }
    return CAA_OK;
}

static void wake_up(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    event_base_loopbreak(arg);
}

static void poked(evutil_socket_t fd, short what, void *arg)
{
    uint64_t count;

    (void)what;
    (void)arg;
    /* Drain the counter; the loop returns after this callback (EVLOOP_ONCE). */
    if (read(fd, &count, sizeof(count)) < 0) {
        return;
    }
}

static void finalized(void *user, struct caa__dns_answer *answer)
{
    struct caa__async *a = user;

    if (answer->failure != CAA__DNS_OK) {
        (void)snprintf(a->start_error, sizeof(a->start_error), "%.60s", answer->why_bogus);
    }
    a->finalized = true;
}

/* libunbound applies its configuration, some of it to process-wide variables, and sets up the
 * context's worker at its first query. Do that now, on the caller's thread, with a name its
 * built-in local zones answer without a packet, so that contexts can then run side by side on
 * threads. */
static enum caa_status finalize(struct caa__async *a, struct caa_error *err)
{
    int rc;

    caa__ub_worker_setup_begin(); /* the first query also sets up the context's worker */
    rc = caa__async_query(a, "localhost.", 1, finalized, a);
    caa__ub_worker_setup_end();
    if (rc != 0) {
        /* libunbound reads the hints and the trust anchor here; a file that does not parse
         * comes back as "out of memory" (hints) or "initialization failure" (anchor). */
        (void)caa__error_set(err, 0,
                             "resolver did not start (%s): check the root hints and trust anchor",
                             a->start_error);
        return CAA_E_IO;
    }
    /* Answered at once unless the caller's options made localhost. resolvable elsewhere; the
     * answer may then come later, into the resolver (never the stack). */
    for (int i = 0; !a->finalized && i < 100; i++) {
        caa__async_run(a, 10);
    }
    return CAA_OK;
}

enum caa_status caa__async_new(const struct caa__resolver_config *cfg, const char *forwarder,
                               bool trust_ad, unsigned in_flight, struct caa__async **out,
                               struct caa_error *err)
{
    struct caa__async *a = calloc(1, sizeof(*a));
    enum caa_status st = CAA_E_NOMEM;

    if (a == NULL) {
        return CAA_E_NOMEM;
    }
    a->trust_ad = trust_ad;
    a->private_root = cfg->custom_hints;
    a->base = event_base_new();
    a->ctx = a->base != NULL ? caa__ub_ctx_new_event(a->base) : NULL;
    a->wake = a->base != NULL ? evtimer_new(a->base, wake_up, a->base) : NULL;
    a->poke_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    a->poke = a->base != NULL && a->poke_fd >= 0
                  ? event_new(a->base, a->poke_fd, EV_READ | EV_PERSIST, poked, a)
                  : NULL;
    if (a->ctx != NULL && a->wake != NULL && a->poke != NULL && event_add(a->poke, NULL) == 0) {
        st = configure(a, cfg, forwarder, trust_ad, in_flight, err);
    }
    if (st == CAA_OK) {
        st = finalize(a, err);
    }
    if (st != CAA_OK) {
        caa__async_free(a);
        return st;
    }
    *out = a;
    return CAA_OK;
}

void caa__async_free(struct caa__async *a)
{
    if (a == NULL) {
        return;
    }
    a->closing = true;
    if (a->ctx != NULL) {
        caa__ub_ctx_delete(a->ctx);
    }
    while (a->queries != NULL) {
        struct query *q = a->queries;
        a->queries = q->next;
        free(q);
    }
    if (a->wake != NULL) {
        event_free(a->wake);
    }
    if (a->poke != NULL) {
        event_free(a->poke);
    }
    if (a->poke_fd >= 0) {
        (void)close(a->poke_fd);
    }
    if (a->base != NULL) {
        event_base_free(a->base);
    }
    free(a);
}

int caa__async_query(struct caa__async *a, const char *qname, uint16_t qtype,
                     caa__async_done_fn *fn, void *user)
{
    struct query *q = calloc(1, sizeof(*q));
    int rc;

    if (q == NULL) {
        struct caa__dns_answer ans;
        caa__dns_answer_init(&ans, qname);
        ans.failure = CAA__DNS_RESOLVER;
        fn(user, &ans);
        caa__dns_answer_cleanup(&ans);
        return -1;
    }
    *q = (struct query){NULL, a->queries, a, fn, user, "", qtype, {0, 0}};
    (void)snprintf(q->qname, sizeof(q->qname), "%s", qname);
    clock_gettime(CLOCK_MONOTONIC, &q->started);
    if (a->queries != NULL) {
        a->queries->prev = q;
    }
    a->queries = q;
    a->pending++;
    rc = ub_resolve_event(a->ctx, qname, qtype, CLASS_IN, q, on_answer, NULL);
    if (rc != 0) {
        struct caa__dns_answer ans;
        unlink_query(q);
        caa__dns_answer_init(&ans, qname);
        ans.failure = CAA__DNS_RESOLVER;
        (void)snprintf(ans.why_bogus, sizeof(ans.why_bogus), "%s", ub_strerror(rc));
        fn(user, &ans);
        caa__dns_answer_cleanup(&ans);
        free(q);
        return -1;
    }
    return 0;
}

void caa__async_run(struct caa__async *a, unsigned timeout_ms)
{
    struct timeval tv = {(time_t)(timeout_ms / 1000), (suseconds_t)((timeout_ms % 1000) * 1000)};

    (void)evtimer_add(a->wake, &tv);
    (void)event_base_loop(a->base, EVLOOP_ONCE);
    (void)evtimer_del(a->wake);
}

void caa__async_wake(struct caa__async *a)
{
    uint64_t one = 1;

    /* A full counter (never, in practice) still leaves the descriptor readable. */
    if (write(a->poke_fd, &one, sizeof(one)) < 0) {
        return;
    }
}

unsigned caa__async_pending(const struct caa__async *a)
{
    return a->pending;
}

bool caa__async_private_root(const struct caa__async *a)
{
    return a->private_root;
}

struct event_base *caa__async_base(struct caa__async *a)
{
    return a->base;
}
