/* SPDX-License-Identifier: MIT */
/*
 * caa_check: names -> labels -> one parallel lookup round -> Boulder's selection -> verdict.
 * The labels of all names of an order are asked together (shared parents once), under one
 * deadline, through a resolver no other check shares (or, when the context keeps one, the
 * resolver its earlier checks used: caa_ctx_set_resolver_reuse).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <caa/check.h>
#include <caa/name.h>

#include "lib/caa/relevant_rrset.h"
#include "lib/check/climb.h"
#include "lib/check/compare_servers.h"
#include "lib/check/context.h"
#include "lib/check/report.h"
#include "lib/dns/resolver.h"
#include "lib/dns/seam.h"
#include "lib/util/error.h"

/* How long the "can we reach any DNS server" probe waits for the first root server. */
#define REACH_TIMEOUT_MS 1500u
/* A kept resolver that got an answer this recently vouches for the network: no probe first. */
#define REACH_VOUCH_MS 30000u
#define RCODE_SERVFAIL 2

/* The unique qnames of an order and, per name, which of them are its labels. */
struct order_labels {
    const char **qnames;
    size_t qname_count;
    size_t lead_count;                     /* qnames[0..lead_count): the names themselves */
    size_t (*label_index)[CAA__CLIMB_MAX]; /* per name */
    size_t *label_count;                   /* per name */
};

struct order {
    uint64_t deadline_ms; /* the whole check's, CLOCK_MONOTONIC */
    const struct caa_ctx *ctx;
    const struct caa_request *req;
    struct caa__resolver_config cfg;
    struct order_labels labels;
    struct caa__dns_answer *answers; /* per qname */
};

static size_t intern_qname(struct order_labels *l, const char *qname)
{
    for (size_t i = 0; i < l->qname_count; i++) {
        if (strcmp(l->qnames[i], qname) == 0) {
            return i;
        }
    }
    l->qnames[l->qname_count] = qname;
    return l->qname_count++;
}

static enum caa_status collect_labels(const struct caa_report *rep, struct order_labels *l)
{
    size_t n = rep->name_count;

    l->qnames = calloc(n * CAA__CLIMB_MAX, sizeof(*l->qnames));
    l->label_index = calloc(n, sizeof(*l->label_index));
    l->label_count = calloc(n, sizeof(*l->label_count));
    if (l->qnames == NULL || l->label_index == NULL || l->label_count == NULL) {
        return CAA_E_NOMEM;
    }
    /* The names themselves first (the resolver's leads, resolver.h), then their parents. */
    for (size_t pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            const char *labels[CAA__CLIMB_MAX];
            size_t count = caa__climb_labels(rep->names[i].name, labels);
            l->label_count[i] = count;
            for (size_t k = pass; k < (pass == 0 && count > 0 ? 1 : count); k++) {
                l->label_index[i][k] = intern_qname(l, labels[k]);
            }
        }
        l->lead_count = pass == 0 ? l->qname_count : l->lead_count;
    }
    return CAA_OK;
}

static void order_cleanup(struct order *o)
{
    for (size_t i = 0; o->answers != NULL && i < o->labels.qname_count; i++) {
        caa__dns_answer_cleanup(&o->answers[i]);
    }
    free(o->answers);
    free(o->labels.qnames);
    free(o->labels.label_index);
    free(o->labels.label_count);
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* The resolver settings for a lookup made after the first round: `share` (in percent) of the
 * time left of the check's deadline, so --timeout bounds the whole check, BR retry and
 * Insecure proof included. False when no time is left. */
static bool time_left(const struct order *o, unsigned share, struct caa__resolver_config *cfg)
{
    uint64_t now = now_ms();

    *cfg = o->cfg;
    if (now + 10 >= o->deadline_ms) {
        return false;
    }
    cfg->timeout_ms = (unsigned)((o->deadline_ms - now) * share / 100u);
    return cfg->timeout_ms > 0;
}

/* BR 3.2.2.8: "retried at least once", with a fresh resolver. A retry that no longer fails
 * replaces the answer for every name of the order. */
static enum caa_status retry_label(struct order *o, size_t qname_i, struct caa__climb *climb)
{
    struct caa__dns_answer again;
    struct caa__resolver_config cfg;
    const char *qname = o->labels.qnames[qname_i];
    bool have_time = time_left(o, 50, &cfg);

    memset(&again, 0, sizeof(again));
    /* Fresh even when the context keeps one: a kept resolver would answer from its cache what
     * it has just failed to get. */
    cfg.keep = NULL;
    if (!have_time ||
        caa__seam_resolve_caa(&o->ctx->resolver, &cfg, &qname, 1, &again, NULL) != CAA_OK ||
        !caa__climb_retry_usable(climb, &again)) {
        caa__dns_answer_cleanup(&again);
        return caa__climb_retried(climb, NULL);
    }
    caa__dns_answer_cleanup(&o->answers[qname_i]);
    o->answers[qname_i] = again;
    return caa__climb_retried(climb, &o->answers[qname_i]);
}

/* BR 3.2.2.8 (ballot SC-085): one query of the proof that the zone is Insecure (RFC 4035
 * §4.3), in the time left; the proof fails when no time is left or the resolver cannot start. */
static void prove(const struct order *o, const struct caa__climb_query *q, struct caa__climb *climb)
{
    struct caa__resolver_config cfg;
    struct caa__dns_answer a;

    memset(&a, 0, sizeof(a));
    if (!time_left(o, 100, &cfg) ||
        caa__seam_resolve_one(&o->ctx->resolver, &cfg, q->qname, q->qtype, &a, NULL) != CAA_OK) {
        caa__climb_unproved(climb);
    } else {
        caa__climb_proved(climb, &a);
    }
    caa__dns_answer_cleanup(&a);
}

/* Name i's climb over the order's answers (all labels, as Boulder asks them in parallel). */
static enum caa_status decide_name(struct order *o, size_t i, struct caa__arena *arena,
                                   struct caa__name_result *r)
{
    const size_t *index = o->labels.label_index[i];
    struct caa__climb climb;
    struct caa__climb_query q;
    enum caa_status st = CAA_OK;

    caa__climb_init(&climb, o->req->profile, o->ctx->lookup_failure, o->labels.label_count[i]);
    q = caa__climb_next(&climb, true);
    while (st == CAA_OK && q.need != CAA__CLIMB_DONE) {
        if (q.need == CAA__CLIMB_NEED_LABEL) {
            st = caa__climb_feed(&climb, &o->answers[index[q.index]]);
        } else if (q.need == CAA__CLIMB_NEED_RETRY) {
            st = retry_label(o, index[q.index], &climb);
        } else {
            prove(o, &q, &climb);
        }
        q = caa__climb_next(&climb, true);
    }
    if (st == CAA_OK) {
        st = caa__climb_finish(&climb, o->req, arena, r);
    }
    caa__climb_cleanup(&climb);
    return st;
}

static enum caa_status normalize_names(struct caa_report *rep, const char *const *names,
                                       struct caa_error *err)
{
    for (size_t i = 0; i < rep->name_count; i++) {
        struct caa__name_result *r = &rep->names[i];
        enum caa_status st = caa__name_result_set_name(r, rep->arena, names[i], err);
        if (st != CAA_OK) {
            if (err != NULL && st == CAA_E_SYNTAX) {
                char message[sizeof(err->message)];
                (void)snprintf(message, sizeof(message), "'%.60s': %.120s", names[i], err->message);
                memcpy(err->message, message, sizeof(message));
            }
            return st;
        }
    }
    return CAA_OK;
}

static bool request_ok(const struct caa_ctx *ctx, const char *const *names, size_t n,
                       const struct caa_request *req, struct caa_report **out)
{
    if (ctx == NULL || names == NULL || n == 0 || req == NULL || out == NULL ||
        req->issuers == NULL || req->issuer_count == 0) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (names[i] == NULL) {
            return false;
        }
    }
    return true;
}

/* Before blaming a domain's servers: does any root server answer us at all? With outbound DNS
 * blocked every lookup would time out at the deadline and read as the domain's failure (issue
 * 11); this asks a few root servers at once and stops at the first reply (one round trip when
 * the network works). CAA_E_IO with err saying so when none answers. */
static enum caa_status network_check(const struct caa_ctx *ctx, struct caa_error *err)
{
    bool reachable = true;
    char why[400];
    unsigned timeout_ms = ctx->timeout_ms < REACH_TIMEOUT_MS ? ctx->timeout_ms : REACH_TIMEOUT_MS;
    enum caa_status st = caa__seam_roots_reachable(&ctx->resolver, ctx->root_hints, timeout_ms,
                                                   &reachable, why, sizeof(why));

    if (st == CAA_E_NOMEM) {
        return st;
    }
    if (st == CAA_OK && !reachable) {
        (void)caa__error_set(err, 0,
                             "cannot reach any DNS server: no root server answered within %u ms "
                             "(%s); is outbound DNS (port 53) blocked?",
                             timeout_ms, why);
        return CAA_E_IO;
    }
    return CAA_OK; /* unreadable hints: the resolver's setup says so */
}

/* The first round: every label of the order at once, through the context's resolver (the kept
 * one, or a fresh one). A kept resolver that answered lately let the check skip the network
 * probe; if the lookups now fail, the probe runs after them (at most REACH_TIMEOUT_MS past the
 * deadline), so a machine that has lost its network still gets "cannot reach any DNS server"
 * (CAA_E_IO), and the resolver that lost it is dropped. */
static enum caa_status first_round(struct caa_ctx *ctx, struct order *o, bool probed,
                                   struct caa_error *err)
{
    bool answered = false;
    bool failed = false;
    struct caa__resolver_config cfg = o->cfg;
    enum caa_status st;

    cfg.lead_count = o->labels.lead_count;
    st = caa__seam_resolve_caa(&ctx->resolver, &cfg, o->labels.qnames, o->labels.qname_count,
                               o->answers, err);

    for (size_t i = 0; st == CAA_OK && i < o->labels.qname_count; i++) {
        const struct caa__dns_answer *a = &o->answers[i];
        bool got = a->failure == CAA__DNS_OK && a->rcode != RCODE_SERVFAIL;
        answered = answered || got;
        failed = failed || !got;
    }
    if (answered) {
        caa__resolver_keep_answered(&ctx->keep);
    }
    if (st == CAA_OK && failed && !probed) {
        st = network_check(ctx, err);
        if (st == CAA_E_IO) {
            caa__resolver_keep_reset(&ctx->keep);
            caa__resolver_keep_reset(&ctx->compare_keep);
        }
    }
    return st;
}

enum caa_status caa_check(struct caa_ctx *ctx, const char *const *names, size_t name_count,
                          const struct caa_request *req, struct caa_report **out,
                          struct caa_error *err)
{
    struct order o;
    struct caa_report *rep;
    enum caa_status st;
    bool probed = false;

    if (!request_ok(ctx, names, name_count, req, out)) {
        return CAA_E_INVALID_ARG;
    }
    memset(&o, 0, sizeof(o));
    rep = caa__report_new(name_count, req->profile, req);
    if (rep == NULL) {
        return CAA_E_NOMEM;
    }
    o.ctx = ctx;
    o.req = req;
    o.cfg.root_hints = ctx->root_hints;
    o.cfg.trust_anchor = ctx->trust_anchor;
    o.cfg.custom_hints = ctx->root_hints != NULL;
    o.cfg.option_names = (const char *const *)ctx->option_names;
    o.cfg.option_values = (const char *const *)ctx->option_values;
    o.cfg.option_count = ctx->option_count;
    o.cfg.keep = &ctx->keep;
    o.deadline_ms = now_ms() + ctx->timeout_ms;
    /* Under the BR exception a failed lookup is retried and the zone's security proved within
     * the same deadline: the first round gets half of it. */
    o.cfg.timeout_ms = ctx->lookup_failure == CAA_LOOKUP_FAILURE_BR_EXCEPTION ? ctx->timeout_ms / 2
                                                                              : ctx->timeout_ms;
    st = normalize_names(rep, names, err);
    if (st == CAA_OK && !caa__resolver_keep_answered_within(&ctx->keep, REACH_VOUCH_MS)) {
        probed = true;
        st = network_check(ctx, err);
    }
    if (st == CAA_OK) {
        st = collect_labels(rep, &o.labels);
    }
    if (st == CAA_OK) {
        o.answers = calloc(o.labels.qname_count + 1, sizeof(*o.answers));
        st = o.answers == NULL ? CAA_E_NOMEM : CAA_OK;
    }
    if (st == CAA_OK) {
        st = first_round(ctx, &o, probed, err);
    }
    for (size_t i = 0; st == CAA_OK && i < name_count; i++) {
        st = decide_name(&o, i, rep->arena, &rep->names[i]);
    }
    if (st == CAA_OK && ctx->compare_servers) {
        st = caa__compare_servers(ctx, &o.cfg, o.deadline_ms, rep);
    }
    order_cleanup(&o);
    if (st != CAA_OK) {
        caa_report_free(rep);
        return st;
    }
    *out = rep;
    return CAA_OK;
}
