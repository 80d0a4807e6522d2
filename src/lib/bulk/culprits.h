/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_CULPRITS_H
#define CAA_BULK_CULPRITS_H

/* Which nameservers are behind a run's failures ("412 names fail because ns1.example.net
 * answers NOTIMP"): failing labels are counted during the run; at the end the NS sets of the
 * most frequent are looked up and the counts summed per nameserver. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/bulk.h>

#include "lib/dns/seam.h"

struct culprit_label;

struct culprits {
    struct culprit_label **buckets;
    size_t bucket_count;
    size_t count;
    uint64_t noted_names; /* every failure noted, kept or not */
};

int culprits_init(struct culprits *c);
void culprits_cleanup(struct culprits *c);
/* A name failed at `label` with `code`. */
void culprits_note(struct culprits *c, const char *label, enum caa_code code);
/* Looks up the NS of the worst labels and fills stats->culprits, one entry per (server, cause),
 * and stats->failed_names and unattributed_names; with probe, asks each culprit directly what
 * it does (culprit_probe.c). */
void culprits_resolve(struct culprits *c, struct caa__loop *async, bool probe,
                      struct caa_bulk_stats *stats);

#endif
