/* SPDX-License-Identifier: MIT */
/* caa_lint_zone: the report, the record-level rules (flags, tag, iodef, contact, owner) and the
 * RRset-level rules. Issue values are in lint_issue.c. */
#include <caa/lint.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <caa/value.h>

#include "lib/lint/lint_rules.h"
#include "lib/util/ascii.h"
#include "lib/util/edit_distance.h"
#include "lib/zone/zone_entry.h"

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

/* IANA "Certification Authority Restriction Properties", plus the CA/B Forum contact tags. */
static const char *const registered_tags[] = {
    "issue", "issuewild", "iodef", "issuemail", "issuevmc", "contactemail", "contactphone",
};

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

static void add_raw(struct caa_lint_report *rep, enum caa_code code, size_t line, size_t column,
                    const char *owner, const char *record, const char *message, const char *fix)
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

static void add_record_finding(struct caa__lint_record *r, enum caa_code code, const char *fix,
                               const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

static void add_record_finding(struct caa__lint_record *r, enum caa_code code, const char *fix,
                               const char *fmt, va_list ap)
{
    char message[1024];

    (void)vsnprintf(message, sizeof(message), fmt, ap);
    add_raw(r->rep, code, r->entry->line, r->entry->column, r->entry->owner, r->text, message, fix);
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

static bool is_registered(const char *tag)
{
    for (size_t i = 0; i < sizeof(registered_tags) / sizeof(registered_tags[0]); i++) {
        if (strcmp(tag, registered_tags[i]) == 0) {
            return true;
        }
    }
    return false;
}

static const char *closest_tag(const char *tag)
{
    const char *best = NULL;
    size_t best_distance = 3; /* at most 2 edits */

    for (size_t i = 0; i < sizeof(registered_tags) / sizeof(registered_tags[0]); i++) {
        size_t d = caa__edit_distance(tag, registered_tags[i]);
        if (d < best_distance) {
            best = registered_tags[i];
            best_distance = d;
        }
    }
    return best;
}

static const struct caa_record *rec_of(const struct caa__lint_record *r)
{
    return &r->entry->record;
}

static void add_same_value(struct caa__lint_record *r, enum caa_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A finding whose fix keeps the value and shows the corrected flags/tag. */
static void add_same_value(struct caa__lint_record *r, enum caa_code code, const char *fmt, ...)
{
    const struct caa_record *rec = rec_of(r);
    char message[1024];
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    caa__lint_add_fixed(r, code, (const char *)rec->value, rec->value_len, "%s", message);
}

/* RFC 8659 §4.1: only bit value 128 (Issuer Critical) is defined; the rest are reserved. */
static void lint_flags(struct caa__lint_record *r)
{
    unsigned flags = rec_of(r)->flags;

    if ((flags & 1u) != 0) {
        r->fix_flags = (uint8_t)(r->fix_flags & ~1u);
        add_same_value(r, CAA_CODE_FLAG_1_AS_CRITICAL,
                       "flags %u sets the bit of value 1, a reserved bit; the critical flag is "
                       "128 (Let's Encrypt treats 1 as critical too)",
                       flags);
    }
    if ((flags & 0x7Eu) != 0) {
        r->fix_flags = (uint8_t)(r->fix_flags & ~0x7Eu);
        add_same_value(r, CAA_CODE_RESERVED_FLAGS,
                       "flags %u sets reserved bits (%u); only 128 (critical) is defined", flags,
                       flags & 0x7Eu);
    }
}

static void lint_unknown_tag(struct caa__lint_record *r, const char *shown)
{
    unsigned flags = rec_of(r)->flags;
    /* Boulder takes bit value 1 as critical too (ca-behaviour.md §1). */
    bool critical = (flags & (CAA_FLAG_CRITICAL | 1u)) != 0;
    const char *guess = closest_tag(r->tag_lower);
    enum caa_code code = critical ? CAA_CODE_CRITICAL_UNKNOWN_TAG : CAA_CODE_UNKNOWN_TAG;

    if (guess != NULL) {
        (void)snprintf(r->fix_tag, sizeof(r->fix_tag), "%s", guess);
        add_same_value(r, code, "tag %s is not a registered CAA property%s; did you mean %s?",
                       shown, critical ? " and is marked critical, so CAs refuse to issue" : "",
                       guess);
    } else if (critical) {
        r->fix_flags = 0;
        add_same_value(r, code,
                       "tag %s is unknown and marked critical (flags %u): a CA that does not "
                       "know it must refuse to issue (RFC 8659 section 4.5)",
                       shown, flags);
    } else {
        caa__lint_add(r, code,
                      "remove the record, or use a registered tag: issue, issuewild, iodef, "
                      "issuemail, issuevmc, contactemail, contactphone",
                      "tag %s is not a registered CAA property; CAs ignore it", shown);
    }
}

static void lint_tag(struct caa__lint_record *r)
{
    const struct caa_record *rec = rec_of(r);
    char shown[128];

    caa__lint_quote((const uint8_t *)rec->tag, rec->tag_len, shown, sizeof(shown));
    if (strcmp(rec->tag, r->tag_lower) != 0) {
        (void)snprintf(r->fix_tag, sizeof(r->fix_tag), "%s", r->tag_lower);
        add_same_value(r, CAA_CODE_TAG_UPPERCASE,
                       "tag %s has upper-case letters; registered tags are written in lower case",
                       shown);
    }
    if (rec->tag_len > 15) {
        caa__lint_add(
            r, CAA_CODE_TAG_TOO_LONG,
            "use a registered tag of at most 15 characters (issue, issuewild, iodef, ...)",
            "tag %s is %u characters long; RFC 6844 limited tags to 15", shown,
            (unsigned)rec->tag_len);
    }
    if (!is_registered(r->tag_lower)) {
        lint_unknown_tag(r, shown);
    } else if (strcmp(r->tag_lower, "iodef") == 0 && (rec->flags & CAA_FLAG_CRITICAL) != 0) {
        r->fix_flags = (uint8_t)(r->fix_flags & ~(unsigned)CAA_FLAG_CRITICAL);
        add_same_value(r, CAA_CODE_CRITICAL_ON_IODEF,
                       "iodef is marked critical (flags %u); a CA that does not process iodef "
                       "may refuse to issue, and the flag gains nothing",
                       (unsigned)rec->flags);
    } else if (strncmp(r->tag_lower, "contact", 7) == 0 &&
               (rec->flags & (CAA_FLAG_CRITICAL | 1u)) != 0) {
        r->fix_flags = (uint8_t)(r->fix_flags & ~(CAA_FLAG_CRITICAL | 1u));
        add_same_value(r, CAA_CODE_CRITICAL_ON_CONTACT,
                       "%s is marked critical (flags %u); Let's Encrypt does not know the tag, so "
                       "it refuses to issue",
                       r->tag_lower, (unsigned)rec->flags);
    }
}

static bool has_prefix_nocase(const struct caa_record *rec, const char *prefix)
{
    size_t n = strlen(prefix);

    return rec->value_len >= n &&
           caa__ascii_equal_nocase(rec->value, n, (const uint8_t *)prefix, n);
}

/* RFC 8659 §4.4: mailto:, http: or https:. A bare address most likely wanted mailto:. */
static void lint_iodef(struct caa__lint_record *r)
{
    const struct caa_record *rec = rec_of(r);
    struct caa_error err;
    char shown[QUOTE_MAX * 4 + 8];

    memset(&err, 0, sizeof(err));
    if (caa_iodef_valid(rec->value, rec->value_len, &err)) {
        return;
    }
    caa__lint_quote(rec->value, rec->value_len, shown, sizeof(shown));
    if (memchr(rec->value, '@', rec->value_len) != NULL &&
        memchr(rec->value, ':', rec->value_len) == NULL) {
        struct caa__buf v;

        caa__buf_init(&v, CAA_VALUE_MAX + 16);
        caa__buf_append_str(&v, "mailto:");
        caa__buf_append(&v, rec->value, rec->value_len);
        if (v.status == CAA_OK) {
            caa__lint_add_fixed(r, CAA_CODE_IODEF_BAD_SCHEME, v.data, v.len,
                                "iodef \"%s\" is an address without mailto: (%s)", shown,
                                err.message);
        } else {
            caa__lint_fail(r->rep, v.status);
        }
        caa__buf_cleanup(&v);
        return;
    }
    caa__lint_add(r, CAA_CODE_IODEF_BAD_SCHEME,
                  "use mailto:address or an http: or https: URL, e.g. "
                  "iodef \"mailto:security@example.com\"",
                  "iodef \"%s\" is not a mailto:, http: or https: URL (%s)", shown, err.message);
}

/* CA/B BR Appendix A: one email address; an RFC 3966 global number. A URL prefix is the usual
 * mistake. */
static void lint_contact(struct caa__lint_record *r, bool email)
{
    const struct caa_record *rec = rec_of(r);
    const char *prefix = email ? "mailto:" : "tel:";
    size_t skip = strlen(prefix);
    struct caa_error err;
    char shown[QUOTE_MAX * 4 + 8];
    bool ok;

    memset(&err, 0, sizeof(err));
    ok = email ? caa_contactemail_valid(rec->value, rec->value_len, &err)
               : caa_contactphone_valid(rec->value, rec->value_len, &err);
    if (ok) {
        return;
    }
    caa__lint_quote(rec->value, rec->value_len, shown, sizeof(shown));
    if (has_prefix_nocase(rec, prefix) &&
        (email ? caa_contactemail_valid(rec->value + skip, rec->value_len - skip, NULL)
               : caa_contactphone_valid(rec->value + skip, rec->value_len - skip, NULL))) {
        caa__lint_add_fixed(r, CAA_CODE_CONTACT_INVALID, (const char *)rec->value + skip,
                            rec->value_len - skip, "%s \"%s\" must not carry the %s prefix",
                            r->tag_lower, shown, prefix);
        return;
    }
    caa__lint_add(r, CAA_CODE_CONTACT_INVALID,
                  email ? "write exactly one email address, e.g. contactemail "
                          "\"security@example.com\""
                        : "write an RFC 3966 global number with a leading +, e.g. contactphone "
                          "\"+1-202-555-0100\"",
                  "%s \"%s\" is not valid (%s)", r->tag_lower, shown, err.message);
}

/* RFC 8659 §3: for *.name certificates CAs look up CAA at name; a record at the DNS wildcard
 * owner is only seen through wildcard synthesis for names that do not exist. */
static void lint_wildcard_owner(struct caa__lint_record *r)
{
    const struct caa_record *rec = rec_of(r);
    const char *owner = r->entry->owner;
    const char *base = owner + 2;
    const char *tag = strcmp(r->tag_lower, "issue") == 0 ? "issuewild" : r->fix_tag;
    struct caa__buf fix;

    if (strncmp(owner, "*.", 2) != 0) {
        return;
    }
    caa__buf_init(&fix, (size_t)1 << 20);
    caa__lint_format_record(&fix, base, r->fix_flags, tag, (const char *)rec->value,
                            rec->value_len);
    if (fix.status != CAA_OK) {
        caa__lint_fail(r->rep, fix.status);
    } else {
        caa__lint_add(r, CAA_CODE_CAA_AT_WILDCARD_OWNER, fix.data,
                      "CAA at the DNS wildcard %s is not consulted for *.%s certificates: CAs "
                      "look up CAA at %s (RFC 8659 section 3); use issuewild there",
                      owner, base, base[0] != '\0' ? base : ".");
    }
    caa__buf_cleanup(&fix);
}

static void lint_record(struct caa_lint_report *rep, const struct caa_zone *zone, size_t i)
{
    struct caa__lint_record r;
    const struct caa_record *rec;

    memset(&r, 0, sizeof(r));
    r.rep = rep;
    r.entry = caa_zone_entry(zone, i);
    r.text = caa__zone_entry_text(zone, i);
    rec = &r.entry->record;
    r.fix_flags = rec->flags;
    (void)snprintf(r.fix_tag, sizeof(r.fix_tag), "%s", rec->tag);
    (void)snprintf(r.tag_lower, sizeof(r.tag_lower), "%s", rec->tag);
    caa__ascii_lower_in_place(r.tag_lower, strlen(r.tag_lower));

    lint_wildcard_owner(&r);
    lint_flags(&r);
    lint_tag(&r);
    if (strncmp(r.tag_lower, "issue", 5) == 0 && is_registered(r.tag_lower)) {
        caa__lint_issue_value(&r);
    } else if (strcmp(r.tag_lower, "iodef") == 0) {
        lint_iodef(&r);
    } else if (strcmp(r.tag_lower, "contactemail") == 0) {
        lint_contact(&r, true);
    } else if (strcmp(r.tag_lower, "contactphone") == 0) {
        lint_contact(&r, false);
    }
}

/* ---- RRset rules ---------------------------------------------------------------------------- */

struct owned_index {
    const char *owner;
    size_t index;
};

static int compare_by_owner(const void *a, const void *b)
{
    const struct owned_index *x = a;
    const struct owned_index *y = b;
    int c = strcmp(x->owner, y->owner);

    if (c != 0) {
        return c;
    }
    return x->index < y->index ? -1 : (x->index > y->index ? 1 : 0);
}

static bool tag_is(const struct caa_zone_entry *e, const char *name)
{
    return caa_record_tag_is(&e->record, name);
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

static void rrset_finding(struct caa_lint_report *rep, const struct caa_zone *zone, size_t i,
                          enum caa_code code, const char *fix, const char *message)
{
    const struct caa_zone_entry *e = caa_zone_entry(zone, i);

    add_raw(rep, code, e->line, e->column, e->owner, caa__zone_entry_text(zone, i), message, fix);
}

/* One owner's RRset: idx[0..n) are its entries in file order. */
static void lint_rrset(struct caa_lint_report *rep, const struct caa_zone *zone, const size_t *idx,
                       size_t n)
{
    size_t first_issue = SIZE_MAX;
    size_t first_wild = SIZE_MAX;
    bool all_issue_empty = true;
    const char *owner = caa_zone_entry(zone, idx[0])->owner;
    char message[1024];

    for (size_t k = 0; k < n; k++) {
        const struct caa_zone_entry *e = caa_zone_entry(zone, idx[k]);
        size_t start;
        size_t len;

        if (tag_is(e, "issue")) {
            first_issue = first_issue == SIZE_MAX ? idx[k] : first_issue;
            issuer_part(&e->record, &start, &len);
            all_issue_empty = all_issue_empty && len == 0;
        } else if (tag_is(e, "issuewild") && first_wild == SIZE_MAX) {
            first_wild = idx[k];
        }
    }
    if (first_wild != SIZE_MAX && first_issue == SIZE_MAX) {
        const struct caa_record *rec = &caa_zone_entry(zone, first_wild)->record;
        struct caa__buf fix;
        size_t start;
        size_t len;

        issuer_part(rec, &start, &len);
        caa__buf_init(&fix, (size_t)1 << 20);
        caa__lint_format_record(&fix, owner, 0, "issue",
                                len > 0 ? (const char *)rec->value + start : ";",
                                len > 0 ? len : 1);
        (void)snprintf(message, sizeof(message),
                       "%s has issuewild but no issue: issuewild only restricts wildcard "
                       "certificates, so any CA may issue for %s and names below it "
                       "(RFC 8659 section 4.3)",
                       owner, owner);
        if (fix.status == CAA_OK) {
            rrset_finding(rep, zone, first_wild, CAA_CODE_ISSUEWILD_WITHOUT_ISSUE, fix.data,
                          message);
        } else {
            caa__lint_fail(rep, fix.status);
        }
        caa__buf_cleanup(&fix);
    }
    if (first_issue != SIZE_MAX && all_issue_empty) {
        (void)snprintf(message, sizeof(message),
                       "every issue record at %s is empty (\";\"): no CA may issue for %s or names "
                       "below it that have no CAA records of their own",
                       owner, owner);
        rrset_finding(rep, zone, first_issue, CAA_CODE_EMPTY_ISSUER_SET,
                      "intended if the name never needs certificates; otherwise name the CA, e.g. "
                      "issue \"letsencrypt.org\"",
                      message);
    }
}

static void lint_rrsets(struct caa_lint_report *rep, const struct caa_zone *zone)
{
    size_t n = caa_zone_entry_count(zone);
    struct owned_index *sorted;
    size_t *idx;

    if (n == 0) {
        return;
    }
    sorted = malloc(n * sizeof(*sorted));
    idx = malloc(n * sizeof(*idx));
    if (sorted == NULL || idx == NULL) {
        caa__lint_fail(rep, CAA_E_NOMEM);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        sorted[i].owner = caa_zone_entry(zone, i)->owner;
        sorted[i].index = i;
    }
    qsort(sorted, n, sizeof(*sorted), compare_by_owner);
    for (size_t i = 0; i < n; i++) {
        idx[i] = sorted[i].index;
    }
    for (size_t start = 0; start < n;) {
        size_t end = start + 1;

        while (end < n && strcmp(sorted[end].owner, sorted[start].owner) == 0) {
            end++;
        }
        lint_rrset(rep, zone, idx + start, end - start);
        start = end;
    }
out:
    free(sorted);
    free(idx);
}

/* ---- Zone errors ---------------------------------------------------------------------------- */

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

        add_raw(rep, e->is_caa ? CAA_CODE_RECORD_SYNTAX : CAA_CODE_ZONE_SYNTAX, e->line, e->column,
                "", e->text, e->message, error_fix(e));
    }
}

/* ---- Report --------------------------------------------------------------------------------- */

static int compare_findings(const void *a, const void *b)
{
    const struct finding_item *x = a;
    const struct finding_item *y = b;

    if (x->pub.line != y->pub.line) {
        return x->pub.line < y->pub.line ? -1 : 1;
    }
    return x->seq < y->seq ? -1 : (x->seq > y->seq ? 1 : 0);
}

enum caa_status caa_lint_zone(const struct caa_zone *zone, struct caa_lint_report **out)
{
    struct caa_lint_report *rep;
    enum caa_status st;

    if (zone == NULL || out == NULL) {
        return CAA_E_INVALID_ARG;
    }
    *out = NULL;
    rep = calloc(1, sizeof(*rep));
    if (rep == NULL) {
        return CAA_E_NOMEM;
    }
    lint_errors(rep, zone);
    for (size_t i = 0; i < caa_zone_entry_count(zone) && rep->status == CAA_OK; i++) {
        lint_record(rep, zone, i);
    }
    lint_rrsets(rep, zone);
    st = rep->status;
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
