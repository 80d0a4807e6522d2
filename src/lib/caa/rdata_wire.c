/* SPDX-License-Identifier: MIT */
/* CAA RDATA in wire format (RFC 8659 §4.1): flags, tag length, tag, value = the rest. */
#include <string.h>

#include <caa/record.h>

#include "lib/caa/record_internal.h"
#include "lib/util/error.h"

enum caa_status caa__record_wire_check(const uint8_t *rdata, size_t rdata_len, unsigned parse_flags,
                                       size_t *tag_len_out, struct caa_error *err)
{
    enum caa_status st;
    size_t tag_len;

    if (rdata_len > CAA__RDATA_MAX) {
        return caa__error_set(err, CAA__RDATA_MAX, "RDATA is longer than %u bytes", CAA__RDATA_MAX);
    }
    if (rdata_len < 2) {
        return caa__error_set(err, rdata_len,
                              "RDATA truncated: %zu bytes, need at least flags and tag length",
                              rdata_len);
    }
    tag_len = rdata[1];
    /* RFC 8659 §4.1: the tag length MUST be at least 1; miekg/dns accepts 0 (lenient). */
    if (tag_len == 0 && (parse_flags & CAA_PARSE_LENIENT_TAG) == 0) {
        return caa__error_set(err, 1, "tag length is 0");
    }
    if (tag_len > rdata_len - 2) {
        return caa__error_set(err, 1, "tag truncated: tag length %zu runs past the %zu-byte RDATA",
                              tag_len, rdata_len);
    }
    st = caa__record_check_tag(rdata + 2, tag_len, parse_flags, 2, err);
    if (st == CAA_OK) {
        *tag_len_out = tag_len;
    }
    return st;
}

enum caa_status caa_record_from_wire(const uint8_t *rdata, size_t rdata_len, unsigned parse_flags,
                                     struct caa_record *out, struct caa_error *err)
{
    enum caa_status st;
    size_t tag_len = 0;

    if (out == NULL || (rdata == NULL && rdata_len > 0) ||
        (parse_flags & ~(unsigned)CAA_PARSE_LENIENT_TAG) != 0) {
        return CAA_E_INVALID_ARG;
    }
    st = caa__record_wire_check(rdata, rdata_len, parse_flags, &tag_len, err);
    if (st != CAA_OK) {
        return st;
    }
    return caa__record_fill(out, NULL, rdata[0], rdata + 2, tag_len, rdata + 2 + tag_len,
                            rdata_len - 2 - tag_len);
}

enum caa_status caa_record_to_wire(const struct caa_record *rec, uint8_t *buf, size_t cap,
                                   size_t *len_out)
{
    size_t need;

    if (rec == NULL || len_out == NULL || (buf == NULL && cap > 0) ||
        (rec->value == NULL && rec->value_len > 0) ||
        rec->value_len > CAA__RDATA_MAX - 2 - rec->tag_len) {
        return CAA_E_INVALID_ARG;
    }
    need = 2 + (size_t)rec->tag_len + rec->value_len;
    *len_out = need;
    if (cap < need || buf == NULL) {
        return CAA_E_LIMIT;
    }
    buf[0] = rec->flags;
    buf[1] = rec->tag_len;
    if (rec->tag_len > 0) {
        memcpy(buf + 2, rec->tag, rec->tag_len);
    }
    if (rec->value_len > 0) {
        memcpy(buf + 2 + rec->tag_len, rec->value, rec->value_len);
    }
    return CAA_OK;
}
