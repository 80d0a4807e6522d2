/* SPDX-License-Identifier: MIT */
/*
 * CAA lookups through libunbound, configured as a CA's validating resolver (ca-behaviour.md §6.2,
 * dns-lab.md §9): one fresh context per call (or the one a context keeps, resolver_keep.h), all
 * queries in flight at once, one deadline.
 */
#include "lib/dns/resolver.h"
#include "lib/dns/unbound_config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unbound.h>

#include "lib/dns/answer_parse.h"
#include "lib/dns/async.h"
#include "lib/util/error.h"

#define DEFAULT_ROOT_HINTS "/usr/share/dns/root.hints"
#define DEFAULT_TRUST_ANCHOR "/usr/share/dns/root.key"
#define CLASS_IN 1
#define RRTYPE_CAA 257
#define QNAME_MAX 255
#define NS_PER_MS 1000000
/* poll() takes an int; wake at least this often and recompute what is left. */
#define POLL_SLICE_MS 1000
/* A kept resolver's query slots: an order of 100 names climbs at most a few hundred labels. */
#define KEPT_IN_FLIGHT 512u

struct run;

struct pending {
    struct run *run;
    struct caa__dns_answer *answer;
    struct timespec started;
    int async_id;
    bool outstanding;
};

struct run {
    struct ub_ctx *ctx;
    struct pending *queries;
    size_t count;
    size_t outstanding;
    enum caa_status st; /* first failure inside a callback (sticky) */
    bool broken;        /* poll or ub_process failed: the context is not used again */
};

/* The CA profile (ca-behaviour.md §6.2; dns-lab.md §9 for why each is spelled out).
 *
 * One deliberate difference from Let's Encrypt's resolvers: no 0x20 (`use-caps-for-id`). A fresh
 * libunbound context that meets a timeout starts its "caps fallback" ("Capsforid: timeouts,
 * starting fallback") and asks every server of the zone again, the silent ones included, with
 * backed-off timeouts: on lame.test (one good server beside a refusing, a dead and a silent one)
 * unbound-host with caps gave no answer in 30 s in 3 runs of 20 and 1 of 27, and 0 of 28 without.
 * A CA's long-running resolver has learned which servers are silent; our per-check one has not.
 * The fallback also accepts an answer whatever its case (spoofcase.test), so caps bought no
 * protection here; ID and port randomisation remain, and the wire engine does strict 0x20. */
static const struct {
    const char *name;
    const char *value;
} ca_options[] = {
    {"use-caps-for-id:", "no"},        {"qname-minimisation:", "no"},
    {"edns-buffer-size:", "1232"},     {"harden-dnssec-stripped:", "yes"},
    {"harden-glue:", "yes"},           {"harden-below-nxdomain:", "yes"},
    {"val-log-level:", "2"},           /* fills why_bogus (gotcha 5) */
    {"trust-anchor-signaling:", "no"}, /* no _ta- queries (gotcha 12) */
    {"root-key-sentinel:", "no"},      /* no special names (gotcha 11) */
    {"do-not-query-localhost:", "no"}, /* loopback servers are real servers here (gotcha 13) */
    {"aggressive-nsec:", "no"},        /* every label is really asked (gotcha 7) */
    {"rrset-roundrobin:", "no"},       /* records in the order served: stable output */
};

/* Special-use zones a private root serves (gotcha 2: "nodefault" is ignored by set_option). */
static const char *const custom_root_zones[] = {
    "test. transparent",
    "invalid. transparent",
};

static int64_t ns_of(const struct timespec *ts)
{
    return (int64_t)ts->tv_sec * 1000000000 + (int64_t)ts->tv_nsec;
}

static int64_t now_ns(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return ns_of(&ts);
}

static unsigned ms_since(const struct timespec *started)
{
    int64_t elapsed = now_ns() - ns_of(started);

    return elapsed > 0 ? (unsigned)(elapsed / NS_PER_MS) : 0;
}

static enum caa_status status_of(int ub_err)
{
    return ub_err == UB_NOMEM ? CAA_E_NOMEM : CAA_E_IO;
}

static enum caa_status set_option(struct ub_ctx *ctx, const char *name, const char *value,
                                  struct caa_error *err)
{
    int rc = ub_ctx_set_option(ctx, name, value);

    if (rc != 0) {
        (void)caa__error_set(err, 0, "resolver option \"%s\" \"%s\": %s", name, value,
                             ub_strerror(rc));
        return status_of(rc);
    }
    return CAA_OK;
}

/* libunbound reads these files only when the first query starts; check now, and say which. */
static enum caa_status check_readable(const char *what, const char *path, struct caa_error *err)
{
    FILE *fp = fopen(path, "r");

    if (fp == NULL) {
        (void)caa__error_set(err, 0, "cannot read %s %s: %s", what, path, strerror(errno));
        return CAA_E_IO;
    }
    (void)fclose(fp);
    return CAA_OK;
}

static enum caa_status set_root(struct ub_ctx *ctx, const struct caa__resolver_config *cfg,
                                struct caa_error *err)
{
    const char *hints = cfg->root_hints != NULL ? cfg->root_hints : DEFAULT_ROOT_HINTS;
    const char *anchor = cfg->trust_anchor != NULL ? cfg->trust_anchor : DEFAULT_TRUST_ANCHOR;
    enum caa_status st = check_readable("root hints", hints, err);
    int rc;

    if (st == CAA_OK) {
        st = check_readable("trust anchor", anchor, err);
    }
    if (st == CAA_OK) {
        /* dns-lab.md gotcha 1: without hints libunbound goes to the real root servers. */
        st = set_option(ctx, "root-hints:", hints, err);
    }
    if (st == CAA_OK) {
        rc = ub_ctx_add_ta_file(ctx, anchor);
        if (rc != 0) {
            (void)caa__error_set(err, 0, "trust anchor %s: %s", anchor, ub_strerror(rc));
            st = status_of(rc);
        }
    }
    return st;
}

static enum caa_status set_profile(struct ub_ctx *ctx, const struct caa__resolver_config *cfg,
                                   struct caa_error *err)
{
    enum caa_status st = CAA_OK;
    size_t i;

    for (i = 0; i < sizeof(ca_options) / sizeof(ca_options[0]) && st == CAA_OK; i++) {
        st = set_option(ctx, ca_options[i].name, ca_options[i].value, err);
    }
    for (i = 0; cfg->custom_hints && i < sizeof(custom_root_zones) / sizeof(custom_root_zones[0]) &&
                st == CAA_OK;
         i++) {
        st = set_option(ctx, "local-zone:", custom_root_zones[i], err);
    }
    for (i = 0; i < cfg->option_count && st == CAA_OK; i++) {
        st = set_option(ctx, cfg->option_names[i], cfg->option_values[i], err);
    }
    return st;
}

enum caa_status caa__unbound_configure(struct ub_ctx *ctx, const struct caa__resolver_config *cfg,
                                       bool with_root, struct caa_error *err)
{
    enum caa_status st = CAA_OK;

    (void)ub_ctx_debugout(ctx, NULL);
    if (with_root) {
        st = set_root(ctx, cfg, err);
    }
    return st == CAA_OK ? set_profile(ctx, cfg, err) : st;
}

static enum caa_status context_new(const struct caa__resolver_config *cfg, struct ub_ctx **out,
                                   struct caa_error *err)
{
    enum caa_status st = CAA_E_IO;
    struct ub_ctx *ctx = caa__ub_ctx_new();
    int rc;

    if (ctx == NULL) {
        st = CAA_E_NOMEM;
        goto out;
    }
    /* The library never prints. libunbound's log is process-wide: NULL (not a FILE that could
     * be closed under another context) silences it; our errors go to err instead. */
    (void)ub_ctx_debugout(ctx, NULL);
    /* dns-lab.md gotcha 15: without this, ub_resolve_async forks a process. */
    rc = ub_ctx_async(ctx, 1);
    if (rc != 0) {
        (void)caa__error_set(err, 0, "resolver threads: %s", ub_strerror(rc));
        st = status_of(rc);
        goto out;
    }
    st = set_root(ctx, cfg, err);
    if (st == CAA_OK) {
        st = set_profile(ctx, cfg, err);
    }
out:
    if (st == CAA_OK) {
        *out = ctx;
    } else if (ctx != NULL) {
        caa__ub_ctx_delete(ctx);
    }
    return st;
}

static enum caa__dns_failure failure_of(int ub_err)
{
    return ub_err == UB_SOCKET ? CAA__DNS_NETWORK : CAA__DNS_RESOLVER;
}

static void on_result(void *data, int ub_err, struct ub_result *result)
{
    struct pending *q = data;
    enum caa_status st;

    if (q->outstanding) {
        q->outstanding = false;
        q->run->outstanding--;
        q->answer->elapsed_ms = ms_since(&q->started);
        if (ub_err != 0 || result == NULL) {
            q->answer->failure = failure_of(ub_err);
        } else {
            q->answer->failure = CAA__DNS_OK;
            st = caa__dns_answer_from_result(q->answer, result);
            if (st != CAA_OK && q->run->st == CAA_OK) {
                q->run->st = st;
            }
        }
    }
    ub_resolve_free(result);
}

/* Starts query i. A name libunbound rejects fails alone; anything else fails the call. */
static enum caa_status start_one(struct run *run, size_t i, const char *qname, uint16_t rrtype,
                                 struct caa_error *err)
{
    struct pending *q = &run->queries[i];
    int rc;

    (void)clock_gettime(CLOCK_MONOTONIC, &q->started);
    q->outstanding = true;
    run->outstanding++;
    rc = ub_resolve_async(run->ctx, qname, rrtype, CLASS_IN, q, on_result, &q->async_id);
    if (rc == 0) {
        return CAA_OK;
    }
    q->outstanding = false;
    run->outstanding--;
    q->answer->failure = failure_of(rc);
    if (rc == UB_SYNTAX) {
        return CAA_OK;
    }
    /* libunbound reads the hints and the trust anchor here; a file that does not parse comes
     * back as "out of memory" (hints) or "initialization failure" (anchor). */
    (void)caa__error_set(err, 0,
                         "resolver did not start (%s): check the root hints and trust anchor",
                         ub_strerror(rc));
    return CAA_E_IO;
}

/* Runs callbacks until every query has answered or the deadline has passed; says why any query
 * is still outstanding. */
static enum caa__dns_failure wait_all(struct run *run, int64_t deadline_ns)
{
    struct pollfd pfd = {.fd = ub_fd(run->ctx), .events = POLLIN};
    int64_t left_ns;
    int64_t wait_ms;
    int rc;

    while (run->outstanding > 0 && run->st == CAA_OK) {
        left_ns = deadline_ns - now_ns();
        if (left_ns <= 0) {
            return CAA__DNS_TIMEOUT;
        }
        wait_ms = (left_ns + NS_PER_MS - 1) / NS_PER_MS;
        rc = poll(&pfd, 1, wait_ms > POLL_SLICE_MS ? POLL_SLICE_MS : (int)wait_ms);
        if ((rc < 0 && errno != EINTR) || (rc > 0 && ub_process(run->ctx) != 0)) {
            run->broken = true;
            break;
        }
    }
    return CAA__DNS_RESOLVER;
}

/* Cancels whatever is still in flight and records why. */
static void cancel_outstanding(struct run *run, enum caa__dns_failure why)
{
    size_t i;
    struct pending *q;

    for (i = 0; i < run->count; i++) {
        q = &run->queries[i];
        if (!q->outstanding) {
            continue;
        }
        (void)ub_cancel(run->ctx, q->async_id);
        q->outstanding = false;
        q->answer->failure = why;
        q->answer->elapsed_ms = ms_since(&q->started);
    }
    run->outstanding = 0;
}

static bool args_ok(const struct caa__resolver_config *cfg, const char *const *qnames, size_t n,
                    const struct caa__dns_answer *answers)
{
    size_t i;

    if (cfg == NULL || cfg->timeout_ms == 0 || (n > 0 && (qnames == NULL || answers == NULL)) ||
        (cfg->option_count > 0 && (cfg->option_names == NULL || cfg->option_values == NULL))) {
        return false;
    }
    for (i = 0; i < cfg->option_count; i++) {
        if (cfg->option_names[i] == NULL || cfg->option_values[i] == NULL) {
            return false;
        }
    }
    for (i = 0; i < n; i++) {
        if (qnames[i] == NULL || strlen(qnames[i]) > QNAME_MAX) {
            return false;
        }
    }
    return true;
}

static void kept_free(void *warm)
{
    caa__ub_ctx_delete(warm);
}

/* The context for one call: the one kept in cfg->keep while it is young enough, else a new one
 * (left in cfg->keep when keeping is on). *kept: the keep owns it. */
static enum caa_status context_get(const struct caa__resolver_config *cfg, struct ub_ctx **out,
                                   bool *kept, struct caa_error *err)
{
    struct ub_ctx *ctx = cfg->keep != NULL ? caa__resolver_keep_get(cfg->keep) : NULL;
    enum caa_status st = CAA_OK;

    *kept = ctx != NULL;
    if (ctx == NULL) {
        st = context_new(cfg, &ctx, err);
        *kept =
            st == CAA_OK && cfg->keep != NULL && caa__resolver_keep_put(cfg->keep, ctx, kept_free);
    }
    if (st == CAA_OK) {
        *out = ctx;
    }
    return st;
}

/*
 * A kept resolver (resolver reuse: caa serve's workers, callers that check name after name)
 * runs libunbound in event mode on its own libevent base (async.h), driven from the calling
 * thread: no resolver thread, and no pipe write and wake-up of another thread per query and
 * per answer, which cost a warm check most of its CPU (performance.md: the thread-and-pipe
 * API is 4-9x slower per query). Its lookups cannot be cancelled in event mode, so a resolver
 * that still has some in flight at the deadline goes with them (caa__async_free answers
 * nothing more) and the next call builds a new one, as one that failed.
 */
struct kept_run {
    size_t outstanding;
};

struct kept_slot {
    struct kept_run *run;
    struct caa__dns_answer *answer;
    bool outstanding;
};

static void on_kept_answer(void *user, struct caa__dns_answer *answer)
{
    struct kept_slot *slot = user;

    if (!slot->outstanding) {
        return;
    }
    slot->outstanding = false;
    slot->run->outstanding--;
    caa__dns_answer_cleanup(slot->answer);
    *slot->answer = *answer; /* the answer's contents are taken (async.h) */
    memset(answer, 0, sizeof(*answer));
}

static void kept_async_free(void *warm)
{
    caa__async_free(warm);
}

/* The kept event-mode resolver, or a new one left in the keep; *kept: the keep owns it. */
static enum caa_status async_get(const struct caa__resolver_config *cfg, struct caa__async **out,
                                 bool *kept, struct caa_error *err)
{
    struct caa__async *a = caa__resolver_keep_get(cfg->keep);
    struct caa__resolver_config fresh = *cfg;
    enum caa_status st;

    *kept = a != NULL;
    if (a == NULL) {
        fresh.keep = NULL;
        st = caa__async_new(&fresh, NULL, false, KEPT_IN_FLIGHT, &a, err);
        if (st != CAA_OK) {
            return st;
        }
        *kept = caa__resolver_keep_put(cfg->keep, a, kept_async_free);
    }
    *out = a;
    return CAA_OK;
}

static enum caa_status resolve_kept(const struct caa__resolver_config *cfg,
                                    const char *const *qnames, size_t n, uint16_t rrtype,
                                    struct caa__dns_answer *answers, struct caa_error *err)
{
    int64_t started_ns = now_ns();
    int64_t deadline_ns = started_ns + (int64_t)cfg->timeout_ms * NS_PER_MS;
    struct kept_run run = {0};
    struct kept_slot *slots = calloc(n, sizeof(*slots));
    struct caa__async *a = NULL;
    bool kept = false;
    enum caa_status st = slots != NULL ? async_get(cfg, &a, &kept, err) : CAA_E_NOMEM;

    for (size_t i = 0; i < n && st == CAA_OK; i++) {
        slots[i] = (struct kept_slot){&run, &answers[i], true};
        run.outstanding++;
        (void)caa__async_query(a, qnames[i], rrtype, on_kept_answer, &slots[i]);
    }
    while (st == CAA_OK && run.outstanding > 0) {
        int64_t left_ns = deadline_ns - now_ns();
        if (left_ns <= 0) {
            break;
        }
        int64_t wait_ms = (left_ns + NS_PER_MS - 1) / NS_PER_MS;
        caa__async_run(a, wait_ms > POLL_SLICE_MS ? POLL_SLICE_MS : (unsigned)wait_ms);
    }
    for (size_t i = 0; st == CAA_OK && i < n; i++) {
        if (slots[i].outstanding) {
            slots[i].outstanding = false;
            answers[i].failure = CAA__DNS_TIMEOUT;
            answers[i].elapsed_ms = (unsigned)((now_ns() - started_ns) / NS_PER_MS);
        }
    }
    if (run.outstanding > 0 && kept) {
        caa__resolver_keep_reset(cfg->keep);
    } else if (!kept) {
        caa__async_free(a);
    }
    free(slots);
    return st;
}

static enum caa_status resolve_all(const struct caa__resolver_config *cfg,
                                   const char *const *qnames, size_t n, uint16_t rrtype,
                                   struct caa__dns_answer *answers, struct caa_error *err)
{
    int64_t deadline_ns = now_ns() + (int64_t)cfg->timeout_ms * NS_PER_MS;
    struct run run = {.count = n, .st = CAA_OK};
    enum caa_status st = CAA_E_NOMEM;
    bool kept = false;
    size_t i;

    if (cfg->keep != NULL && cfg->keep->max_age_ms > 0) {
        return resolve_kept(cfg, qnames, n, rrtype, answers, err);
    }
    run.queries = calloc(n, sizeof(*run.queries));
    if (run.queries == NULL) {
        goto out;
    }
    for (i = 0; i < n; i++) {
        run.queries[i].run = &run;
        run.queries[i].answer = &answers[i];
    }
    st = context_get(cfg, &run.ctx, &kept, err);
    caa__ub_worker_setup_begin(); /* the first query sets up the context's worker */
    for (i = 0; i < n && st == CAA_OK; i++) {
        st = start_one(&run, i, qnames[i], rrtype, err);
    }
    caa__ub_worker_setup_end();
    if (st == CAA_OK) {
        cancel_outstanding(&run, wait_all(&run, deadline_ns));
        st = run.st;
    }
out:
    if (run.ctx != NULL) {
        cancel_outstanding(&run, CAA__DNS_RESOLVER);
        if (!kept) {
            caa__ub_ctx_delete(run.ctx);
        } else if (st != CAA_OK || run.broken) {
            caa__resolver_keep_reset(cfg->keep); /* a context that failed is not used again */
        }
    }
    free(run.queries);
    return st;
}

enum caa_status caa__resolve_caa(const struct caa__resolver_config *cfg, const char *const *qnames,
                                 size_t n, struct caa__dns_answer *answers, struct caa_error *err)
{
    size_t i;

    if (!args_ok(cfg, qnames, n, answers)) {
        return CAA_E_INVALID_ARG;
    }
    for (i = 0; i < n; i++) {
        caa__dns_answer_init(&answers[i], qnames[i]);
        /* Until a callback says otherwise: what a query that never ran reports. */
        answers[i].failure = CAA__DNS_RESOLVER;
    }
    if (n == 0) {
        return CAA_OK;
    }
    return resolve_all(cfg, qnames, n, RRTYPE_CAA, answers, err);
}

enum caa_status caa__resolve_one(const struct caa__resolver_config *cfg, const char *qname,
                                 uint16_t rrtype, struct caa__dns_answer *answer,
                                 struct caa_error *err)
{
    if (!args_ok(cfg, &qname, 1, answer)) {
        return CAA_E_INVALID_ARG;
    }
    caa__dns_answer_init(answer, qname);
    answer->failure = CAA__DNS_RESOLVER;
    return resolve_all(cfg, &qname, 1, rrtype, answer, err);
}
