/* SPDX-License-Identifier: MIT */
#ifndef CAA_TEST_DNS_PACKET_H
#define CAA_TEST_DNS_PACKET_H

/*
 * A DNS response built with ldns, for the tests of the answer readers (answer_parse.c,
 * answer_wire.c): the question `qname IN CAA` and the sections in presentation form. A record
 * that does not parse fails the calling cmocka test.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dns_packet_spec {
    const char *qname;
    /* NULL-terminated lists of records; NULL: the section is empty. */
    const char *const *answer;
    const char *const *authority;
    const char *const *additional;
    int rcode;
    bool tc, ad;
    bool edns; /* an OPT RR: 1232 bytes, DO set */
};

/* The response's wire form (free()), *len its length. */
uint8_t *dns_packet_build(const struct dns_packet_spec *s, size_t *len);

#endif
