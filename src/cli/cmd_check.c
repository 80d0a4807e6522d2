/* SPDX-License-Identifier: MIT */
/* caa check: the CA's verdict from live DNS, for one name or a whole certificate order. */
#include <caa/caa.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_output.h"
#include "cli.h"
#include "ctx_options.h"
#include "text_out.h"

static const char usage_text[] =
    "usage: caa check [options] NAME...\n"
    "\n"
    "What the CA would decide right now from live DNS: the relevant CAA RRset found by RFC 8659\n"
    "tree climbing through a validating resolver set up like Let's Encrypt's, then judged.\n"
    "Several names are one certificate order. A leading \"*.\" asks for a wildcard.\n"
    "\n" CLI_CTX_USAGE "  --timeout SECONDS        deadline for the whole check (default 10)\n"
    "  --no-compare-servers     do not ask the zone's servers directly whether they agree\n"
    "                           (by default a disagreement is warning NS_INCONSISTENT)\n"
    "  --allow-private          compare servers at private/loopback addresses too (labs)\n"
    "  --format FORMAT          text (default), json, ndjson or nagios\n"
    "  --json                   same as --format json\n"
    "  -h, --help               this help\n"
    "\n"
    "exit: 0 allowed, 1 denied or a warning, 2 lookup failure (wins over 1), 64 usage,\n"
    "      65 bad name, 69 resolver unavailable, 70 internal error;\n"
    "      nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN\n";

/* What check adds to the shared options. */
struct check_options {
    enum check_format format;
    bool compare_servers;
    bool allow_private;
};

static int parse_options(int argc, char **argv, struct cli_ctx_options *o, struct check_options *c)
{
    static const struct option longopts[] = {
        CLI_CTX_LONGOPTS,
        {"format", required_argument, NULL, 'f'},
        {"json", no_argument, NULL, 'j'},
        {"no-compare-servers", no_argument, NULL, 'n'},
        {"allow-private", no_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int ch;

    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int rc = cli_ctx_option(o, ch, optarg);
        if (rc == 0) {
            continue;
        }
        if (rc != 1) {
            return rc;
        }
        if (ch == 'h') {
            fputs(usage_text, stdout);
            return -1;
        } else if (ch == 'j') {
            c->format = CHECK_FORMAT_JSON;
        } else if (ch == 'n') {
            c->compare_servers = false;
        } else if (ch == 'p') {
            c->allow_private = true;
        } else if (ch == 'f' && check_format_from_name(optarg, &c->format) != 0) {
            return cli_usage_error("check", "unknown format '%s' (text, json, ndjson, nagios)",
                                   optarg);
        } else if (ch != 'f') {
            fputs(usage_text, stderr);
            return CLI_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        return cli_usage_error("check", "give at least one NAME (see --help)");
    }
    return 0;
}

static int status_exit(enum caa_status st, const struct caa_error *err, enum check_format format)
{
    const char *why = err->message[0] != '\0' ? err->message : caa_status_message(st);

    text_printf(stderr, "caa check: %s\n", why);
    if (format == CHECK_FORMAT_NAGIOS) {
        text_printf(stdout, "CAA UNKNOWN - %s\n", why);
        return 3;
    }
    return st == CAA_E_SYNTAX ? CLI_EXIT_DATAERR
           : st == CAA_E_IO   ? CLI_EXIT_UNAVAILABLE
                              : CLI_EXIT_SOFTWARE;
}

int cmd_check(int argc, char **argv)
{
    struct cli_ctx_options o = {.command = "check", .profile = CAA_PROFILE_LETSENCRYPT};
    struct check_options c = {CHECK_FORMAT_TEXT, true, false};
    struct caa_ctx *ctx = NULL;
    struct caa_report *rep = NULL;
    struct caa_request req;
    struct caa_error err = {0, ""};
    enum caa_status st;
    int rc = parse_options(argc, argv, &o, &c);

    if (rc != 0) {
        rc = rc < 0 ? CLI_EXIT_OK : (c.format == CHECK_FORMAT_NAGIOS ? 3 : rc);
        goto out;
    }
    rc = cli_ctx_make(&o, &ctx);
    if (rc != 0) {
        goto out;
    }
    /* The tool asks the servers whether they agree; the library does only when asked. */
    caa_ctx_set_compare_servers(ctx, c.compare_servers);
    caa_ctx_set_allow_private(ctx, c.allow_private);
    cli_ctx_request(&o, &req);
    st = caa_check(ctx, (const char *const *)(argv + optind), (size_t)(argc - optind), &req, &rep,
                   &err);
    rc = st == CAA_OK ? check_output_print(rep, c.format) : status_exit(st, &err, c.format);
out:
    caa_report_free(rep);
    caa_ctx_free(ctx);
    cli_ctx_options_cleanup(&o);
    return rc;
}
