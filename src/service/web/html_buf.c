/* SPDX-License-Identifier: MIT */
#include "html_buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void web_buf_init(struct web_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = false;
}

void web_buf_cleanup(struct web_buf *b)
{
    free(b->data);
    web_buf_init(b);
}

/* Room for n more bytes and the NUL; false (and sticky failure) past the ceiling. */
static bool reserve(struct web_buf *b, size_t n)
{
    size_t want;
    size_t cap;
    char *grown;

    if (b->failed) {
        return false;
    }
    if (n > WEB_BUF_MAX - b->len) {
        b->failed = true;
        return false;
    }
    want = b->len + n + 1;
    if (want <= b->cap) {
        return true;
    }
    cap = b->cap == 0 ? 4096 : b->cap;
    while (cap < want) {
        cap *= 2;
    }
    grown = realloc(b->data, cap);
    if (grown == NULL) {
        b->failed = true;
        return false;
    }
    b->data = grown;
    b->cap = cap;
    return true;
}

void web_buf_rawn(struct web_buf *b, const char *s, size_t n)
{
    if (n == 0 || !reserve(b, n)) {
        return;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void web_buf_raw(struct web_buf *b, const char *s)
{
    if (s != NULL) {
        web_buf_rawn(b, s, strlen(s));
    }
}

/* Length of the well-formed UTF-8 sequence at s (RFC 3629 table), 0 if it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned cp;

    if (s[0] < 0x80) {
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        len = 2;
        cp = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        len = 3;
        cp = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        len = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < len) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0u) != 0x80u) {
            return 0;
        }
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    /* Overlong forms, surrogates and code points past U+10FFFF. */
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

static const char *entity(unsigned char c)
{
    static const struct {
        unsigned char c;
        const char *entity;
    } table[] = {
        {'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (table[i].c == c) {
            return table[i].entity;
        }
    }
    return NULL;
}

void web_buf_textn(struct web_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0; /* bytes at p[i - run .. i) still to copy as they are */
    size_t i = 0;

    while (i < n) {
        const char *rep = entity(p[i]);
        size_t len = utf8_len(p + i, n - i);
        bool control = p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r';

        if (rep == NULL && len != 0 && !control && p[i] != 0x7F) {
            run += len;
            i += len;
            continue;
        }
        web_buf_rawn(b, (const char *)p + i - run, run);
        run = 0;
        web_buf_raw(b, rep != NULL ? rep : "\xEF\xBF\xBD");
        i++;
    }
    web_buf_rawn(b, (const char *)p + i - run, run);
}

void web_buf_text(struct web_buf *b, const char *s)
{
    if (s != NULL) {
        web_buf_textn(b, s, strlen(s));
    }
}

void web_buf_query(struct web_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";

    for (const unsigned char *p = (const unsigned char *)s; p != NULL && *p != '\0'; p++) {
        bool keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~';
        char esc[3] = {'%', hex[*p >> 4], hex[*p & 0x0F]};

        if (keep) {
            web_buf_rawn(b, (const char *)p, 1);
        } else {
            web_buf_rawn(b, esc, sizeof esc);
        }
    }
}

void web_buf_uint(struct web_buf *b, unsigned long long v)
{
    char digits[24];
    size_t i = sizeof digits;

    do {
        digits[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    web_buf_rawn(b, digits + i, sizeof digits - i);
}

char *web_buf_finish(struct web_buf *b)
{
    char *out = NULL;

    if (!b->failed && reserve(b, 0)) {
        b->data[b->len] = '\0';
        out = b->data;
        b->data = NULL;
    }
    web_buf_cleanup(b);
    return out;
}
