/* SPDX-License-Identifier: MIT */
/* caa lint: every problem in the CAA records of a zone file, with its position and fix. */
#include <caa/caa.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "text_out.h"

struct lint_options {
    bool json;
    bool strict;
    const char *origin;
    const char *path; /* NULL or "-": stdin */
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: caa lint [--json] [--origin NAME] [--strict] [FILE|-]\n"
            "\n"
            "Reads a zone file (RFC 1035 master-file syntax; stdin if FILE is - or absent) and\n"
            "reports every problem in its CAA records, each with a fix.\n"
            "\n"
            "  --json         print a JSON document (schema caa/1, type lint)\n"
            "  --origin NAME  initial $ORIGIN for relative owners and @ (default: the root)\n"
            "  --strict       treat warnings as errors (exit 2)\n"
            "  -h, --help     print this help\n"
            "\n"
            "exit: 0 clean (info only), 1 warnings, 2 errors, 64 usage, 65 unreadable input or\n"
            "      no zone data found\n");
}

/* Returns -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, struct lint_options *opt)
{
    bool only_files = false;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (!only_files && strcmp(a, "--") == 0) {
            only_files = true;
        } else if (!only_files && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)) {
            usage(stdout);
            return CLI_EXIT_OK;
        } else if (!only_files && strcmp(a, "--json") == 0) {
            opt->json = true;
        } else if (!only_files && strcmp(a, "--strict") == 0) {
            opt->strict = true;
        } else if (!only_files && strcmp(a, "--origin") == 0) {
            if (i + 1 >= argc) {
                return cli_usage_error("lint", "--origin needs a name");
            }
            opt->origin = argv[++i];
        } else if (!only_files && strncmp(a, "--origin=", 9) == 0) {
            opt->origin = a + 9;
        } else if (!only_files && a[0] == '-' && a[1] != '\0') {
            return cli_usage_error("lint", "unknown option '%s' (see caa lint --help)", a);
        } else if (opt->path != NULL) {
            return cli_usage_error("lint", "one file at a time ('%s' and '%s')", opt->path, a);
        } else {
            opt->path = a;
        }
    }
    return -1;
}

/* The input was not read as a zone at all (empty, binary, another format). */
static bool no_zone_data(const struct caa_lint_report *rep)
{
    for (size_t i = 0; i < caa_lint_report_count(rep); i++) {
        if (caa_lint_report_finding(rep, i)->code == CAA_CODE_NO_ZONE_DATA) {
            return true;
        }
    }
    return false;
}

static void print_text(const struct caa_lint_report *rep, const char *shown)
{
    size_t counts[3] = {0, 0, 0};

    for (size_t i = 0; i < caa_lint_report_count(rep); i++) {
        const struct caa_lint_finding *f = caa_lint_report_finding(rep, i);

        counts[f->severity]++;
        text_printf(stdout, "%s:%zu:%zu: %s: %s: %s\n", shown, f->line, f->column,
                    caa_severity_name(f->severity), caa_code_name(f->code), f->message);
        if (f->fix[0] != '\0') {
            cli_print_fix("    ", f->fix);
        }
    }
    fflush(stdout);
    if (no_zone_data(rep)) {
        text_printf(stderr, "%s: no zone data found\n", shown);
        return;
    }
    text_printf(stderr, "%s: %zu error%s, %zu warning%s, %zu info\n", shown,
                counts[CAA_SEVERITY_ERROR], counts[CAA_SEVERITY_ERROR] == 1 ? "" : "s",
                counts[CAA_SEVERITY_WARNING], counts[CAA_SEVERITY_WARNING] == 1 ? "" : "s",
                counts[CAA_SEVERITY_INFO]);
}

static int exit_code(const struct caa_lint_report *rep, bool strict)
{
    if (no_zone_data(rep)) {
        return CLI_EXIT_DATAERR;
    }
    switch (caa_lint_report_worst(rep)) {
    case CAA_SEVERITY_ERROR:
        return CLI_EXIT_FAILED;
    case CAA_SEVERITY_WARNING:
        return strict ? CLI_EXIT_FAILED : CLI_EXIT_DENIED;
    case CAA_SEVERITY_INFO:
        break;
    }
    return CLI_EXIT_OK;
}

static int run(const struct lint_options *opt, const char *text, size_t len)
{
    const char *shown = opt->path == NULL || strcmp(opt->path, "-") == 0 ? "<stdin>" : opt->path;
    struct caa_zone *zone = NULL;
    struct caa_lint_report *rep = NULL;
    char *json = NULL;
    enum caa_status st;
    int rc = CLI_EXIT_SOFTWARE;

    st = caa_zone_parse(text, len, opt->origin, CAA_ZONE_DEFAULT, &zone);
    if (st == CAA_E_INVALID_ARG) {
        rc = cli_usage_error("lint", "bad --origin '%s'", opt->origin != NULL ? opt->origin : "");
        goto out;
    }
    if (st == CAA_OK) {
        st = caa_lint_zone(zone, &rep);
    }
    if (st == CAA_OK && opt->json) {
        st = caa_lint_report_to_json(rep, shown, CAA_JSON_PRETTY, &json);
    }
    if (st != CAA_OK) {
        text_printf(stderr, "caa lint: %s: %s\n", shown, caa_status_message(st));
        rc = st == CAA_E_LIMIT ? CLI_EXIT_DATAERR : CLI_EXIT_SOFTWARE;
        goto out;
    }
    if (opt->json) {
        printf("%s\n", json);
    } else {
        print_text(rep, shown);
    }
    rc = exit_code(rep, opt->strict);
out:
    free(json);
    caa_lint_report_free(rep);
    caa_zone_free(zone);
    return rc;
}

int cmd_lint(int argc, char **argv)
{
    struct lint_options opt = {false, false, NULL, NULL};
    char *text = NULL;
    size_t len = 0;
    int rc = parse_args(argc, argv, &opt);

    if (rc >= 0) {
        return rc;
    }
    if (cli_read_all(opt.path, &text, &len) != 0) {
        return CLI_EXIT_DATAERR;
    }
    rc = run(&opt, text, len);
    free(text);
    return rc;
}
