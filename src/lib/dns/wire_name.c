/* SPDX-License-Identifier: MIT */
/* Domain names in wire format, as text. */
#include "lib/dns/wire_name.h"

#include <string.h>

#include "lib/util/ascii.h"

#define LABEL_MAX 63u

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

bool caa__wire_name_read(const uint8_t *p, size_t len, size_t off, size_t *end,
                         struct caa__wire_name *out)
{
    size_t pos = off;
    size_t lowest = off;
    unsigned pointers = 0;
    bool jumped = false;

    out->len = 0;
    for (;;) {
        uint8_t c;
        if (pos >= len) {
            return false;
        }
        c = p[pos];
        if (c == 0) {
            break;
        }
        if ((c & 0xC0u) == 0xC0u) {
            size_t target;
            if (pos + 2 > len || ++pointers > CAA__WIRE_POINTERS_MAX) {
                return false;
            }
            target = (size_t)(c & 0x3Fu) << 8 | p[pos + 1];
            if (target < CAA__WIRE_HEADER_LEN || target >= lowest) {
                return false;
            }
            if (!jumped) {
                *end = pos + 2;
                jumped = true;
            }
            pos = target;
            lowest = target;
            continue;
        }
        if (c > LABEL_MAX || pos + 1 + c > len || out->len + 1 + c + 1 > CAA__WIRE_NAME_MAX) {
            return false;
        }
        memcpy(out->wire + out->len, p + pos, (size_t)c + 1);
        out->len += (size_t)c + 1;
        pos += (size_t)c + 1;
    }
    out->wire[out->len++] = 0;
    if (!jumped) {
        *end = pos + 1;
    }
    return true;
}

/* ldns 1.8 host2str.c, ldns_rdf2buffer_str_dname: these get a backslash, the non-printable
 * (outside isascii && isgraph) a \DDD. */
static bool escaped(uint8_t c)
{
    return c == '.' || c == ';' || c == '(' || c == ')' || c == '\\';
}

size_t caa__wire_name_presentation(const struct caa__wire_name *name, char *out)
{
    size_t o = 0;

    if (name->wire[0] == 0) {
        out[o++] = '.';
    }
    for (size_t i = 0; i < name->len && name->wire[i] != 0; i += (size_t)name->wire[i] + 1) {
        if (o > 0) {
            out[o++] = '.';
        }
        for (size_t j = 1; j <= name->wire[i]; j++) {
            uint8_t c = caa__ascii_lower(name->wire[i + j]);
            if (escaped(c)) {
                out[o++] = '\\';
                out[o++] = (char)c;
            } else if (c < 0x21u || c > 0x7Eu) {
                out[o++] = '\\';
                out[o++] = (char)('0' + c / 100);
                out[o++] = (char)('0' + c / 10 % 10);
                out[o++] = (char)('0' + c % 10);
            } else {
                out[o++] = (char)c;
            }
        }
    }
    out[o] = '\0';
    return o;
}
