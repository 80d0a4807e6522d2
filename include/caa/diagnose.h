/* SPDX-License-Identifier: MIT */
#ifndef CAA_DIAGNOSE_H
#define CAA_DIAGNOSE_H

#include <stdbool.h>
#include <stddef.h>

#include <caa/check.h>
#include <caa/code.h>
#include <caa/context.h>
#include <caa/evaluate.h>
#include <caa/export.h>
#include <caa/status.h>

/*
 * caa_diagnose: why the CA says what it says. Runs caa_check(), then asks every authoritative
 * server of every zone the CA's lookups touch, directly (RD=0), over UDP and TCP, with and
 * without EDNS, with the DO bit and mixed-case names; compares the servers; checks the DNSSEC
 * chain; and turns all of it into findings: a stable code, who must act, whether a retry can
 * help, the server, the evidence and the fix. Thread rule: a diagnosis is immutable once made.
 */

/* Who must act on a finding. */
enum caa_blame {
    CAA_BLAME_NONE = 0,
    CAA_BLAME_DOMAIN_OWNER = 1, /* records, DS at the registrar, NS at the registrar */
    CAA_BLAME_DNS_OPERATOR = 2, /* the nameserver software or its hosting */
    CAA_BLAME_PARENT_ZONE = 3,  /* the operator of a parent zone the user does not run */
    CAA_BLAME_TLD_REGISTRY = 4, /* the TLD's servers */
    CAA_BLAME_NETWORK = 5,      /* reachability, firewalls, transient loss */
    CAA_BLAME_CA = 6,
};
/** "domain-owner", "dns-operator", "parent-zone-operator", "tld-registry", "network", "ca",
 * "none". */
CAA_API const char *caa_blame_name(enum caa_blame blame);

/* Borrowed from the diagnosis; valid until caa_diagnosis_free(). */
struct caa_finding {
    enum caa_code code;
    enum caa_severity severity;
    enum caa_blame blame;
    bool retryable;
    bool blocks_issuance; /* this finding explains the CA's refusal */
    const char *zone;     /* the zone concerned, "" if none */
    const char *server;   /* nameserver name, "" if none */
    const char *address;  /* nameserver address, "" if none */
    const char *summary;  /* one sentence: what is wrong */
    const char *evidence; /* the query, transport, what came back, timing */
    const char *fix;      /* the change, in words */
    const char *record;   /* the exact record to publish, "" when the fix is not a record */
};

struct caa_diagnose_options {
    unsigned query_timeout_ms; /* per direct query; 0 = 2000 */
    unsigned repeat;           /* ask each server this many times (intermittent failures); 0 = 1 */
    bool allow_private;        /* probe private/loopback/link-local nameserver addresses (labs) */
    bool dns01;                /* also compare _acme-challenge TXT answers across servers */
};

struct caa_diagnosis;

/**
 * Diagnoses one name (U-labels or A-labels; "*." for a wildcard) for the CA of `req` (its name
 * is ignored), with the resolver settings of ctx. opts may be NULL for defaults. Returns CAA_OK
 * with a diagnosis whatever the DNS does; CAA_E_SYNTAX for a malformed name, CAA_E_IO when the
 * resolver cannot start (err says why). *out: caa_diagnosis_free().
 */
CAA_API enum caa_status caa_diagnose(struct caa_ctx *ctx, const char *name,
                                     const struct caa_request *req,
                                     const struct caa_diagnose_options *opts,
                                     struct caa_diagnosis **out, struct caa_error *err);
/** NULL is a no-op. */
CAA_API void caa_diagnosis_free(struct caa_diagnosis *diag);

/** What the CA decides (the caa_check report for the name). Borrowed. */
CAA_API const struct caa_report *caa_diagnosis_report(const struct caa_diagnosis *diag);
/** Findings, ordered: what blocks issuance first, then by severity. */
CAA_API size_t caa_diagnosis_finding_count(const struct caa_diagnosis *diag);
CAA_API const struct caa_finding *caa_diagnosis_finding(const struct caa_diagnosis *diag, size_t i);
/** Servers probed and zones found, for the report. */
CAA_API size_t caa_diagnosis_server_count(const struct caa_diagnosis *diag);
CAA_API size_t caa_diagnosis_probe_count(const struct caa_diagnosis *diag);
CAA_API unsigned caa_diagnosis_elapsed_ms(const struct caa_diagnosis *diag);
/** The whole diagnosis as "caa/1" JSON (type "diagnosis"). *out: free(). */
CAA_API enum caa_status caa_diagnosis_to_json(const struct caa_diagnosis *diag, unsigned flags,
                                              char **out);

/**
 * Reads a CA's error text ("DNS problem: SERVFAIL looking up CAA for example.com - ...", "CAA
 * record for example.com prevents issuance") or an ACME problem document (JSON, with
 * subproblems) and finds the names it is about. *names_out: a malloc'd array of *count_out
 * malloc'd strings (free each, then the array): the identifier first, then the failing label
 * when it differs. *kind_out (may be NULL): the code the text corresponds to (DNS_SERVFAIL,
 * DNS_TIMEOUT, DNS_BOGUS, CAA_ISSUER_NOT_LISTED for a policy denial, ...). CAA_E_SYNTAX when no
 * name is found.
 */
CAA_API enum caa_status caa_explain_parse(const char *text, char ***names_out, size_t *count_out,
                                          enum caa_code *kind_out);

/* One problem a CA reported. Borrowed from the explanation; valid until caa_explanation_free(). */
struct caa_explain_problem {
    const char *name;   /* the identifier as the CA judged it: "*.example.com" for a wildcard */
    const char *label;  /* where the CA's lookup stopped or found the records, "" if the same */
    enum caa_code kind; /* DNS_SERVFAIL, ..., CAA_ISSUER_NOT_LISTED (a CAA refusal),
                           CAA_UNKNOWN_CRITICAL, DNS01_TXT_FAILED; NO_PROBLEM_FOUND if unsaid */
    const char *detail; /* the CA's words for it (at most 1024 bytes) */
};

struct caa_explanation;

/**
 * Reads what a CA printed: Boulder's messages (with or without "While processing CAA for"), an
 * ACME problem document (each subproblem a problem of its own), certbot's "Domain: / Type: /
 * Detail:" blocks, DNS-01 TXT errors (the identifier is the name below _acme-challenge). One
 * problem per identifier, at most 16; only the first 64 KiB of text are read. CAA_E_SYNTAX when
 * no name is found. *out: caa_explanation_free().
 */
CAA_API enum caa_status caa_explain_read(const char *text, size_t len,
                                         struct caa_explanation **out);
/** NULL is a no-op. */
CAA_API void caa_explanation_free(struct caa_explanation *ex);
CAA_API size_t caa_explanation_count(const struct caa_explanation *ex);
CAA_API const struct caa_explain_problem *caa_explanation_problem(const struct caa_explanation *ex,
                                                                  size_t i);
/**
 * What the CA's refusal in `problem` comes from, judged with today's DNS in `diag` (a diagnosis of
 * problem->name for the CA of `req`): the real cause of a denial (issuewild, a critical tag, an
 * account or method binding), or, when today's DNS allows what the CA refused, what may have
 * changed since. One sentence per line. *out: free(); NULL when there is nothing to add.
 */
CAA_API enum caa_status caa_explain_cause(const struct caa_explain_problem *problem,
                                          const struct caa_diagnosis *diag,
                                          const struct caa_request *req, char **out);

#endif
