/* SPDX-License-Identifier: MIT */
#include "lib/caa/record_json.h"

#include <stdlib.h>
#include <string.h>

#include <caa/record.h>

/* The value part of the record's presentation text: after "<flags> <tag> ". */
static json_t *escaped_value(const struct caa_record *rec)
{
    char *text = NULL;
    json_t *value = NULL;
    const char *p;

    if (caa_record_to_text(rec, &text) != CAA_OK) {
        return NULL;
    }
    p = strchr(text, ' ');
    p = p != NULL ? strchr(p + 1, ' ') : NULL;
    value = json_string(p != NULL ? p + 1 : text);
    free(text);
    return value;
}

json_t *caa__record_json(const struct caa_record *rec)
{
    json_t *value = json_stringn((const char *)rec->value, rec->value_len);
    int escaped = value == NULL;

    if (escaped) {
        value = escaped_value(rec);
    }
    if (value == NULL) {
        return NULL;
    }
    return json_pack("{s:i, s:b, s:s, s:o, s:b}", "flags", (int)rec->flags, "critical",
                     (rec->flags & CAA_FLAG_CRITICAL) != 0, "tag", rec->tag, "value", value,
                     "value_escaped", escaped);
}
