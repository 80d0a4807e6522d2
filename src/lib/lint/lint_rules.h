/* SPDX-License-Identifier: MIT */
#ifndef CAA_LINT_RULES_H
#define CAA_LINT_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/lint.h>
#include <caa/record.h>

#include "lib/util/buf.h"

/*
 * Shared by the lint rules. Calls go one way: caa_lint_zone() and caa_lint_rrset()
 * (lint_zone.c, lint_rrset.c) -> the record rules (lint.c) -> the issue-value rules
 * (lint_issue.c) -> the finding collector (lint_report.c). Each rule looks at one record and adds
 * findings; the fix of each finding is the record with that correction (and the earlier ones)
 * applied, so the last finding of a record shows the record fully corrected.
 */

/* One record to lint, wherever it came from (a zone file, or an RRset from DNS). Borrowed. */
struct caa__lint_subject {
    const char *owner;        /* lower-case, no trailing dot */
    size_t line;              /* 1-based line (zone) or position in the RRset */
    size_t column;            /* 1-based column of the RDATA */
    const char *text;         /* the record as written */
    struct caa_record record; /* shallow: the value is borrowed */
};

struct caa__lint_record {
    struct caa_lint_report *rep;
    const struct caa__lint_subject *entry;
    const char *text; /* the record as written */
    char tag_lower[CAA_TAG_MAX + 1];
    uint8_t fix_flags;             /* flags with the corrections so far */
    char fix_tag[CAA_TAG_MAX + 1]; /* tag with the corrections so far */
    size_t errors;                 /* error findings added for this record */
};

/* ---- The finding collector (lint_report.c) --------------------------------------------------- */

/* NULL when out of memory. */
struct caa_lint_report *caa__lint_report_new(void);
/* Adds one finding; the strings are copied. A failure is kept in the report (sticky). */
void caa__lint_report_add(struct caa_lint_report *rep, enum caa_code code, size_t line,
                          size_t column, const char *owner, const char *record, const char *message,
                          const char *fix);
/* The first failure (CAA_E_NOMEM, CAA_E_LIMIT), or CAA_OK. */
enum caa_status caa__lint_report_status(const struct caa_lint_report *rep);
/* Orders the findings by line and hands the report to *out; on a failure frees it instead and
 * returns the failure. */
enum caa_status caa__lint_report_finish(struct caa_lint_report *rep, struct caa_lint_report **out);
/* Marks the report failed (CAA_E_NOMEM, CAA_E_LIMIT) unless it already is. */
void caa__lint_fail(struct caa_lint_report *rep, enum caa_status st);

/* Adds a finding for the record with a free-text fix. */
__attribute__((format(printf, 4, 5))) void caa__lint_add(struct caa__lint_record *r,
                                                         enum caa_code code, const char *fix,
                                                         const char *fmt, ...);
/* Adds a finding whose fix is the corrected record with `value` (value_len bytes). */
__attribute__((format(printf, 5, 6))) void caa__lint_add_fixed(struct caa__lint_record *r,
                                                               enum caa_code code,
                                                               const char *value, size_t value_len,
                                                               const char *fmt, ...);
/* Appends `<owner>. IN CAA <flags> <tag> "<value>"` (escaped) to buf. */
void caa__lint_format_record(struct caa__buf *buf, const char *owner, uint8_t flags,
                             const char *tag, const char *value, size_t value_len);
/* Copies n bytes into out (cap bytes) for a message: printable ASCII as is, other bytes as \DDD,
 * cut with "..." when long. */
void caa__lint_quote(const uint8_t *p, size_t n, char *out, size_t cap);

/* ---- The rules ------------------------------------------------------------------------------- */

/* Record rules: flags, tag, owner, iodef, contact and issue values (lint.c). */
void caa__lint_record(struct caa_lint_report *rep, const struct caa__lint_subject *s);
/* RRset rules over one owner's records, subjects[0..n) in the order written (lint_rrset.c). */
void caa__lint_rrset_rules(struct caa_lint_report *rep, const struct caa__lint_subject *subjects,
                           size_t n);

/* issue / issuewild / issuemail / issuevmc values (lint_issue.c). */
void caa__lint_issue_value(struct caa__lint_record *r);

/* Well-known issuer domains (lint_ca.c). */
bool caa__lint_ca_known(const char *issuer);
/* The known issuer `issuer` was most likely meant to be, or NULL. */
const char *caa__lint_ca_suggest(const char *issuer);
/* The issuer domain for a CA's display name ("Let's Encrypt" -> letsencrypt.org), or NULL. */
const char *caa__lint_ca_from_name(const uint8_t *name, size_t len);

#endif
