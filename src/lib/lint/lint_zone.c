/* SPDX-License-Identifier: MIT */
/* caa_lint_zone(): the lines that could not be read, every CAA record, the RRsets owner by owner,
 * what other records at a CAA owner do to it, and input that is no zone at all. */
#include <caa/lint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lint/lint_rules.h"
#include "lib/zone/zone_entry.h"

static const char *error_fix(const struct caa_zone_error *e)
{
    if (strncmp(e->message, "unbalanced quote", 16) == 0) {
        return "close the quoted string on the same line: a value is one \"...\" string";
    }
    if (strncmp(e->message, "unbalanced parenthesis", 22) == 0) {
        return "balance the parentheses: every '(' needs a ')' (RFC 1035 section 5.1)";
    }
    if (strncmp(e->message, "$INCLUDE", 8) == 0) {
        return "lint the included file on its own: caa lint --origin ORIGIN FILE";
    }
    if (strncmp(e->message, "a NUL byte", 10) == 0) {
        return "remove the NUL byte: zone files are text, and a NUL cuts the line short for "
               "most tools that read it";
    }
    if (e->is_caa) {
        return "write the record as <owner> IN CAA <flags 0-255> <tag> \"<value>\", e.g. "
               "example.com. IN CAA 0 issue \"letsencrypt.org\"";
    }
    return "write the line in RFC 1035 section 5.1 master-file syntax";
}

static void lint_errors(struct caa_lint_report *rep, const struct caa_zone *zone)
{
    for (size_t i = 0; i < caa_zone_error_count(zone); i++) {
        const struct caa_zone_error *e = caa_zone_error(zone, i);

        caa__lint_report_add(rep, e->is_caa ? CAA_CODE_RECORD_SYNTAX : CAA_CODE_ZONE_SYNTAX,
                             e->line, e->column, "", e->text, e->message, error_fix(e));
    }
}

static void subject_of(const struct caa_zone *zone, size_t i, struct caa__lint_subject *s)
{
    const struct caa_zone_entry *e = caa_zone_entry(zone, i);

    s->owner = e->owner;
    s->line = e->line;
    s->column = e->column;
    s->text = caa__zone_entry_text(zone, i);
    s->record = e->record;
}

/* ---- Owners --------------------------------------------------------------------------------- */

static int compare_by_owner(const void *a, const void *b)
{
    const struct caa__lint_subject *x = a;
    const struct caa__lint_subject *y = b;
    int c = strcmp(x->owner, y->owner);

    if (c != 0) {
        return c;
    }
    return x->line < y->line ? -1 : (x->line > y->line ? 1 : 0);
}

static int compare_cname_owner(const void *key, const void *elem)
{
    const struct caa__zone_cname *const *c = elem;

    return strcmp(key, (*c)->owner);
}

static int compare_cnames(const void *a, const void *b)
{
    const struct caa__zone_cname *const *x = a;
    const struct caa__zone_cname *const *y = b;

    return strcmp((*x)->owner, (*y)->owner);
}

/* RFC 1034 §3.6.2 and RFC 2181 §10.1: a name with a CNAME has no other data. Name servers refuse
 * the zone or serve only the CNAME, and a CA's lookup follows the CNAME (RFC 8659 §3), so the CAA
 * records written here are never seen. */
static void cname_with_caa(struct caa_lint_report *rep, const struct caa__lint_subject *first,
                           const struct caa__zone_cname *const *cnames, size_t count)
{
    const struct caa__zone_cname *const *hit;
    char message[1024];

    if (count == 0) {
        return;
    }
    hit = bsearch(first->owner, cnames, count, sizeof(*cnames), compare_cname_owner);
    if (hit == NULL) {
        return;
    }
    (void)snprintf(message, sizeof(message),
                   "%s has a CNAME (line %zu) and CAA records: a name with a CNAME holds no other "
                   "data (RFC 1034 section 3.6.2), so servers refuse the zone or serve only the "
                   "CNAME, and CAs look up CAA at its target (RFC 8659 section 3)",
                   first->owner, (*hit)->line);
    caa__lint_report_add(rep, CAA_CODE_CNAME_WITH_CAA, first->line, first->column, first->owner,
                         first->text, message,
                         "move the CAA records to the CNAME's target name, or replace the CNAME "
                         "with the target's own records (A, AAAA) and keep the CAA records here");
}

static enum caa_status sorted_cnames(const struct caa_zone *zone,
                                     const struct caa__zone_cname ***out)
{
    size_t n = caa__zone_cname_count(zone);
    const struct caa__zone_cname **list;

    *out = NULL;
    if (n == 0) {
        return CAA_OK;
    }
    list = malloc(n * sizeof(*list));
    if (list == NULL) {
        return CAA_E_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        list[i] = caa__zone_cname(zone, i);
    }
    qsort(list, n, sizeof(*list), compare_cnames);
    *out = list;
    return CAA_OK;
}

/* subjects[0..n) sorted by owner, then line: one call of the RRset rules per owner. */
static void lint_owners(struct caa_lint_report *rep, const struct caa_zone *zone,
                        const struct caa__lint_subject *subjects, size_t n)
{
    const struct caa__zone_cname **cnames = NULL;
    enum caa_status st = sorted_cnames(zone, &cnames);

    if (st != CAA_OK) {
        caa__lint_fail(rep, st);
        return;
    }
    for (size_t start = 0; start < n;) {
        size_t end = start + 1;

        while (end < n && strcmp(subjects[end].owner, subjects[start].owner) == 0) {
            end++;
        }
        cname_with_caa(rep, &subjects[start], cnames, caa__zone_cname_count(zone));
        caa__lint_rrset_rules(rep, subjects + start, end - start);
        start = end;
    }
    free(cnames);
}

enum caa_status caa_lint_zone(const struct caa_zone *zone, struct caa_lint_report **out)
{
    struct caa_lint_report *rep;
    struct caa__lint_subject *subjects = NULL;
    size_t n;

    if (zone == NULL || out == NULL) {
        return CAA_E_INVALID_ARG;
    }
    *out = NULL;
    n = caa_zone_entry_count(zone);
    rep = caa__lint_report_new();
    if (rep == NULL) {
        return CAA_E_NOMEM;
    }
    lint_errors(rep, zone);
    if (caa__zone_data_count(zone) == 0 && caa_zone_error_count(zone) == 0) {
        /* Empty, binary or some other format: "clean" would be a lie. */
        caa__lint_report_add(rep, CAA_CODE_NO_ZONE_DATA, 0, 0, "", "",
                             "no zone data found: no line is a resource record or a $ORIGIN, $TTL "
                             "or $INCLUDE directive, so nothing was checked",
                             "give a zone file in RFC 1035 section 5.1 master-file syntax, e.g. "
                             "example.com. 3600 IN CAA 0 issue \"letsencrypt.org\"");
    }
    subjects = n > 0 ? malloc(n * sizeof(*subjects)) : NULL;
    if (n > 0 && subjects == NULL) {
        caa__lint_fail(rep, CAA_E_NOMEM);
    }
    for (size_t i = 0; subjects != NULL && i < n && caa__lint_report_status(rep) == CAA_OK; i++) {
        subject_of(zone, i, &subjects[i]);
        caa__lint_record(rep, &subjects[i]);
    }
    if (subjects != NULL && caa__lint_report_status(rep) == CAA_OK) {
        qsort(subjects, n, sizeof(*subjects), compare_by_owner);
        lint_owners(rep, zone, subjects, n);
    }
    free(subjects);
    return caa__lint_report_finish(rep, out);
}
