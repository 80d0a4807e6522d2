/* SPDX-License-Identifier: MIT */
/* The round-trip checks the record fuzz targets share. */
#include "record_roundtrip.h"

#include <stdlib.h>
#include <string.h>

void fuzz_same_record(const struct caa_record *a, const struct caa_record *b)
{
    if (a->flags != b->flags || a->tag_len != b->tag_len ||
        memcmp(a->tag, b->tag, (size_t)a->tag_len + 1) != 0 || a->value_len != b->value_len ||
        memcmp(a->value, b->value, a->value_len + 1) != 0) {
        abort();
    }
}

void fuzz_through_text(const struct caa_record *rec, unsigned parse_flags,
                       enum caa_status (*format)(const struct caa_record *, char **))
{
    struct caa_record again;
    char *text = NULL;

    if (format(rec, &text) != CAA_OK) {
        abort();
    }
    if (caa_record_from_text(text, strlen(text), parse_flags, &again, NULL) != CAA_OK) {
        abort();
    }
    fuzz_same_record(rec, &again);
    caa_record_cleanup(&again);
    free(text);
}
