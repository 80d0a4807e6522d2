/* SPDX-License-Identifier: MIT */
/*
 * caa_check: names -> labels -> one parallel lookup round -> Boulder's selection -> verdict.
 * The labels of all names of an order are asked together (shared parents once), under one
 * deadline, through a resolver no other check shares.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <caa/check.h>
#include <caa/name.h>

#include "lib/api/context.h"
#include "lib/api/report.h"
#include "lib/caa/relevant_rrset.h"
#include "lib/diag/classify.h"
#include "lib/dns/resolver.h"

/* DS, for the BR 3.2.2.8 Insecure proof; SOA for the zone's own DNSSEC state. */
#define RRTYPE_SOA 6
#define RRTYPE_DS 43

/* The unique qnames of an order and, per name, which of them are its labels. */
struct order_labels {
    const char **qnames;
    size_t qname_count;
    size_t (*label_index)[CAA__CLIMB_MAX]; /* per name */
    size_t *label_count;                   /* per name */
};

struct order {
    const struct caa_ctx *ctx;
    const struct caa_request *req;
    struct caa__resolver_config cfg;
    struct order_labels labels;
    struct caa__dns_answer *answers; /* per qname */
};

static enum caa_dnssec public_dnssec(enum caa__dnssec d)
{
    static const enum caa_dnssec map[] = {
        [CAA__DNSSEC_INSECURE] = CAA_DNSSEC_INSECURE,
        [CAA__DNSSEC_SECURE] = CAA_DNSSEC_SECURE,
        [CAA__DNSSEC_BOGUS] = CAA_DNSSEC_BOGUS,
        [CAA__DNSSEC_UNKNOWN] = CAA_DNSSEC_UNKNOWN,
    };
    return map[d];
}

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
    for (size_t i = 0; i < n; i++) {
        const char *labels[CAA__CLIMB_MAX];
        l->label_count[i] = caa__climb_labels(rep->names[i].name, labels);
        for (size_t k = 0; k < l->label_count[i]; k++) {
            l->label_index[i][k] = intern_qname(l, labels[k]);
        }
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

/* Boulder's foundAt is the queried name, never a CNAME target; records are taken whatever
 * their owner. Tags are read leniently: CA software accepts any tag bytes. */
static enum caa_status rrset_from_answer(const struct caa__dns_answer *a, struct caa_rrset **out)
{
    struct caa_rrset *set = NULL;
    enum caa_status st = caa_rrset_new(&set);

    if (st == CAA_OK) {
        st = caa_rrset_set_owner(set, a->qname);
    }
    for (size_t i = 0; st == CAA_OK && i < a->rdata_count; i++) {
        struct caa_record rec;
        st = caa_record_from_wire(a->rdata[i], a->rdata_len[i], CAA_PARSE_LENIENT_TAG, &rec, NULL);
        if (st == CAA_OK) {
            st = caa_rrset_add(set, &rec);
            caa_record_cleanup(&rec);
        }
    }
    if (st != CAA_OK) {
        caa_rrset_free(set);
        return st;
    }
    *out = set;
    return CAA_OK;
}

static enum caa_status record_lookups(struct caa__name_result *r, const struct order *o,
                                      size_t name_i, const struct caa__label_outcome *outcomes,
                                      size_t used_through)
{
    size_t n = o->labels.label_count[name_i];

    r->lookups = calloc(n + 1, sizeof(*r->lookups));
    if (r->lookups == NULL) {
        return CAA_E_NOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        const struct caa__dns_answer *a = &o->answers[o->labels.label_index[name_i][k]];
        struct caa_lookup *l = &r->lookups[k];
        char *qname = NULL;
        char *why = NULL;
        if (caa__strdup_into(&qname, a->qname) != CAA_OK ||
            caa__strdup_into(&why, a->why_bogus) != CAA_OK) {
            free(qname);
            return CAA_E_NOMEM;
        }
        l->qname = qname;
        l->why_bogus = why;
        r->lookup_count++;
        l->rcode = a->failure == CAA__DNS_OK ? a->rcode : -1;
        l->rcode_name = a->failure == CAA__DNS_TIMEOUT    ? "TIMEOUT"
                        : a->failure == CAA__DNS_NETWORK  ? "NETWORK"
                        : a->failure == CAA__DNS_RESOLVER ? "RESOLVER"
                                                          : caa__rcode_name(a->rcode);
        l->dnssec = public_dnssec(a->dnssec);
        l->answer_count = a->rdata_count;
        l->elapsed_ms = a->elapsed_ms;
        l->outcome = outcomes[k].code;
        l->failed = outcomes[k].kind == CAA__LABEL_ERROR;
        l->used = k <= used_through;
        r->elapsed_ms = a->elapsed_ms > r->elapsed_ms ? a->elapsed_ms : r->elapsed_ms;
    }
    return CAA_OK;
}

static enum caa_status copy_aliases(struct caa__name_result *r, const struct caa__dns_answer *a)
{
    r->aliases = calloc(a->alias_count + 1, sizeof(*r->aliases));
    if (r->aliases == NULL) {
        return CAA_E_NOMEM;
    }
    for (size_t i = 0; i < a->alias_count; i++) {
        if (caa__strdup_into(&r->aliases[i], a->aliases[i]) != CAA_OK) {
            return CAA_E_NOMEM;
        }
        r->alias_count++;
    }
    return CAA_OK;
}

/* BR 3.2.2.8 (ballot SC-085): is the zone of `qname` provably Insecure (RFC 4035 §4.3)? The
 * zone's own SOA answer carries its DNSSEC state; when the zone's servers fail outright, the
 * parent's answer for the DS of qname (secure "no DS", or itself insecure) proves it. */
static bool provably_insecure(const struct order *o, const char *qname)
{
    static const uint16_t types[] = {RRTYPE_SOA, RRTYPE_DS};
    bool insecure = false;

    for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
        struct caa__dns_answer a;
        bool answered;
        memset(&a, 0, sizeof(a));
        if (caa__resolve_one(&o->cfg, qname, types[t], &a, NULL) != CAA_OK) {
            caa__dns_answer_cleanup(&a);
            return false;
        }
        answered = a.failure == CAA__DNS_OK && (a.rcode == 0 || a.rcode == 3) && !a.truncated;
        if (answered) {
            insecure =
                a.dnssec == CAA__DNSSEC_INSECURE ||
                (types[t] == RRTYPE_DS && a.dnssec == CAA__DNSSEC_SECURE && a.rdata_count == 0);
        }
        caa__dns_answer_cleanup(&a);
        if (answered) {
            return insecure;
        }
    }
    return false;
}

/* Retries the failing label once with a fresh resolver; returns true if it no longer fails
 * (the new answer replaces the old one). */
static bool retry_label(struct order *o, size_t qname_i)
{
    struct caa__dns_answer again;
    struct caa__label_outcome outcome;
    const char *qname = o->labels.qnames[qname_i];

    memset(&again, 0, sizeof(again));
    if (caa__resolve_caa(&o->cfg, &qname, 1, &again, NULL) != CAA_OK) {
        caa__dns_answer_cleanup(&again);
        return false;
    }
    caa__classify_answer(&again, o->ctx->profile, &outcome);
    if (outcome.kind == CAA__LABEL_ERROR) {
        caa__dns_answer_cleanup(&again);
        return false;
    }
    caa__dns_answer_cleanup(&o->answers[qname_i]);
    o->answers[qname_i] = again;
    return true;
}

static void decide_error(struct caa__name_result *r, const struct caa__label_outcome *failed,
                         const struct caa__dns_answer *a)
{
    r->verdict = CAA_VERDICT_ERROR;
    r->code = failed->code;
    (void)snprintf(r->ca_message, sizeof(r->ca_message), "While processing CAA for %s: %s", r->name,
                   failed->ca_detail);
    (void)snprintf(r->reason, sizeof(r->reason),
                   "the CAA lookup for %s failed (%s%s%s), so the CA cannot check CAA and will "
                   "not issue",
                   a->qname, caa_code_name(failed->code), a->why_bogus[0] != '\0' ? ": " : "",
                   a->why_bogus);
}

static void decide_br_exception(struct caa__name_result *r, const struct caa__label_outcome *failed,
                                const struct caa__dns_answer *a)
{
    r->verdict = CAA_VERDICT_ALLOWED;
    r->code = CAA_CODE_BR_EXCEPTION;
    r->br_exception_used = true;
    r->ca_message[0] = '\0';
    (void)snprintf(r->reason, sizeof(r->reason),
                   "the CAA lookup for %s failed twice (%s), but its zone is provably "
                   "DNSSEC-insecure, so the BR 3.2.2.8 exception treats this as permission "
                   "(Let's Encrypt never does)",
                   a->qname, caa_code_name(failed->code));
}

static enum caa_status decide_policy(struct caa__name_result *r, const struct order *o,
                                     const struct caa__dns_answer *relevant, const char *note)
{
    struct caa_request req = *o->req;
    enum caa_status st = CAA_OK;
    const char *message;

    if (relevant != NULL) {
        st = rrset_from_answer(relevant, &r->rrset);
    } else {
        st = caa_rrset_new(&r->rrset);
    }
    if (st != CAA_OK) {
        return st;
    }
    req.name = r->name;
    req.profile = o->ctx->profile;
    st = caa_evaluate(r->rrset, &req, &r->evaluation);
    if (st != CAA_OK) {
        return st;
    }
    r->verdict = caa_evaluation_verdict(r->evaluation);
    r->code = caa_evaluation_code(r->evaluation);
    message = caa_evaluation_ca_message(r->evaluation);
    (void)snprintf(r->ca_message, sizeof(r->ca_message), "%s", message != NULL ? message : "");
    (void)snprintf(r->reason, sizeof(r->reason), "%s%s%s", caa_evaluation_reason(r->evaluation),
                   note[0] != '\0' ? "; note: " : "", note);
    return CAA_OK;
}

/* An unparseable CAA RDATA at the relevant label: CA software fails to unpack the answer. */
static void mark_malformed(struct caa__label_outcome *out, const char *qname)
{
    out->kind = CAA__LABEL_ERROR;
    out->code = CAA_CODE_DNS_MALFORMED;
    (void)snprintf(out->ca_detail, sizeof(out->ca_detail),
                   "DNS problem: server failure at resolver looking up CAA for %s", qname);
}

static enum caa_status decide_name(struct order *o, size_t i, struct caa__name_result *r)
{
    size_t n = o->labels.label_count[i];
    const size_t *index = o->labels.label_index[i];
    struct caa__label_outcome outcomes[CAA__CLIMB_MAX];
    enum caa__label_kind kinds[CAA__CLIMB_MAX];
    struct caa__selection sel;
    const struct caa__dns_answer *at;
    const char *note = "";
    enum caa_status st;

    for (int attempt = 0;; attempt++) {
        for (size_t k = 0; k < n; k++) {
            caa__classify_answer(&o->answers[index[k]], o->ctx->profile, &outcomes[k]);
            if (outcomes[k].kind == CAA__LABEL_RRSET) {
                struct caa_rrset *probe = NULL;
                if (rrset_from_answer(&o->answers[index[k]], &probe) == CAA_E_SYNTAX) {
                    mark_malformed(&outcomes[k], o->answers[index[k]].qname);
                }
                caa_rrset_free(probe);
            }
            kinds[k] = outcomes[k].kind;
            note = outcomes[k].note[0] != '\0' ? outcomes[k].note : note;
        }
        sel = caa__select_relevant(kinds, n);
        /* BR 3.2.2.8: "retried at least once"; DNSSEC validation errors never qualify
         * (3.2.2.8.1). */
        if (sel.kind != CAA__LABEL_ERROR || attempt > 0 ||
            o->ctx->lookup_failure != CAA_LOOKUP_FAILURE_BR_EXCEPTION ||
            outcomes[sel.index].code == CAA_CODE_DNS_BOGUS || !retry_label(o, index[sel.index])) {
            break;
        }
    }
    at = sel.index < n ? &o->answers[index[sel.index]] : (n > 0 ? &o->answers[index[0]] : NULL);
    st = record_lookups(r, o, i, outcomes, sel.index);
    if (st == CAA_OK && at != NULL) {
        st = copy_aliases(r, at);
        r->rrset_dnssec = public_dnssec(at->dnssec);
    }
    if (st != CAA_OK) {
        return st;
    }
    if (sel.kind != CAA__LABEL_ERROR) {
        return decide_policy(r, o, sel.kind == CAA__LABEL_RRSET ? at : NULL, note);
    }
    if (o->ctx->lookup_failure == CAA_LOOKUP_FAILURE_BR_EXCEPTION &&
        outcomes[sel.index].code != CAA_CODE_DNS_BOGUS && provably_insecure(o, at->qname)) {
        decide_br_exception(r, &outcomes[sel.index], at);
        return caa_rrset_new(&r->rrset);
    }
    decide_error(r, &outcomes[sel.index], at);
    return caa_rrset_new(&r->rrset);
}

static enum caa_status normalize_names(struct caa_report *rep, const char *const *names,
                                       struct caa_error *err)
{
    for (size_t i = 0; i < rep->name_count; i++) {
        struct caa__name_result *r = &rep->names[i];
        enum caa_status st = caa_name_normalize(names[i], &r->name, &r->unicode, err);
        if (st != CAA_OK) {
            if (err != NULL && st == CAA_E_SYNTAX) {
                char message[sizeof(err->message)];
                (void)snprintf(message, sizeof(message), "'%.60s': %.120s", names[i], err->message);
                memcpy(err->message, message, sizeof(message));
            }
            return st;
        }
        r->wildcard = strncmp(r->name, "*.", 2) == 0;
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

enum caa_status caa_check(struct caa_ctx *ctx, const char *const *names, size_t name_count,
                          const struct caa_request *req, struct caa_report **out,
                          struct caa_error *err)
{
    struct order o;
    struct caa_report *rep;
    enum caa_status st;

    if (!request_ok(ctx, names, name_count, req, out)) {
        return CAA_E_INVALID_ARG;
    }
    memset(&o, 0, sizeof(o));
    rep = caa__report_new(name_count, ctx->profile, req);
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
    o.cfg.timeout_ms = ctx->timeout_ms;
    st = normalize_names(rep, names, err);
    if (st == CAA_OK) {
        st = collect_labels(rep, &o.labels);
    }
    if (st == CAA_OK) {
        o.answers = calloc(o.labels.qname_count + 1, sizeof(*o.answers));
        st = o.answers == NULL ? CAA_E_NOMEM : CAA_OK;
    }
    if (st == CAA_OK) {
        st = caa__resolve_caa(&o.cfg, o.labels.qnames, o.labels.qname_count, o.answers, err);
    }
    for (size_t i = 0; st == CAA_OK && i < name_count; i++) {
        st = decide_name(&o, i, &rep->names[i]);
    }
    order_cleanup(&o);
    if (st != CAA_OK) {
        caa_report_free(rep);
        return st;
    }
    *out = rep;
    return CAA_OK;
}
