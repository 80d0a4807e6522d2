/* SPDX-License-Identifier: MIT */
/* The RRset-level lint rules (what the records at one owner do together), and caa_lint_rrset():
 * lint of an RRset as served, with no zone file behind it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/caa/record_internal.h"
#include "lib/lint/lint_rules.h"
#include "lib/util/ascii.h"

static bool tag_is(const struct caa__lint_subject *s, const char *name)
{
    return caa_record_tag_is(&s->record, name);
}

/* The issuer part of an issue value: before the first ';', blanks trimmed. */
static void issuer_part(const struct caa_record *rec, size_t *start, size_t *len)
{
    const uint8_t *v = rec->value;
    const uint8_t *semi = memchr(v, ';', rec->value_len);
    size_t end = semi != NULL ? (size_t)(semi - v) : rec->value_len;
    size_t s = 0;

    while (s < end && caa__ascii_is_wsp(v[s])) {
        s++;
    }
    while (end > s && caa__ascii_is_wsp(v[end - 1])) {
        end--;
    }
    *start = s;
    *len = end - s;
}

static bool issuer_empty(const struct caa__lint_subject *s)
{
    size_t start;
    size_t len;

    issuer_part(&s->record, &start, &len);
    return len == 0;
}

static void rrset_finding(struct caa_lint_report *rep, const struct caa__lint_subject *s,
                          enum caa_code code, const char *fix, const char *message)
{
    caa__lint_report_add(rep, code, s->line, s->column, s->owner, s->text, message, fix);
}

static void issuewild_without_issue(struct caa_lint_report *rep, const struct caa__lint_subject *s)
{
    const struct caa_record *rec = &s->record;
    struct caa__buf fix;
    char message[1024];
    size_t start;
    size_t len;

    issuer_part(rec, &start, &len);
    caa__buf_init(&fix, (size_t)1 << 20);
    caa__lint_format_record(&fix, s->owner, 0, "issue",
                            len > 0 ? (const char *)rec->value + start : ";", len > 0 ? len : 1);
    (void)snprintf(message, sizeof(message),
                   "%s has issuewild but no issue: issuewild only restricts wildcard "
                   "certificates, so any CA may issue for %s and names below it "
                   "(RFC 8659 section 4.3)",
                   s->owner, s->owner);
    if (fix.status == CAA_OK) {
        rrset_finding(rep, s, CAA_CODE_ISSUEWILD_WITHOUT_ISSUE, fix.data, message);
    } else {
        caa__lint_fail(rep, fix.status);
    }
    caa__buf_cleanup(&fix);
}

/* RFC 8659 §4.2: authorizations are additive, so `issue ";"` next to `issue "ca.example"` forbids
 * nothing; whoever wrote it meant either "nobody" or "only these CAs". */
static void empty_beside_others(struct caa_lint_report *rep, const struct caa__lint_subject *s,
                                size_t n, const char *tag)
{
    size_t named = 0;
    size_t first_named = SIZE_MAX;
    char message[1024];
    char fix[1024];

    for (size_t k = 0; k < n; k++) {
        if (tag_is(&s[k], tag) && !issuer_empty(&s[k])) {
            first_named = first_named == SIZE_MAX ? k : first_named;
            named++;
        }
    }
    for (size_t k = 0; k < n && named > 0; k++) {
        if (!tag_is(&s[k], tag) || !issuer_empty(&s[k])) {
            continue;
        }
        (void)snprintf(message, sizeof(message),
                       "%s \";\" at %s forbids nothing: %zu other %s record%s name%s a CA (line "
                       "%zu), and CAA authorizations add up (RFC 8659 section 4.2), so %s CA%s may "
                       "still issue",
                       tag, s[k].owner, named, tag, named == 1 ? "" : "s", named == 1 ? "s" : "",
                       s[first_named].line, named == 1 ? "that" : "those", named == 1 ? "" : "s");
        (void)snprintf(fix, sizeof(fix),
                       "delete this record to allow only the CAs named in the other %s records; "
                       "to forbid every CA, keep it and delete the others",
                       tag);
        rrset_finding(rep, &s[k], CAA_CODE_EMPTY_ISSUER_BESIDE_OTHERS, fix, message);
    }
}

static int compare_records(const struct caa_record *x, const struct caa_record *y)
{
    size_t n = x->value_len < y->value_len ? x->value_len : y->value_len;
    int c;

    if (x->flags != y->flags) {
        return x->flags < y->flags ? -1 : 1;
    }
    if (x->tag_len != y->tag_len) {
        return x->tag_len < y->tag_len ? -1 : 1;
    }
    if (!caa__ascii_equal_nocase((const uint8_t *)x->tag, x->tag_len, (const uint8_t *)y->tag,
                                 y->tag_len)) {
        char a[CAA_TAG_MAX + 1];
        char b[CAA_TAG_MAX + 1];

        memcpy(a, x->tag, x->tag_len + 1u);
        memcpy(b, y->tag, y->tag_len + 1u);
        caa__ascii_lower_in_place(a, x->tag_len);
        caa__ascii_lower_in_place(b, y->tag_len);
        return strcmp(a, b);
    }
    c = n > 0 ? memcmp(x->value, y->value, n) : 0;
    if (c != 0 || x->value_len == y->value_len) {
        return c;
    }
    return x->value_len < y->value_len ? -1 : 1;
}

static int compare_subjects(const void *a, const void *b)
{
    const struct caa__lint_subject *const *x = a;
    const struct caa__lint_subject *const *y = b;
    int c = compare_records(&(*x)->record, &(*y)->record);

    if (c != 0) {
        return c;
    }
    return *x < *y ? -1 : (*x > *y ? 1 : 0);
}

/* RFC 2181 §5: an RRset holds each record once; a server loads one copy, so the second line is
 * noise at best and a sign of an edit that went wrong (a value meant to change). */
static void duplicates(struct caa_lint_report *rep, const struct caa__lint_subject *s, size_t n)
{
    const struct caa__lint_subject **order;
    char message[1024];
    char fix[256];

    if (n < 2) {
        return;
    }
    order = malloc(n * sizeof(*order));
    if (order == NULL) {
        caa__lint_fail(rep, CAA_E_NOMEM);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        order[k] = &s[k];
    }
    qsort(order, n, sizeof(*order), compare_subjects);
    for (size_t k = 1; k < n; k++) {
        size_t first = k - 1;

        while (first > 0 && compare_records(&order[first - 1]->record, &order[k]->record) == 0) {
            first--;
        }
        if (compare_records(&order[first]->record, &order[k]->record) != 0) {
            continue;
        }
        (void)snprintf(message, sizeof(message),
                       "this record repeats the one on line %zu; an RRset holds each record once "
                       "(RFC 2181 section 5), so name servers keep one copy",
                       order[first]->line);
        (void)snprintf(fix, sizeof(fix), "delete this record (line %zu); line %zu stays",
                       order[k]->line, order[first]->line);
        rrset_finding(rep, order[k], CAA_CODE_DUPLICATE_RECORD, fix, message);
    }
    free(order);
}

void caa__lint_rrset_rules(struct caa_lint_report *rep, const struct caa__lint_subject *s, size_t n)
{
    size_t first_issue = SIZE_MAX;
    size_t first_wild = SIZE_MAX;
    bool all_issue_empty = true;
    char message[1024];

    for (size_t k = 0; k < n; k++) {
        if (tag_is(&s[k], "issue")) {
            first_issue = first_issue == SIZE_MAX ? k : first_issue;
            all_issue_empty = all_issue_empty && issuer_empty(&s[k]);
        } else if (tag_is(&s[k], "issuewild") && first_wild == SIZE_MAX) {
            first_wild = k;
        }
    }
    if (first_wild != SIZE_MAX && first_issue == SIZE_MAX) {
        issuewild_without_issue(rep, &s[first_wild]);
    }
    if (first_issue != SIZE_MAX && all_issue_empty) {
        (void)snprintf(message, sizeof(message),
                       "every issue record at %s is empty (\";\"): no CA may issue for %s or names "
                       "below it that have no CAA records of their own",
                       s[first_issue].owner, s[first_issue].owner);
        rrset_finding(rep, &s[first_issue], CAA_CODE_EMPTY_ISSUER_SET,
                      "intended if the name never needs certificates; otherwise name the CA, e.g. "
                      "issue \"letsencrypt.org\"",
                      message);
    }
    empty_beside_others(rep, s, n, "issue");
    empty_beside_others(rep, s, n, "issuewild");
    duplicates(rep, s, n);
}

/* ---- caa_lint_rrset ------------------------------------------------------------------------- */

/* A record the zone-file parser would refuse (a tag that is empty or not [A-Za-z0-9]): reported
 * as the same RECORD_SYNTAX finding caa lint gives for the line. */
static bool record_syntax(struct caa_lint_report *rep, const struct caa__lint_subject *s)
{
    struct caa_error err;
    char message[512];

    memset(&err, 0, sizeof(err));
    if (caa__record_check_tag((const uint8_t *)s->record.tag, s->record.tag_len, CAA_PARSE_STRICT,
                              0, &err) == CAA_OK) {
        return false;
    }
    (void)snprintf(message, sizeof(message), "CAA: %s", err.message);
    caa__lint_report_add(rep, CAA_CODE_RECORD_SYNTAX, s->line, s->column, "", s->text, message,
                         "write the record as <owner> IN CAA <flags 0-255> <tag> \"<value>\", "
                         "e.g. example.com. IN CAA 0 issue \"letsencrypt.org\"");
    return true;
}

/* Fills subjects[0..n) from the RRset; texts[k] is malloc'd. Records with no presentation form
 * are left out (*n counts those kept). */
static enum caa_status subjects_of(const struct caa_rrset *set, const char *owner,
                                   struct caa__lint_subject *subjects, char **texts, size_t *n)
{
    size_t kept = 0;

    for (size_t i = 0; i < caa_rrset_count(set); i++) {
        const struct caa_record *rec = caa_rrset_record(set, i);
        struct caa__buf text;
        char *rdata = NULL;
        enum caa_status st = caa_record_to_text(rec, &rdata);

        if (st == CAA_E_NOMEM) {
            return st;
        }
        if (st != CAA_OK) {
            continue;
        }
        caa__buf_init(&text, (size_t)1 << 20);
        caa__buf_printf(&text, "%s. IN CAA ", owner);
        caa__buf_append_str(&text, rdata);
        free(rdata);
        texts[kept] = caa__buf_steal(&text);
        if (texts[kept] == NULL) {
            return CAA_E_NOMEM;
        }
        subjects[kept].owner = owner;
        subjects[kept].line = kept + 1;
        subjects[kept].column = strlen(owner) + 10; /* after "<owner>. IN CAA " */
        subjects[kept].text = texts[kept];
        subjects[kept].record = *rec;
        kept++;
        *n = kept;
    }
    return CAA_OK;
}

enum caa_status caa_lint_rrset(const struct caa_rrset *set, struct caa_lint_report **out)
{
    struct caa_lint_report *rep = NULL;
    struct caa__lint_subject *subjects = NULL;
    char **texts = NULL;
    char *owner = NULL;
    size_t count = set != NULL ? caa_rrset_count(set) : 0;
    size_t n = 0;
    enum caa_status st = CAA_E_INVALID_ARG;

    if (set == NULL || out == NULL) {
        goto out;
    }
    *out = NULL;
    st = CAA_E_NOMEM;
    owner = caa__ascii_strdup_lower(caa_rrset_owner(set));
    rep = caa__lint_report_new();
    subjects = calloc(count + 1, sizeof(*subjects));
    texts = calloc(count + 1, sizeof(*texts));
    if (owner == NULL || rep == NULL || subjects == NULL || texts == NULL) {
        goto out;
    }
    if (owner[0] != '\0' && owner[strlen(owner) - 1] == '.') {
        owner[strlen(owner) - 1] = '\0';
    }
    st = subjects_of(set, owner, subjects, texts, &n);
    if (st != CAA_OK) {
        goto out;
    }
    /* The records a zone parser refuses take no part in the rules, as in caa_lint_zone(). */
    for (size_t k = 0; k < n;) {
        if (record_syntax(rep, &subjects[k])) {
            memmove(&subjects[k], &subjects[k + 1], (n - k - 1) * sizeof(*subjects));
            n--;
        } else {
            k++;
        }
    }
    for (size_t k = 0; k < n && caa__lint_report_status(rep) == CAA_OK; k++) {
        caa__lint_record(rep, &subjects[k]);
    }
    if (n > 0) {
        caa__lint_rrset_rules(rep, subjects, n);
    }
    st = caa__lint_report_finish(rep, out);
    rep = NULL;
out:
    caa_lint_report_free(rep);
    for (size_t k = 0; texts != NULL && k < count; k++) {
        free(texts[k]);
    }
    free(texts);
    free(subjects);
    free(owner);
    return st;
}
