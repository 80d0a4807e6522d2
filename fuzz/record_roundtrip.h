/* SPDX-License-Identifier: MIT */
#ifndef CAA_FUZZ_RECORD_ROUNDTRIP_H
#define CAA_FUZZ_RECORD_ROUNDTRIP_H

#include <caa/record.h>

/* Aborts unless a and b have the same flags, tag and value. */
void fuzz_same_record(const struct caa_record *a, const struct caa_record *b);
/* Aborts unless rec, written by `format` (to_text or to_generic) and parsed back with
 * parse_flags, is the same record. */
void fuzz_through_text(const struct caa_record *rec, unsigned parse_flags,
                       enum caa_status (*format)(const struct caa_record *, char **));

#endif
