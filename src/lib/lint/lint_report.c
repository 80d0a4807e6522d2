/* SPDX-License-Identifier: MIT */
/* The lint finding collector: findings in order of discovery, sorted by line when done, and the
 * helpers that word a finding about one record (its message, its corrected record). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lint/lint_rules.h"

/* Ceiling on findings in one report. */
#define LINT_FINDINGS_MAX ((size_t)1 << 22)
/* Longest value quoted in a message. */
#define QUOTE_MAX 80

struct finding_item {
    struct caa_lint_finding pub;
    size_t seq; /* order of discovery: ties on a line keep it */
};

struct caa_lint_report {
    struct finding_item *items;
    size_t count;
    size_t cap;
    enum caa_status status; /* sticky: the first failure */
};

struct caa_lint_report *caa__lint_report_new(void)
{
    return calloc(1, sizeof(struct caa_lint_report));
}

enum caa_status caa__lint_report_status(const struct caa_lint_report *rep)
{
    return rep->status;
}

void caa__lint_fail(struct caa_lint_report *rep, enum caa_status st)
{
    if (rep->status == CAA_OK) {
        rep->status = st;
    }
}

static char *copy_str(const char *s)
{
    size_t len = strlen(s);
    char *copy = malloc(len + 1);

    if (copy != NULL) {
        memcpy(copy, s, len + 1);
    }
    return copy;
}

void caa__lint_report_add(struct caa_lint_report *rep, enum caa_code code, size_t line,
                          size_t column, const char *owner, const char *record, const char *message,
                          const char *fix)
{
    struct finding_item *it;

    if (rep->status != CAA_OK) {
        return;
    }
    if (rep->count == rep->cap) {
        size_t cap = rep->cap == 0 ? 16 : rep->cap * 2;
        struct finding_item *grown;

        if (rep->cap >= LINT_FINDINGS_MAX) {
            caa__lint_fail(rep, CAA_E_LIMIT);
            return;
        }
        grown = realloc(rep->items, cap * sizeof(*grown));
        if (grown == NULL) {
            caa__lint_fail(rep, CAA_E_NOMEM);
            return;
        }
        rep->items = grown;
        rep->cap = cap;
    }
    it = &rep->items[rep->count];
    it->seq = rep->count;
    it->pub.code = code;
    it->pub.severity = caa_code_severity(code);
    it->pub.line = line;
    it->pub.column = column;
    it->pub.owner = copy_str(owner);
    it->pub.record = copy_str(record);
    it->pub.message = copy_str(message);
    it->pub.fix = copy_str(fix);
    rep->count++;
    if (it->pub.owner == NULL || it->pub.record == NULL || it->pub.message == NULL ||
        it->pub.fix == NULL) {
        caa__lint_fail(rep, CAA_E_NOMEM);
    }
}

static int compare_findings(const void *a, const void *b)
{
    const struct finding_item *x = a;
    const struct finding_item *y = b;

    if (x->pub.line != y->pub.line) {
        return x->pub.line < y->pub.line ? -1 : 1;
    }
    return x->seq < y->seq ? -1 : (x->seq > y->seq ? 1 : 0);
}

enum caa_status caa__lint_report_finish(struct caa_lint_report *rep, struct caa_lint_report **out)
{
    enum caa_status st = rep->status;

    if (st != CAA_OK) {
        caa_lint_report_free(rep);
        return st;
    }
    if (rep->count > 1) {
        qsort(rep->items, rep->count, sizeof(rep->items[0]), compare_findings);
    }
    *out = rep;
    return CAA_OK;
}

/* ---- Findings about one record ------------------------------------------------------------- */

static void add_record_finding(struct caa__lint_record *r, enum caa_code code, const char *fix,
                               const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

static void add_record_finding(struct caa__lint_record *r, enum caa_code code, const char *fix,
                               const char *fmt, va_list ap)
{
    char message[1024];

    (void)vsnprintf(message, sizeof(message), fmt, ap);
    caa__lint_report_add(r->rep, code, r->entry->line, r->entry->column, r->entry->owner, r->text,
                         message, fix);
    if (caa_code_severity(code) == CAA_SEVERITY_ERROR) {
        r->errors++;
    }
}

void caa__lint_add(struct caa__lint_record *r, enum caa_code code, const char *fix, const char *fmt,
                   ...)
{
    va_list ap;

    va_start(ap, fmt);
    add_record_finding(r, code, fix, fmt, ap);
    va_end(ap);
}

void caa__lint_add_fixed(struct caa__lint_record *r, enum caa_code code, const char *value,
                         size_t value_len, const char *fmt, ...)
{
    struct caa__buf fix;
    va_list ap;

    caa__buf_init(&fix, (size_t)1 << 20);
    caa__lint_format_record(&fix, r->entry->owner, r->fix_flags, r->fix_tag, value, value_len);
    if (fix.status != CAA_OK) {
        caa__lint_fail(r->rep, fix.status);
    } else {
        va_start(ap, fmt);
        add_record_finding(r, code, fix.data, fmt, ap);
        va_end(ap);
    }
    caa__buf_cleanup(&fix);
}

void caa__lint_format_record(struct caa__buf *buf, const char *owner, uint8_t flags,
                             const char *tag, const char *value, size_t value_len)
{
    caa__buf_append_str(buf, owner);
    caa__buf_printf(buf, ". IN CAA %u %s \"", (unsigned)flags, tag);
    for (size_t i = 0; i < value_len; i++) {
        uint8_t c = (uint8_t)value[i];

        if (c == '"' || c == '\\') {
            caa__buf_append_byte(buf, '\\');
            caa__buf_append_byte(buf, c);
        } else if (c < 0x20 || c >= 0x7F) {
            caa__buf_printf(buf, "\\%03u", (unsigned)c);
        } else {
            caa__buf_append_byte(buf, c);
        }
    }
    caa__buf_append_byte(buf, '"');
}

void caa__lint_quote(const uint8_t *p, size_t n, char *out, size_t cap)
{
    size_t used = 0;

    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char piece[8];
        size_t piece_len;

        if (i == QUOTE_MAX) {
            (void)snprintf(out + used, cap - used, "...");
            return;
        }
        if (p[i] >= 0x20 && p[i] < 0x7F) {
            piece[0] = (char)p[i];
            piece[1] = '\0';
        } else {
            (void)snprintf(piece, sizeof(piece), "\\%03u", (unsigned)p[i]);
        }
        piece_len = strlen(piece);
        if (used + piece_len + 1 > cap) {
            return;
        }
        memcpy(out + used, piece, piece_len + 1);
        used += piece_len;
    }
}

/* ---- The public getters --------------------------------------------------------------------- */

void caa_lint_report_free(struct caa_lint_report *rep)
{
    if (rep == NULL) {
        return;
    }
    for (size_t i = 0; i < rep->count; i++) {
        free((char *)rep->items[i].pub.owner);
        free((char *)rep->items[i].pub.record);
        free((char *)rep->items[i].pub.message);
        free((char *)rep->items[i].pub.fix);
    }
    free(rep->items);
    free(rep);
}

size_t caa_lint_report_count(const struct caa_lint_report *rep)
{
    return rep != NULL ? rep->count : 0;
}

const struct caa_lint_finding *caa_lint_report_finding(const struct caa_lint_report *rep, size_t i)
{
    return rep != NULL && i < rep->count ? &rep->items[i].pub : NULL;
}

enum caa_severity caa_lint_report_worst(const struct caa_lint_report *rep)
{
    enum caa_severity worst = CAA_SEVERITY_INFO;

    for (size_t i = 0; rep != NULL && i < rep->count; i++) {
        if (rep->items[i].pub.severity > worst) {
            worst = rep->items[i].pub.severity;
        }
    }
    return worst;
}
