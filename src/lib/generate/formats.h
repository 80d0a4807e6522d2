/* SPDX-License-Identifier: MIT */
#ifndef CAA_GENERATE_FORMATS_H
#define CAA_GENERATE_FORMATS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/util/must_check.h"
#include <caa/generate.h>
#include <caa/record.h>
#include <caa/status.h>

/*
 * Renders `count` records at `owner` (a validated domain name without the trailing dot) in one
 * output format. ttl 0: omitted where the format allows it. *out: free(). On failure err (may be
 * NULL) says why.
 */
CAA__MUST_CHECK enum caa_status caa__format_records(const char *owner, uint32_t ttl,
                                                    const struct caa_record *recs, size_t count,
                                                    enum caa_format format, char **out,
                                                    struct caa_error *err);

#endif
