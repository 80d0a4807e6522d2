/* SPDX-License-Identifier: MIT */
#ifndef CAA_CAA_RECORD_INTERNAL_H
#define CAA_CAA_RECORD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "lib/util/arena.h"
#include "lib/util/must_check.h"
#include <caa/record.h>

/* RDLENGTH is 16 bits (RFC 1035 §3.2.1). */
#define CAA__RDATA_MAX 65535u

/* Checks a tag of tag_len bytes: at most 255 bytes and, unless CAA_PARSE_LENIENT_TAG, 1 or more
 * [A-Za-z0-9] (RFC 8659 §4.1). Errors are reported at base + the index of the bad byte. */
CAA__MUST_CHECK enum caa_status caa__record_check_tag(const uint8_t *tag, size_t tag_len,
                                                      unsigned parse_flags, size_t base,
                                                      struct caa_error *err);

/* Fills *out (initialised here) with copies of the parts: the value is carved from arena, or
 * malloc'd (caa_record_cleanup) when arena is NULL. CAA_E_LIMIT if the RDATA would exceed 65535
 * bytes; *out is written only on success. */
CAA__MUST_CHECK enum caa_status caa__record_fill(struct caa_record *out, struct caa__arena *arena,
                                                 uint8_t flags, const uint8_t *tag, size_t tag_len,
                                                 const uint8_t *value, size_t value_len);

/* Checks a CAA RDATA in wire format as caa_record_from_wire does; *tag_len_out on success. */
CAA__MUST_CHECK enum caa_status caa__record_wire_check(const uint8_t *rdata, size_t rdata_len,
                                                       unsigned parse_flags, size_t *tag_len_out,
                                                       struct caa_error *err);

#endif
