/* SPDX-License-Identifier: MIT */
#ifndef CAA_UTIL_ASCII_H
#define CAA_UTIL_ASCII_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Locale-free ASCII classification for DNS data (<ctype.h> depends on the locale and is
 * undefined for negative chars). */

static inline bool caa__ascii_is_alpha(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool caa__ascii_is_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

static inline bool caa__ascii_is_alnum(uint8_t c)
{
    return caa__ascii_is_alpha(c) || caa__ascii_is_digit(c);
}

static inline bool caa__ascii_is_upper(uint8_t c)
{
    return c >= 'A' && c <= 'Z';
}

static inline uint8_t caa__ascii_lower(uint8_t c)
{
    return caa__ascii_is_upper(c) ? (uint8_t)(c + ('a' - 'A')) : c;
}

/* SP or HTAB: the WSP of RFC 5234. */
static inline bool caa__ascii_is_wsp(uint8_t c)
{
    return c == ' ' || c == '\t';
}

/* True if the len bytes of a and b are equal ignoring ASCII case. */
bool caa__ascii_equal_nocase(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len);
/* True if the strings are equal ignoring ASCII case: DNS names compare this way (RFC 4343),
 * never with strcasecmp(), which follows the locale. */
bool caa__ascii_streq_nocase(const char *a, const char *b);
/* Lower-cases len bytes of s in place. */
void caa__ascii_lower_in_place(char *s, size_t len);
/* strdup() that lower-cases; NULL on allocation failure. */
char *caa__ascii_strdup_lower(const char *s);

#endif
