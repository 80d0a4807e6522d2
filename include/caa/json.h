/* SPDX-License-Identifier: MIT */
#ifndef CAA_JSON_H
#define CAA_JSON_H

/*
 * Bytes the library did not write (record values, names and text from the DNS or from input)
 * go into every "caa/1" JSON document by one rule, so that invalid UTF-8 never makes JSON fail
 * and every command writes the same string for the same bytes (docs/json.md, "Bytes that are
 * not UTF-8"):
 *
 *   - a valid UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing above
 *     U+10FFFF) is kept as it is;
 *   - each other byte B (0x80..0xFF) becomes the character U+0080..U+00FF of the same value,
 *     so the byte can still be read back: 0xFF becomes "ÿ" (U+00FF);
 *   - `"`, `\` and the control characters are escaped as JSON requires (\n, \t, \u001b, ...).
 *
 * Thread rule: pure functions, safe from any thread.
 */

#include <stddef.h>

#include <caa/export.h>
#include <caa/status.h>

/*
 * Writes `len` bytes of `data` (NUL bytes included) as one quoted JSON string by the rule
 * above, into `*out` (caller frees with free()). Returns CAA_OK, CAA_E_INVALID_ARG when out is
 * NULL or data is NULL with len > 0, or CAA_E_NOMEM; on failure *out is NULL.
 */
CAA_API enum caa_status caa_json_quote(const void *data, size_t len, char **out);

#endif
