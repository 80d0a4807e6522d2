/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_ASYNC_H
#define CAA_DNS_ASYNC_H

/*
 * Many lookups on one event loop: libunbound in event mode (ub_resolve_event on a libevent
 * base), the fast path for bulk work (performance.md: the thread-and-pipe API is 4-9x slower).
 * One resolver and its cache live for a whole run. One thread at a time uses a resolver (it may
 * be handed to another); several resolvers may run on threads side by side.
 */

#include <stdbool.h>
#include <stdint.h>

#include <caa/status.h>

#include "lib/dns/resolver.h"
#include "lib/util/must_check.h"

struct caa__async;
struct event_base;

/* Called once per query with its answer; the callee may take the answer's contents (then it
 * must zero *answer), otherwise they are released after the call. */
typedef void caa__async_done_fn(void *user, struct caa__dns_answer *answer);

/* A resolver configured as caa_check's (recursive from cfg's root hints), or, with forwarder
 * "ADDR[@PORT]", forwarding to it: validating itself unless trust_ad, when the forwarder's AD
 * bit says secure; with ports and query slots for in_flight lookups at once (0: libunbound's
 * defaults, for the few lookups of one check). CAA_E_IO with err when it cannot start
 * (unparsable hints or trust anchor included: its first query is made here). */
CAA__MUST_CHECK enum caa_status caa__async_new(const struct caa__resolver_config *cfg,
                                               const char *forwarder, bool trust_ad,
                                               unsigned in_flight, struct caa__async **out,
                                               struct caa_error *err);
void caa__async_free(struct caa__async *a);

/* Starts a query; fn runs from caa__async_run. Returns 0, or -1 if it could not start (fn is
 * then called at once with a CAA__DNS_RESOLVER failure). */
int caa__async_query(struct caa__async *a, const char *qname, uint16_t qtype,
                     caa__async_done_fn *fn, void *user);
/* Runs ready callbacks, waiting at most timeout_ms for the first one. */
void caa__async_run(struct caa__async *a, unsigned timeout_ms);
/* Makes the caa__async_run in progress (or the next one) return at once. The one call that
 * is safe from another thread. */
void caa__async_wake(struct caa__async *a);
/* True when the resolver uses its own root hints (a lab or private root). */
bool caa__async_private_root(const struct caa__async *a);
/* The libevent base the resolver runs on: other event sources of the same thread (the bulk
 * wire engine's sockets) join its loop. Borrowed for the resolver's life. */
struct event_base *caa__async_base(struct caa__async *a);
/* Queries started and not yet answered. */
unsigned caa__async_pending(const struct caa__async *a);

#endif
