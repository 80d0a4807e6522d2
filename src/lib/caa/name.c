/* SPDX-License-Identifier: MIT */
/* Domain names as CAs receive them: A-labels, lower case, no trailing dot (RFC 8659 §3 climbs
 * them label by label). */
#include <stdlib.h>
#include <string.h>

#include <idn2.h>

#include "lib/caa/name_internal.h"

#include "lib/util/ascii.h"
#include "lib/util/error.h"

#define NAME_MAX_OCTETS 253
#define LABEL_MAX_OCTETS 63

static bool is_ascii(const char *s)
{
    for (; *s != '\0'; s++) {
        if ((uint8_t)*s >= 0x80) {
            return false;
        }
    }
    return true;
}

/* Checks label and name lengths of an A-label name; offsets are relative to `base`. */
static enum caa_status check_shape(const char *name, size_t base, struct caa_error *err)
{
    size_t len = strlen(name);
    size_t label_start = 0;

    if (len == 0) {
        return caa__error_set(err, base, "empty name");
    }
    if (len > NAME_MAX_OCTETS) {
        return caa__error_set(err, base, "name is %zu octets long; the limit is %d", len,
                              NAME_MAX_OCTETS);
    }
    for (size_t i = 0; i <= len; i++) {
        if (i < len && name[i] != '.') {
            uint8_t c = (uint8_t)name[i];
            if (!caa__ascii_is_alnum(c) && c != '-' && c != '_') {
                return caa__error_set(err, base + i, "character '%c' is not allowed in a name",
                                      name[i]);
            }
            continue;
        }
        if (i == label_start) {
            return caa__error_set(err, base + i, "empty label");
        }
        if (i - label_start > LABEL_MAX_OCTETS) {
            return caa__error_set(err, base + label_start, "label is longer than %d octets",
                                  LABEL_MAX_OCTETS);
        }
        label_start = i + 1;
    }
    return CAA_OK;
}

static enum caa_status to_ascii(const char *body, size_t base, char **out, struct caa_error *err)
{
    char *ascii = NULL;
    int rc;

    if (is_ascii(body)) {
        ascii = caa__ascii_strdup_lower(body);
        if (ascii == NULL) {
            return CAA_E_NOMEM;
        }
    } else {
        rc = idn2_to_ascii_8z(body, &ascii, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
        if (rc != IDN2_OK) {
            return caa__error_set(err, base, "not a valid internationalised name: %s",
                                  idn2_strerror(rc));
        }
        caa__ascii_lower_in_place(ascii, strlen(ascii));
    }
    *out = ascii;
    return CAA_OK;
}

/* Whether a lower-case A-label name has a Punycode label ("xn--"): only those have a U-label
 * form that differs, so the others skip libidn2 (a dozen allocations per name in bulk). */
static bool has_punycode(const char *ascii)
{
    for (const char *label = ascii; label != NULL;) {
        const char *dot = strchr(label, '.');
        if (strncmp(label, "xn--", 4) == 0) {
            return true;
        }
        label = dot != NULL ? dot + 1 : NULL;
    }
    return false;
}

static enum caa_status with_prefix(const char *prefix, char *body, char **out)
{
    size_t p = strlen(prefix);
    size_t b = strlen(body);
    char *joined = malloc(p + b + 1);

    if (joined == NULL) {
        return CAA_E_NOMEM;
    }
    memcpy(joined, prefix, p);
    memcpy(joined + p, body, b + 1);
    *out = joined;
    return CAA_OK;
}

enum caa_status caa_name_normalize(const char *input, char **ascii_out, char **unicode_out,
                                   struct caa_error *err)
{
    enum caa_status st;
    size_t base = strncmp(input, "*.", 2) == 0 ? 2 : 0;
    const char *prefix = base == 2 ? "*." : "";
    char *body = strdup(input + base);
    char *ascii = NULL;
    char *unicode = NULL;
    size_t len;

    if (body == NULL) {
        return CAA_E_NOMEM;
    }
    len = strlen(body);
    if (len > 1 && body[len - 1] == '.') {
        body[len - 1] = '\0';
    }
    st = to_ascii(body, base, &ascii, err);
    if (st == CAA_OK) {
        st = check_shape(ascii, base, err);
    }
    if (st == CAA_OK && unicode_out != NULL) {
        char *u = NULL;
        if (!has_punycode(ascii) || idn2_to_unicode_8z8z(ascii, &u, 0) != IDN2_OK) {
            u = strdup(ascii);
        }
        st = u == NULL ? CAA_E_NOMEM : with_prefix(prefix, u, &unicode);
        free(u);
    }
    if (st == CAA_OK) {
        char *full = NULL;
        st = with_prefix(prefix, ascii, &full);
        free(ascii);
        ascii = full;
    }
    free(body);
    if (st != CAA_OK) {
        free(ascii);
        free(unicode);
        return st;
    }
    *ascii_out = ascii;
    if (unicode_out != NULL) {
        *unicode_out = unicode;
    }
    return CAA_OK;
}

/* The public path, its results copied into the arena. */
static enum caa_status normalize_copied(struct caa__arena *arena, const char *input,
                                        const char **ascii_out, const char **unicode_out,
                                        struct caa_error *err)
{
    char *ascii = NULL;
    char *unicode = NULL;
    enum caa_status st = caa_name_normalize(input, &ascii, &unicode, err);

    if (st == CAA_OK) {
        const char *a = caa__arena_strdup(arena, ascii);
        const char *u = caa__arena_strdup(arena, unicode);
        st = caa__arena_status(arena);
        if (st == CAA_OK) {
            *ascii_out = a;
            *unicode_out = u;
        }
    }
    free(ascii);
    free(unicode);
    return st;
}

enum caa_status caa__name_normalize_in(struct caa__arena *arena, const char *input,
                                       const char **ascii_out, const char **unicode_out,
                                       struct caa_error *err)
{
    size_t base = strncmp(input, "*.", 2) == 0 ? 2 : 0;
    const char *body = input + base;
    size_t len = strlen(body);
    char *ascii;
    enum caa_status st;

    /* Only names libidn2 would change (non-ASCII) or display differently (Punycode) need it;
     * for the rest, caa_name_normalize is a lower-case copy without the trailing dot. */
    if (!is_ascii(body)) {
        return normalize_copied(arena, input, ascii_out, unicode_out, err);
    }
    len = len > 1 && body[len - 1] == '.' ? len - 1 : len;
    if ((ascii = caa__arena_alloc(arena, base + len + 1)) == NULL) {
        return caa__arena_status(arena);
    }
    memcpy(ascii, input, base);
    memcpy(ascii + base, body, len);
    caa__ascii_lower_in_place(ascii + base, len);
    st = check_shape(ascii + base, base, err);
    if (st != CAA_OK) {
        return st;
    }
    if (has_punycode(ascii + base)) {
        return normalize_copied(arena, input, ascii_out, unicode_out, err);
    }
    *ascii_out = ascii;
    *unicode_out = ascii;
    return CAA_OK;
}
