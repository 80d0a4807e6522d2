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

/**
 * The registrable domain of a normalised name (caa_name_normalize's A-label form; a leading "*."
 * is skipped): its public suffix and one label more, by the Public Suffix List built into libpsl
 * (libpsl's psl_builtin(): the same answer on every run of one build, no file read). Returns a
 * pointer into name, or name itself when name is a public suffix or its list entry is unknown
 * (a TLD such as "test" counts as one suffix label). "a.b.example.co.uk" -> "example.co.uk".
 * Used to group names that share a zone owner: bulk's worker per name, serve's rate limit per
 * target. name must be lower case (caa_name_normalize's output is); NULL gives NULL.
 */
CAA_API const char *caa_name_registrable(const char *name);

#endif
