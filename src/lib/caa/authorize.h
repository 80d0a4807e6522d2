/* SPDX-License-Identifier: MIT */
#ifndef CAA_CAA_AUTHORIZE_H
#define CAA_CAA_AUTHORIZE_H

#include <stddef.h>

#include "lib/util/arena.h"
#include "lib/util/must_check.h"
#include <caa/evaluate.h>

/* One profile's decision on one RRset. Caller-owned; arrays are carved from the arena given to
 * caa__authorize, or heap memory released by caa__decision_cleanup(). */
struct caa__decision {
    enum caa_verdict verdict;
    enum caa_code code;
    size_t record_count;
    enum caa_record_outcome *outcomes; /* record_count entries */
    size_t decisive_count;
    size_t *decisive; /* indexes into the RRset */
    char reason[768];
};

void caa__decision_cleanup(struct caa__decision *d);

/* Decides `req` against `set` under `profile` (req->profile is ignored here); the arrays come
 * from arena, or the heap when it is NULL. */
CAA__MUST_CHECK enum caa_status caa__authorize(const struct caa_rrset *set,
                                               const struct caa_request *req,
                                               enum caa_profile profile, struct caa__arena *arena,
                                               struct caa__decision *out);

#endif
