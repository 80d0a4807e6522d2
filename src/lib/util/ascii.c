/* SPDX-License-Identifier: MIT */
#include "lib/util/ascii.h"

#include <stdlib.h>
#include <string.h>

bool caa__ascii_equal_nocase(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len)
{
    if (a_len != b_len) {
        return false;
    }
    for (size_t i = 0; i < a_len; i++) {
        if (caa__ascii_lower(a[i]) != caa__ascii_lower(b[i])) {
            return false;
        }
    }
    return true;
}

bool caa__ascii_streq_nocase(const char *a, const char *b)
{
    return caa__ascii_equal_nocase((const uint8_t *)a, strlen(a), (const uint8_t *)b, strlen(b));
}

void caa__ascii_lower_in_place(char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        s[i] = (char)caa__ascii_lower((uint8_t)s[i]);
    }
}

char *caa__ascii_strdup_lower(const char *s)
{
    size_t len = strlen(s);
    char *copy = malloc(len + 1);

    if (copy != NULL) {
        memcpy(copy, s, len + 1);
        caa__ascii_lower_in_place(copy, len);
    }
    return copy;
}
