/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_WIRE_REPLY_H
#define CAA_DNS_WIRE_REPLY_H

/*
 * What an authoritative server's reply to a CAA question means for the wire engine: an answer
 * it may give as the resolver would (a CAA RRset, NODATA or NXDOMAIN from the zone asked, and
 * in a signed zone only when its signatures and denial proofs verify against the zone's
 * validated keys), a referral to a zone below, or something unusual that the engine hands to
 * libunbound. ldns parses the message and verifies: here in dns/, so that the wire engine
 * (src/lib/wire/, src/lib/bulk/wire_lookup.c) never sees an ldns object. No I/O; `now` is a
 * parameter.
 */

#include <stddef.h>
#include <stdint.h>

#include <caa/status.h>

#include "lib/dns/resolver.h"

struct caa__wire_keys;

enum caa__wire_reply_kind {
    CAA__WIRE_REPLY_ANSWER = 0,   /* *answer is filled (rcode, dnssec, rdata, ttl) */
    CAA__WIRE_REPLY_REFERRAL = 1, /* cut names the zone below to learn; ask again there */
    CAA__WIRE_REPLY_UNUSUAL = 2,  /* *why says what; the name goes to the resolver */
    CAA__WIRE_REPLY_LAME = 3,     /* an error rcode, or no AA and no referral: this server does not
                                serve the zone as it should; another may */
    CAA__WIRE_REPLY_ALIAS = 4,    /* one CNAME at qname (verified in a signed zone): cut names its
                                target, to ask next; answer has only ttl and dnssec of the link */
};

/*
 * Reads reply (len bytes, matched to the question qname/CAA already) from a server of `zone`
 * (presentation form, "" for the root). keys: the zone's validated DNSKEYs for a signed zone,
 * NULL for a zone proven insecure. answer was initialised for qname by the caller; it is
 * written only for CAA__WIRE_REPLY_ANSWER. cut has 256 bytes. *why is a static string.
 */
enum caa__wire_reply_kind caa__wire_reply_read(const uint8_t *reply, size_t len, const char *qname,
                                               const char *zone, const struct caa__wire_keys *keys,
                                               uint32_t now, struct caa__dns_answer *answer,
                                               char *cut, const char **why);

/* The same, always through ldns: the reference the faster reader for insecure zones
 * (wire_fast.h), which caa__wire_reply_read tries first, is tested against. */
enum caa__wire_reply_kind caa__wire_reply_read_ldns(const uint8_t *reply, size_t len,
                                                    const char *qname, const char *zone,
                                                    const struct caa__wire_keys *keys, uint32_t now,
                                                    struct caa__dns_answer *answer, char *cut,
                                                    const char **why);

/* The DNSKEY RRset of zone from the RDATAs a validating resolver returned (secure); NULL when
 * none parses or out of memory. */
struct caa__wire_keys *caa__wire_keys_new(const char *zone, const uint8_t *const *rdata,
                                          const size_t *rdata_len, size_t count);
void caa__wire_keys_free(struct caa__wire_keys *keys);

/* A wire-format name (uncompressed, as in a resolver's RDATA) in presentation form, lower
 * case, no trailing dot ("" for the root), into out (256 bytes); false if it is not a name. */
bool caa__wire_name_to_text(const uint8_t *wire, size_t len, char *out);

#endif
