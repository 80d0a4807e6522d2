/* SPDX-License-Identifier: MIT */
#ifndef CAA_UTIL_HASH_H
#define CAA_UTIL_HASH_H

#include <stdint.h>

/* FNV-1a over a NUL-terminated string, byte by byte (no case folding: callers hash names in
 * the one case they compare them in). For hash tables, not for anything an attacker must not
 * collide: every table using it bounds its chains' work by its own caps. */
static inline uint64_t caa__fnv1a(const char *s)
{
    uint64_t h = 14695981039346656037u;

    for (; *s != '\0'; s++) {
        h = (h ^ (uint8_t)*s) * 1099511628211u;
    }
    return h;
}

#endif
