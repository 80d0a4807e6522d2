/* SPDX-License-Identifier: MIT */
#ifndef CAA_WIRE_PACKET_H
#define CAA_WIRE_PACKET_H

/*
 * The bytes of one question of the wire engine: the query as sent (ID, qname with its 0x20
 * case, qtype) and the strict test of a reply against it. Pure: no I/O, no clock, no state; the
 * randomness comes in as bytes. The transport (transport.c) calls it for every datagram.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <netinet/in.h>

#define WIRE_NAME_MAX 255
#define WIRE_HEADER_LEN 12
/* Header, qname, qtype/qclass, OPT RR. */
#define WIRE_QUERY_MAX (WIRE_HEADER_LEN + WIRE_NAME_MAX + 4 + 11)

struct wire_question {
    uint16_t id;
    uint16_t qtype;
    uint8_t qname[WIRE_NAME_MAX]; /* wire form, in the case it was sent */
    size_t qname_len;
};

/* Why a reply was or was not taken as the answer to a question. */
enum wire_match {
    WIRE_MATCH = 0,
    WIRE_MALFORMED = 1,      /* shorter than a header and question, or a bad question name */
    WIRE_NOT_RESPONSE = 2,   /* QR clear, or an opcode other than QUERY */
    WIRE_WRONG_ID = 3,       /* another message ID */
    WIRE_WRONG_SOURCE = 4,   /* from an address or port the question was not sent to */
    WIRE_WRONG_QUESTION = 5, /* another qname, qtype, qclass, or not exactly one question */
    WIRE_WRONG_CASE = 6,     /* the qname, but not in the 0x20 case sent (RFC draft dns0x20) */
};

/* "WRONG_ID", ...: logs and tests. */
const char *wire_match_name(enum wire_match m);

/* `name` (presentation form, "" or "." for the root, no escapes) in wire form into out; its
 * length, or 0 when it is not a name (empty label, label over 63 bytes, over 255 bytes). */
size_t wire_name_from_text(const char *name, uint8_t out[WIRE_NAME_MAX]);

/* Flips the case of each ASCII letter of the wire name whose random bit is set (0x20 encoding:
 * an off-path attacker must guess one bit per letter too). `random` holds at least
 * (len + 7) / 8 bytes. */
void wire_name_randomize_case(uint8_t *qname, size_t len, const uint8_t *random);

/* Server addresses are IPv6 socket addresses; an IPv4 server is its IPv4-mapped address
 * (::ffff:a.b.c.d, RFC 4291 §2.5.5.2), so one form serves both families. */
void wire_addr_v4(struct sockaddr_in6 *out, const uint8_t addr[4], uint16_t port);
void wire_addr_v6(struct sockaddr_in6 *out, const uint8_t addr[16], uint16_t port);
/* Same address and port. */
bool wire_addr_equal(const struct sockaddr_in6 *a, const struct sockaddr_in6 *b);

/* The query for q (RD clear; EDNS0 with the DO bit and udp_size) into out (WIRE_QUERY_MAX
 * bytes); its length. */
size_t wire_query_build(const struct wire_question *q, uint16_t udp_size, uint8_t *out);

/* Whether reply (len bytes), received from `from`, answers q sent to the addresses
 * sent_to[0..sent_count): the first failing test, in the order above. A reply that fails any
 * test is ignored by the caller, never believed. */
enum wire_match wire_reply_match(const struct wire_question *q, const struct sockaddr_in6 *sent_to,
                                 size_t sent_count, const struct sockaddr_in6 *from,
                                 const uint8_t *reply, size_t len);

#endif
