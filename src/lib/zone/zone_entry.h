/* SPDX-License-Identifier: MIT */
#ifndef CAA_ZONE_ENTRY_H
#define CAA_ZONE_ENTRY_H

#include <stddef.h>

#include <caa/zone.h>

/* Zone details used by lint beyond the public API. */

/* The record as written in the file, from its first token to its last (owner included unless
 * inherited; parenthesised records keep their line breaks). Borrowed from the zone. */
const char *caa__zone_entry_text(const struct caa_zone *zone, size_t i);

/* Resource records of any type and directives ($ORIGIN, $TTL, $INCLUDE) read: 0 means the text
 * held no zone data at all (lint says so instead of "clean"). */
size_t caa__zone_data_count(const struct caa_zone *zone);

/* A CNAME record of the zone (RFC 1034 §3.6.2: a CNAME owner has no other data). */
struct caa__zone_cname {
    const char *owner; /* as in caa_zone_entry */
    size_t line;
    size_t column;
    const char *text; /* the record as written */
};

size_t caa__zone_cname_count(const struct caa_zone *zone);
/* Borrowed from the zone; NULL when i is out of range. */
const struct caa__zone_cname *caa__zone_cname(const struct caa_zone *zone, size_t i);

#endif
