/* SPDX-License-Identifier: MIT */
#include "lib/diag/findings.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FINDINGS_MAX 4096

static const struct caa__finding_rule rules[] = {
    {CAA_CODE_NS_NOTIMP_CAA, CAA_BLAME_DNS_OPERATOR, false,
     "make the server answer CAA queries with NOERROR (an empty answer with the zone's SOA when "
     "there is no CAA record, RFC 8659 §6.2); upgrade or replace DNS software that does not know "
     "type 257"},
    {CAA_CODE_NS_REFUSED, CAA_BLAME_DNS_OPERATOR, false,
     "configure the server to serve the zone, or remove it from the zone's NS records at the "
     "registrar and in the zone"},
    {CAA_CODE_NS_FORMERR, CAA_BLAME_DNS_OPERATOR, false,
     "the server must answer CAA (type 257) queries; upgrade or replace its DNS software"},
    {CAA_CODE_NS_SERVFAIL, CAA_BLAME_DNS_OPERATOR, false,
     "look at the server's logs: it fails on CAA queries for this zone"},
    {CAA_CODE_NS_DROPS_CAA, CAA_BLAME_DNS_OPERATOR, false,
     "a firewall or load balancer in front of the server drops queries of type 257: let them "
     "through (RFC 8659 §6.1)"},
    {CAA_CODE_NS_UNREACHABLE, CAA_BLAME_NETWORK, true,
     "bring the server back, or remove it from the zone's NS records at the registrar and in the "
     "zone"},
    {CAA_CODE_NS_LAME, CAA_BLAME_DNS_OPERATOR, false,
     "serve the zone on this server, or remove the server from the NS records (lame delegation)"},
    {CAA_CODE_NODATA_WITHOUT_SOA, CAA_BLAME_DNS_OPERATOR, false,
     "empty answers must carry the zone's SOA in the authority section (RFC 2308 §3); Let's "
     "Encrypt's resolver treats them as SERVFAIL"},
    {CAA_CODE_CASE_NOT_PRESERVED, CAA_BLAME_DNS_OPERATOR, false,
     "the server must echo the query name exactly as sent: resolvers using 0x20 (Let's Encrypt's "
     "does) discard such answers"},
    {CAA_CODE_TRUNCATED_NO_TCP, CAA_BLAME_DNS_OPERATOR, false,
     "allow DNS over TCP (port 53) to the server: large answers need it"},
    {CAA_CODE_EDNS_NONCOMPLIANT, CAA_BLAME_DNS_OPERATOR, false,
     "the server (or a middlebox) must accept EDNS queries (RFC 6891); see ednscomp.isc.org"},
    {CAA_CODE_NS_INCONSISTENT, CAA_BLAME_DNS_OPERATOR, true,
     "make every server serve the same zone data (check zone transfers and serials)"},
    {CAA_CODE_SOA_SERIAL_MISMATCH, CAA_BLAME_DNS_OPERATOR, true,
     "a secondary has not picked up the latest zone: check zone transfers (NOTIFY/IXFR/AXFR)"},
    {CAA_CODE_DELEGATION_MISMATCH, CAA_BLAME_DOMAIN_OWNER, false,
     "make the NS records at the registrar (the parent zone) and in the zone itself the same"},
    {CAA_CODE_DNSSEC_EXPIRED, CAA_BLAME_DNS_OPERATOR, false,
     "re-sign the zone (and make sure automatic re-signing runs)"},
    {CAA_CODE_DNSSEC_NOT_YET_VALID, CAA_BLAME_DNS_OPERATOR, false,
     "check the signer's clock, then re-sign the zone"},
    {CAA_CODE_DNSSEC_BAD_SIGNATURE, CAA_BLAME_DNS_OPERATOR, false,
     "re-sign the zone; if the server signs on the fly, update or fix its signer"},
    {CAA_CODE_DNSSEC_BAD_DENIAL, CAA_BLAME_DNS_OPERATOR, false,
     "the signatures on NSEC/NSEC3 proofs of empty answers do not verify (the PowerDNS < 4.0.4 "
     "pattern): update the server or re-sign the zone"},
    {CAA_CODE_DNSSEC_DS_MISMATCH, CAA_BLAME_DOMAIN_OWNER, false,
     "replace the DS record at the registrar with one for the zone's current key signing key"},
    {CAA_CODE_DNSSEC_STRIPPED, CAA_BLAME_DNS_OPERATOR, false,
     "serve the signed zone on every server, or remove the DS record at the registrar"},
    {CAA_CODE_CNAME_LOOP, CAA_BLAME_DOMAIN_OWNER, false,
     "break the loop: point the CNAME at a name that resolves"},
    {CAA_CODE_PARENT_LOOKUP_FAILED, CAA_BLAME_PARENT_ZONE, true,
     "the failure is in a zone above yours, outside your control: retry later; if it persists, "
     "tell that zone's operator"},
    {CAA_CODE_NS_PRIVATE_ADDRESS, CAA_BLAME_DOMAIN_OWNER, false,
     "publish public addresses for the nameserver; CAs may treat a private address as "
     "forbidding issuance (RFC 8659 §6.3)"},
    {CAA_CODE_NS_INTERMITTENT, CAA_BLAME_DNS_OPERATOR, true,
     "the server fails some of the time (rate limiting or an overloaded instance behind it): "
     "fix it, or retry the order"},
    {CAA_CODE_DNS01_TXT_MISMATCH, CAA_BLAME_DNS_OPERATOR, true,
     "wait until every server serves the _acme-challenge TXT records before asking the CA to "
     "validate (the servers are still propagating)"},
    {CAA_CODE_DNSSEC_NSEC3_ITERATIONS, CAA_BLAME_DNS_OPERATOR, false,
     "re-sign the zone with NSEC3 iterations 0 and no salt (RFC 9276 §3.1), e.g. "
     "ldns-signzone -n -t 0, or dnssec-policy nsec3param iterations 0 salt-length 0 in BIND"},
    {CAA_CODE_NS_MALFORMED_REPLY, CAA_BLAME_DNS_OPERATOR, false,
     "the server (or a middlebox rewriting DNS in front of it) sends replies that do not parse: "
     "update or replace the DNS software, or remove the device that rewrites port 53"},
    {CAA_CODE_NS_WRONG_ID, CAA_BLAME_DNS_OPERATOR, false,
     "the replies do not carry the query's message ID, so every resolver discards them (RFC 5452 "
     "§9.1): look for NAT or a load balancer rewriting DNS headers, or a broken DNS proxy"},
    {CAA_CODE_NS_WRONG_QUESTION, CAA_BLAME_DNS_OPERATOR, false,
     "the reply must repeat the question as asked (name, type, class; RFC 5452 §9.1) or "
     "resolvers discard it: update or replace the DNS software or the proxy in front of it"},
    {CAA_CODE_NS_BAD_HEADER, CAA_BLAME_DNS_OPERATOR, false,
     "a reply must have QR=1 and the query's opcode (RFC 1035 §4.1.1) or resolvers discard it: "
     "update or replace the DNS software or the proxy in front of it"},
    {CAA_CODE_CNAME_CHAIN_TOO_LONG, CAA_BLAME_DOMAIN_OWNER, false,
     "shorten the chain: point the name's CNAME straight at the final target (resolvers give up "
     "after about 8 to 11 steps)"},
    {CAA_CODE_CAA_RECORD_MALFORMED, CAA_BLAME_DNS_OPERATOR, false,
     "the server sends CAA RDATA that is not flags, tag length, tag, value (RFC 8659 §4.1): "
     "re-enter the record in the DNS provider's interface, or fix the software that stores it"},
    {CAA_CODE_NO_PROBLEM_FOUND, CAA_BLAME_NONE, true, ""},
};

const struct caa__finding_rule *caa__finding_rule(enum caa_code code)
{
    static const struct caa__finding_rule policy = {CAA_CODE_NO_RECORDS, CAA_BLAME_DOMAIN_OWNER,
                                                    false, ""};

    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        if (rules[i].code == code) {
            return &rules[i];
        }
    }
    return &policy;
}

/* What a string field holds when a copy failed: never freed. */
static const char no_memory[] = "";

static const char *copy(struct caa__findings *f, const char *s)
{
    char *c = strdup(s != NULL ? s : "");

    if (c == NULL) {
        f->status = CAA_E_NOMEM;
        return no_memory;
    }
    return c;
}

static void release(const char *s)
{
    if (s != no_memory) {
        free((char *)(uintptr_t)s);
    }
}

struct caa_finding *caa__findings_add(struct caa__findings *f, enum caa_code code, const char *zone,
                                      const char *server, const char *address, const char *fix,
                                      const char *summary_fmt, ...)
{
    const struct caa__finding_rule *rule = caa__finding_rule(code);
    struct caa_finding *item;
    char summary[1024];
    va_list ap;

    if (f->status != CAA_OK || f->count == FINDINGS_MAX) {
        return NULL;
    }
    if (f->count == f->cap) {
        size_t cap = f->cap == 0 ? 16 : f->cap * 2;
        struct caa_finding *grown = realloc(f->items, cap * sizeof(*grown));
        if (grown == NULL) {
            f->status = CAA_E_NOMEM;
            return NULL;
        }
        f->items = grown;
        f->cap = cap;
    }
    va_start(ap, summary_fmt);
    (void)vsnprintf(summary, sizeof(summary), summary_fmt, ap);
    va_end(ap);
    item = &f->items[f->count++];
    memset(item, 0, sizeof(*item));
    item->code = code;
    item->severity = caa_code_severity(code);
    item->blame = rule->blame;
    item->retryable = rule->retryable;
    item->zone = copy(f, zone);
    item->server = copy(f, server);
    item->address = copy(f, address);
    item->summary = copy(f, summary);
    item->evidence = copy(f, "");
    item->fix = copy(f, fix != NULL ? fix : rule->fix);
    item->record = copy(f, "");
    return item;
}

void caa__finding_evidence(struct caa__findings *f, struct caa_finding *finding, const char *fmt,
                           ...)
{
    char text[2048];
    va_list ap;

    if (finding == NULL) {
        return;
    }
    va_start(ap, fmt);
    (void)vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    release(finding->evidence);
    finding->evidence = copy(f, text);
}

void caa__finding_record(struct caa__findings *f, struct caa_finding *finding, const char *record)
{
    if (finding == NULL) {
        return;
    }
    release(finding->record);
    finding->record = copy(f, record);
}

static int rank(const struct caa_finding *x)
{
    return (x->blocks_issuance ? 10 : 0) + (int)x->severity;
}

void caa__findings_sort(struct caa__findings *f)
{
    /* Insertion sort: stable, and lists are short. */
    for (size_t i = 1; i < f->count; i++) {
        struct caa_finding item = f->items[i];
        size_t j = i;
        while (j > 0 && rank(&f->items[j - 1]) < rank(&item)) {
            f->items[j] = f->items[j - 1];
            j--;
        }
        f->items[j] = item;
    }
}

void caa__findings_cleanup(struct caa__findings *f)
{
    for (size_t i = 0; i < f->count; i++) {
        struct caa_finding *x = &f->items[i];
        release(x->zone);
        release(x->server);
        release(x->address);
        release(x->summary);
        release(x->evidence);
        release(x->fix);
        release(x->record);
    }
    free(f->items);
    memset(f, 0, sizeof(*f));
}
