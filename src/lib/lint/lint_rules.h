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
 * Shared by the lint rules. Each rule looks at one record and adds findings; the fix of each
 * finding is the record with that correction (and the earlier ones) applied, so the last
 * finding of a record shows the record fully corrected.
 */

struct caa__lint_record {
    struct caa_lint_report *rep;
    const struct caa_zone_entry *entry;
    const char *text; /* the record as written */
    char tag_lower[CAA_TAG_MAX + 1];
    uint8_t fix_flags;             /* flags with the corrections so far */
    char fix_tag[CAA_TAG_MAX + 1]; /* tag with the corrections so far */
    size_t errors;                 /* error findings added for this record */
};

/* Adds a finding for the record with a free-text fix. Failures are kept in the report
 * (sticky) and returned by caa_lint_zone(). */
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
/* Marks the report failed (CAA_E_NOMEM, CAA_E_LIMIT) unless it already is. */
void caa__lint_fail(struct caa_lint_report *rep, enum caa_status st);

/* issue / issuewild / issuemail / issuevmc values (lint_issue.c). */
void caa__lint_issue_value(struct caa__lint_record *r);

/* Well-known issuer domains (lint_ca.c). */
bool caa__lint_ca_known(const char *issuer);
/* The known issuer `issuer` was most likely meant to be, or NULL. */
const char *caa__lint_ca_suggest(const char *issuer);
/* The issuer domain for a CA's display name ("Let's Encrypt" -> letsencrypt.org), or NULL. */
const char *caa__lint_ca_from_name(const uint8_t *name, size_t len);

#endif
