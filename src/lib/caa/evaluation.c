/* SPDX-License-Identifier: MIT */
/* The public evaluation object: both profiles' decisions on one RRset for one request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <caa/evaluate.h>

#include "lib/caa/authorize.h"
#include "lib/caa/evaluation_internal.h"
#include "lib/util/buf.h"

struct caa_evaluation {
    enum caa_profile profile;
    bool wildcard;
    struct caa__decision primary;
    struct caa__decision other;
    char ca_message[640];
    char *fix; /* NULL when none is known */
    /* The evaluation, its decisions' arrays and its fix are carved from it; NULL: the heap. */
    struct caa__arena *arena;
};

const char *caa_verdict_name(enum caa_verdict verdict)
{
    switch (verdict) {
    case CAA_VERDICT_ALLOWED:
        return "allowed";
    case CAA_VERDICT_DENIED:
        return "denied";
    case CAA_VERDICT_ERROR:
        return "error";
    }
    return "error";
}

const char *caa_record_outcome_name(enum caa_record_outcome outcome)
{
    static const char *const names[] = {
        [CAA_RECORD_NOT_CONSIDERED] = "not-considered",
        [CAA_RECORD_AUTHORIZES] = "authorizes",
        [CAA_RECORD_OTHER_ISSUER] = "other-issuer",
        [CAA_RECORD_EMPTY_ISSUER] = "empty-issuer",
        [CAA_RECORD_MALFORMED] = "malformed",
        [CAA_RECORD_ACCOUNT_MISMATCH] = "account-mismatch",
        [CAA_RECORD_METHOD_MISMATCH] = "method-mismatch",
        [CAA_RECORD_DUPLICATE_PARAMETER] = "duplicate-parameter",
        [CAA_RECORD_UNKNOWN_CRITICAL] = "unknown-critical",
        [CAA_RECORD_NOT_EVALUATED] = "not-evaluated",
    };
    if ((unsigned)outcome >= sizeof(names) / sizeof(names[0])) {
        return "unknown";
    }
    return names[outcome];
}

void caa_request_init(struct caa_request *req)
{
    memset(req, 0, sizeof(*req));
    req->profile = CAA_PROFILE_LETSENCRYPT;
}

static enum caa_profile other_profile(enum caa_profile profile)
{
    return profile == CAA_PROFILE_LETSENCRYPT ? CAA_PROFILE_RFC8659 : CAA_PROFILE_LETSENCRYPT;
}

/* RFC 8659 §4.5: the critical record blocks every CA that does not know its tag. Removing it, or
 * clearing the flag (both bits Boulder reads as critical: 128 and 1), lets the rest decide. */
static enum caa_status unknown_critical_fix(const struct caa_evaluation *ev,
                                            const struct caa_rrset *set, const char *owner,
                                            char **out)
{
    struct caa__buf buf;

    caa__buf_init(&buf, (size_t)1 << 20);
    caa__buf_append_str(&buf, "remove the critical record, or clear its critical flag:");
    for (size_t i = 0; i < caa_rrset_count(set); i++) {
        struct caa_record copy;
        char *text = NULL;

        if (ev->primary.outcomes[i] != CAA_RECORD_UNKNOWN_CRITICAL) {
            continue;
        }
        if (caa_record_copy(caa_rrset_record(set, i), &copy) != CAA_OK) {
            caa__buf_cleanup(&buf);
            return CAA_E_NOMEM;
        }
        copy.flags = (uint8_t)(copy.flags & ~(unsigned)(CAA_FLAG_CRITICAL | 1u));
        if (caa_record_to_text(&copy, &text) == CAA_OK) {
            caa__buf_printf(&buf, "\n%s. IN CAA %s", owner, text);
        }
        free(text);
        caa_record_cleanup(&copy);
    }
    *out = caa__buf_steal(&buf);
    return *out != NULL ? CAA_OK : CAA_E_NOMEM;
}

static bool request_valid(const struct caa_rrset *set, const struct caa_request *req)
{
    if (set == NULL || req == NULL || req->name == NULL || req->name[0] == '\0' ||
        req->issuers == NULL || req->issuer_count == 0) {
        return false;
    }
    for (size_t i = 0; i < req->issuer_count; i++) {
        if (req->issuers[i] == NULL || req->issuers[i][0] == '\0') {
            return false;
        }
    }
    return true;
}

/* The fix text in the arena, when the evaluation lives there: the heap copy goes. */
static enum caa_status fix_to_arena(struct caa_evaluation *ev)
{
    char *copy;

    if (ev->arena == NULL || ev->fix == NULL) {
        return CAA_OK;
    }
    copy = caa__arena_strdup(ev->arena, ev->fix);
    free(ev->fix);
    ev->fix = copy;
    return copy != NULL ? CAA_OK : caa__arena_status(ev->arena);
}

/* Both profiles' decisions, the CA's message and the fix, into ev (zeroed, arena set). */
static enum caa_status evaluate_into(struct caa_evaluation *ev, const struct caa_rrset *set,
                                     const struct caa_request *req)
{
    enum caa_status st;
    const char *owner;

    ev->profile = req->profile;
    ev->wildcard = strncmp(req->name, "*.", 2) == 0;
    st = caa__authorize(set, req, req->profile, ev->arena, &ev->primary);
    if (st == CAA_OK) {
        st = caa__authorize(set, req, other_profile(req->profile), ev->arena, &ev->other);
    }
    if (st != CAA_OK) {
        return st;
    }
    owner = caa_rrset_owner(set)[0] != '\0' ? caa_rrset_owner(set)
                                            : (ev->wildcard ? req->name + 2 : req->name);
    if (ev->primary.verdict == CAA_VERDICT_DENIED) {
        /* Boulder's wording (va/caa.go); the identifier keeps its "*." */
        (void)snprintf(ev->ca_message, sizeof(ev->ca_message),
                       "While processing CAA for %s: CAA record for %s prevents issuance",
                       req->name, owner);
    }
    if (ev->primary.code == CAA_CODE_UNKNOWN_CRITICAL &&
        unknown_critical_fix(ev, set, owner, &ev->fix) != CAA_OK) {
        return CAA_E_NOMEM;
    }
    return fix_to_arena(ev);
}

enum caa_status caa_evaluate(const struct caa_rrset *set, const struct caa_request *req,
                             struct caa_evaluation **out)
{
    struct caa_evaluation *ev;
    enum caa_status st;

    if (out == NULL || !request_valid(set, req)) {
        return CAA_E_INVALID_ARG;
    }
    ev = calloc(1, sizeof(*ev));
    if (ev == NULL) {
        return CAA_E_NOMEM;
    }
    st = evaluate_into(ev, set, req);
    if (st != CAA_OK) {
        caa_evaluation_free(ev);
        return st;
    }
    *out = ev;
    return CAA_OK;
}

enum caa_status caa__evaluate_in(struct caa__arena *arena, const struct caa_rrset *set,
                                 const struct caa_request *req, struct caa_evaluation **out)
{
    struct caa_evaluation *ev;
    enum caa_status st;

    if (out == NULL || !request_valid(set, req)) {
        return CAA_E_INVALID_ARG;
    }
    if ((ev = caa__arena_alloc(arena, sizeof(*ev))) == NULL) {
        return caa__arena_status(arena);
    }
    ev->arena = arena;
    st = evaluate_into(ev, set, req);
    if (st != CAA_OK) {
        return st;
    }
    *out = ev;
    return CAA_OK;
}

void caa_evaluation_free(struct caa_evaluation *ev)
{
    if (ev == NULL || ev->arena != NULL) {
        return;
    }
    free(ev->fix);
    caa__decision_cleanup(&ev->primary);
    caa__decision_cleanup(&ev->other);
    free(ev);
}

enum caa_verdict caa_evaluation_verdict(const struct caa_evaluation *ev)
{
    return ev->primary.verdict;
}

enum caa_code caa_evaluation_code(const struct caa_evaluation *ev)
{
    return ev->primary.code;
}

enum caa_profile caa_evaluation_profile(const struct caa_evaluation *ev)
{
    return ev->profile;
}

bool caa_evaluation_wildcard(const struct caa_evaluation *ev)
{
    return ev->wildcard;
}

const char *caa_evaluation_reason(const struct caa_evaluation *ev)
{
    return ev->primary.reason;
}

const char *caa_evaluation_ca_message(const struct caa_evaluation *ev)
{
    return ev->ca_message[0] != '\0' ? ev->ca_message : NULL;
}

size_t caa_evaluation_decisive_count(const struct caa_evaluation *ev)
{
    return ev->primary.decisive_count;
}

size_t caa_evaluation_decisive_index(const struct caa_evaluation *ev, size_t i)
{
    return i < ev->primary.decisive_count ? ev->primary.decisive[i] : (size_t)-1;
}

enum caa_record_outcome caa_evaluation_record_outcome(const struct caa_evaluation *ev, size_t i)
{
    return i < ev->primary.record_count ? ev->primary.outcomes[i] : CAA_RECORD_NOT_CONSIDERED;
}

bool caa_evaluation_profiles_differ(const struct caa_evaluation *ev)
{
    return ev->primary.verdict != ev->other.verdict || ev->primary.code != ev->other.code;
}

enum caa_profile caa_evaluation_other_profile(const struct caa_evaluation *ev)
{
    return other_profile(ev->profile);
}

enum caa_verdict caa_evaluation_other_verdict(const struct caa_evaluation *ev)
{
    return ev->other.verdict;
}

enum caa_code caa_evaluation_other_code(const struct caa_evaluation *ev)
{
    return ev->other.code;
}

const char *caa_evaluation_other_reason(const struct caa_evaluation *ev)
{
    return ev->other.reason;
}

const char *caa_evaluation_fix(const struct caa_evaluation *ev)
{
    return ev->fix;
}
