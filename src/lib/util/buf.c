/* SPDX-License-Identifier: MIT */
#include "lib/util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void caa__buf_init(struct caa__buf *buf, size_t max)
{
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->max = max;
    buf->status = CAA_OK;
}

void caa__buf_cleanup(struct caa__buf *buf)
{
    free(buf->data);
    caa__buf_init(buf, buf->max);
}

static int reserve(struct caa__buf *buf, size_t extra)
{
    size_t need;
    size_t cap;
    char *data;

    if (buf->status != CAA_OK) {
        return -1;
    }
    if (extra > buf->max - buf->len) {
        buf->status = CAA_E_LIMIT;
        return -1;
    }
    need = buf->len + extra + 1;
    if (need <= buf->cap) {
        return 0;
    }
    cap = buf->cap < 64 ? 64 : buf->cap;
    while (cap < need) {
        cap *= 2;
    }
    data = realloc(buf->data, cap);
    if (data == NULL) {
        buf->status = CAA_E_NOMEM;
        return -1;
    }
    buf->data = data;
    buf->cap = cap;
    return 0;
}

void caa__buf_append(struct caa__buf *buf, const void *data, size_t len)
{
    if (reserve(buf, len) != 0) {
        return;
    }
    if (len > 0) {
        memcpy(buf->data + buf->len, data, len);
    }
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void caa__buf_append_str(struct caa__buf *buf, const char *s)
{
    caa__buf_append(buf, s, strlen(s));
}

void caa__buf_append_byte(struct caa__buf *buf, uint8_t byte)
{
    caa__buf_append(buf, &byte, 1);
}

void caa__buf_printf(struct caa__buf *buf, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        buf->status = CAA_E_INTERNAL;
        return;
    }
    if (reserve(buf, (size_t)n) != 0) {
        return;
    }
    va_start(ap, fmt);
    (void)vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
}

char *caa__buf_steal(struct caa__buf *buf)
{
    char *data;

    if (buf->status != CAA_OK) {
        caa__buf_cleanup(buf);
        return NULL;
    }
    if (buf->data == NULL) {
        if (reserve(buf, 0) != 0) {
            return NULL;
        }
        buf->data[0] = '\0';
    }
    data = buf->data;
    caa__buf_init(buf, buf->max);
    return data;
}
