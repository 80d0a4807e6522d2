/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_ANSWER_WIRE_H
#define CAA_DNS_ANSWER_WIRE_H

/*
 * The answer packet libunbound hands back, read in one bounded pass over its bytes, without
 * building an ldns_pkt. It reads exactly what answer_parse.c's ldns reader
 * (caa__dns_answer_read_ldns) reads, the same way, or declines: a type whose RDATA layout it
 * does not know, RDATA that ldns would read differently (a field running past RDLENGTH, bytes
 * left over, a name it cannot take: caa__wire_name_read), more than one question, an OPT outside
 * the additional section, anything past the end. Declining is never an answer: the caller then
 * reads the packet with ldns, so whatever this reader accepts gives exactly the ldns reader's
 * result (tests/unit/test_answer_wire.c and fuzz/fuzz_answer_wire.c check that). libunbound
 * re-encodes what servers sent, so its packets are declined only when a server sent a record
 * of a rare type. Internal to dns/.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/dns/resolver.h"

/* RDATA of the asked type kept per answer. */
#define CAA__ANSWER_RDATA_MAX 4096u

enum caa__answer_read {
    CAA__ANSWER_READ_OK = 0,
    CAA__ANSWER_READ_MALFORMED = 1, /* not a DNS message (ldns_wire2pkt failed); answer untouched */
    CAA__ANSWER_READ_NOMEM = 2,     /* answer holds what was copied so far */
    CAA__ANSWER_READ_DECLINED = 3,  /* answer_wire only: read it with ldns; answer untouched */
};

/* The header bits the callers decide with. */
struct caa__answer_head {
    int rcode; /* the header's 4 bits */
    bool ad;
};

/*
 * Reads packet (len bytes): sets answer->truncated (TC) and appends the CNAME/DNAME chain of
 * the answer section to answer->aliases ("owner -> target", lower case, no trailing dot,
 * answer-section order, at most CAA__DNS_ALIASES_MAX). With qtype >= 0 it also fills
 * answer->rdata (empty before) with the RDATA of that type in the answer section, whatever
 * their owner, at most CAA__ANSWER_RDATA_MAX, names in them uncompressed, and answer->ttl: the
 * smallest TTL in the answer section, and with no RR of qtype there, of the SOAs in the
 * authority section too (RFC 2308 §5); 0 when there is none. *head is filled unless the result
 * is MALFORMED or DECLINED.
 */
enum caa__answer_read caa__answer_wire_read(const uint8_t *packet, size_t len, int qtype,
                                            struct caa__dns_answer *answer,
                                            struct caa__answer_head *head);

#endif
