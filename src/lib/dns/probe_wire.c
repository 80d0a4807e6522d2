/* SPDX-License-Identifier: MIT */
/* Probe queries built and replies read with ldns (probe_wire.h). */
#include "lib/dns/probe_wire.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "lib/dns/probe_msg.h"
#include "lib/util/ascii.h"

#define EDNS_SIZE_DEFAULT 1232
#define CLASS_IN 1

enum caa_status caa__probe_wire_query(const struct caa__probe_query *q, uint16_t id, uint8_t **wire,
                                      size_t *wire_len, char *error, size_t error_size)
{
    enum caa_status st = CAA_E_SYNTAX;
    const char *text = q->qname[0] == '\0' ? "." : q->qname;
    ldns_rdf *name = NULL;
    ldns_pkt *pkt = NULL;
    ldns_status ls;

    /* ldns keeps the case of every letter: the 0x20 pattern the caller chose goes out as is. */
    if (memchr(q->qname, '\0', sizeof(q->qname)) == NULL ||
        ldns_str2rdf_dname(&name, text) != LDNS_STATUS_OK) {
        (void)snprintf(error, error_size, "not a domain name: %.64s", q->qname);
        goto out;
    }
    pkt = ldns_pkt_query_new(name, (ldns_rr_type)q->qtype, LDNS_RR_CLASS_IN, 0);
    if (pkt == NULL) {
        ldns_rdf_deep_free(name);
        st = CAA_E_NOMEM;
        goto out;
    }
    ldns_pkt_set_id(pkt, id);
    ldns_pkt_set_rd(pkt, q->rd);
    if (q->edns || q->do_bit) {
        /* RFC 6891 §6.1.2: the OPT RR's class carries the advertised UDP payload size. */
        ldns_pkt_set_edns_udp_size(pkt, q->edns_size != 0 ? q->edns_size : EDNS_SIZE_DEFAULT);
        ldns_pkt_set_edns_do(pkt, q->do_bit);
    }
    ls = ldns_pkt2wire(wire, pkt, wire_len);
    if (ls != LDNS_STATUS_OK) {
        st = ls == LDNS_STATUS_MEM_ERR ? CAA_E_NOMEM : CAA_E_SYNTAX;
        (void)snprintf(error, error_size, "cannot build the query: %s",
                       ldns_get_errorstr_by_id(ls));
        goto out;
    }
    st = CAA_OK;
out:
    ldns_pkt_free(pkt);
    return st;
}

void caa__probe_msg_free(struct caa__probe_msg *msg)
{
    if (msg != NULL) {
        ldns_pkt_free(msg->pkt);
        free(msg);
    }
}

void caa__probe_rrs_free(struct caa__probe_rr *rrs, size_t count)
{
    if (rrs == NULL) {
        return;
    }
    for (size_t i = 0; i < count; i++) {
        free(rrs[i].rdata);
    }
    free(rrs);
}

/* Presentation form of a name as received (case kept), without the root's trailing dot
 * ("." stays "."). */
static enum caa_status name_text(const ldns_rdf *name, char *out, size_t out_size)
{
    char *text = ldns_rdf2str(name);
    size_t len;

    if (text == NULL) {
        return CAA_E_NOMEM;
    }
    len = strlen(text);
    if (len > 1 && text[len - 1] == '.') {
        text[len - 1] = '\0';
    }
    (void)snprintf(out, out_size, "%s", text);
    free(text);
    return CAA_OK;
}

/* One RR: owner, type, TTL and its RDATA as ldns writes it back (names uncompressed, case
 * kept), so NS, SOA or CNAME targets can be read without the rest of the message. */
static enum caa_status copy_rr(const ldns_rr *rr, struct caa__probe_rr *out)
{
    enum caa_status st = CAA_E_NOMEM;
    ldns_buffer *buf = ldns_buffer_new(256);

    if (buf == NULL) {
        return CAA_E_NOMEM;
    }
    st = name_text(ldns_rr_owner(rr), out->owner, sizeof(out->owner));
    if (st != CAA_OK) {
        goto out;
    }
    out->rrtype = (uint16_t)ldns_rr_get_type(rr);
    out->ttl = ldns_rr_ttl(rr);
    st = CAA_E_NOMEM;
    if (ldns_rr_rdata2buffer_wire(buf, rr) != LDNS_STATUS_OK || !ldns_buffer_status_ok(buf)) {
        goto out;
    }
    out->rdata_len = ldns_buffer_position(buf);
    out->rdata = malloc(out->rdata_len > 0 ? out->rdata_len : 1);
    if (out->rdata == NULL) {
        goto out;
    }
    if (out->rdata_len > 0) {
        memcpy(out->rdata, ldns_buffer_begin(buf), out->rdata_len);
    }
    st = CAA_OK;
out:
    ldns_buffer_free(buf);
    return st;
}

static enum caa_status copy_section(const ldns_rr_list *list, struct caa__probe_rr **out,
                                    size_t *count)
{
    size_t n = ldns_rr_list_rr_count(list);
    struct caa__probe_rr *rrs;

    *out = NULL;
    *count = 0;
    if (n == 0) {
        return CAA_OK;
    }
    rrs = calloc(n, sizeof(*rrs));
    if (rrs == NULL) {
        return CAA_E_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if (copy_rr(ldns_rr_list_rr(list, i), &rrs[i]) != CAA_OK) {
            caa__probe_rrs_free(rrs, n);
            return CAA_E_NOMEM;
        }
    }
    *out = rrs;
    *count = n;
    return CAA_OK;
}

/* Length of the uncompressed name at the start of `wire` (our own query), 0 if it runs off. */
static size_t sent_name_len(const uint8_t *wire, size_t len)
{
    size_t pos = 0;

    while (pos < len && wire[pos] != 0) {
        pos += (size_t)wire[pos] + 1;
    }
    return pos < len ? pos + 1 : 0;
}

static bool bytes_equal_nocase(const uint8_t *a, const uint8_t *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (caa__ascii_lower(a[i]) != caa__ascii_lower(b[i])) {
            return false;
        }
    }
    return true;
}

/* The question checks: RFC 5452 §9.1 wants qname, qtype and class echoed; 0x20 (draft-vixie-
 * dnsext-dns0x20) needs the qname's case echoed byte for byte. */
static enum caa_status check_question(const uint8_t *sent, size_t sent_len, const ldns_pkt *pkt,
                                      struct caa__probe_result *result)
{
    const ldns_rr_list *question = ldns_pkt_question(pkt);
    const uint8_t *sent_name = sent + CAA__PROBE_HEADER_LEN;
    size_t name_len = sent_name_len(sent_name, sent_len - CAA__PROBE_HEADER_LEN);
    const ldns_rr *rr;
    const ldns_rdf *echoed;
    uint16_t qtype;
    enum caa_status st;

    if (ldns_rr_list_rr_count(question) == 0 || name_len == 0 ||
        sent_len < CAA__PROBE_HEADER_LEN + name_len + 4) {
        return CAA_OK;
    }
    rr = ldns_rr_list_rr(question, 0);
    echoed = ldns_rr_owner(rr);
    st = name_text(echoed, result->echoed_qname, sizeof(result->echoed_qname));
    if (st != CAA_OK) {
        return st;
    }
    qtype = (uint16_t)((sent_name[name_len] << 8) | sent_name[name_len + 1]);
    if (ldns_rdf_size(echoed) != name_len) {
        return CAA_OK;
    }
    result->case_preserved = memcmp(ldns_rdf_data(echoed), sent_name, name_len) == 0;
    result->question_matches = ldns_rr_list_rr_count(question) == 1 &&
                               bytes_equal_nocase(ldns_rdf_data(echoed), sent_name, name_len) &&
                               (uint16_t)ldns_rr_get_type(rr) == qtype &&
                               ldns_rr_get_class(rr) == CLASS_IN;
    return CAA_OK;
}

static bool has_soa(const struct caa__probe_rr *rrs, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (rrs[i].rrtype == LDNS_RR_TYPE_SOA) {
            return true;
        }
    }
    return false;
}

enum caa_status caa__probe_wire_parse(const uint8_t *sent, size_t sent_len, const uint8_t *reply,
                                      size_t reply_len, struct caa__probe_result *result)
{
    enum caa_status st = CAA_E_SYNTAX;
    ldns_pkt *pkt = NULL;
    ldns_status ls = ldns_wire2pkt(&pkt, reply, reply_len);

    if (ls != LDNS_STATUS_OK) {
        st = ls == LDNS_STATUS_MEM_ERR ? CAA_E_NOMEM : CAA_E_SYNTAX;
        (void)snprintf(result->error, sizeof(result->error), "reply does not parse: %s",
                       ldns_get_errorstr_by_id(ls));
        goto out;
    }
    result->qr = ldns_pkt_qr(pkt);
    result->opcode = (int)ldns_pkt_get_opcode(pkt);
    result->aa = ldns_pkt_aa(pkt);
    result->tc = ldns_pkt_tc(pkt);
    result->ra = ldns_pkt_ra(pkt);
    result->ad = ldns_pkt_ad(pkt);
    /* ldns takes the OPT RR out of the additional section and remembers that it saw one. */
    result->has_opt = ldns_pkt_edns(pkt);
    /* RFC 6891 §6.1.3: the OPT RR holds the upper 8 bits of a 12-bit rcode. */
    result->rcode = (int)ldns_pkt_get_rcode(pkt);
    if (result->has_opt) {
        result->rcode |= (int)ldns_pkt_edns_extended_rcode(pkt) << 4;
    }
    st = check_question(sent, sent_len, pkt, result);
    if (st == CAA_OK) {
        st = copy_section(ldns_pkt_answer(pkt), &result->answer, &result->answer_count);
    }
    if (st == CAA_OK) {
        st = copy_section(ldns_pkt_authority(pkt), &result->authority, &result->authority_count);
    }
    if (st == CAA_OK) {
        st = copy_section(ldns_pkt_additional(pkt), &result->additional, &result->additional_count);
    }
    if (st != CAA_OK) {
        goto out;
    }
    result->soa_in_authority = has_soa(result->authority, result->authority_count);
    /* The DNSSEC checks read this message itself: no second copy of any record. */
    result->msg = malloc(sizeof(*result->msg));
    if (result->msg == NULL) {
        st = CAA_E_NOMEM;
        goto out;
    }
    result->msg->pkt = pkt;
    pkt = NULL;
out:
    ldns_pkt_free(pkt);
    return st;
}
