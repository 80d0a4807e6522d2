/* SPDX-License-Identifier: MIT */
/* The wire engine's ldns-free reader for an insecure zone's reply (wire_fast.h says what it
 * reads and when it declines). Each rule mirrors one of ldns 1.8's wire2host.c or of the
 * ldns path in wire_reply.c; a rule it cannot mirror cheaply declines instead. */
#include "lib/dns/wire_fast.h"

#include <stdlib.h>
#include <string.h>

#include "lib/dns/wire_name.h"

#define HEADER_LEN CAA__WIRE_HEADER_LEN
#define NAME_WIRE_MAX CAA__WIRE_NAME_MAX
#define LABEL_MAX 63u
#define TYPE_A 1u
#define TYPE_NS 2u
#define TYPE_CNAME 5u
#define TYPE_SOA 6u
#define TYPE_AAAA 28u
#define TYPE_OPT 41u
#define TYPE_CAA 257u
#define RCODE_NOERROR 0u
#define RCODE_NXDOMAIN 3u

enum section { ANSWER, AUTHORITY, ADDITIONAL };

struct rr {
    enum section section;
    uint16_t type;
    uint32_t ttl;
    size_t owner; /* offset of the owner name */
    size_t rdata; /* offset of the RDATA */
    uint16_t rdlen;
};

struct msg {
    const uint8_t *p;
    size_t len;
    unsigned rcode;
    bool aa;
    uint16_t ancount;
    struct rr rrs[CAA__WIRE_FAST_RRS_MAX];
    size_t count;
};

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The name at off ends exactly at `end` (an RDATA field that is one name). */
static bool name_fills(const struct msg *m, size_t off, size_t end)
{
    struct caa__wire_name n;
    size_t after = 0;

    return caa__wire_name_read(m->p, m->len, off, &after, &n) && after == end;
}

/* The RDATA of a type ldns would read field by field to exactly RDLENGTH; false for any
 * other type, or RDATA that ends early or late (ldns would then read the next RR from
 * elsewhere, or fail). */
static bool rdata_ok(const struct msg *m, const struct rr *rr)
{
    const uint8_t *d = m->p + rr->rdata;
    size_t end = rr->rdata + rr->rdlen;
    struct caa__wire_name n;
    size_t after = 0;

    switch (rr->type) {
    case TYPE_CAA: /* flags, tag (length-prefixed), value (the rest): RFC 8659 §4.1 */
        return rr->section == ANSWER && rr->rdlen >= 2 && 2u + d[1] <= rr->rdlen;
    case TYPE_CNAME:
        return rr->section == ANSWER && rr->rdlen > 0 && name_fills(m, rr->rdata, end);
    case TYPE_NS:
        return rr->section == AUTHORITY && rr->rdlen > 0 && name_fills(m, rr->rdata, end);
    case TYPE_SOA: /* MNAME, RNAME, five 32-bit fields */
        return rr->section == AUTHORITY && rr->rdlen > 0 &&
               caa__wire_name_read(m->p, m->len, rr->rdata, &after, &n) && after < end &&
               caa__wire_name_read(m->p, m->len, after, &after, &n) && after + 20 == end;
    case TYPE_A:
        return rr->section == ADDITIONAL && rr->rdlen == 4;
    case TYPE_AAAA:
        return rr->section == ADDITIONAL && rr->rdlen == 16;
    case TYPE_OPT: /* ldns reads its RDATA whole */
        return rr->section == ADDITIONAL;
    default:
        return false;
    }
}

static bool rr_read(struct msg *m, size_t *pos, enum section section)
{
    struct caa__wire_name owner;
    struct rr *rr;
    size_t at = 0;

    if (m->count >= CAA__WIRE_FAST_RRS_MAX ||
        !caa__wire_name_read(m->p, m->len, *pos, &at, &owner) || at + 10 > m->len) {
        return false;
    }
    rr = &m->rrs[m->count];
    rr->section = section;
    rr->owner = *pos;
    rr->type = get16(m->p + at);
    rr->ttl = get32(m->p + at + 4);
    rr->rdlen = get16(m->p + at + 8);
    rr->rdata = at + 10;
    if (rr->rdata + rr->rdlen > m->len || !rdata_ok(m, rr)) {
        return false;
    }
    m->count++;
    *pos = rr->rdata + rr->rdlen;
    return true;
}

/* The whole message, as ldns_wire2pkt would take it; bytes after the last RR are ignored, as
 * ldns ignores them. */
static bool msg_read(struct msg *m, const uint8_t *p, size_t len)
{
    static const enum section sections[] = {ANSWER, AUTHORITY, ADDITIONAL};
    struct caa__wire_name qname;
    size_t pos = 0;

    m->p = p;
    m->len = len;
    m->count = 0;
    if (len < HEADER_LEN || get16(p + 4) != 1) {
        return false;
    }
    m->aa = (p[2] & 0x04u) != 0;
    m->rcode = p[3] & 0x0Fu;
    m->ancount = get16(p + 6);
    if (!caa__wire_name_read(p, len, HEADER_LEN, &pos, &qname) || pos + 4 > len) {
        return false;
    }
    pos += 4;
    for (size_t s = 0; s < 3; s++) {
        uint16_t n = get16(p + 6 + 2 * s);
        for (uint16_t i = 0; i < n; i++) {
            if (!rr_read(m, &pos, sections[s])) {
                return false;
            }
        }
    }
    return true;
}

static uint8_t lower(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

static bool equal_ci(const uint8_t *a, const uint8_t *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

static bool same_ci(const struct caa__wire_name *a, const struct caa__wire_name *b)
{
    return a->len == b->len && equal_ci(a->wire, b->wire, a->len);
}

/* sub has more labels than parent and ends with it (ASCII case folded). */
static bool below_ci(const struct caa__wire_name *sub, const struct caa__wire_name *parent)
{
    size_t p = 0;

    while (sub->wire[p] != 0) {
        p += (size_t)sub->wire[p] + 1;
        if (sub->len - p <= parent->len) {
            return sub->len - p == parent->len &&
                   equal_ci(sub->wire + p, parent->wire, parent->len);
        }
    }
    return false;
}

static bool at_or_below(const struct caa__wire_name *a, const struct caa__wire_name *b)
{
    return same_ci(a, b) || below_ci(a, b);
}

/* ldns_dname_is_subdomain: not byte for byte the same, and the labels of parent end sub (so a
 * name differing from parent in case only counts as below it). */
static bool ldns_subdomain(const struct caa__wire_name *sub, const struct caa__wire_name *parent)
{
    if (sub->len == parent->len && memcmp(sub->wire, parent->wire, sub->len) == 0) {
        return false;
    }
    return same_ci(sub, parent) || below_ci(sub, parent);
}

/* Presentation text as wire_reply.c's dname_text makes it (ldns_rdf2str, lower case, no
 * trailing dot), for names of hostname bytes only; false for others (ldns would escape). */
static bool name_text(const struct caa__wire_name *n, char *out)
{
    size_t o = 0;

    for (size_t i = 0; n->wire[i] != 0; i += (size_t)n->wire[i] + 1) {
        if (o > 0) {
            out[o++] = '.';
        }
        for (size_t j = 1; j <= n->wire[i]; j++) {
            uint8_t c = lower(n->wire[i + j]);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    return true;
}

/* Text (lower case, no trailing dot, "" for the root) to wire; false for what needs escapes. */
static bool text_name(const char *text, struct caa__wire_name *out)
{
    size_t label_at = 0;

    out->len = 1;
    out->wire[0] = 0;
    if (text[0] == '\0') {
        return true;
    }
    for (const char *s = text;; s++) {
        if (*s == '.' || *s == '\0') {
            size_t label = out->len - label_at - 1;
            if (label == 0 || label > LABEL_MAX) {
                return false;
            }
            out->wire[label_at] = (uint8_t)label;
            if (*s == '\0') {
                break;
            }
            label_at = out->len;
            out->len++;
            continue;
        }
        if (*s == '\\' || out->len + 2 > NAME_WIRE_MAX) {
            return false;
        }
        out->wire[out->len++] = lower((uint8_t)*s);
    }
    out->wire[out->len++] = 0;
    return true;
}

static void owner_of(const struct msg *m, const struct rr *rr, struct caa__wire_name *out)
{
    size_t end = 0;

    (void)caa__wire_name_read(m->p, m->len, rr->owner, &end, out); /* read once already */
}

/* The CAA RDATA of the answer, as copy_rdata in wire_reply.c gives it; in one block of
 * answer->pool when it has one. */
static bool copy_rdata(const struct msg *m, struct caa__dns_answer *a)
{
    size_t n = 0;
    size_t bytes = 0;
    uint8_t *cursor = NULL;

    for (size_t i = 0; i < m->count; i++) {
        if (m->rrs[i].section == ANSWER && m->rrs[i].type == TYPE_CAA) {
            n++;
            bytes += m->rrs[i].rdlen;
        }
    }
    if (n == 0) {
        return true;
    }
    if (!caa__dns_answer_rdata_block(a, n, bytes, &cursor)) {
        return false;
    }
    for (size_t i = 0; i < m->count; i++) {
        const struct rr *rr = &m->rrs[i];
        if (rr->section == ANSWER && rr->type == TYPE_CAA &&
            !caa__dns_answer_rdata_push(a, &cursor, m->p + rr->rdata, rr->rdlen)) {
            return false;
        }
    }
    return true;
}

struct outcome {
    enum caa__wire_reply_kind kind;
    const char *why;
};

static const struct outcome DECLINE = {CAA__WIRE_REPLY_UNUSUAL, NULL};

/* The CNAME at qname (alias_of in wire_reply.c): 1 with its target, 0 none, -1 more than one
 * or other data at qname after it; 2 to decline. */
static int alias(const struct msg *m, const struct caa__wire_name *qname, char *target,
                 uint32_t *ttl)
{
    const struct rr *cname = NULL;
    struct caa__wire_name n;
    size_t end = 0;

    for (size_t i = 0; i < m->count; i++) {
        const struct rr *rr = &m->rrs[i];
        if (rr->section != ANSWER) {
            continue;
        }
        owner_of(m, rr, &n);
        if (!same_ci(&n, qname)) {
            continue;
        }
        if (rr->type == TYPE_CNAME && cname == NULL) {
            cname = rr;
        } else if (rr->type == TYPE_CNAME || cname != NULL) {
            return -1;
        }
    }
    if (cname == NULL) {
        return 0;
    }
    if (!caa__wire_name_read(m->p, m->len, cname->rdata, &end, &n) || !name_text(&n, target)) {
        return 2;
    }
    *ttl = cname->ttl;
    return 1;
}

static struct outcome authoritative(const struct msg *m, const struct caa__wire_name *qname,
                                    const struct caa__wire_name *zone,
                                    struct caa__dns_answer *answer, char *cut)
{
    uint32_t ttl = UINT32_MAX;
    size_t caa = 0;
    struct caa__wire_name n;
    char target[NAME_WIRE_MAX + 1];

    switch (alias(m, qname, target, &ttl)) {
    case 1:
        memcpy(cut, target, strlen(target) + 1);
        answer->ttl = ttl;
        answer->dnssec = CAA_DNSSEC_INSECURE;
        return (struct outcome){CAA__WIRE_REPLY_ALIAS, ""};
    case -1:
        return (struct outcome){CAA__WIRE_REPLY_UNUSUAL,
                                "alias a resolver must chase (DNAME, several CNAMEs)"};
    case 2:
        return DECLINE;
    default:
        break;
    }
    for (size_t i = 0; i < m->count; i++) {
        const struct rr *rr = &m->rrs[i];
        if (rr->section != ANSWER) {
            continue;
        }
        owner_of(m, rr, &n);
        if (!same_ci(&n, qname) || rr->type != TYPE_CAA) {
            return (struct outcome){CAA__WIRE_REPLY_UNUSUAL, "foreign record in the answer"};
        }
        ttl = rr->ttl < ttl ? rr->ttl : ttl;
        caa++;
    }
    if (caa == 0) {
        const struct rr *soa = NULL;
        for (size_t i = 0; soa == NULL && i < m->count; i++) {
            const struct rr *rr = &m->rrs[i];
            if (rr->section != AUTHORITY || rr->type != TYPE_SOA) {
                continue;
            }
            owner_of(m, rr, &n);
            soa = at_or_below(&n, zone) && at_or_below(qname, &n) ? rr : NULL;
        }
        if (soa == NULL) {
            return (struct outcome){CAA__WIRE_REPLY_UNUSUAL,
                                    "negative answer without the zone's SOA"};
        }
        ttl = soa->ttl < ttl ? soa->ttl : ttl;
    } else if (m->rcode != RCODE_NOERROR) {
        return (struct outcome){CAA__WIRE_REPLY_UNUSUAL, "records with NXDOMAIN"};
    }
    if (!copy_rdata(m, answer)) {
        caa__dns_answer_cleanup(answer);
        return (struct outcome){CAA__WIRE_REPLY_UNUSUAL, "out of memory"};
    }
    answer->rcode = (int)m->rcode;
    answer->dnssec = CAA_DNSSEC_INSECURE;
    answer->ttl = ttl == UINT32_MAX ? 0 : ttl;
    return (struct outcome){CAA__WIRE_REPLY_ANSWER, ""};
}

/* A referral (referral() in wire_reply.c): 1 with the cut, 0 none, 2 to decline. */
static int referral(const struct msg *m, const struct caa__wire_name *qname,
                    const struct caa__wire_name *zone, char *cut)
{
    struct caa__wire_name n;

    if (m->aa || m->rcode != RCODE_NOERROR || m->ancount != 0) {
        return 0;
    }
    for (size_t i = 0; i < m->count; i++) {
        const struct rr *rr = &m->rrs[i];
        if (rr->section != AUTHORITY || rr->type != TYPE_NS) {
            continue;
        }
        owner_of(m, rr, &n);
        if (ldns_subdomain(&n, zone) && at_or_below(qname, &n)) {
            return name_text(&n, cut) ? 1 : 2;
        }
    }
    return 0;
}

bool caa__wire_fast_read(const uint8_t *reply, size_t len, const char *qname, const char *zone,
                         struct caa__dns_answer *answer, char *cut, enum caa__wire_reply_kind *kind,
                         const char **why)
{
    /* ~4 KiB on the stack: nothing here allocates but the answer's RDATA. */
    struct msg m;
    struct caa__wire_name q, z;
    struct outcome o;
    char referral_cut[NAME_WIRE_MAX + 1];

    if (!text_name(qname, &q) || !text_name(zone, &z) || !msg_read(&m, reply, len)) {
        return false;
    }
    if (m.rcode != RCODE_NOERROR && m.rcode != RCODE_NXDOMAIN) {
        o = (struct outcome){CAA__WIRE_REPLY_LAME, "error rcode"};
    } else {
        switch (referral(&m, &q, &z, referral_cut)) {
        case 1:
            memcpy(cut, referral_cut, strlen(referral_cut) + 1);
            o = (struct outcome){CAA__WIRE_REPLY_REFERRAL, ""};
            break;
        case 2:
            return false;
        default:
            o = m.aa ? authoritative(&m, &q, &z, answer, cut)
                     : (struct outcome){CAA__WIRE_REPLY_LAME, "not authoritative"};
            break;
        }
    }
    if (o.why == NULL) {
        return false;
    }
    *kind = o.kind;
    *why = o.why;
    return true;
}
