/* SPDX-License-Identifier: MIT */
/* The one rule for putting foreign bytes into text for people (<caa/escape.h>). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <caa/escape.h>

#include "lib/util/buf.h"
#include "lib/util/utf8.h"

/* Characters a terminal acts on rather than shows: C1 controls (U+0080-U+009F; U+009B is CSI)
 * and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), which can make
 * text read differently from what it is. */
static bool is_hidden_control(const uint8_t *p, size_t seq)
{
    if (seq == 2) {
        return p[0] == 0xC2 && p[1] <= 0x9F;
    }
    if (seq == 3 && p[0] == 0xE2) {
        return (p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
               (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9);
    }
    return false;
}

static void append_ddd(struct caa__buf *buf, uint8_t byte)
{
    caa__buf_printf(buf, "\\%03u", (unsigned)byte);
}

enum caa_status caa_text_escape(const char *text, char **out)
{
    const uint8_t *p = (const uint8_t *)text;
    size_t len;
    struct caa__buf buf;
    enum caa_status st;

    if (out == NULL || text == NULL) {
        return CAA_E_INVALID_ARG;
    }
    *out = NULL;
    len = strlen(text);
    if (len > SIZE_MAX / 4) {
        return CAA_E_LIMIT;
    }
    /* The ceiling: each byte becomes at most four ("\255"). */
    caa__buf_init(&buf, len * 4);
    for (size_t i = 0; i < len;) {
        size_t seq = caa__utf8_sequence(p + i, len - i);

        if (seq == 0 || p[i] < 0x20 || p[i] == 0x7F || is_hidden_control(p + i, seq)) {
            size_t n = seq > 0 ? seq : 1;
            for (size_t k = 0; k < n; k++) {
                append_ddd(&buf, p[i + k]);
            }
            i += n;
        } else {
            caa__buf_append(&buf, p + i, seq);
            i += seq;
        }
    }
    st = buf.status;
    if (st == CAA_OK) {
        *out = caa__buf_steal(&buf);
        st = *out != NULL ? CAA_OK : CAA_E_NOMEM;
    }
    caa__buf_cleanup(&buf);
    return st;
}
