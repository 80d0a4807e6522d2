/* SPDX-License-Identifier: MIT */
#include "lib/util/edit_distance.h"

#include <stdint.h>
#include <string.h>

#define LEN_MAX 253

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

size_t caa__edit_distance(const char *a, const char *b)
{
    size_t row[LEN_MAX + 2];
    size_t a_len = strlen(a);
    size_t b_len = strlen(b);

    if (a_len > LEN_MAX || b_len > LEN_MAX) {
        return SIZE_MAX;
    }
    for (size_t j = 0; j <= b_len; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= a_len; i++) {
        size_t diag = row[0];

        row[0] = i;
        for (size_t j = 1; j <= b_len; j++) {
            size_t up = row[j];
            row[j] = min3(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1));
            diag = up;
        }
    }
    return row[b_len];
}
