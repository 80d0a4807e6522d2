/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "cli.h"

int cmd_generate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "caa generate: not implemented yet\n");
    return CLI_EXIT_SOFTWARE;
}
