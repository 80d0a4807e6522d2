/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_CULPRITS_H
#define CAA_BULK_CULPRITS_H

/* The summary's culprits ("412 names fail because ns1.example.net answers NOTIMP"), summed from
 * the rows as they are emitted: each row of a failed lookup carries its zone's servers and what
 * each does wrong (attributor.c), so the summary and the rows say one thing. */

#include <stddef.h>
#include <stdint.h>

#include <caa/bulk.h>

struct culprit_tally;

struct culprits {
    struct culprit_tally **buckets;
    size_t bucket_count;
    size_t count;
    uint64_t failed_names;
    uint64_t unattributed_names;
};

int culprits_init(struct culprits *c);
void culprits_cleanup(struct culprits *c);
/* Counts an emitted row: a failed lookup (verdict error, a failing label) adds one name to each
 * (server, code) it carries, or to the unattributed names when it carries none. */
void culprits_note(struct culprits *c, const struct caa_bulk_result *row);
/* Fills stats->culprits (at most CAA_BULK_CULPRITS_MAX, most names first), failed_names and
 * unattributed_names. */
void culprits_fill(const struct culprits *c, struct caa_bulk_stats *stats);

#endif
