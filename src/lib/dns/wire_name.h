/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_WIRE_NAME_H
#define CAA_DNS_WIRE_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CAA__WIRE_NAME_MAX 255u    /* octets, RFC 1035 §3.1 */
#define CAA__WIRE_HEADER_LEN 12u   /* a DNS message's header */
#define CAA__WIRE_POINTERS_MAX 32u /* compression pointers followed in one name */

/* A wire-format (uncompressed) domain name as text, lower-case, no trailing dot; "" for the root.
 * Returns false if the bytes are not a name. */
bool caa__wire_name_text(const uint8_t *wire, size_t len, char *out, size_t cap);

/* An uncompressed wire name, its case as sent. */
struct caa__wire_name {
    uint8_t wire[CAA__WIRE_NAME_MAX];
    size_t len;
};

/*
 * The possibly compressed name at off in the message p (len bytes) into out; *end is where the
 * bytes after it start (after the first pointer, or the final zero). Every step is bounded:
 * false for a name past the end, a label type other than 0 and 0xC0, more than 255 octets, a
 * pointer into the header, to or after the earliest byte read for this name (so no loop), or
 * more than CAA__WIRE_POINTERS_MAX pointers. ldns 1.8 reads whatever this accepts the same way
 * (the wire_fast and answer_wire fuzz targets check it); it may accept more.
 */
bool caa__wire_name_read(const uint8_t *p, size_t len, size_t off, size_t *end,
                         struct caa__wire_name *out);

/* Presentation text as ldns_rdf2str writes a name, lower case, without the trailing dot: "."
 * for the root; '.', ';', '(', ')' and '\' escaped with a backslash, octets that are not
 * printable ASCII as \DDD. out needs 4 * 255 bytes; returns the text's length. */
#define CAA__WIRE_NAME_TEXT_MAX (4u * CAA__WIRE_NAME_MAX)
size_t caa__wire_name_presentation(const struct caa__wire_name *name, char *out);

#endif
