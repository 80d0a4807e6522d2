/* SPDX-License-Identifier: MIT */
#include "bulk_input.h"

#include <caa/caa.h>

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

void bulk_reader_init(struct bulk_reader *r, FILE *fp)
{
    memset(r, 0, sizeof(*r));
    r->fp = fp;
}

int bulk_reader_next(struct bulk_reader *r)
{
    int c = EOF;
    bool any = false;

    r->len = 0;
    r->too_long = false;
    /* One thread reads the input: no lock per character (getc took one). */
    while ((c = getc_unlocked(r->fp)) != EOF) {
        any = true;
        r->bytes_read++;
        if (c == '\n') {
            break;
        }
        if (r->len < BULK_LINE_MAX) {
            r->buf[r->len++] = (char)c;
        } else {
            r->too_long = true;
        }
    }
    r->buf[r->len] = '\0';
    if (ferror(r->fp)) {
        return -1;
    }
    if (!any) {
        return 0;
    }
    r->line_no++;
    return 1;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Trims blanks and one pair of surrounding double quotes, in place. */
static char *trim_field(char *start, char *end)
{
    while (start < end && is_blank(*start)) {
        start++;
    }
    while (end > start && is_blank(end[-1])) {
        end--;
    }
    if (end - start >= 2 && *start == '"' && end[-1] == '"') {
        start++;
        end--;
    }
    *end = '\0';
    return start;
}

/* Splits `text` into fields, keeping the first `max`. Returns the number of columns used: the
 * position of the last non-empty field (so more than max means too many columns). */
static size_t split_fields(char *text, char **fields, size_t max)
{
    bool csv = strchr(text, ',') != NULL;
    size_t n = 0;
    size_t used = 0;
    char *p = text;

    for (;;) {
        char *start;
        char *field;
        bool more;
        if (!csv) {
            while (is_blank(*p)) {
                p++;
            }
            if (*p == '\0') {
                break;
            }
        }
        start = p;
        while (*p != '\0' && (csv ? *p != ',' : !is_blank(*p))) {
            p++;
        }
        more = *p != '\0';
        field = trim_field(start, p);
        if (n < max) {
            fields[n] = field;
        }
        n++;
        used = *field != '\0' ? n : used;
        if (!more) {
            break;
        }
        p++;
    }
    return used;
}

void bulk_url_to_host(char *text)
{
    char *scheme_end = strstr(text, "://");
    char *host;
    char *end;
    char *at;
    char *colon;

    if (scheme_end == NULL) {
        return;
    }
    host = scheme_end + 3;
    end = host + strcspn(host, "/?#");
    *end = '\0';
    at = strrchr(host, '@');
    if (at != NULL) {
        host = at + 1;
    }
    colon = strrchr(host, ':');
    if (colon != NULL && strchr(colon, ']') == NULL &&
        strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
        *colon = '\0';
    }
    memmove(text, host, strlen(host) + 1);
}

/* Characters, not bytes: a U-label name is judged on its A-label form by the engine, and an
 * A-label is never shorter than its U-label in characters. */
static size_t name_chars(const char *name)
{
    size_t len = strlen(name);
    size_t chars = 0;

    if (len >= 2 && name[0] == '*' && name[1] == '.') {
        name += 2;
        len -= 2;
    }
    if (len > 0 && name[len - 1] == '.') {
        len--;
    }
    for (size_t i = 0; i < len; i++) {
        chars += ((unsigned char)name[i] & 0xC0) != 0x80;
    }
    return chars;
}

static bool ascii_equal_nocase(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] - 'A' + 'a') : a[i];
        if (x != b[i]) {
            return false;
        }
    }
    return true;
}

/* Why a name is not one a CA could issue for, though it may look like one: an IP address (CAA
 * is for domain names; RFC 8738 certificates have no CAA), the special-use name localhost
 * (RFC 6761 §6.3), a bare "xn--" label (an A-label prefix with no punycode after it) or a label
 * of hyphens only. NULL when none of these. */
static const char *not_a_domain(const char *name)
{
    char host[BULK_NAME_MAX + 3];
    size_t len = strlen(name);
    unsigned char addr[16];
    const char *label = name;

    if (len >= 2 && name[0] == '[' && name[len - 1] == ']' && len - 2 < sizeof(host)) {
        memcpy(host, name + 1, len - 2);
        host[len - 2] = '\0';
        return inet_pton(AF_INET6, host, addr) == 1 ? "an IP address, not a domain name:" : NULL;
    }
    if (len > 0 && len < sizeof(host)) {
        memcpy(host, name, len + 1);
        if (host[len - 1] == '.') {
            host[len - 1] = '\0';
        }
        if (inet_pton(AF_INET, host, addr) == 1 || inet_pton(AF_INET6, host, addr) == 1) {
            return "an IP address, not a domain name:";
        }
    }
    for (;;) {
        size_t n = strcspn(label, ".");
        const char *next = label + n;
        bool last = *next == '\0' || (next[0] == '.' && next[1] == '\0');
        if (last && n == 9 && ascii_equal_nocase(label, "localhost", 9)) {
            return "localhost is not a public domain name (RFC 6761):";
        }
        if (n == 4 && ascii_equal_nocase(label, "xn--", 4)) {
            return "label 'xn--' has no punycode after the prefix:";
        }
        if (n > 0 && strspn(label, "-") == n) {
            return "a label of hyphens only is not a host name:";
        }
        if (*next == '\0') {
            return NULL;
        }
        label = next + 1;
    }
}

static int resolve_ca(const char *value, struct bulk_line *out)
{
    const struct caa_ca_info *ca = caa_ca_named(value);
    char *domain = NULL;
    int rc = -1;

    if (ca != NULL) {
        /* The engine expands a table CA to all its issuer domains. */
        out->issuer = ca->id;
        return 0;
    }
    /* Without a dot it was meant as a CA of the table: a typo, not a one-label issuer domain. */
    if (strchr(value, '.') != NULL && caa_name_normalize(value, &domain, NULL, NULL) == CAA_OK &&
        caa_is_issuer_domain((const uint8_t *)domain, strlen(domain)) &&
        strlen(domain) < sizeof(out->issuer_buf)) {
        memcpy(out->issuer_buf, domain, strlen(domain) + 1);
        out->issuer = out->issuer_buf;
        rc = 0;
    }
    free(domain);
    return rc;
}

static bool method_ok(const char *method)
{
    return *method != '\0' &&
           strspn(method, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
               strlen(method);
}

static enum bulk_line_kind malformed(struct bulk_line *out, const char *what, const char *value)
{
    out->issuer = NULL;
    out->method = NULL;
    snprintf(out->problem, sizeof(out->problem), "%s%s%.60s%s", what, value != NULL ? " '" : "",
             value != NULL ? value : "", value != NULL ? "'" : "");
    return BULK_LINE_MALFORMED;
}

enum bulk_line_kind bulk_line_parse(char *text, size_t len, struct bulk_line *out)
{
    char *fields[3] = {NULL, NULL, NULL};
    bool has_nul = memchr(text, '\0', len) != NULL;
    char *hash;
    size_t used;
    const char *why;

    memset(out, 0, sizeof(*out));
    out->name = "";
    text[len] = '\0';
    /* A comment starts a word, as in the shell: a URL's "#fragment" is not one. */
    for (hash = strchr(text, '#'); hash != NULL; hash = strchr(hash + 1, '#')) {
        if (hash == text || is_blank(hash[-1]) || hash[-1] == ',') {
            *hash = '\0';
            break;
        }
    }
    used = split_fields(text, fields, 3);
    if (used == 0 && !has_nul) {
        return BULK_LINE_BLANK;
    }
    if (fields[0] != NULL) {
        bulk_url_to_host(fields[0]);
        out->name = fields[0];
    }
    if (has_nul) {
        return malformed(out, "NUL byte in the line", NULL);
    }
    if (used > 3) {
        return malformed(out, "too many columns (expected NAME [CA [METHOD]])", NULL);
    }
    if (*out->name == '\0') {
        return malformed(out, "no name in the first column", NULL);
    }
    if (name_chars(out->name) > BULK_NAME_MAX) {
        return malformed(out, "name longer than 253 characters", NULL);
    }
    if ((why = not_a_domain(out->name)) != NULL) {
        return malformed(out, why, out->name);
    }
    if (fields[1] != NULL && *fields[1] != '\0' && resolve_ca(fields[1], out) != 0) {
        return malformed(out, "CA column is neither an issuer domain nor a known CA:", fields[1]);
    }
    if (fields[2] != NULL && *fields[2] != '\0') {
        if (!method_ok(fields[2])) {
            return malformed(out, "method column is not a method name like dns-01:", fields[2]);
        }
        out->method = fields[2];
    }
    return BULK_LINE_ITEM;
}

uint64_t bulk_shard_hash(const char *name)
{
    size_t len = strlen(name);
    uint64_t h = UINT64_C(14695981039346656037);

    if (len > 0 && name[len - 1] == '.') {
        len--;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c - 'A' + 'a');
        }
        h ^= c;
        h *= UINT64_C(1099511628211);
    }
    return h;
}

static int parse_u64(const char *text, const char *end, uint64_t *out)
{
    uint64_t v = 0;

    if (text == end || end - text > 18) {
        return -1;
    }
    for (; text < end; text++) {
        if (*text < '0' || *text > '9') {
            return -1;
        }
        v = v * 10 + (uint64_t)(*text - '0');
    }
    *out = v;
    return 0;
}

int bulk_shard_parse(const char *text, uint64_t *shard, uint64_t *shard_count)
{
    const char *slash = strchr(text, '/');
    uint64_t i;
    uint64_t n;

    if (slash == NULL || parse_u64(text, slash, &i) != 0 ||
        parse_u64(slash + 1, slash + 1 + strlen(slash + 1), &n) != 0 || n == 0 || i >= n) {
        return -1;
    }
    *shard = i;
    *shard_count = n;
    return 0;
}

/* The value after `"key":` (blanks allowed around the colon) at the top level of our own compact
 * output: keys are the only unescaped quoted strings followed by a colon. */
static const char *find_key(const char *line, size_t len, const char *key)
{
    size_t key_len = strlen(key);

    for (size_t i = 0; i + key_len <= len; i++) {
        const char *p = line + i;
        if (memcmp(p, key, key_len) != 0 || (i > 0 && line[i - 1] == '\\')) {
            continue;
        }
        p += key_len;
        while (p < line + len && (*p == ' ' || *p == '\t')) {
            p++;
        }
        if (p < line + len && *p == ':') {
            p++;
            while (p < line + len && (*p == ' ' || *p == '\t')) {
                p++;
            }
            return p;
        }
    }
    return NULL;
}

/* Whether line[0..len) is one JSON object: it opens with '{' and its braces and brackets,
 * counted outside strings, close exactly at the last byte; and it holds one document of ours:
 * `{"schema"` (which a value can only hold escaped) appears once, so a line cut inside a string
 * and joined to the next run's first line is torn, whatever its braces add up to. */
static bool one_json_object(const char *line, size_t len)
{
    static const char start[] = "{\"schema\"";
    size_t depth = 0;
    bool in_string = false;

    if (len == 0 || line[0] != '{') {
        return false;
    }
    for (size_t i = 1; i + sizeof(start) - 1 <= len; i++) {
        if (memcmp(line + i, start, sizeof(start) - 1) == 0) {
            return false;
        }
    }
    for (size_t i = 0; i < len; i++) {
        char c = line[i];
        if (in_string) {
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0 || (--depth == 0 && i != len - 1)) {
                return false;
            }
        }
    }
    return depth == 0 && !in_string;
}

/* The type of a whole JSON object line: "result", "summary" or NULL. */
static bool line_has_type(const char *line, size_t len, const char *quoted_type)
{
    const char *type = find_key(line, len, "\"type\"");
    size_t n = strlen(quoted_type);

    return type != NULL && (size_t)(line + len - type) >= n && memcmp(type, quoted_type, n) == 0;
}

int bulk_resume_line_index(const char *line, size_t len, uint64_t *index)
{
    const char *value;
    const char *end;
    const char *after;
    size_t trimmed = len;

    while (trimmed > 0 && is_blank(line[trimmed - 1])) {
        trimmed--;
    }
    if (trimmed < 2 || line[trimmed - 1] != '}' || !one_json_object(line, trimmed) ||
        !line_has_type(line, trimmed, "\"result\"")) {
        return -1;
    }
    value = find_key(line, trimmed, "\"index\"");
    if (value == NULL) {
        return -1;
    }
    end = value;
    while (end < line + trimmed && *end >= '0' && *end <= '9') {
        end++;
    }
    after = end;
    while (after < line + trimmed && is_blank(*after)) {
        after++;
    }
    if (after == line + trimmed || (*after != ',' && *after != '}')) {
        return -1;
    }
    return parse_u64(value, end, index);
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a;
    uint64_t y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

static int resume_add(struct bulk_resume *set, uint64_t index)
{
    if (set->count == set->cap) {
        size_t cap = set->cap == 0 ? 1024 : set->cap * 2;
        uint64_t *grown = realloc(set->indexes, cap * sizeof(*grown));
        if (grown == NULL) {
            return -1;
        }
        set->indexes = grown;
        set->cap = cap;
    }
    set->indexes[set->count++] = index;
    return 0;
}

/* Blank, or a whole summary line: expected in an output, not torn. */
static bool line_expected(const char *line, size_t len)
{
    size_t trimmed = len;

    while (trimmed > 0 && is_blank(line[trimmed - 1])) {
        trimmed--;
    }
    return trimmed == 0 ||
           (one_json_object(line, trimmed) && line_has_type(line, trimmed, "\"summary\""));
}

int bulk_resume_load(struct bulk_resume *set, FILE *fp, struct bulk_resume_report *report)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    uint64_t line_no = 0;
    struct bulk_resume_report seen = {0, 0, false};

    while (rc == 0 && (n = getline(&line, &cap, fp)) != -1) {
        uint64_t index;
        line_no++;
        /* A line without its newline is where the previous run was cut. */
        if (line[n - 1] != '\n') {
            seen.cut_at_end = true;
        } else if (bulk_resume_line_index(line, (size_t)n - 1, &index) == 0) {
            rc = resume_add(set, index);
        } else if (!line_expected(line, (size_t)n - 1)) {
            seen.first_torn_line = seen.torn == 0 ? line_no : seen.first_torn_line;
            seen.torn++;
        }
    }
    if (report != NULL) {
        *report = seen;
    }
    if (ferror(fp)) {
        rc = -1;
    }
    free(line);
    if (set->count > 0) {
        qsort(set->indexes, set->count, sizeof(set->indexes[0]), compare_u64);
    }
    return rc;
}

bool bulk_resume_has(const struct bulk_resume *set, uint64_t index)
{
    return set->count > 0 &&
           bsearch(&index, set->indexes, set->count, sizeof(index), compare_u64) != NULL;
}

void bulk_resume_cleanup(struct bulk_resume *set)
{
    free(set->indexes);
    memset(set, 0, sizeof(*set));
}
