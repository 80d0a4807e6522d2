/* SPDX-License-Identifier: MIT */
/*
 * caa explain: from the text a CA printed to the problems it reports, one per identifier: the
 * name as the CA judged it ("*.example.com" stays a wildcard), the label its lookup stopped at,
 * and the kind of failure. Reads Boulder's messages with or without their "While processing CAA
 * for" prefix, ACME problem documents with subproblems (RFC 8555 §6.7.1), certbot's
 * "Domain: / Type: / Detail:" blocks and DNS-01 TXT errors. Boulder's wording: ca-behaviour.md
 * §6.10, §8.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <caa/diagnose.h>

#include "lib/util/ascii.h"

/* CA messages are a few lines; past this the text is not read (bounded work on hostile input). */
#define EXPLAIN_TEXT_MAX ((size_t)64 * 1024)
#define PROBLEMS_MAX 16
#define DETAIL_MAX 1024
#define NAME_MAX_LEN 253

struct caa_explanation {
    struct caa_explain_problem items[PROBLEMS_MAX];
    size_t count;
};

/* Where a name follows, most telling first: the identifier, then the label the lookup was at. */
static const char *const identifier_markers[] = {
    "While processing CAA for ", "Cannot issue for ", "Rechecking CAA for ", "looking up CAA for ",
    "CAA record for ",           "DNS response for ", "lookup process for ",
};
static const char *const label_markers[] = {"CAA record for ", "looking up CAA for ",
                                            "DNS response for "};
/* DNS-01: where the TXT record was looked for (the identifier is below _acme-challenge). */
static const char *const txt_markers[] = {"found at ", "looking up TXT for "};

static bool name_char(char c)
{
    return caa__ascii_is_alnum((uint8_t)c) || c == '.' || c == '-' || c == '_' || c == '*';
}

/* The name after the first `marker` in text[0..len) into out (cap bytes); false if none. */
static bool name_after(const char *text, const char *marker, char *out, size_t cap)
{
    const char *p = strstr(text, marker);
    size_t n = 0;

    if (p == NULL) {
        return false;
    }
    p += strlen(marker);
    while (*p == '"' || *p == '\'') {
        p++;
    }
    while (name_char(p[n]) && n + 1 < cap) {
        n++;
    }
    while (n > 0 && p[n - 1] == '.') {
        n--; /* the sentence's full stop, or a trailing root dot */
    }
    memcpy(out, p, n);
    out[n] = '\0';
    return n > 0;
}

static bool has(const char *text, const char *fragment)
{
    return strstr(text, fragment) != NULL;
}

static enum caa_code kind_of(const char *text, const char *type)
{
    static const struct {
        const char *fragment;
        enum caa_code code;
    } kinds[] = {
        {"No TXT record found", CAA_CODE_DNS01_TXT_FAILED},
        {"Incorrect TXT record", CAA_CODE_DNS01_TXT_FAILED},
        {"looking up TXT for", CAA_CODE_DNS01_TXT_FAILED},
        {"SERVFAIL", CAA_CODE_DNS_SERVFAIL},
        {"timed out", CAA_CODE_DNS_TIMEOUT},
        {"could not be resolved within the timeout", CAA_CODE_DNS_TIMEOUT},
        {"DNSSEC", CAA_CODE_DNS_BOGUS},
        {"NXDOMAIN", CAA_CODE_DNS_NXDOMAIN_TLD},
        {"REFUSED", CAA_CODE_DNS_REFUSED},
        {"truncated", CAA_CODE_DNS_TRUNCATED},
        {"networking error", CAA_CODE_DNS_NETWORK},
        {"server failure at resolver", CAA_CODE_DNS_RESOLVER},
        {"CAACriticalUnknown", CAA_CODE_UNKNOWN_CRITICAL},
        {"prevents issuance", CAA_CODE_ISSUER_NOT_LISTED},
        {"CAAIssuanceNotAllowed", CAA_CODE_ISSUER_NOT_LISTED},
    };

    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (has(text, kinds[i].fragment)) {
            return kinds[i].code;
        }
    }
    /* ACME types (RFC 8555 §6.7): "caa" is a CAA refusal whatever the detail says. */
    if (type != NULL && has(type, "error:caa")) {
        return CAA_CODE_ISSUER_NOT_LISTED;
    }
    return CAA_CODE_NO_PROBLEM_FOUND;
}

static bool same_name(const char *a, const char *b)
{
    return caa__ascii_streq_nocase(a, b);
}

static void free_problem(struct caa_explain_problem *p)
{
    free((char *)p->name);
    free((char *)p->label);
    free((char *)p->detail);
}

static char *copy_cut(const char *s, size_t max)
{
    size_t n = strlen(s) < max ? strlen(s) : max;
    char *c = malloc(n + 1);

    if (c != NULL) {
        memcpy(c, s, n);
        c[n] = '\0';
    }
    return c;
}

/* The identifier of one problem: the one given (certbot's Domain:, a problem's identifier), made
 * a wildcard when the detail speaks of "*." it; else the first name the detail gives. */
static bool identifier_of(const char *given, const char *detail, char *out, size_t cap)
{
    char wild[NAME_MAX_LEN + 3];

    if (given != NULL && given[0] != '\0' && strlen(given) < cap - 2) {
        (void)snprintf(out, cap, "%s", given);
        if (strncmp(given, "*.", 2) != 0) {
            (void)snprintf(wild, sizeof(wild), "*.%s", given);
            if (has(detail, wild)) {
                (void)snprintf(out, cap, "%s", wild);
            }
        }
        return true;
    }
    for (size_t i = 0; i < sizeof(txt_markers) / sizeof(txt_markers[0]); i++) {
        if (has(detail, "TXT") && name_after(detail, txt_markers[i], out, cap)) {
            /* RFC 8555 §8.4: the record is at _acme-challenge.<identifier>. */
            if (strlen(out) >= 16 &&
                caa__ascii_equal_nocase((const uint8_t *)out, 16,
                                        (const uint8_t *)"_acme-challenge.", 16)) {
                memmove(out, out + 16, strlen(out + 16) + 1);
            }
            return true;
        }
    }
    for (size_t i = 0; i < sizeof(identifier_markers) / sizeof(identifier_markers[0]); i++) {
        if (name_after(detail, identifier_markers[i], out, cap)) {
            return true;
        }
    }
    return false;
}

/* Adds one problem, or merges it into an earlier one for the same identifier. */
static enum caa_status add_problem(struct caa_explanation *ex, const char *given,
                                   const char *detail, const char *type)
{
    char name[NAME_MAX_LEN + 3];
    char label[NAME_MAX_LEN + 3] = "";
    struct caa_explain_problem *p;
    enum caa_code kind = kind_of(detail, type);

    if (!identifier_of(given, detail, name, sizeof(name))) {
        return CAA_OK;
    }
    for (size_t i = 0; i < sizeof(label_markers) / sizeof(label_markers[0]); i++) {
        if (name_after(detail, label_markers[i], label, sizeof(label))) {
            break;
        }
    }
    if (kind == CAA_CODE_DNS01_TXT_FAILED) {
        (void)name_after(detail, has(detail, "found at ") ? "found at " : "looking up TXT for ",
                         label, sizeof(label));
    }
    if (same_name(label, name) || (strncmp(name, "*.", 2) == 0 && same_name(label, name + 2))) {
        label[0] = '\0';
    }
    for (size_t i = 0; i < ex->count; i++) {
        if (same_name(ex->items[i].name, name)) {
            if (ex->items[i].kind == CAA_CODE_NO_PROBLEM_FOUND) {
                ex->items[i].kind = kind;
            }
            return CAA_OK;
        }
    }
    if (ex->count == PROBLEMS_MAX) {
        return CAA_OK;
    }
    p = &ex->items[ex->count];
    p->name = copy_cut(name, sizeof(name));
    p->label = copy_cut(label, sizeof(label));
    p->detail = copy_cut(detail, DETAIL_MAX);
    p->kind = kind;
    if (p->name == NULL || p->label == NULL || p->detail == NULL) {
        free_problem(p);
        return CAA_E_NOMEM;
    }
    ex->count++;
    return CAA_OK;
}

/* An ACME problem document: each subproblem is a problem of its own; the top level counts only
 * when no subproblem names anything (it often says just "Error finalizing order"). */
static enum caa_status read_json(struct caa_explanation *ex, json_t *doc)
{
    json_t *subs = json_object_get(doc, "subproblems");
    size_t index;
    json_t *item;
    enum caa_status st = CAA_OK;

    json_array_foreach(subs, index, item)
    {
        const char *detail = json_string_value(json_object_get(item, "detail"));
        const char *type = json_string_value(json_object_get(item, "type"));
        const char *ident =
            json_string_value(json_object_get(json_object_get(item, "identifier"), "value"));

        if (st == CAA_OK && json_is_object(item)) {
            st = add_problem(ex, ident, detail != NULL ? detail : "", type);
        }
    }
    if (st == CAA_OK && ex->count == 0) {
        const char *detail = json_string_value(json_object_get(doc, "detail"));
        const char *type = json_string_value(json_object_get(doc, "type"));
        const char *ident =
            json_string_value(json_object_get(json_object_get(doc, "identifier"), "value"));

        st = add_problem(ex, ident, detail != NULL ? detail : "", type);
    }
    return st;
}

/* Copies the value after "Key:" on a certbot line, blanks trimmed. */
static void field_value(const char *line, size_t len, const char *key, char *out, size_t cap)
{
    const char *v = line + strlen(key);
    size_t n = len - strlen(key);

    while (n > 0 && (*v == ' ' || *v == '\t')) {
        v++;
        n--;
    }
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r')) {
        n--;
    }
    n = n < cap - 1 ? n : cap - 1;
    memcpy(out, v, n);
    out[n] = '\0';
}

/* certbot: "  Domain: example.com" / "  Type:   caa" / "  Detail: CAA record for ..." blocks;
 * other text: each line that names a name is a problem. */
static enum caa_status read_lines(struct caa_explanation *ex, const char *text)
{
    char domain[NAME_MAX_LEN + 3] = "";
    char type[64] = "";
    char line_buf[DETAIL_MAX];
    bool certbot = has(text, "Domain:") && has(text, "Detail:");
    enum caa_status st = CAA_OK;

    for (const char *line = text; *line != '\0' && st == CAA_OK;) {
        size_t len = strcspn(line, "\n");
        const char *s = line;
        size_t n = len;

        while (n > 0 && (*s == ' ' || *s == '\t' || *s == '-')) {
            s++;
            n--;
        }
        if (certbot && n >= 7 && strncmp(s, "Domain:", 7) == 0) {
            field_value(s, n, "Domain:", domain, sizeof(domain));
            type[0] = '\0';
        } else if (certbot && n >= 5 && strncmp(s, "Type:", 5) == 0) {
            field_value(s, n, "Type:", type, sizeof(type));
        } else {
            if (certbot && n >= 7 && strncmp(s, "Detail:", 7) == 0) {
                field_value(s, n, "Detail:", line_buf, sizeof(line_buf));
            } else {
                n = n < sizeof(line_buf) - 1 ? n : sizeof(line_buf) - 1;
                memcpy(line_buf, s, n);
                line_buf[n] = '\0';
            }
            if (certbot && domain[0] != '\0') {
                char acme_type[80];

                (void)snprintf(acme_type, sizeof(acme_type), "error:%s", type);
                st = add_problem(ex, domain, line_buf, acme_type);
                domain[0] = '\0';
            } else if (!certbot) {
                st = add_problem(ex, NULL, line_buf, NULL);
            }
        }
        line += len + (line[len] == '\n' ? 1 : 0);
    }
    return st;
}

enum caa_status caa_explain_read(const char *text, size_t len, struct caa_explanation **out)
{
    struct caa_explanation *ex = NULL;
    char *copy = NULL;
    json_t *doc = NULL;
    enum caa_status st = CAA_E_INVALID_ARG;

    if (text == NULL || out == NULL) {
        goto out;
    }
    *out = NULL;
    st = CAA_E_NOMEM;
    len = len < EXPLAIN_TEXT_MAX ? len : EXPLAIN_TEXT_MAX;
    copy = malloc(len + 1);
    ex = calloc(1, sizeof(*ex));
    if (copy == NULL || ex == NULL) {
        goto out;
    }
    memcpy(copy, text, len);
    copy[len] = '\0'; /* a NUL inside ends the text: what follows is not read */
    doc = json_loads(copy, JSON_REJECT_DUPLICATES, NULL);
    st = doc != NULL && json_is_object(doc) ? read_json(ex, doc) : read_lines(ex, copy);
    if (st == CAA_OK && ex->count == 0) {
        st = CAA_E_SYNTAX;
    }
    if (st == CAA_OK) {
        *out = ex;
        ex = NULL;
    }
out:
    json_decref(doc);
    free(copy);
    caa_explanation_free(ex);
    return st;
}

void caa_explanation_free(struct caa_explanation *ex)
{
    if (ex == NULL) {
        return;
    }
    for (size_t i = 0; i < ex->count; i++) {
        free_problem(&ex->items[i]);
    }
    free(ex);
}

size_t caa_explanation_count(const struct caa_explanation *ex)
{
    return ex != NULL ? ex->count : 0;
}

const struct caa_explain_problem *caa_explanation_problem(const struct caa_explanation *ex,
                                                          size_t i)
{
    return ex != NULL && i < ex->count ? &ex->items[i] : NULL;
}

enum caa_status caa_explain_parse(const char *text, char ***names_out, size_t *count_out,
                                  enum caa_code *kind_out)
{
    struct caa_explanation *ex = NULL;
    enum caa_status st;
    char **names;
    size_t n = 0;

    if (text == NULL || names_out == NULL || count_out == NULL) {
        return CAA_E_INVALID_ARG;
    }
    st = caa_explain_read(text, strlen(text), &ex);
    if (st != CAA_OK) {
        return st;
    }
    names = calloc(2 * ex->count, sizeof(*names));
    for (size_t i = 0; names != NULL && i < ex->count; i++) {
        const struct caa_explain_problem *p = &ex->items[i];

        names[n++] = copy_cut(p->name, NAME_MAX_LEN + 3);
        if (p->label[0] != '\0') {
            names[n++] = copy_cut(p->label, NAME_MAX_LEN + 3);
        }
    }
    for (size_t i = 0; names != NULL && i < n; i++) {
        if (names[i] == NULL) {
            for (size_t k = 0; k < n; k++) {
                free(names[k]);
            }
            free(names);
            names = NULL;
        }
    }
    if (names == NULL) {
        caa_explanation_free(ex);
        return CAA_E_NOMEM;
    }
    *names_out = names;
    *count_out = n;
    if (kind_out != NULL) {
        *kind_out = ex->items[0].kind;
        for (size_t i = 0; i < ex->count && *kind_out == CAA_CODE_NO_PROBLEM_FOUND; i++) {
            *kind_out = ex->items[i].kind;
        }
    }
    caa_explanation_free(ex);
    return CAA_OK;
}
