/* SPDX-License-Identifier: MIT */
/*
 * One context with resolver reuse (caa_ctx_set_resolver_reuse) through a script of steps, so a
 * test can change the DNS between two checks of the same context. Run inside the lab:
 *   lab_reuse ROOT_HINTS TRUST_ANCHOR MAX_AGE_S STEP...
 * Steps: "check NAME" (for issuer ca.example; prints "NAME VERDICT CODE warnings=N"), "reset"
 * (caa_ctx_reset_resolver), "run COMMAND" (a shell command, e.g. knotc or sleep), "timeout MS"
 * (caa_ctx_set_timeout_ms; 5000 until then), "compare" (compare the deciding zone's servers, as
 * `caa check` does, the lab's private addresses allowed).
 * Exit 0, 1 a check or command failed, 64 usage.
 */
#include <caa/caa.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check(struct caa_ctx *ctx, const char *name)
{
    const char *issuers[] = {"ca.example"};
    const char *names[] = {name};
    struct caa_report *rep = NULL;
    struct caa_request req;
    struct caa_error err = {0, ""};
    enum caa_status st;

    caa_request_init(&req);
    req.issuers = issuers;
    req.issuer_count = 1;
    st = caa_check(ctx, names, 1, &req, &rep, &err);
    if (st != CAA_OK) {
        fprintf(stderr, "%s: %s: %s\n", name, caa_status_name(st), err.message);
        return 1;
    }
    printf("%s %s %s warnings=%zu\n", name, caa_verdict_name(caa_report_name_verdict(rep, 0)),
           caa_code_name(caa_report_name_code(rep, 0)), caa_report_warning_count(rep));
    (void)fflush(stdout);
    caa_report_free(rep);
    return 0;
}

int main(int argc, char **argv)
{
    struct caa_ctx *ctx = NULL;
    char *end = NULL;
    unsigned long max_age;
    int rc = 0;

    if (argc < 4) {
        fprintf(stderr, "usage: %s ROOT_HINTS TRUST_ANCHOR MAX_AGE_S STEP...\n", argv[0]);
        return 64;
    }
    max_age = strtoul(argv[3], &end, 10);
    if (*end != '\0' || caa_ctx_new(&ctx) != CAA_OK ||
        caa_ctx_set_root_hints(ctx, argv[1]) != CAA_OK ||
        caa_ctx_set_trust_anchor(ctx, argv[2]) != CAA_OK) {
        caa_ctx_free(ctx);
        return 64;
    }
    caa_ctx_set_timeout_ms(ctx, 5000);
    caa_ctx_set_resolver_reuse(ctx, (unsigned)max_age);
    for (int i = 4; i < argc && rc == 0; i++) {
        if (strcmp(argv[i], "reset") == 0) {
            caa_ctx_reset_resolver(ctx);
        } else if (strcmp(argv[i], "check") == 0 && i + 1 < argc) {
            rc = check(ctx, argv[++i]);
        } else if (strcmp(argv[i], "compare") == 0) {
            caa_ctx_set_compare_servers(ctx, true);
            caa_ctx_set_allow_private(ctx, true);
        } else if (strcmp(argv[i], "timeout") == 0 && i + 1 < argc) {
            caa_ctx_set_timeout_ms(ctx, (unsigned)strtoul(argv[++i], NULL, 10));
        } else if (strcmp(argv[i], "run") == 0 && i + 1 < argc) {
            rc = system(argv[++i]) == 0 ? 0 : 1;
        } else {
            fprintf(stderr, "bad step %s\n", argv[i]);
            rc = 64;
        }
    }
    caa_ctx_free(ctx);
    return rc;
}
