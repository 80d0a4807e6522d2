/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_ANSWER_PARSE_H
#define CAA_DNS_ANSWER_PARSE_H

/* Reads libunbound's answer packets into a struct caa__dns_answer with ldns. Internal to
 * src/lib/dns/. */

#include <stddef.h>
#include <stdint.h>

#include <caa/status.h>

#include "lib/dns/answer_wire.h"
#include "lib/dns/resolver.h"
#include "lib/util/must_check.h"

/*
 * Reads the TC bit and the CNAME/DNAME chain ("owner -> target", lower case, no trailing dots,
 * answer-section order, at most CAA__DNS_ALIASES_MAX) from a wire-format DNS message. A message
 * that does not parse leaves answer untouched and returns CAA_OK: the libunbound fields still
 * stand. Returns CAA_E_NOMEM or CAA_OK.
 */
CAA__MUST_CHECK enum caa_status caa__dns_answer_from_packet(struct caa__dns_answer *answer,
                                                            const uint8_t *packet,
                                                            size_t packet_len);

/*
 * Reads a wire-format DNS message as caa__answer_wire_read says (answer_wire.h: TC, aliases,
 * and with qtype >= 0 the RDATA of qtype and the TTL), with the ldns-free reader, or with ldns
 * when that one declines. MALFORMED: ldns could not parse it; answer is then untouched.
 */
enum caa__answer_read caa__dns_answer_read(const uint8_t *packet, size_t len, int qtype,
                                           struct caa__dns_answer *answer,
                                           struct caa__answer_head *head);

/* The same, always through ldns (ldns_wire2pkt): the reference the ldns-free reader is tested
 * against, and what reads the packets it declines. Never DECLINED. */
enum caa__answer_read caa__dns_answer_read_ldns(const uint8_t *packet, size_t len, int qtype,
                                                struct caa__dns_answer *answer,
                                                struct caa__answer_head *head);

#endif
