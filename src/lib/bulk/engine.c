/* SPDX-License-Identifier: MIT */
/*
 * caa_bulk_run: the climb of every name as a small state machine on one event loop. Each step
 * asks the cache for the next label's outcome (hit), joins the same lookup in flight
 * (coalesced) or starts one (within the zone's cap); an empty RRset moves to the parent, an
 * RRset or an error decides (decide.c: the same verdict as caa_check). Climbing one label at
 * a time gives Boulder's verdicts exactly (errors above the relevant RRset are never seen, so
 * never matter) with the fewest queries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <caa/bulk.h>
#include <caa/generate.h>
#include <caa/name.h>

#include "lib/api/context.h"
#include "lib/api/decide.h"
#include "lib/bulk/culprits.h"
#include "lib/bulk/engine.h"
#include "lib/bulk/zone_limits.h"
#include "lib/dns/async.h"

#define RRTYPE_CAA 257
#define DEFAULT_WINDOW 1000u
#define DEFAULT_ZONE_LIMIT 64u
#define DEFAULT_CACHE 20000u
#define DEADLINE_SCAN_MS 50u

struct run {
    const struct caa_ctx *ctx;
    const struct caa_request *defaults;
    struct caa_bulk_options opts;
    caa_bulk_next_fn *next;
    caa_bulk_emit_fn *emit;
    void *user;
    struct caa__async *async;
    struct cache cache;
    struct zone_limits zones;
    struct culprits culprits;
    struct bulk_name **ring; /* by seq % ring_size: admitted, not yet emitted */
    size_t ring_size;
    uint64_t next_seq;
    uint64_t next_emit;
    unsigned in_flight; /* admitted names not done */
    bool input_done;
    bool aborted;
    enum caa_status status;
    struct caa_bulk_stats stats;
};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void name_free(struct bulk_name *n)
{
    free(n->input);
    free(n->issuer);
    free(n->method);
    free(n->result.name);
    free(n->result.unicode);
    caa_rrset_free(n->result.rrset);
    for (size_t i = 0; i < n->result.alias_count; i++) {
        free(n->result.aliases[i]);
    }
    free(n->result.aliases);
    for (size_t i = 0; i < n->result.lookup_count; i++) {
        free((char *)(uintptr_t)n->result.lookups[i].qname);
        free((char *)(uintptr_t)n->result.lookups[i].why_bogus);
    }
    free(n->result.lookups);
    caa_evaluation_free(n->result.evaluation);
    free(n);
}

static void emit_name(struct run *r, struct bulk_name *n)
{
    const struct caa__name_result *res = &n->result;
    struct caa_bulk_result out;

    memset(&out, 0, sizeof(out));
    out.index = n->index;
    out.input = n->input;
    out.name = res->name != NULL ? res->name : "";
    out.verdict = res->verdict;
    out.code = res->code;
    out.message = n->input_error[0] != '\0' ? n->input_error : res->reason;
    out.ca_message = res->ca_message;
    out.owner = res->rrset != NULL ? caa_rrset_owner(res->rrset) : "";
    out.rrset = res->rrset;
    out.dnssec = res->rrset_dnssec;
    out.failing_label = n->failing_label != NULL ? n->failing_label : "";
    out.lookups = n->lookups;
    out.elapsed_ms = res->elapsed_ms;
    r->emit(r->user, &out);
}

/* Emits what is done, in admission order (or at once when unordered). */
static void flush(struct run *r)
{
    while (r->next_emit < r->next_seq) {
        struct bulk_name *n = r->ring[r->next_emit % r->ring_size];
        if (n == NULL || !n->done) {
            break;
        }
        r->ring[r->next_emit % r->ring_size] = NULL;
        emit_name(r, n);
        name_free(n);
        r->next_emit++;
    }
}

static void finish(struct run *r, struct bulk_name *n)
{
    n->done = true;
    r->in_flight--;
    if (r->opts.unordered) {
        r->ring[n->seq % r->ring_size] = NULL;
        emit_name(r, n);
        name_free(n);
        /* Unordered: the ring only bounds admissions; advance past finished slots. */
        while (r->next_emit < r->next_seq && r->ring[r->next_emit % r->ring_size] == NULL) {
            r->next_emit++;
        }
        return;
    }
    flush(r);
}

static void release_holds(struct run *r, struct bulk_name *n)
{
    for (size_t i = 0; i < CAA__CLIMB_MAX && n->held[i] != NULL; i++) {
        cache_release(&r->cache, n->held[i]);
        n->held[i] = NULL;
    }
}

/* The verdict from the labels consulted so far; `extra` (a timeout) stands for label k. */
static void decide(struct run *r, struct bulk_name *n, const struct caa__dns_answer *extra)
{
    const struct caa__dns_answer *answers[CAA__CLIMB_MAX];
    const char *issuer_list[1];
    const struct caa_ca_info *ca;
    struct caa_request req = *r->defaults;
    struct caa__decided decided;
    size_t count = 0;

    while (count < n->label_count && n->held[count] != NULL) {
        answers[count] = &n->held[count]->answer;
        count++;
    }
    if (extra != NULL) {
        answers[count++] = extra;
    }
    if (n->issuer != NULL && strchr(n->issuer, '.') == NULL &&
        (ca = caa_ca_find(n->issuer)) != NULL) {
        req.issuers = ca->issuer_domains;
        for (req.issuer_count = 0; ca->issuer_domains[req.issuer_count] != NULL;) {
            req.issuer_count++;
        }
    } else if (n->issuer != NULL) {
        issuer_list[0] = n->issuer;
        req.issuers = issuer_list;
        req.issuer_count = 1;
    }
    req.method = n->method != NULL ? n->method : req.method;
    if (caa__decide(answers, count, &req, r->ctx->profile, &n->result, &decided) != CAA_OK) {
        r->status = CAA_E_NOMEM;
    }
    n->lookups = (unsigned)count;
    if (decided.sel.kind == CAA__LABEL_ERROR && decided.sel.index < count) {
        n->failing_label = n->labels[decided.sel.index];
        culprits_note(&r->culprits, n->failing_label, n->result.code);
    }
    n->result.elapsed_ms = (unsigned)(now_ms() - n->start_ms);
    release_holds(r, n);
    finish(r, n);
}

static void step(struct run *r, struct bulk_name *n);

/* Label k's outcome is known: climb on past an empty RRset, else decide (an RRset or an error
 * ends the climb; decide() reads the answers in full, malformed records included). */
static void on_label(struct run *r, struct bulk_name *n, struct cache_entry *e)
{
    struct caa__label_outcome outcome;

    n->held[n->k] = e;
    caa__classify_answer(&e->answer, r->ctx->profile, &outcome);
    if (outcome.kind == CAA__LABEL_EMPTY && n->k + 1 < n->label_count) {
        n->k++;
        step(r, n);
        return;
    }
    decide(r, n, NULL);
}

static void on_dns(void *arg, struct caa__dns_answer *answer);

static void send_lookup(struct run *r, struct cache_entry *e)
{
    r->stats.queries++;
    (void)caa__async_query(r->async, e->answer.qname, RRTYPE_CAA, on_dns, e);
}

static void start_lookup(struct run *r, struct cache_entry *e)
{
    e->zone = zone_limits_get(&r->zones, e->answer.qname);
    if (e->zone == NULL) {
        r->status = CAA_E_NOMEM;
        e->zone = NULL;
        send_lookup(r, e);
        return;
    }
    if (zone_limit_try(e->zone)) {
        send_lookup(r, e);
    } else {
        zone_limit_wait(e->zone, e);
    }
}

static bool failed(const struct caa__dns_answer *a)
{
    return a->failure != CAA__DNS_OK || a->rcode == 2 || a->rcode == 5;
}

static void on_dns(void *arg, struct caa__dns_answer *answer)
{
    struct cache_entry *e = arg;
    struct run *r = e->run;
    bool bad = failed(answer);
    struct cache_entry *next = NULL;
    struct bulk_name *w;

    if (e->zone != NULL) {
        next = zone_limit_done(&r->zones, e->zone, bad);
        zone_limits_release(&r->zones, e->zone);
    }
    /* One retry before a lookup counts as failed: loss and transient SERVFAIL happen. */
    if (bad && e->retries == 0) {
        e->retries++;
        r->stats.retries++;
        start_lookup(r, e);
    } else {
        caa__dns_answer_cleanup(&e->answer);
        e->answer = *answer;
        memset(answer, 0, sizeof(*answer));
        e->expires_ms = now_ms() + (uint64_t)e->answer.ttl * 1000u;
        /* Hold e first: making it ready may evict the least recently used entries, and e must
         * live while its waiters advance. */
        cache_hold(&r->cache, e);
        cache_ready(&r->cache, e);
        w = e->waiters;
        e->waiters = NULL;
        while (w != NULL) {
            struct bulk_name *nw = w->next_waiter;
            w->waiting_on = NULL;
            cache_hold(&r->cache, e);
            on_label(r, w, e);
            w = nw;
        }
        if (bad) {
            cache_forget(&r->cache, e); /* errors are never answers for later names */
        }
        cache_release(&r->cache, e);
    }
    if (next != NULL) {
        send_lookup(r, next);
    }
}

static void wait_for(struct bulk_name *n, struct cache_entry *e)
{
    n->waiting_on = e;
    n->next_waiter = e->waiters;
    e->waiters = n;
}

/* Looks up label k of n. */
static void step(struct run *r, struct bulk_name *n)
{
    const char *qname = n->labels[n->k];
    struct cache_entry *e = cache_find(&r->cache, qname, now_ms());

    if (e != NULL && e->ready) {
        r->stats.cache_hits++;
        cache_hold(&r->cache, e);
        on_label(r, n, e);
        return;
    }
    if (e != NULL) {
        r->stats.coalesced++;
        wait_for(n, e);
        return;
    }
    if ((e = cache_add(&r->cache, qname, r)) == NULL) {
        struct caa__dns_answer failure;
        caa__dns_answer_init(&failure, qname);
        failure.failure = CAA__DNS_RESOLVER;
        r->status = CAA_E_NOMEM;
        decide(r, n, &failure);
        return;
    }
    /* Wait first: libunbound may answer from its own cache or a local zone inside
     * ub_resolve_event, before it returns. */
    wait_for(n, e);
    start_lookup(r, e);
}

static char *dup_or_null(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

static void admit_one(struct run *r, const struct caa_bulk_item *item)
{
    struct bulk_name *n = calloc(1, sizeof(*n));
    struct caa_error err = {0, ""};

    if (n == NULL) {
        r->status = CAA_E_NOMEM;
        r->aborted = true;
        return;
    }
    n->seq = r->next_seq++;
    n->index = item->index;
    n->input = strdup(item->name != NULL ? item->name : "");
    n->issuer = dup_or_null(item->issuer);
    n->method = dup_or_null(item->method);
    n->start_ms = now_ms();
    n->deadline_ms = n->start_ms + r->opts.name_timeout_ms;
    r->ring[n->seq % r->ring_size] = n;
    r->in_flight++;
    r->stats.names++;
    if (n->input == NULL ||
        caa_name_normalize(n->input, &n->result.name, &n->result.unicode, &err) != CAA_OK) {
        n->result.verdict = CAA_VERDICT_ERROR;
        n->result.code = CAA_CODE_INPUT_INVALID;
        n->result.rrset_dnssec = CAA_DNSSEC_UNKNOWN;
        (void)snprintf(n->input_error, sizeof(n->input_error), "not a name: %s", err.message);
        finish(r, n);
        return;
    }
    n->result.wildcard = strncmp(n->result.name, "*.", 2) == 0;
    n->label_count = caa__climb_labels(n->result.name, n->labels);
    step(r, n);
}

static void admit(struct run *r)
{
    while (!r->input_done && !r->aborted && r->in_flight < r->opts.window &&
           r->next_seq - r->next_emit < r->ring_size) {
        struct caa_bulk_item item = {0, NULL, NULL, NULL};
        int got = r->next(r->user, &item);
        if (got <= 0) {
            r->input_done = true;
            r->aborted = got < 0;
            break;
        }
        admit_one(r, &item);
        if (r->in_flight > r->stats.peak_in_flight) {
            r->stats.peak_in_flight = r->in_flight;
        }
    }
}

/* Names past their deadline decide now, with a timeout at the label they wait for. */
static void expire(struct run *r, uint64_t now)
{
    for (uint64_t seq = r->next_emit; seq < r->next_seq; seq++) {
        struct bulk_name *n = r->ring[seq % r->ring_size];
        struct caa__dns_answer timeout;
        struct bulk_name **p;
        if (n == NULL || n->done || n->waiting_on == NULL || n->deadline_ms > now) {
            continue;
        }
        for (p = &n->waiting_on->waiters; *p != NULL && *p != n; p = &(*p)->next_waiter) {
        }
        if (*p == n) {
            *p = n->next_waiter;
        }
        n->waiting_on = NULL;
        caa__dns_answer_init(&timeout, n->labels[n->k]);
        timeout.failure = CAA__DNS_TIMEOUT;
        timeout.elapsed_ms = (unsigned)(now - n->start_ms);
        decide(r, n, &timeout);
        caa__dns_answer_cleanup(&timeout);
    }
}

static enum caa_status run_loop(struct run *r)
{
    uint64_t last_scan = now_ms();

    for (;;) {
        uint64_t now;
        admit(r);
        if (r->in_flight == 0 && (r->input_done || r->aborted)) {
            break;
        }
        caa__async_run(r->async, DEADLINE_SCAN_MS);
        now = now_ms();
        if (now - last_scan >= DEADLINE_SCAN_MS) {
            expire(r, now);
            last_scan = now;
        }
    }
    return r->aborted && r->status == CAA_OK ? CAA_E_INVALID_ARG : r->status;
}

static struct caa_bulk_options defaults_of(const struct caa_bulk_options *o,
                                           const struct caa_ctx *ctx)
{
    struct caa_bulk_options d;

    memset(&d, 0, sizeof(d));
    if (o != NULL) {
        d = *o;
    }
    d.window = d.window == 0 ? DEFAULT_WINDOW : d.window;
    d.zone_limit = d.zone_limit == 0 ? DEFAULT_ZONE_LIMIT : d.zone_limit;
    d.name_timeout_ms = d.name_timeout_ms == 0 ? ctx->timeout_ms : d.name_timeout_ms;
    d.cache_entries = d.cache_entries == 0 ? DEFAULT_CACHE : d.cache_entries;
    return d;
}

enum caa_status caa_bulk_run(struct caa_ctx *ctx, const struct caa_request *defaults,
                             const struct caa_bulk_options *opts, caa_bulk_next_fn *next,
                             caa_bulk_emit_fn *emit, void *user, struct caa_bulk_stats *stats,
                             struct caa_error *err)
{
    struct run *r;
    struct caa__resolver_config cfg;
    uint64_t start = now_ms();
    enum caa_status st;

    if (ctx == NULL || defaults == NULL || next == NULL || emit == NULL ||
        defaults->issuer_count == 0) {
        return CAA_E_INVALID_ARG;
    }
    r = calloc(1, sizeof(*r));
    if (r == NULL) {
        return CAA_E_NOMEM;
    }
    *r = (struct run){.ctx = ctx, .defaults = defaults, .next = next, .emit = emit, .user = user};
    r->opts = defaults_of(opts, ctx);
    r->ring_size = (size_t)r->opts.window * 2;
    r->ring = calloc(r->ring_size, sizeof(*r->ring));
    memset(&cfg, 0, sizeof(cfg));
    cfg.root_hints = ctx->root_hints;
    cfg.trust_anchor = ctx->trust_anchor;
    cfg.custom_hints = ctx->root_hints != NULL;
    cfg.option_names = (const char *const *)ctx->option_names;
    cfg.option_values = (const char *const *)ctx->option_values;
    cfg.option_count = ctx->option_count;
    cfg.timeout_ms = r->opts.name_timeout_ms;
    st = r->ring == NULL || cache_init(&r->cache, r->opts.cache_entries) != 0 ||
                 zone_limits_init(&r->zones, r->opts.zone_limit) != 0 ||
                 culprits_init(&r->culprits) != 0
             ? CAA_E_NOMEM
             : caa__async_new(&cfg, r->opts.resolver, r->opts.trust_ad, &r->async, err);
    if (st == CAA_OK) {
        st = run_loop(r);
        /* Culprit servers are probed directly only where diagnose would probe them: public
         * addresses, or any address under a private root (labs). */
        culprits_resolve(&r->culprits, r->async, true, &r->stats);
    }
    r->stats.elapsed_ms = (unsigned)(now_ms() - start);
    if (stats != NULL) {
        *stats = r->stats;
    }
    caa__async_free(r->async);
    culprits_cleanup(&r->culprits);
    cache_cleanup(&r->cache);
    zone_limits_cleanup(&r->zones);
    free(r->ring);
    free(r);
    return st;
}
