/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_ATTRIBUTOR_H
#define CAA_BULK_ATTRIBUTOR_H

/*
 * Who is behind each failed lookup of a run, while its row waits: a thread with its own event
 * loop takes names whose verdict is error for a failed lookup, finds their zone's nameservers
 * (dns/zone_servers.h: NS of the failing label climbing to the apex, then the servers'
 * addresses), asks each directly what it does (culprit_probe.h) and keeps the answer per zone
 * (zone_culprits.h), so each zone costs one NS lookup and one probe round however many of its
 * names fail. Names of one registrable domain wait for the lookup in flight for it. Each lookup
 * has a deadline (the name timeout, at most 3 s), after which its names go on with what was
 * found; the probe then waits at most half the name timeout (at most 2 s), once for all the
 * zones found in one turn of the loop. Names go back, with culprit_* filled when something was
 * found, to the run's finished queue, marked attributed.
 *
 * Stub mode (opts.resolver set): the NS set is looked up through the given resolver, but the
 * servers are not asked directly (the user chose to reach DNS through that resolver only): each
 * server then carries the row's own code.
 */

#include <caa/bulk.h>
#include <caa/status.h>

#include "lib/bulk/name_queue.h"
#include "lib/bulk/worker.h"

struct attributor;

/* An attributor for the run of cfg, handing names back to done. Not yet running. */
enum caa_status attributor_new(const struct bulk_config *cfg, struct name_queue *done,
                               struct attributor **out, struct caa_error *err);
/* Starts its thread; 0 or an errno value. */
int attributor_start(struct attributor *a);
/* Gives it the names first..last (linked by next_queued), each with a failing_label. */
void attributor_give(struct attributor *a, struct bulk_name *first, struct bulk_name *last);
/* No more names: the thread ends once every name given is handed back. */
void attributor_close(struct attributor *a);
/* Waits for the thread and adds its counters to *stats. */
void attributor_join(struct attributor *a, struct caa_bulk_stats *stats);
void attributor_free(struct attributor *a);

#endif
