/* SPDX-License-Identifier: MIT */
#ifndef CAA_CLI_JSON_OUT_H
#define CAA_CLI_JSON_OUT_H

/* JSON string literals for the CLI's streamed output (the CLI may not use the library's JSON
 * code). Valid UTF-8 passes through; ", \ and control characters are escaped; a byte that is not
 * part of valid UTF-8 (record values are arbitrary octets) becomes \u00XX of that byte. */

#include <stddef.h>
#include <stdio.h>

/* Writes `len` bytes of `data` as a quoted JSON string. */
void json_out_bytes(FILE *fp, const void *data, size_t len);
/* The same for a NUL-terminated string. */
void json_out_string(FILE *fp, const char *s);

#endif
