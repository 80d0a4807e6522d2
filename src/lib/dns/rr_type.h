/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_RR_TYPE_H
#define CAA_DNS_RR_TYPE_H

/* RR type mnemonics, as ldns knows them, for messages. Stateless and thread-safe. */

#include <stddef.h>
#include <stdint.h>

/* Room for any name caa__rr_type_name() writes ("NSEC3PARAM", "TYPE65535") and its NUL. */
#define CAA__RR_TYPE_NAME_MAX 16

/* Writes rrtype's mnemonic ("CAA", "DNSKEY") into buf, or TYPEnnn (RFC 3597 §5) for a type
 * without one; cut short to size (CAA__RR_TYPE_NAME_MAX always fits). */
void caa__rr_type_name(uint16_t rrtype, char *buf, size_t size);

#endif
