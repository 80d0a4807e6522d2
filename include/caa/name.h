/* SPDX-License-Identifier: MIT */
#ifndef CAA_NAME_H
#define CAA_NAME_H

#include <caa/export.h>
#include <caa/status.h>

/**
 * Normalises a domain name as a CA does before checking it: one trailing dot removed,
 * U-labels converted to lower-case A-labels (UTS #46 non-transitional processing, libidn2), a
 * leading "*." kept (it asks for a wildcard). Rejects empty labels, labels over 63 octets,
 * names over 253 octets and what IDNA2008 rejects (CAA_E_SYNTAX, err says why; err->offset is
 * the byte in input).
 * *ascii_out: the A-label form, malloc'd (free()). unicode_out may be NULL; otherwise
 * *unicode_out is the U-label form for display, malloc'd (free()).
 */
CAA_API enum caa_status caa_name_normalize(const char *input, char **ascii_out, char **unicode_out,
                                           struct caa_error *err);

#endif
