/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_PROBE_WIRE_H
#define CAA_DNS_PROBE_WIRE_H

/*
 * The DNS message side of probe.c: builds a probe's query and reads a reply into a
 * caa__probe_result. Only this file and probe.c's tests of it see ldns. Thread-safe (no state).
 */

#include <stddef.h>
#include <stdint.h>

#include <caa/status.h>

#include "lib/dns/probe.h"

/* The DNS header is 12 bytes; the question name starts right after it. */
#define CAA__PROBE_HEADER_LEN 12

/*
 * Builds the query for q with message ID `id` into *wire (owned by the caller, free()).
 * CAA_E_SYNTAX when the qname is not a domain name (error says why), CAA_E_NOMEM.
 */
enum caa_status caa__probe_wire_query(const struct caa__probe_query *q, uint16_t id, uint8_t **wire,
                                      size_t *wire_len, char *error, size_t error_size);

/*
 * Reads reply (reply_len bytes) to the query `sent` (sent_len bytes, as built above) into
 * result: flags, rcode, question checks, the three sections and the parsed message (msg).
 * Does not touch outcome, wire or elapsed_ms. CAA_E_SYNTAX when the reply does not parse
 * (result->error says why; the sections and msg are left empty), CAA_E_NOMEM.
 */
enum caa_status caa__probe_wire_parse(const uint8_t *sent, size_t sent_len, const uint8_t *reply,
                                      size_t reply_len, struct caa__probe_result *result);

/* Frees a result's parsed message (NULL is a no-op). */
void caa__probe_msg_free(struct caa__probe_msg *msg);

/* Frees count RRs and the array (NULL is a no-op). */
void caa__probe_rrs_free(struct caa__probe_rr *rrs, size_t count);

#endif
