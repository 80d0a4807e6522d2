/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_CHECK_RESULT_H
#define CAA_SERVICE_CHECK_RESULT_H

/* One finished check as the service keeps it: the caa/1 documents already rendered, and the few
 * numbers the probe exposes. Immutable once made and shared by reference between the cache and
 * every request that asked for it. */

#include <caa/caa.h>

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct check_result {
    atomic_int refs;
    enum caa_status status;   /* CAA_OK: the documents below are set */
    char error[192];          /* why, when status != CAA_OK */
    enum caa_verdict verdict; /* the order's */
    size_t name_count;
    char *order_json; /* {"schema":"caa/1","type":"order",...} */
    char **name_json; /* one caa/1 result object per name */
    /* For the probe, about the first name. */
    bool dnssec_secure;
    bool lookup_error;
    unsigned depth;
    unsigned warnings; /* the check's warnings about it (NS_INCONSISTENT) */
    double duration_s;
};

/* Renders rep (NULL with st != CAA_OK: a failed check). NULL on out of memory. One reference. */
struct check_result *check_result_new(const struct caa_report *rep, enum caa_status st,
                                      const struct caa_error *err, double duration_s);
struct check_result *check_result_ref(struct check_result *res);
/* Drops a reference (NULL is a no-op). */
void check_result_unref(struct check_result *res);

#endif
