/* SPDX-License-Identifier: MIT */
#ifndef CAA_UTIL_ERROR_H
#define CAA_UTIL_ERROR_H

#include <stddef.h>

#include <caa/status.h>

/* Fills err (if not NULL) with a position and a printf-style message; returns CAA_E_SYNTAX so a
 * parser can `return caa__error_set(err, at, "...")`. */
__attribute__((format(printf, 3, 4))) enum caa_status
caa__error_set(struct caa_error *err, size_t offset, const char *fmt, ...);

#endif
