/* SPDX-License-Identifier: MIT */
#ifndef CAA_CLI_CHECK_OUTPUT_H
#define CAA_CLI_CHECK_OUTPUT_H

#include <caa/caa.h>

enum check_format {
    CHECK_FORMAT_TEXT = 0,
    CHECK_FORMAT_JSON = 1,
    CHECK_FORMAT_NDJSON = 2,
    CHECK_FORMAT_NAGIOS = 3,
};

int check_format_from_name(const char *name, enum check_format *out);

/* Prints the report in `format` on stdout; returns the exit code (0 allowed, 1 denied, 2 error;
 * nagios: 0 OK, 2 CRITICAL; 70 if output could not be produced). */
int check_output_print(const struct caa_report *rep, enum check_format format);

#endif
