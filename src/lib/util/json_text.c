/* SPDX-License-Identifier: MIT */
/* The one rule for putting foreign bytes into JSON (<caa/json.h>). */
#include "lib/util/json_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <caa/json.h>

/* The length of the valid UTF-8 sequence at p (RFC 3629 §4: no overlong forms, no surrogates,
 * nothing above U+10FFFF), or 0 if the byte at p does not start one. */
static size_t utf8_sequence(const uint8_t *p, size_t avail)
{
    uint8_t lo = 0x80;
    uint8_t hi = 0xBF;
    size_t n;

    if (p[0] < 0x80) {
        return 1;
    }
    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        n = 2;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        n = 3;
        lo = p[0] == 0xE0 ? 0xA0 : 0x80;
        hi = p[0] == 0xED ? 0x9F : 0xBF;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        n = 4;
        lo = p[0] == 0xF0 ? 0x90 : 0x80;
        hi = p[0] == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (avail < n || p[1] < lo || p[1] > hi) {
        return 0;
    }
    for (size_t i = 2; i < n; i++) {
        if (p[i] < 0x80 || p[i] > 0xBF) {
            return 0;
        }
    }
    return n;
}

bool caa__utf8_valid(const void *data, size_t len)
{
    const uint8_t *p = data;

    for (size_t i = 0; i < len;) {
        size_t seq = utf8_sequence(p + i, len - i);

        if (seq == 0) {
            return false;
        }
        i += seq;
    }
    return true;
}

json_t *caa__json_bytes(const void *data, size_t len)
{
    const uint8_t *p = data;
    uint8_t *clean;
    size_t n = 0;
    json_t *out;

    if (len == 0) {
        return json_stringn("", 0);
    }
    /* Each byte that is not UTF-8 becomes the two-byte encoding of U+0080..U+00FF. */
    clean = malloc(len * 2);
    if (clean == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < len;) {
        size_t seq = utf8_sequence(p + i, len - i);

        if (seq == 0) {
            clean[n++] = (uint8_t)(0xC0 | (p[i] >> 6));
            clean[n++] = (uint8_t)(0x80 | (p[i] & 0x3F));
            i++;
        } else {
            memcpy(clean + n, p + i, seq);
            n += seq;
            i += seq;
        }
    }
    out = json_stringn_nocheck((const char *)clean, n);
    free(clean);
    return out;
}

json_t *caa__json_text(const char *s)
{
    return s != NULL ? caa__json_bytes(s, strlen(s)) : json_null();
}

json_t *caa__json_text_or_null(const char *s)
{
    return s != NULL && s[0] != '\0' ? caa__json_bytes(s, strlen(s)) : json_null();
}

enum caa_status caa_json_quote(const void *data, size_t len, char **out)
{
    json_t *str;
    char *text;

    if (out == NULL || (data == NULL && len > 0)) {
        return CAA_E_INVALID_ARG;
    }
    *out = NULL;
    str = caa__json_bytes(data != NULL ? data : "", len);
    if (str == NULL) {
        return CAA_E_NOMEM;
    }
    text = json_dumps(str, JSON_ENCODE_ANY | JSON_COMPACT);
    json_decref(str);
    if (text == NULL) {
        return CAA_E_NOMEM;
    }
    *out = text;
    return CAA_OK;
}
