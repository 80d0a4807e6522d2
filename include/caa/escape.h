/* SPDX-License-Identifier: MIT */
#ifndef CAA_ESCAPE_H
#define CAA_ESCAPE_H

/*
 * Bytes the library did not write (record values, names and text from the DNS or from input)
 * reach output by two rules, the same in every command (docs/json.md, "Bytes that are not
 * UTF-8", and the README's "Output").
 *
 * JSON (every "caa/1" document, so that invalid UTF-8 never makes JSON fail):
 *   - a valid UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing above
 *     U+10FFFF) is kept as it is;
 *   - each other byte B (0x80..0xFF) becomes the character U+0080..U+00FF of the same value,
 *     so the byte can still be read back: 0xFF becomes "ÿ" (U+00FF);
 *   - `"`, `\` and the control characters are escaped as JSON requires (\n, \t, \u001B, ...).
 *
 * Text for people (text, CSV and Nagios output; so that nothing from the network acts on a
 * terminal or forges a line):
 *   - valid UTF-8 is kept, except characters a terminal acts on rather than shows: C0 controls
 *     (newline and ESC included), DEL, C1 controls (U+0080..U+009F) and the bidirectional
 *     overrides and isolates (U+202A..U+202E, U+2066..U+2069);
 *   - those, and each byte that is not valid UTF-8, become \DDD, the byte's value in three
 *     decimal digits, as in DNS presentation format (RFC 1035 §5.1): a newline is \010.
 *
 * Thread rule: pure functions, safe from any thread.
 */

#include <stdbool.h>
#include <stddef.h>

#include <caa/export.h>
#include <caa/status.h>

/*
 * Writes `len` bytes of `data` (NUL bytes included) as one quoted JSON string by the JSON rule,
 * into `*out` (caller frees with free()). Returns CAA_OK, CAA_E_INVALID_ARG when out is NULL or
 * data is NULL with len > 0, or CAA_E_NOMEM; on failure *out is NULL.
 */
CAA_API enum caa_status caa_json_quote(const void *data, size_t len, char **out);

/* Whether `len` bytes of `data` are valid UTF-8 throughout (RFC 3629), i.e. written by the JSON
 * rule without mapping a byte; a record whose value is not says "value_escaped": true. */
CAA_API bool caa_utf8_valid(const void *data, size_t len);

/*
 * Writes the NUL-terminated `text` by the text rule into `*out` (caller frees with free()).
 * Returns CAA_OK, CAA_E_INVALID_ARG when text or out is NULL, CAA_E_LIMIT or CAA_E_NOMEM; on
 * failure *out is NULL.
 */
CAA_API enum caa_status caa_text_escape(const char *text, char **out);

#endif
