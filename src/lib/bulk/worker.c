/* SPDX-License-Identifier: MIT */
/*
 * A worker climbs each name it is given on its own event loop, feeding the answers to the
 * name's climb (check/climb.c, caa_check's own) and doing what it asks next. Each label's
 * answer comes from the cache (hit), from the same lookup in flight (coalesced) or from a new
 * one (within the zone's cap); an empty RRset moves to the parent, an RRset or an error
 * decides, and under the BR 3.2.2.8 exception the climb asks for its retry and Insecure proof.
 * Climbing one label at a time gives Boulder's verdicts exactly (errors above the relevant
 * RRset are never seen, so never matter) with the fewest queries. Finished names go back to the
 * run in batches, one lock per turn of the loop.
 */
#include "lib/bulk/worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pthread.h>

#include <caa/ca.h>
#include <caa/name.h>

#include "lib/bulk/cache.h"
#include "lib/bulk/engine.h"
#include "lib/bulk/wire_lookup.h"
#include "lib/bulk/zone_limits.h"
#include "lib/check/climb.h"
#include "lib/check/context.h"
#include "lib/util/error.h"

#define RRTYPE_CAA 257
#define RRTYPE_DS 43
#define DEADLINE_SCAN_MS 50u
/* A CAA RRset of a few records, or one "owner -> target" alias of ordinary names, fits; a
 * larger one gets a malloc of its own. */
#define ANSWER_BLOCK_BYTES 256u

struct worker {
    const struct bulk_config *cfg;
    struct caa__loop *async;
    struct wire_lookup *wire; /* the wire engine, or NULL: everything through async */
    struct cache cache;
    struct zone_limits zones;
    struct name_queue inbox;
    struct name_queue *done;
    struct bulk_name *finished_first, *finished_last; /* to hand back this turn */
    struct bulk_name *active;                         /* given, not finished */
    struct bulk_extra *extras;                        /* BR retry and proof queries */
    struct bulk_work *spare_work;                     /* climb states for reuse */
    /* The wire answers' RDATA and aliases: a cached CAA RRset replaced by another reuses its
     * block. Freed last, after the cache that holds such answers. */
    struct caa__block_pool answer_blocks;
    pthread_t thread;
    bool started;
    enum caa_status status; /* first failure */
    struct caa_bulk_stats stats;
};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void activate(struct worker *w, struct bulk_name *n)
{
    n->active_prev = NULL;
    n->active_next = w->active;
    if (w->active != NULL) {
        w->active->active_prev = n;
    }
    w->active = n;
}

static void finish(struct worker *w, struct bulk_name *n)
{
    if (n->active_prev != NULL) {
        n->active_prev->active_next = n->active_next;
    } else {
        w->active = n->active_next;
    }
    if (n->active_next != NULL) {
        n->active_next->active_prev = n->active_prev;
    }
    n->next_queued = NULL;
    if (w->finished_last != NULL) {
        w->finished_last->next_queued = n;
    } else {
        w->finished_first = n;
    }
    w->finished_last = n;
}

static void hand_back(struct worker *w)
{
    if (w->finished_first != NULL) {
        name_queue_push(w->done, w->finished_first, w->finished_last);
        w->finished_first = NULL;
        w->finished_last = NULL;
    }
}

static void release_holds(struct worker *w, struct bulk_name *n)
{
    for (size_t i = 0; i < CAA__CLIMB_MAX && n->held[i] != NULL; i++) {
        cache_release(&w->cache, n->held[i]);
        n->held[i] = NULL;
    }
}

/* The name's climb state, from the worker's pool; NULL when out of memory. */
static struct bulk_work *work_take(struct worker *w)
{
    struct bulk_work *k = w->spare_work;

    if (k != NULL) {
        w->spare_work = k->next_spare;
    } else if ((k = malloc(sizeof(*k))) == NULL) {
        return NULL;
    }
    memset(k, 0, sizeof(*k));
    return k;
}

/* The decided name's climb state back to the pool, emptied. */
static void work_put(struct worker *w, struct bulk_name *n)
{
    struct bulk_work *k = n->work;

    caa__climb_cleanup(&k->climb);
    caa__dns_answer_cleanup(&k->stand_in);
    caa__dns_answer_cleanup(&k->again);
    k->next_spare = w->spare_work;
    w->spare_work = k;
    n->work = NULL;
}

/* The verdict from the climb (the labels consulted so far, the BR retry and proof). */
static void decide(struct worker *w, struct bulk_name *n)
{
    const char *issuer_list[1];
    const struct caa_ca_info *ca;
    struct caa_request req = *w->cfg->defaults;

    if ((ca = caa_ca_named(n->issuer)) != NULL) {
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
    if (caa__climb_finish(&n->work->climb, &req, n->arena, &n->result) != CAA_OK) {
        w->status = CAA_E_NOMEM;
    }
    n->lookups = (unsigned)n->work->climb.answered;
    if (n->work->climb.sel.kind == CAA__LABEL_ERROR &&
        n->work->climb.sel.index < n->work->climb.answered) {
        n->failing_label = n->labels[n->work->climb.sel.index];
    }
    n->result.elapsed_ms = (unsigned)(now_ms() - n->start_ms);
    work_put(w, n);
    release_holds(w, n);
    finish(w, n);
}

static void step(struct worker *w, struct bulk_name *n);
static void send_extra(struct worker *w, struct bulk_name *n, const struct caa__climb_query *q);

/* Does what the climb needs next: the next label (an empty RRset climbs on), the BR retry or
 * proof, or the verdict. */
static void advance(struct worker *w, struct bulk_name *n)
{
    struct caa__climb_query q = caa__climb_next(&n->work->climb, false);

    if (q.need == CAA__CLIMB_NEED_LABEL) {
        n->k = q.index;
        /* After a retry that succeeded, the labels above get the time left. */
        n->deadline_ms = n->work->climb.retried ? n->end_ms : n->deadline_ms;
        step(w, n);
    } else if (q.need == CAA__CLIMB_DONE) {
        decide(w, n);
    } else {
        send_extra(w, n, &q);
    }
}

/* Label k's answer (e's, or n->work->stand_in) is known: the climb reads it. */
static void on_label(struct worker *w, struct bulk_name *n, const struct caa__dns_answer *a)
{
    if (caa__climb_feed(&n->work->climb, a) != CAA_OK) {
        w->status = CAA_E_NOMEM;
        decide(w, n);
        return;
    }
    advance(w, n);
}

static void on_cached(struct worker *w, struct bulk_name *n, struct cache_entry *e)
{
    n->held[n->k] = e;
    on_label(w, n, &e->answer);
}

/* A BR 3.2.2.8 retry or proof query in flight for a name. Owned by the worker (its list), so
 * that a query abandoned at the name's deadline can still answer into it. */
struct bulk_extra {
    struct worker *w;
    struct bulk_name *n; /* NULL once abandoned */
    bool retry;
    struct bulk_extra *prev, *next;
};

static void extra_unlink(struct worker *w, struct bulk_extra *x)
{
    if (x->prev != NULL) {
        x->prev->next = x->next;
    } else {
        w->extras = x->next;
    }
    if (x->next != NULL) {
        x->next->prev = x->prev;
    }
    free(x);
}

/* The retry or proof query could not be made or had no answer in time. */
static void extra_failed(struct worker *w, struct bulk_name *n, bool retry)
{
    if (retry) {
        if (caa__climb_retried(&n->work->climb, NULL) != CAA_OK) {
            w->status = CAA_E_NOMEM;
        }
    } else {
        caa__climb_unproved(&n->work->climb);
    }
    advance(w, n);
}

static void on_extra(void *arg, struct caa__dns_answer *answer)
{
    struct bulk_extra *x = arg;
    struct worker *w = x->w;
    struct bulk_name *n = x->n;
    bool retry = x->retry;

    extra_unlink(w, x);
    if (n == NULL) {
        return; /* the name was decided at its deadline */
    }
    n->extra = NULL;
    if (!retry) {
        caa__climb_proved(&n->work->climb, answer);
    } else if (caa__climb_retry_usable(&n->work->climb, answer)) {
        caa__dns_answer_cleanup(&n->work->again);
        n->work->again = *answer;
        memset(answer, 0, sizeof(*answer));
        if (caa__climb_retried(&n->work->climb, &n->work->again) != CAA_OK) {
            w->status = CAA_E_NOMEM;
        }
    } else if (caa__climb_retried(&n->work->climb, NULL) != CAA_OK) {
        w->status = CAA_E_NOMEM;
    }
    advance(w, n);
}

/* BR 3.2.2.8, as caa_check: the retry gets half the time left, the proof the rest; a fresh
 * query (never the cache, which keeps no errors anyway). Unlike caa_check's, the resolver is
 * the worker's, which may have marked the zone's servers down by now: the zone's SOA gets half
 * of the proof's time, so that the parent's DS still has some. */
static void send_extra(struct worker *w, struct bulk_name *n, const struct caa__climb_query *q)
{
    bool retry = q->need == CAA__CLIMB_NEED_RETRY;
    uint64_t now = now_ms();
    struct bulk_extra *x;

    if (now + 10 >= n->end_ms || (x = calloc(1, sizeof(*x))) == NULL) {
        extra_failed(w, n, retry);
        return;
    }
    *x = (struct bulk_extra){w, n, retry, NULL, w->extras};
    if (w->extras != NULL) {
        w->extras->prev = x;
    }
    w->extras = x;
    n->extra = x;
    n->deadline_ms = retry || q->qtype != RRTYPE_DS ? now + (n->end_ms - now) / 2 : n->end_ms;
    if (retry) {
        w->stats.queries++;
        w->stats.retries++;
    }
    (void)caa__loop_query(w->async, q->qname, retry ? RRTYPE_CAA : q->qtype, on_extra, x);
}

static void on_dns(void *arg, struct caa__dns_answer *answer);

static void send_lookup(struct worker *w, struct cache_entry *e)
{
    w->stats.queries++;
    if (w->wire != NULL) {
        wire_lookup_query(w->wire, e->answer.qname, on_dns, e);
        return;
    }
    (void)caa__loop_query(w->async, e->answer.qname, RRTYPE_CAA, on_dns, e);
}

static void start_lookup(struct worker *w, struct cache_entry *e)
{
    e->zone = zone_limits_get(&w->zones, e->answer.qname);
    if (e->zone == NULL) {
        w->status = CAA_E_NOMEM;
        send_lookup(w, e);
        return;
    }
    if (zone_limit_try(e->zone)) {
        send_lookup(w, e);
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
    struct worker *w = e->run;
    bool bad = failed(answer);
    struct cache_entry *next = NULL;
    struct bulk_name *waiter;

    if (e->zone != NULL) {
        next = zone_limit_done(&w->zones, e->zone, bad);
        zone_limits_release(&w->zones, e->zone);
    }
    /* One retry before a lookup counts as failed: loss and transient SERVFAIL happen. */
    if (bad && e->retries == 0) {
        e->retries++;
        w->stats.retries++;
        start_lookup(w, e);
    } else {
        caa__dns_answer_cleanup(&e->answer);
        e->answer = *answer;
        memset(answer, 0, sizeof(*answer));
        e->expires_ms = now_ms() + (uint64_t)e->answer.ttl * 1000u;
        /* Hold e first: making it ready may evict the least recently used entries, and e must
         * live while its waiters advance. */
        cache_hold(&w->cache, e);
        cache_ready(&w->cache, e);
        waiter = e->waiters;
        e->waiters = NULL;
        while (waiter != NULL) {
            struct bulk_name *next_waiter = waiter->next_waiter;
            waiter->waiting_on = NULL;
            cache_hold(&w->cache, e);
            on_cached(w, waiter, e);
            waiter = next_waiter;
        }
        if (bad) {
            cache_forget(&w->cache, e); /* errors are never answers for later names */
        }
        cache_release(&w->cache, e);
    }
    if (next != NULL) {
        send_lookup(w, next);
    }
}

static void wait_for(struct bulk_name *n, struct cache_entry *e)
{
    n->waiting_on = e;
    n->next_waiter = e->waiters;
    e->waiters = n;
}

/* Looks up label k of n. */
static void step(struct worker *w, struct bulk_name *n)
{
    const char *qname = n->labels[n->k];
    struct cache_entry *e = cache_find(&w->cache, qname, now_ms());

    if (e != NULL && e->ready) {
        w->stats.cache_hits++;
        cache_hold(&w->cache, e);
        on_cached(w, n, e);
        return;
    }
    if (e != NULL) {
        w->stats.coalesced++;
        wait_for(n, e);
        return;
    }
    if ((e = cache_add(&w->cache, qname, w)) == NULL) {
        caa__dns_answer_cleanup(&n->work->stand_in);
        caa__dns_answer_init(&n->work->stand_in, qname);
        n->work->stand_in.failure = CAA__DNS_RESOLVER;
        w->status = CAA_E_NOMEM;
        on_label(w, n, &n->work->stand_in);
        return;
    }
    /* Wait first: libunbound may answer from its own cache or a local zone inside
     * ub_resolve_event, before it returns. */
    wait_for(n, e);
    start_lookup(w, e);
}

static void admit(struct worker *w, struct bulk_name *n)
{
    struct caa_error err = {0, ""};

    bool br = w->cfg->opts.lookup_failure == CAA_LOOKUP_FAILURE_BR_EXCEPTION;

    n->start_ms = now_ms();
    n->end_ms = n->start_ms + w->cfg->opts.name_timeout_ms;
    /* Under the BR exception a failed lookup is retried and the zone's security proved within
     * the same deadline: the lookups get half of it, as caa_check's first round. */
    n->deadline_ms =
        n->start_ms + (br ? w->cfg->opts.name_timeout_ms / 2 : w->cfg->opts.name_timeout_ms);
    activate(w, n);
    if (caa__name_result_set_name(&n->result, n->arena, n->input, &err) != CAA_OK) {
        n->result.verdict = CAA_VERDICT_ERROR;
        n->result.code = CAA_CODE_INPUT_INVALID;
        n->result.rrset_dnssec = CAA_DNSSEC_UNKNOWN;
        char message[256];
        (void)snprintf(message, sizeof(message), "not a name: %s", err.message);
        n->input_error = caa__arena_strdup(n->arena, message);
        n->input_error = n->input_error != NULL ? n->input_error : "not a name";
        finish(w, n);
        return;
    }
    if ((n->work = work_take(w)) == NULL) {
        w->status = CAA_E_NOMEM;
        n->result.verdict = CAA_VERDICT_ERROR;
        n->result.code = CAA_CODE_DNS_RESOLVER; /* the run fails with CAA_E_NOMEM */
        n->result.rrset_dnssec = CAA_DNSSEC_UNKNOWN;
        finish(w, n);
        return;
    }
    n->label_count = caa__climb_labels(n->result.name, n->labels);
    caa__climb_init(&n->work->climb, w->cfg->defaults->profile, w->cfg->opts.lookup_failure,
                    n->label_count);
    n->work->climb.arena = n->arena;
    advance(w, n);
}

/* The lookup a name waits for is past its deadline: a timeout stands for its answer. */
static void expire_lookup(struct worker *w, struct bulk_name *n, uint64_t now)
{
    struct bulk_name **p;

    for (p = &n->waiting_on->waiters; *p != NULL && *p != n; p = &(*p)->next_waiter) {
    }
    if (*p == n) {
        *p = n->next_waiter;
    }
    n->waiting_on = NULL;
    caa__dns_answer_cleanup(&n->work->stand_in);
    caa__dns_answer_init(&n->work->stand_in, n->labels[n->k]);
    n->work->stand_in.failure = CAA__DNS_TIMEOUT;
    n->work->stand_in.elapsed_ms = (unsigned)(now - n->start_ms);
    on_label(w, n, &n->work->stand_in);
}

/* The BR retry or proof query is past its deadline: abandoned, it failed (a proof goes on
 * to its next query). */
static void expire_extra(struct worker *w, struct bulk_name *n, uint64_t now)
{
    bool retry = n->extra->retry;
    struct caa__dns_answer timeout;

    n->extra->n = NULL;
    n->extra = NULL;
    if (retry) {
        extra_failed(w, n, true);
        return;
    }
    caa__dns_answer_init(&timeout, n->labels[n->k]);
    timeout.failure = CAA__DNS_TIMEOUT;
    timeout.elapsed_ms = (unsigned)(now - n->start_ms);
    caa__climb_proved(&n->work->climb, &timeout);
    caa__dns_answer_cleanup(&timeout);
    advance(w, n);
}

/* Names past their deadline go on now, with a timeout for what they wait for. */
static void expire(struct worker *w, uint64_t now)
{
    struct bulk_name *n = w->active;

    while (n != NULL) {
        struct bulk_name *next = n->active_next; /* decide() unlinks n */
        if (n->deadline_ms > now) {
            n = next;
            continue;
        }
        if (n->waiting_on != NULL) {
            expire_lookup(w, n, now);
        } else if (n->extra != NULL) {
            expire_extra(w, n, now);
        }
        n = next;
    }
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    uint64_t last_scan = now_ms();

    for (;;) {
        bool closed = false;
        struct bulk_name *n = name_queue_take(&w->inbox, false, &closed);
        uint64_t now;
        while (n != NULL) {
            struct bulk_name *next = n->next_queued;
            admit(w, n);
            n = next;
        }
        hand_back(w);
        /* Closed is read with the last names taken: nothing can come after them. */
        if (closed && w->active == NULL) {
            return NULL;
        }
        caa__loop_run(w->async, DEADLINE_SCAN_MS);
        now = now_ms();
        if (now - last_scan >= DEADLINE_SCAN_MS) {
            expire(w, now);
            last_scan = now;
        }
        hand_back(w);
    }
}

/* What a wire question may take before the name goes to libunbound: a quarter of the name's
 * deadline, so the resolver keeps the most of it for the hard cases. */
static unsigned wire_budget_ms(unsigned name_timeout_ms)
{
    unsigned ms = name_timeout_ms / 4;

    return ms < 200 ? 200 : ms > 1500 ? 1500 : ms;
}

void bulk_resolver_config(const struct bulk_config *cfg, struct caa__resolver_config *rc)
{
    memset(rc, 0, sizeof(*rc));
    rc->root_hints = cfg->ctx->root_hints;
    rc->trust_anchor = cfg->ctx->trust_anchor;
    rc->custom_hints = cfg->ctx->root_hints != NULL;
    rc->option_names = (const char *const *)cfg->ctx->option_names;
    rc->option_values = (const char *const *)cfg->ctx->option_values;
    rc->option_count = cfg->ctx->option_count;
    rc->timeout_ms = cfg->opts.name_timeout_ms;
}

enum caa_status worker_new(const struct bulk_config *cfg, size_t cache_entries, unsigned zone_limit,
                           struct name_queue *done, struct worker **out, struct caa_error *err)
{
    struct worker *w = calloc(1, sizeof(*w));
    struct caa__resolver_config rc;
    enum caa_status st;

    if (w == NULL) {
        return CAA_E_NOMEM;
    }
    w->cfg = cfg;
    w->done = done;
    caa__block_pool_init(&w->answer_blocks, ANSWER_BLOCK_BYTES);
    if (name_queue_init(&w->inbox) != 0) {
        free(w);
        return CAA_E_NOMEM;
    }
    bulk_resolver_config(cfg, &rc);
    /* A worker may be given the whole window (the names of one parent). */
    st = cache_init(&w->cache, cache_entries) != 0 || zone_limits_init(&w->zones, zone_limit) != 0
             ? CAA_E_NOMEM
             : caa__loop_new(&cfg->ctx->resolver, &rc, cfg->opts.resolver, cfg->opts.trust_ad,
                             cfg->opts.window, &w->async, err);
    if (st == CAA_OK && cfg->opts.engine != CAA_BULK_ENGINE_UNBOUND && cfg->opts.resolver == NULL) {
        /* The wire engine runs its transport on libunbound's event base, so not over a fake
         * resolver (unit tests): there the default is libunbound's engine, and asking for the
         * wire engine by name is an error. */
        struct caa__async *base = caa__loop_async(w->async);

        if (base == NULL && cfg->opts.engine == CAA_BULK_ENGINE_DEFAULT) {
            /* everything through async */
        } else if (base == NULL || wire_lookup_new(base, cfg->opts.window,
                                                   wire_budget_ms(cfg->opts.name_timeout_ms),
                                                   &w->answer_blocks, &w->wire) != 0) {
            (void)caa__error_set(err, 0, "cannot open the wire engine's sockets");
            st = CAA_E_IO;
        }
    }
    if (st != CAA_OK) {
        worker_free(w);
        return st;
    }
    *out = w;
    return CAA_OK;
}

int worker_start(struct worker *w)
{
    int rc = pthread_create(&w->thread, NULL, worker_main, w);

    w->started = rc == 0;
    return rc;
}

void worker_give(struct worker *w, struct bulk_name *first, struct bulk_name *last)
{
    name_queue_push(&w->inbox, first, last);
    caa__loop_wake(w->async);
}

void worker_close(struct worker *w)
{
    name_queue_close(&w->inbox);
    caa__loop_wake(w->async);
}

enum caa_status worker_join(struct worker *w, struct caa_bulk_stats *stats)
{
    if (w->started) {
        (void)pthread_join(w->thread, NULL);
        w->started = false;
    }
    stats->queries += w->stats.queries;
    stats->cache_hits += w->stats.cache_hits;
    stats->coalesced += w->stats.coalesced;
    stats->retries += w->stats.retries;
    if (w->wire != NULL) {
        struct wire_lookup_stats ws;
        wire_lookup_stats(w->wire, &ws);
        stats->wire_answers += ws.answers;
        stats->wire_fallbacks += ws.fallbacks;
        stats->wire_ignored += ws.ignored;
        stats->wire_unasked += ws.unasked;
    }
    return w->status;
}

void worker_free(struct worker *w)
{
    if (w == NULL) {
        return;
    }
    /* The wire engine's events live on the resolver's loop: gone first. */
    wire_lookup_free(w->wire);
    caa__loop_free(w->async);
    while (w->extras != NULL) {
        extra_unlink(w, w->extras);
    }
    while (w->spare_work != NULL) {
        struct bulk_work *k = w->spare_work;
        w->spare_work = k->next_spare;
        free(k);
    }
    cache_cleanup(&w->cache);
    caa__block_pool_cleanup(&w->answer_blocks);
    zone_limits_cleanup(&w->zones);
    name_queue_destroy(&w->inbox);
    free(w);
}
