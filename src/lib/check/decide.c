/* SPDX-License-Identifier: MIT */
/*
 * One name's verdict from its finished climb (climb.c: each label's reading, the selection, the
 * relevant RRset, the BR exception): the lookups, the policy (caa_evaluate) or the CA's error
 * message. Shared by caa_check and caa_bulk_run.
 */
#include "lib/check/decide.h"
#include "lib/check/climb.h"

#include "lib/caa/evaluation_internal.h"
#include "lib/caa/rrset_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Boulder's foundAt is the queried name, never a CNAME target; records are taken whatever
 * their owner. Tags are read leniently: CA software accepts any tag bytes. */
enum caa_status caa__rrset_from_answer(const struct caa__dns_answer *a, struct caa__arena *arena,
                                       struct caa_rrset **out)
{
    struct caa_rrset *set = NULL;
    enum caa_status st = arena != NULL ? caa__rrset_new_in(arena, &set) : caa_rrset_new(&set);

    if (st == CAA_OK) {
        st = caa_rrset_set_owner(set, a->qname);
    }
    for (size_t i = 0; st == CAA_OK && i < a->rdata_count; i++) {
        st = caa__rrset_add_wire(set, a->rdata[i], a->rdata_len[i], CAA_PARSE_LENIENT_TAG);
    }
    if (st != CAA_OK) {
        caa_rrset_free(set);
        return st;
    }
    *out = set;
    return CAA_OK;
}

static enum caa_status record_lookups(struct caa__arena *arena, struct caa__name_result *r,
                                      const struct caa__climb *c)
{
    size_t n = c->answered;

    r->lookups = caa__arena_calloc(arena, n + 1, sizeof(*r->lookups));
    if (r->lookups == NULL) {
        return caa__arena_status(arena);
    }
    for (size_t k = 0; k < n; k++) {
        const struct caa__dns_answer *a = c->answers[k];
        struct caa_lookup *l = &r->lookups[k];
        l->qname = caa__arena_strdup(arena, a->qname);
        l->why_bogus = caa__arena_strdup(arena, a->why_bogus);
        if (l->qname == NULL || l->why_bogus == NULL) {
            return caa__arena_status(arena);
        }
        r->lookup_count++;
        l->rcode = a->failure == CAA__DNS_OK ? a->rcode : -1;
        l->rcode_name = a->failure == CAA__DNS_TIMEOUT    ? "TIMEOUT"
                        : a->failure == CAA__DNS_NETWORK  ? "NETWORK"
                        : a->failure == CAA__DNS_RESOLVER ? "RESOLVER"
                                                          : caa__rcode_name(a->rcode);
        l->dnssec = a->dnssec;
        l->answer_count = a->rdata_count;
        l->elapsed_ms = a->elapsed_ms;
        l->outcome = c->codes[k];
        l->failed = c->kinds[k] == CAA__LABEL_ERROR;
        l->used = k <= c->sel.index;
        r->elapsed_ms = a->elapsed_ms > r->elapsed_ms ? a->elapsed_ms : r->elapsed_ms;
    }
    return CAA_OK;
}

static enum caa_status copy_aliases(struct caa__arena *arena, struct caa__name_result *r,
                                    const struct caa__dns_answer *a)
{
    r->aliases = caa__arena_calloc(arena, a->alias_count + 1, sizeof(*r->aliases));
    for (size_t i = 0; r->aliases != NULL && i < a->alias_count; i++) {
        r->aliases[i] = caa__arena_strdup(arena, a->aliases[i]);
        if (r->aliases[i] == NULL) {
            break;
        }
        r->alias_count++;
    }
    return caa__arena_status(arena);
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

/* An empty RRset: from arena, or the heap when it is NULL. */
static enum caa_status empty_rrset(struct caa__arena *arena, struct caa_rrset **out)
{
    return arena != NULL ? caa__rrset_new_in(arena, out) : caa_rrset_new(out);
}

/* r takes `rrset` (the relevant records; NULL for none). The evaluation and an empty RRset are
 * carved from arena (NULL: the heap). */
static enum caa_status decide_policy(struct caa__name_result *r, const struct caa_request *base,
                                     enum caa_profile profile, struct caa_rrset *rrset,
                                     const char *note, struct caa__arena *arena)
{
    struct caa_request req = *base;
    enum caa_status st = CAA_OK;
    const char *message;

    if (rrset != NULL) {
        r->rrset = rrset;
    } else {
        st = empty_rrset(arena, &r->rrset);
    }
    if (st != CAA_OK) {
        return st;
    }
    req.name = r->name;
    req.profile = profile;
    st = arena != NULL ? caa__evaluate_in(arena, r->rrset, &req, &r->evaluation)
                       : caa_evaluate(r->rrset, &req, &r->evaluation);
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

enum caa_status caa__climb_finish(struct caa__climb *c, const struct caa_request *req,
                                  struct caa__arena *arena, struct caa__name_result *r)
{
    size_t n = c->answered;
    const struct caa__dns_answer *at =
        c->sel.index < n ? c->answers[c->sel.index] : (n > 0 ? c->answers[0] : NULL);
    struct caa_rrset *rrset = c->sel.kind == CAA__LABEL_RRSET ? c->rrset : NULL;
    enum caa_status st = record_lookups(arena, r, c);

    if (st == CAA_OK && at != NULL) {
        st = copy_aliases(arena, r, at);
        r->rrset_dnssec = at->dnssec;
    }
    if (st == CAA_OK && c->sel.kind != CAA__LABEL_ERROR) {
        c->rrset = rrset != NULL ? NULL : c->rrset; /* r takes it */
        st = decide_policy(r, req, c->profile, rrset, c->note, c->arena);
    } else if (st == CAA_OK) {
        decide_error(r, &c->deciding, at);
        st = empty_rrset(c->arena, &r->rrset);
        if (st == CAA_OK && c->br_exception && c->deciding.code != CAA_CODE_DNS_BOGUS &&
            c->insecure) {
            decide_br_exception(r, &c->deciding, at);
        }
    }
    return st;
}
