/* SPDX-License-Identifier: MIT */
/*
 * caa_bulk_run: the run's thread reads names, gives each to the worker that owns its zone
 * (worker.c climbs them), takes finished names back and emits them, in input order unless
 * unordered. All of the caller's callbacks run on the caller's thread. A window bounds the names
 * between reading and emission, so memory does not grow with the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <caa/bulk.h>
#include <caa/name.h>

#include "lib/bulk/attributor.h"
#include "lib/bulk/culprits.h"
#include "lib/bulk/engine.h"
#include "lib/bulk/name_queue.h"
#include "lib/bulk/worker.h"
#include "lib/check/context.h"
#include "lib/util/error.h"

#define DEFAULT_WINDOW 1000u
#define DEFAULT_ZONE_LIMIT 64u
#define DEFAULT_CACHE 20000u
/* Two workers already beat a single-threaded resolver here (README); each further one adds
 * 3-5 MiB (its resolver and malloc arena), which would take a million-name run past 64 MiB. */
#define DEFAULT_THREADS_MAX 2u
#define THREADS_MAX 64u

struct batch {
    struct bulk_name *first, *last;
};

struct run {
    struct bulk_config cfg;
    caa_bulk_next_fn *next;
    caa_bulk_emit_fn *emit;
    void *user;
    struct worker **workers;
    struct batch *batches; /* per worker, filled while reading */
    size_t worker_count;
    struct name_queue finished;
    struct culprits culprits;
    struct attributor *attributor; /* made at the first failed lookup (attributor.h) */
    bool attribution_off;          /* it could not be made: rows carry no culprit */
    struct bulk_name **ring;       /* by seq % ring_size: read, not yet emitted (ordered runs) */
    size_t ring_size;
    uint64_t next_seq;
    uint64_t next_emit;
    unsigned outstanding; /* given to workers, not back yet */
    unsigned held;        /* at the attributor (attributor.h), not back yet */
    bool input_done;
    bool aborted;
    enum caa_status status;
    struct caa_bulk_stats stats;
    struct bulk_name *spare; /* emitted names, for reuse (name_recycle) */
};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void name_free(struct bulk_name *n)
{
    caa__name_result_cleanup(&n->result);
    caa__arena_free(n->arena);
    free(n);
}

/* An emitted name goes back to the run's pool with its arena emptied but not freed: the next
 * name reuses both, so the steady state does not go back to malloc for them (a name is ~4 KiB,
 * its arena's chunk 4 KiB; the pool never holds more than the window held at once). Its
 * climb state went back to its worker's pool when it was decided. */
static void name_recycle(struct run *r, struct bulk_name *n)
{
    caa__name_result_cleanup(&n->result);
    caa__arena_reset(n->arena);
    n->next_queued = r->spare;
    r->spare = n;
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
    out.message = n->input_error != NULL ? n->input_error : res->reason;
    out.ca_message = res->ca_message;
    out.owner = res->rrset != NULL ? caa_rrset_owner(res->rrset) : "";
    out.rrset = res->rrset;
    out.dnssec = res->rrset_dnssec;
    out.failing_label = n->failing_label != NULL ? n->failing_label : "";
    out.lookups = n->lookups;
    out.elapsed_ms = res->elapsed_ms;
    out.evaluation = res->evaluation;
    out.culprit_zone = n->culprit_zone != NULL ? n->culprit_zone : "";
    out.culprit_servers = n->culprit_server_count > 0 ? n->culprit_servers : NULL;
    out.culprit_server_count = n->culprit_server_count;
    culprits_note(&r->culprits, &out);
    r->emit(r->user, &out);
}

/* Emits what is done, in reading order. */
static void flush(struct run *r)
{
    while (r->next_emit < r->next_seq) {
        struct bulk_name *n = r->ring[r->next_emit % r->ring_size];
        if (n == NULL || !n->done) {
            break;
        }
        r->ring[r->next_emit % r->ring_size] = NULL;
        emit_name(r, n);
        name_recycle(r, n);
        r->next_emit++;
    }
}

/* The worker for a name: the one for its registrable domain (the Public Suffix List's, as
 * serve's rate limits group names), so that a zone's names meet in one cache while registrable
 * domains spread over the workers, including those under a multi-label suffix such as co.uk (a
 * parent-label key sent every *.co.uk name to one worker). ASCII case is folded first, as libpsl
 * wants; "name." is "name"; a name too long to be a DNS name hashes whole. */
static size_t worker_of(const struct run *r, const char *name)
{
    char lower[256];
    size_t len = strlen(name);
    const char *key = name;
    uint64_t h = 14695981039346656037u; /* FNV-1a */

    while (len > 0 && name[len - 1] == '.') {
        len--;
    }
    if (len < sizeof(lower)) {
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)name[i];
            lower[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32u : c);
        }
        lower[len] = '\0';
        key = caa_name_registrable(lower);
        len = strlen(key);
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)key[i];
        h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 1099511628211u;
    }
    return (size_t)(h % r->worker_count);
}

/* A copy of s (NULL stays NULL) in the name's arena; false when it does not fit. */
static bool copy_in(struct bulk_name *n, const char *s, char **out)
{
    *out = s != NULL ? caa__arena_strdup(n->arena, s) : NULL;
    return s == NULL || *out != NULL;
}

static struct bulk_name *name_new(struct run *r, const struct caa_bulk_item *item)
{
    struct bulk_name *n = r->spare;
    struct caa__arena *arena = NULL;

    if (n != NULL) {
        r->spare = n->next_queued;
        arena = n->arena;
    } else if ((n = malloc(sizeof(*n))) == NULL) {
        return NULL;
    } else if (caa__arena_new(CAA__RESULT_ARENA_MAX, &arena) != CAA_OK) {
        free(n);
        return NULL;
    }
    memset(n, 0, sizeof(*n));
    n->arena = arena;
    n->seq = r->next_seq;
    n->index = item->index;
    if (!copy_in(n, item->name != NULL ? item->name : "", &n->input) ||
        !copy_in(n, item->issuer, &n->issuer) || !copy_in(n, item->method, &n->method)) {
        name_free(n);
        return NULL;
    }
    return n;
}

static bool room(const struct run *r)
{
    return r->outstanding + r->held < r->cfg.opts.window &&
           (r->cfg.opts.unordered || r->next_seq - r->next_emit < r->ring_size);
}

/* Reads names while the window has room and gives them to their workers, a batch each. */
static void dispatch(struct run *r)
{
    memset(r->batches, 0, r->worker_count * sizeof(*r->batches));
    while (!r->input_done && room(r)) {
        struct caa_bulk_item item = {0, NULL, NULL, NULL};
        int got = r->next(r->user, &item);
        struct bulk_name *n;
        struct batch *b;
        if (got <= 0) {
            r->input_done = true;
            r->aborted = got < 0;
            break;
        }
        if ((n = name_new(r, &item)) == NULL) {
            r->status = CAA_E_NOMEM;
            r->input_done = true;
            r->aborted = true;
            break;
        }
        r->next_seq++;
        if (!r->cfg.opts.unordered) {
            r->ring[n->seq % r->ring_size] = n;
        }
        b = &r->batches[worker_of(r, n->input)];
        if (b->last != NULL) {
            b->last->next_queued = n;
        } else {
            b->first = n;
        }
        b->last = n;
        r->stats.names++;
        if (++r->outstanding > r->stats.peak_in_flight) {
            r->stats.peak_in_flight = r->outstanding;
        }
    }
    for (size_t i = 0; i < r->worker_count; i++) {
        if (r->batches[i].first != NULL) {
            worker_give(r->workers[i], r->batches[i].first, r->batches[i].last);
        }
    }
}

/* The attributor, made and started at the run's first failed lookup, so that a run without
 * failures pays for no resolver of its own; NULL when it cannot be (rows then carry no culprit). */
static struct attributor *attributor_of(struct run *r)
{
    struct caa_error err = {0, ""};

    if (r->attributor == NULL && !r->attribution_off) {
        r->attribution_off =
            attributor_new(&r->cfg, &r->finished, &r->attributor, &err) != CAA_OK ||
            attributor_start(r->attributor) != 0;
    }
    return r->attribution_off ? NULL : r->attributor;
}

/* A name back from its worker whose lookup failed goes to the attributor first: its row waits
 * there for its zone's culprit servers. */
static bool hold(struct run *r, struct bulk_name *n, struct batch *to_attribute)
{
    if (n->failing_label == NULL || n->result.verdict != CAA_VERDICT_ERROR ||
        attributor_of(r) == NULL) {
        return false;
    }
    n->next_queued = NULL;
    if (to_attribute->last != NULL) {
        to_attribute->last->next_queued = n;
    } else {
        to_attribute->first = n;
    }
    to_attribute->last = n;
    r->held++;
    return true;
}

/* Waits for finished names and emits what can be emitted. */
static void collect(struct run *r)
{
    struct bulk_name *n = name_queue_take(&r->finished, true, NULL);
    struct batch to_attribute = {NULL, NULL};

    while (n != NULL) {
        struct bulk_name *next = n->next_queued;
        if (n->attributed) {
            r->held--;
        } else {
            r->outstanding--;
            if (hold(r, n, &to_attribute)) {
                n = next;
                continue;
            }
        }
        n->done = true; /* here, not in the worker: the ring reads it on this thread */
        if (r->cfg.opts.unordered) {
            emit_name(r, n);
            name_recycle(r, n);
        }
        n = next;
    }
    if (to_attribute.first != NULL) {
        attributor_give(r->attributor, to_attribute.first, to_attribute.last);
    }
    if (!r->cfg.opts.unordered) {
        flush(r);
    }
}

/* Refills the window in batches, not a name at a time: every batch wakes a worker, and the
 * wake-ups would cost more than the names. */
static bool worth_dispatching(const struct run *r)
{
    unsigned batch = r->cfg.opts.window / 16;

    return r->outstanding + r->held + (batch > 0 ? batch : 1) <= r->cfg.opts.window;
}

static void run_loop(struct run *r)
{
    for (;;) {
        if (worth_dispatching(r)) {
            dispatch(r);
        }
        if (r->outstanding + r->held == 0 && r->input_done) {
            return;
        }
        if (r->outstanding + r->held > 0) {
            collect(r);
        }
    }
}

static unsigned default_threads(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);

    if (cpus < 1) {
        return 1;
    }
    return cpus > (long)DEFAULT_THREADS_MAX ? DEFAULT_THREADS_MAX : (unsigned)cpus;
}

void caa_bulk_options_init(struct caa_bulk_options *opts)
{
    if (opts != NULL) {
        memset(opts, 0, sizeof(*opts));
        opts->struct_size = sizeof(*opts);
    }
}

void caa_bulk_stats_init(struct caa_bulk_stats *stats)
{
    if (stats != NULL) {
        memset(stats, 0, sizeof(*stats));
        stats->struct_size = sizeof(*stats);
    }
}

static struct caa_bulk_options defaults_of(const struct caa_bulk_options *o,
                                           const struct caa_ctx *ctx)
{
    struct caa_bulk_options d;

    memset(&d, 0, sizeof(d));
    if (o != NULL) {
        /* Only the fields the caller knows of: a newer library's fields stay 0 (default). */
        memcpy(&d, o, o->struct_size < sizeof(d) ? o->struct_size : sizeof(d));
    }
    d.struct_size = sizeof(d);
    d.window = d.window == 0 ? DEFAULT_WINDOW : d.window;
    d.zone_limit = d.zone_limit == 0 ? DEFAULT_ZONE_LIMIT : d.zone_limit;
    d.name_timeout_ms = d.name_timeout_ms == 0 ? ctx->timeout_ms : d.name_timeout_ms;
    d.lookup_failure =
        d.lookup_failure == CAA_LOOKUP_FAILURE_DENY ? ctx->lookup_failure : d.lookup_failure;
    d.cache_entries = d.cache_entries == 0 ? DEFAULT_CACHE : d.cache_entries;
    d.threads = d.threads == 0 ? default_threads() : d.threads;
    d.threads = d.threads > THREADS_MAX ? THREADS_MAX : d.threads;
    d.threads = d.threads > d.window ? d.window : d.threads;
    /* engine stays DEFAULT: the worker picks the wire engine where it can run (worker.c). */
    return d;
}

/* The workers, each with its share of the label cache and of every zone's cap (a zone's names
 * may be spread over all of them); started only once all could be made, so that a resolver
 * that cannot start fails the run before any name is read. */
static enum caa_status start_workers(struct run *r, struct caa_error *err)
{
    size_t share = r->cfg.opts.cache_entries / r->cfg.opts.threads;
    unsigned zone_share = r->cfg.opts.zone_limit / r->cfg.opts.threads;
    enum caa_status st = CAA_OK;

    /* At least one entry each: --cache 1 must still mean a cache that evicts all the time. */
    share = share > 0 ? share : 1;
    zone_share = zone_share > 0 ? zone_share : 1;
    r->workers = calloc(r->cfg.opts.threads, sizeof(*r->workers));
    r->batches = calloc(r->cfg.opts.threads, sizeof(*r->batches));
    if (r->workers == NULL || r->batches == NULL) {
        return CAA_E_NOMEM;
    }
    for (; st == CAA_OK && r->worker_count < r->cfg.opts.threads; r->worker_count++) {
        st =
            worker_new(&r->cfg, share, zone_share, &r->finished, &r->workers[r->worker_count], err);
        if (st != CAA_OK) {
            break;
        }
    }
    for (size_t i = 0; st == CAA_OK && i < r->worker_count; i++) {
        if (worker_start(r->workers[i]) != 0) {
            (void)caa__error_set(err, 0, "cannot start a bulk worker thread");
            st = CAA_E_NOMEM;
        }
    }
    return st;
}

static enum caa_status stop_workers(struct run *r)
{
    enum caa_status st = CAA_OK;

    for (size_t i = 0; i < r->worker_count; i++) {
        worker_close(r->workers[i]);
    }
    for (size_t i = 0; i < r->worker_count; i++) {
        enum caa_status w = worker_join(r->workers[i], &r->stats);
        st = st == CAA_OK ? w : st;
    }
    if (r->attributor != NULL) {
        attributor_close(r->attributor);
        attributor_join(r->attributor, &r->stats);
    }
    return st;
}

enum caa_status caa_bulk_run(struct caa_ctx *ctx, const struct caa_request *defaults,
                             const struct caa_bulk_options *opts, caa_bulk_next_fn *next,
                             caa_bulk_emit_fn *emit, void *user, struct caa_bulk_stats *stats,
                             struct caa_error *err)
{
    struct run *r;
    uint64_t start = now_ms();
    enum caa_status st;
    enum caa_status workers_st;

    if (ctx == NULL || defaults == NULL || next == NULL || emit == NULL ||
        defaults->issuer_count == 0 || (opts != NULL && opts->struct_size == 0) ||
        (stats != NULL && stats->struct_size == 0)) {
        return CAA_E_INVALID_ARG;
    }
    r = calloc(1, sizeof(*r));
    if (r == NULL) {
        return CAA_E_NOMEM;
    }
    r->cfg = (struct bulk_config){.ctx = ctx, .defaults = defaults, .opts = defaults_of(opts, ctx)};
    r->next = next;
    r->emit = emit;
    r->user = user;
    /* The window bounds the names between reading and emission, finished ones waiting for an
     * earlier one included: each is a name in memory (README: peak RSS). */
    r->ring_size = (size_t)r->cfg.opts.window;
    r->ring = calloc(r->ring_size, sizeof(*r->ring));
    if (r->ring == NULL || culprits_init(&r->culprits) != 0 || name_queue_init(&r->finished) != 0) {
        culprits_cleanup(&r->culprits);
        free(r->ring);
        free(r);
        return CAA_E_NOMEM;
    }
    st = start_workers(r, err);
    if (st == CAA_OK) {
        run_loop(r);
        st = r->aborted && r->status == CAA_OK ? CAA_E_INVALID_ARG : r->status;
    }
    workers_st = stop_workers(r);
    st = st == CAA_OK ? workers_st : st;
    /* The rows' culprits, summed (culprits.h). */
    culprits_fill(&r->culprits, &r->stats);
    r->stats.elapsed_ms = (unsigned)(now_ms() - start);
    if (stats != NULL) {
        /* Only the fields the caller knows of; its struct_size stays as it set it. */
        size_t size = stats->struct_size < sizeof(r->stats) ? stats->struct_size : sizeof(r->stats);
        r->stats.struct_size = stats->struct_size;
        memcpy(stats, &r->stats, size);
    }
    for (size_t i = 0; i < r->worker_count; i++) {
        worker_free(r->workers[i]);
    }
    attributor_free(r->attributor);
    while (r->spare != NULL) {
        struct bulk_name *n = r->spare;
        r->spare = n->next_queued;
        name_free(n);
    }
    culprits_cleanup(&r->culprits);
    name_queue_destroy(&r->finished);
    free(r->workers);
    free(r->batches);
    free(r->ring);
    free(r);
    return st;
}
