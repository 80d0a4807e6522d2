/* SPDX-License-Identifier: MIT */
/* Authoritative replies -> answer, referral or "unusual" (reply.h), with ldns. */
#include "lib/dns/wire_reply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "lib/dns/wire_fast.h"
#include "lib/dns/wire_verify.h"

struct caa__wire_keys {
    ldns_rr_list *keys;
};

static ldns_rdf *dname_of(const char *text)
{
    return ldns_dname_new_frm_str(text[0] == '\0' ? "." : text);
}

/* a == b, or a below b (names compare case-insensitively). */
static bool at_or_below(const ldns_rdf *a, const ldns_rdf *b)
{
    return ldns_dname_compare(a, b) == 0 || ldns_dname_is_subdomain(a, b);
}

/* Record i's RDATA in wire format, in buf (cleared first). */
static bool rdata_wire(ldns_buffer *buf, const ldns_rr_list *caa, size_t i)
{
    ldns_buffer_clear(buf);
    return ldns_rr_rdata2buffer_wire(buf, ldns_rr_list_rr(caa, i)) == LDNS_STATUS_OK;
}

/* The CAA RDATA, as wire_fast.c's copy_rdata gives them: in one block of ans->pool when it has
 * one. Each record is put in wire form twice (once to size the block), through one buffer. */
static enum caa_status copy_rdata(struct caa__dns_answer *ans, const ldns_rr_list *caa)
{
    size_t n = ldns_rr_list_rr_count(caa);
    size_t total = 0;
    uint8_t *cursor = NULL;
    ldns_buffer *buf;
    enum caa_status st = CAA_E_NOMEM;

    if (n == 0) {
        return CAA_OK; /* NODATA, NXDOMAIN: nothing to allocate */
    }
    if ((buf = ldns_buffer_new(512)) == NULL) {
        return CAA_E_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if (!rdata_wire(buf, caa, i)) {
            goto out;
        }
        total += ldns_buffer_position(buf);
    }
    if (!caa__dns_answer_rdata_block(ans, n, total, &cursor)) {
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        /* The same record gives the same bytes; checked, as the block has no room for more. */
        if (!rdata_wire(buf, caa, i) || ldns_buffer_position(buf) > total ||
            !caa__dns_answer_rdata_push(ans, &cursor, ldns_buffer_begin(buf),
                                        ldns_buffer_position(buf))) {
            goto out;
        }
        total -= ldns_buffer_position(buf);
    }
    st = CAA_OK;
out:
    ldns_buffer_free(buf);
    return st;
}

static void dname_text(const ldns_rdf *name, char *out)
{
    char *text = ldns_rdf2str(name);
    size_t len;

    (void)snprintf(out, 256, "%s", text != NULL ? text : "");
    free(text);
    for (char *p = out; *p != '\0'; p++) {
        *p = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
    }
    len = strlen(out);
    if (len > 0 && out[len - 1] == '.') {
        out[len - 1] = '\0';
    }
}

/* A referral: no answer, AA clear, an NS RRset in the authority section for a zone strictly
 * below `zone` and at or above qname. */
static bool referral(const ldns_pkt *pkt, const ldns_rdf *qname, const ldns_rdf *zone, char *cut)
{
    const ldns_rr_list *auth = ldns_pkt_authority(pkt);

    if (ldns_pkt_aa(pkt) || ldns_pkt_get_rcode(pkt) != LDNS_RCODE_NOERROR ||
        ldns_pkt_ancount(pkt) != 0) {
        return false;
    }
    for (size_t i = 0; i < ldns_rr_list_rr_count(auth); i++) {
        const ldns_rr *rr = ldns_rr_list_rr(auth, i);
        const ldns_rdf *owner = ldns_rr_owner(rr);
        if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_NS || !ldns_dname_is_subdomain(owner, zone) ||
            !at_or_below(qname, owner)) {
            continue;
        }
        dname_text(owner, cut);
        return true;
    }
    return false;
}

/* The SOA of a negative answer: owned by the zone or a zone below it, at or above qname. */
static const ldns_rr *negative_soa(const ldns_pkt *pkt, const ldns_rdf *qname, const ldns_rdf *zone)
{
    const ldns_rr_list *auth = ldns_pkt_authority(pkt);

    for (size_t i = 0; i < ldns_rr_list_rr_count(auth); i++) {
        const ldns_rr *rr = ldns_rr_list_rr(auth, i);
        if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA && at_or_below(ldns_rr_owner(rr), zone) &&
            at_or_below(qname, ldns_rr_owner(rr))) {
            return rr;
        }
    }
    return NULL;
}

struct verdict {
    enum caa__wire_reply_kind kind;
    const char *why;
};

/* The CNAME at qname: 1 with its target in `target` (and *ttl), 0 when there is none, -1 when
 * the answer is more than a resolver chases simply (a DNAME, several CNAMEs, other data at
 * qname). Records past the CNAME (a server following the chain) are not used: the target is
 * asked of its own zone. */
static int alias_of(const ldns_pkt *pkt, const ldns_rdf *qname, char *target, uint32_t *ttl)
{
    const ldns_rr_list *ans = ldns_pkt_answer(pkt);
    const ldns_rr *cname = NULL;

    for (size_t i = 0; i < ldns_rr_list_rr_count(ans); i++) {
        const ldns_rr *rr = ldns_rr_list_rr(ans, i);
        ldns_rr_type type = ldns_rr_get_type(rr);
        if (type == LDNS_RR_TYPE_DNAME) {
            return -1;
        }
        if (ldns_dname_compare(ldns_rr_owner(rr), qname) != 0 || type == LDNS_RR_TYPE_RRSIG) {
            continue;
        }
        if (type == LDNS_RR_TYPE_CNAME && cname == NULL) {
            cname = rr;
        } else if (type == LDNS_RR_TYPE_CNAME || cname != NULL) {
            return -1;
        }
    }
    if (cname == NULL) {
        return 0;
    }
    if (ldns_rr_rd_count(cname) != 1) {
        return -1;
    }
    dname_text(ldns_rr_rdf(cname, 0), target);
    *ttl = ldns_rr_ttl(cname);
    return 1;
}

static struct verdict authoritative(const ldns_pkt *pkt, const ldns_rdf *qname,
                                    const ldns_rdf *zone, const struct caa__wire_keys *keys,
                                    uint32_t now, struct caa__dns_answer *answer, char *cut)
{
    const ldns_rr_list *ans = ldns_pkt_answer(pkt);
    ldns_rr_list *caa = ldns_rr_list_new();
    ldns_pkt_rcode rcode = ldns_pkt_get_rcode(pkt);
    struct verdict v = {CAA__WIRE_REPLY_UNUSUAL, "out of memory"};
    uint32_t ttl = UINT32_MAX;

    if (caa == NULL) {
        return v;
    }
    switch (alias_of(pkt, qname, cut, &ttl)) {
    case 1:
        if (keys != NULL &&
            !caa__wire_verify_answer_rrset(pkt, qname, LDNS_RR_TYPE_CNAME, zone, keys->keys, now)) {
            v.why = "CNAME signature not verified";
            goto out;
        }
        answer->ttl = ttl;
        answer->dnssec = keys != NULL ? CAA_DNSSEC_SECURE : CAA_DNSSEC_INSECURE;
        v.kind = CAA__WIRE_REPLY_ALIAS;
        v.why = "";
        goto out;
    case -1:
        v.why = "alias a resolver must chase (DNAME, several CNAMEs)";
        goto out;
    default:
        break;
    }
    for (size_t i = 0; i < ldns_rr_list_rr_count(ans); i++) {
        ldns_rr *rr = ldns_rr_list_rr(ans, i);
        ldns_rr_type type = ldns_rr_get_type(rr);
        if (ldns_dname_compare(ldns_rr_owner(rr), qname) != 0 ||
            (type != LDNS_RR_TYPE_CAA && type != LDNS_RR_TYPE_RRSIG)) {
            v.why = "foreign record in the answer";
            goto out;
        }
        ttl = ldns_rr_ttl(rr) < ttl ? ldns_rr_ttl(rr) : ttl;
        if (type == LDNS_RR_TYPE_CAA && !ldns_rr_list_push_rr(caa, rr)) {
            goto out;
        }
    }
    if (ldns_rr_list_rr_count(caa) == 0) {
        const ldns_rr *soa = negative_soa(pkt, qname, zone);
        if (soa == NULL) {
            v.why = "negative answer without the zone's SOA";
            goto out;
        }
        ttl = ldns_rr_ttl(soa) < ttl ? ldns_rr_ttl(soa) : ttl;
        if (keys != NULL && !caa__wire_verify_nodata(pkt, qname, zone, keys->keys, now)) {
            v.why = rcode == LDNS_RCODE_NXDOMAIN ? "NXDOMAIN in a signed zone"
                                                 : "NODATA proof not verified";
            goto out;
        }
    } else if (rcode != LDNS_RCODE_NOERROR) {
        v.why = "records with NXDOMAIN";
        goto out;
    } else if (keys != NULL && !caa__wire_verify_positive(pkt, qname, zone, keys->keys, now)) {
        v.why = "signature not verified";
        goto out;
    }
    if (copy_rdata(answer, caa) != CAA_OK) {
        caa__dns_answer_cleanup(answer);
        goto out;
    }
    answer->rcode = (int)rcode;
    answer->dnssec = keys != NULL ? CAA_DNSSEC_SECURE : CAA_DNSSEC_INSECURE;
    answer->ttl = ttl == UINT32_MAX ? 0 : ttl;
    v.kind = CAA__WIRE_REPLY_ANSWER;
    v.why = "";
out:
    ldns_rr_list_free(caa); /* the RRs belong to pkt */
    return v;
}

enum caa__wire_reply_kind caa__wire_reply_read(const uint8_t *reply, size_t len, const char *qname,
                                               const char *zone, const struct caa__wire_keys *keys,
                                               uint32_t now, struct caa__dns_answer *answer,
                                               char *cut, const char **why)
{
    enum caa__wire_reply_kind kind;

    /* An insecure zone's ordinary reply needs no ldns objects (about 60 allocations a reply):
     * wire_fast.c reads it, or declines and ldns does. */
    if (keys == NULL && caa__wire_fast_read(reply, len, qname, zone, answer, cut, &kind, why)) {
        return kind;
    }
    return caa__wire_reply_read_ldns(reply, len, qname, zone, keys, now, answer, cut, why);
}

enum caa__wire_reply_kind caa__wire_reply_read_ldns(const uint8_t *reply, size_t len,
                                                    const char *qname, const char *zone,
                                                    const struct caa__wire_keys *keys, uint32_t now,
                                                    struct caa__dns_answer *answer, char *cut,
                                                    const char **why)
{
    ldns_pkt *pkt = NULL;
    ldns_rdf *q = dname_of(qname);
    ldns_rdf *z = dname_of(zone);
    struct verdict v = {CAA__WIRE_REPLY_UNUSUAL, "out of memory"};

    if (q == NULL || z == NULL) {
        goto out;
    }
    if (ldns_wire2pkt(&pkt, reply, len) != LDNS_STATUS_OK) {
        v.why = "reply does not parse";
        goto out;
    }
    if (ldns_pkt_get_rcode(pkt) != LDNS_RCODE_NOERROR &&
        ldns_pkt_get_rcode(pkt) != LDNS_RCODE_NXDOMAIN) {
        v.kind = CAA__WIRE_REPLY_LAME;
        v.why = "error rcode";
    } else if (referral(pkt, q, z, cut)) {
        v.kind = CAA__WIRE_REPLY_REFERRAL;
        v.why = "";
    } else if (!ldns_pkt_aa(pkt)) {
        v.kind = CAA__WIRE_REPLY_LAME;
        v.why = "not authoritative";
    } else {
        v = authoritative(pkt, q, z, keys, now, answer, cut);
    }
out:
    ldns_pkt_free(pkt);
    ldns_rdf_deep_free(q);
    ldns_rdf_deep_free(z);
    *why = v.why;
    return v.kind;
}

struct caa__wire_keys *caa__wire_keys_new(const char *zone, const uint8_t *const *rdata,
                                          const size_t *rdata_len, size_t count)
{
    struct caa__wire_keys *k = calloc(1, sizeof(*k));
    ldns_rdf *owner = dname_of(zone);

    if (k == NULL || owner == NULL || (k->keys = ldns_rr_list_new()) == NULL) {
        goto fail;
    }
    for (size_t i = 0; i < count; i++) {
        ldns_rr *rr = ldns_rr_new_frm_type(LDNS_RR_TYPE_DNSKEY);
        /* DNSKEY RDATA: flags(2) protocol(1) algorithm(1) key. */
        if (rr == NULL || rdata_len[i] < 4) {
            ldns_rr_free(rr);
            continue;
        }
        ldns_rr_set_owner(rr, ldns_rdf_clone(owner));
        ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
        while (ldns_rr_rd_count(rr) > 0) {
            ldns_rdf_deep_free(ldns_rr_pop_rdf(rr));
        }
        if (!ldns_rr_push_rdf(rr,
                              ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16,
                                                    (uint16_t)(rdata[i][0] << 8 | rdata[i][1]))) ||
            !ldns_rr_push_rdf(rr, ldns_native2rdf_int8(LDNS_RDF_TYPE_INT8, rdata[i][2])) ||
            !ldns_rr_push_rdf(rr, ldns_native2rdf_int8(LDNS_RDF_TYPE_ALG, rdata[i][3])) ||
            !ldns_rr_push_rdf(
                rr, ldns_rdf_new_frm_data(LDNS_RDF_TYPE_B64, rdata_len[i] - 4, rdata[i] + 4)) ||
            !ldns_rr_list_push_rr(k->keys, rr)) {
            ldns_rr_free(rr);
            goto fail;
        }
    }
    ldns_rdf_deep_free(owner);
    if (ldns_rr_list_rr_count(k->keys) == 0) {
        caa__wire_keys_free(k);
        return NULL;
    }
    return k;
fail:
    ldns_rdf_deep_free(owner);
    caa__wire_keys_free(k);
    return NULL;
}

void caa__wire_keys_free(struct caa__wire_keys *keys)
{
    if (keys == NULL) {
        return;
    }
    ldns_rr_list_deep_free(keys->keys);
    free(keys);
}

bool caa__wire_name_to_text(const uint8_t *wire, size_t len, char *out)
{
    size_t i = 0, o = 0;

    out[0] = '\0';
    while (i < len) {
        uint8_t label = wire[i++];
        if (label == 0) {
            out[o] = '\0';
            return true;
        }
        if (label > 63 || i + label > len || o + label + 2 > 256) {
            return false;
        }
        if (o > 0) {
            out[o++] = '.';
        }
        for (uint8_t j = 0; j < label; j++) {
            uint8_t c = wire[i + j];
            /* Only hostname bytes: anything else would need escapes, and NS names with
             * them go to the resolver anyway. */
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_')) {
                return false;
            }
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        i += label;
    }
    return false;
}
