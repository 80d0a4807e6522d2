/* SPDX-License-Identifier: MIT */
#ifndef CAA_UTIL_EDIT_DISTANCE_H
#define CAA_UTIL_EDIT_DISTANCE_H

#include <stddef.h>

/* Levenshtein distance of two strings of at most 253 bytes (a DNS name); SIZE_MAX for longer
 * ones. For "did you mean" hints. */
size_t caa__edit_distance(const char *a, const char *b);

#endif
