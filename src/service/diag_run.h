/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_DIAG_RUN_H
#define CAA_SERVICE_DIAG_RUN_H

/* caa_diagnose as the service runs it, on a worker: the request's CA, method, account and
 * profile; nameservers in private ranges probed only when --allow-private gave ranges, and then
 * never outside them (the worker's resolver lists every other special-use range as
 * do-not-query-address, which the probes obey too). */

#include <caa/caa.h>

#include "check_spec.h"
#include "service.h"

enum caa_status diag_run(struct caa_ctx *ctx, const struct serve_options *o,
                         const struct check_spec *spec, const char *name,
                         struct caa_diagnosis **out, struct caa_error *err);

#endif
