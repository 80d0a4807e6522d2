/* SPDX-License-Identifier: MIT */
#ifndef CAA_LINT_H
#define CAA_LINT_H

#include <stddef.h>

#include <caa/code.h>
#include <caa/export.h>
#include <caa/status.h>
#include <caa/zone.h>

/*
 * Offline lint of CAA records: every problem with its position, severity, code and fix.
 * Thread rule: a report is immutable once made.
 */

/* Borrowed from the report; valid until caa_lint_report_free(). */
struct caa_lint_finding {
    enum caa_code code;
    enum caa_severity severity;
    size_t line;         /* 1-based; 0 when the finding concerns a whole RRset */
    size_t column;       /* 1-based; 0 when unknown */
    const char *owner;   /* "" when unknown */
    const char *record;  /* the record as written, or "" */
    const char *message; /* what is wrong, in one sentence */
    const char *fix;     /* the exact change, or "" */
};

struct caa_lint_report;

/** Lints every CAA record (and every unreadable line) of a parsed zone. *out: caa_lint_report_free.
 */
CAA_API enum caa_status caa_lint_zone(const struct caa_zone *zone, struct caa_lint_report **out);
/**
 * Lints one RRset as served (from DNS, with no zone file): the same record and RRset rules as
 * caa_lint_zone(). Each finding's `line` is the record's 1-based position in the RRset and its
 * `record` is `<owner>. IN CAA <rdata>`. *out: caa_lint_report_free.
 */
CAA_API enum caa_status caa_lint_rrset(const struct caa_rrset *set, struct caa_lint_report **out);
/** NULL is a no-op. */
CAA_API void caa_lint_report_free(struct caa_lint_report *rep);
CAA_API size_t caa_lint_report_count(const struct caa_lint_report *rep);
CAA_API const struct caa_lint_finding *caa_lint_report_finding(const struct caa_lint_report *rep,
                                                               size_t i);
/** The highest severity found; CAA_SEVERITY_INFO when there is nothing above info. */
CAA_API enum caa_severity caa_lint_report_worst(const struct caa_lint_report *rep);
/** JSON document (schema "caa/1", type "lint"); `source` names the file. *out: free(). */
CAA_API enum caa_status caa_lint_report_to_json(const struct caa_lint_report *rep,
                                                const char *source, unsigned flags, char **out);

#endif
