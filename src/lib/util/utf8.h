/* SPDX-License-Identifier: MIT */
#ifndef CAA_UTIL_UTF8_H
#define CAA_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The length (1-4) of the valid UTF-8 sequence at p, of at most `avail` (> 0) bytes (RFC 3629
 * §4: no overlong forms, no surrogates, nothing above U+10FFFF), or 0 if the byte at p does not
 * start one. */
size_t caa__utf8_sequence(const uint8_t *p, size_t avail);
/* Whether `len` bytes of `data` are valid UTF-8 throughout. */
bool caa__utf8_valid(const void *data, size_t len);

#endif
