/* SPDX-License-Identifier: MIT */
#ifndef CAA_CLI_METHODS_H
#define CAA_CLI_METHODS_H

/* Returns 0 when `method` is a validation method Let's Encrypt knows. Otherwise prints "caa
 * <command>: unknown <option> value" with the known methods (and the one meant, when only case or
 * punctuation differ) and returns CLI_EXIT_USAGE: a misspelt method would be checked as a method
 * no CA uses and every binding would look like a denial. */
int cli_method_check(const char *command, const char *option, const char *method);

#endif
