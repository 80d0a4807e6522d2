/* SPDX-License-Identifier: MIT */
/* DNSSEC, per server: the chain from the parent's DS to the zone's keys, and the signatures on
 * each CAA answer and on the proofs of empty answers (RFC 4033-4035, RFC 5155). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/diag/probe_policy.h"
#include "lib/diag/rules.h"
#include "lib/dns/dnssec_verify.h"

#define RRTYPE_CNAME 5
#define RRTYPE_DNAME 39
#define RRTYPE_DS 43
#define RRTYPE_CAA 257

struct zone_view {
    const struct caa__rules_input *in;
    size_t zone;
    const struct caa__zone *z;
    struct caa__findings *out;
    uint32_t now;
    unsigned reported; /* bit per code offset, per server: one finding of a kind per server */
};

static enum caa_code code_for(enum caa__dnssec_verdict v)
{
    switch (v) {
    case CAA__DNSSEC_EXPIRED:
        return CAA_CODE_DNSSEC_EXPIRED;
    case CAA__DNSSEC_NOT_YET_VALID:
        return CAA_CODE_DNSSEC_NOT_YET_VALID;
    case CAA__DNSSEC_NO_RRSIG:
    case CAA__DNSSEC_NO_DNSKEY:
        return CAA_CODE_DNSSEC_STRIPPED;
    case CAA__DNSSEC_DS_MISMATCH:
        return CAA_CODE_DNSSEC_DS_MISMATCH;
    case CAA__DNSSEC_BAD_DENIAL:
    case CAA__DNSSEC_MISSING_PROOF:
    case CAA__DNSSEC_PROOF_WRONG:
        return CAA_CODE_DNSSEC_BAD_DENIAL;
    case CAA__DNSSEC_BAD_SIGNATURE:
    case CAA__DNSSEC_NO_MATCHING_KEY:
        return CAA_CODE_DNSSEC_BAD_SIGNATURE;
    case CAA__DNSSEC_NSEC3_ITERATIONS:
        return CAA_CODE_DNSSEC_NSEC3_ITERATIONS;
    default:
        return CAA_CODE_NO_PROBLEM_FOUND; /* VALID and friends: nothing to report */
    }
}

static void report(struct zone_view *v, const struct caa__server *s, enum caa_code code,
                   const char *what, const char *message)
{
    unsigned bit = 1u << ((unsigned)code - (unsigned)CAA_CODE_DNSSEC_EXPIRED);
    struct caa_finding *f;

    if (code == CAA_CODE_NO_PROBLEM_FOUND || (v->reported & bit) != 0) {
        return;
    }
    v->reported |= bit;
    f = caa__findings_add(v->out, code, v->z->apex, s->name, s->address, NULL, "%s from %s: %s",
                          what, s->name, caa_code_message(code));
    caa__finding_evidence(v->out, f, "%s", message);
}

/* The parent's answer with the zone's DS RRset (the first parent server that gave one), or NULL
 * for an unsigned delegation. */
static const struct caa__probe_result *ds_answer(const struct zone_view *v)
{
    for (size_t si = 0; si < v->z->parent_server_count; si++) {
        const struct caa__probe_result *r =
            caa__plan_find(v->in->plan, v->zone, si, CAA__PK_DS, 0, 0);
        size_t n = 0;
        if (r == NULL || r->outcome != CAA__PROBE_ANSWER || r->rcode != 0) {
            continue;
        }
        for (size_t i = 0; i < r->answer_count; i++) {
            n += r->answer[i].rrtype == RRTYPE_DS;
        }
        return n > 0 ? r : NULL;
    }
    return NULL;
}

/* A positive CAA answer's signature, or an empty answer's proof. */
static void check_answer(struct zone_view *v, const struct caa__server *s,
                         const struct caa__probe_result *caa, const char *label,
                         const struct caa__probe_result *keys)
{
    struct caa__dnssec_result res;
    bool positive = false;

    for (size_t i = 0; i < caa->answer_count; i++) {
        positive = positive || caa->answer[i].rrtype == RRTYPE_CAA;
        if (caa->answer[i].rrtype == RRTYPE_CNAME || caa->answer[i].rrtype == RRTYPE_DNAME) {
            return; /* an alias: the answer continues elsewhere, there is no proof to judge */
        }
    }
    if (positive) {
        if (caa__dnssec_check_rrset(caa, label, RRTYPE_CAA, keys, v->now, &res) == CAA_OK) {
            report(v, s, code_for(res.verdict), "the CAA answer", res.message);
        }
        return;
    }
    if (caa__dnssec_check_denial(caa, label, RRTYPE_CAA, caa->rcode == 3, keys, v->now, &res) !=
        CAA_OK) {
        return;
    }
    /* A proof that fails only for its time is the zone's signatures expiring, said precisely. */
    if (res.verdict == CAA__DNSSEC_BAD_DENIAL &&
        (res.cause == CAA__DNSSEC_EXPIRED || res.cause == CAA__DNSSEC_NOT_YET_VALID)) {
        report(v, s, code_for(res.cause), "the proof of the empty CAA answer", res.message);
        return;
    }
    report(v, s, code_for(res.verdict), "the proof of the empty CAA answer", res.message);
}

static void check_server(struct zone_view *v, size_t si, const struct caa__probe_result *ds)
{
    const struct caa__server *s = &v->z->servers[si];
    const struct caa__plan *p = v->in->plan;
    const struct caa__probe_result *keys = caa__plan_find(p, v->zone, si, CAA__PK_DNSKEY, 0, 0);
    struct caa__dnssec_ds_result chain;

    v->reported = 0;
    if (keys == NULL || keys->outcome != CAA__PROBE_ANSWER || keys->rcode != 0 ||
        caa__dnssec_check_ds(ds, keys, v->z->apex, v->now, &chain) != CAA_OK) {
        return;
    }
    if (chain.ds != CAA__DNSSEC_DS_MATCH) {
        report(v, s, code_for(chain.ds), "the zone's keys", chain.message);
        return;
    }
    report(v, s, code_for(chain.dnskey_sig.verdict), "the zone's DNSKEY set",
           chain.dnskey_sig.message);
    for (size_t l = 0; l < p->label_count; l++) {
        const struct caa__probe_result *caa = caa__plan_find(p, v->zone, si, CAA__PK_CAA, l, 0);
        if (p->label_zone[l] == v->zone && caa != NULL && caa->outcome == CAA__PROBE_ANSWER &&
            (caa->rcode == 0 || caa->rcode == 3)) {
            check_answer(v, s, caa, p->labels[l], keys);
        }
    }
}

void caa__rules_dnssec(const struct caa__rules_input *in, struct caa__findings *out)
{
    for (size_t zi = 0; zi < in->zones->count; zi++) {
        struct zone_view v = {in, zi, &in->zones->zones[zi], out, (uint32_t)time(NULL), 0};
        const struct caa__probe_result *ds = ds_answer(&v);
        if (ds == NULL) {
            continue; /* an unsigned delegation: nothing to validate */
        }
        for (size_t si = 0; si < v.z->server_count; si++) {
            if (caa__server_probe_allowed(&v.z->servers[si], in->allow_private)) {
                check_server(&v, si, ds);
            }
        }
    }
}
