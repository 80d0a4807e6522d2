/* SPDX-License-Identifier: MIT */
/* The record-level lint rules: flags, tag, owner, iodef, contact. Issue values are in
 * lint_issue.c, the RRset rules in lint_rrset.c. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <caa/value.h>

#include "lib/lint/lint_rules.h"
#include "lib/util/ascii.h"
#include "lib/util/edit_distance.h"

/* Longest value quoted in a message. */
#define QUOTE_MAX 80

/* IANA "Certification Authority Restriction Properties", plus the CA/B Forum contact tags. */
static const char *const registered_tags[] = {
    "issue", "issuewild", "iodef", "issuemail", "issuevmc", "contactemail", "contactphone",
};

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

void caa__lint_record(struct caa_lint_report *rep, const struct caa__lint_subject *s)
{
    struct caa__lint_record r;
    const struct caa_record *rec;

    memset(&r, 0, sizeof(r));
    r.rep = rep;
    r.entry = s;
    r.text = s->text;
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
