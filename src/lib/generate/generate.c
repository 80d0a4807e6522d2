/* SPDX-License-Identifier: MIT */
#include <caa/generate.h>
#include <caa/record.h>
#include <caa/value.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/generate/formats.h"
#include "lib/util/ascii.h"
#include "lib/util/buf.h"

/* Ceilings: a policy is a handful of records; these only stop runaway input. */
#define NAME_MAX_LEN 253
#define LABEL_MAX_LEN 63
#define VALUE_BUF_MAX ((size_t)CAA_VALUE_MAX)
/* RFC 2181 §8: a TTL is at most 2^31 - 1. */
#define TTL_MAX UINT32_C(2147483647)

/* A list of malloc'd strings, order kept. */
struct str_list {
    char **items;
    size_t count;
    size_t cap;
};

/* The records being built, order kept. */
struct rec_list {
    struct caa_record *items;
    size_t count;
    size_t cap;
};

__attribute__((format(printf, 2, 3))) static enum caa_status fail(struct caa_error *err,
                                                                  const char *fmt, ...)
{
    va_list ap;

    if (err != NULL) {
        err->offset = 0;
        va_start(ap, fmt);
        (void)vsnprintf(err->message, sizeof(err->message), fmt, ap);
        va_end(ap);
    }
    return CAA_E_INVALID_ARG;
}

static void str_list_cleanup(struct str_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i]);
    }
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->cap = 0;
}

static bool str_list_has(const struct str_list *list, const char *s)
{
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i], s) == 0) {
            return true;
        }
    }
    return false;
}

/* Appends a copy of s unless it is already there. */
static enum caa_status str_list_add_unique(struct str_list *list, const char *s)
{
    char *copy;

    if (str_list_has(list, s)) {
        return CAA_OK;
    }
    if (list->count == list->cap) {
        size_t cap = list->cap == 0 ? 8 : list->cap * 2;
        char **items = realloc(list->items, cap * sizeof(*items));
        if (items == NULL) {
            return CAA_E_NOMEM;
        }
        list->items = items;
        list->cap = cap;
    }
    copy = strdup(s);
    if (copy == NULL) {
        return CAA_E_NOMEM;
    }
    list->items[list->count++] = copy;
    return CAA_OK;
}

static void rec_list_cleanup(struct rec_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        caa_record_cleanup(&list->items[i]);
    }
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->cap = 0;
}

static enum caa_status rec_list_add(struct rec_list *list, uint8_t flags, const char *tag,
                                    const char *value, struct caa_error *err)
{
    enum caa_status st;
    struct caa_error rec_err;

    if (list->count == list->cap) {
        size_t cap = list->cap == 0 ? 8 : list->cap * 2;
        struct caa_record *items = realloc(list->items, cap * sizeof(*items));
        if (items == NULL) {
            return CAA_E_NOMEM;
        }
        list->items = items;
        list->cap = cap;
    }
    caa_record_init(&list->items[list->count]);
    rec_err.message[0] = '\0';
    st = caa_record_set(&list->items[list->count], flags, tag, (const uint8_t *)value,
                        strlen(value), CAA_PARSE_STRICT, &rec_err);
    if (st == CAA_E_NOMEM) {
        return st;
    }
    if (st != CAA_OK) {
        return fail(err, "cannot build the %s record \"%.60s\": %s", tag, value, rec_err.message);
    }
    list->count++;
    return CAA_OK;
}

/* RFC 1035 host names, as they appear as owners: LDH labels (and `_`, used in service
 * names), 1-63 bytes each, at most 253 in all. */
static bool owner_is_valid(const char *s, size_t len)
{
    size_t label_len = 0;

    if (len == 0 || len > NAME_MAX_LEN) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        uint8_t c = (uint8_t)s[i];
        if (c == '.') {
            if (label_len == 0) {
                return false;
            }
            label_len = 0;
        } else if (caa__ascii_is_alnum(c) || c == '-' || c == '_') {
            if (++label_len > LABEL_MAX_LEN) {
                return false;
            }
        } else {
            return false;
        }
    }
    return label_len > 0;
}

/* *out: the owner lower-cased without its trailing dot (free()). */
static enum caa_status normalize_owner(const char *owner, char **out, struct caa_error *err)
{
    size_t len;
    char *copy;

    if (owner == NULL || owner[0] == '\0') {
        return fail(err, "no owner name: give the domain the records are for");
    }
    len = strlen(owner);
    if (len > 1 && owner[len - 1] == '.') {
        len--;
    }
    if (len > 2 && owner[0] == '*' && owner[1] == '.') {
        /* RFC 8659 §4.3 looks up the name itself and its parents, never a DNS wildcard
         * owner: records at *.example.com are not the policy for *.example.com. */
        return fail(err,
                    "owner '%.80s': CAA records at a wildcard owner do not govern wildcard "
                    "certificates; put them at '%.80s' (issuewild covers wildcards)",
                    owner, owner + 2);
    }
    if (!owner_is_valid(owner, len)) {
        return fail(err, "owner '%.100s' is not a domain name (ASCII; IDNs as xn-- A-labels)",
                    owner);
    }
    copy = malloc(len + 1);
    if (copy == NULL) {
        return CAA_E_NOMEM;
    }
    memcpy(copy, owner, len);
    copy[len] = '\0';
    caa__ascii_lower_in_place(copy, len);
    *out = copy;
    return CAA_OK;
}

/* "unknown CA 'x': ...; known: letsencrypt, digicert, ..." cut to fit err->message. */
static enum caa_status fail_unknown_ca(const char *name, struct caa_error *err)
{
    char known[sizeof(err->message)];
    size_t used = 0;
    int n;

    if (err == NULL) {
        return CAA_E_INVALID_ARG;
    }
    n = snprintf(err->message, sizeof(err->message),
                 "unknown CA '%.40s': not in the CA table (%s) and not a domain name; known: ",
                 name, caa_ca_table_date());
    if (n < 0 || (size_t)n >= sizeof(err->message)) {
        return fail(err, "unknown CA '%.40s'", name);
    }
    known[0] = '\0';
    for (size_t i = 0; i < caa_ca_count(); i++) {
        const char *id = caa_ca_at(i)->id;
        size_t id_len = strlen(id);
        size_t room = sizeof(err->message) - (size_t)n - 1;
        /* keep room for ", ..." */
        if (used + id_len + 2 + 5 > room) {
            memcpy(known + used, ", ...", 6);
            used += 5;
            break;
        }
        if (used > 0) {
            memcpy(known + used, ", ", 3);
            used += 2;
        }
        memcpy(known + used, id, id_len + 1);
        used += id_len;
    }
    memcpy(err->message + n, known, used + 1);
    err->offset = 0;
    return CAA_E_INVALID_ARG;
}

/*
 * One CA name -> issuer domains appended to `out`. A name with a dot that is an issuer domain
 * name is taken literally (lower-cased, one trailing dot dropped: the value is compared byte for
 * byte by CAs). Otherwise the table is asked (id, alias or display name) and every issuer domain
 * of that CA is added. A dotless name that the table does not know is refused: no CA uses a
 * single-label identifier, so it is a typo ("letsencrpyt") that would block every CA.
 */
static enum caa_status expand_ca(const char *name, struct str_list *out, struct caa_error *err)
{
    enum caa_status st = CAA_OK;
    const struct caa_ca_info *ca;
    size_t len = strlen(name);
    char *lower = NULL;

    if (len > 1 && name[len - 1] == '.') {
        len--;
    }
    lower = malloc(len + 1);
    if (lower == NULL) {
        return CAA_E_NOMEM;
    }
    memcpy(lower, name, len);
    lower[len] = '\0';
    caa__ascii_lower_in_place(lower, len);
    if (memchr(lower, '.', len) != NULL && caa_is_issuer_domain((const uint8_t *)lower, len)) {
        st = str_list_add_unique(out, lower);
        goto out;
    }
    ca = caa_ca_find(name);
    if (ca == NULL) {
        st = fail_unknown_ca(name, err);
        goto out;
    }
    for (const char *const *d = ca->issuer_domains; *d != NULL && st == CAA_OK; d++) {
        st = str_list_add_unique(out, *d);
    }
out:
    free(lower);
    return st;
}

static enum caa_status expand_cas(const char *const *names, size_t count, struct str_list *out,
                                  struct caa_error *err)
{
    for (size_t i = 0; i < count; i++) {
        enum caa_status st;
        if (names[i] == NULL) {
            return fail(err, "CA name %zu is missing", i + 1);
        }
        st = expand_ca(names[i], out, err);
        if (st != CAA_OK) {
            return st;
        }
    }
    return CAA_OK;
}

/* RFC 8659 §4.2: a parameter value is 0x21-0x3A / 0x3C-0x7E (no space, no `;`). */
static bool is_param_value(const char *s)
{
    for (; *s != '\0'; s++) {
        uint8_t c = (uint8_t)*s;
        if (c < 0x21 || c > 0x7E || c == ';') {
            return false;
        }
    }
    return true;
}

/* "; accounturi=URI; validationmethods=a,b" (RFC 8657 §3, §4) into suffix. */
static enum caa_status build_params(const struct caa_policy *p, struct caa__buf *suffix,
                                    struct caa_error *err)
{
    if (p->account_uri != NULL) {
        size_t len = strlen(p->account_uri);
        if (!is_param_value(p->account_uri) ||
            !caa_is_account_uri((const uint8_t *)p->account_uri, len)) {
            return fail(err,
                        "account URI '%.100s' is not an absolute URI usable as an RFC 8657 "
                        "accounturi (no spaces or ';')",
                        p->account_uri);
        }
        caa__buf_printf(suffix, "; accounturi=%s", p->account_uri);
    }
    for (size_t i = 0; i < p->method_count; i++) {
        const char *m = p->methods[i];
        if (m == NULL || m[0] == '\0' || strchr(m, ',') != NULL ||
            !caa_is_method_list((const uint8_t *)m, strlen(m))) {
            return fail(err,
                        "validation method '%.60s' is not an RFC 8657 label (letters, digits, "
                        "'-'; e.g. dns-01, http-01, tls-alpn-01)",
                        m == NULL ? "" : m);
        }
        for (size_t j = 0; j < i; j++) {
            if (caa__ascii_equal_nocase((const uint8_t *)m, strlen(m),
                                        (const uint8_t *)p->methods[j], strlen(p->methods[j]))) {
                return fail(err, "validation method '%.60s' is given twice", m);
            }
        }
        caa__buf_append_str(suffix, i == 0 ? "; validationmethods=" : ",");
        caa__buf_append_str(suffix, m);
    }
    return suffix->status;
}

/* One issue/issuewild record per issuer domain, or `;` when there is none. */
static enum caa_status add_issuers(struct rec_list *recs, const char *tag,
                                   const struct str_list *domains, const char *params,
                                   uint8_t flags, struct caa_error *err)
{
    enum caa_status st = CAA_OK;
    struct caa__buf value;

    if (domains->count == 0) {
        return rec_list_add(recs, flags, tag, ";", err);
    }
    caa__buf_init(&value, VALUE_BUF_MAX);
    for (size_t i = 0; i < domains->count && st == CAA_OK; i++) {
        value.len = 0;
        caa__buf_append_str(&value, domains->items[i]);
        caa__buf_append_str(&value, params);
        st = value.status;
        if (st == CAA_E_LIMIT) {
            st = fail(err, "the %s value for %.60s is longer than a CAA value may be", tag,
                      domains->items[i]);
        }
        if (st == CAA_OK) {
            st = rec_list_add(recs, flags, tag, value.data, err);
        }
    }
    caa__buf_cleanup(&value);
    return st;
}

/* RFC 8659 §4.4: iodef is a URL; a bare address is taken as mailto: (as SSLMate's generator
 * does). Duplicates are dropped. */
static enum caa_status add_iodefs(struct rec_list *recs, const struct caa_policy *p,
                                  struct caa_error *err)
{
    enum caa_status st = CAA_OK;
    struct str_list seen = {0};
    struct caa__buf url;

    caa__buf_init(&url, VALUE_BUF_MAX);
    for (size_t i = 0; i < p->iodef_count && st == CAA_OK; i++) {
        const char *in = p->iodef[i] == NULL ? "" : p->iodef[i];
        struct caa_error why;
        url.len = 0;
        if (strchr(in, ':') == NULL && strchr(in, '@') != NULL) {
            caa__buf_append_str(&url, "mailto:");
        }
        caa__buf_append_str(&url, in);
        st = url.status;
        if (st != CAA_OK) {
            break;
        }
        why.message[0] = '\0';
        if (!caa_iodef_valid((const uint8_t *)url.data, url.len, &why)) {
            st = fail(err, "iodef '%.80s' is not a mailto:, http: or https: URL: %s", in,
                      why.message);
            break;
        }
        if (str_list_has(&seen, url.data)) {
            continue;
        }
        st = str_list_add_unique(&seen, url.data);
        if (st == CAA_OK) {
            st = rec_list_add(recs, 0, "iodef", url.data, err);
        }
    }
    caa__buf_cleanup(&url);
    str_list_cleanup(&seen);
    return st;
}

static enum caa_status add_contacts(struct rec_list *recs, const struct caa_policy *p,
                                    struct caa_error *err)
{
    enum caa_status st = CAA_OK;
    struct caa_error why;

    why.message[0] = '\0';
    if (p->contact_email != NULL) {
        if (!caa_contactemail_valid((const uint8_t *)p->contact_email, strlen(p->contact_email),
                                    &why)) {
            return fail(err, "contact email '%.80s' is not one email address: %s", p->contact_email,
                        why.message);
        }
        st = rec_list_add(recs, 0, "contactemail", p->contact_email, err);
    }
    if (st == CAA_OK && p->contact_phone != NULL) {
        why.message[0] = '\0';
        if (!caa_contactphone_valid((const uint8_t *)p->contact_phone, strlen(p->contact_phone),
                                    &why)) {
            return fail(err, "contact phone '%.80s' is not an RFC 3966 global number (+...): %s",
                        p->contact_phone, why.message);
        }
        st = rec_list_add(recs, 0, "contactphone", p->contact_phone, err);
    }
    return st;
}

/* Wildcard CAs imply a wildcard policy even if the caller forgot wildcard_set. */
static bool wildcard_policy(const struct caa_policy *p)
{
    return p->wildcard_set || p->wildcard_ca_count > 0;
}

/* Contradictions the records could not express, before anything is built. */
static enum caa_status check_shape(const struct caa_policy *p, struct caa_error *err)
{
    bool has_params = p->account_uri != NULL || p->method_count > 0;

    if (p->no_issuance && p->ca_count > 0) {
        return fail(err, "contradictory policy: no issuance (issue \";\") together with CAs "
                         "allowed to issue");
    }
    if (p->ca_count == 0 && !p->no_issuance && !wildcard_policy(p)) {
        return fail(err, "nothing to generate: give --ca, --no-issuance or --wildcard-ca");
    }
    if ((p->ca_count > 0 && p->cas == NULL) ||
        (p->wildcard_ca_count > 0 && p->wildcard_cas == NULL) ||
        (p->iodef_count > 0 && p->iodef == NULL) || (p->method_count > 0 && p->methods == NULL)) {
        return fail(err, "a list has a count but no items");
    }
    /* Parameters only mean something on a record that names a CA: `;` has no issuer
     * (RFC 8659 §4.2), so an account URI or methods with no CA at all is a mistake. */
    if (has_params && p->ca_count == 0 && p->wildcard_ca_count == 0) {
        return fail(err,
                    "contradictory policy: %s given but no CA may issue (a ';' record "
                    "takes no parameters)",
                    p->account_uri != NULL ? "an account URI is" : "validation methods are");
    }
    if (p->ttl > TTL_MAX) {
        return fail(err, "TTL %lu is larger than 2147483647 (RFC 2181 §8)", (unsigned long)p->ttl);
    }
    return CAA_OK;
}

static enum caa_status build_records(const struct caa_policy *p, struct rec_list *recs,
                                     struct caa_error *err)
{
    enum caa_status st;
    struct str_list issue = {0};
    struct str_list wild = {0};
    struct caa__buf params;
    uint8_t flags = p->critical ? CAA_FLAG_CRITICAL : 0;

    caa__buf_init(&params, VALUE_BUF_MAX);
    st = expand_cas(p->cas, p->ca_count, &issue, err);
    if (st == CAA_OK && wildcard_policy(p)) {
        st = expand_cas(p->wildcard_cas, p->wildcard_ca_count, &wild, err);
    }
    if (st == CAA_OK) {
        st = build_params(p, &params, err);
    }
    if (st == CAA_OK && (p->ca_count > 0 || p->no_issuance)) {
        st = add_issuers(recs, "issue", &issue, params.data == NULL ? "" : params.data, flags, err);
    }
    if (st == CAA_OK && wildcard_policy(p)) {
        st = add_issuers(recs, "issuewild", &wild, params.data == NULL ? "" : params.data, flags,
                         err);
    }
    if (st == CAA_OK) {
        st = add_iodefs(recs, p, err);
    }
    if (st == CAA_OK) {
        st = add_contacts(recs, p, err);
    }
    caa__buf_cleanup(&params);
    str_list_cleanup(&issue);
    str_list_cleanup(&wild);
    return st;
}

void caa_policy_init(struct caa_policy *policy)
{
    memset(policy, 0, sizeof(*policy));
}

enum caa_status caa_generate(const struct caa_policy *policy, enum caa_format format, char **out,
                             struct caa_error *err)
{
    enum caa_status st;
    struct rec_list recs = {0};
    char *owner = NULL;

    if (policy == NULL || out == NULL) {
        return fail(err, "no policy or no output pointer");
    }
    *out = NULL;
    if (caa_format_name(format) == NULL) {
        return fail(err, "unknown output format %d", (int)format);
    }
    st = check_shape(policy, err);
    if (st == CAA_OK) {
        st = normalize_owner(policy->owner, &owner, err);
    }
    if (st == CAA_OK) {
        st = build_records(policy, &recs, err);
    }
    if (st == CAA_OK) {
        st = caa__format_records(owner, policy->ttl, recs.items, recs.count, format, out, err);
    }
    rec_list_cleanup(&recs);
    free(owner);
    return st;
}
