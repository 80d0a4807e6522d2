/* SPDX-License-Identifier: MIT */
#include "lib/diag/plan.h"
#include "lib/diag/probe_policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/dns/classify.h"
#include "lib/dns/rr_type.h"
#include "lib/util/ascii.h"

#define RRTYPE_NS 2
#define RRTYPE_SOA 6
#define RRTYPE_TXT 16
#define RRTYPE_DS 43
#define RRTYPE_DNSKEY 48
#define RRTYPE_CAA 257
#define PLAN_MAX 4096

/* 0x20 (draft-vixie-dnsext-dns0x20): a resolver randomises letter case; a fixed pattern keeps
 * diagnoses reproducible and still catches servers that do not echo the name as sent. */
static void mixed_case(const char *in, char *out, size_t cap)
{
    size_t i = 0;
    bool upper = true;

    for (; in[i] != '\0' && i + 1 < cap; i++) {
        uint8_t c = (uint8_t)in[i];
        if (caa__ascii_is_alpha(c)) {
            out[i] = (char)(upper ? (c & ~0x20) : caa__ascii_lower(c));
            upper = !upper;
        } else {
            out[i] = (char)c;
        }
    }
    out[i] = '\0';
}

static struct caa__probe_query *add(struct caa__plan *p, struct caa__probe_slot slot)
{
    if (p->count == p->cap) {
        size_t cap = p->cap == 0 ? 64 : p->cap * 2;
        struct caa__probe_query *q;
        struct caa__probe_slot *s;
        if (cap > PLAN_MAX) {
            return NULL;
        }
        q = realloc(p->queries, cap * sizeof(*q));
        if (q != NULL) {
            p->queries = q;
        }
        s = realloc(p->slots, cap * sizeof(*s));
        if (s != NULL) {
            p->slots = s;
        }
        if (q == NULL || s == NULL) {
            return NULL;
        }
        p->cap = cap;
    }
    p->slots[p->count] = slot;
    return &p->queries[p->count++];
}

static int plan_probe(struct caa__plan *p, const struct caa__server *server, const char *qname,
                      uint16_t qtype, struct caa__probe_slot slot, unsigned timeout_ms)
{
    struct caa__probe_query *q = add(p, slot);

    if (q == NULL) {
        return -1;
    }
    caa__probe_query_init(q, server->address, qname, qtype, timeout_ms);
    switch (slot.kind) {
    case CAA__PK_CAA:
        mixed_case(qname, q->qname, sizeof(q->qname));
        break;
    case CAA__PK_CAA_NOEDNS:
        q->edns = false;
        q->do_bit = false;
        break;
    case CAA__PK_CAA_TCP:
        q->transport = CAA__PROBE_TCP;
        break;
    case CAA__PK_NS:
    case CAA__PK_TXT:
        q->do_bit = false;
        break;
    default:
        break;
    }
    return 0;
}

static int plan_server(struct caa__plan *p, const struct caa__zone *z, size_t zi, size_t si,
                       const struct caa__plan_options *o)
{
    const struct caa__server *server = &z->servers[si];
    int rc = 0;

    rc |= plan_probe(p, server, z->apex, RRTYPE_SOA,
                     (struct caa__probe_slot){zi, si, CAA__PK_SOA, 0, 0}, o->timeout_ms);
    rc |= plan_probe(p, server, z->apex, RRTYPE_NS,
                     (struct caa__probe_slot){zi, si, CAA__PK_NS, 0, 0}, o->timeout_ms);
    rc |= plan_probe(p, server, z->apex, RRTYPE_DNSKEY,
                     (struct caa__probe_slot){zi, si, CAA__PK_DNSKEY, 0, 0}, o->timeout_ms);
    for (size_t l = 0; l < p->label_count; l++) {
        if (p->label_zone[l] != zi) {
            continue;
        }
        for (unsigned round = 0; round < o->repeat; round++) {
            rc |=
                plan_probe(p, server, p->labels[l], RRTYPE_CAA,
                           (struct caa__probe_slot){zi, si, CAA__PK_CAA, l, round}, o->timeout_ms);
        }
        rc |= plan_probe(p, server, p->labels[l], RRTYPE_CAA,
                         (struct caa__probe_slot){zi, si, CAA__PK_CAA_NOEDNS, l, 0}, o->timeout_ms);
        rc |= plan_probe(p, server, p->labels[l], RRTYPE_CAA,
                         (struct caa__probe_slot){zi, si, CAA__PK_CAA_TCP, l, 0}, o->timeout_ms);
    }
    if (p->txt_name[0] != '\0' && p->txt_zone == zi) {
        rc |= plan_probe(p, server, p->txt_name, RRTYPE_TXT,
                         (struct caa__probe_slot){zi, si, CAA__PK_TXT, 0, 0}, o->timeout_ms);
    }
    return rc;
}

static int plan_zone(struct caa__plan *p, const struct caa__zones *zones, size_t zi,
                     const struct caa__plan_options *o)
{
    const struct caa__zone *z = &zones->zones[zi];
    int rc = 0;

    for (size_t si = 0; si < z->server_count; si++) {
        if (!caa__server_probe_allowed(&z->servers[si], o->allow_private)) {
            continue;
        }
        rc |= plan_server(p, z, zi, si, o);
    }
    /* The DS comes from the parent: ask its first usable server. */
    for (size_t si = 0; si < z->parent_server_count; si++) {
        if (caa__server_probe_allowed(&z->parent_servers[si], o->allow_private) || zi == 0) {
            rc |= plan_probe(p, &z->parent_servers[si], z->apex, RRTYPE_DS,
                             (struct caa__probe_slot){zi, si, CAA__PK_DS, 0, 0}, o->timeout_ms);
            break;
        }
    }
    return rc;
}

static void assign_labels(struct caa__plan *p, const struct caa__zones *zones, const char *name,
                          const struct caa__plan_options *o)
{
    const char *base = strncmp(name, "*.", 2) == 0 ? name + 2 : name;

    p->label_count = caa__climb_labels(name, p->labels);
    for (size_t l = 0; l < p->label_count; l++) {
        const struct caa__zone *z = caa__zones_for(zones, p->labels[l]);
        p->label_zone[l] = z != NULL ? (size_t)(z - zones->zones) : (size_t)-1;
    }
    p->txt_name[0] = '\0';
    if (o->dns01) {
        const struct caa__zone *z;
        (void)snprintf(p->txt_name, sizeof(p->txt_name), "_acme-challenge.%s", base);
        z = caa__zones_for(zones, p->txt_name);
        p->txt_zone = z != NULL ? (size_t)(z - zones->zones) : (size_t)-1;
    }
}

enum caa_status caa__plan_run(struct caa__plan *p, const struct caa__zones *zones, const char *name,
                              const struct caa__plan_options *o)
{
    memset(p, 0, sizeof(*p));
    assign_labels(p, zones, name, o);
    for (size_t zi = 0; zi < zones->count; zi++) {
        if (plan_zone(p, zones, zi, o) != 0) {
            return CAA_E_NOMEM;
        }
    }
    if (p->count == 0) {
        return CAA_OK;
    }
    p->results = calloc(p->count, sizeof(*p->results));
    if (p->results == NULL) {
        return CAA_E_NOMEM;
    }
    return caa__probe_run(p->queries, p->count, p->results);
}

void caa__plan_cleanup(struct caa__plan *p)
{
    for (size_t i = 0; p->results != NULL && i < p->count; i++) {
        caa__probe_result_cleanup(&p->results[i]);
    }
    free(p->results);
    free(p->queries);
    free(p->slots);
    memset(p, 0, sizeof(*p));
}

const struct caa__probe_result *caa__plan_find(const struct caa__plan *p, size_t zone,
                                               size_t server, enum caa__probe_kind kind,
                                               size_t label, unsigned round)
{
    for (size_t i = 0; p->results != NULL && i < p->count; i++) {
        const struct caa__probe_slot *s = &p->slots[i];
        if (s->zone == zone && s->server == server && s->kind == kind && s->label == label &&
            s->round == round) {
            return &p->results[i];
        }
    }
    return NULL;
}

const struct caa__probe_query *caa__plan_query(const struct caa__plan *p,
                                               const struct caa__probe_result *r)
{
    return &p->queries[r - p->results];
}

void caa__probe_describe(const struct caa__probe_query *q, const struct caa__probe_result *r,
                         char *out, size_t cap)
{
    static const char *const outcomes[] = {"answer",
                                           "no response (timeout)",
                                           "port unreachable",
                                           "connection closed without an answer",
                                           "malformed reply",
                                           "local error",
                                           "no reply among a flood of other data (cut off)"};
    const char *transport = q->transport == CAA__PROBE_TCP ? "TCP" : "UDP";
    const char *edns = q->do_bit ? "+EDNS+DO" : q->edns ? "+EDNS" : ", no EDNS";
    char type[CAA__RR_TYPE_NAME_MAX];

    caa__rr_type_name(q->qtype, type, sizeof(type));

    if (r->outcome != CAA__PROBE_ANSWER) {
        char strays[64] = "";
        if (r->stray_count > 0) {
            (void)snprintf(strays, sizeof(strays), " (%u replies with another ID ignored)",
                           r->stray_count);
        }
        /* What was wrong with the bytes, for replies that came but could not be used. */
        bool why = r->outcome == CAA__PROBE_MALFORMED || r->outcome == CAA__PROBE_FLOOD;
        (void)snprintf(out, cap, "%s %s @%s over %s%s: %s after %u ms%s%s%s", type, q->qname,
                       q->address, transport, edns, outcomes[r->outcome], r->elapsed_ms, strays,
                       why ? ": " : "", why ? r->error : "");
        return;
    }
    (void)snprintf(out, cap, "%s %s @%s over %s%s: %s, qr=%d aa=%d tc=%d, %zu answer(s)%s, %u ms",
                   type, q->qname, q->address, transport, edns, caa__rcode_name(r->rcode), r->qr,
                   r->aa, r->tc, r->answer_count,
                   r->case_preserved ? "" : ", query name case not echoed", r->elapsed_ms);
}
