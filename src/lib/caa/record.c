/* SPDX-License-Identifier: MIT */
/* struct caa_record: lifetime, copying, building from parts, tag matching. */
#include <stdlib.h>
#include <string.h>

#include <caa/record.h>

#include "lib/caa/record_internal.h"
#include "lib/util/ascii.h"
#include "lib/util/error.h"

void caa_record_init(struct caa_record *rec)
{
    if (rec != NULL) {
        memset(rec, 0, sizeof(*rec));
    }
}

void caa_record_cleanup(struct caa_record *rec)
{
    if (rec == NULL) {
        return;
    }
    free(rec->value);
    caa_record_init(rec);
}

enum caa_status caa__record_check_tag(const uint8_t *tag, size_t tag_len, unsigned parse_flags,
                                      size_t base, struct caa_error *err)
{
    size_t i;

    if (tag_len > CAA_TAG_MAX) {
        return caa__error_set(err, base + CAA_TAG_MAX, "tag is longer than %d bytes", CAA_TAG_MAX);
    }
    if ((parse_flags & CAA_PARSE_LENIENT_TAG) != 0) {
        return CAA_OK;
    }
    /* RFC 8659 §4.1: the tag is at least one octet of [A-Za-z0-9]. */
    if (tag_len == 0) {
        return caa__error_set(err, base, "tag is empty");
    }
    for (i = 0; i < tag_len; i++) {
        if (!caa__ascii_is_alnum(tag[i])) {
            return caa__error_set(err, base + i,
                                  "tag byte 0x%02X is not a letter or digit (RFC 8659 section 4.1)",
                                  (unsigned)tag[i]);
        }
    }
    return CAA_OK;
}

enum caa_status caa__record_fill(struct caa_record *out, struct caa__arena *arena, uint8_t flags,
                                 const uint8_t *tag, size_t tag_len, const uint8_t *value,
                                 size_t value_len)
{
    uint8_t *copy;

    if (tag_len > CAA_TAG_MAX || value_len > CAA__RDATA_MAX - 2 - tag_len) {
        return CAA_E_LIMIT;
    }
    /* Always allocate, so a filled record's value is never NULL, even when empty. */
    copy = arena != NULL ? caa__arena_alloc(arena, value_len + 1) : malloc(value_len + 1);
    if (copy == NULL) {
        return arena != NULL ? caa__arena_status(arena) : CAA_E_NOMEM;
    }
    if (value_len > 0) {
        memcpy(copy, value, value_len);
    }
    copy[value_len] = '\0';
    caa_record_init(out);
    out->flags = flags;
    out->tag_len = (uint8_t)tag_len;
    if (tag_len > 0) {
        memcpy(out->tag, tag, tag_len);
    }
    out->tag[tag_len] = '\0';
    out->value_len = value_len;
    out->value = copy;
    return CAA_OK;
}

enum caa_status caa_record_copy(const struct caa_record *src, struct caa_record *out)
{
    if (src == NULL || out == NULL || (src->value == NULL && src->value_len > 0)) {
        return CAA_E_INVALID_ARG;
    }
    return caa__record_fill(out, NULL, src->flags, (const uint8_t *)src->tag, src->tag_len,
                            src->value, src->value_len);
}

enum caa_status caa_record_set(struct caa_record *out, uint8_t flags, const char *tag,
                               const uint8_t *value, size_t value_len, unsigned parse_flags,
                               struct caa_error *err)
{
    enum caa_status st;
    size_t tag_len;

    if (out == NULL || tag == NULL || (value == NULL && value_len > 0) ||
        (parse_flags & ~(unsigned)CAA_PARSE_LENIENT_TAG) != 0) {
        return CAA_E_INVALID_ARG;
    }
    tag_len = strlen(tag);
    st = caa__record_check_tag((const uint8_t *)tag, tag_len, parse_flags, 0, err);
    if (st != CAA_OK) {
        return st;
    }
    return caa__record_fill(out, NULL, flags, (const uint8_t *)tag, tag_len, value, value_len);
}

bool caa_record_tag_is(const struct caa_record *rec, const char *name)
{
    if (rec == NULL || name == NULL) {
        return false;
    }
    return caa__ascii_equal_nocase((const uint8_t *)rec->tag, rec->tag_len, (const uint8_t *)name,
                                   strlen(name));
}
