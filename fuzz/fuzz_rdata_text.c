/* SPDX-License-Identifier: MIT */
/* caa_record_from_text, in both tag modes. On success to_text -> from_text and
 * to_generic -> from_text must give back identical flags, tag and value. */
#include <stdlib.h>
#include <string.h>

#include <caa/record.h>

#include "fuzz.h"

static void same_record(const struct caa_record *a, const struct caa_record *b)
{
    if (a->flags != b->flags || a->tag_len != b->tag_len ||
        memcmp(a->tag, b->tag, (size_t)a->tag_len + 1) != 0 || a->value_len != b->value_len ||
        memcmp(a->value, b->value, a->value_len + 1) != 0) {
        abort();
    }
}

static void through_text(const struct caa_record *rec, unsigned parse_flags,
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
    same_record(rec, &again);
    caa_record_cleanup(&again);
    free(text);
}

static void one_mode(const uint8_t *data, size_t size, unsigned parse_flags)
{
    struct caa_record rec;
    struct caa_error err = {0, ""};
    enum caa_status st;

    st = caa_record_from_text((const char *)data, size, parse_flags, &rec, &err);
    if (st != CAA_OK) {
        /* A rejected input says where and why. */
        if (st == CAA_E_SYNTAX && (err.offset > size || err.message[0] == '\0')) {
            abort();
        }
        return;
    }
    through_text(&rec, parse_flags, caa_record_to_text);
    through_text(&rec, parse_flags, caa_record_to_generic);
    caa_record_cleanup(&rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one_mode(data, size, CAA_PARSE_STRICT);
    one_mode(data, size, CAA_PARSE_LENIENT_TAG);
    return 0;
}
