/* SPDX-License-Identifier: MIT */
/* caa diagnose and caa explain: from "SERVFAIL looking up CAA" to the cause, the server at fault
 * and the fix. */
#include <caa/caa.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ctx_options.h"
#include "diagnose_output.h"

static const char diagnose_usage[] =
    "usage: caa diagnose [options] NAME\n"
    "       caa explain [options] 'CA ERROR TEXT' | -\n"
    "\n"
    "diagnose asks every authoritative server of every zone the CA's CAA lookups touch, directly\n"
    "(UDP and TCP, with and without EDNS, DO bit, mixed case), checks the DNSSEC chain, and says\n"
    "what is wrong, who must fix it, whether retrying helps, and the exact fix. explain reads\n"
    "the error a CA printed (or an ACME problem document) and diagnoses the name it names.\n"
    "\n" CLI_CTX_USAGE "  --timeout SECONDS        per direct query (default 2)\n"
    "  --repeat N               ask each server N times: intermittent failures\n"
    "  --allow-private          probe private/loopback nameserver addresses (labs)\n"
    "  --dns01                  also compare _acme-challenge TXT answers across servers\n"
    "  --color WHEN             auto (default), always, never (NO_COLOR is honoured)\n"
    "  --json                   one JSON document (schema caa/1)\n"
    "  -h, --help               this help\n"
    "\n"
    "exit: 0 allowed and no warning; 1 denied or a warning finding; 2 lookup failure or an\n"
    "error finding; 64 usage, 65 bad input, 69 no DNS server reachable\n";

struct diagnose_cli {
    struct cli_ctx_options ctx;
    struct caa_diagnose_options opts;
    bool json;
    const char *color;
};

static int parse_other(struct diagnose_cli *d, int ch, const char *arg)
{
    char *end = NULL;
    long repeat;

    switch (ch) {
    case 'r':
        repeat = strtol(arg, &end, 10);
        if (end == arg || *end != '\0' || repeat < 1 || repeat > 20) {
            return cli_usage_error(d->ctx.command, "--repeat takes 1 to 20");
        }
        d->opts.repeat = (unsigned)repeat;
        return 0;
    case 'p':
        d->opts.allow_private = true;
        return 0;
    case 'd':
        d->opts.dns01 = true;
        return 0;
    case 'c':
        if (strcmp(arg, "auto") != 0 && strcmp(arg, "always") != 0 && strcmp(arg, "never") != 0) {
            return cli_usage_error(d->ctx.command, "--color is auto, always or never");
        }
        d->color = arg;
        return 0;
    case 'j':
        d->json = true;
        return 0;
    case 'h':
        fputs(diagnose_usage, stdout);
        return -1;
    default:
        fputs(diagnose_usage, stderr);
        return CLI_EXIT_USAGE;
    }
}

static int parse_options(int argc, char **argv, struct diagnose_cli *d)
{
    static const struct option longopts[] = {
        CLI_CTX_LONGOPTS,
        {"repeat", required_argument, NULL, 'r'},
        {"allow-private", no_argument, NULL, 'p'},
        {"dns01", no_argument, NULL, 'd'},
        {"color", required_argument, NULL, 'c'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int ch;

    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int rc = cli_ctx_option(&d->ctx, ch, optarg);
        if (rc == 1) {
            rc = parse_other(d, ch, optarg);
        }
        if (rc != 0) {
            return rc;
        }
    }
    if (optind != argc - 1) {
        return cli_usage_error(d->ctx.command, "give exactly one %s (see --help)",
                               strcmp(d->ctx.command, "explain") == 0 ? "TEXT" : "NAME");
    }
    /* For diagnose, --timeout is per query; the check inside uses a few of them. */
    d->opts.query_timeout_ms = d->ctx.timeout_ms;
    d->ctx.timeout_ms = 0;
    return 0;
}

static int run(struct diagnose_cli *d, const char *name)
{
    struct caa_ctx *ctx = NULL;
    struct caa_diagnosis *diag = NULL;
    struct caa_request req;
    struct caa_error err = {0, ""};
    enum caa_status st;
    int rc = cli_ctx_make(&d->ctx, &ctx);

    if (rc != 0) {
        return rc;
    }
    cli_ctx_request(&d->ctx, &req);
    st = caa_diagnose(ctx, name, &req, &d->opts, &diag, &err);
    if (st != CAA_OK) {
        fprintf(stderr, "caa %s: %s\n", d->ctx.command,
                err.message[0] != '\0' ? err.message : caa_status_message(st));
        rc = st == CAA_E_SYNTAX ? CLI_EXIT_DATAERR
             : st == CAA_E_IO   ? CLI_EXIT_UNAVAILABLE
                                : CLI_EXIT_SOFTWARE;
    } else {
        rc = diagnose_output_print(diag, d->json, diagnose_output_color(d->color));
    }
    caa_diagnosis_free(diag);
    caa_ctx_free(ctx);
    return rc;
}

int cmd_diagnose(int argc, char **argv)
{
    struct diagnose_cli d = {.ctx = {.command = "diagnose"}};
    int rc = parse_options(argc, argv, &d);

    if (rc == 0) {
        rc = run(&d, argv[optind]);
    }
    cli_ctx_options_cleanup(&d.ctx);
    return rc < 0 ? CLI_EXIT_OK : rc;
}

int cmd_explain(int argc, char **argv)
{
    struct diagnose_cli d = {.ctx = {.command = "explain"}};
    char *text = NULL;
    size_t len = 0;
    char **names = NULL;
    size_t count = 0;
    enum caa_code kind = CAA_CODE_NO_PROBLEM_FOUND;
    int rc = parse_options(argc, argv, &d);

    if (rc == 0 && strcmp(argv[optind], "-") == 0) {
        rc = cli_read_all("-", &text, &len) == 0 ? 0 : CLI_EXIT_DATAERR;
    }
    if (rc == 0 &&
        caa_explain_parse(text != NULL ? text : argv[optind], &names, &count, &kind) != CAA_OK) {
        fprintf(stderr, "caa explain: no domain name found in the text\n");
        rc = CLI_EXIT_DATAERR;
    }
    if (rc == 0) {
        if (!d.json) {
            printf("The CA's message is about %s%s%s: %s (%s).\n\n", names[0],
                   count > 1 ? "; it names " : "", count > 1 ? names[count - 1] : "",
                   caa_code_message(kind), caa_code_name(kind));
        }
        rc = run(&d, names[0]);
    }
    for (size_t i = 0; i < count; i++) {
        free(names[i]);
    }
    free(names);
    free(text);
    cli_ctx_options_cleanup(&d.ctx);
    return rc < 0 ? CLI_EXIT_OK : rc;
}
