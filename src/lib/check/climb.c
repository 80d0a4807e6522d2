/* SPDX-License-Identifier: MIT */
/*
 * One name's climb as a state machine (climb.h): each label's answer is classified and, when it
 * holds records, parsed once; the selection follows each answer; the BR 3.2.2.8 exception's
 * retry and Insecure proof are asked for here, whoever makes the lookups. caa_check feeds it
 * from its parallel round and synchronous lookups, bulk's workers from their event loops, so
 * both give the same verdict from the same answers.
 */
#include "lib/check/climb.h"

#include <stdio.h>
#include <string.h>

#include <caa/record.h>

#include "lib/check/decide.h"

/* SOA for the zone's own DNSSEC state, DS for the parent's proof (RFC 4035 §4.3). */
#define RRTYPE_SOA 6
#define RRTYPE_DS 43

void caa__climb_init(struct caa__climb *c, enum caa_profile profile, enum caa_lookup_failure policy,
                     size_t label_count)
{
    memset(c, 0, sizeof(*c));
    c->profile = profile;
    c->br_exception = policy == CAA_LOOKUP_FAILURE_BR_EXCEPTION;
    c->label_count = label_count < CAA__CLIMB_MAX ? label_count : CAA__CLIMB_MAX;
    c->sel.kind = CAA__LABEL_EMPTY;
}

void caa__climb_cleanup(struct caa__climb *c)
{
    caa_rrset_free(c->rrset);
    c->rrset = NULL;
}

/* Boulder's reading of label k's answer; an RRset is parsed, and an unparseable CAA RDATA is an
 * error (CA software fails to unpack the answer). *rrset gets the parsed records (owned) or
 * NULL. */
static enum caa_status classify(struct caa__climb *c, size_t k, struct caa__label_outcome *out,
                                struct caa_rrset **rrset)
{
    const struct caa__dns_answer *a = c->answers[k];
    enum caa_status st = CAA_OK;

    *rrset = NULL;
    caa__classify_answer(a, c->profile, out);
    if (out->kind == CAA__LABEL_RRSET) {
        st = caa__rrset_from_answer(a, c->arena, rrset);
        if (st == CAA_E_SYNTAX) {
            out->kind = CAA__LABEL_ERROR;
            out->code = CAA_CODE_DNS_MALFORMED;
            (void)snprintf(out->ca_detail, sizeof(out->ca_detail),
                           "DNS problem: server failure at resolver looking up CAA for %s",
                           a->qname);
            st = CAA_OK;
        }
    }
    c->kinds[k] = out->kind;
    c->codes[k] = out->code;
    if (out->note[0] != '\0') {
        (void)snprintf(c->note, sizeof(c->note), "%s", out->note);
    }
    return st;
}

/* Label k was classified as `out` (records in rrset, owned): it decides if no label below it
 * does. */
static void consider(struct caa__climb *c, size_t k, const struct caa__label_outcome *out,
                     struct caa_rrset *rrset)
{
    if (c->sel.kind == CAA__LABEL_EMPTY && out->kind != CAA__LABEL_EMPTY) {
        c->sel.kind = out->kind;
        c->sel.index = k;
        c->deciding = *out;
        c->rrset = rrset;
        return;
    }
    caa_rrset_free(rrset);
}

enum caa_status caa__climb_feed(struct caa__climb *c, const struct caa__dns_answer *answer)
{
    struct caa__label_outcome out;
    struct caa_rrset *rrset = NULL;
    size_t k = c->answered;
    enum caa_status st;

    if (k >= c->label_count) {
        return CAA_E_INVALID_ARG;
    }
    c->answers[k] = answer;
    c->answered++;
    if (c->sel.kind == CAA__LABEL_EMPTY) {
        c->sel.index = c->answered;
    }
    st = classify(c, k, &out, &rrset);
    if (st == CAA_OK) {
        consider(c, k, &out, rrset);
    }
    return st;
}

static bool br_applies(const struct caa__climb *c)
{
    /* BR 3.2.2.8.1: DNSSEC validation errors never qualify. */
    return c->br_exception && c->sel.kind == CAA__LABEL_ERROR &&
           c->deciding.code != CAA_CODE_DNS_BOGUS;
}

struct caa__climb_query caa__climb_next(const struct caa__climb *c, bool all_labels)
{
    struct caa__climb_query q = {CAA__CLIMB_DONE, 0, NULL, 0};

    if (c->answered < c->label_count && (all_labels || c->sel.kind == CAA__LABEL_EMPTY)) {
        q.need = CAA__CLIMB_NEED_LABEL;
        q.index = c->answered;
    } else if (br_applies(c) && !c->retried) {
        q.need = CAA__CLIMB_NEED_RETRY;
        q.index = c->sel.index;
        q.qname = c->answers[c->sel.index]->qname;
    } else if (br_applies(c) && c->proof_step < 2) {
        q.need = CAA__CLIMB_NEED_PROOF;
        q.index = c->sel.index;
        q.qname = c->answers[c->sel.index]->qname;
        q.qtype = c->proof_step == 0 ? RRTYPE_SOA : RRTYPE_DS;
    }
    return q;
}

bool caa__climb_retry_usable(const struct caa__climb *c, const struct caa__dns_answer *again)
{
    struct caa__label_outcome out;

    caa__classify_answer(again, c->profile, &out);
    return out.kind != CAA__LABEL_ERROR;
}

enum caa_status caa__climb_retried(struct caa__climb *c, const struct caa__dns_answer *again)
{
    struct caa__label_outcome out;
    struct caa_rrset *rrset = NULL;
    size_t k = c->sel.index;
    enum caa_status st = CAA_OK;

    c->retried = true;
    if (again == NULL || c->sel.kind != CAA__LABEL_ERROR) {
        return CAA_OK;
    }
    /* The new answer replaces the old; the labels above the failing one, if fed, decide in
     * turn (classified again: rare, a retry that succeeds). */
    c->answers[k] = again;
    c->sel.kind = CAA__LABEL_EMPTY;
    c->sel.index = c->answered;
    for (size_t i = k; st == CAA_OK && i < c->answered && c->sel.kind == CAA__LABEL_EMPTY; i++) {
        if (i == k || c->kinds[i] != CAA__LABEL_EMPTY) {
            st = classify(c, i, &out, &rrset);
            if (st == CAA_OK) {
                consider(c, i, &out, rrset);
            }
        }
    }
    return st;
}

void caa__climb_proved(struct caa__climb *c, const struct caa__dns_answer *a)
{
    bool answered = a->failure == CAA__DNS_OK && (a->rcode == 0 || a->rcode == 3) && !a->truncated;
    bool ds = c->proof_step == 1;

    if (c->proof_step >= 2) {
        return;
    }
    c->proof_step++;
    if (answered) {
        /* The zone's own SOA answer carries its DNSSEC state; when its servers fail outright,
         * the parent's answer for the DS (secure "no DS", or itself insecure) proves it. */
        c->insecure = a->dnssec == CAA_DNSSEC_INSECURE ||
                      (ds && a->dnssec == CAA_DNSSEC_SECURE && a->rdata_count == 0);
        c->proof_step = 2;
    }
}

void caa__climb_unproved(struct caa__climb *c)
{
    c->proof_step = 2;
    c->insecure = false;
}
