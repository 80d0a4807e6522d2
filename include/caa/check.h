/* SPDX-License-Identifier: MIT */
#ifndef CAA_CHECK_H
#define CAA_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include <caa/code.h>
#include <caa/context.h>
#include <caa/dnssec.h>
#include <caa/evaluate.h>
#include <caa/export.h>
#include <caa/record.h>
#include <caa/status.h>

/*
 * caa_check: the CA's verdict from live DNS. Finds each name's relevant RRset by the RFC 8659 §3
 * climb (every label up to the TLD queried in parallel, selected as Boulder selects), validates
 * with DNSSEC, and judges it with caa_evaluate(). Several names are one certificate order.
 * Thread rule: a report is immutable once made; any thread may read it.
 */

/* One CAA query and what came back. Borrowed from the report. */
struct caa_lookup {
    const char *qname;
    int rcode;              /* -1 when no answer came back (timeout, network) */
    const char *rcode_name; /* "NOERROR", "SERVFAIL", ..., or "TIMEOUT", "NETWORK" */
    enum caa_dnssec dnssec;
    const char *why_bogus; /* "" unless bogus */
    size_t answer_count;   /* CAA records in the answer */
    unsigned elapsed_ms;
    enum caa_code outcome; /* a DNS_* code when this lookup failed, else CAA_CODE_NO_RECORDS */
    bool failed;
    bool used; /* false for labels above the relevant RRset (never consulted) */
};

struct caa_report;

/**
 * Checks `name_count` names (U-labels or A-labels; "*." asks for a wildcard) for the CA, account
 * method and profile of `req` (its name is ignored; req->profile is the policy the CA applies,
 * CAA_PROFILE_LETSENCRYPT after caa_request_init()). Returns CAA_OK whenever a
 * verdict was reached for every name, whatever the DNS said (failures are verdicts "error").
 * CAA_E_SYNTAX for a malformed name (err says which), CAA_E_IO when the resolver cannot start
 * (bad hints or trust anchor: err says why) or when no DNS server can be reached at all: before
 * resolving, a few root servers of the hints are asked ". NS" at once, and if none replies within
 * 1.5 s (or the timeout, if shorter) err says "cannot reach any DNS server" (outbound DNS
 * blocked, no network) instead of every name failing as if its servers were broken. One round
 * trip when the network works. CAA_E_INVALID_ARG, CAA_E_NOMEM.
 * *out: caa_report_free().
 */
CAA_API enum caa_status caa_check(struct caa_ctx *ctx, const char *const *names, size_t name_count,
                                  const struct caa_request *req, struct caa_report **out,
                                  struct caa_error *err);
/** NULL is a no-op. */
CAA_API void caa_report_free(struct caa_report *rep);

/** The order's verdict: the worst of its names (error > denied > allowed). */
CAA_API enum caa_verdict caa_report_verdict(const struct caa_report *rep);
CAA_API size_t caa_report_name_count(const struct caa_report *rep);

/* Per name, i < caa_report_name_count(). Strings are borrowed until caa_report_free(). */
CAA_API const char *caa_report_name(const struct caa_report *rep, size_t i); /* A-labels */
CAA_API const char *caa_report_name_unicode(const struct caa_report *rep, size_t i);
CAA_API bool caa_report_wildcard(const struct caa_report *rep, size_t i);
CAA_API enum caa_verdict caa_report_name_verdict(const struct caa_report *rep, size_t i);
CAA_API enum caa_code caa_report_name_code(const struct caa_report *rep, size_t i);
/** What the CA would print ("CAA record for X prevents issuance", "DNS problem: SERVFAIL looking
 * up CAA for X - ..."); "" when allowed. */
CAA_API const char *caa_report_ca_message(const struct caa_report *rep, size_t i);
/** One line a person understands. */
CAA_API const char *caa_report_reason(const struct caa_report *rep, size_t i);
/** The relevant RRset (owner "" and empty when none was found). */
CAA_API const struct caa_rrset *caa_report_rrset(const struct caa_report *rep, size_t i);
CAA_API enum caa_dnssec caa_report_rrset_dnssec(const struct caa_report *rep, size_t i);
/** The alias chain the resolver followed for the relevant RRset ("x -> y"). */
CAA_API size_t caa_report_alias_count(const struct caa_report *rep, size_t i);
CAA_API const char *caa_report_alias(const struct caa_report *rep, size_t i, size_t j);
CAA_API size_t caa_report_lookup_count(const struct caa_report *rep, size_t i);
CAA_API const struct caa_lookup *caa_report_lookup(const struct caa_report *rep, size_t i,
                                                   size_t j);
/** The evaluation of the relevant RRset; NULL when a lookup failure decided. */
CAA_API const struct caa_evaluation *caa_report_evaluation(const struct caa_report *rep, size_t i);
/** True when a lookup failure was let through under CAA_LOOKUP_FAILURE_BR_EXCEPTION. */
CAA_API bool caa_report_br_exception_used(const struct caa_report *rep, size_t i);
CAA_API unsigned caa_report_elapsed_ms(const struct caa_report *rep, size_t i);

/** One server's answer in a warning. Strings borrowed from the report, never NULL. */
struct caa_warning_server {
    const char *name;    /* the nameserver's name ("ns1.example.net") */
    const char *address; /* the address asked, numeric */
    /* What it said, escaped (bytes outside printable ASCII as \DDD): "NOERROR: 0 issue
     * \"ca.example\"", "NOERROR: no CAA records", "NXDOMAIN", "REFUSED", or for a server that
     * did not answer (never a disagreement by itself) "no reply (timeout)". */
    const char *answer;
    bool answered; /* false: it gave no answer that can be compared */
};

/** A warning about a name's result that does not change its verdict. Borrowed from the report
 * (valid until caa_report_free()). Fields may be added at the end. */
struct caa_warning {
    /* CAA_CODE_NS_INCONSISTENT: the zone's authoritative servers give different answers to a
     * CAA question that decided the verdict, so the CA's answer depends on which it asks. */
    enum caa_code code;
    size_t name_index;   /* the name of the order (caa_report_name(rep, name_index)) */
    const char *qname;   /* the question: CAA at qname */
    const char *zone;    /* the apex of the zone whose servers were asked */
    const char *message; /* for people, one line */
    size_t server_count;
    const struct caa_warning_server *servers; /* each server asked, in NS order */
};

/** Warnings of the whole order (all names). Only server comparison makes them today, which is
 * off unless caa_ctx_set_compare_servers() turned it on. */
CAA_API size_t caa_report_warning_count(const struct caa_report *rep);
/** Warning i (< caa_report_warning_count()); borrowed until caa_report_free(). */
CAA_API const struct caa_warning *caa_report_warning(const struct caa_report *rep, size_t i);

/** One name's result as a "caa/1" JSON object (docs/json.md). *out: free(). */
CAA_API enum caa_status caa_report_name_to_json(const struct caa_report *rep, size_t i,
                                                unsigned flags, char **out);
/** The whole order: {"schema":"caa/1","type":"order","verdict":...,"results":[...]}. */
CAA_API enum caa_status caa_report_to_json(const struct caa_report *rep, unsigned flags,
                                           char **out);
/** The same compact order document (flags 0) as caa_report_to_json, from the name documents
 *  already rendered by caa_report_name_to_json(rep, i, 0, &names[i]) for every name: a caller
 *  that keeps both (a service answering either shape) renders each name once. *out: free().
 *  CAA_E_INVALID_ARG for pretty flags or a missing name document. */
CAA_API enum caa_status caa_report_order_json_from(const struct caa_report *rep, unsigned flags,
                                                   const char *const *names, char **out);

#endif
