/* SPDX-License-Identifier: MIT */
#include <caa/caa.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "text_out.h"

static const struct {
    const char *name;
    cli_command_fn *run;
    const char *summary;
} commands[] = {
    {"check", cmd_check, "the CA's verdict from live DNS, with DNSSEC"},
    {"diagnose", cmd_diagnose, "why: every authoritative server, DNSSEC, the cause and the fix"},
    {"explain", cmd_explain, "paste a CA's CAA error; get the diagnosis of the name it names"},
    {"eval", cmd_eval, "the CA's verdict for records given on the command line or stdin"},
    {"lint", cmd_lint, "report every problem in the CAA records of a zone file"},
    {"generate", cmd_generate, "print the CAA records for a policy"},
    {"bulk", cmd_bulk, "CA-grade verdicts for many names (NDJSON, CSV)"},
    {"serve", cmd_serve, "the web checker, JSON API and Prometheus probe over HTTP"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: caa <command> [options] [args]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    }
    fprintf(out, "  %-10s %s\n", "version", "print the version");
    /* The exit codes here, not "see man caa": setup.sh builds without installing caa(1). */
    fprintf(out, "\n'caa <command> --help' describes a command. Exit codes, for every command:\n"
                 "0 allowed/clean, 1 denied/warnings, 2 lookup failure/errors, 64 usage,\n"
                 "65 bad input data, 69 DNS unavailable, 70 internal error or output not written.\n"
                 "The manual is caa(1): man caa once installed (meson install), else\n"
                 "man BUILD_DIR/docs/caa.1.\n");
}

/* Output that is lost must not look like a result: a write error on stdout (disk full, a closed
 * file) is reported and exits 70 whatever the command said, for every command. */
static int finish_output(const char *verb, int rc)
{
    int flush_failed = fflush(stdout) != 0;
    int saved = errno;

    if (flush_failed || ferror(stdout)) {
        text_printf(stderr, "caa%s%s: cannot write the output: %s\n", verb != NULL ? " " : "",
                    verb != NULL ? verb : "", flush_failed ? strerror(saved) : "write error");
        return CLI_EXIT_SOFTWARE;
    }
    return rc;
}

static int run(int argc, char **argv)
{
    const char *verb = argc > 1 ? argv[1] : NULL;

    if (verb == NULL) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(verb, "-h") == 0 || strcmp(verb, "--help") == 0 || strcmp(verb, "help") == 0) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(verb, "version") == 0 || strcmp(verb, "--version") == 0) {
        printf("caa %s\n", caa_version());
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(verb, commands[i].name) == 0) {
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    text_printf(stderr, "caa: unknown command '%s'\n", verb);
    usage(stderr);
    return CLI_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    const char *verb = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;

    return finish_output(verb, run(argc, argv));
}
