/* SPDX-License-Identifier: MIT */
#include "json_out.h"

#include <stdint.h>
#include <string.h>

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

static void escape_byte(FILE *fp, uint8_t c)
{
    static const char hex[] = "0123456789abcdef";

    fputs("\\u00", fp);
    fputc(hex[c >> 4], fp);
    fputc(hex[c & 0x0F], fp);
}

void json_out_bytes(FILE *fp, const void *data, size_t len)
{
    const uint8_t *p = data;
    size_t i = 0;

    fputc('"', fp);
    while (i < len) {
        uint8_t c = p[i];
        size_t n = utf8_sequence(p + i, len - i);
        if (c == '"' || c == '\\') {
            fputc('\\', fp);
            fputc(c, fp);
        } else if (c == '\n') {
            fputs("\\n", fp);
        } else if (c == '\t') {
            fputs("\\t", fp);
        } else if (c == '\r') {
            fputs("\\r", fp);
        } else if (c < 0x20 || c == 0x7F || n == 0) {
            escape_byte(fp, c);
        } else {
            fwrite(p + i, 1, n, fp);
            i += n;
            continue;
        }
        i++;
    }
    fputc('"', fp);
}

void json_out_string(FILE *fp, const char *s)
{
    json_out_bytes(fp, s, strlen(s));
}
