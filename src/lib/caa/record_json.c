/* SPDX-License-Identifier: MIT */
#include "lib/caa/record_json.h"

#include <caa/record.h>

#include "lib/util/json_text.h"

json_t *caa__record_json(const struct caa_record *rec)
{
    return json_pack("{s:i, s:b, s:o, s:o, s:b}", "flags", (int)rec->flags, "critical",
                     (rec->flags & CAA_FLAG_CRITICAL) != 0, "tag", caa__json_text(rec->tag),
                     "value", caa__json_bytes(rec->value, rec->value_len), "value_escaped",
                     !caa__utf8_valid(rec->value, rec->value_len));
}
