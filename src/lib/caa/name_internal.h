/* SPDX-License-Identifier: MIT */
#ifndef CAA_CAA_NAME_INTERNAL_H
#define CAA_CAA_NAME_INTERNAL_H

#include <caa/name.h>

#include "lib/util/arena.h"
#include "lib/util/must_check.h"

/* caa_name_normalize with both forms carved from arena: an ASCII name without a Punycode label
 * (most names) costs no malloc; the others go through libidn2 and are copied. The two outputs
 * may be the same string. Outputs are written only on success. */
CAA__MUST_CHECK enum caa_status caa__name_normalize_in(struct caa__arena *arena, const char *input,
                                                       const char **ascii_out,
                                                       const char **unicode_out,
                                                       struct caa_error *err);

#endif
