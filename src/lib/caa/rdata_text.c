/* SPDX-License-Identifier: MIT */
/* CAA RDATA in presentation format (RFC 8659 §4.1.1) and the RFC 3597 generic form. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <caa/record.h>

#include "lib/caa/record_internal.h"
#include "lib/util/ascii.h"
#include "lib/util/buf.h"
#include "lib/util/error.h"

/* The text form of the largest RDATA: every value byte as \DDD, plus flags, tag and quotes. */
#define TEXT_MAX (4u * CAA__RDATA_MAX + 64u)
/* "\# 65535 " plus two hex digits per byte. */
#define GENERIC_MAX (2u * CAA__RDATA_MAX + 16u)

/* A read position in the text; every access is checked against len. */
struct cursor {
    const uint8_t *p;
    size_t len;
    size_t pos;
};

/* Fields are separated by SP or HTAB; CR and LF are tolerated too, so RDATA that a zone file
 * spread over lines inside parentheses parses the same. */
static bool is_space(uint8_t c)
{
    return caa__ascii_is_wsp(c) || c == '\r' || c == '\n';
}

static void skip_space(struct cursor *cur)
{
    while (cur->pos < cur->len && is_space(cur->p[cur->pos])) {
        cur->pos++;
    }
}

static size_t token_end(const struct cursor *cur)
{
    size_t end = cur->pos;

    while (end < cur->len && !is_space(cur->p[end])) {
        end++;
    }
    return end;
}

static int hex_value(uint8_t c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* A decimal token in [0, max]; errors name the field. Leaves cur after the token. */
static enum caa_status parse_decimal(struct cursor *cur, unsigned long max, const char *what,
                                     unsigned long *out, struct caa_error *err)
{
    size_t start = cur->pos;
    size_t end = token_end(cur);
    unsigned long v = 0;
    size_t i;

    for (i = start; i < end; i++) {
        uint8_t c = cur->p[i];
        if (!caa__ascii_is_digit(c)) {
            return caa__error_set(err, i, "%s must be a decimal number 0-%lu", what, max);
        }
        if (v <= max) {
            v = v * 10 + (unsigned long)(c - '0');
        }
    }
    if (v > max) {
        return caa__error_set(err, start, "%s %.*s is out of range 0-%lu", what,
                              (int)(end - start > 20 ? 20 : end - start),
                              (const char *)cur->p + start, max);
    }
    cur->pos = end;
    *out = v;
    return CAA_OK;
}

/* RFC 1035 §5.1: \DDD is the octet with that decimal value, \X is X. cur->pos is at the
 * backslash; on success it moves past the escape and the octet is appended to val. */
static enum caa_status parse_escape(struct cursor *cur, struct caa__buf *val, struct caa_error *err)
{
    size_t at = cur->pos;
    unsigned v = 0;
    size_t i;

    if (at + 1 >= cur->len) {
        return caa__error_set(err, at, "backslash at the end of the text escapes nothing");
    }
    if (!caa__ascii_is_digit(cur->p[at + 1])) {
        caa__buf_append_byte(val, cur->p[at + 1]);
        cur->pos = at + 2;
        return CAA_OK;
    }
    for (i = 1; i <= 3; i++) {
        if (at + i >= cur->len || !caa__ascii_is_digit(cur->p[at + i])) {
            return caa__error_set(err, at, "bad escape: \\DDD needs exactly 3 decimal digits");
        }
        v = v * 10 + (unsigned)(cur->p[at + i] - '0');
    }
    if (v > 255) {
        return caa__error_set(err, at, "bad escape: \\%u is above 255", v);
    }
    caa__buf_append_byte(val, (uint8_t)v);
    cur->pos = at + 4;
    return CAA_OK;
}

static enum caa_status parse_quoted(struct cursor *cur, struct caa__buf *val, struct caa_error *err)
{
    size_t open = cur->pos;
    enum caa_status st;

    cur->pos++;
    for (;;) {
        uint8_t c;
        if (cur->pos >= cur->len) {
            return caa__error_set(err, open, "unbalanced quote: the value has no closing '\"'");
        }
        c = cur->p[cur->pos];
        if (c == '"') {
            cur->pos++;
            return CAA_OK;
        }
        if (c == '\\') {
            st = parse_escape(cur, val, err);
            if (st != CAA_OK) {
                return st;
            }
        } else {
            caa__buf_append_byte(val, c);
            cur->pos++;
        }
    }
}

static enum caa_status parse_unquoted(struct cursor *cur, struct caa__buf *val,
                                      struct caa_error *err)
{
    enum caa_status st;

    while (cur->pos < cur->len && !is_space(cur->p[cur->pos])) {
        uint8_t c = cur->p[cur->pos];
        if (c == '\\') {
            st = parse_escape(cur, val, err);
            if (st != CAA_OK) {
                return st;
            }
        } else if (c == '"') {
            return caa__error_set(err, cur->pos,
                                  "quote inside an unquoted value (write \\\" or quote the value)");
        } else {
            caa__buf_append_byte(val, c);
            cur->pos++;
        }
    }
    return CAA_OK;
}

/* RFC 8659 §4.1.1: the value is one contiguous token or one quoted string, never split. */
static enum caa_status parse_value(struct cursor *cur, struct caa__buf *val, struct caa_error *err)
{
    size_t start = cur->pos;
    enum caa_status st;

    if (cur->p[start] == '"') {
        st = parse_quoted(cur, val, err);
        if (st == CAA_OK && cur->pos < cur->len && !is_space(cur->p[cur->pos])) {
            return caa__error_set(err, cur->pos, "trailing garbage after the quoted value");
        }
    } else {
        st = parse_unquoted(cur, val, err);
    }
    if (st != CAA_OK) {
        return st;
    }
    skip_space(cur);
    if (cur->pos < cur->len) {
        if (cur->p[cur->pos] == '"') {
            return caa__error_set(err, cur->pos,
                                  "value split into several strings (RFC 8659 section 4.1.1: "
                                  "one string, never split)");
        }
        return caa__error_set(err, cur->pos, "trailing garbage after the value");
    }
    if (val->status == CAA_E_LIMIT) {
        return caa__error_set(err, start, "value is longer than %zu bytes (RDATA max %u)", val->max,
                              CAA__RDATA_MAX);
    }
    return val->status;
}

/* The text column of wire byte `index` in the hex words starting at hex_start. */
static size_t hex_column(const struct cursor *cur, size_t hex_start, size_t index)
{
    size_t digits = 0;
    size_t last_end = hex_start;
    size_t i;

    for (i = hex_start; i < cur->len; i++) {
        if (is_space(cur->p[i])) {
            continue;
        }
        if (digits == 2 * index) {
            return i;
        }
        digits++;
        last_end = i + 1;
    }
    return last_end;
}

/* Hex words after the length: each an even number of digits (RFC 3597 §5). */
static enum caa_status parse_hex(struct cursor *cur, struct caa__buf *wire, size_t *count,
                                 struct caa_error *err)
{
    *count = 0;
    for (skip_space(cur); cur->pos < cur->len; skip_space(cur)) {
        size_t start = cur->pos;
        size_t end = token_end(cur);
        size_t i;

        if ((end - start) % 2 != 0) {
            return caa__error_set(err, start, "hex word has an odd number of digits");
        }
        for (i = start; i < end; i += 2) {
            int hi = hex_value(cur->p[i]);
            int lo = hex_value(cur->p[i + 1]);
            if (hi < 0 || lo < 0) {
                size_t bad = hi < 0 ? i : i + 1;
                return caa__error_set(err, bad, "byte 0x%02X is not a hex digit",
                                      (unsigned)cur->p[bad]);
            }
            caa__buf_append_byte(wire, (uint8_t)(hi * 16 + lo));
            (*count)++;
        }
        cur->pos = end;
    }
    return wire->status == CAA_E_LIMIT ? CAA_OK : wire->status;
}

/* RFC 3597 §5: `\# <length> <hex>...`; cur->pos is after the `\#`. */
static enum caa_status parse_generic(struct cursor *cur, unsigned parse_flags,
                                     struct caa_record *out, struct caa_error *err)
{
    struct caa__buf wire;
    struct caa_error wire_err;
    enum caa_status st;
    unsigned long declared = 0;
    size_t len_at;
    size_t hex_start;
    size_t count = 0;

    caa__buf_init(&wire, CAA__RDATA_MAX);
    skip_space(cur);
    len_at = cur->pos;
    if (cur->pos >= cur->len) {
        st = caa__error_set(err, cur->pos, "missing generic RDATA length after \\#");
        goto out;
    }
    st = parse_decimal(cur, CAA__RDATA_MAX, "generic RDATA length", &declared, err);
    if (st != CAA_OK) {
        goto out;
    }
    hex_start = cur->pos;
    st = parse_hex(cur, &wire, &count, err);
    if (st != CAA_OK) {
        goto out;
    }
    if (count != declared) {
        st = caa__error_set(err, len_at,
                            "generic RDATA length %lu does not match the %zu bytes "
                            "of hex data",
                            declared, count);
        goto out;
    }
    st = caa_record_from_wire((const uint8_t *)wire.data, wire.len, parse_flags, out, &wire_err);
    if (st == CAA_E_SYNTAX) {
        st = caa__error_set(err, hex_column(cur, hex_start, wire_err.offset),
                            "generic RDATA byte %zu: %s", wire_err.offset, wire_err.message);
    }
out:
    caa__buf_cleanup(&wire);
    return st;
}

/* `""` stands for an empty tag (only a lenient parse accepts it). */
static enum caa_status parse_tag(struct cursor *cur, unsigned parse_flags, size_t *tag_at,
                                 size_t *tag_len, struct caa_error *err)
{
    size_t end = token_end(cur);
    enum caa_status st;

    *tag_at = cur->pos;
    *tag_len = end - cur->pos;
    if (*tag_len == 2 && cur->p[cur->pos] == '"' && cur->p[cur->pos + 1] == '"') {
        *tag_len = 0;
    }
    st = caa__record_check_tag(cur->p + cur->pos, *tag_len, parse_flags, cur->pos, err);
    cur->pos = end;
    return st;
}

static enum caa_status parse_text(struct cursor *cur, unsigned parse_flags, struct caa_record *out,
                                  struct caa_error *err)
{
    struct caa__buf val;
    enum caa_status st;
    unsigned long flags = 0;
    size_t tag_at = 0;
    size_t tag_len = 0;

    caa__buf_init(&val, 0);
    skip_space(cur);
    if (cur->pos >= cur->len) {
        st = caa__error_set(err, cur->pos, "missing flags");
        goto out;
    }
    if (token_end(cur) == cur->pos + 2 && cur->p[cur->pos] == '\\' && cur->p[cur->pos + 1] == '#') {
        cur->pos += 2;
        st = parse_generic(cur, parse_flags, out, err);
        goto out;
    }
    st = parse_decimal(cur, 255, "flags", &flags, err);
    if (st != CAA_OK) {
        goto out;
    }
    skip_space(cur);
    if (cur->pos >= cur->len) {
        st = caa__error_set(err, cur->pos, "missing tag");
        goto out;
    }
    st = parse_tag(cur, parse_flags, &tag_at, &tag_len, err);
    if (st != CAA_OK) {
        goto out;
    }
    skip_space(cur);
    if (cur->pos >= cur->len) {
        st = caa__error_set(err, cur->pos, "missing value (write \"\" for an empty value)");
        goto out;
    }
    caa__buf_init(&val, CAA__RDATA_MAX - 2 - tag_len);
    st = parse_value(cur, &val, err);
    if (st != CAA_OK) {
        goto out;
    }
    st = caa__record_fill(out, NULL, (uint8_t)flags, cur->p + tag_at, tag_len,
                          (const uint8_t *)val.data, val.len);
out:
    caa__buf_cleanup(&val);
    return st;
}

enum caa_status caa_record_from_text(const char *text, size_t len, unsigned parse_flags,
                                     struct caa_record *out, struct caa_error *err)
{
    struct cursor cur;

    if (out == NULL || (text == NULL && len > 0) ||
        (parse_flags & ~(unsigned)CAA_PARSE_LENIENT_TAG) != 0) {
        return CAA_E_INVALID_ARG;
    }
    cur.p = (const uint8_t *)text;
    cur.len = len;
    cur.pos = 0;
    return parse_text(&cur, parse_flags, out, err);
}

static bool record_is_valid(const struct caa_record *rec)
{
    return rec != NULL && (rec->value != NULL || rec->value_len == 0) &&
           rec->value_len <= CAA__RDATA_MAX - 2 - rec->tag_len;
}

/* A tag the text parser reads back unchanged: non-empty, visible ASCII, no quote or backslash. */
static bool tag_is_presentable(const struct caa_record *rec)
{
    size_t i;

    if (rec->tag_len == 0) {
        return false;
    }
    for (i = 0; i < rec->tag_len; i++) {
        uint8_t c = (uint8_t)rec->tag[i];
        if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
            return false;
        }
    }
    return true;
}

static void append_hex(struct caa__buf *buf, const uint8_t *data, size_t len)
{
    static const char digits[] = "0123456789ABCDEF";
    size_t i;

    for (i = 0; i < len; i++) {
        caa__buf_append_byte(buf, (uint8_t)digits[data[i] >> 4]);
        caa__buf_append_byte(buf, (uint8_t)digits[data[i] & 0x0F]);
    }
}

static enum caa_status steal(struct caa__buf *buf, char **out)
{
    enum caa_status st = buf->status;

    *out = caa__buf_steal(buf);
    if (*out == NULL) {
        return st != CAA_OK ? st : CAA_E_NOMEM;
    }
    return CAA_OK;
}

enum caa_status caa_record_to_generic(const struct caa_record *rec, char **out)
{
    struct caa__buf buf;
    uint8_t head[2];

    if (out == NULL) {
        return CAA_E_INVALID_ARG;
    }
    *out = NULL;
    if (!record_is_valid(rec)) {
        return CAA_E_INVALID_ARG;
    }
    head[0] = rec->flags;
    head[1] = rec->tag_len;
    caa__buf_init(&buf, GENERIC_MAX);
    caa__buf_printf(&buf, "\\# %zu ", 2 + (size_t)rec->tag_len + rec->value_len);
    append_hex(&buf, head, sizeof(head));
    append_hex(&buf, (const uint8_t *)rec->tag, rec->tag_len);
    append_hex(&buf, rec->value, rec->value_len);
    return steal(&buf, out);
}

enum caa_status caa_record_to_text(const struct caa_record *rec, char **out)
{
    struct caa__buf buf;
    size_t i;

    if (out == NULL) {
        return CAA_E_INVALID_ARG;
    }
    *out = NULL;
    if (!record_is_valid(rec)) {
        return CAA_E_INVALID_ARG;
    }
    /* An empty tag or one with spaces or control bytes (lenient parses only) has no
     * presentation form that reads back the same: fall back to RFC 3597. */
    if (!tag_is_presentable(rec)) {
        return caa_record_to_generic(rec, out);
    }
    caa__buf_init(&buf, TEXT_MAX);
    caa__buf_printf(&buf, "%u ", (unsigned)rec->flags);
    caa__buf_append(&buf, rec->tag, rec->tag_len);
    caa__buf_append_str(&buf, " \"");
    for (i = 0; i < rec->value_len; i++) {
        uint8_t c = rec->value[i];
        if (c == '"' || c == '\\') {
            caa__buf_append_byte(&buf, '\\');
            caa__buf_append_byte(&buf, c);
        } else if (c < 0x20 || c > 0x7E) {
            caa__buf_printf(&buf, "\\%03u", (unsigned)c);
        } else {
            caa__buf_append_byte(&buf, c);
        }
    }
    caa__buf_append_byte(&buf, '"');
    return steal(&buf, out);
}
