/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "cli.h"

int cmd_eval(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "caa eval: not implemented yet\n");
    return CLI_EXIT_SOFTWARE;
}
