/* SPDX-License-Identifier: MIT */
/* The issue/issuewild/issuemail value: issuer-domain-name and parameters (RFC 8659 §4.2,
 * RFC 8657), read either as Boulder does or as the RFC ABNF says. */
#include <caa/value.h>

#include <stdio.h>
#include <string.h>

#include "lib/util/ascii.h"
#include "lib/util/error.h"

/* Longest piece of a value quoted in an error message, before "...". */
#define QUOTE_MAX 40
/* RFC 1035 §2.3.4: 63 octets per label, 255 per name on the wire (253 in text). */
#define LABEL_MAX 63
#define NAME_MAX_TEXT 253

struct span {
    size_t start; /* offset of the first byte in the value */
    size_t end;   /* offset one past the last byte */
};

static struct span span_trim(const uint8_t *v, struct span s)
{
    while (s.start < s.end && caa__ascii_is_wsp(v[s.start])) {
        s.start++;
    }
    while (s.end > s.start && caa__ascii_is_wsp(v[s.end - 1])) {
        s.end--;
    }
    return s;
}

static struct caa_slice span_slice(const uint8_t *v, struct span s)
{
    struct caa_slice out = {v + s.start, s.end - s.start};
    return out;
}

/* Copies n bytes into buf for a message: printable ASCII as is, the rest as \xNN, cut at
 * QUOTE_MAX bytes with "...". */
static void quote_bytes(const uint8_t *p, size_t n, char *buf, size_t cap)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char piece[8];
        size_t piece_len;
        if (i == QUOTE_MAX) {
            (void)snprintf(buf + used, cap - used, "...");
            return;
        }
        if (p[i] >= 0x20 && p[i] < 0x7F && p[i] != '\\') {
            piece[0] = (char)p[i];
            piece[1] = '\0';
        } else {
            (void)snprintf(piece, sizeof(piece), "\\x%02X", (unsigned)p[i]);
        }
        piece_len = strlen(piece);
        if (used + piece_len + 1 > cap) {
            return;
        }
        memcpy(buf + used, piece, piece_len + 1);
        used += piece_len;
    }
}

/* "'_'" for a printable byte, "byte 0xNN" for the rest. */
static void describe_byte(uint8_t c, char *buf, size_t cap)
{
    if (c > 0x20 && c < 0x7F) {
        (void)snprintf(buf, cap, "'%c'", (char)c);
    } else {
        (void)snprintf(buf, cap, "byte 0x%02X", (unsigned)c);
    }
}

static bool is_ldh_label_byte(uint8_t c)
{
    return caa__ascii_is_alnum(c) || c == '-';
}

/* Checks `label *("." label)` with label = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT)), each
 * label at most 63 bytes and the whole at most 253. `base` is s's offset in the value, for
 * err. */
static bool issuer_domain_check(const uint8_t *s, size_t len, size_t base, struct caa_error *err)
{
    size_t label_start = 0;
    char what[24];

    if (len > NAME_MAX_TEXT) {
        (void)caa__error_set(err, base, "issuer-domain-name is %zu bytes long (at most %d)", len,
                             NAME_MAX_TEXT);
        return false;
    }
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '.') {
            if (!is_ldh_label_byte(s[i])) {
                describe_byte(s[i], what, sizeof(what));
                (void)caa__error_set(err, base + i,
                                     "%s not allowed in an issuer-domain-name (letters, digits, "
                                     "'-' and '.' only)",
                                     what);
                return false;
            }
            continue;
        }
        /* s[label_start, i) is a complete label. */
        if (i == label_start) {
            if (i == len && i > 0) {
                (void)caa__error_set(err, base + i - 1,
                                     "issuer-domain-name ends with '.' (write it without the "
                                     "trailing dot)");
            } else {
                (void)caa__error_set(err, base + i, "empty label in issuer-domain-name");
            }
            return false;
        }
        if (s[label_start] == '-') {
            (void)caa__error_set(err, base + label_start,
                                 "label in issuer-domain-name starts with '-'");
            return false;
        }
        if (s[i - 1] == '-') {
            (void)caa__error_set(err, base + i - 1, "label in issuer-domain-name ends with '-'");
            return false;
        }
        if (i - label_start > LABEL_MAX) {
            (void)caa__error_set(err, base + label_start,
                                 "label in issuer-domain-name is %zu bytes long (at most %d)",
                                 i - label_start, LABEL_MAX);
            return false;
        }
        label_start = i + 1;
    }
    return true;
}

bool caa_is_issuer_domain(const uint8_t *s, size_t len)
{
    if (s == NULL || len == 0) {
        return false;
    }
    return issuer_domain_check(s, len, 0, NULL);
}

/* Boulder (va/caa.go): tag bytes [A-Za-z0-9], nothing else; an empty tag passes. */
static bool tag_check_letsencrypt(const uint8_t *v, struct span tag, struct caa_error *err)
{
    char quoted[4 * QUOTE_MAX + 8];
    char what[24];

    for (size_t i = tag.start; i < tag.end; i++) {
        if (!caa__ascii_is_alnum(v[i])) {
            quote_bytes(v + tag.start, tag.end - tag.start, quoted, sizeof(quoted));
            describe_byte(v[i], what, sizeof(what));
            (void)caa__error_set(err, i, "parameter tag '%s' has %s (only letters and digits)",
                                 quoted, what);
            return false;
        }
    }
    return true;
}

/* RFC 8659 §4.2: tag = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT)). */
static bool tag_check_rfc8659(const uint8_t *v, struct span tag, size_t eq, struct caa_error *err)
{
    char quoted[4 * QUOTE_MAX + 8];
    char what[24];

    quote_bytes(v + tag.start, tag.end - tag.start, quoted, sizeof(quoted));
    if (tag.start == tag.end) {
        (void)caa__error_set(err, eq, "parameter has an empty tag before '='");
        return false;
    }
    for (size_t i = tag.start; i < tag.end; i++) {
        if (!is_ldh_label_byte(v[i])) {
            describe_byte(v[i], what, sizeof(what));
            (void)caa__error_set(err, i,
                                 "parameter tag '%s' has %s (only letters, digits and interior "
                                 "'-')",
                                 quoted, what);
            return false;
        }
    }
    if (v[tag.start] == '-') {
        (void)caa__error_set(err, tag.start, "parameter tag '%s' starts with '-'", quoted);
        return false;
    }
    if (v[tag.end - 1] == '-') {
        (void)caa__error_set(err, tag.end - 1, "parameter tag '%s' ends with '-'", quoted);
        return false;
    }
    return true;
}

/* value = *(%x21-3A / %x3C-7E): both profiles. */
static bool value_check(const uint8_t *v, struct span tag, struct span val, struct caa_error *err)
{
    char quoted[4 * QUOTE_MAX + 8];

    for (size_t i = val.start; i < val.end; i++) {
        if (v[i] < 0x21 || v[i] == 0x3B || v[i] > 0x7E) {
            quote_bytes(v + tag.start, tag.end - tag.start, quoted, sizeof(quoted));
            (void)caa__error_set(err, i,
                                 "byte 0x%02X not allowed in a parameter value (parameter '%s'; "
                                 "no spaces, controls or non-ASCII)",
                                 (unsigned)v[i], quoted);
            return false;
        }
    }
    return true;
}

static const uint8_t *find_byte(const uint8_t *v, struct span s, uint8_t c)
{
    if (s.start == s.end) {
        return NULL;
    }
    return memchr(v + s.start, c, s.end - s.start);
}

/* One `tag = value` piece between semicolons. */
static bool parse_param(const uint8_t *v, struct span piece, enum caa_profile profile,
                        struct caa_issue_param *param, struct caa_error *err)
{
    struct span trimmed = span_trim(v, piece);
    const uint8_t *eq = find_byte(v, trimmed, '=');
    struct span tag;
    struct span val;
    char quoted[4 * QUOTE_MAX + 8];
    bool ok;

    if (eq == NULL) {
        quote_bytes(v + trimmed.start, trimmed.end - trimmed.start, quoted, sizeof(quoted));
        (void)caa__error_set(err, trimmed.start, "parameter '%s' has no '=' (write tag=value)",
                             quoted);
        return false;
    }
    /* Tags cannot hold '=', values can: split at the first one. */
    tag.start = trimmed.start;
    tag.end = (size_t)(eq - v);
    val.start = tag.end + 1;
    val.end = trimmed.end;
    tag = span_trim(v, tag);
    val = span_trim(v, val);
    if (profile == CAA_PROFILE_LETSENCRYPT) {
        ok = tag_check_letsencrypt(v, tag, err);
    } else {
        ok = tag_check_rfc8659(v, tag, (size_t)(eq - v), err);
    }
    if (!ok || !value_check(v, tag, val, err)) {
        return false;
    }
    param->tag = span_slice(v, tag);
    param->value = span_slice(v, val);
    return true;
}

/* Offset of the next ';' at or after `from`, or len. */
static size_t next_semicolon(const uint8_t *v, size_t len, size_t from)
{
    const uint8_t *semi = from < len ? memchr(v + from, ';', len - from) : NULL;
    return semi != NULL ? (size_t)(semi - v) : len;
}

/* The pieces after the issuer. `semi` is the offset of the first ';'. Both profiles share this
 * structure: Boulder splits on ';' and the ABNF has no ';' inside a parameter. */
static enum caa_status parse_params(const uint8_t *v, size_t len, size_t semi,
                                    enum caa_profile profile, struct caa_issue_value *out,
                                    struct caa_error *err, bool *ok)
{
    *ok = true;
    while (semi < len) {
        struct span piece = {semi + 1, next_semicolon(v, len, semi + 1)};
        struct span trimmed = span_trim(v, piece);
        bool last = piece.end == len;

        if (trimmed.start == trimmed.end) {
            /* `ca.example;` (one empty piece right after the issuer) is fine in both readings;
             * any other empty piece is a `;` too many. */
            if (last && out->param_count == 0 && semi == next_semicolon(v, len, 0)) {
                return CAA_OK;
            }
            if (last) {
                (void)caa__error_set(err, semi, "';' after the last parameter");
            } else {
                (void)caa__error_set(err, piece.end, "empty parameter between ';;'");
            }
            *ok = false;
            return CAA_OK;
        }
        if (out->param_count == CAA_ISSUE_PARAMS_MAX) {
            (void)caa__error_set(err, trimmed.start, "more than %d parameters",
                                 CAA_ISSUE_PARAMS_MAX);
            *ok = false;
            return CAA_E_LIMIT;
        }
        if (!parse_param(v, piece, profile, &out->params[out->param_count], err)) {
            *ok = false;
            return CAA_OK;
        }
        out->param_count++;
        semi = piece.end;
    }
    return CAA_OK;
}

enum caa_status caa_issue_value_parse(const uint8_t *value, size_t value_len,
                                      enum caa_profile profile, struct caa_issue_value *out,
                                      struct caa_error *err)
{
    struct span issuer;
    struct caa_error issuer_err;
    enum caa_status st;
    bool params_ok;

    if (out == NULL) {
        return CAA_E_INVALID_ARG;
    }
    memset(out, 0, sizeof(*out));
    out->issuer.ptr = value;
    if ((value == NULL && value_len > 0) ||
        (profile != CAA_PROFILE_LETSENCRYPT && profile != CAA_PROFILE_RFC8659)) {
        return CAA_E_INVALID_ARG;
    }
    if (value_len == 0) {
        /* RFC 8659 §4.2: an empty value is an empty issuer: nobody may issue. */
        out->well_formed = true;
        return CAA_OK;
    }
    issuer.start = 0;
    issuer.end = next_semicolon(value, value_len, 0);
    issuer = span_trim(value, issuer);
    out->issuer = span_slice(value, issuer);

    st = parse_params(value, value_len, next_semicolon(value, value_len, 0), profile, out, err,
                      &params_ok);
    /* Boulder compares the issuer byte for byte and never checks its shape; the RFC reading
     * requires LDH labels. An issuer error comes first in the value, so it wins. */
    if (profile == CAA_PROFILE_RFC8659 && issuer.start != issuer.end &&
        !issuer_domain_check(value + issuer.start, issuer.end - issuer.start, issuer.start,
                             &issuer_err)) {
        if (err != NULL) {
            *err = issuer_err;
        }
        params_ok = false;
    }
    out->well_formed = st == CAA_OK && params_ok;
    return st;
}

static bool tag_is(const struct caa_issue_param *p, const char *name, size_t name_len,
                   enum caa_profile profile)
{
    /* Boulder matches parameter tags byte for byte (boulder#8614); the RFC is silent, and we
     * fold case so a capitalised binding still binds. */
    if (profile == CAA_PROFILE_LETSENCRYPT) {
        return p->tag.len == name_len && (name_len == 0 || memcmp(p->tag.ptr, name, name_len) == 0);
    }
    return caa__ascii_equal_nocase(p->tag.ptr, p->tag.len, (const uint8_t *)name, name_len);
}

size_t caa_issue_value_param_count(const struct caa_issue_value *v, const char *name,
                                   enum caa_profile profile)
{
    size_t count = 0;
    size_t name_len;

    if (v == NULL || name == NULL) {
        return 0;
    }
    name_len = strlen(name);
    for (size_t i = 0; i < v->param_count && i < CAA_ISSUE_PARAMS_MAX; i++) {
        if (tag_is(&v->params[i], name, name_len, profile)) {
            count++;
        }
    }
    return count;
}

const struct caa_issue_param *caa_issue_value_param(const struct caa_issue_value *v,
                                                    const char *name, enum caa_profile profile)
{
    size_t name_len;

    if (v == NULL || name == NULL) {
        return NULL;
    }
    name_len = strlen(name);
    for (size_t i = 0; i < v->param_count && i < CAA_ISSUE_PARAMS_MAX; i++) {
        if (tag_is(&v->params[i], name, name_len, profile)) {
            return &v->params[i];
        }
    }
    return NULL;
}

/* RFC 8657 §4: label = 1*(ALPHA / DIGIT / "-"), joined by ','. */
bool caa_is_method_list(const uint8_t *s, size_t len)
{
    size_t label_len = 0;

    if (s == NULL || len == 0) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ',') {
            if (label_len == 0) {
                return false;
            }
            label_len = 0;
        } else if (is_ldh_label_byte(s[i])) {
            label_len++;
        } else {
            return false;
        }
    }
    return label_len > 0;
}

static bool is_hex(uint8_t c)
{
    return caa__ascii_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* RFC 3986 §2: unreserved / reserved; '%' is handled by the caller. */
static bool is_uri_byte(uint8_t c)
{
    return c != 0 && (caa__ascii_is_alnum(c) || strchr("-._~:/?#[]@!$&'()*+,;=", c) != NULL);
}

/* RFC 8657 §3 / RFC 3986 §3: scheme ":" hier-part, checked at the character level. */
bool caa_is_account_uri(const uint8_t *s, size_t len)
{
    size_t i = 1;

    if (s == NULL || len == 0 || !caa__ascii_is_alpha(s[0])) {
        return false;
    }
    while (i < len && (caa__ascii_is_alnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) {
        i++;
    }
    if (i >= len || s[i] != ':' || i + 1 == len) {
        return false;
    }
    for (i++; i < len; i++) {
        if (s[i] == '%') {
            if (i + 2 >= len || !is_hex(s[i + 1]) || !is_hex(s[i + 2])) {
                return false;
            }
            i += 2;
        } else if (!is_uri_byte(s[i])) {
            return false;
        }
    }
    return true;
}
