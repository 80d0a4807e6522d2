/* SPDX-License-Identifier: MIT */
#include <caa/zone.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util/ascii.h"
#include "lib/util/buf.h"
#include "lib/zone/zone_entry.h"
#include "lib/zone/zone_reader.h"

/* Ceilings: a zone holds at most this many CAA records and this many errors. */
#define ZONE_ENTRIES_MAX ((size_t)1 << 20)
#define ZONE_ERRORS_MAX ((size_t)1 << 20)
/* RDATA text of one record, joined from its tokens (a value may be 65533 bytes, escaped 4x). */
#define ZONE_RDATA_TEXT_MAX ((size_t)1 << 20)
/* Longest owner name we keep, in presentation form (escapes make it longer than 255). */
#define ZONE_NAME_MAX 4096
/* RFC 1035 §2.3.4: a label holds at most 63 octets, a name at most 255 in wire form (so at most
 * 127 labels). */
#define WIRE_LABEL_MAX 63
#define WIRE_NAME_MAX 255
#define WIRE_LABELS_MAX 127

/* Type mnemonics of the records zones commonly hold (IANA "Resource Record (RR) TYPEs"), so a
 * line with no class is still known to be a record; TYPEnnn (RFC 3597) is accepted too. */
static const char *const known_types[] = {
    "A",     "AAAA",  "AFSDB",      "APL",        "CAA",    "CDNSKEY", "CDS",   "CERT",  "CNAME",
    "CSYNC", "DHCID", "DLV",        "DNAME",      "DNSKEY", "DS",      "EUI48", "EUI64", "HINFO",
    "HIP",   "HTTPS", "IPSECKEY",   "KEY",        "KX",     "LOC",     "MX",    "NAPTR", "NS",
    "NSEC",  "NSEC3", "NSEC3PARAM", "OPENPGPKEY", "PTR",    "RP",      "RRSIG", "SIG",   "SMIMEA",
    "SOA",   "SPF",   "SRV",        "SSHFP",      "SVCB",   "TLSA",    "TXT",   "URI",   "ZONEMD",
};

struct zone_entry {
    struct caa_zone_entry pub;
    char *text; /* the record as written */
};

struct caa_zone {
    size_t data_count; /* records of any type and directives read */
    struct caa__zone_cname *cnames;
    size_t cname_count;
    size_t cname_cap;
    struct zone_entry *entries;
    size_t entry_count;
    size_t entry_cap;
    struct caa_zone_error *errors;
    size_t error_count;
    size_t error_cap;
};

struct parse_state {
    struct caa_zone *zone;
    unsigned flags;
    const char *text_end;
    char *origin; /* absolute, lower-case, no trailing dot */
    char *owner;  /* the previous owner (NULL before the first record) */
    bool have_ttl_default;
    uint32_t ttl_default; /* $TTL */
    uint32_t ttl_last;    /* the last TTL written on a record (RFC 1035 §5.1) */
};

/* Where the RDATA tokens landed in the joined RDATA text, to map an error back to the file. */
struct rdata_text {
    struct caa__buf buf;
    const struct caa__zone_token *tokens;
    size_t count;
};

static char *copy_bytes(const char *s, size_t len)
{
    char *copy = malloc(len + 1);

    if (copy != NULL) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

static bool token_is(const struct caa__zone_token *t, const char *word)
{
    size_t n = strlen(word);

    return !t->quoted &&
           caa__ascii_equal_nocase((const uint8_t *)t->ptr, t->len, (const uint8_t *)word, n);
}

static enum caa_status add_error(struct parse_state *ps, size_t line, size_t col,
                                 const char *line_start, bool is_caa, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static enum caa_status add_error(struct parse_state *ps, size_t line, size_t col,
                                 const char *line_start, bool is_caa, const char *fmt, ...)
{
    struct caa_zone *z = ps->zone;
    struct caa_zone_error *e;
    char message[512];
    va_list ap;

    if (z->error_count == z->error_cap) {
        size_t cap = z->error_cap == 0 ? 8 : z->error_cap * 2;
        struct caa_zone_error *grown;

        if (z->error_cap >= ZONE_ERRORS_MAX) {
            return CAA_E_LIMIT;
        }
        grown = realloc(z->errors, cap * sizeof(*grown));
        if (grown == NULL) {
            return CAA_E_NOMEM;
        }
        z->errors = grown;
        z->error_cap = cap;
    }
    va_start(ap, fmt);
    (void)vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    e = &z->errors[z->error_count];
    e->line = line;
    e->column = col;
    e->is_caa = is_caa ? 1 : 0;
    e->message = copy_bytes(message, strlen(message));
    e->text = copy_bytes(line_start, caa__zone_line_len(line_start, ps->text_end));
    if (e->message == NULL || e->text == NULL) {
        free((char *)e->message);
        free((char *)e->text);
        return CAA_E_NOMEM;
    }
    z->error_count++;
    return CAA_OK;
}

static enum caa_status error_at(struct parse_state *ps, const struct caa__zone_token *t,
                                bool is_caa, const char *message)
{
    return add_error(ps, t->line, t->column, t->line_start, is_caa, "%s", message);
}

/* True if the name ends with a dot that is not escaped. */
static bool ends_with_dot(const char *s, size_t len)
{
    size_t backslashes = 0;

    if (len == 0 || s[len - 1] != '.') {
        return false;
    }
    while (backslashes < len - 1 && s[len - 2 - backslashes] == '\\') {
        backslashes++;
    }
    return backslashes % 2 == 0;
}

/* RFC 1035 §5.1: `@` is the origin; a name without a final dot is relative to the origin.
 * *out: absolute, lower-case, without the final dot ("" for the root); NULL if too long. */
static enum caa_status make_name(const char *s, size_t len, const char *origin, char **out)
{
    struct caa__buf buf;

    *out = NULL;
    caa__buf_init(&buf, ZONE_NAME_MAX);
    if (len == 1 && s[0] == '@') {
        caa__buf_append_str(&buf, origin);
    } else if (ends_with_dot(s, len)) {
        caa__buf_append(&buf, s, len - 1);
    } else {
        caa__buf_append(&buf, s, len);
        if (origin[0] != '\0') {
            caa__buf_append_byte(&buf, '.');
            caa__buf_append_str(&buf, origin);
        }
    }
    if (buf.status == CAA_E_LIMIT) {
        caa__buf_cleanup(&buf);
        return CAA_E_SYNTAX;
    }
    *out = caa__buf_steal(&buf);
    if (*out == NULL) {
        return CAA_E_NOMEM;
    }
    caa__ascii_lower_in_place(*out, strlen(*out));
    return CAA_OK;
}

/* A TTL: decimal seconds, or BIND's units (1h30m, 2d, 1w). */
static bool parse_ttl(const struct caa__zone_token *t, uint32_t *out)
{
    uint64_t total = 0;
    uint64_t number = 0;
    bool digits = false;

    if (t->quoted || t->len == 0 || !caa__ascii_is_digit((uint8_t)t->ptr[0])) {
        return false;
    }
    for (size_t i = 0; i < t->len; i++) {
        uint8_t c = caa__ascii_lower((uint8_t)t->ptr[i]);
        static const char units[] = "smhdw";
        static const uint64_t seconds[] = {1, 60, 3600, 86400, 604800};
        const char *unit = c != '\0' ? strchr(units, c) : NULL;

        if (caa__ascii_is_digit(c)) {
            number = number * 10 + (uint64_t)(c - '0');
            digits = true;
        } else if (unit != NULL && digits) {
            total += number * seconds[unit - units];
            number = 0;
            digits = false;
        } else {
            return false;
        }
        if (number > UINT32_MAX || total > UINT32_MAX) {
            return false;
        }
    }
    total += number;
    if (total > UINT32_MAX) {
        return false;
    }
    *out = (uint32_t)total;
    return true;
}

static bool is_class(const struct caa__zone_token *t)
{
    return token_is(t, "IN") || token_is(t, "CH") || token_is(t, "HS") || token_is(t, "CS");
}

static bool is_caa_type(const struct caa__zone_token *t)
{
    return token_is(t, "CAA") || token_is(t, "TYPE257");
}

static bool is_type_number(const struct caa__zone_token *t)
{
    if (t->quoted || t->len < 5 ||
        !caa__ascii_equal_nocase((const uint8_t *)t->ptr, 4, (const uint8_t *)"TYPE", 4)) {
        return false;
    }
    for (size_t i = 4; i < t->len; i++) {
        if (!caa__ascii_is_digit((uint8_t)t->ptr[i])) {
            return false;
        }
    }
    return true;
}

static bool is_known_type(const struct caa__zone_token *t)
{
    for (size_t i = 0; i < sizeof(known_types) / sizeof(known_types[0]); i++) {
        if (token_is(t, known_types[i])) {
            return true;
        }
    }
    return is_type_number(t);
}

/* The length of one label of a presentation-form name starting at s (up to an unescaped dot or
 * the end), in octets once \X and \DDD escapes (RFC 1035 §5.1) are decoded; *used: the
 * characters it spans. */
static size_t label_octets(const char *s, size_t len, size_t *used)
{
    size_t i = 0;
    size_t octets = 0;

    while (i < len && s[i] != '.') {
        if (s[i] == '\\' && i + 3 < len && caa__ascii_is_digit((uint8_t)s[i + 1]) &&
            caa__ascii_is_digit((uint8_t)s[i + 2]) && caa__ascii_is_digit((uint8_t)s[i + 3])) {
            i += 4;
        } else if (s[i] == '\\' && i + 1 < len) {
            i += 2;
        } else {
            i++;
        }
        octets++;
    }
    *used = i;
    return octets;
}

/* RFC 1035 §2.3.4 and §3.1 for an owner name: no empty label, labels of at most 63 octets, at most
 * 255 octets in wire form. Writes why not into `why` and returns false. */
static bool owner_fits_wire(const char *name, char *why, size_t cap)
{
    size_t len = strlen(name);
    size_t wire = 1; /* the root label */
    size_t labels = 0;

    for (size_t i = 0; i < len;) {
        size_t used = 0;
        size_t octets = label_octets(name + i, len - i, &used);

        if (octets == 0) {
            (void)snprintf(why, cap, "the owner name has an empty label (\"..\")");
            return false;
        }
        if (octets > WIRE_LABEL_MAX) {
            (void)snprintf(why, cap,
                           "label %zu of the owner name is %zu octets; a label holds at most %d "
                           "(RFC 1035 section 2.3.4)",
                           labels + 1, octets, WIRE_LABEL_MAX);
            return false;
        }
        wire += octets + 1;
        labels++;
        i += used + 1;
    }
    if (wire > WIRE_NAME_MAX || labels > WIRE_LABELS_MAX) {
        (void)snprintf(why, cap,
                       "the owner name has %zu labels and is %zu octets in wire form; a name "
                       "holds at most %d octets, so at most %d labels (RFC 1035 section 2.3.4)",
                       labels, wire, WIRE_NAME_MAX, WIRE_LABELS_MAX);
        return false;
    }
    return true;
}

static bool is_decimal_octet(const struct caa__zone_token *t)
{
    unsigned value = 0;

    if (t->quoted || t->len == 0 || t->len > 3) {
        return false;
    }
    for (size_t i = 0; i < t->len; i++) {
        if (!caa__ascii_is_digit((uint8_t)t->ptr[i])) {
            return false;
        }
        value = value * 10 + (unsigned)(t->ptr[i] - '0');
    }
    return value <= 255;
}

static bool is_alnum_word(const struct caa__zone_token *t)
{
    if (t->quoted || t->len == 0) {
        return false;
    }
    for (size_t i = 0; i < t->len; i++) {
        if (!caa__ascii_is_alnum((uint8_t)t->ptr[i])) {
            return false;
        }
    }
    return true;
}

/* CAA_ZONE_BARE_RDATA: `0 issue "ca.example"` with no owner, TTL, class or type. */
static bool is_bare_rdata(const struct caa__zone_item *item)
{
    const struct caa__zone_token *t = item->tokens;

    return item->token_count >= 3 && is_decimal_octet(&t[0]) && is_alnum_word(&t[1]) &&
           !is_class(&t[1]) && !is_caa_type(&t[1]);
}

static enum caa_status set_string(char **slot, char *value)
{
    free(*slot);
    *slot = value;
    return CAA_OK;
}

static enum caa_status directive(struct parse_state *ps, const struct caa__zone_item *item)
{
    const struct caa__zone_token *t = item->tokens;
    char *name = NULL;
    enum caa_status st;

    if (token_is(&t[0], "$ORIGIN") || token_is(&t[0], "$TTL") || token_is(&t[0], "$INCLUDE")) {
        ps->zone->data_count++;
    }
    if (token_is(&t[0], "$ORIGIN")) {
        if (item->token_count < 2) {
            return error_at(ps, &t[0], false, "$ORIGIN needs a domain name");
        }
        st = make_name(t[1].ptr, t[1].len, ps->origin, &name);
        if (st == CAA_E_SYNTAX) {
            return error_at(ps, &t[1], false, "$ORIGIN: the name is too long");
        }
        return st == CAA_OK ? set_string(&ps->origin, name) : st;
    }
    if (token_is(&t[0], "$TTL")) {
        if (item->token_count < 2 || !parse_ttl(&t[1], &ps->ttl_default)) {
            return error_at(ps, item->token_count < 2 ? &t[0] : &t[1], false,
                            "$TTL needs a TTL in seconds");
        }
        ps->have_ttl_default = true;
        return CAA_OK;
    }
    if (token_is(&t[0], "$INCLUDE")) {
        return error_at(ps, &t[0], false,
                        "$INCLUDE is not followed: records in the included file are not read");
    }
    return add_error(ps, t[0].line, t[0].column, t[0].line_start, false,
                     "unsupported directive %.*s: its records are not read",
                     (int)(t[0].len > 64 ? 64 : t[0].len), t[0].ptr);
}

static void rdata_join(struct rdata_text *rt, const struct caa__zone_token *tokens, size_t count)
{
    caa__buf_init(&rt->buf, ZONE_RDATA_TEXT_MAX);
    rt->tokens = tokens;
    rt->count = count;
    for (size_t i = 0; i < count; i++) {
        if (i > 0) {
            caa__buf_append_byte(&rt->buf, ' ');
        }
        caa__buf_append(&rt->buf, tokens[i].ptr, tokens[i].len);
    }
}

/* Maps a byte offset of the joined RDATA text to the token holding it. */
static const struct caa__zone_token *rdata_locate(const struct rdata_text *rt, size_t offset,
                                                  size_t *column)
{
    size_t start = 0;
    size_t i = 0;

    for (; i + 1 < rt->count; i++) {
        size_t next = start + rt->tokens[i].len + 1;

        if (next > offset) {
            break;
        }
        start = next;
    }
    offset -= start;
    *column = rt->tokens[i].column + (offset < rt->tokens[i].len ? offset : rt->tokens[i].len);
    return &rt->tokens[i];
}

static enum caa_status add_entry(struct parse_state *ps, const struct caa__zone_item *item,
                                 const struct caa__zone_token *first, const char *owner,
                                 uint32_t ttl, const struct rdata_text *rt, struct caa_record *rec)
{
    struct caa_zone *z = ps->zone;
    struct zone_entry *e;

    if (z->entry_count == z->entry_cap) {
        size_t cap = z->entry_cap == 0 ? 8 : z->entry_cap * 2;
        struct zone_entry *grown;

        if (z->entry_cap >= ZONE_ENTRIES_MAX) {
            return CAA_E_LIMIT;
        }
        grown = realloc(z->entries, cap * sizeof(*grown));
        if (grown == NULL) {
            return CAA_E_NOMEM;
        }
        z->entries = grown;
        z->entry_cap = cap;
    }
    e = &z->entries[z->entry_count];
    e->pub.owner = copy_bytes(owner, strlen(owner));
    e->pub.line = item->line;
    e->pub.column = first->column;
    e->pub.ttl = ttl;
    e->pub.rdata_text = copy_bytes(rt->buf.data, rt->buf.len);
    e->text = copy_bytes(item->text, item->text_len);
    if (e->pub.owner == NULL || e->pub.rdata_text == NULL || e->text == NULL) {
        free((char *)e->pub.owner);
        free((char *)e->pub.rdata_text);
        free(e->text);
        return CAA_E_NOMEM;
    }
    /* The zone takes the record's value. */
    e->pub.record = *rec;
    caa_record_init(rec);
    z->entry_count++;
    return CAA_OK;
}

static enum caa_status caa_rdata(struct parse_state *ps, const struct caa__zone_item *item,
                                 const char *owner, uint32_t ttl, size_t first)
{
    struct rdata_text rt;
    struct caa_record rec;
    struct caa_error err;
    enum caa_status st;

    rdata_join(&rt, item->tokens + first, item->token_count - first);
    if (rt.buf.status != CAA_OK) {
        st = rt.buf.status == CAA_E_LIMIT
                 ? error_at(ps, &item->tokens[first], true, "CAA: the RDATA is too long")
                 : rt.buf.status;
        goto out;
    }
    memset(&err, 0, sizeof(err));
    st = caa_record_from_text(rt.buf.data, rt.buf.len, CAA_PARSE_STRICT, &rec, &err);
    if (st == CAA_OK) {
        st = add_entry(ps, item, &item->tokens[first], owner, ttl, &rt, &rec);
        caa_record_cleanup(&rec);
    } else if (st == CAA_E_SYNTAX) {
        size_t col = 0;
        const struct caa__zone_token *t = rdata_locate(&rt, err.offset, &col);

        st = add_error(ps, t->line, col, t->line_start, true, "CAA: %s",
                       err.message[0] != '\0' ? err.message : "the RDATA cannot be parsed");
    }
out:
    caa__buf_cleanup(&rt.buf);
    return st;
}

static enum caa_status add_cname(struct parse_state *ps, const struct caa__zone_item *item)
{
    struct caa_zone *z = ps->zone;
    struct caa__zone_cname *c;

    if (z->cname_count == z->cname_cap) {
        size_t cap = z->cname_cap == 0 ? 8 : z->cname_cap * 2;
        struct caa__zone_cname *grown;

        if (z->cname_cap >= ZONE_ENTRIES_MAX) {
            return CAA_E_LIMIT;
        }
        grown = realloc(z->cnames, cap * sizeof(*grown));
        if (grown == NULL) {
            return CAA_E_NOMEM;
        }
        z->cnames = grown;
        z->cname_cap = cap;
    }
    c = &z->cnames[z->cname_count];
    c->owner = copy_bytes(ps->owner, strlen(ps->owner));
    c->line = item->line;
    c->column = item->tokens[0].column;
    c->text = copy_bytes(item->text, item->text_len);
    if (c->owner == NULL || c->text == NULL) {
        free((char *)c->owner);
        free((char *)c->text);
        return CAA_E_NOMEM;
    }
    z->cname_count++;
    return CAA_OK;
}

/* A record of another type: counted as zone data, and kept when it is a CNAME. */
static enum caa_status other_record(struct parse_state *ps, const struct caa__zone_item *item,
                                    size_t type, bool have_class)
{
    const struct caa__zone_token *t = &item->tokens[type];

    if (type >= item->token_count || !(is_known_type(t) || (have_class && is_alnum_word(t)))) {
        return CAA_OK;
    }
    ps->zone->data_count++;
    return token_is(t, "CNAME") && ps->owner != NULL ? add_cname(ps, item) : CAA_OK;
}

/* `<owner> [ttl] [class] <type> <rdata>`, TTL and class in either order (RFC 1035 §5.1). */
static enum caa_status record(struct parse_state *ps, const struct caa__zone_item *item)
{
    const struct caa__zone_token *t = item->tokens;
    size_t i = 0;
    bool have_ttl = false;
    bool have_class = false;
    uint32_t ttl = 0;
    char why[256];
    enum caa_status st;

    if ((ps->flags & CAA_ZONE_BARE_RDATA) != 0 && is_bare_rdata(item)) {
        ttl = ps->have_ttl_default ? ps->ttl_default : ps->ttl_last;
        ps->zone->data_count++;
        return caa_rdata(ps, item, ps->origin, ttl, 0);
    }
    if (!item->indented) {
        char *owner = NULL;

        st = make_name(t[0].ptr, t[0].len, ps->origin, &owner);
        if (st == CAA_E_SYNTAX) {
            return error_at(ps, &t[0], false, "the owner name is too long");
        }
        if (st != CAA_OK) {
            return st;
        }
        set_string(&ps->owner, owner);
        i = 1;
    }
    for (; i < item->token_count; i++) {
        if (!have_ttl && parse_ttl(&t[i], &ttl)) {
            have_ttl = true;
        } else if (!have_class && is_class(&t[i])) {
            have_class = true;
        } else {
            break;
        }
    }
    /* Other types, and lines too short to have a type, are not ours: skipped silently. */
    if (i >= item->token_count || !is_caa_type(&t[i])) {
        if (have_ttl) {
            ps->ttl_last = ttl;
        }
        return other_record(ps, item, i, have_class);
    }
    ps->zone->data_count++;
    if (ps->owner == NULL) {
        return error_at(ps, &t[0], true, "the record has no owner name and none came before it");
    }
    if (!owner_fits_wire(ps->owner, why, sizeof(why))) {
        return error_at(ps, &t[0], true, why);
    }
    if (i + 1 >= item->token_count) {
        return error_at(ps, &t[i], true, "CAA: the record has no RDATA");
    }
    if (have_ttl) {
        ps->ttl_last = ttl;
    } else {
        ttl = ps->have_ttl_default ? ps->ttl_default : ps->ttl_last;
    }
    return caa_rdata(ps, item, ps->owner, ttl, i + 1);
}

static bool failed_item_is_caa(const struct caa__zone_item *item)
{
    for (size_t i = 0; i < item->token_count && i < 4; i++) {
        if (is_caa_type(&item->tokens[i])) {
            return true;
        }
    }
    return false;
}

/* A NUL byte in a token: the first one, or NULL. */
static const struct caa__zone_token *find_nul(const struct caa__zone_item *item, size_t *offset)
{
    for (size_t i = 0; i < item->token_count; i++) {
        const char *nul = memchr(item->tokens[i].ptr, '\0', item->tokens[i].len);

        if (nul != NULL) {
            *offset = (size_t)(nul - item->tokens[i].ptr);
            return &item->tokens[i];
        }
    }
    return NULL;
}

static enum caa_status entry(struct parse_state *ps, const struct caa__zone_item *item)
{
    size_t offset = 0;
    const struct caa__zone_token *nul = find_nul(item, &offset);

    /* Text tools and C strings stop at a NUL, so what follows it would be read differently by
     * every program: the whole entry is refused where the byte is, never silently cut. */
    if (nul != NULL && !item->failed) {
        return add_error(
            ps, nul->line, nul->column + offset, nul->line_start, failed_item_is_caa(item),
            "a NUL byte (\\000) at column %zu: the line is not read", nul->column + offset);
    }
    if (item->failed) {
        return add_error(ps, item->error_line, item->error_column, item->error_line_start,
                         failed_item_is_caa(item), "%s", item->error_message);
    }
    if (!item->indented && item->tokens[0].ptr[0] == '$' && !item->tokens[0].quoted) {
        return directive(ps, item);
    }
    return record(ps, item);
}

enum caa_status caa_zone_parse(const char *text, size_t len, const char *origin, unsigned flags,
                               struct caa_zone **out)
{
    struct caa__zone_reader reader;
    struct parse_state ps;
    struct caa_zone *zone = NULL;
    enum caa_status st = CAA_E_INVALID_ARG;
    bool more = true;

    memset(&ps, 0, sizeof(ps));
    caa__zone_reader_init(&reader, text, len);
    if (out == NULL || (text == NULL && len > 0)) {
        goto out;
    }
    *out = NULL;
    st = CAA_E_NOMEM;
    zone = calloc(1, sizeof(*zone));
    if (zone == NULL) {
        goto out;
    }
    ps.zone = zone;
    ps.flags = flags;
    ps.text_end = text + len;
    st = make_name(origin != NULL ? origin : "", origin != NULL ? strlen(origin) : 0, "",
                   &ps.origin);
    if (st != CAA_OK) {
        st = st == CAA_E_SYNTAX ? CAA_E_INVALID_ARG : st;
        goto out;
    }
    while (st == CAA_OK) {
        struct caa__zone_item item;

        st = caa__zone_reader_next(&reader, &item, &more);
        if (st != CAA_OK || !more) {
            break;
        }
        st = entry(&ps, &item);
    }
    if (st == CAA_OK) {
        *out = zone;
        zone = NULL;
    }
out:
    caa__zone_reader_cleanup(&reader);
    free(ps.origin);
    free(ps.owner);
    caa_zone_free(zone);
    return st;
}

void caa_zone_free(struct caa_zone *zone)
{
    if (zone == NULL) {
        return;
    }
    for (size_t i = 0; i < zone->entry_count; i++) {
        free((char *)zone->entries[i].pub.owner);
        free((char *)zone->entries[i].pub.rdata_text);
        free(zone->entries[i].text);
        caa_record_cleanup(&zone->entries[i].pub.record);
    }
    for (size_t i = 0; i < zone->error_count; i++) {
        free((char *)zone->errors[i].message);
        free((char *)zone->errors[i].text);
    }
    for (size_t i = 0; i < zone->cname_count; i++) {
        free((char *)zone->cnames[i].owner);
        free((char *)zone->cnames[i].text);
    }
    free(zone->cnames);
    free(zone->entries);
    free(zone->errors);
    free(zone);
}

size_t caa_zone_entry_count(const struct caa_zone *zone)
{
    return zone != NULL ? zone->entry_count : 0;
}

const struct caa_zone_entry *caa_zone_entry(const struct caa_zone *zone, size_t i)
{
    return zone != NULL && i < zone->entry_count ? &zone->entries[i].pub : NULL;
}

const char *caa__zone_entry_text(const struct caa_zone *zone, size_t i)
{
    return zone != NULL && i < zone->entry_count ? zone->entries[i].text : "";
}

size_t caa__zone_data_count(const struct caa_zone *zone)
{
    return zone != NULL ? zone->data_count : 0;
}

size_t caa__zone_cname_count(const struct caa_zone *zone)
{
    return zone != NULL ? zone->cname_count : 0;
}

const struct caa__zone_cname *caa__zone_cname(const struct caa_zone *zone, size_t i)
{
    return zone != NULL && i < zone->cname_count ? &zone->cnames[i] : NULL;
}

size_t caa_zone_error_count(const struct caa_zone *zone)
{
    return zone != NULL ? zone->error_count : 0;
}

const struct caa_zone_error *caa_zone_error(const struct caa_zone *zone, size_t i)
{
    return zone != NULL && i < zone->error_count ? &zone->errors[i] : NULL;
}

static bool owner_has_caa(const struct caa_zone *zone, const char *name)
{
    for (size_t i = 0; i < zone->entry_count; i++) {
        if (strcmp(zone->entries[i].pub.owner, name) == 0) {
            return true;
        }
    }
    return false;
}

static enum caa_status collect(const struct caa_zone *zone, const char *name, struct caa_rrset *set)
{
    enum caa_status st = caa_rrset_set_owner(set, name);

    for (size_t i = 0; i < zone->entry_count && st == CAA_OK; i++) {
        if (strcmp(zone->entries[i].pub.owner, name) == 0) {
            st = caa_rrset_add(set, &zone->entries[i].pub.record);
        }
    }
    return st;
}

enum caa_status caa_zone_relevant_rrset(const struct caa_zone *zone, const char *name,
                                        struct caa_rrset **out)
{
    struct caa_rrset *set = NULL;
    char *lower = NULL;
    const char *cur;
    enum caa_status st = CAA_E_INVALID_ARG;

    if (zone == NULL || name == NULL || out == NULL) {
        goto out;
    }
    *out = NULL;
    st = CAA_E_NOMEM;
    lower = caa__ascii_strdup_lower(name);
    if (lower == NULL) {
        goto out;
    }
    if (lower[0] != '\0' && lower[strlen(lower) - 1] == '.') {
        lower[strlen(lower) - 1] = '\0';
    }
    st = caa_rrset_new(&set);
    if (st != CAA_OK) {
        goto out;
    }
    /* RFC 8659 §3: for `*.x` the climb starts at x; then each parent, down to the TLD (the root
     * is never consulted). */
    cur = strncmp(lower, "*.", 2) == 0 ? lower + 2 : lower;
    while (cur[0] != '\0') {
        const char *dot;

        if (owner_has_caa(zone, cur)) {
            st = collect(zone, cur, set);
            break;
        }
        dot = strchr(cur, '.');
        cur = dot != NULL ? dot + 1 : "";
    }
    if (st == CAA_OK) {
        *out = set;
        set = NULL;
    }
out:
    caa_rrset_free(set);
    free(lower);
    return st;
}
