/* SPDX-License-Identifier: MIT */
#ifndef CAA_EVALUATE_H
#define CAA_EVALUATE_H

#include <stdbool.h>
#include <stddef.h>

#include <caa/code.h>
#include <caa/export.h>
#include <caa/profile.h>
#include <caa/record.h>
#include <caa/status.h>

/*
 * The CA's verdict on an already-found relevant RRset (RFC 8659 §4, RFC 8657): a pure function,
 * no I/O. Thread rule: an evaluation is immutable once made; any thread may read it.
 */

enum caa_verdict {
    CAA_VERDICT_ALLOWED = 0,
    CAA_VERDICT_DENIED = 1,
    CAA_VERDICT_ERROR = 2, /* the CA cannot evaluate (lookup failure); never from caa_evaluate */
};

/** "allowed" / "denied" / "error". */
CAA_API const char *caa_verdict_name(enum caa_verdict verdict);

/* Caller-owned; every pointer is borrowed for the duration of the call. */
struct caa_request {
    /* The identifier as the CA sees it, A-labels; a leading "*." asks for a wildcard. */
    const char *name;
    /* The CA's issuer domain names (e.g. "letsencrypt.org"); at least one. */
    const char *const *issuers;
    size_t issuer_count;
    /* ACME account URL (RFC 8657 §3), or NULL when unknown. */
    const char *account_uri;
    /* Validation method label ("http-01", "dns-01", ...), or NULL when unknown. */
    const char *method;
    enum caa_profile profile;
};

/** Zeroes *req and selects CAA_PROFILE_LETSENCRYPT. */
CAA_API void caa_request_init(struct caa_request *req);

/* What the evaluation made of each record of the RRset. */
enum caa_record_outcome {
    CAA_RECORD_NOT_CONSIDERED = 0, /* a tag the request does not use (iodef, issue for a wildcard
                                      when issuewild exists, ...) */
    CAA_RECORD_AUTHORIZES = 1,
    CAA_RECORD_OTHER_ISSUER = 2,
    CAA_RECORD_EMPTY_ISSUER = 3,
    CAA_RECORD_MALFORMED = 4,
    CAA_RECORD_ACCOUNT_MISMATCH = 5,
    CAA_RECORD_METHOD_MISMATCH = 6,
    CAA_RECORD_DUPLICATE_PARAMETER = 7,
    CAA_RECORD_UNKNOWN_CRITICAL = 8,
    CAA_RECORD_NOT_EVALUATED = 9, /* an earlier record already authorised */
};
/** "authorizes", "other-issuer", ... Never NULL. */
CAA_API const char *caa_record_outcome_name(enum caa_record_outcome outcome);

struct caa_evaluation;

/**
 * Evaluates `set` (its owner, if set, names the relevant RRset in messages) for `req`. Also
 * evaluates the other profile and records whether the two disagree. *out: free with
 * caa_evaluation_free(). CAA_E_INVALID_ARG without a name or an issuer.
 */
CAA_API enum caa_status caa_evaluate(const struct caa_rrset *set, const struct caa_request *req,
                                     struct caa_evaluation **out);
/** NULL is a no-op. */
CAA_API void caa_evaluation_free(struct caa_evaluation *ev);

CAA_API enum caa_verdict caa_evaluation_verdict(const struct caa_evaluation *ev);
CAA_API enum caa_code caa_evaluation_code(const struct caa_evaluation *ev);
CAA_API enum caa_profile caa_evaluation_profile(const struct caa_evaluation *ev);
CAA_API bool caa_evaluation_wildcard(const struct caa_evaluation *ev);
/** One line a person understands. Borrowed from ev. */
CAA_API const char *caa_evaluation_reason(const struct caa_evaluation *ev);
/** What the CA prints ("CAA record for example.com prevents issuance"); NULL when allowed. */
CAA_API const char *caa_evaluation_ca_message(const struct caa_evaluation *ev);
/** The change to the published records that lets the request through: the exact corrected
 * records (one per line, `<owner>. IN CAA ...`) after a first line saying what to do; NULL when
 * allowed or no fix is known. Set for CAA_UNKNOWN_CRITICAL. Borrowed from ev. */
CAA_API const char *caa_evaluation_fix(const struct caa_evaluation *ev);
/** The records that decided the verdict, as indexes into the evaluated RRset. */
CAA_API size_t caa_evaluation_decisive_count(const struct caa_evaluation *ev);
CAA_API size_t caa_evaluation_decisive_index(const struct caa_evaluation *ev, size_t i);
/** Per record of the RRset (i < caa_rrset_count(set)). */
CAA_API enum caa_record_outcome caa_evaluation_record_outcome(const struct caa_evaluation *ev,
                                                              size_t i);

/** True when the other profile reaches a different verdict or code for the same request. */
CAA_API bool caa_evaluation_profiles_differ(const struct caa_evaluation *ev);
CAA_API enum caa_profile caa_evaluation_other_profile(const struct caa_evaluation *ev);
CAA_API enum caa_verdict caa_evaluation_other_verdict(const struct caa_evaluation *ev);
CAA_API enum caa_code caa_evaluation_other_code(const struct caa_evaluation *ev);
CAA_API const char *caa_evaluation_other_reason(const struct caa_evaluation *ev);

/**
 * The evaluation as one JSON document (schema "caa/1"): request, verdict, code, message, reason,
 * relevant RRset with per-record outcome, and the other profile's view. *out: free().
 * flags: CAA_JSON_PRETTY for indented output.
 */
#define CAA_JSON_PRETTY 1u
CAA_API enum caa_status caa_evaluation_to_json(const struct caa_evaluation *ev,
                                               const struct caa_rrset *set,
                                               const struct caa_request *req, unsigned flags,
                                               char **out);

#endif
