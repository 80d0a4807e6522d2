/* SPDX-License-Identifier: MIT */
#ifndef CAA_API_REPORT_H
#define CAA_API_REPORT_H

#include <caa/check.h>

/* One name of an order: everything its part of the report holds is owned here and released by
 * caa_report_free(). */
struct caa__name_result {
    char *name;    /* A-labels, with "*." for a wildcard */
    char *unicode; /* for display */
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
    struct caa_lookup *lookups; /* qname and why_bogus strings owned */
    struct caa_evaluation *evaluation;
    bool br_exception_used;
    unsigned elapsed_ms;
};

struct caa_report {
    enum caa_profile profile;
    /* The request, copied for the JSON document. */
    size_t issuer_count;
    char **issuers;
    char *account_uri;
    char *method;
    size_t name_count;
    struct caa__name_result *names;
};

/* A report for n names with the request copied; names zeroed. NULL on allocation failure. */
struct caa_report *caa__report_new(size_t n, enum caa_profile profile,
                                   const struct caa_request *req);
/* Duplicates s into *slot (NULL stays NULL); CAA_E_NOMEM on failure. */
enum caa_status caa__strdup_into(char **slot, const char *s);

#endif
