/* SPDX-License-Identifier: MIT */
#ifndef CAA_CLI_H
#define CAA_CLI_H

#include <stddef.h>
#include <stdio.h>

/* Exit codes shared by every command (sysexits.h numbers for usage and system trouble). */
enum cli_exit {
    CLI_EXIT_OK = 0,           /* allowed / clean */
    CLI_EXIT_DENIED = 1,       /* denied / warnings */
    CLI_EXIT_FAILED = 2,       /* lookup failure / errors */
    CLI_EXIT_USAGE = 64,       /* EX_USAGE */
    CLI_EXIT_DATAERR = 65,     /* EX_DATAERR: bad input data */
    CLI_EXIT_UNAVAILABLE = 69, /* EX_UNAVAILABLE: resolver or network unavailable */
    CLI_EXIT_SOFTWARE = 70,    /* EX_SOFTWARE: internal error */
};

/* A subcommand: argv[0] is the command's name; returns an exit code. */
typedef int cli_command_fn(int argc, char **argv);

int cmd_check(int argc, char **argv);
int cmd_diagnose(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_bulk(int argc, char **argv);
int cmd_serve(int argc, char **argv);

/* Reads a whole file ("-" or NULL: stdin) into a malloc'd NUL-terminated buffer. Returns 0, or -1
 * with a message on stderr naming the file. */
int cli_read_all(const char *path, char **out, size_t *len_out);

/* Prints "<indent>fix: <first line>" and each further line of `fix` aligned under it. */
void cli_print_fix(const char *indent, const char *fix);

/* Prints "caa <command>: <message>" on stderr and returns CLI_EXIT_USAGE. */
__attribute__((format(printf, 2, 3))) int cli_usage_error(const char *command, const char *fmt,
                                                          ...);

#endif
