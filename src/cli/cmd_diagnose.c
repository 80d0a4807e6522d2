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
#include "text_out.h"

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

/* Diagnoses `name`; with a CA problem, also says what the CA's refusal comes from. */
static int run_problem(struct diagnose_cli *d, const char *name,
                       const struct caa_explain_problem *problem)
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
        text_printf(stderr, "caa %s: %s\n", d->ctx.command,
                    err.message[0] != '\0' ? err.message : caa_status_message(st));
        rc = st == CAA_E_SYNTAX ? CLI_EXIT_DATAERR
             : st == CAA_E_IO   ? CLI_EXIT_UNAVAILABLE
                                : CLI_EXIT_SOFTWARE;
    } else {
        rc = diagnose_output_print(diag, d->json, diagnose_output_color(d->color));
    }
    if (st == CAA_OK && problem != NULL && !d->json) {
        char *cause = NULL;

        if (caa_explain_cause(problem, diag, &req, &cause) == CAA_OK && cause != NULL) {
            text_printf(stdout, "\nwhat the CA's answer comes from:\n");
            for (const char *line = cause; *line != '\0';) {
                size_t len = strcspn(line, "\n");

                text_printf(stdout, "  %.*s\n", (int)len, line);
                line += len + (line[len] == '\n' ? 1 : 0);
            }
        }
        free(cause);
    }
    caa_diagnosis_free(diag);
    caa_ctx_free(ctx);
    return rc;
}

static int run(struct diagnose_cli *d, const char *name)
{
    return run_problem(d, name, NULL);
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

/* 2 (error) over 1 (denied) over 0; a usage or system failure wins over all. */
static int worse(int a, int b)
{
    if (a > CLI_EXIT_FAILED || b > CLI_EXIT_FAILED) {
        return a > CLI_EXIT_FAILED ? a : b;
    }
    return a > b ? a : b;
}

static int explain_each(struct diagnose_cli *d, const struct caa_explanation *ex)
{
    size_t n = caa_explanation_count(ex);
    int rc = CLI_EXIT_OK;

    if (d->json && n > 1) {
        printf("[");
    }
    for (size_t i = 0; i < n; i++) {
        const struct caa_explain_problem *p = caa_explanation_problem(ex, i);

        if (!d->json) {
            if (i > 0) {
                fputs("\n\n", stdout);
            }
            text_printf(stdout, "The CA's message is about %s%s%s: %s (%s).\n\n", p->name,
                        p->label[0] != '\0' ? "; it names " : "", p->label,
                        caa_code_message(p->kind), caa_code_name(p->kind));
        } else if (i > 0) {
            printf(",");
        }
        fflush(stdout);
        /* DNS-01: compare the _acme-challenge TXT answers across servers too. */
        d->opts.dns01 = p->kind == CAA_CODE_DNS01_TXT_FAILED;
        rc = worse(rc, run_problem(d, p->name, p));
    }
    if (d->json && n > 1) {
        printf("]\n");
    }
    return rc;
}

int cmd_explain(int argc, char **argv)
{
    struct diagnose_cli d = {.ctx = {.command = "explain"}};
    char *text = NULL;
    size_t len = 0;
    struct caa_explanation *ex = NULL;
    int rc = parse_options(argc, argv, &d);

    if (rc == 0 && strcmp(argv[optind], "-") == 0) {
        rc = cli_read_all("-", &text, &len) == 0 ? 0 : CLI_EXIT_DATAERR;
    } else if (rc == 0) {
        len = strlen(argv[optind]);
    }
    if (rc == 0 && caa_explain_read(text != NULL ? text : argv[optind], len, &ex) != CAA_OK) {
        fprintf(stderr, "caa explain: no domain name found in the text\n");
        rc = CLI_EXIT_DATAERR;
    }
    if (rc == 0) {
        rc = explain_each(&d, ex);
    }
    caa_explanation_free(ex);
    free(text);
    cli_ctx_options_cleanup(&d.ctx);
    return rc < 0 ? CLI_EXIT_OK : rc;
}
