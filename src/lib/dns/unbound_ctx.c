/* SPDX-License-Identifier: MIT */
/*
 * libunbound contexts that may live on several threads at once. libunbound 1.17 keeps state
 * for all contexts in process-wide variables, set up without synchronisation (ThreadSanitizer
 * saw both in caa_diagnose, whose check runs in a thread beside the delegation walk, and in two
 * caa_check calls on two threads):
 *   - the first context initialises the log lock (util/log.c, log_init: a plain flag, then
 *     pthread_mutex_init), so contexts are made one at a time: the first is complete before
 *     a second starts (a lock around ub_ctx_create_event, rather than a context made and
 *     dropped once beforehand, which cost every process a context: about 1 ms of CPU);
 *   - each context's worker initialises three global locks when it is set up (at its first
 *     query) and destroys them when it is deleted (services/listen_dnsport.c,
 *     listen_setup_locks / listen_desetup_locks), so those two steps take one process-wide
 *     lock here. Between them nothing of ours touches those locks (they count incoming TCP and
 *     HTTP/2 streams, which a stub never has).
 */
#include <pthread.h>

#include <unbound-event.h>
#include <unbound.h>

#include "lib/dns/unbound_config.h"

static pthread_mutex_t context_creation = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t worker_lifecycle = PTHREAD_MUTEX_INITIALIZER;

struct ub_ctx *caa__ub_ctx_new_event(struct event_base *base)
{
    struct ub_ctx *ctx;

    (void)pthread_mutex_lock(&context_creation);
    ctx = ub_ctx_create_event(base);
    (void)pthread_mutex_unlock(&context_creation);
    return ctx;
}

void caa__ub_worker_setup_begin(void)
{
    (void)pthread_mutex_lock(&worker_lifecycle);
}

void caa__ub_worker_setup_end(void)
{
    (void)pthread_mutex_unlock(&worker_lifecycle);
}

void caa__ub_ctx_delete(struct ub_ctx *ctx)
{
    if (ctx == NULL) {
        return;
    }
    (void)pthread_mutex_lock(&worker_lifecycle);
    ub_ctx_delete(ctx);
    (void)pthread_mutex_unlock(&worker_lifecycle);
}
