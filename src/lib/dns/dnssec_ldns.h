/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_DNSSEC_LDNS_H
#define CAA_DNS_DNSSEC_LDNS_H

/*
 * The checks of dnssec_verify.h over ldns RR lists, as a probe's parsed reply holds them (and
 * as tests build them). For src/lib/dns/ only (tests/check-layers.py). Each list is borrowed
 * and left as it was; NULL is an empty list. Verdicts, caps, messages and return values are
 * those of the function of the same suffix in dnssec_verify.h: rrs is the section the RRset
 * and its RRSIGs are in (authority for the denial), dnskeys the zone's DNSKEY answer, ds the
 * parent's DS answer.
 */

#include <stdbool.h>
#include <stdint.h>

#include <ldns/ldns.h>

#include <caa/status.h>

#include "lib/dns/dnssec_verify.h"

enum caa_status caa__dnssec_judge_rrset(const ldns_rr_list *rrs, const char *owner, uint16_t rrtype,
                                        const ldns_rr_list *dnskeys, uint32_t now,
                                        struct caa__dnssec_result *out);

enum caa_status caa__dnssec_judge_denial(const ldns_rr_list *authority, const char *qname,
                                         uint16_t qtype, bool nxdomain, const ldns_rr_list *dnskeys,
                                         uint32_t now, struct caa__dnssec_result *out);

enum caa_status caa__dnssec_judge_ds(const ldns_rr_list *ds, const ldns_rr_list *dnskeys,
                                     const char *zone, uint32_t now,
                                     struct caa__dnssec_ds_result *out);

#endif
