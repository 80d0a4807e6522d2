/* SPDX-License-Identifier: MIT */
#ifndef CAA_UTIL_BUF_H
#define CAA_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/status.h>

/*
 * A growable byte buffer with a ceiling and a sticky error: append freely, check once at the
 * end. The contents are always NUL-terminated (the NUL is not counted in len).
 */
struct caa__buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max; /* ceiling on len; appending past it sets CAA_E_LIMIT */
    enum caa_status status;
};

void caa__buf_init(struct caa__buf *buf, size_t max);
void caa__buf_cleanup(struct caa__buf *buf);
void caa__buf_append(struct caa__buf *buf, const void *data, size_t len);
void caa__buf_append_str(struct caa__buf *buf, const char *s);
void caa__buf_append_byte(struct caa__buf *buf, uint8_t byte);
__attribute__((format(printf, 2, 3))) void caa__buf_printf(struct caa__buf *buf, const char *fmt,
                                                           ...);
/* Hands the contents to the caller (free()) and re-initialises buf; NULL if the buffer failed. */
char *caa__buf_steal(struct caa__buf *buf);

#endif
