/* SPDX-License-Identifier: MIT */
/* The one rule for putting foreign bytes into JSON (<caa/escape.h>). */
#include "lib/util/json_text.h"

#include "lib/util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <caa/escape.h>

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
        size_t seq = caa__utf8_sequence(p + i, len - i);

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

enum caa_status caa__json_dump(json_t *doc, bool pretty, char **out)
{
    char *text;

    if (doc == NULL) {
        return CAA_E_NOMEM;
    }
    text = json_dumps(doc, pretty ? JSON_INDENT(2) : JSON_COMPACT);
    json_decref(doc);
    if (text == NULL) {
        return CAA_E_NOMEM;
    }
    *out = text;
    return CAA_OK;
}
