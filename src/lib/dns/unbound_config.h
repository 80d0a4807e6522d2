/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_UNBOUND_CONFIG_H
#define CAA_DNS_UNBOUND_CONFIG_H

/* The CA configuration of a libunbound context (event mode: async_unbound.c), shared by the
 * per-check resolver and the bulk engine. Internal to src/lib/dns/. */

#include <stdbool.h>

#include <caa/status.h>

#include "lib/dns/resolver.h"
#include "lib/util/must_check.h"

struct ub_ctx;
struct event_base;

/* Contexts on several threads at once (unbound_ctx.c says why): make them with these, put a
 * context's first query (which sets up its worker) between the setup calls, and delete them
 * with caa__ub_ctx_delete (NULL is a no-op). */
struct ub_ctx *caa__ub_ctx_new_event(struct event_base *base);
void caa__ub_worker_setup_begin(void);
void caa__ub_worker_setup_end(void);
void caa__ub_ctx_delete(struct ub_ctx *ctx);

/* Silences libunbound's log, sets the CA options (dns-lab.md §9), the special-use zones for a
 * private root and cfg's extra options; with_root also sets the root hints and trust anchor
 * (without it only the trust anchor: for forwarding). CAA_E_IO with err on a bad option/file. */
CAA__MUST_CHECK enum caa_status caa__unbound_configure(struct ub_ctx *ctx,
                                                       const struct caa__resolver_config *cfg,
                                                       bool with_root, struct caa_error *err);

#endif
