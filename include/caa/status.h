/* SPDX-License-Identifier: MIT */
#ifndef CAA_STATUS_H
#define CAA_STATUS_H

#include <stddef.h>

#include <caa/export.h>

/*
 * Whether a call worked. What the DNS or a record says (SERVFAIL, a malformed value) is data,
 * reported through codes (caa/code.h), never through a status.
 */
enum caa_status {
    CAA_OK = 0,
    CAA_E_NOMEM = 1,
    CAA_E_INVALID_ARG = 2,
    CAA_E_LIMIT = 3,
    CAA_E_IO = 4,
    CAA_E_SYNTAX = 5,
    CAA_E_INTERNAL = 6,
    /* Append only. Numbers are API: never reuse or renumber. */
};

/** "CAA_E_NOMEM": for logs and JSON. Never NULL, static storage. */
CAA_API const char *caa_status_name(enum caa_status st);
/** "out of memory": for people. Never NULL, static storage. */
CAA_API const char *caa_status_message(enum caa_status st);

/*
 * Where and why an input was rejected. Caller-owned; filled by parsers on CAA_E_SYNTAX (and left
 * untouched on success). `offset` is 0-based: a byte offset into wire data, or the byte column
 * into a line of text.
 */
struct caa_error {
    size_t offset;
    char message[192];
};

#endif
