/* SPDX-License-Identifier: MIT */
#include "lib/util/error.h"

#include <stdarg.h>
#include <stdio.h>

enum caa_status caa__error_set(struct caa_error *err, size_t offset, const char *fmt, ...)
{
    va_list ap;

    if (err != NULL) {
        err->offset = offset;
        va_start(ap, fmt);
        (void)vsnprintf(err->message, sizeof(err->message), fmt, ap);
        va_end(ap);
    }
    return CAA_E_SYNTAX;
}
