/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_WIRE_VERIFY_H
#define CAA_DNS_WIRE_VERIFY_H

/*
 * DNSSEC for the wire engine's answers from a signed zone, with ldns, against the zone's
 * DNSKEYs that libunbound validated: true only for what is plainly secure, so that every
 * doubt goes to libunbound (which then says secure, or bogus and why):
 *   - a CAA RRset whose RRSIG, by the zone and not from a wildcard, verifies now;
 *   - NODATA proven by the NSEC owned by qname, or the NSEC3 owned by its hash (no extra
 *     iterations: unbound treats costly NSEC3 differently), whose bitmap lists neither CAA nor
 *     CNAME, with its signature and the SOA's verifying.
 * NXDOMAIN, wildcards, empty non-terminals, opt-out and anything else are not judged here.
 * Internal to src/lib/dns/ (wire_reply.c).
 */

#include <stdbool.h>
#include <stdint.h>

#include <ldns/ldns.h>

/* The RRset owner/type of the answer section (a CNAME) verifies, as a CAA RRset would. */
bool caa__wire_verify_answer_rrset(const ldns_pkt *pkt, const ldns_rdf *owner, ldns_rr_type type,
                                   const ldns_rdf *zone, const ldns_rr_list *keys, uint32_t now);

bool caa__wire_verify_positive(const ldns_pkt *pkt, const ldns_rdf *qname, const ldns_rdf *zone,
                               const ldns_rr_list *keys, uint32_t now);

bool caa__wire_verify_nodata(const ldns_pkt *pkt, const ldns_rdf *qname, const ldns_rdf *zone,
                             const ldns_rr_list *keys, uint32_t now);

#endif
