/* SPDX-License-Identifier: MIT */
/* caa_record_from_wire, in both tag modes. On success to_wire must give back the input bytes and
 * to_text -> from_text (and to_generic -> from_text) must give back the same record. */
#include <stdlib.h>
#include <string.h>

#include <caa/record.h>

#include "fuzz.h"
#include "record_roundtrip.h"

static void one_mode(const uint8_t *data, size_t size, unsigned parse_flags)
{
    struct caa_record rec;
    struct caa_error err = {0, ""};
    enum caa_status st;
    uint8_t *wire;
    size_t wire_len = 0;

    st = caa_record_from_wire(data, size, parse_flags, &rec, &err);
    if (st != CAA_OK) {
        /* A rejected input says where and why. */
        if (st == CAA_E_SYNTAX && (err.offset > size || err.message[0] == '\0')) {
            abort();
        }
        return;
    }
    wire = malloc(size + 1);
    if (wire == NULL || caa_record_to_wire(&rec, wire, size, &wire_len) != CAA_OK ||
        wire_len != size || memcmp(wire, data, size) != 0) {
        abort();
    }
    free(wire);
    fuzz_through_text(&rec, parse_flags, caa_record_to_text);
    fuzz_through_text(&rec, parse_flags, caa_record_to_generic);
    caa_record_cleanup(&rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one_mode(data, size, CAA_PARSE_STRICT);
    one_mode(data, size, CAA_PARSE_LENIENT_TAG);
    return 0;
}
