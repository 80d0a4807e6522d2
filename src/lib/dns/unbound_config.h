/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_UNBOUND_CONFIG_H
#define CAA_DNS_UNBOUND_CONFIG_H

/* The CA configuration of a libunbound context, shared by the per-check resolver and the bulk
 * engine's event-mode resolver. Internal to src/lib/dns/. */

#include <stdbool.h>

#include <caa/status.h>

#include "lib/dns/resolver.h"

struct ub_ctx;

/* Silences libunbound's log, sets the CA options (dns-lab.md §9), the special-use zones for a
 * private root and cfg's extra options; with_root also sets the root hints and trust anchor
 * (without it only the trust anchor: for forwarding). CAA_E_IO with err on a bad option/file. */
enum caa_status caa__unbound_configure(struct ub_ctx *ctx, const struct caa__resolver_config *cfg,
                                       bool with_root, struct caa_error *err);

#endif
