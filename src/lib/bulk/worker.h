/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_WORKER_H
#define CAA_BULK_WORKER_H

/*
 * One worker of a bulk run: a thread with its own event loop, libunbound context, label cache
 * and per-zone caps, climbing the names it is given (worker.c says how). The run gives all
 * children of a parent to one worker, so siblings share that worker's cache; each worker has
 * its share of a zone's cap.
 */

#include <stddef.h>

#include <caa/bulk.h>
#include <caa/check.h>
#include <caa/context.h>
#include <caa/status.h>

#include "lib/bulk/name_queue.h"
#include "lib/dns/seam.h"

/* What every worker of a run reads, never writes, while the run lasts. */
struct bulk_config {
    const struct caa_ctx *ctx;
    const struct caa_request *defaults;
    struct caa_bulk_options opts;
};

/* The resolver set-up of the run's context (hints, trust anchor, options, timeout), for each
 * event loop the run makes. */
void bulk_resolver_config(const struct bulk_config *cfg, struct caa__resolver_config *rc);

struct worker;

/* A worker with a resolver set up from cfg (CAA_E_IO with err when it cannot start), keeping
 * cache_entries label outcomes, at most zone_limit lookups in flight per zone, handing finished
 * names to `done`. Not yet running. */
enum caa_status worker_new(const struct bulk_config *cfg, size_t cache_entries, unsigned zone_limit,
                           struct name_queue *done, struct worker **out, struct caa_error *err);
/* Starts the worker's thread; 0 or an errno value. */
int worker_start(struct worker *w);
/* Gives it the names first..last (linked by next_queued). Any thread. */
void worker_give(struct worker *w, struct bulk_name *first, struct bulk_name *last);
/* No more names: the thread ends once every name given is finished. */
void worker_close(struct worker *w);
/* Waits for the thread, adds its counters to *stats and returns its first failure. */
enum caa_status worker_join(struct worker *w, struct caa_bulk_stats *stats);
void worker_free(struct worker *w);

#endif
