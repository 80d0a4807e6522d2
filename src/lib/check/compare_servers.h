/* SPDX-License-Identifier: MIT */
#ifndef CAA_CHECK_COMPARE_SERVERS_H
#define CAA_CHECK_COMPARE_SERVERS_H

/*
 * Does the answer depend on which server is asked? After the verdicts, the CAA question(s) that
 * decided each name are asked of every authoritative server of their zone directly, and a
 * CAA_CODE_NS_INCONSISTENT warning goes into the report when they disagree
 * (caa_ctx_set_compare_servers()).
 */

#include <stdint.h>

#include <caa/status.h>

#include "lib/check/context.h"
#include "lib/check/report.h"
#include "lib/dns/resolver.h"
#include "lib/util/must_check.h"

/* Compares the servers for every name of rep, within ~1.5 s and before deadline_ms
 * (CLOCK_MONOTONIC); cfg is the check's resolver configuration. Best effort: a resolver that
 * cannot start or no time left means no comparison (and no warning). CAA_E_NOMEM, else
 * CAA_OK. */
CAA__MUST_CHECK enum caa_status caa__compare_servers(struct caa_ctx *ctx,
                                                     const struct caa__resolver_config *cfg,
                                                     uint64_t deadline_ms, struct caa_report *rep);

#endif
