/* SPDX-License-Identifier: MIT */
/* UTF-8 validity (RFC 3629), the base of both output escapings of <caa/escape.h>. */
#include "lib/util/utf8.h"

#include <caa/escape.h>

size_t caa__utf8_sequence(const uint8_t *p, size_t avail)
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

bool caa_utf8_valid(const void *data, size_t len)
{
    return len == 0 || (data != NULL && caa__utf8_valid(data, len));
}

bool caa__utf8_valid(const void *data, size_t len)
{
    const uint8_t *p = data;

    for (size_t i = 0; i < len;) {
        size_t seq = caa__utf8_sequence(p + i, len - i);

        if (seq == 0) {
            return false;
        }
        i += seq;
    }
    return true;
}
