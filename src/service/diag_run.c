/* SPDX-License-Identifier: MIT */
#include "diag_run.h"

enum caa_status diag_run(struct caa_ctx *ctx, const struct serve_options *o,
                         const struct check_spec *spec, const char *name,
                         struct caa_diagnosis **out, struct caa_error *err)
{
    struct caa_request req;
    struct caa_diagnose_options opts = {0};

    check_spec_request(spec, &req);
    caa_ctx_set_profile(ctx, spec->profile);
    opts.allow_private = o->allow_private_count > 0;
    return caa_diagnose(ctx, name, &req, &opts, out, err);
}
