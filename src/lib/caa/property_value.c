/* SPDX-License-Identifier: MIT */
/* Shape checks for the values of `iodef` (RFC 8659 §4.4), `contactemail` and `contactphone`
 * (CA/B BR Appendix A). They feed lint findings, never the verdict. */
#include <caa/value.h>

#include <stdio.h>
#include <string.h>

#include "lib/util/ascii.h"
#include "lib/util/error.h"

#define SCHEME_MAX 32

static void describe_byte(uint8_t c, char *buf, size_t cap)
{
    if (c > 0x20 && c < 0x7F) {
        (void)snprintf(buf, cap, "'%c'", (char)c);
    } else {
        (void)snprintf(buf, cap, "byte 0x%02X", (unsigned)c);
    }
}

static bool has_prefix_nocase(const uint8_t *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && caa__ascii_equal_nocase(s, n, (const uint8_t *)prefix, n);
}

/* RFC 5322 §3.2.3 atext, widened by RFC 6532 §3.2 to any non-ASCII byte (UTF-8). */
static bool is_atext(uint8_t c)
{
    return caa__ascii_is_alnum(c) || c >= 0x80 || (c != 0 && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* dot-atom-text = 1*atext *("." 1*atext). Returns the offset of the first bad byte, or len. */
static size_t dot_atom_end(const uint8_t *s, size_t len)
{
    size_t atom_len = 0;

    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.') {
            if (atom_len == 0) {
                return i;
            }
            atom_len = 0;
        } else if (is_atext(s[i])) {
            atom_len++;
        } else {
            return i;
        }
    }
    return atom_len == 0 ? (len == 0 ? 0 : len - 1) : len;
}

/* quoted-string without folding white space: DQUOTE *(qtext / quoted-pair) DQUOTE. */
static bool quoted_local_ok(const uint8_t *s, size_t len)
{
    if (len < 2 || s[0] != '"' || s[len - 1] != '"') {
        return false;
    }
    for (size_t i = 1; i + 1 < len; i++) {
        if (s[i] == '\\') {
            i++;
            if (i + 1 >= len) {
                return false;
            }
        } else if (s[i] == '"' || (s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7F) {
            return false;
        }
    }
    return true;
}

/* Offset of the '@' that ends the local part, honouring a quoted local part; len if none. */
static size_t find_at(const uint8_t *s, size_t len)
{
    bool quoted = false;

    for (size_t i = 0; i < len; i++) {
        if (quoted && s[i] == '\\') {
            i++;
        } else if (s[i] == '"') {
            quoted = !quoted;
        } else if (!quoted && s[i] == '@') {
            return i;
        }
    }
    return len;
}

/* RFC 5322 §3.4.1 addr-spec = local-part "@" domain; `base` is s's offset for err. */
static bool addr_spec_check(const uint8_t *s, size_t len, size_t base, struct caa_error *err)
{
    size_t at = find_at(s, len);
    size_t bad;
    char what[24];

    if (at == len) {
        (void)caa__error_set(err, base, "no '@': expected an address like you@example.com");
        return false;
    }
    if (at == 0) {
        (void)caa__error_set(err, base, "empty local part before '@'");
        return false;
    }
    if (s[0] == '"') {
        if (!quoted_local_ok(s, at)) {
            (void)caa__error_set(err, base, "malformed quoted local part");
            return false;
        }
    } else if ((bad = dot_atom_end(s, at)) != at) {
        describe_byte(s[bad], what, sizeof(what));
        (void)caa__error_set(err, base + bad, "%s not allowed here in the local part", what);
        return false;
    }
    if (at + 1 == len) {
        (void)caa__error_set(err, base + at, "no domain after '@'");
        return false;
    }
    if (s[at + 1] == '[') {
        /* domain-literal: "[" *dtext "]", dtext = %d33-90 / %d94-126. */
        if (s[len - 1] != ']' || len - at < 3) {
            (void)caa__error_set(err, base + at + 1, "unterminated '[' domain literal");
            return false;
        }
        for (size_t i = at + 2; i + 1 < len; i++) {
            if (s[i] < 33 || s[i] > 126 || s[i] == '[' || s[i] == '\\' || s[i] == ']') {
                describe_byte(s[i], what, sizeof(what));
                (void)caa__error_set(err, base + i, "%s not allowed in a domain literal", what);
                return false;
            }
        }
        return true;
    }
    bad = dot_atom_end(s + at + 1, len - at - 1);
    if (bad != len - at - 1) {
        describe_byte(s[at + 1 + bad], what, sizeof(what));
        (void)caa__error_set(err, base + at + 1 + bad, "%s not allowed here in the domain", what);
        return false;
    }
    return true;
}

static bool is_uri_byte(uint8_t c)
{
    return c != 0 && (caa__ascii_is_alnum(c) || strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL);
}

/* Offset of the first byte outside the RFC 3986 character set, or len. */
static size_t uri_chars_end(const uint8_t *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!is_uri_byte(s[i])) {
            return i;
        }
    }
    return len;
}

/* RFC 6068: mailto:addr-spec, optionally "?" hfields. */
static bool mailto_check(const uint8_t *s, size_t len, size_t base, struct caa_error *err)
{
    const uint8_t *q = len > 0 ? memchr(s, '?', len) : NULL;
    size_t addr_len = q != NULL ? (size_t)(q - s) : len;
    size_t bad;
    char what[24];

    if (addr_len == 0) {
        (void)caa__error_set(err, base, "mailto: has no address: use mailto:you@example.com");
        return false;
    }
    bad = uri_chars_end(s, len);
    if (bad != len) {
        describe_byte(s[bad], what, sizeof(what));
        (void)caa__error_set(err, base + bad, "%s not allowed in a URL (percent-encode it)", what);
        return false;
    }
    return addr_spec_check(s, addr_len, base, err);
}

/* RFC 3986 §3.2: "//" authority, with a non-empty host, then path / query / fragment. */
static bool http_check(const uint8_t *s, size_t len, size_t base, struct caa_error *err)
{
    size_t host_start;
    size_t i;
    size_t bad;
    char what[24];

    if (len < 2 || s[0] != '/' || s[1] != '/') {
        (void)caa__error_set(err, base, "expected '//' and a host after the scheme");
        return false;
    }
    bad = uri_chars_end(s, len);
    if (bad != len) {
        describe_byte(s[bad], what, sizeof(what));
        (void)caa__error_set(err, base + bad, "%s not allowed in a URL (percent-encode it)", what);
        return false;
    }
    i = 2;
    while (i < len && s[i] != '/' && s[i] != '?' && s[i] != '#') {
        i++;
    }
    /* Authority [userinfo "@"] host [":" port]: the host follows the last '@'. */
    host_start = 2;
    for (size_t j = 2; j < i; j++) {
        if (s[j] == '@') {
            host_start = j + 1;
        }
    }
    if (host_start == i || s[host_start] == ':') {
        (void)caa__error_set(err, base + host_start, "URL has no host");
        return false;
    }
    return true;
}

/* Scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"; returns its length, 0 if none. */
static size_t scheme_len(const uint8_t *s, size_t len)
{
    size_t i = 1;

    if (len == 0 || !caa__ascii_is_alpha(s[0])) {
        return 0;
    }
    while (i < len && i <= SCHEME_MAX &&
           (caa__ascii_is_alnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) {
        i++;
    }
    return i < len && s[i] == ':' ? i : 0;
}

bool caa_iodef_valid(const uint8_t *value, size_t len, struct caa_error *err)
{
    size_t n;

    if (value == NULL || len == 0) {
        (void)caa__error_set(err, 0, "empty iodef: use mailto:you@example.com or an https: URL");
        return false;
    }
    n = scheme_len(value, len);
    if (n == 0) {
        (void)caa__error_set(err, 0, "no scheme; use mailto:you@example.com");
        return false;
    }
    /* RFC 8659 §4.4: "These are the only supported URL schemes." */
    if (n == 6 && has_prefix_nocase(value, len, "mailto")) {
        return mailto_check(value + 7, len - 7, 7, err);
    }
    if ((n == 4 && has_prefix_nocase(value, len, "http")) ||
        (n == 5 && has_prefix_nocase(value, len, "https"))) {
        return http_check(value + n + 1, len - n - 1, n + 1, err);
    }
    (void)caa__error_set(err, 0,
                         "scheme '%.*s' is not allowed: only mailto:, http:, https:", (int)n,
                         (const char *)value);
    return false;
}

static bool contains_unquoted(const uint8_t *s, size_t len, uint8_t c, size_t *at)
{
    bool quoted = false;

    for (size_t i = 0; i < len; i++) {
        if (quoted && s[i] == '\\') {
            i++;
        } else if (s[i] == '"') {
            quoted = !quoted;
        } else if (!quoted && s[i] == c) {
            *at = i;
            return true;
        }
    }
    return false;
}

bool caa_contactemail_valid(const uint8_t *value, size_t len, struct caa_error *err)
{
    size_t at;

    if (value == NULL || len == 0) {
        (void)caa__error_set(err, 0, "empty value: expected one address like you@example.com");
        return false;
    }
    if (has_prefix_nocase(value, len, "mailto:")) {
        (void)caa__error_set(err, 0,
                             "remove the 'mailto:' prefix: contactemail holds a bare address");
        return false;
    }
    if (contains_unquoted(value, len, ',', &at) || contains_unquoted(value, len, ';', &at)) {
        (void)caa__error_set(err, at, "more than one address: contactemail holds exactly one");
        return false;
    }
    if (contains_unquoted(value, len, '<', &at) || contains_unquoted(value, len, '>', &at)) {
        (void)caa__error_set(err, at, "display name or angle brackets: give the bare address only");
        return false;
    }
    if (contains_unquoted(value, len, ' ', &at) || contains_unquoted(value, len, '\t', &at)) {
        (void)caa__error_set(err, at, "space not allowed: give the bare address only");
        return false;
    }
    return addr_spec_check(value, len, 0, err);
}

bool caa_contactphone_valid(const uint8_t *value, size_t len, struct caa_error *err)
{
    size_t digits = 0;
    char what[24];

    if (value == NULL || len == 0) {
        (void)caa__error_set(err, 0, "empty value: expected a global number like +1-555-0100");
        return false;
    }
    if (has_prefix_nocase(value, len, "tel:")) {
        (void)caa__error_set(err, 0, "remove the 'tel:' prefix: give the number like +1-555-0100");
        return false;
    }
    /* RFC 3966 §3: global-number-digits = "+" *phonedigit DIGIT *phonedigit, phonedigit =
     * DIGIT / visual-separator ("-" / "." / "(" / ")"). */
    if (value[0] != '+') {
        (void)caa__error_set(err, 0,
                             "no leading '+': give the number in international form, e.g. "
                             "+1-555-0100");
        return false;
    }
    for (size_t i = 1; i < len; i++) {
        uint8_t c = value[i];
        if (caa__ascii_is_digit(c)) {
            digits++;
        } else if (caa__ascii_is_alpha(c)) {
            (void)caa__error_set(err, i, "letter '%c' not allowed: digits only", (char)c);
            return false;
        } else if (c == ' ') {
            (void)caa__error_set(err, i, "space not allowed: use '-' or '.' between digits");
            return false;
        } else if (c != '-' && c != '.' && c != '(' && c != ')') {
            describe_byte(c, what, sizeof(what));
            (void)caa__error_set(err, i, "%s not allowed: digits and the separators - . ( ) only",
                                 what);
            return false;
        }
    }
    if (digits < 3) {
        (void)caa__error_set(err, 0, "only %zu digit%s: a global number needs at least 3", digits,
                             digits == 1 ? "" : "s");
        return false;
    }
    return true;
}
