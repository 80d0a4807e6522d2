/* SPDX-License-Identifier: MIT */
/* Domain names in wire format, as text. */
#include "lib/dns/wire_name.h"

#include "lib/util/ascii.h"

bool caa__wire_name_text(const uint8_t *wire, size_t len, char *out, size_t cap)
{
    size_t at = 0;
    size_t used = 0;

    out[0] = '\0';
    while (at < len) {
        uint8_t label = wire[at++];
        if (label == 0) {
            return true;
        }
        if (label > 63 || at + label > len || used + label + 2 > cap) {
            return false;
        }
        if (used > 0) {
            out[used++] = '.';
        }
        for (size_t i = 0; i < label; i++) {
            out[used++] = (char)caa__ascii_lower(wire[at + i]);
        }
        out[used] = '\0';
        at += label;
    }
    return false;
}
