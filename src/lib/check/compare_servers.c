/* SPDX-License-Identifier: MIT */
/*
 * `caa check`'s server comparison (compare_servers.h). The CAA questions that decided each name
 * are collected (the relevant RRset's label; the failing label of an error; when no CAA was
 * found, the labels of the climb below the TLD), the servers of each question's zone found
 * through one resolver event loop, every allowed address asked at once (probe.h), and the
 * answers compared order-independently with their rcodes (probe_rrset.h). With resolver reuse,
 * questions whose servers agreed a moment ago are not asked again (compare_memo.h).
 */
#include "lib/check/compare_servers.h"
#include "lib/check/compare_memo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/dns/address_policy.h"
#include "lib/dns/probe.h"
#include "lib/dns/probe_rrset.h"
#include "lib/dns/seam.h"
#include "lib/dns/zone_servers.h"

#define RRTYPE_CAA 257
/* Bounds: the whole comparison's time, the questions of an order, the labels of one name's
 * climb, the direct queries, and the reply bytes kept for comparing (each query's reads are
 * also capped by the probe, 4 x 64 KiB). */
#define BUDGET_MS 1500u
#define QUESTIONS_MAX 8
#define CLIMB_QUESTIONS_MAX 4
#define QUERIES_MAX 48
#define KEPT_BYTES_MAX (256u * 1024u)
/* Below this much time left, no comparison starts. */
#define MIN_TIME_MS 50u
#define ANSWER_TEXT_MAX 1024

struct question {
    char qname[256];
    struct caa__zone_servers zs;
    size_t first; /* its queries: queries[first .. first + count) */
    size_t count;
    bool differ;
    bool known; /* its servers agreed a moment ago (compare_memo.h): not asked */
};

struct comparison {
    struct question questions[QUESTIONS_MAX];
    size_t question_count;
    size_t (*name_questions)[CLIMB_QUESTIONS_MAX]; /* per name: indexes into questions */
    size_t *name_question_count;
    struct caa__probe_query queries[QUERIES_MAX];
    struct caa__probe_result results[QUERIES_MAX];
    size_t query_count;
};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static size_t intern_question(struct comparison *c, const char *qname)
{
    for (size_t i = 0; i < c->question_count; i++) {
        if (strcmp(c->questions[i].qname, qname) == 0) {
            return i;
        }
    }
    if (c->question_count == QUESTIONS_MAX) {
        return QUESTIONS_MAX; /* past the cap: not compared */
    }
    struct question *q = &c->questions[c->question_count];
    /* Scratch memory (comparison_take): only what is read before it is written is set here;
     * the zone's servers are set by caa__zone_servers_start. */
    q->first = 0;
    q->count = 0;
    q->differ = false;
    q->known = false;
    (void)snprintf(q->qname, sizeof(q->qname), "%s", qname);
    return c->question_count++;
}

/* The questions that decided name i: the label the climb stopped at (the relevant RRset's, or
 * the failing one's); with no CAA anywhere, every label asked up to the TLD (a TLD's many
 * anycast servers are left out), nearest first. */
static void questions_of(struct comparison *c, const struct caa__name_result *r, size_t i)
{
    size_t last = 0;
    bool any = false;

    for (size_t j = 0; j < r->lookup_count; j++) {
        if (r->lookups[j].used) {
            last = j;
            any = true;
        }
    }
    if (!any) {
        return;
    }
    bool decided = r->rrset != NULL || r->verdict == CAA_VERDICT_ERROR;
    for (size_t j = decided ? last : 0; j <= last; j++) {
        const char *qname = r->lookups[j].qname;
        size_t q;
        if (c->name_question_count[i] == CLIMB_QUESTIONS_MAX ||
            (!decided && strchr(qname, '.') == NULL)) {
            break;
        }
        q = intern_question(c, qname);
        if (q < QUESTIONS_MAX) {
            c->name_questions[i][c->name_question_count[i]++] = q;
        }
    }
}

static bool all_found(const struct comparison *c)
{
    for (size_t i = 0; i < c->question_count; i++) {
        if (!c->questions[i].known && !caa__zone_servers_done(&c->questions[i].zs)) {
            return false;
        }
    }
    return true;
}

/* Finds the servers of every question's zone, until found_by (CLOCK_MONOTONIC). */
/* Finds every question's servers by found_by; true when every lookup finished (none is left
 * in flight on the loop, so it can serve the next check). */
static bool find_servers(struct comparison *c, struct caa__loop *loop, uint64_t found_by)
{
    for (size_t i = 0; i < c->question_count; i++) {
        if (!c->questions[i].known) {
            caa__zone_servers_start(&c->questions[i].zs, loop, c->questions[i].qname);
        }
    }
    /* Step before waiting: an answer from the resolver's cache arrives within the query call,
     * and a loop with nothing in flight would sit out its whole slice (20 ms per step of the
     * climb to the zone's servers, on every warm check). */
    for (uint64_t now = now_ms();; now = now_ms()) {
        for (size_t i = 0; i < c->question_count; i++) {
            if (!c->questions[i].known) {
                caa__zone_servers_step(&c->questions[i].zs);
            }
        }
        if (all_found(c) || now >= found_by) {
            break;
        }
        caa__loop_run(loop, found_by - now < 20 ? (unsigned)(found_by - now) : 20u);
    }
    return all_found(c);
}

/* One query per allowed address of each question's zone, all within timeout_ms. */
static void plan_queries(struct comparison *c, const struct caa__resolver_config *cfg,
                         bool allow_private, unsigned timeout_ms)
{
    for (size_t i = 0; i < c->question_count; i++) {
        struct question *q = &c->questions[i];
        q->first = c->query_count;
        for (size_t a = 0; !q->known && a < q->zs.address_count && c->query_count < QUERIES_MAX;
             a++) {
            const char *address = q->zs.addresses[a].address;
            if (caa__address_probe_allowed(cfg, address, allow_private)) {
                caa__probe_query_init(&c->queries[c->query_count++], address, q->qname, RRTYPE_CAA,
                                      timeout_ms);
            }
        }
        q->count = c->query_count - q->first;
    }
}

/* A TC=1 reply over UDP is asked again over TCP (RFC 7766) in the time left; one that still
 * cannot be read is not compared. */
static enum caa_status retry_truncated(struct comparison *c, uint64_t end)
{
    struct caa__probe_query again[QUERIES_MAX];
    struct caa__probe_result results[QUERIES_MAX];
    size_t index[QUERIES_MAX];
    size_t n = 0;
    uint64_t now = now_ms();
    enum caa_status st;

    if (now + MIN_TIME_MS >= end) {
        return CAA_OK;
    }
    for (size_t i = 0; i < c->query_count; i++) {
        if (c->results[i].outcome == CAA__PROBE_ANSWER && c->results[i].tc) {
            again[n] = c->queries[i];
            again[n].transport = CAA__PROBE_TCP;
            again[n].timeout_ms = (unsigned)(end - now);
            index[n++] = i;
        }
    }
    memset(results, 0, sizeof(results));
    st = n > 0 ? caa__probe_run(again, n, results) : CAA_OK;
    if (st == CAA_OK) {
        for (size_t k = 0; k < n; k++) {
            caa__probe_result_cleanup(&c->results[index[k]]);
            c->results[index[k]] = results[k];
        }
    }
    return st == CAA_E_NOMEM ? st : CAA_OK;
}

/* The byte cap: replies past KEPT_BYTES_MAX in total are not compared. */
static void cap_bytes(struct comparison *c)
{
    size_t kept = 0;

    for (size_t i = 0; i < c->query_count; i++) {
        kept += c->results[i].wire_len;
        if (kept > KEPT_BYTES_MAX) {
            caa__probe_result_cleanup(&c->results[i]);
            c->results[i].outcome = CAA__PROBE_FLOOD;
        }
    }
}

static void judge(struct comparison *c)
{
    for (size_t i = 0; i < c->question_count; i++) {
        struct question *q = &c->questions[i];
        const struct caa__probe_result *r[QUERIES_MAX];
        for (size_t k = 0; k < q->count; k++) {
            r[k] = &c->results[q->first + k];
        }
        /* A server that gave no comparable answer is skipped here (caa__probe_comparable):
         * silence is not a disagreement by itself, only two different answers are. */
        q->differ = caa__probe_answers_differ(r, q->count, RRTYPE_CAA);
    }
}

static void warning_fill(const struct comparison *c, const struct question *q,
                         struct caa__arena *arena, struct caa_warning *w)
{
    char text[ANSWER_TEXT_MAX];
    struct caa_warning_server *servers = caa__arena_calloc(arena, q->count + 1, sizeof(*servers));

    (void)snprintf(text, sizeof(text),
                   "the servers of %s give different answers to CAA %s: what the CA sees depends "
                   "on which server it asks",
                   q->zs.apex, q->qname);
    w->code = CAA_CODE_NS_INCONSISTENT;
    w->qname = caa__arena_strdup(arena, q->qname);
    w->zone = caa__arena_strdup(arena, q->zs.apex);
    w->message = caa__arena_strdup(arena, text);
    w->servers = servers;
    for (size_t k = 0; servers != NULL && k < q->count; k++) {
        const struct caa__probe_query *query = &c->queries[q->first + k];
        const struct caa__probe_result *r = &c->results[q->first + k];
        const char *ns = "";
        for (size_t a = 0; a < q->zs.address_count; a++) {
            if (strcmp(q->zs.addresses[a].address, query->address) == 0) {
                ns = q->zs.addresses[a].ns;
            }
        }
        (void)caa__probe_answer_show(text, sizeof(text), 0, r, RRTYPE_CAA);
        servers[k].name = caa__arena_strdup(arena, ns);
        servers[k].address = caa__arena_strdup(arena, query->address);
        servers[k].answer = caa__arena_strdup(arena, text);
        servers[k].answered = caa__probe_comparable(r);
        w->server_count = k + 1;
    }
}

/* One warning per (name, question whose servers differ). */
static enum caa_status add_warnings(const struct comparison *c, struct caa_report *rep)
{
    size_t n = 0;

    for (size_t i = 0; i < rep->name_count; i++) {
        for (size_t k = 0; k < c->name_question_count[i]; k++) {
            n += c->questions[c->name_questions[i][k]].differ;
        }
    }
    if (n == 0) {
        return CAA_OK;
    }
    rep->warnings = caa__arena_calloc(rep->arena, n, sizeof(*rep->warnings));
    for (size_t i = 0; rep->warnings != NULL && i < rep->name_count; i++) {
        for (size_t k = 0; k < c->name_question_count[i]; k++) {
            const struct question *q = &c->questions[c->name_questions[i][k]];
            if (q->differ) {
                struct caa_warning *w = &rep->warnings[rep->warning_count++];
                w->name_index = i;
                warning_fill(c, q, rep->arena, w);
            }
        }
    }
    return caa__arena_status(rep->arena);
}

static void loop_free(void *loop)
{
    caa__loop_free(loop);
}

/* The memo beside the kept comparison loop; NULL when no loop is kept. */
static struct caa__compare_memo *memo_of(struct caa_ctx *ctx)
{
    return caa__resolver_keep_get(&ctx->compare_keep) != NULL ? ctx->compare_keep.companion : NULL;
}

/* Marks the questions the memo knows; true when that is all of them. */
static bool recall(struct comparison *c, struct caa_ctx *ctx)
{
    const struct caa__compare_memo *memo = memo_of(ctx);
    uint64_t now = ctx->compare_keep.clock_ms();
    bool all = true;

    for (size_t i = 0; i < c->question_count; i++) {
        c->questions[i].known = caa__compare_memo_agreed(memo, c->questions[i].qname, now);
        all = all && c->questions[i].known;
    }
    return all;
}

/* Notes the questions whose servers all answered, alike, while a loop is kept (never past the
 * loop's own end). */
static void remember(const struct comparison *c, struct caa_ctx *ctx)
{
    struct caa__resolver_keep *keep = &ctx->compare_keep;
    struct caa__compare_memo *memo = memo_of(ctx);
    uint64_t now = keep->clock_ms();
    uint64_t until = now + CAA__COMPARE_MEMO_MS;

    if (keep->warm == NULL) {
        return;
    }
    if (memo == NULL) {
        memo = caa__compare_memo_new();
        if (memo == NULL || !caa__resolver_keep_set_companion(keep, memo, caa__compare_memo_free)) {
            caa__compare_memo_free(memo);
            return;
        }
    }
    until = keep->born_ms + keep->max_age_ms < until ? keep->born_ms + keep->max_age_ms : until;
    for (size_t i = 0; i < c->question_count; i++) {
        const struct question *q = &c->questions[i];
        bool all_answered = q->count > 0 && !q->known && !q->differ;
        for (size_t k = 0; all_answered && k < q->count; k++) {
            all_answered = caa__probe_comparable(&c->results[q->first + k]);
        }
        if (all_answered) {
            caa__compare_memo_note(memo, q->qname, until);
        }
    }
}

static enum caa_status compare(struct comparison *c, struct caa_ctx *ctx,
                               const struct caa__resolver_config *cfg, uint64_t end,
                               struct caa_report *rep)
{
    struct caa__resolver_config loop_cfg = *cfg;
    /* With resolver reuse on, the loop (and its libunbound cache) of an earlier check: a fresh
     * one primes from the root and validates the chain again, most of a warm check's cost. */
    struct caa__loop *loop;
    bool kept;
    bool finished;
    uint64_t now = now_ms();
    enum caa_status st;

    if (recall(c, ctx)) {
        return CAA_OK; /* every question's servers agreed a moment ago */
    }
    loop = caa__resolver_keep_get(&ctx->compare_keep);
    kept = loop != NULL;
    if (!kept) {
        loop_cfg.timeout_ms = (unsigned)(end - now);
        loop_cfg.keep = NULL;
        st = caa__loop_new(&ctx->resolver, &loop_cfg, NULL, false, 64, &loop, NULL);
        if (st != CAA_OK) {
            return st == CAA_E_NOMEM ? st : CAA_OK; /* no resolver, no comparison */
        }
    }
    /* Two thirds of the time to find the servers, the rest (at least) to ask them. */
    finished = find_servers(c, loop, now + (end - now) * 2 / 3);
    /* Before anything the callbacks point into goes, no callback may run again: a loop with
     * lookups still in flight is freed (kept or not); one without may serve the next check. */
    if (kept && !finished) {
        caa__resolver_keep_reset(&ctx->compare_keep);
    } else if (!kept &&
               (!finished || !caa__resolver_keep_put(&ctx->compare_keep, loop, loop_free))) {
        caa__loop_free(loop);
    }
    now = now_ms();
    if (now + MIN_TIME_MS >= end) {
        return CAA_OK;
    }
    plan_queries(c, cfg, ctx->allow_private, (unsigned)(end - now));
    st = c->query_count > 0 ? caa__probe_run(c->queries, c->query_count, c->results) : CAA_OK;
    if (st != CAA_OK) {
        c->query_count = 0; /* results hold nothing */
        return st == CAA_E_NOMEM ? st : CAA_OK;
    }
    st = retry_truncated(c, end);
    if (st == CAA_OK) {
        cap_bytes(c);
        judge(c);
        remember(c, ctx);
        st = add_warnings(c, rep);
    }
    return st;
}

/* The comparison's memory: the context's while resolver reuse is on, else a new one. Not
 * zeroed: each part is set before it is read. */
static struct comparison *comparison_take(struct caa_ctx *ctx)
{
    struct comparison *c = ctx->compare_scratch;

    ctx->compare_scratch = NULL;
    if (c == NULL) {
        c = malloc(sizeof(*c));
    }
    if (c != NULL) {
        c->question_count = 0;
        c->query_count = 0;
        c->name_questions = NULL;
        c->name_question_count = NULL;
    }
    return c;
}

static void comparison_give_back(struct caa_ctx *ctx, struct comparison *c)
{
    if (ctx->compare_keep.max_age_ms > 0 && ctx->compare_scratch == NULL) {
        ctx->compare_scratch = c;
    } else {
        free(c);
    }
}

enum caa_status caa__compare_servers(struct caa_ctx *ctx, const struct caa__resolver_config *cfg,
                                     uint64_t deadline_ms, struct caa_report *rep)
{
    uint64_t now = now_ms();
    uint64_t end = now + BUDGET_MS < deadline_ms ? now + BUDGET_MS : deadline_ms;
    struct comparison *c;
    enum caa_status st = CAA_OK;

    if (now + MIN_TIME_MS >= end) {
        return CAA_OK;
    }
    c = comparison_take(ctx);
    if (c == NULL) {
        return CAA_E_NOMEM;
    }
    c->name_questions = calloc(rep->name_count + 1, sizeof(*c->name_questions));
    c->name_question_count = calloc(rep->name_count + 1, sizeof(*c->name_question_count));
    if (c->name_questions == NULL || c->name_question_count == NULL) {
        st = CAA_E_NOMEM;
    }
    for (size_t i = 0; st == CAA_OK && i < rep->name_count; i++) {
        questions_of(c, &rep->names[i], i);
    }
    if (st == CAA_OK && c->question_count > 0) {
        st = compare(c, ctx, cfg, end, rep);
    }
    for (size_t i = 0; i < c->query_count; i++) {
        caa__probe_result_cleanup(&c->results[i]);
    }
    free(c->name_questions);
    free(c->name_question_count);
    comparison_give_back(ctx, c);
    return st;
}
