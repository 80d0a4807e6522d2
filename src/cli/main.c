/* SPDX-License-Identifier: MIT */
#include <caa/caa.h>

#include <stdio.h>
#include <string.h>

#include "cli.h"

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
    fprintf(out, "\n'caa <command> --help' describes a command; man caa for exit codes.\n");
}

int main(int argc, char **argv)
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
    fprintf(stderr, "caa: unknown command '%s'\n", verb);
    usage(stderr);
    return CLI_EXIT_USAGE;
}
