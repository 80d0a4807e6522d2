/* SPDX-License-Identifier: MIT */
#ifndef CAA_DIAG_FINDINGS_H
#define CAA_DIAG_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include <caa/diagnose.h>

/* A growing list of findings whose strings it owns. Errors are sticky (status). */
struct caa__findings {
    struct caa_finding *items;
    size_t count;
    size_t cap;
    enum caa_status status;
};

/* Who acts, whether a retry helps, and the fix in words, per diagnosis code. */
struct caa__finding_rule {
    enum caa_code code;
    enum caa_blame blame;
    bool retryable;
    const char *fix;
};

const struct caa__finding_rule *caa__finding_rule(enum caa_code code);

/* Adds a finding; every string is copied (NULL = ""). Severity, blame, retryable and fix come
 * from the code's rule unless fix is given. Returns the new finding (NULL if out of memory) so
 * the caller may adjust blame or blocks_issuance. */
__attribute__((format(printf, 7, 8))) struct caa_finding *
caa__findings_add(struct caa__findings *f, enum caa_code code, const char *zone, const char *server,
                  const char *address, const char *fix, const char *summary_fmt, ...);
/* Sets the evidence (copied, printf-style) of a finding. */
__attribute__((format(printf, 3, 4))) void
caa__finding_evidence(struct caa__findings *f, struct caa_finding *finding, const char *fmt, ...);
/* Sets the exact record to publish (copied). */
void caa__finding_record(struct caa__findings *f, struct caa_finding *finding, const char *record);
/* Orders findings: blocking first, then by severity, stable otherwise. */
void caa__findings_sort(struct caa__findings *f);
void caa__findings_cleanup(struct caa__findings *f);

#endif
