/* SPDX-License-Identifier: MIT */
#include "dns_packet.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>

#include <cmocka.h>
#include <ldns/ldns.h>

static void push(ldns_pkt *pkt, ldns_pkt_section section, const char *const *rrs)
{
    for (size_t i = 0; rrs != NULL && rrs[i] != NULL; i++) {
        ldns_rr *rr = NULL;
        ldns_status st = ldns_rr_new_frm_str(&rr, rrs[i], 3600, NULL, NULL);
        if (st != LDNS_STATUS_OK) {
            fail_msg("%s: %s", rrs[i], ldns_get_errorstr_by_id(st));
        }
        assert_true(ldns_pkt_push_rr(pkt, section, rr));
    }
}

uint8_t *dns_packet_build(const struct dns_packet_spec *s, size_t *len)
{
    ldns_pkt *pkt = ldns_pkt_new();
    ldns_rr *rr = NULL;
    uint8_t *wire = NULL;
    char question[300];

    assert_non_null(pkt);
    ldns_pkt_set_id(pkt, 0x1234);
    ldns_pkt_set_qr(pkt, true);
    ldns_pkt_set_rd(pkt, true);
    ldns_pkt_set_ra(pkt, true);
    ldns_pkt_set_tc(pkt, s->tc);
    ldns_pkt_set_ad(pkt, s->ad);
    ldns_pkt_set_rcode(pkt, (uint8_t)s->rcode);
    if (s->edns) {
        ldns_pkt_set_edns_udp_size(pkt, 1232);
        ldns_pkt_set_edns_do(pkt, true);
    }
    (void)snprintf(question, sizeof(question), "%s IN CAA", s->qname);
    assert_int_equal(ldns_rr_new_question_frm_str(&rr, question, NULL, NULL), LDNS_STATUS_OK);
    assert_true(ldns_pkt_push_rr(pkt, LDNS_SECTION_QUESTION, rr));
    push(pkt, LDNS_SECTION_ANSWER, s->answer);
    push(pkt, LDNS_SECTION_AUTHORITY, s->authority);
    push(pkt, LDNS_SECTION_ADDITIONAL, s->additional);
    assert_int_equal(ldns_pkt2wire(&wire, pkt, len), LDNS_STATUS_OK);
    ldns_pkt_free(pkt);
    return wire;
}
