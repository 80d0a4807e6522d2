/* SPDX-License-Identifier: MIT */
/* libunbound's answer packet read without ldns (answer_wire.h says what it reads and when it
 * declines). Each rule mirrors ldns 1.8's wire2host.c as answer_parse.c's ldns reader uses
 * it; a rule it cannot mirror cheaply declines instead. */
#include "lib/dns/answer_wire.h"

#include <stdlib.h>
#include <string.h>

#include "lib/dns/wire_name.h"

#define TYPE_CNAME 5u
#define TYPE_SOA 6u
#define TYPE_DNAME 39u
#define TYPE_OPT 41u
#define FLAG_TC 0x02u /* third header octet */
#define FLAG_AD 0x20u /* fourth header octet */
#define RCODE_MASK 0x0Fu
#define RR_FIXED_LEN 10u /* TYPE, CLASS, TTL, RDLENGTH */
#define QUESTION_FIXED_LEN 4u

enum section { ANSWER, AUTHORITY, ADDITIONAL };

/* RDATA layouts, one character a field, as ldns's descriptors (rr.c) read them: 'n' a domain
 * name, '1' '2' '4' that many octets, 'A' 16 octets, 's' a length octet and that many octets,
 * 'r' the rest. ldns reads fields while RDATA remains, so a record may end after any field. */
static const struct {
    uint16_t type;
    const char *fields;
} layouts[] = {
    {1, "4"},          /* A */
    {2, "n"},          /* NS */
    {5, "n"},          /* CNAME */
    {6, "nn44444"},    /* SOA */
    {28, "A"},         /* AAAA */
    {39, "n"},         /* DNAME */
    {41, "r"},         /* OPT, additional section only */
    {43, "211r"},      /* DS */
    {46, "2114442nr"}, /* RRSIG */
    {47, "nr"},        /* NSEC */
    {48, "211r"},      /* DNSKEY */
    {50, "112ssr"},    /* NSEC3 */
    {51, "112s"},      /* NSEC3PARAM */
    {257, "1sr"},      /* CAA */
};

struct rr {
    size_t owner; /* offset of the owner name */
    uint16_t type;
    uint32_t ttl;
    size_t rdata; /* offset of the RDATA */
    uint16_t rdlen;
};

/* What the first pass learnt; the second reads the answer section again. */
struct scan {
    size_t answer_at; /* offset of the first answer RR */
    uint16_t ancount;
    uint32_t answer_ttl; /* smallest, UINT32_MAX for none */
    uint32_t soa_ttl;
    size_t records; /* RRs of qtype in the answer section */
};

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static const char *layout_of(uint16_t type)
{
    for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
        if (layouts[i].type == type) {
            return layouts[i].fields;
        }
    }
    return NULL;
}

static size_t field_len(const uint8_t *p, size_t pos, size_t end, char field)
{
    switch (field) {
    case 'A':
        return 16;
    case 's':
        return (size_t)p[pos] + 1;
    case 'r':
        return end - pos;
    default:
        return (size_t)(field - '0');
    }
}

/*
 * Walks rr's RDATA field by field as ldns_wire2rdf does; false when ldns would fail or read it
 * differently (a field or name running past RDLENGTH, bytes left over). *out_len is the length
 * of the RDATA as ldns writes it back (names uncompressed); with out (that many bytes), writes
 * it there.
 */
static bool rdata_walk(const uint8_t *p, size_t len, const struct rr *rr, const char *fields,
                       uint8_t *out, size_t *out_len)
{
    size_t pos = rr->rdata;
    size_t end = rr->rdata + rr->rdlen;
    size_t o = 0;

    for (const char *f = fields; *f != '\0' && pos < end; f++) {
        struct caa__wire_name name;
        size_t n;
        if (*f == 'n') {
            if (!caa__wire_name_read(p, len, pos, &pos, &name) || pos > end) {
                return false;
            }
            if (out != NULL) {
                memcpy(out + o, name.wire, name.len);
            }
            o += name.len;
            continue;
        }
        n = field_len(p, pos, end, *f);
        if (n > end - pos) {
            return false;
        }
        if (out != NULL) {
            memcpy(out + o, p + pos, n);
        }
        o += n;
        pos += n;
    }
    *out_len = o;
    return pos == end;
}

static bool rr_read(const uint8_t *p, size_t len, size_t *pos, enum section section, struct rr *rr)
{
    struct caa__wire_name owner;
    size_t at = 0;
    const char *fields;
    size_t rdata_len = 0;

    if (!caa__wire_name_read(p, len, *pos, &at, &owner) || at + RR_FIXED_LEN > len) {
        return false;
    }
    rr->owner = *pos;
    rr->type = get16(p + at);
    rr->ttl = get32(p + at + 4);
    rr->rdlen = get16(p + at + 8);
    rr->rdata = at + RR_FIXED_LEN;
    fields = layout_of(rr->type);
    if (fields == NULL || (rr->type == TYPE_OPT && section != ADDITIONAL) ||
        rr->rdata + rr->rdlen > len || !rdata_walk(p, len, rr, fields, NULL, &rdata_len)) {
        return false;
    }
    *pos = rr->rdata + rr->rdlen;
    return true;
}

static uint32_t min32(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* The whole message, as ldns_wire2pkt takes it; bytes after the last RR are ignored, as ldns
 * ignores them. Every loop runs at most a count's 65535 times, each step moving forward. */
static bool scan(const uint8_t *p, size_t len, int qtype, struct scan *s)
{
    struct caa__wire_name name;
    struct rr rr;
    size_t pos = CAA__WIRE_HEADER_LEN;
    uint16_t qdcount;

    if (len < CAA__WIRE_HEADER_LEN) {
        return false;
    }
    qdcount = get16(p + 4);
    if (qdcount > 1 || (qdcount == 1 && (!caa__wire_name_read(p, len, pos, &pos, &name) ||
                                         pos + QUESTION_FIXED_LEN > len))) {
        return false;
    }
    pos += qdcount == 1 ? QUESTION_FIXED_LEN : 0;
    *s = (struct scan){pos, get16(p + 6), UINT32_MAX, UINT32_MAX, 0};
    for (uint16_t i = 0; i < s->ancount; i++) {
        if (!rr_read(p, len, &pos, ANSWER, &rr)) {
            return false;
        }
        s->answer_ttl = min32(s->answer_ttl, rr.ttl);
        s->records += qtype >= 0 && rr.type == (uint16_t)qtype;
    }
    for (uint16_t i = 0, n = get16(p + 8); i < n; i++) {
        if (!rr_read(p, len, &pos, AUTHORITY, &rr)) {
            return false;
        }
        s->soa_ttl = rr.type == TYPE_SOA ? min32(s->soa_ttl, rr.ttl) : s->soa_ttl;
    }
    for (uint16_t i = 0, n = get16(p + 10); i < n; i++) {
        if (!rr_read(p, len, &pos, ADDITIONAL, &rr)) {
            return false;
        }
    }
    return true;
}

/* "owner -> target" as answer_parse.c's ldns reader writes it. */
static bool alias_add(const uint8_t *p, size_t len, const struct rr *rr,
                      struct caa__dns_answer *answer)
{
    struct caa__wire_name owner, target;
    char from[CAA__WIRE_NAME_TEXT_MAX], to[CAA__WIRE_NAME_TEXT_MAX];
    size_t end = 0;
    size_t from_len, to_len;
    char *alias;

    (void)caa__wire_name_read(p, len, rr->owner, &end, &owner); /* read once already */
    (void)caa__wire_name_read(p, len, rr->rdata, &end, &target);
    from_len = caa__wire_name_presentation(&owner, from);
    to_len = caa__wire_name_presentation(&target, to);
    alias = malloc(from_len + to_len + sizeof(" -> "));
    if (alias == NULL) {
        return false;
    }
    memcpy(alias, from, from_len);
    memcpy(alias + from_len, " -> ", 4);
    memcpy(alias + from_len + 4, to, to_len + 1);
    answer->aliases[answer->alias_count++] = alias;
    return true;
}

static bool rdata_add(const uint8_t *p, size_t len, const struct rr *rr,
                      struct caa__dns_answer *answer)
{
    const char *fields = layout_of(rr->type);
    size_t copy_len = 0;
    uint8_t *copy;

    (void)rdata_walk(p, len, rr, fields, NULL, &copy_len); /* walked once already */
    /* One spare byte, as answer_parse.c: an empty RDATA is never a NULL pointer. */
    copy = malloc(copy_len + 1);
    if (copy == NULL) {
        return false;
    }
    (void)rdata_walk(p, len, rr, fields, copy, &copy_len);
    answer->rdata[answer->rdata_count] = copy;
    answer->rdata_len[answer->rdata_count++] = copy_len;
    return true;
}

/* The second pass: RDATA of qtype and the alias chain, in answer-section order. */
static enum caa__answer_read collect(const uint8_t *p, size_t len, int qtype, const struct scan *s,
                                     struct caa__dns_answer *answer)
{
    size_t pos = s->answer_at;
    size_t wanted = s->records > CAA__ANSWER_RDATA_MAX ? CAA__ANSWER_RDATA_MAX : s->records;
    struct rr rr;

    if (wanted > 0) {
        answer->rdata = calloc(wanted, sizeof(*answer->rdata));
        answer->rdata_len = calloc(wanted, sizeof(*answer->rdata_len));
        if (answer->rdata == NULL || answer->rdata_len == NULL) {
            return CAA__ANSWER_READ_NOMEM;
        }
    }
    for (uint16_t i = 0; i < s->ancount; i++) {
        (void)rr_read(p, len, &pos, ANSWER, &rr); /* read once already */
        if (qtype >= 0 && rr.type == (uint16_t)qtype && answer->rdata_count < wanted &&
            !rdata_add(p, len, &rr, answer)) {
            return CAA__ANSWER_READ_NOMEM;
        }
        if ((rr.type == TYPE_CNAME || rr.type == TYPE_DNAME) && rr.rdlen > 0 &&
            answer->alias_count < CAA__DNS_ALIASES_MAX && !alias_add(p, len, &rr, answer)) {
            return CAA__ANSWER_READ_NOMEM;
        }
    }
    return CAA__ANSWER_READ_OK;
}

enum caa__answer_read caa__answer_wire_read(const uint8_t *packet, size_t len, int qtype,
                                            struct caa__dns_answer *answer,
                                            struct caa__answer_head *head)
{
    struct scan s;

    if (!scan(packet, len, qtype, &s)) {
        return CAA__ANSWER_READ_DECLINED;
    }
    head->rcode = packet[3] & RCODE_MASK;
    head->ad = (packet[3] & FLAG_AD) != 0;
    answer->truncated = (packet[2] & FLAG_TC) != 0;
    if (qtype >= 0) {
        uint32_t ttl = s.records == 0 ? min32(s.answer_ttl, s.soa_ttl) : s.answer_ttl;
        answer->ttl = ttl == UINT32_MAX ? 0 : ttl;
    }
    return collect(packet, len, qtype, &s, answer);
}
