/* SPDX-License-Identifier: MIT */
/*
 * caa explain: from the text a CA printed (or an ACME problem document) to the names it is about
 * and what kind of failure it reports. Boulder's wording is in ca-behaviour.md §6.10, §8;
 * letsdebug's too.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <caa/diagnose.h>

#include "lib/util/ascii.h"

#define NAMES_MAX 16

struct names {
    char *items[NAMES_MAX];
    size_t count;
};

static bool name_char(char c)
{
    return caa__ascii_is_alnum((uint8_t)c) || c == '.' || c == '-' || c == '_' || c == '*';
}

static void add_name(struct names *n, const char *start, size_t len)
{
    while (len > 0 && start[len - 1] == '.') {
        len--; /* the sentence's full stop, or a trailing root dot */
    }
    if (len == 0 || n->count == NAMES_MAX) {
        return;
    }
    for (size_t i = 0; i < n->count; i++) {
        if (caa__ascii_equal_nocase((const uint8_t *)n->items[i], strlen(n->items[i]),
                                    (const uint8_t *)start, len)) {
            return;
        }
    }
    n->items[n->count] = strndup(start, len);
    if (n->items[n->count] != NULL) {
        n->count++;
    }
}

/* Every name that follows `marker` in text. */
static void names_after(struct names *n, const char *text, const char *marker)
{
    const char *p = text;

    while ((p = strstr(p, marker)) != NULL) {
        const char *start = p + strlen(marker);
        size_t len = 0;
        while (start[len] == '"') {
            start++;
        }
        while (name_char(start[len])) {
            len++;
        }
        add_name(n, start, len);
        p = start + len;
    }
}

static enum caa_code kind_of(const char *text)
{
    static const struct {
        const char *fragment;
        enum caa_code code;
    } kinds[] = {
        {"SERVFAIL", CAA_CODE_DNS_SERVFAIL},
        {"timed out", CAA_CODE_DNS_TIMEOUT},
        {"could not be resolved within the timeout", CAA_CODE_DNS_TIMEOUT},
        {"DNSSEC", CAA_CODE_DNS_BOGUS},
        {"NXDOMAIN", CAA_CODE_DNS_NXDOMAIN_TLD},
        {"REFUSED", CAA_CODE_DNS_REFUSED},
        {"truncated", CAA_CODE_DNS_TRUNCATED},
        {"networking error", CAA_CODE_DNS_NETWORK},
        {"server failure at resolver", CAA_CODE_DNS_RESOLVER},
        {"prevents issuance", CAA_CODE_ISSUER_NOT_LISTED},
        {"CAAIssuanceNotAllowed", CAA_CODE_ISSUER_NOT_LISTED},
        {"CAACriticalUnknown", CAA_CODE_UNKNOWN_CRITICAL},
    };

    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (strstr(text, kinds[i].fragment) != NULL) {
            return kinds[i].code;
        }
    }
    return CAA_CODE_NO_PROBLEM_FOUND;
}

static void scan_text(struct names *n, const char *text)
{
    /* Identifier first, then the failing label and the RRset owner. */
    names_after(n, text, "While processing CAA for ");
    names_after(n, text, "looking up CAA for ");
    names_after(n, text, "CAA record for ");
    names_after(n, text, "DNS response for ");
    names_after(n, text, "lookup process for ");
}

/* An ACME problem document (RFC 8555 §6.7): its detail, its identifier and its subproblems. */
static void scan_json(struct names *n, json_t *doc, char *kind_text, size_t cap)
{
    json_t *sub = json_object_get(doc, "subproblems");
    const char *detail = json_string_value(json_object_get(doc, "detail"));
    const char *ident =
        json_string_value(json_object_get(json_object_get(doc, "identifier"), "value"));
    size_t index;
    json_t *item;

    if (ident != NULL) {
        add_name(n, ident, strlen(ident));
    }
    if (detail != NULL) {
        size_t used = strlen(kind_text);
        scan_text(n, detail);
        /* Every detail counts: the top level often says only "Error finalizing order". */
        if (used + 2 < cap) {
            kind_text[used] = ' ';
            kind_text[used + 1] = '\0';
            strncat(kind_text, detail, cap - used - 2);
        }
    }
    json_array_foreach(sub, index, item)
    {
        scan_json(n, item, kind_text, cap);
    }
}

enum caa_status caa_explain_parse(const char *text, char ***names_out, size_t *count_out,
                                  enum caa_code *kind_out)
{
    struct names n = {{NULL}, 0};
    char kind_text[2048] = "";
    json_t *doc = json_loads(text, 0, NULL);
    char **array;

    if (doc != NULL && json_is_object(doc)) {
        scan_json(&n, doc, kind_text, sizeof(kind_text));
    } else {
        scan_text(&n, text);
        strncat(kind_text, text, sizeof(kind_text) - 1);
    }
    json_decref(doc);
    if (n.count == 0) {
        return CAA_E_SYNTAX;
    }
    array = calloc(n.count, sizeof(*array));
    if (array == NULL) {
        for (size_t i = 0; i < n.count; i++) {
            free(n.items[i]);
        }
        return CAA_E_NOMEM;
    }
    memcpy(array, n.items, n.count * sizeof(*array));
    *names_out = array;
    *count_out = n.count;
    if (kind_out != NULL) {
        *kind_out = kind_of(kind_text);
    }
    return CAA_OK;
}
