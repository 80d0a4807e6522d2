/* SPDX-License-Identifier: MIT */
#ifndef CAA_CAA_RELEVANT_RRSET_H
#define CAA_CAA_RELEVANT_RRSET_H

/*
 * RFC 8659 §3 tree climbing as Boulder does it (va/caa.go): every label from the name up to and
 * including the TLD is queried (in parallel), then the results are walked upward. Pure: fed the
 * outcome of each label's lookup, no I/O.
 */

#include <stddef.h>

#include <caa/status.h>

/* At most 127 labels fit in a 253-octet name. */
#define CAA__CLIMB_MAX 128

/* The names to query for `name` (A-labels, no trailing dot; a leading "*." is dropped first):
 * "a.b.example.com" -> "a.b.example.com", "b.example.com", "example.com", "com". Each out[i]
 * points into `name`. Returns the count, 0 for an empty name. */
size_t caa__climb_labels(const char *name, const char *out[CAA__CLIMB_MAX]);

enum caa__label_kind {
    CAA__LABEL_EMPTY = 0, /* NODATA, NXDOMAIN below a TLD, CNAME to an empty target */
    CAA__LABEL_RRSET = 1, /* at least one CAA RR in the answer */
    CAA__LABEL_ERROR = 2, /* the lookup failed: SERVFAIL, timeout, bogus, ... */
};

struct caa__selection {
    enum caa__label_kind kind; /* EMPTY: no label has CAA, issuance unrestricted */
    size_t index;              /* the deciding label (RRSET or ERROR); n for EMPTY */
};

/* Boulder's selectCAA: the first error before any non-empty RRset decides; else the first
 * non-empty RRset; errors above it are ignored. */
struct caa__selection caa__select_relevant(const enum caa__label_kind *kinds, size_t n);

#endif
