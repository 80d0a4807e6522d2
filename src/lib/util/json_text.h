/* SPDX-License-Identifier: MIT */
#ifndef CAA_UTIL_JSON_TEXT_H
#define CAA_UTIL_JSON_TEXT_H

/* JSON strings for bytes the library did not write, by the one rule of <caa/escape.h>: every
 * jansson document the library builds takes foreign text through these, never through
 * json_string() (which refuses bytes that are not UTF-8 and so would fail the whole document). */

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include <caa/status.h>

#include "lib/util/utf8.h"

/* A new JSON string of `len` bytes of `data`; NULL only when memory runs out. */
json_t *caa__json_bytes(const void *data, size_t len);
/* The same for a NUL-terminated string; a NULL `s` gives JSON null. */
json_t *caa__json_text(const char *s);
/* `s` as a JSON string, or JSON null when `s` is NULL or empty (fields that may be absent). */
json_t *caa__json_text_or_null(const char *s);
/* Serialises doc (taking its reference, NULL allowed) into *out (caller frees): indented when
 * `pretty`, else one line. CAA_E_NOMEM when doc is NULL or memory runs out; *out untouched then. */
enum caa_status caa__json_dump(json_t *doc, bool pretty, char **out);

#endif
