/* SPDX-License-Identifier: MIT */
/* DNSSEC verdicts over probed replies, judged on the records ldns parsed (never rebuilt from
 * copies); ldns does the canonical form and the cryptography. */
#include "lib/dns/dnssec_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ldns/ldns.h>

#include "lib/dns/dnssec_ldns.h"
#include "lib/dns/probe.h"
#include "lib/dns/probe_msg.h"
#include "lib/dns/rr_type.h"
#include "lib/util/ascii.h"

#define RRTYPE_DS 43
#define RRTYPE_DNSKEY 48

#define RRSIG_FIELDS 9
#define DNSKEY_FIELDS 4
#define DS_FIELDS 4
#define NSEC_FIELDS 2
#define NSEC3_FIELDS 6
#define DNSKEY_FLAG_ZONE 0x0100u /* RFC 4034 §2.1.1 */
#define DNSKEY_PROTOCOL 3        /* RFC 4034 §2.1.2 */
#define SERIAL_HALF 0x80000000u  /* RFC 1982: a - b "is negative" from here on */
/* Work caps, whatever an answer holds (issue 11: 1,800 NSEC3 at one owner with 65,535
 * iterations cost one diagnose 68 s of CPU). RFC 9276 §3.2 lets validators treat NSEC3 with
 * more iterations as insecure; Unbound and BIND do so above 150. The signature and key caps
 * follow Unbound's answer to KeyTrap (CVE-2023-50387): at most 8 RRSIGs tried per RRset. */
#define NSEC3_ITERATIONS_MAX 150
#define NSEC3_HASHES_MAX 8 /* NSEC3 hashes computed per denial (Unbound: 8) */
#define RRSIGS_PER_RRSET_MAX 8
#define KEYS_PER_RRSIG_MAX 4 /* keys with the same tag tried for one RRSIG */
#define PROOF_RRSETS_MAX 8   /* NSEC/NSEC3 RRsets judged per denial */

static const char *const verdict_names[] = {
    [CAA__DNSSEC_VALID] = "VALID",
    [CAA__DNSSEC_NO_RRSET] = "NO_RRSET",
    [CAA__DNSSEC_NO_RRSIG] = "NO_RRSIG",
    [CAA__DNSSEC_NO_MATCHING_KEY] = "NO_MATCHING_KEY",
    [CAA__DNSSEC_EXPIRED] = "EXPIRED",
    [CAA__DNSSEC_NOT_YET_VALID] = "NOT_YET_VALID",
    [CAA__DNSSEC_BAD_SIGNATURE] = "BAD_SIGNATURE",
    [CAA__DNSSEC_UNSUPPORTED_ALGORITHM] = "UNSUPPORTED_ALGORITHM",
    [CAA__DNSSEC_BAD_DENIAL] = "BAD_DENIAL",
    [CAA__DNSSEC_MISSING_PROOF] = "MISSING_PROOF",
    [CAA__DNSSEC_PROOF_WRONG] = "PROOF_WRONG",
    [CAA__DNSSEC_DS_MATCH] = "DS_MATCH",
    [CAA__DNSSEC_DS_MISMATCH] = "DS_MISMATCH",
    [CAA__DNSSEC_NO_DS] = "NO_DS",
    [CAA__DNSSEC_NO_DNSKEY] = "NO_DNSKEY",
    [CAA__DNSSEC_NSEC3_ITERATIONS] = "NSEC3_ITERATIONS",
};

const char *caa__dnssec_verdict_name(enum caa__dnssec_verdict verdict)
{
    size_t i = (size_t)verdict;

    if (i >= sizeof(verdict_names) / sizeof(verdict_names[0]) || verdict_names[i] == NULL) {
        return "?";
    }
    return verdict_names[i];
}

/* A presentation-form name as an ldns dname ("" is the root). NULL if it is none. */
static ldns_rdf *name_from_str(const char *name)
{
    return ldns_dname_new_frm_str(name[0] == '\0' ? "." : name);
}

static bool same_name(const ldns_rdf *a, const ldns_rdf *b)
{
    return ldns_dname_compare(a, b) == 0;
}

/* An RRSIG time as YYYYMMDDhhmmss, taking the instant nearest to now (RFC 4034 §3.1.5: serial
 * arithmetic, so the 2106 wrap of the 32-bit field reads right). */
static void format_time(uint32_t ts, uint32_t now, char *buf, size_t size)
{
    struct tm tm;

    /* ldns takes the field as int32_t: the same 32 bits, read back modulo 2^32. */
    if (ldns_serial_arithmetics_gmtime_r((int32_t)ts, (time_t)now, &tm) == NULL ||
        strftime(buf, size, "%Y%m%d%H%M%S", &tm) == 0) {
        (void)snprintf(buf, size, "%lu", (unsigned long)ts);
    }
}

/* The type an RRSIG covers (RFC 4034 §3.1.1), read from the bytes of its first field so that an
 * RRSIG whose other fields do not parse still counts as one over that type; 0 if it has none. */
static uint16_t rrsig_covered(const ldns_rr *rr)
{
    const ldns_rdf *covered;

    if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_RRSIG || ldns_rr_rd_count(rr) == 0) {
        return 0;
    }
    covered = ldns_rr_rdf(rr, 0);
    if (ldns_rdf_size(covered) < 2) {
        return 0;
    }
    return (uint16_t)((ldns_rdf_data(covered)[0] << 8) | ldns_rdf_data(covered)[1]);
}

/*
 * Appends to list the RRs of from of type rrtype owned by owner (any owner when NULL), or with
 * sigs, the RRSIGs owned by owner that cover rrtype. The RRs stay from's: free list with
 * ldns_rr_list_free(), never deep.
 */
static enum caa_status collect(const ldns_rr_list *from, const ldns_rdf *owner, uint16_t rrtype,
                               bool sigs, ldns_rr_list *list)
{
    for (size_t i = 0; i < ldns_rr_list_rr_count(from); i++) {
        const ldns_rr *rr = ldns_rr_list_rr(from, i);
        bool wanted = sigs ? rrsig_covered(rr) == rrtype : ldns_rr_get_type(rr) == rrtype;

        if (!wanted || (owner != NULL && !same_name(ldns_rr_owner(rr), owner))) {
            continue;
        }
        if (!ldns_rr_list_push_rr(list, rr)) {
            return CAA_E_NOMEM;
        }
    }
    return CAA_OK;
}

/* Fresh result for the RRset owner/rrtype, verdict v. */
static enum caa_status result_init(struct caa__dnssec_result *r, const ldns_rdf *owner,
                                   uint16_t rrtype, enum caa__dnssec_verdict v)
{
    char *name = ldns_rdf2str(owner);

    memset(r, 0, sizeof(*r));
    if (name == NULL) {
        return CAA_E_NOMEM;
    }
    (void)snprintf(r->owner, sizeof(r->owner), "%s", name);
    free(name);
    caa__ascii_lower_in_place(r->owner, strlen(r->owner));
    r->rrtype = rrtype;
    r->verdict = v;
    r->cause = v;
    return CAA_OK;
}

/* The keys of keys that could have made rrsig: signer name, algorithm, tag, Zone Key flag. */
static ldns_rr_list *matching_keys(const ldns_rr_list *keys, const ldns_rr *rrsig, uint8_t alg,
                                   uint16_t tag)
{
    ldns_rr_list *match = ldns_rr_list_new();

    for (size_t i = 0; match != NULL && i < ldns_rr_list_rr_count(keys); i++) {
        ldns_rr *key = ldns_rr_list_rr(keys, i);

        if (ldns_rr_rd_count(key) != DNSKEY_FIELDS ||
            (ldns_rdf2native_int16(ldns_rr_rdf(key, 0)) & DNSKEY_FLAG_ZONE) == 0 ||
            ldns_rdf2native_int8(ldns_rr_rdf(key, 1)) != DNSKEY_PROTOCOL ||
            ldns_rdf2native_int8(ldns_rr_rdf(key, 2)) != alg || ldns_calc_keytag(key) != tag ||
            !same_name(ldns_rr_owner(key), ldns_rr_rrsig_signame(rrsig))) {
            continue;
        }
        if (ldns_rr_list_rr_count(match) >= KEYS_PER_RRSIG_MAX) {
            break; /* colliding key tags (KeyTrap): the rest are not tried */
        }
        if (!ldns_rr_list_push_rr(match, key)) {
            ldns_rr_list_free(match);
            match = NULL;
        }
    }
    return match;
}

/* Judges one RRSIG over rrset; r already names the RRset. */
static enum caa_status judge_sig(const ldns_rr_list *rrset, const ldns_rr *rrsig,
                                 const ldns_rr_list *keys, uint32_t now,
                                 struct caa__dnssec_result *r)
{
    char type[CAA__RR_TYPE_NAME_MAX];
    char head[400];
    char when[20];
    char now_text[20];
    ldns_rr_list *match = NULL;
    ldns_rr_list *good = NULL;
    ldns_status ls;
    enum caa_status st = CAA_E_NOMEM;

    caa__rr_type_name(r->rrtype, type, sizeof(type));
    if (ldns_rr_rd_count(rrsig) != RRSIG_FIELDS ||
        ldns_rdf_get_type(ldns_rr_rdf(rrsig, 7)) != LDNS_RDF_TYPE_DNAME) {
        r->verdict = CAA__DNSSEC_BAD_SIGNATURE;
        (void)snprintf(r->message, sizeof(r->message),
                       "RRSIG %s %s: the RRSIG RDATA does not parse", type, r->owner);
        return CAA_OK;
    }
    r->has_rrsig = true;
    r->algorithm = ldns_rdf2native_int8(ldns_rr_rrsig_algorithm(rrsig));
    r->key_tag = ldns_rdf2native_int16(ldns_rr_rrsig_keytag(rrsig));
    r->expiration = ldns_rdf2native_int32(ldns_rr_rrsig_expiration(rrsig));
    r->inception = ldns_rdf2native_int32(ldns_rr_rrsig_inception(rrsig));
    (void)snprintf(head, sizeof(head), "RRSIG %s %s (key tag %u, algorithm %u)", type, r->owner,
                   (unsigned)r->key_tag, (unsigned)r->algorithm);
    format_time(now, now, now_text, sizeof(now_text));

    match = matching_keys(keys, rrsig, r->algorithm, r->key_tag);
    good = ldns_rr_list_new();
    if (match == NULL || good == NULL) {
        goto out;
    }
    st = CAA_OK;
    if (ldns_rr_list_rr_count(match) == 0) {
        char *signer = ldns_rdf2str(ldns_rr_rrsig_signame(rrsig));

        r->verdict = CAA__DNSSEC_NO_MATCHING_KEY;
        (void)snprintf(r->message, sizeof(r->message),
                       "%s: no zone DNSKEY of signer %s has this algorithm and key tag", head,
                       signer != NULL ? signer : "?");
        free(signer);
        goto out;
    }
    /* RFC 4034 §3.1.5: serial number arithmetic; RFC 4035 §5.3.1: inception <= now <= exp. */
    if ((uint32_t)(now - r->inception) >= SERIAL_HALF) {
        r->verdict = CAA__DNSSEC_NOT_YET_VALID;
        format_time(r->inception, now, when, sizeof(when));
        (void)snprintf(r->message, sizeof(r->message), "%s: not valid before %s (now %s)", head,
                       when, now_text);
        goto out;
    }
    if ((uint32_t)(r->expiration - now) >= SERIAL_HALF) {
        r->verdict = CAA__DNSSEC_EXPIRED;
        format_time(r->expiration, now, when, sizeof(when));
        (void)snprintf(r->message, sizeof(r->message), "%s: expired %s (now %s)", head, when,
                       now_text);
        goto out;
    }
    ls = ldns_verify_rrsig_keylist_notime(rrset, rrsig, match, good);
    if (ls == LDNS_STATUS_OK) {
        r->verdict = CAA__DNSSEC_VALID;
        format_time(r->expiration, now, when, sizeof(when));
        (void)snprintf(r->message, sizeof(r->message), "%s: valid until %s", head, when);
    } else if (ls == LDNS_STATUS_CRYPTO_UNKNOWN_ALGO || ls == LDNS_STATUS_CRYPTO_ALGO_NOT_IMPL) {
        r->verdict = CAA__DNSSEC_UNSUPPORTED_ALGORITHM;
        (void)snprintf(r->message, sizeof(r->message), "%s: algorithm not supported here", head);
    } else {
        r->verdict = CAA__DNSSEC_BAD_SIGNATURE;
        (void)snprintf(r->message, sizeof(r->message), "%s: signature does not verify (%s)", head,
                       ldns_get_errorstr_by_id(ls));
    }
out:
    r->cause = r->verdict;
    ldns_rr_list_free(match);
    ldns_rr_list_free(good);
    return st;
}

/* How far a failing RRSIG got; the furthest is reported. */
static int verdict_rank(enum caa__dnssec_verdict v)
{
    switch (v) {
    case CAA__DNSSEC_BAD_SIGNATURE:
        return 4;
    case CAA__DNSSEC_EXPIRED:
    case CAA__DNSSEC_NOT_YET_VALID:
        return 3;
    case CAA__DNSSEC_UNSUPPORTED_ALGORITHM:
        return 2;
    default:
        return 1;
    }
}

static enum caa_status judge_rrset(const ldns_rr_list *rrs, const ldns_rdf *owner, uint16_t rrtype,
                                   const ldns_rr_list *keys, uint32_t now,
                                   struct caa__dnssec_result *out)
{
    enum caa_status st = CAA_E_NOMEM;
    ldns_rr_list *rrset = ldns_rr_list_new();
    ldns_rr_list *sigs = ldns_rr_list_new();
    struct caa__dnssec_result *one = malloc(sizeof(*one));
    char type[CAA__RR_TYPE_NAME_MAX];
    int best = 0;

    if (rrset == NULL || sigs == NULL || one == NULL) {
        goto out;
    }
    st = result_init(out, owner, rrtype, CAA__DNSSEC_NO_RRSET);
    if (st == CAA_OK) {
        st = collect(rrs, owner, rrtype, false, rrset);
    }
    if (st == CAA_OK) {
        st = collect(rrs, owner, rrtype, true, sigs);
    }
    if (st != CAA_OK) {
        goto out;
    }
    caa__rr_type_name(rrtype, type, sizeof(type));
    if (ldns_rr_list_rr_count(rrset) == 0) {
        (void)snprintf(out->message, sizeof(out->message), "no %s RRset at %s", type, out->owner);
        goto out;
    }
    if (ldns_rr_list_rr_count(sigs) == 0) {
        out->verdict = out->cause = CAA__DNSSEC_NO_RRSIG;
        (void)snprintf(out->message, sizeof(out->message), "no RRSIG covers %s %s", type,
                       out->owner);
        goto out;
    }
    for (size_t i = 0; i < ldns_rr_list_rr_count(sigs) && i < RRSIGS_PER_RRSET_MAX; i++) {
        *one = *out;
        st = judge_sig(rrset, ldns_rr_list_rr(sigs, i), keys, now, one);
        if (st != CAA_OK) {
            goto out;
        }
        if (one->verdict == CAA__DNSSEC_VALID) {
            *out = *one;
            goto out;
        }
        if (verdict_rank(one->verdict) > best) {
            best = verdict_rank(one->verdict);
            *out = *one;
        }
    }
out:
    free(one);
    ldns_rr_list_free(rrset); /* the RRs are the caller's */
    ldns_rr_list_free(sigs);
    return st;
}

enum caa_status caa__dnssec_judge_rrset(const ldns_rr_list *rrs, const char *owner, uint16_t rrtype,
                                        const ldns_rr_list *dnskeys, uint32_t now,
                                        struct caa__dnssec_result *out)
{
    enum caa_status st = CAA_E_NOMEM;
    ldns_rdf *name = NULL;
    ldns_rr_list *keys = NULL;

    if (out == NULL || owner == NULL) {
        return CAA_E_INVALID_ARG;
    }
    name = name_from_str(owner);
    if (name == NULL) {
        return CAA_E_INVALID_ARG;
    }
    keys = ldns_rr_list_new();
    if (keys != NULL) {
        st = collect(dnskeys, NULL, RRTYPE_DNSKEY, false, keys);
    }
    if (st == CAA_OK) {
        st = judge_rrset(rrs, name, rrtype, keys, now, out);
    }
    ldns_rr_list_free(keys);
    ldns_rdf_deep_free(name);
    return st;
}

/* For NODATA: whether proof (NSEC or NSEC3) is the record of qname and its bitmap lists qtype. */
static bool bitmap_lists(const ldns_rr *proof, const ldns_rdf *qname, uint16_t qtype)
{
    bool lists = false;

    if (ldns_rr_get_type(proof) == LDNS_RR_TYPE_NSEC) {
        /* RFC 4035 §3.1.3.1: the NSEC at qname proves NODATA by the type's absence. */
        return ldns_rr_rd_count(proof) == NSEC_FIELDS && same_name(ldns_rr_owner(proof), qname) &&
               ldns_nsec_bitmap_covers_type(ldns_rr_rdf(proof, 1), qtype);
    }
    if (ldns_rr_rd_count(proof) == NSEC3_FIELDS &&
        ldns_rdf_get_type(ldns_rr_rdf(proof, 5)) == LDNS_RDF_TYPE_BITMAP) {
        /* RFC 5155 §7.2.3: the NSEC3 matching qname's hash. */
        ldns_rdf *hash = ldns_nsec3_hash_name_frm_nsec3(proof, qname);
        ldns_rdf *label = ldns_dname_label(ldns_rr_owner(proof), 0);

        lists = hash != NULL && label != NULL && same_name(hash, label) &&
                ldns_nsec_bitmap_covers_type(ldns_nsec3_bitmap(proof), qtype);
        ldns_rdf_deep_free(hash);
        ldns_rdf_deep_free(label);
    }
    return lists;
}

/* Appends text to the string in buf, cut short to fit (messages may be truncated). */
static void append(char *buf, size_t size, const char *text)
{
    size_t used = strlen(buf);
    size_t len = strlen(text);

    if (used + 1 >= size) {
        return;
    }
    if (len > size - used - 1) {
        len = size - used - 1;
    }
    memcpy(buf + used, text, len);
    buf[used + len] = '\0';
}

/* Whether list already holds an RR with rr's owner and type. */
static bool seen_rrset(const ldns_rr_list *list, const ldns_rr *rr)
{
    for (size_t i = 0; i < ldns_rr_list_rr_count(list); i++) {
        const ldns_rr *other = ldns_rr_list_rr(list, i);

        if (ldns_rr_get_type(other) == ldns_rr_get_type(rr) &&
            same_name(ldns_rr_owner(other), ldns_rr_owner(rr))) {
            return true;
        }
    }
    return false;
}

/* What judge_proofs saw, and the work it did (the caps above). */
struct proof_tally {
    size_t proofs;           /* NSEC/NSEC3 RRsets judged */
    size_t skipped;          /* RRsets beyond PROOF_RRSETS_MAX or hashes beyond the cap */
    size_t hashes;           /* NSEC3 hashes computed */
    unsigned max_iterations; /* the largest NSEC3 iteration count above the cap, 0 if none */
    bool wrong;              /* a bitmap lists qtype */
};

/* For NODATA: whether rr's bitmap lists qtype, within the caps. NSEC3 with more iterations
 * than NSEC3_ITERATIONS_MAX are never hashed: they make the answer insecure (RFC 9276 §3.2). */
static void check_bitmap(const ldns_rr *rr, const ldns_rdf *qname, uint16_t qtype,
                         struct proof_tally *t)
{
    if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_NSEC3) {
        unsigned iterations = ldns_rr_rd_count(rr) == NSEC3_FIELDS ? ldns_nsec3_iterations(rr) : 0;

        if (iterations > NSEC3_ITERATIONS_MAX) {
            if (iterations > t->max_iterations) {
                t->max_iterations = iterations;
            }
            return;
        }
        if (t->hashes >= NSEC3_HASHES_MAX) {
            t->skipped++;
            return;
        }
        t->hashes++;
    }
    if (bitmap_lists(rr, qname, qtype)) {
        t->wrong = true;
    }
}

/* Judges the NSEC/NSEC3 RRsets of authority, the first PROOF_RRSETS_MAX of them. */
static enum caa_status judge_proofs(const ldns_rr_list *authority, const ldns_rdf *qname,
                                    uint16_t qtype, bool nxdomain, const ldns_rr_list *keys,
                                    uint32_t now, struct caa__dnssec_result *out,
                                    struct proof_tally *t)
{
    enum caa_status st = CAA_OK;
    ldns_rr_list *seen = ldns_rr_list_new();

    if (seen == NULL) {
        return CAA_E_NOMEM;
    }
    for (size_t i = 0; i < ldns_rr_list_rr_count(authority) && st == CAA_OK; i++) {
        const ldns_rr *rr = ldns_rr_list_rr(authority, i);
        ldns_rr_type type = ldns_rr_get_type(rr);

        if (type != LDNS_RR_TYPE_NSEC && type != LDNS_RR_TYPE_NSEC3) {
            continue;
        }
        if (!nxdomain) {
            check_bitmap(rr, qname, qtype, t);
        }
        if (seen_rrset(seen, rr) || t->proofs >= PROOF_RRSETS_MAX) {
            t->skipped += !seen_rrset(seen, rr);
            continue;
        }
        if (!ldns_rr_list_push_rr(seen, rr)) {
            st = CAA_E_NOMEM;
            break;
        }
        t->proofs++;
        st = judge_rrset(authority, ldns_rr_owner(rr), (uint16_t)type, keys, now, out);
        if (st == CAA_OK && out->verdict != CAA__DNSSEC_VALID) {
            break;
        }
    }
    ldns_rr_list_free(seen); /* the RRs are authority's */
    return st;
}

/* The verdict of a denial whose proofs' signatures are fine (or absent). */
static void denial_verdict(struct caa__dnssec_result *out, const struct proof_tally *t,
                           bool nxdomain, const char *type)
{
    const char *kind = nxdomain ? "NXDOMAIN" : "NODATA";

    if (t->proofs == 0) {
        out->verdict = CAA__DNSSEC_MISSING_PROOF;
        (void)snprintf(out->message, sizeof(out->message),
                       "empty answer (%s) for %s %s carries no NSEC or NSEC3", kind, out->owner,
                       type);
    } else if (t->max_iterations > 0) {
        out->verdict = CAA__DNSSEC_NSEC3_ITERATIONS;
        (void)snprintf(out->message, sizeof(out->message),
                       "%s for %s %s: NSEC3 with %u iterations, above %u (RFC 9276 §3.2): "
                       "validators treat the answer as insecure, and caa did not hash them",
                       kind, out->owner, type, t->max_iterations, NSEC3_ITERATIONS_MAX);
    } else if (t->wrong) {
        out->verdict = CAA__DNSSEC_PROOF_WRONG;
        (void)snprintf(out->message, sizeof(out->message),
                       "NODATA for %s %s, but its NSEC/NSEC3 type bitmap lists %s", out->owner,
                       type, type);
    } else {
        (void)snprintf(out->message, sizeof(out->message),
                       "denial proof for %s %s: %zu NSEC/NSEC3 RRset(s) verify%s", out->owner, type,
                       t->proofs,
                       t->skipped > 0 ? " (more were not checked: over caa's work cap)" : "");
    }
}

enum caa_status caa__dnssec_judge_denial(const ldns_rr_list *authority, const char *qname,
                                         uint16_t qtype, bool nxdomain, const ldns_rr_list *dnskeys,
                                         uint32_t now, struct caa__dnssec_result *out)
{
    enum caa_status st = CAA_E_NOMEM;
    ldns_rdf *name = NULL;
    ldns_rr_list *keys = NULL;
    struct caa__dnssec_result *proof = NULL;
    struct proof_tally tally = {0};
    char type[CAA__RR_TYPE_NAME_MAX];

    if (out == NULL || qname == NULL) {
        return CAA_E_INVALID_ARG;
    }
    name = name_from_str(qname);
    if (name == NULL) {
        return CAA_E_INVALID_ARG;
    }
    keys = ldns_rr_list_new();
    proof = malloc(sizeof(*proof));
    if (keys == NULL || proof == NULL) {
        goto out;
    }
    st = collect(dnskeys, NULL, RRTYPE_DNSKEY, false, keys);
    if (st == CAA_OK) {
        st = result_init(out, name, qtype, CAA__DNSSEC_VALID);
    }
    if (st == CAA_OK) {
        st = judge_proofs(authority, name, qtype, nxdomain, keys, now, proof, &tally);
    }
    if (st != CAA_OK) {
        goto out;
    }
    caa__rr_type_name(qtype, type, sizeof(type));
    if (tally.proofs > 0 && proof->verdict != CAA__DNSSEC_VALID) {
        *out = *proof;
        out->verdict = CAA__DNSSEC_BAD_DENIAL;
        (void)snprintf(out->message, sizeof(out->message),
                       "denial proof for %s %s: ", nxdomain ? "NXDOMAIN" : "NODATA", type);
        append(out->message, sizeof(out->message), proof->message);
    } else {
        denial_verdict(out, &tally, nxdomain, type);
    }
out:
    free(proof);
    ldns_rr_list_free(keys);
    ldns_rdf_deep_free(name);
    return st;
}

/* Whether ds (parsed, DS_FIELDS) is a digest of key (RFC 4034 §5.1.4). The cheap fields are
 * compared first, so a reply full of keys costs one digest per plausible pair, not per pair.
 * ldns_rr_compare_ds() digests the key's owner in canonical (lower) case, as §5.1.4 wants, on
 * copies: the keys of a reply stay as received. */
static bool ds_matches(const ldns_rr *ds, const ldns_rr *key)
{
    uint8_t digest_type = ldns_rdf2native_int8(ldns_rr_rdf(ds, 2));

    if ((digest_type != LDNS_SHA1 && digest_type != LDNS_SHA256 && digest_type != LDNS_SHA384) ||
        ldns_rr_rd_count(key) != DNSKEY_FIELDS ||
        (ldns_rdf2native_int16(ldns_rr_rdf(key, 0)) & DNSKEY_FLAG_ZONE) == 0 ||
        ldns_rdf2native_int16(ldns_rr_rdf(ds, 0)) != ldns_calc_keytag(key) ||
        ldns_rdf2native_int8(ldns_rr_rdf(ds, 1)) != ldns_rdf2native_int8(ldns_rr_rdf(key, 2))) {
        return false;
    }
    return ldns_rr_compare_ds(ds, key);
}

/* Matches every parsed DS against every key; matched gets the keys (not owned) that match. */
static enum caa_status match_ds(const ldns_rr_list *ds_list, const ldns_rr_list *keys,
                                ldns_rr_list *matched, struct caa__dnssec_ds_result *out)
{
    for (size_t d = 0; d < ldns_rr_list_rr_count(ds_list); d++) {
        const ldns_rr *ds = ldns_rr_list_rr(ds_list, d);

        if (ldns_rr_rd_count(ds) != DS_FIELDS) {
            continue;
        }
        for (size_t k = 0; k < ldns_rr_list_rr_count(keys); k++) {
            ldns_rr *key = ldns_rr_list_rr(keys, k);

            if (!ds_matches(ds, key)) {
                continue;
            }
            if (ldns_rr_list_rr_count(matched) == 0) {
                out->ds_key_tag = ldns_calc_keytag(key);
                out->ds_digest_type = ldns_rdf2native_int8(ldns_rr_rdf(ds, 2));
            }
            if (!ldns_rr_list_push_rr(matched, key)) {
                return CAA_E_NOMEM;
            }
        }
    }
    return CAA_OK;
}

/* "12345 2371" into buf: the key tags of a DS or DNSKEY list, for messages. */
static void list_tags(const ldns_rr_list *list, bool ds, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < ldns_rr_list_rr_count(list) && used < size; i++) {
        const ldns_rr *rr = ldns_rr_list_rr(list, i);
        unsigned tag;
        int w;

        if (ds) {
            if (ldns_rr_rd_count(rr) != DS_FIELDS) {
                continue;
            }
            tag = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
        } else {
            tag = ldns_calc_keytag(rr);
        }
        w = snprintf(buf + used, size - used, "%s%u", used > 0 ? " " : "", tag);
        if (w < 0) {
            break;
        }
        used += (size_t)w;
    }
}

static void ds_message(struct caa__dnssec_ds_result *out, const ldns_rr_list *ds_list,
                       const ldns_rr_list *keys)
{
    const char *zone = out->dnskey_sig.owner;
    char ds_tags[96];
    char key_tags[96];

    switch (out->ds) {
    case CAA__DNSSEC_NO_DS:
        (void)snprintf(out->message, sizeof(out->message),
                       "the parent publishes no DS for %s: unsigned delegation", zone);
        break;
    case CAA__DNSSEC_NO_DNSKEY:
        (void)snprintf(out->message, sizeof(out->message),
                       "the parent publishes a DS for %s but the zone serves no DNSKEY", zone);
        break;
    case CAA__DNSSEC_DS_MATCH:
        (void)snprintf(out->message, sizeof(out->message),
                       "DS (digest type %u) matches DNSKEY %s key tag %u", out->ds_digest_type,
                       zone, (unsigned)out->ds_key_tag);
        break;
    default:
        list_tags(ds_list, true, ds_tags, sizeof(ds_tags));
        list_tags(keys, false, key_tags, sizeof(key_tags));
        (void)snprintf(out->message, sizeof(out->message),
                       "no DS for %s (key tags %s) matches a zone DNSKEY (key tags %s)", zone,
                       ds_tags, key_tags);
        break;
    }
}

static enum caa_status judge_ds(const ldns_rr_list *ds, const ldns_rr_list *dnskeys,
                                const ldns_rdf *zone, uint32_t now,
                                struct caa__dnssec_ds_result *out)
{
    enum caa_status st = CAA_E_NOMEM;
    ldns_rr_list *ds_list = ldns_rr_list_new();
    ldns_rr_list *keys = ldns_rr_list_new();
    ldns_rr_list *matched = ldns_rr_list_new();

    if (ds_list == NULL || keys == NULL || matched == NULL) {
        goto out;
    }
    st = collect(ds, zone, RRTYPE_DS, false, ds_list);
    if (st == CAA_OK) {
        st = collect(dnskeys, zone, RRTYPE_DNSKEY, false, keys);
    }
    if (st == CAA_OK) {
        st = match_ds(ds_list, keys, matched, out);
    }
    if (st == CAA_OK) {
        st =
            judge_rrset(dnskeys, zone, RRTYPE_DNSKEY,
                        ldns_rr_list_rr_count(matched) > 0 ? matched : keys, now, &out->dnskey_sig);
    }
    if (st != CAA_OK) {
        goto out;
    }
    if (ldns_rr_list_rr_count(ds_list) == 0) {
        out->ds = CAA__DNSSEC_NO_DS;
    } else if (ldns_rr_list_rr_count(keys) == 0) {
        out->ds = CAA__DNSSEC_NO_DNSKEY;
    } else if (ldns_rr_list_rr_count(matched) > 0) {
        out->ds = CAA__DNSSEC_DS_MATCH;
    } else {
        out->ds = CAA__DNSSEC_DS_MISMATCH;
    }
    ds_message(out, ds_list, keys);
out:
    ldns_rr_list_free(matched); /* the RRs are the caller's */
    ldns_rr_list_free(keys);
    ldns_rr_list_free(ds_list);
    return st;
}

enum caa_status caa__dnssec_judge_ds(const ldns_rr_list *ds, const ldns_rr_list *dnskeys,
                                     const char *zone, uint32_t now,
                                     struct caa__dnssec_ds_result *out)
{
    enum caa_status st;
    ldns_rdf *name = NULL;

    if (out == NULL || zone == NULL) {
        return CAA_E_INVALID_ARG;
    }
    name = name_from_str(zone);
    if (name == NULL) {
        return CAA_E_INVALID_ARG;
    }
    memset(out, 0, sizeof(*out));
    st = judge_ds(ds, dnskeys, name, now, out);
    ldns_rdf_deep_free(name);
    return st;
}

/* A section of a probe's parsed reply; NULL (an empty section) without one. */
static const ldns_rr_list *answer_of(const struct caa__probe_result *r)
{
    return r != NULL && r->msg != NULL ? ldns_pkt_answer(r->msg->pkt) : NULL;
}

static const ldns_rr_list *authority_of(const struct caa__probe_result *r)
{
    return r != NULL && r->msg != NULL ? ldns_pkt_authority(r->msg->pkt) : NULL;
}

enum caa_status caa__dnssec_check_rrset(const struct caa__probe_result *reply, const char *owner,
                                        uint16_t rrtype, const struct caa__probe_result *keys,
                                        uint32_t now, struct caa__dnssec_result *out)
{
    return caa__dnssec_judge_rrset(answer_of(reply), owner, rrtype, answer_of(keys), now, out);
}

enum caa_status caa__dnssec_check_denial(const struct caa__probe_result *reply, const char *qname,
                                         uint16_t qtype, bool nxdomain,
                                         const struct caa__probe_result *keys, uint32_t now,
                                         struct caa__dnssec_result *out)
{
    return caa__dnssec_judge_denial(authority_of(reply), qname, qtype, nxdomain, answer_of(keys),
                                    now, out);
}

enum caa_status caa__dnssec_check_ds(const struct caa__probe_result *ds,
                                     const struct caa__probe_result *keys, const char *zone,
                                     uint32_t now, struct caa__dnssec_ds_result *out)
{
    return caa__dnssec_judge_ds(answer_of(ds), answer_of(keys), zone, now, out);
}
