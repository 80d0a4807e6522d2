/* SPDX-License-Identifier: MIT */
#ifndef CAA_UTIL_ARENA_H
#define CAA_UTIL_ARENA_H

/*
 * A region (unbound's regional): many small allocations carved from a few chunks and released
 * together by one caa__arena_free(). A report's strings and arrays live in its arena, so freeing
 * a report is one call, not a walk over every field. Thread rule: one thread at a time.
 */

#include <stddef.h>

#include "lib/util/must_check.h"
#include <caa/status.h>

struct caa__arena;

/* An empty arena that will hold at most limit_bytes (allocations past it fail, CAA_E_LIMIT).
 * *out: free with caa__arena_free(). */
CAA__MUST_CHECK enum caa_status caa__arena_new(size_t limit_bytes, struct caa__arena **out);
/* Releases every allocation of the arena; NULL is a no-op. */
void caa__arena_free(struct caa__arena *arena);
/* Releases every allocation but keeps one ordinary chunk for the next ones, and clears a
 * failure: a pool reuses an arena per item (bulk names) without going back to malloc. */
void caa__arena_reset(struct caa__arena *arena);

/* size zeroed bytes, aligned for any type; NULL on failure (then caa__arena_status says why). */
void *caa__arena_alloc(struct caa__arena *arena, size_t size);
/* count zeroed elements of size bytes; NULL on failure or overflow. */
void *caa__arena_calloc(struct caa__arena *arena, size_t count, size_t size);
/* A copy of s; NULL for NULL (not a failure) or on failure. */
char *caa__arena_strdup(struct caa__arena *arena, const char *s);
/* CAA_OK, or the first failure: CAA_E_NOMEM or CAA_E_LIMIT (sticky). */
enum caa_status caa__arena_status(const struct caa__arena *arena);

#endif
