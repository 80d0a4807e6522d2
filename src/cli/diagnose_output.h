/* SPDX-License-Identifier: MIT */
#ifndef CAA_CLI_DIAGNOSE_OUTPUT_H
#define CAA_CLI_DIAGNOSE_OUTPUT_H

#include <stdbool.h>

#include <caa/caa.h>

/* Prints a diagnosis for a person (colour only when `color`) or as JSON; returns the exit code
 * of the CA's verdict (0 allowed, 1 denied, 2 error). */
int diagnose_output_print(const struct caa_diagnosis *diag, bool json, bool color);

/* The exit status: 2 lookup failure or an error finding, 1 denied or a warning, else 0. */
int diagnose_output_exit(const struct caa_diagnosis *diag);

/* Whether to colour: --color=always/never, else a terminal without NO_COLOR and TERM=dumb. */
bool diagnose_output_color(const char *option);

#endif
