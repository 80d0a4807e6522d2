/* SPDX-License-Identifier: MIT */
/*
 * The verdict: does the relevant RRset let this CA issue for this request? RFC 8659 §4, RFC 8657,
 * and Boulder's exact reading of them (va/caa.go) for the letsencrypt profile. See
 * /docs/profiles.md for every place the two profiles differ.
 */
#include "lib/caa/authorize.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <caa/value.h>

#include "lib/util/ascii.h"

/* Tags Boulder knows; a critical flag on them never blocks (boulder#6921, #7307, #8374). */
static const char *const known_tags[] = {"issue", "issuewild", "iodef", "issuemail", "issuevmc"};

/* Let's Encrypt's account-URL prefixes, one group per environment: the v1 and v2 forms of one
 * account ID name the same account; staging and production accounts differ. */
static const char *const le_account_prefixes[][2] = {
    {"https://acme-v01.api.letsencrypt.org/acme/reg/",
     "https://acme-v02.api.letsencrypt.org/acme/acct/"},
    {"https://acme-staging.api.letsencrypt.org/acme/reg/",
     "https://acme-staging-v02.api.letsencrypt.org/acme/acct/"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* What one considered record made of the request, with the detail for the reason line. */
struct record_check {
    enum caa_record_outcome outcome;
    char detail[256];
};

struct run {
    const struct caa_rrset *set;
    const struct caa_request *req;
    enum caa_profile profile;
    const char *owner;
    const char *use_tag;
    struct caa__decision *out;
};

static bool tag_known(const struct caa_record *rec)
{
    for (size_t i = 0; i < COUNT(known_tags); i++) {
        if (caa_record_tag_is(rec, known_tags[i])) {
            return true;
        }
    }
    return false;
}

/* RFC 8659 §4.1: bit 128 is Issuer Critical. Boulder also treats bit value 1 as critical. */
static bool is_critical(const struct caa_record *rec, enum caa_profile profile)
{
    unsigned mask = profile == CAA_PROFILE_LETSENCRYPT ? 0x81u : 0x80u;
    return (rec->flags & mask) != 0;
}

static bool slice_equals(struct caa_slice s, const char *text)
{
    size_t len = strlen(text);
    return s.len == len && (len == 0 || memcmp(s.ptr, text, len) == 0);
}

/* Boulder compares the issuer byte for byte; the RFC's DNS names compare case-insensitively. */
static bool issuer_matches(struct caa_slice issuer, const struct caa_request *req,
                           enum caa_profile profile)
{
    for (size_t i = 0; i < req->issuer_count; i++) {
        const char *ca = req->issuers[i];
        if (profile == CAA_PROFILE_LETSENCRYPT
                ? slice_equals(issuer, ca)
                : caa__ascii_equal_nocase(issuer.ptr, issuer.len, (const uint8_t *)ca,
                                          strlen(ca))) {
            return true;
        }
    }
    return false;
}

static __attribute__((format(printf, 2, 3))) void detail(struct record_check *rc, const char *fmt,
                                                         ...)
{
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(rc->detail, sizeof(rc->detail), fmt, ap);
    va_end(ap);
}

/* The account ID in a Let's Encrypt account URL, and its environment group; -1 if not one. */
static int le_account_group(const char *uri, const char **id)
{
    for (size_t g = 0; g < COUNT(le_account_prefixes); g++) {
        for (size_t p = 0; p < 2; p++) {
            const char *prefix = le_account_prefixes[g][p];
            size_t len = strlen(prefix);
            const char *rest = uri + len;
            if (strncmp(uri, prefix, len) != 0 || *rest == '\0') {
                continue;
            }
            while (caa__ascii_is_digit((uint8_t)*rest)) {
                rest++;
            }
            if (*rest == '\0') {
                *id = uri + len;
                return (int)g;
            }
        }
    }
    return -1;
}

static bool account_equals(struct caa_slice value, const char *uri, enum caa_profile profile)
{
    const char *id = NULL;
    int group = profile == CAA_PROFILE_LETSENCRYPT ? le_account_group(uri, &id) : -1;

    if (group < 0) {
        return slice_equals(value, uri);
    }
    /* Boulder: the record must equal prefix + decimal account ID for a configured prefix. */
    for (size_t p = 0; p < 2; p++) {
        const char *prefix = le_account_prefixes[group][p];
        size_t len = strlen(prefix);
        if (value.len == len + strlen(id) && memcmp(value.ptr, prefix, len) == 0 &&
            memcmp(value.ptr + len, id, strlen(id)) == 0) {
            return true;
        }
    }
    return false;
}

/* RFC 8657 §3. */
static bool check_account(const struct caa_issue_param *param, const struct run *r,
                          struct record_check *rc)
{
    const char *uri = r->req->account_uri;

    if (uri == NULL) {
        detail(rc, "it is bound to accounturi=%.*s and no account was given", (int)param->value.len,
               (const char *)param->value.ptr);
        return false;
    }
    if (!caa_is_account_uri(param->value.ptr, param->value.len) ||
        !account_equals(param->value, uri, r->profile)) {
        detail(rc, "it is bound to accounturi=%.*s, not to %s", (int)param->value.len,
               (const char *)param->value.ptr, uri);
        return false;
    }
    return true;
}

/* Methods Boulder knows; well-formed labels outside the list are skipped. */
static bool method_known(const uint8_t *label, size_t len)
{
    return caa_validation_method_known(label, len);
}

static bool method_label_ok(const uint8_t *label, size_t len)
{
    if (len == 0) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (!caa__ascii_is_alnum(label[i]) && label[i] != '-') {
            return false;
        }
    }
    return true;
}

/* RFC 8657 §4. Boulder walks the labels in order: a malformed label fails the record when it is
 * reached, unknown well-formed labels are skipped. The RFC profile rejects a value that breaks
 * the ABNF whatever the order. */
static bool check_methods(const struct caa_issue_param *param, const struct run *r,
                          struct record_check *rc)
{
    const uint8_t *p = param->value.ptr;
    const uint8_t *end = p + param->value.len;
    const char *method = r->req->method;

    if (r->profile == CAA_PROFILE_RFC8659 && !caa_is_method_list(p, param->value.len)) {
        detail(rc, "its validationmethods=%.*s is not a list of method labels",
               (int)param->value.len, (const char *)p);
        return false;
    }
    while (method != NULL) {
        const uint8_t *comma = memchr(p, ',', (size_t)(end - p));
        const uint8_t *label_end = comma != NULL ? comma : end;
        size_t len = (size_t)(label_end - p);
        if (!method_label_ok(p, len)) {
            detail(rc, "its validationmethods=%.*s has a malformed label '%.*s'",
                   (int)param->value.len, (const char *)param->value.ptr, (int)len,
                   (const char *)p);
            return false;
        }
        if ((r->profile == CAA_PROFILE_RFC8659 || method_known(p, len)) && strlen(method) == len &&
            memcmp(method, p, len) == 0) {
            return true;
        }
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    if (method == NULL) {
        detail(rc, "it allows only validationmethods=%.*s and no method was given",
               (int)param->value.len, (const char *)param->value.ptr);
    } else {
        detail(rc, "it allows only validationmethods=%.*s, not %s", (int)param->value.len,
               (const char *)param->value.ptr, method);
    }
    return false;
}

/* Judges one issue/issuewild record for the request. */
static void check_record(const struct caa_record *rec, const struct run *r, struct record_check *rc,
                         bool *names_ca)
{
    struct caa_issue_value v;
    struct caa_error err = {0, ""};
    size_t accounts;
    size_t methods;
    enum caa_status st = caa_issue_value_parse(rec->value, rec->value_len, r->profile, &v, &err);

    *names_ca = issuer_matches(v.issuer, r->req, r->profile);
    rc->detail[0] = '\0';
    if (st != CAA_OK || !v.well_formed) {
        rc->outcome = CAA_RECORD_MALFORMED;
        detail(rc, "%s", err.message[0] != '\0' ? err.message : caa_status_message(st));
        return;
    }
    if (v.issuer.len == 0) {
        rc->outcome = CAA_RECORD_EMPTY_ISSUER;
        return;
    }
    if (!*names_ca) {
        rc->outcome = CAA_RECORD_OTHER_ISSUER;
        return;
    }
    accounts = caa_issue_value_param_count(&v, "accounturi", r->profile);
    methods = caa_issue_value_param_count(&v, "validationmethods", r->profile);
    if (accounts > 1 || methods > 1) {
        rc->outcome = CAA_RECORD_DUPLICATE_PARAMETER;
        detail(rc, "it repeats %s", accounts > 1 ? "accounturi" : "validationmethods");
        return;
    }
    if (accounts == 1 &&
        !check_account(caa_issue_value_param(&v, "accounturi", r->profile), r, rc)) {
        rc->outcome = CAA_RECORD_ACCOUNT_MISMATCH;
        return;
    }
    if (methods == 1 &&
        !check_methods(caa_issue_value_param(&v, "validationmethods", r->profile), r, rc)) {
        rc->outcome = CAA_RECORD_METHOD_MISMATCH;
        return;
    }
    rc->outcome = CAA_RECORD_AUTHORIZES;
}

static __attribute__((format(printf, 2, 3))) void reason(struct caa__decision *d, const char *fmt,
                                                         ...)
{
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(d->reason, sizeof(d->reason), fmt, ap);
    va_end(ap);
}

static void decide(struct caa__decision *d, enum caa_code code)
{
    d->code = code;
    d->verdict =
        caa_code_kind(code) == CAA_CODE_KIND_ALLOWED ? CAA_VERDICT_ALLOWED : CAA_VERDICT_DENIED;
}

static void add_decisive(struct caa__decision *d, size_t i)
{
    d->decisive[d->decisive_count++] = i;
}

/* RFC 8659 §4.1, §4.5: an unknown property marked critical forbids issuance. */
static bool deny_unknown_critical(const struct run *r)
{
    struct caa__decision *d = r->out;
    const struct caa_record *first = NULL;

    for (size_t i = 0; i < d->record_count; i++) {
        const struct caa_record *rec = caa_rrset_record(r->set, i);
        if (!tag_known(rec) && is_critical(rec, r->profile)) {
            d->outcomes[i] = CAA_RECORD_UNKNOWN_CRITICAL;
            add_decisive(d, i);
            first = first != NULL ? first : rec;
        }
    }
    if (first == NULL) {
        return false;
    }
    decide(d, CAA_CODE_UNKNOWN_CRITICAL);
    reason(
        d,
        "the CAA record at %s has the unknown property '%s' marked critical (flags %u), so no CA "
        "that does not implement it may issue",
        r->owner, first->tag, (unsigned)first->flags);
    return true;
}

/* Appends the distinct issuers of the considered records to buf: "digicert.com, sectigo.com". */
static void list_issuers(const struct run *r, char *buf, size_t cap)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < r->out->record_count && used + 1 < cap; i++) {
        const struct caa_record *rec = caa_rrset_record(r->set, i);
        struct caa_issue_value v;
        int n;
        if (r->out->outcomes[i] != CAA_RECORD_OTHER_ISSUER &&
            r->out->outcomes[i] != CAA_RECORD_MALFORMED) {
            continue;
        }
        (void)caa_issue_value_parse(rec->value, rec->value_len, r->profile, &v, NULL);
        if (v.issuer.len == 0) {
            continue;
        }
        n = snprintf(buf + used, cap - used, "%s\"%.*s\"", used > 0 ? ", " : "", (int)v.issuer.len,
                     (const char *)v.issuer.ptr);
        if (n < 0 || (size_t)n >= cap - used) {
            break;
        }
        used += (size_t)n;
    }
}

/* Why a listed issuer that looks like the CA does not match it (ca-behaviour.md T049), or "". */
static const char *near_miss_hint(const struct run *r)
{
    const char *ca = r->req->issuers[0];
    size_t ca_len = strlen(ca);

    for (size_t i = 0; i < r->out->record_count; i++) {
        const struct caa_record *rec = caa_rrset_record(r->set, i);
        struct caa_issue_value v;
        if (r->out->outcomes[i] != CAA_RECORD_OTHER_ISSUER) {
            continue;
        }
        (void)caa_issue_value_parse(rec->value, rec->value_len, r->profile, &v, NULL);
        if (caa__ascii_equal_nocase(v.issuer.ptr, v.issuer.len, (const uint8_t *)ca, ca_len)) {
            return " (one record differs from it only in letter case, and CAs compare issuer names "
                   "byte for byte)";
        }
        if (v.issuer.len == ca_len + 1 && memcmp(v.issuer.ptr, ca, ca_len) == 0 &&
            v.issuer.ptr[ca_len] == '.') {
            return " (one record has it with a trailing dot, which matches no CA)";
        }
        if (v.issuer.len > ca_len && memchr(v.issuer.ptr, '"', v.issuer.len) != NULL) {
            return " (one record has literal quote characters around the name)";
        }
        for (size_t at = 0; v.issuer.len > ca_len && at + ca_len <= v.issuer.len; at++) {
            if (memcmp(v.issuer.ptr + at, ca, ca_len) == 0) {
                return " (one record contains the name but is not exactly it: write just the "
                       "issuer domain name)";
            }
        }
    }
    return "";
}

/* The denial when nothing authorised: blame what the records that name the CA got wrong first,
 * then "no CA" records, then other CAs. */
static void classify_denial(const struct run *r, const struct record_check *first_ca_check,
                            size_t first_ca_index, size_t considered, size_t empties)
{
    struct caa__decision *d = r->out;
    static const struct {
        enum caa_record_outcome outcome;
        enum caa_code code;
    } by_outcome[] = {
        {CAA_RECORD_DUPLICATE_PARAMETER, CAA_CODE_DUPLICATE_PARAMETER},
        {CAA_RECORD_ACCOUNT_MISMATCH, CAA_CODE_ACCOUNTURI_MISMATCH},
        {CAA_RECORD_METHOD_MISMATCH, CAA_CODE_METHOD_NOT_ALLOWED},
        {CAA_RECORD_MALFORMED, CAA_CODE_MALFORMED},
    };
    const char *ca = r->req->issuers[0];
    char issuers[384];

    if (first_ca_check != NULL) {
        decide(d, CAA_CODE_MALFORMED);
        for (size_t i = 0; i < COUNT(by_outcome); i++) {
            if (by_outcome[i].outcome == first_ca_check->outcome) {
                decide(d, by_outcome[i].code);
            }
        }
        reason(d, "the %s record for %s at %s does not authorize this request: %s", r->use_tag, ca,
               r->owner, first_ca_check->detail);
        (void)first_ca_index;
        return;
    }
    if (empties == considered) {
        decide(d, CAA_CODE_EMPTY_ISSUER);
        reason(d, "the CAA records at %s say no CA may issue%s (%s \";\")", r->owner,
               strcmp(r->use_tag, "issuewild") == 0 ? " for wildcard names" : "", r->use_tag);
        return;
    }
    decide(d, CAA_CODE_ISSUER_NOT_LISTED);
    list_issuers(r, issuers, sizeof(issuers));
    if (issuers[0] == '\0') {
        reason(d, "the %s records at %s are malformed, so they authorize no CA", r->use_tag,
               r->owner);
        return;
    }
    reason(d, "the %s records at %s allow only %s; %s is not listed%s", r->use_tag, r->owner,
           issuers, ca, near_miss_hint(r));
}

/* Steps 5-7 of the decision lattice (ca-behaviour.md §7). */
static void judge_properties(const struct run *r)
{
    struct caa__decision *d = r->out;
    struct record_check rc;
    struct record_check first_ca_check;
    size_t first_ca_index = 0;
    bool have_ca_check = false;
    size_t considered = 0;
    size_t empties = 0;

    for (size_t i = 0; i < d->record_count; i++) {
        const struct caa_record *rec = caa_rrset_record(r->set, i);
        bool names_ca = false;
        if (!caa_record_tag_is(rec, r->use_tag)) {
            continue;
        }
        considered++;
        check_record(rec, r, &rc, &names_ca);
        d->outcomes[i] = rc.outcome;
        if (rc.outcome == CAA_RECORD_AUTHORIZES) {
            for (size_t j = i + 1; j < d->record_count; j++) {
                if (caa_record_tag_is(caa_rrset_record(r->set, j), r->use_tag)) {
                    d->outcomes[j] = CAA_RECORD_NOT_EVALUATED;
                }
            }
            d->decisive_count = 0;
            add_decisive(d, i);
            decide(d, CAA_CODE_AUTHORIZED);
            reason(d, "the %s record at %s authorizes %s", r->use_tag, r->owner,
                   r->req->issuers[0]);
            return;
        }
        empties += rc.outcome == CAA_RECORD_EMPTY_ISSUER;
        if (names_ca) {
            add_decisive(d, i);
            if (!have_ca_check) {
                first_ca_check = rc;
                first_ca_index = i;
                have_ca_check = true;
            }
        }
    }
    if (!have_ca_check) {
        for (size_t i = 0; i < d->record_count; i++) {
            if (caa_record_tag_is(caa_rrset_record(r->set, i), r->use_tag)) {
                add_decisive(d, i);
            }
        }
    }
    classify_denial(r, have_ca_check ? &first_ca_check : NULL, first_ca_index, considered, empties);
}

static bool has_tag(const struct caa_rrset *set, const char *tag)
{
    for (size_t i = 0; i < caa_rrset_count(set); i++) {
        if (caa_record_tag_is(caa_rrset_record(set, i), tag)) {
            return true;
        }
    }
    return false;
}

void caa__decision_cleanup(struct caa__decision *d)
{
    free(d->outcomes);
    free(d->decisive);
    d->outcomes = NULL;
    d->decisive = NULL;
    d->record_count = 0;
    d->decisive_count = 0;
}

enum caa_status caa__authorize(const struct caa_rrset *set, const struct caa_request *req,
                               enum caa_profile profile, struct caa__arena *arena,
                               struct caa__decision *out)
{
    const char *name = req->name;
    bool wildcard = strncmp(name, "*.", 2) == 0;
    size_t n = caa_rrset_count(set);
    struct run r = {set, req, profile, caa_rrset_owner(set), "issue", out};

    memset(out, 0, sizeof(*out));
    out->record_count = n;
    if (arena != NULL) {
        out->outcomes = caa__arena_calloc(arena, n + 1, sizeof(*out->outcomes));
        out->decisive = caa__arena_calloc(arena, n + 1, sizeof(*out->decisive));
        if (out->outcomes == NULL || out->decisive == NULL) {
            return caa__arena_status(arena);
        }
    } else {
        out->outcomes = calloc(n + 1, sizeof(*out->outcomes));
        out->decisive = calloc(n + 1, sizeof(*out->decisive));
        if (out->outcomes == NULL || out->decisive == NULL) {
            caa__decision_cleanup(out);
            return CAA_E_NOMEM;
        }
    }
    if (r.owner[0] == '\0') {
        r.owner = wildcard ? name + 2 : name;
    }
    if (n == 0) {
        decide(out, CAA_CODE_NO_RECORDS);
        reason(out, "no CAA records at %s or any parent domain: any CA may issue",
               wildcard ? name + 2 : name);
        return CAA_OK;
    }
    if (deny_unknown_critical(&r)) {
        return CAA_OK;
    }
    /* RFC 8659 §4.3: for a wildcard, issuewild governs when present; else issue does. */
    if (wildcard && has_tag(set, "issuewild")) {
        r.use_tag = "issuewild";
    }
    if (!has_tag(set, r.use_tag)) {
        decide(out, CAA_CODE_NO_RELEVANT_PROPERTY);
        reason(out,
               "the CAA records at %s have no %s property, so they do not restrict %s: any CA "
               "may issue",
               r.owner, wildcard ? "issue or issuewild" : "issue",
               wildcard ? "wildcard certificates" : "certificates for this name");
        return CAA_OK;
    }
    judge_properties(&r);
    return CAA_OK;
}
