/* SPDX-License-Identifier: MIT */
/* Query bytes and the strict reply test of the wire engine (packet.h). */
#include "lib/wire/packet.h"

#include <string.h>

#include <arpa/inet.h>

#define FLAG_QR 0x80u
#define OPCODE_MASK 0x78u
#define CLASS_IN 1u
#define TYPE_OPT 41u
#define EDNS_DO 0x80u

const char *wire_match_name(enum wire_match m)
{
    static const char *const names[] = {"MATCH",     "MALFORMED",    "NOT_RESPONSE",
                                        "WRONG_ID",  "WRONG_SOURCE", "WRONG_QUESTION",
                                        "WRONG_CASE"};

    return (unsigned)m < sizeof(names) / sizeof(names[0]) ? names[m] : "?";
}

size_t wire_name_from_text(const char *name, uint8_t out[WIRE_NAME_MAX])
{
    size_t len = 0;
    const char *p = name;

    if (strcmp(name, ".") == 0) {
        p = "";
    }
    while (*p != '\0') {
        const char *dot = strchr(p, '.');
        size_t label = dot != NULL ? (size_t)(dot - p) : strlen(p);
        if (label == 0 || label > 63 || len + 1 + label + 1 > WIRE_NAME_MAX) {
            return 0;
        }
        out[len++] = (uint8_t)label;
        memcpy(out + len, p, label);
        len += label;
        p += label;
        if (*p == '.') {
            p++;
        }
    }
    out[len++] = 0;
    return len;
}

static bool is_letter(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static uint8_t lower(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32u) : c;
}

void wire_name_randomize_case(uint8_t *qname, size_t len, const uint8_t *random)
{
    for (size_t i = 0; i < len; i++) {
        if (is_letter(qname[i]) && (random[i / 8] >> (i % 8)) & 1u) {
            qname[i] ^= 0x20u;
        }
    }
}

static void put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static unsigned get16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

size_t wire_query_build(const struct wire_question *q, uint16_t udp_size, uint8_t *out)
{
    size_t n = WIRE_HEADER_LEN;

    memset(out, 0, WIRE_HEADER_LEN);
    put16(out, q->id);
    put16(out + 4, 1);  /* QDCOUNT */
    put16(out + 10, 1); /* ARCOUNT: the OPT RR */
    memcpy(out + n, q->qname, q->qname_len);
    n += q->qname_len;
    put16(out + n, q->qtype);
    put16(out + n + 2, CLASS_IN);
    n += 4;
    /* RFC 6891 §6.1.2: root owner, type OPT, class = UDP size, TTL = ext-rcode, version, DO. */
    out[n++] = 0;
    put16(out + n, TYPE_OPT);
    put16(out + n + 2, udp_size);
    out[n + 4] = 0;
    out[n + 5] = 0;
    out[n + 6] = EDNS_DO;
    out[n + 7] = 0;
    put16(out + n + 8, 0);
    return n + 10;
}

void wire_addr_v4(struct sockaddr_in6 *out, const uint8_t addr[4], uint16_t port)
{
    memset(out, 0, sizeof(*out));
    out->sin6_family = AF_INET6;
    out->sin6_port = htons(port);
    out->sin6_addr.s6_addr[10] = 0xFF;
    out->sin6_addr.s6_addr[11] = 0xFF;
    memcpy(&out->sin6_addr.s6_addr[12], addr, 4);
}

void wire_addr_v6(struct sockaddr_in6 *out, const uint8_t addr[16], uint16_t port)
{
    memset(out, 0, sizeof(*out));
    out->sin6_family = AF_INET6;
    out->sin6_port = htons(port);
    memcpy(out->sin6_addr.s6_addr, addr, 16);
}

bool wire_addr_equal(const struct sockaddr_in6 *a, const struct sockaddr_in6 *b)
{
    return a->sin6_family == b->sin6_family && a->sin6_port == b->sin6_port &&
           memcmp(&a->sin6_addr, &b->sin6_addr, sizeof(a->sin6_addr)) == 0;
}

/* The question name of reply: no compression is allowed there (it is the first name). */
static size_t question_name_len(const uint8_t *reply, size_t len)
{
    size_t i = WIRE_HEADER_LEN;

    while (i < len && i - WIRE_HEADER_LEN < WIRE_NAME_MAX) {
        uint8_t label = reply[i];
        if (label == 0) {
            return i + 1 - WIRE_HEADER_LEN;
        }
        if (label > 63) {
            return 0;
        }
        i += 1u + label;
    }
    return 0;
}

static bool same_name_ignoring_case(const uint8_t *a, const uint8_t *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

enum wire_match wire_reply_match(const struct wire_question *q, const struct sockaddr_in6 *sent_to,
                                 size_t sent_count, const struct sockaddr_in6 *from,
                                 const uint8_t *reply, size_t len)
{
    size_t name_len;
    bool known_source = false;
    const uint8_t *tail;

    if (len < WIRE_HEADER_LEN + 5 || (name_len = question_name_len(reply, len)) == 0 ||
        WIRE_HEADER_LEN + name_len + 4 > len) {
        return WIRE_MALFORMED;
    }
    if ((reply[2] & FLAG_QR) == 0 || (reply[2] & OPCODE_MASK) != 0) {
        return WIRE_NOT_RESPONSE;
    }
    if (get16(reply) != q->id) {
        return WIRE_WRONG_ID;
    }
    for (size_t i = 0; i < sent_count; i++) {
        known_source = known_source || wire_addr_equal(&sent_to[i], from);
    }
    if (!known_source) {
        return WIRE_WRONG_SOURCE;
    }
    tail = reply + WIRE_HEADER_LEN + name_len;
    if (get16(reply + 4) != 1 || name_len != q->qname_len || get16(tail) != q->qtype ||
        get16(tail + 2) != CLASS_IN ||
        !same_name_ignoring_case(reply + WIRE_HEADER_LEN, q->qname, name_len)) {
        return WIRE_WRONG_QUESTION;
    }
    if (memcmp(reply + WIRE_HEADER_LEN, q->qname, name_len) != 0) {
        return WIRE_WRONG_CASE;
    }
    return WIRE_MATCH;
}
