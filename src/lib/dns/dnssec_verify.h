/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_DNSSEC_VERIFY_H
#define CAA_DNS_DNSSEC_VERIFY_H

/*
 * DNSSEC checks for `caa diagnose`, as pure functions over replies a probe already fetched
 * (struct caa__probe_result, see probe.h): no I/O, no clock ("now" is a parameter, epoch
 * seconds). They read the records as ldns parsed them (the result's msg), never rebuilt from
 * the flat copies; dnssec_ldns.h has the same checks over ldns RR lists, for src/lib/dns/.
 * They say *why* a validator calls an answer bogus (expired, not yet valid, bad signature, bad
 * denial proof, DS mismatch, stripped); they are no substitute for a validating resolver.
 *
 * Names (owner, qname, zone) are presentation form, case-insensitive, with or without the
 * trailing dot; "" and "." are the root. Stateless and thread-safe.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/status.h>

#include "lib/dns/probe.h"

enum caa__dnssec_verdict {
    CAA__DNSSEC_VALID = 0,           /* a signature verifies and "now" is inside its validity */
    CAA__DNSSEC_NO_RRSET = 1,        /* no RR of the asked owner and type: nothing to judge */
    CAA__DNSSEC_NO_RRSIG = 2,        /* no RRSIG covers the RRset: stripped or unsigned */
    CAA__DNSSEC_NO_MATCHING_KEY = 3, /* no zone DNSKEY has the RRSIG's signer, algorithm, tag */
    CAA__DNSSEC_EXPIRED = 4,         /* now is after the RRSIG expiration */
    CAA__DNSSEC_NOT_YET_VALID = 5,   /* now is before the RRSIG inception */
    CAA__DNSSEC_BAD_SIGNATURE = 6,   /* times fine, a key matches, the signature does not verify */
    CAA__DNSSEC_UNSUPPORTED_ALGORITHM = 7, /* ldns cannot verify this algorithm */
    /* caa__dnssec_check_denial() */
    CAA__DNSSEC_BAD_DENIAL = 8,    /* an NSEC/NSEC3 RRset's signature fails (see cause) */
    CAA__DNSSEC_MISSING_PROOF = 9, /* an empty answer carries no NSEC or NSEC3 at all */
    CAA__DNSSEC_PROOF_WRONG = 10,  /* NODATA, but the qname's NSEC/NSEC3 bitmap lists qtype */
    /* caa__dnssec_check_ds() */
    CAA__DNSSEC_DS_MATCH = 11,    /* a DS digest matches a zone-flagged DNSKEY */
    CAA__DNSSEC_DS_MISMATCH = 12, /* DS present, DNSKEYs present, none matches */
    CAA__DNSSEC_NO_DS = 13,       /* the parent has no DS: an unsigned delegation */
    CAA__DNSSEC_NO_DNSKEY = 14,   /* DS present but the zone serves no DNSKEY: stripped */
    /* caa__dnssec_check_denial(): NSEC3 iterations above 150, insecure (RFC 9276 §3.2) */
    CAA__DNSSEC_NSEC3_ITERATIONS = 15,
};

/* "VALID", "EXPIRED", ...: logs and tests. Never NULL ("?" for an unknown value). */
const char *caa__dnssec_verdict_name(enum caa__dnssec_verdict verdict);

struct caa__dnssec_result {
    enum caa__dnssec_verdict verdict;
    /* The signature verdict behind `verdict`: equal to it for caa__dnssec_check_rrset(); for
     * BAD_DENIAL the failing proof RRset's (EXPIRED, BAD_SIGNATURE, NO_RRSIG, ...); VALID when
     * the verdict is not about a signature (MISSING_PROOF, PROOF_WRONG). */
    enum caa__dnssec_verdict cause;
    char owner[256];  /* the RRset judged (denial: the failing NSEC/NSEC3), lower case, final dot */
    uint16_t rrtype;  /* its type */
    bool has_rrsig;   /* the fields below describe the RRSIG the verdict is about */
    uint16_t key_tag; /* from that RRSIG */
    uint8_t algorithm;
    uint32_t inception; /* RRSIG fields as on the wire (RFC 4034 §3.1.5 serial time) */
    uint32_t expiration;
    char message[512]; /* one line for people: "RRSIG CAA example.test. (key tag 1234, ...)" */
};

struct caa__dnssec_ds_result {
    enum caa__dnssec_verdict ds; /* DS_MATCH, DS_MISMATCH, NO_DS or NO_DNSKEY */
    uint16_t ds_key_tag;         /* DS_MATCH: the matched DNSKEY's key tag */
    uint8_t ds_digest_type;      /* DS_MATCH: the matching DS's digest type (1, 2 or 4) */
    /* The DNSKEY RRset's own signature, checked against the DS-matched keys when ds is
     * DS_MATCH, else against every zone key in the set (NO_RRSET when there is no DNSKEY). */
    struct caa__dnssec_result dnskey_sig;
    char message[512];
};

/*
 * Judges the RRset `owner`/`rrtype` in reply's answer section (the RRset's RRs and the RRSIGs
 * covering it; other RRs are ignored) against the zone keys: the DNSKEY RRs of keys's answer
 * section (other types there, e.g. RRSIG, are ignored). A NULL reply or keys, or one with no
 * parsed message (outcome not ANSWER), has empty sections.
 *
 * VALID when any covering RRSIG is valid (of the first 8 RRSIGs; 4 keys tried per RRSIG). Otherwise
 * each RRSIG is judged in the order a validator works (unbound): a key with the RRSIG's signer
 * name, algorithm and key tag, with the Zone Key flag (RFC 4034 §2.1.1) -> NO_MATCHING_KEY; then
 * its validity period against now with serial arithmetic (RFC 4034 §3.1.5) -> NOT_YET_VALID /
 * EXPIRED; only then the cryptography -> BAD_SIGNATURE or UNSUPPORTED_ALGORITHM. So a signature
 * both expired and wrong is EXPIRED. Of several failing RRSIGs the one that got furthest is
 * reported (BAD_SIGNATURE > EXPIRED = NOT_YET_VALID > UNSUPPORTED_ALGORITHM > NO_MATCHING_KEY), the
 * first on a tie. An RRSIG whose RDATA does not parse counts as BAD_SIGNATURE.
 *
 * *out is always filled when CAA_OK is returned. Returns CAA_E_INVALID_ARG (NULL out or owner,
 * owner not a domain name), CAA_E_NOMEM, or CAA_OK.
 */
enum caa_status caa__dnssec_check_rrset(const struct caa__probe_result *reply, const char *owner,
                                        uint16_t rrtype, const struct caa__probe_result *keys,
                                        uint32_t now, struct caa__dnssec_result *out);

/*
 * Judges the denial proof of an empty answer (NODATA when nxdomain is false, NXDOMAIN when
 * true) to qname/qtype, from reply's authority section, against the DNSKEYs of keys's answer
 * section. Call it for zones that are signed (the parent has a DS); it does not know whether
 * the zone should be.
 *
 * Every NSEC and NSEC3 RRset in the section is judged as caa__dnssec_check_rrset() does; the
 * first that fails gives BAD_DENIAL (cause, owner, rrtype and the RRSIG fields say which and
 * why: the PowerDNS <= 4.0.3 pattern of fine positive answers and bad proofs). No NSEC/NSEC3 at
 * all gives MISSING_PROOF. For NODATA, an NSEC owned by qname, or an NSEC3 whose owner is
 * qname's hash, whose type bitmap lists qtype gives PROOF_WRONG (RFC 4035 §3.1.3.1, RFC 5155
 * §7.2.3). An NSEC3 with more than 150 iterations is never hashed and makes the verdict
 * NSEC3_ITERATIONS (validators call such an answer insecure, RFC 9276 §3.2). Work is capped:
 * 8 NSEC/NSEC3 RRsets judged, 8 NSEC3 hashes, 8 RRSIGs per RRset, 4 keys per RRSIG (the
 * message says when something was left unchecked). Otherwise VALID. Coverage of NXDOMAIN intervals
 * and closest-encloser proofs are not checked. The SOA's signature is not judged (check it with
 * caa__dnssec_check_rrset()).
 *
 * Returns CAA_E_INVALID_ARG, CAA_E_NOMEM or CAA_OK (then *out is filled).
 */
enum caa_status caa__dnssec_check_denial(const struct caa__probe_result *reply, const char *qname,
                                         uint16_t qtype, bool nxdomain,
                                         const struct caa__probe_result *keys, uint32_t now,
                                         struct caa__dnssec_result *out);

/*
 * Judges the link from the parent to the zone: the DS RRs for zone in ds's answer section (the
 * parent's reply; other types ignored) and the zone's DNSKEY answer in keys (DNSKEY RRs and the
 * RRSIGs over them). A DS matches a DNSKEY with the Zone Key flag when key tag, algorithm and
 * the digest (types 1 SHA-1, 2 SHA-256, 4 SHA-384; others never match) agree (RFC 4034 §5.2).
 * Separately, out->dnskey_sig judges the DNSKEY RRset's self-signature as
 * caa__dnssec_check_rrset() does, with the keys described in struct caa__dnssec_ds_result.
 *
 * Returns CAA_E_INVALID_ARG, CAA_E_NOMEM or CAA_OK (then *out is filled).
 */
enum caa_status caa__dnssec_check_ds(const struct caa__probe_result *ds,
                                     const struct caa__probe_result *keys, const char *zone,
                                     uint32_t now, struct caa__dnssec_ds_result *out);

#endif
