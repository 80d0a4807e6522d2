/* SPDX-License-Identifier: MIT */
/*
 * From what the resolver said to what the climb and the CA make of it: Boulder's bdns/problem.go
 * reading (ca-behaviour.md §6.3, §8), so the message is the one users see from Let's Encrypt.
 */
#include "lib/dns/classify.h"

#include <stdio.h>
#include <string.h>

const char *caa__rcode_name(int rcode)
{
    static const char *const names[] = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN",
                                        "NOTIMP",  "REFUSED", "YXDOMAIN", "YXRRSET",
                                        "NXRRSET", "NOTAUTH", "NOTZONE"};

    if (rcode >= 0 && (size_t)rcode < sizeof(names) / sizeof(names[0])) {
        return names[rcode];
    }
    return rcode < 0 ? "NONE" : "UNKNOWN_RCODE";
}

const char *caa__dnssec_summary(const char *why_bogus)
{
    /* RFC 8914 EDE names, matched on libunbound's validator reasons (dns-lab.md §10). */
    static const struct {
        const char *fragment;
        const char *summary;
    } map[] = {
        {"signature expired", "DNSSEC: Signature Expired"},
        {"signature before inception", "DNSSEC: Signature Not Yet Valid"},
        {"No DNSKEY record", "DNSSEC: DNSKEY Missing"},
        {"no keys have a DS", "DNSSEC: DNSKEY Missing"},
        {"no signatures", "DNSSEC: RRSIGs Missing"},
    };

    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (strstr(why_bogus, map[i].fragment) != NULL) {
            return map[i].summary;
        }
    }
    return "DNSSEC: Bogus";
}

static void error(struct caa__label_outcome *out, enum caa_code code, const char *qname,
                  const char *detail, const char *extra)
{
    out->kind = CAA__LABEL_ERROR;
    out->code = code;
    (void)snprintf(out->ca_detail, sizeof(out->ca_detail),
                   "DNS problem: %s looking up CAA for %s%s", detail, qname, extra);
}

static bool is_tld(const char *qname)
{
    return strchr(qname, '.') == NULL;
}

static void classify_rcode(const struct caa__dns_answer *a, enum caa_profile profile,
                           struct caa__label_outcome *out)
{
    switch (a->rcode) {
    case 0:
        out->kind = a->rdata_count > 0 ? CAA__LABEL_RRSET : CAA__LABEL_EMPTY;
        return;
    case 3:
        if (!is_tld(a->qname)) {
            return; /* NXDOMAIN below a TLD: an empty RRset, the climb goes on */
        }
        if (profile == CAA_PROFILE_RFC8659) {
            (void)snprintf(out->note, sizeof(out->note),
                           "the TLD %s does not exist (NXDOMAIN); Let's Encrypt would fail here",
                           a->qname);
            return;
        }
        error(out, CAA_CODE_DNS_NXDOMAIN_TLD, a->qname, "NXDOMAIN",
              " - check that a DNS record exists for this domain");
        return;
    case 2:
        error(out, CAA_CODE_DNS_SERVFAIL, a->qname, "SERVFAIL",
              " - the domain's nameservers may be malfunctioning");
        return;
    case 5:
        error(out, CAA_CODE_DNS_REFUSED, a->qname, "REFUSED", "");
        return;
    default:
        error(out, CAA_CODE_DNS_RCODE, a->qname, caa__rcode_name(a->rcode), "");
        return;
    }
}

void caa__classify_answer(const struct caa__dns_answer *a, enum caa_profile profile,
                          struct caa__label_outcome *out)
{
    memset(out, 0, sizeof(*out));
    out->kind = CAA__LABEL_EMPTY;
    out->code = CAA_CODE_NO_RECORDS;
    switch (a->failure) {
    case CAA__DNS_TIMEOUT:
        error(out, CAA_CODE_DNS_TIMEOUT, a->qname, "query timed out", "");
        return;
    case CAA__DNS_NETWORK:
        error(out, CAA_CODE_DNS_NETWORK, a->qname, "networking error", "");
        return;
    case CAA__DNS_RESOLVER:
        error(out, CAA_CODE_DNS_RESOLVER, a->qname, "server failure at resolver", "");
        return;
    case CAA__DNS_OK:
        break;
    }
    /* libunbound hands back bogus data with NOERROR; it must never be used as data. */
    if (a->dnssec == CAA_DNSSEC_BOGUS) {
        out->kind = CAA__LABEL_ERROR;
        out->code = CAA_CODE_DNS_BOGUS;
        (void)snprintf(out->ca_detail, sizeof(out->ca_detail),
                       "DNS problem: looking up CAA for %s: %s", a->qname,
                       caa__dnssec_summary(a->why_bogus));
        return;
    }
    /* Boulder: TC=1 is an error whatever the rcode. */
    if (a->truncated) {
        error(out, CAA_CODE_DNS_TRUNCATED, a->qname, "response was truncated", "");
        return;
    }
    classify_rcode(a, profile, out);
}
