/* SPDX-License-Identifier: MIT */
#ifndef CAA_ZONE_ENTRY_H
#define CAA_ZONE_ENTRY_H

#include <stddef.h>

#include <caa/zone.h>

/* Zone details used by lint beyond the public API. */

/* The record as written in the file, from its first token to its last (owner included unless
 * inherited; parenthesised records keep their line breaks). Borrowed from the zone. */
const char *caa__zone_entry_text(const struct caa_zone *zone, size_t i);

#endif
