/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_WIRE_NAME_H
#define CAA_DNS_WIRE_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A wire-format (uncompressed) domain name as text, lower-case, no trailing dot; "" for the root.
 * Returns false if the bytes are not a name. */
bool caa__wire_name_text(const uint8_t *wire, size_t len, char *out, size_t cap);

#endif
