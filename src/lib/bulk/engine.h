/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_ENGINE_H
#define CAA_BULK_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include <caa/bulk.h>

#include "lib/bulk/cache.h"
#include "lib/caa/relevant_rrset.h"
#include "lib/check/climb.h"
#include "lib/check/report.h"

/* What a name needs only while its worker climbs it (~5 KiB): taken from the worker's pool when
 * the name is admitted, given back when it is decided, so that names finished but not yet
 * emitted (the ordered window) do not carry it. */
struct bulk_work {
    struct caa__climb climb;
    struct caa__dns_answer stand_in; /* a timeout (or failure) fed for the label waited for */
    struct caa__dns_answer again;    /* the BR 3.2.2.8 retry's answer, when it replaced one */
    struct bulk_work *next_spare;
};

/* One name of a run, from admission to emission. The run's thread owns it until it hands it to
 * a worker (name_queue), the worker until it hands it back finished. */
struct bulk_name {
    uint64_t seq;   /* admission order */
    uint64_t index; /* the caller's */
    char *input;
    char *issuer;
    char *method;
    size_t label_count;
    const char *labels[CAA__CLIMB_MAX];
    size_t k; /* the label being looked up */
    struct cache_entry *held[CAA__CLIMB_MAX];
    struct cache_entry *waiting_on;
    struct bulk_name *next_waiter;
    struct bulk_name *next_queued;               /* in a name_queue */
    struct bulk_name *active_prev, *active_next; /* a worker's names in progress */
    uint64_t start_ms;
    uint64_t deadline_ms;     /* of the lookup waited for */
    uint64_t end_ms;          /* of the name: --timeout bounds the BR retry and proof too */
    struct bulk_work *work;   /* while at its worker (admitted, not decided); else NULL */
    struct bulk_extra *extra; /* the BR retry or proof query in flight */
    bool done;                /* back from its worker (set by the run's thread) */
    const char *input_error;  /* "not a name: ...", in the arena; NULL when the input is one */
    struct caa__arena *arena; /* the result's strings and arrays */
    struct caa__name_result result;
    const char *failing_label;
    unsigned lookups;
    /* Who is behind a failed lookup (attributor.c; in the arena): set while the attributor
     * holds the name, read when the run emits it. */
    bool attributed; /* back from the attributor (set by it before handing back) */
    unsigned attribution_round;
    uint64_t hold_until_ms; /* a name waiting for a free lookup slot gives up then */
    const char *culprit_zone;
    const struct caa_bulk_culprit_server *culprit_servers;
    size_t culprit_server_count;
};

#endif
