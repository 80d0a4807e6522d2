/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_WIRE_FAST_H
#define CAA_DNS_WIRE_FAST_H

/*
 * The wire engine's reader for the common reply from a zone proven insecure, without ldns and
 * without allocating (but for the CAA RDATA it returns): header, one question, and answer,
 * authority and additional RRs of the types such a reply holds (CAA and CNAME; SOA and NS; A,
 * AAAA and OPT), every length checked against the message, compression pointers only backwards
 * and at most CAA__WIRE_FAST_POINTERS_MAX per name. It reads what caa__wire_reply_read's ldns
 * path would read, the same way, or declines: any other type, a name it would have to escape,
 * RDATA that ldns would parse differently (a field running past RDLENGTH, bytes left over), a
 * forward pointer, more than CAA__WIRE_FAST_RRS_MAX RRs. Declining is never an answer: the
 * caller then reads the reply with ldns, so whatever this reader accepts gives exactly the ldns
 * path's result (the unit test and fuzz/fuzz_wire_fast.c check that). Internal to dns/.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/dns/resolver.h"
#include "lib/dns/wire_name.h"
#include "lib/dns/wire_reply.h"

#define CAA__WIRE_FAST_RRS_MAX 64u
#define CAA__WIRE_FAST_POINTERS_MAX CAA__WIRE_POINTERS_MAX

/*
 * Reads reply (len bytes) to qname/CAA from a server of `zone` (both presentation form, lower
 * case, no trailing dot; "" for the root), a zone proven insecure. True when it read the reply:
 * *kind, *why, and answer or cut as caa__wire_reply_read says. False when it declines; then
 * answer and cut are untouched.
 */
bool caa__wire_fast_read(const uint8_t *reply, size_t len, const char *qname, const char *zone,
                         struct caa__dns_answer *answer, char *cut, enum caa__wire_reply_kind *kind,
                         const char **why);

#endif
