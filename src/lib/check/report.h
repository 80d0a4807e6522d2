/* SPDX-License-Identifier: MIT */
#ifndef CAA_API_REPORT_H
#define CAA_API_REPORT_H

#include <caa/check.h>

#include "lib/util/arena.h"
#include "lib/util/must_check.h"

/* Bytes a report (or a bulk name's result) may hold in its arena: far more than any order
 * needs; a ceiling, not a size. */
#define CAA__RESULT_ARENA_MAX (64u * 1024u * 1024u)

/* One name of an order. Its strings and arrays are carved from an arena (the report's, or a bulk
 * name's) and go with it; the RRset and the evaluation are owned here and released by
 * caa__name_result_cleanup() (a bulk name's are carved from its arena too, and that is a
 * no-op for them). */
struct caa__name_result {
    const char *name;    /* A-labels, with "*." for a wildcard */
    const char *unicode; /* for display; may be name itself */
    bool wildcard;
    enum caa_verdict verdict;
    enum caa_code code;
    char ca_message[768];
    char reason[1024];
    struct caa_rrset *rrset;
    enum caa_dnssec rrset_dnssec;
    size_t alias_count;
    char **aliases;
    size_t lookup_count;
    struct caa_lookup *lookups;
    struct caa_evaluation *evaluation;
    bool br_exception_used;
    unsigned elapsed_ms;
};

struct caa_report {
    struct caa__arena *arena; /* everything below but the names' RRsets and evaluations */
    enum caa_profile profile;
    /* The request, copied for the JSON document. */
    size_t issuer_count;
    char **issuers;
    char *account_uri;
    char *method;
    size_t name_count;
    struct caa__name_result *names;
    size_t warning_count;
    struct caa_warning *warnings; /* carved from the arena */
};

/* A report for n names with the request copied; names zeroed. NULL on allocation failure. */
struct caa_report *caa__report_new(size_t n, enum caa_profile profile,
                                   const struct caa_request *req);
/* Sets r's name (A-labels), unicode form and wildcard flag from a name as given, copied into
 * arena. CAA_E_SYNTAX (err says why) for what is not a name; r is unchanged on failure. */
CAA__MUST_CHECK enum caa_status caa__name_result_set_name(struct caa__name_result *r,
                                                          struct caa__arena *arena,
                                                          const char *input, struct caa_error *err);
/* Releases what r owns outside its arena (RRset, evaluation). */
void caa__name_result_cleanup(struct caa__name_result *r);

#endif
