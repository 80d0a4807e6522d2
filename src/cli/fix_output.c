/* SPDX-License-Identifier: MIT */
/* The "fix:" lines of lint, check and eval: a multi-line fix continues aligned under the first. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "text_out.h"

void cli_print_fix(const char *indent, const char *fix)
{
    const char *line = fix;
    bool first = true;

    while (*line != '\0') {
        size_t len = strcspn(line, "\n");

        text_printf(stdout, "%s%s%.*s\n", indent, first ? "fix: " : "     ", (int)len, line);
        first = false;
        line += len;
        if (*line == '\n') {
            line++;
        }
    }
}
