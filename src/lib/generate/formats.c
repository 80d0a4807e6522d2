/* SPDX-License-Identifier: MIT */
#include "lib/generate/formats.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/util/ascii.h"
#include "lib/util/buf.h"

/* Output ceiling: far above any RRset a zone can serve. */
#define OUTPUT_MAX ((size_t)16 * 1024 * 1024)
/* RR type number of CAA (RFC 8659 §7.1). */
#define CAA_RR_TYPE 257

static const char *const format_names[] = {
    [CAA_FORMAT_ZONE] = "zone",
    [CAA_FORMAT_RFC3597] = "rfc3597",
    [CAA_FORMAT_TINYDNS] = "tinydns",
    [CAA_FORMAT_DNSMASQ] = "dnsmasq",
    [CAA_FORMAT_DNSCONTROL] = "dnscontrol",
    [CAA_FORMAT_OCTODNS] = "octodns",
    [CAA_FORMAT_JSON] = "json",
};

#define FORMAT_COUNT (sizeof(format_names) / sizeof(format_names[0]))

const char *caa_format_name(enum caa_format format)
{
    size_t i = (size_t)format;

    return i < FORMAT_COUNT ? format_names[i] : NULL;
}

int caa_format_from_name(const char *name, enum caa_format *out)
{
    if (name == NULL) {
        return -1;
    }
    for (size_t i = 0; i < FORMAT_COUNT; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *out = (enum caa_format)i;
            return 0;
        }
    }
    return -1;
}

/* The record's wire RDATA (caa_record_to_wire); *out: free(). */
static enum caa_status rdata_of(const struct caa_record *rec, uint8_t **out, size_t *len_out)
{
    size_t cap = 2 + (size_t)rec->tag_len + rec->value_len;
    uint8_t *buf = malloc(cap);
    enum caa_status st;

    if (buf == NULL) {
        return CAA_E_NOMEM;
    }
    st = caa_record_to_wire(rec, buf, cap, len_out);
    if (st != CAA_OK) {
        free(buf);
        return st;
    }
    *out = buf;
    return CAA_OK;
}

static void append_ttl(struct caa__buf *b, uint32_t ttl)
{
    if (ttl != 0) {
        caa__buf_printf(b, "%lu ", (unsigned long)ttl);
    }
}

/* example.com. 3600 IN CAA 0 issue "letsencrypt.org" */
static enum caa_status render_zone(struct caa__buf *b, const char *owner, uint32_t ttl,
                                   const struct caa_record *rec)
{
    char *text = NULL;
    enum caa_status st = caa_record_to_text(rec, &text);

    if (st == CAA_OK) {
        caa__buf_printf(b, "%s. ", owner);
        append_ttl(b, ttl);
        caa__buf_printf(b, "IN CAA %s\n", text);
    }
    free(text);
    return st;
}

/* RFC 3597 §5: example.com. 3600 IN TYPE257 \# 22 0005... */
static enum caa_status render_rfc3597(struct caa__buf *b, const char *owner, uint32_t ttl,
                                      const struct caa_record *rec)
{
    char *text = NULL;
    enum caa_status st = caa_record_to_generic(rec, &text);

    if (st == CAA_OK) {
        caa__buf_printf(b, "%s. ", owner);
        append_ttl(b, ttl);
        caa__buf_printf(b, "IN TYPE%d %s\n", CAA_RR_TYPE, text);
    }
    free(text);
    return st;
}

/* tinydns-data generic line `:fqdn:n:rdata:ttl`, every RDATA byte as a 3-digit octal escape
 * (the form tinydns-data documents for arbitrary bytes). No TTL: tinydns-data's default. */
static enum caa_status render_tinydns(struct caa__buf *b, const char *owner, uint32_t ttl,
                                      const struct caa_record *rec)
{
    uint8_t *rdata = NULL;
    size_t len = 0;
    enum caa_status st = rdata_of(rec, &rdata, &len);

    if (st == CAA_OK) {
        caa__buf_printf(b, ":%s:%d:", owner, CAA_RR_TYPE);
        for (size_t i = 0; i < len; i++) {
            caa__buf_printf(b, "\\%03o", (unsigned)rdata[i]);
        }
        if (ttl != 0) {
            caa__buf_printf(b, ":%lu", (unsigned long)ttl);
        }
        caa__buf_append_str(b, "\n");
    }
    free(rdata);
    return st;
}

/* dnsmasq.conf `dns-rr=<name>,<RR-number>,<hex data>`. */
static enum caa_status render_dnsmasq(struct caa__buf *b, const char *owner, uint32_t ttl,
                                      const struct caa_record *rec)
{
    uint8_t *rdata = NULL;
    size_t len = 0;
    enum caa_status st = rdata_of(rec, &rdata, &len);

    (void)ttl;
    if (st == CAA_OK) {
        caa__buf_printf(b, "dns-rr=%s,%d,", owner, CAA_RR_TYPE);
        for (size_t i = 0; i < len; i++) {
            caa__buf_printf(b, "%02X", (unsigned)rdata[i]);
        }
        caa__buf_append_str(b, "\n");
    }
    free(rdata);
    return st;
}

typedef enum caa_status line_fn(struct caa__buf *b, const char *owner, uint32_t ttl,
                                const struct caa_record *rec);

static enum caa_status render_lines(struct caa__buf *b, const char *owner, uint32_t ttl,
                                    const struct caa_record *recs, size_t count, line_fn *fn)
{
    for (size_t i = 0; i < count; i++) {
        enum caa_status st = fn(b, owner, ttl, &recs[i]);
        if (st != CAA_OK) {
            return st;
        }
    }
    return CAA_OK;
}

/* A JavaScript string literal; bytes outside printable ASCII as \xNN. */
static void append_js_string(struct caa__buf *b, const uint8_t *s, size_t len)
{
    caa__buf_append_str(b, "\"");
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"' || s[i] == '\\') {
            caa__buf_append_byte(b, '\\');
            caa__buf_append_byte(b, s[i]);
        } else if (s[i] < 0x20 || s[i] > 0x7E) {
            caa__buf_printf(b, "\\x%02X", (unsigned)s[i]);
        } else {
            caa__buf_append_byte(b, s[i]);
        }
    }
    caa__buf_append_str(b, "\"");
}

static bool value_is(const struct caa_record *rec, const char *s)
{
    return rec->value_len == strlen(s) && memcmp(rec->value, s, rec->value_len) == 0;
}

static bool is_plain_issuer(const struct caa_record *rec)
{
    return memchr(rec->value, ';', rec->value_len) == NULL;
}

/*
 * Whether dnscontrol's CAA_BUILDER can say it: only issue, issuewild and iodef; at most one
 * iodef (it takes a string); no parameters (it takes CA names); `;` only alone ("none"); one
 * critical setting per tag.
 */
static bool builder_fits(const struct caa_record *recs, size_t count)
{
    static const char *const tags[] = {"issue", "issuewild", "iodef"};

    for (size_t t = 0; t < sizeof(tags) / sizeof(tags[0]); t++) {
        size_t n = 0;
        int flags = -1;
        bool none = false;
        for (size_t i = 0; i < count; i++) {
            if (!caa_record_tag_is(&recs[i], tags[t])) {
                continue;
            }
            n++;
            none = none || value_is(&recs[i], ";");
            if ((flags >= 0 && flags != recs[i].flags) ||
                (recs[i].flags != 0 && recs[i].flags != CAA_FLAG_CRITICAL)) {
                return false;
            }
            flags = recs[i].flags;
            if (t < 2 && !value_is(&recs[i], ";") && !is_plain_issuer(&recs[i])) {
                return false;
            }
        }
        if ((none && n > 1) || (t == 2 && n > 1)) {
            return false;
        }
    }
    for (size_t i = 0; i < count; i++) {
        if (!caa_record_tag_is(&recs[i], "issue") && !caa_record_tag_is(&recs[i], "issuewild") &&
            !caa_record_tag_is(&recs[i], "iodef")) {
            return false;
        }
    }
    return true;
}

/* `issue: ["a", "b"]` or `issue: "none"`, plus `issue_critical: true` when flagged. */
static void builder_issuers(struct caa__buf *b, const char *tag, const struct caa_record *recs,
                            size_t count)
{
    bool first = true;
    bool critical = false;

    for (size_t i = 0; i < count; i++) {
        if (!caa_record_tag_is(&recs[i], tag)) {
            continue;
        }
        critical = recs[i].flags == CAA_FLAG_CRITICAL;
        if (value_is(&recs[i], ";")) {
            caa__buf_printf(b, "    %s: \"none\",\n", tag);
            break;
        }
        if (first) {
            caa__buf_printf(b, "    %s: [", tag);
        } else {
            caa__buf_append_str(b, ", ");
        }
        append_js_string(b, recs[i].value, recs[i].value_len);
        first = false;
    }
    if (!first) {
        caa__buf_append_str(b, "],\n");
    }
    if (critical) {
        caa__buf_printf(b, "    %s_critical: true,\n", tag);
    }
}

static void render_builder(struct caa__buf *b, uint32_t ttl, const struct caa_record *recs,
                           size_t count)
{
    caa__buf_append_str(b, "CAA_BUILDER({\n    label: \"@\",\n");
    for (size_t i = 0; i < count; i++) {
        if (caa_record_tag_is(&recs[i], "iodef")) {
            caa__buf_append_str(b, "    iodef: ");
            append_js_string(b, recs[i].value, recs[i].value_len);
            caa__buf_append_str(b, ",\n");
            if (recs[i].flags == CAA_FLAG_CRITICAL) {
                caa__buf_append_str(b, "    iodef_critical: true,\n");
            }
        }
    }
    builder_issuers(b, "issue", recs, count);
    builder_issuers(b, "issuewild", recs, count);
    if (ttl != 0) {
        caa__buf_printf(b, "    ttl: %lu,\n", (unsigned long)ttl);
    }
    caa__buf_append_str(b, "}),\n");
}

/* dnscontrol's CAA(name, tag, value[, CAA_CRITICAL][, TTL(n)]): any record, any parameter. */
static void render_caa_calls(struct caa__buf *b, uint32_t ttl, const struct caa_record *recs,
                             size_t count)
{
    for (size_t i = 0; i < count; i++) {
        caa__buf_append_str(b, "CAA(\"@\", ");
        append_js_string(b, (const uint8_t *)recs[i].tag, recs[i].tag_len);
        caa__buf_append_str(b, ", ");
        append_js_string(b, recs[i].value, recs[i].value_len);
        if (recs[i].flags & CAA_FLAG_CRITICAL) {
            caa__buf_append_str(b, ", CAA_CRITICAL");
        }
        if (ttl != 0) {
            caa__buf_printf(b, ", TTL(%lu)", (unsigned long)ttl);
        }
        caa__buf_append_str(b, "),\n");
    }
}

static enum caa_status render_dnscontrol(struct caa__buf *b, const char *owner, uint32_t ttl,
                                         const struct caa_record *recs, size_t count)
{
    caa__buf_printf(b,
                    "// CAA records for %s.: label \"@\" is the zone apex; paste inside "
                    "D(\"%s\", ...).\n",
                    owner, owner);
    if (builder_fits(recs, count)) {
        render_builder(b, ttl, recs, count);
    } else {
        render_caa_calls(b, ttl, recs, count);
    }
    return CAA_OK;
}

/* Safe as a YAML plain scalar: a letter first, then LDH/URL characters, and a '.' or ':' so
 * YAML cannot read it as a number, boolean or null. */
static bool yaml_plain_ok(const uint8_t *s, size_t len)
{
    static const char extra[] = ".-_/@:+=%~";
    bool dot = false;

    if (len == 0 || !caa__ascii_is_alpha(s[0])) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.' || s[i] == ':') {
            dot = true;
        }
        if (!caa__ascii_is_alnum(s[i]) && (s[i] == '\0' || strchr(extra, s[i]) == NULL)) {
            return false;
        }
    }
    return dot;
}

/* A tag as a YAML plain scalar: letters and digits, a letter first, and none of the words YAML
 * 1.1 reads as a boolean or null. */
static bool yaml_plain_word_ok(const uint8_t *s, size_t len)
{
    static const char *const reserved[] = {"y",   "n",    "yes",   "no",  "on",
                                           "off", "true", "false", "null"};

    if (len == 0 || !caa__ascii_is_alpha(s[0])) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (!caa__ascii_is_alnum(s[i])) {
            return false;
        }
    }
    for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
        if (caa__ascii_equal_nocase(s, len, (const uint8_t *)reserved[i], strlen(reserved[i]))) {
            return false;
        }
    }
    return true;
}

/* A YAML scalar: plain when safe, else double-quoted with escapes. */
static void append_yaml_scalar(struct caa__buf *b, const uint8_t *s, size_t len)
{
    if (yaml_plain_ok(s, len) || yaml_plain_word_ok(s, len)) {
        caa__buf_append(b, s, len);
        return;
    }
    caa__buf_append_str(b, "\"");
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"' || s[i] == '\\') {
            caa__buf_append_byte(b, '\\');
            caa__buf_append_byte(b, s[i]);
        } else if (s[i] < 0x20 || s[i] > 0x7E) {
            caa__buf_printf(b, "\\x%02X", (unsigned)s[i]);
        } else {
            caa__buf_append_byte(b, s[i]);
        }
    }
    caa__buf_append_str(b, "\"");
}

/* octoDNS YAML zone data: the record keyed by its relative label ('' = apex). */
static enum caa_status render_octodns(struct caa__buf *b, const char *owner, uint32_t ttl,
                                      const struct caa_record *recs, size_t count)
{
    caa__buf_printf(b,
                    "# octoDNS records for the zone %s.: '' is the zone apex (%s.); for a name "
                    "below the apex, use its relative label instead.\n",
                    owner, owner);
    caa__buf_append_str(b, "'':\n");
    if (ttl != 0) {
        caa__buf_printf(b, "  ttl: %lu\n", (unsigned long)ttl);
    }
    caa__buf_append_str(b, "  type: CAA\n  values:\n");
    for (size_t i = 0; i < count; i++) {
        caa__buf_printf(b, "  - flags: %u\n    tag: ", (unsigned)recs[i].flags);
        append_yaml_scalar(b, (const uint8_t *)recs[i].tag, recs[i].tag_len);
        caa__buf_append_str(b, "\n    value: ");
        append_yaml_scalar(b, recs[i].value, recs[i].value_len);
        caa__buf_append_str(b, "\n");
    }
    return CAA_OK;
}

/* [{"flags":0,"tag":"issue","value":"letsencrypt.org"}]: the provider-API shape. */
static enum caa_status render_json(struct caa__buf *b, const struct caa_record *recs, size_t count,
                                   struct caa_error *err)
{
    enum caa_status st = CAA_E_NOMEM;
    json_t *arr = json_array();
    char *text = NULL;

    if (arr == NULL) {
        goto out;
    }
    for (size_t i = 0; i < count; i++) {
        json_t *value = json_stringn((const char *)recs[i].value, recs[i].value_len);
        json_t *obj = json_pack("{s:i,s:s#,s:o*}", "flags", (int)recs[i].flags, "tag", recs[i].tag,
                                (int)recs[i].tag_len, "value", value);
        if (value == NULL) {
            json_decref(obj);
            st = CAA_E_INVALID_ARG;
            if (err != NULL) {
                err->offset = 0;
                (void)snprintf(err->message, sizeof(err->message),
                               "the %s value is not UTF-8: JSON cannot carry it", recs[i].tag);
            }
            goto out;
        }
        if (obj == NULL || json_array_append_new(arr, obj) != 0) {
            goto out;
        }
    }
    text = json_dumps(arr, JSON_COMPACT);
    if (text == NULL) {
        goto out;
    }
    caa__buf_append_str(b, text);
    caa__buf_append_str(b, "\n");
    st = CAA_OK;
out:
    free(text);
    json_decref(arr);
    return st;
}

enum caa_status caa__format_records(const char *owner, uint32_t ttl, const struct caa_record *recs,
                                    size_t count, enum caa_format format, char **out,
                                    struct caa_error *err)
{
    enum caa_status st = CAA_OK;
    struct caa__buf b;

    caa__buf_init(&b, OUTPUT_MAX);
    switch (format) {
    case CAA_FORMAT_ZONE:
        st = render_lines(&b, owner, ttl, recs, count, render_zone);
        break;
    case CAA_FORMAT_RFC3597:
        st = render_lines(&b, owner, ttl, recs, count, render_rfc3597);
        break;
    case CAA_FORMAT_TINYDNS:
        st = render_lines(&b, owner, ttl, recs, count, render_tinydns);
        break;
    case CAA_FORMAT_DNSMASQ:
        if (ttl != 0) {
            /* dnsmasq has no per-record TTL for dns-rr. */
            caa__buf_printf(&b, "# TTL %lu: dnsmasq sets it globally (local-ttl=%lu)\n",
                            (unsigned long)ttl, (unsigned long)ttl);
        }
        st = render_lines(&b, owner, ttl, recs, count, render_dnsmasq);
        break;
    case CAA_FORMAT_DNSCONTROL:
        st = render_dnscontrol(&b, owner, ttl, recs, count);
        break;
    case CAA_FORMAT_OCTODNS:
        st = render_octodns(&b, owner, ttl, recs, count);
        break;
    case CAA_FORMAT_JSON:
        st = render_json(&b, recs, count, err);
        break;
    default:
        st = CAA_E_INVALID_ARG;
        break;
    }
    if (st == CAA_OK) {
        st = b.status;
    }
    if (st == CAA_OK) {
        *out = caa__buf_steal(&b);
        st = *out == NULL ? CAA_E_NOMEM : CAA_OK;
    }
    caa__buf_cleanup(&b);
    return st;
}
