/* SPDX-License-Identifier: MIT */
/* May Let's Encrypt issue for NAME right now, from live DNS?
 * Usage: check NAME [ROOT_HINTS TRUST_ANCHOR]   (the last two for labs and private roots)
 * Build against the installed library: cc check.c $(pkg-config --cflags --libs libcaa) */
#include <caa/caa.h>

#include <stdio.h>

int main(int argc, char **argv)
{
    const char *issuers[] = {"letsencrypt.org"};
    struct caa_ctx *ctx = NULL;
    struct caa_report *rep = NULL;
    struct caa_request req;
    struct caa_error err = {0};
    int rc = 70;

    if (argc != 2 && argc != 4) {
        fprintf(stderr, "usage: %s NAME [ROOT_HINTS TRUST_ANCHOR]\n", argv[0]);
        return 64;
    }
    if (caa_ctx_new(&ctx) != CAA_OK) {
        return rc;
    }
    if (argc == 4 && (caa_ctx_set_root_hints(ctx, argv[2]) != CAA_OK ||
                      caa_ctx_set_trust_anchor(ctx, argv[3]) != CAA_OK)) {
        goto out;
    }
    caa_request_init(&req);
    req.issuers = issuers;
    req.issuer_count = 1;
    if (caa_check(ctx, (const char *const *)&argv[1], 1, &req, &rep, &err) != CAA_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], err.message);
        goto out;
    }
    printf("%s: %s (%s): %s\n", caa_report_name(rep, 0),
           caa_verdict_name(caa_report_name_verdict(rep, 0)),
           caa_code_name(caa_report_name_code(rep, 0)), caa_report_reason(rep, 0));
    rc = (int)caa_report_verdict(rep);
out:
    caa_report_free(rep);
    caa_ctx_free(ctx);
    return rc;
}
