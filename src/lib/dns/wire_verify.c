/* SPDX-License-Identifier: MIT */
/* Signature and denial checks of the wire engine (verify.h says what passes). */
#include "lib/dns/wire_verify.h"

#include <stdlib.h>

/* The RRset owner/type of `section` verifies against keys at `now`: every RR of it is taken,
 * every covering RRSIG must be by the zone and not from a wildcard (RFC 4035 §5.3.1: labels =
 * the owner's), and one must verify (RFC 4035 §5.3.3: any valid signature suffices). */
static bool rrset_verified(const ldns_rr_list *section, const ldns_rdf *owner, ldns_rr_type type,
                           const ldns_rdf *zone, const ldns_rr_list *keys, uint32_t now)
{
    ldns_rr_list *rrset = ldns_rr_list_new();
    ldns_rr_list *sigs = ldns_rr_list_new();
    bool ok = rrset != NULL && sigs != NULL;

    for (size_t i = 0; ok && i < ldns_rr_list_rr_count(section); i++) {
        ldns_rr *rr = ldns_rr_list_rr(section, i);
        if (ldns_dname_compare(ldns_rr_owner(rr), owner) != 0) {
            continue;
        }
        if (ldns_rr_get_type(rr) == type) {
            ok = ldns_rr_list_push_rr(rrset, rr);
        } else if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_RRSIG &&
                   ldns_rr_rrsig_typecovered(rr) != NULL &&
                   ldns_rdf2rr_type(ldns_rr_rrsig_typecovered(rr)) == type) {
            ok = ldns_rr_rrsig_signame(rr) != NULL && ldns_rr_rrsig_labels(rr) != NULL &&
                 ldns_dname_compare(ldns_rr_rrsig_signame(rr), zone) == 0 &&
                 ldns_rdf2native_int8(ldns_rr_rrsig_labels(rr)) == ldns_dname_label_count(owner) &&
                 ldns_rr_list_push_rr(sigs, rr);
        }
    }
    ok = ok && ldns_rr_list_rr_count(rrset) > 0 && ldns_rr_list_rr_count(sigs) > 0 &&
         ldns_verify_time(rrset, sigs, keys, (time_t)now, NULL) == LDNS_STATUS_OK;
    ldns_rr_list_free(rrset); /* the RRs belong to the packet */
    ldns_rr_list_free(sigs);
    return ok;
}

bool caa__wire_verify_answer_rrset(const ldns_pkt *pkt, const ldns_rdf *owner, ldns_rr_type type,
                                   const ldns_rdf *zone, const ldns_rr_list *keys, uint32_t now)
{
    return rrset_verified(ldns_pkt_answer(pkt), owner, type, zone, keys, now);
}

bool caa__wire_verify_positive(const ldns_pkt *pkt, const ldns_rdf *qname, const ldns_rdf *zone,
                               const ldns_rr_list *keys, uint32_t now)
{
    return rrset_verified(ldns_pkt_answer(pkt), qname, LDNS_RR_TYPE_CAA, zone, keys, now);
}

/* NSEC3 owned by hash(qname) with the zone's parameters, and no extra iterations. */
static bool nsec3_matches(const ldns_rr *nsec3, const ldns_rdf *qname, const ldns_rdf *zone)
{
    ldns_rdf *hashed;
    bool match = false;

    if (ldns_nsec3_iterations(nsec3) != 0 || ldns_nsec3_algorithm(nsec3) != 1) {
        return false;
    }
    hashed = ldns_nsec3_hash_name_frm_nsec3(nsec3, qname);
    if (hashed != NULL && ldns_dname_cat(hashed, zone) == LDNS_STATUS_OK) {
        match = ldns_dname_compare(hashed, ldns_rr_owner(nsec3)) == 0;
    }
    ldns_rdf_deep_free(hashed);
    return match;
}

static bool bitmap_denies(const ldns_rdf *bitmap)
{
    return bitmap != NULL && !ldns_nsec_bitmap_covers_type(bitmap, LDNS_RR_TYPE_CAA) &&
           !ldns_nsec_bitmap_covers_type(bitmap, LDNS_RR_TYPE_CNAME);
}

bool caa__wire_verify_nodata(const ldns_pkt *pkt, const ldns_rdf *qname, const ldns_rdf *zone,
                             const ldns_rr_list *keys, uint32_t now)
{
    const ldns_rr_list *auth = ldns_pkt_authority(pkt);

    if (ldns_pkt_get_rcode(pkt) != LDNS_RCODE_NOERROR || ldns_pkt_ancount(pkt) != 0 ||
        !rrset_verified(auth, zone, LDNS_RR_TYPE_SOA, zone, keys, now)) {
        return false;
    }
    for (size_t i = 0; i < ldns_rr_list_rr_count(auth); i++) {
        const ldns_rr *rr = ldns_rr_list_rr(auth, i);
        if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_NSEC &&
            ldns_dname_compare(ldns_rr_owner(rr), qname) == 0 &&
            bitmap_denies(ldns_nsec_get_bitmap(rr))) {
            return rrset_verified(auth, qname, LDNS_RR_TYPE_NSEC, zone, keys, now);
        }
        if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_NSEC3 && nsec3_matches(rr, qname, zone) &&
            bitmap_denies(ldns_nsec3_bitmap(rr))) {
            return rrset_verified(auth, ldns_rr_owner(rr), LDNS_RR_TYPE_NSEC3, zone, keys, now);
        }
    }
    return false;
}
