/* SPDX-License-Identifier: MIT */
/* Findings about one server: does it answer CAA as RFC 8659 §6 and RFC 2308 require? */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/diag/probe_policy.h"
#include "lib/diag/rules.h"
#include "lib/dns/classify.h"

#define RRTYPE_CNAME 5
#define RRTYPE_CAA 257

struct server_view {
    const struct caa__rules_input *in;
    size_t zone;
    size_t server;
    const struct caa__zone *z;
    const struct caa__server *s;
    struct caa__findings *out;
};

static __attribute__((format(printf, 4, 5))) struct caa_finding *
add(const struct server_view *v, enum caa_code code, const struct caa__probe_result *evidence,
    const char *fmt, ...)
{
    struct caa_finding *f;
    char summary[512];
    char text[512];
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(summary, sizeof(summary), fmt, ap);
    va_end(ap);
    f = caa__findings_add(v->out, code, v->z->apex, v->s->name, v->s->address, NULL, "%s", summary);

    if (evidence != NULL) {
        caa__probe_describe(caa__plan_query(v->in->plan, evidence), evidence, text, sizeof(text));
        caa__finding_evidence(v->out, f, "%s", text);
    }
    return f;
}

static bool answered(const struct caa__probe_result *r)
{
    return r != NULL && r->outcome == CAA__PROBE_ANSWER;
}

static bool good(const struct caa__probe_result *r)
{
    return answered(r) && (r->rcode == 0 || r->rcode == 3) && r->aa;
}

/* Every probe of this server ended the same way: nothing came back. */
static bool all_outcomes(const struct server_view *v, enum caa__probe_outcome outcome)
{
    const struct caa__plan *p = v->in->plan;
    size_t seen = 0;

    for (size_t i = 0; i < p->count; i++) {
        const struct caa__probe_slot *slot = &p->slots[i];
        if (slot->zone != v->zone || slot->server != v->server || slot->kind == CAA__PK_DS) {
            continue;
        }
        if (p->results[i].outcome != outcome) {
            return false;
        }
        seen++;
    }
    return seen > 0;
}

static bool has_type(const struct caa__probe_result *r, uint16_t rrtype)
{
    for (size_t i = 0; i < r->answer_count; i++) {
        if (r->answer[i].rrtype == rrtype) {
            return true;
        }
    }
    return false;
}

static void rcode_rules(const struct server_view *v, const struct caa__probe_result *caa,
                        const struct caa__probe_result *noedns, const char *label)
{
    switch (caa->rcode) {
    case 4:
        add(v, CAA_CODE_NS_NOTIMP_CAA, caa, "%s answers NOTIMP to CAA queries", v->s->name);
        return;
    case 5:
        add(v, CAA_CODE_NS_REFUSED, caa, "%s refuses CAA queries", v->s->name);
        return;
    case 2:
        add(v, CAA_CODE_NS_SERVFAIL, caa, "%s answers SERVFAIL to CAA queries", v->s->name);
        return;
    case 1:
        if (answered(noedns) && noedns->rcode != 1) {
            add(v, CAA_CODE_EDNS_NONCOMPLIANT, caa,
                "%s answers FORMERR to CAA queries with EDNS, but not without", v->s->name);
        } else {
            add(v, CAA_CODE_NS_FORMERR, caa, "%s answers FORMERR to CAA queries", v->s->name);
        }
        return;
    default:
        (void)label;
        return;
    }
}

static void answer_rules(const struct server_view *v, const struct caa__probe_result *caa,
                         const struct caa__probe_result *tcp, bool *case_reported)
{
    if (!caa->aa) {
        add(v, CAA_CODE_NS_LAME, caa,
            "%s answers CAA queries without the AA flag: it is not "
            "authoritative for the zone",
            v->s->name);
    }
    /* A truncated reply is not an empty answer: the records did not fit. */
    if (!caa->tc && !has_type(caa, RRTYPE_CAA) && !has_type(caa, RRTYPE_CNAME) &&
        !caa->soa_in_authority) {
        add(v, CAA_CODE_NODATA_WITHOUT_SOA, caa,
            "%s gives an empty CAA answer without the zone's SOA", v->s->name);
    }
    if (!caa->case_preserved && !*case_reported) {
        add(v, CAA_CODE_CASE_NOT_PRESERVED, caa, "%s does not echo the query name's letter case",
            v->s->name);
        *case_reported = true;
    }
    if (caa->tc && !answered(tcp)) {
        add(v, CAA_CODE_TRUNCATED_NO_TCP, tcp != NULL ? tcp : caa,
            "%s truncates the CAA answer over UDP and fails over TCP", v->s->name);
    } else if (caa->tc && tcp->tc) {
        /* TC=1 over TCP: there is no bigger transport to retry on (RFC 7766 §6.2.1). */
        add(v, CAA_CODE_TRUNCATED_NO_TCP, tcp,
            "%s truncates the CAA answer over UDP and over TCP too", v->s->name);
    }
}

static void repeat_rules(const struct server_view *v, size_t label)
{
    size_t ok = 0;
    size_t bad = 0;
    const struct caa__probe_result *failed = NULL;

    for (unsigned round = 0; round < v->in->repeat; round++) {
        const struct caa__probe_result *r =
            caa__plan_find(v->in->plan, v->zone, v->server, CAA__PK_CAA, label, round);
        if (r == NULL) {
            continue;
        }
        if (good(r)) {
            ok++;
        } else {
            bad++;
            failed = r;
        }
    }
    if (ok > 0 && bad > 0) {
        struct caa_finding *f = add(v, CAA_CODE_NS_INTERMITTENT, failed,
                                    "%s fails some CAA queries and answers others", v->s->name);
        if (f != NULL) {
            char text[512];
            caa__probe_describe(caa__plan_query(v->in->plan, failed), failed, text, sizeof(text));
            caa__finding_evidence(v->out, f, "%zu of %zu answers failed; e.g. %s", bad, ok + bad,
                                  text);
        }
    }
}

/* A reply a resolver would discard before reading it (RFC 1035 §4.1.1, RFC 5452 §9.1): QR=0,
 * another opcode, another question. True when reported: the rest of the reply means nothing. */
static bool header_rules(const struct server_view *v, const struct caa__probe_result *caa)
{
    if (!caa->qr || caa->opcode != 0) {
        add(v, CAA_CODE_NS_BAD_HEADER, caa, "%s replies to CAA queries with QR=%d, opcode %d",
            v->s->name, caa->qr, caa->opcode);
        return true;
    }
    if (!caa->question_matches) {
        struct caa_finding *f = add(v, CAA_CODE_NS_WRONG_QUESTION, caa,
                                    "%s replies to CAA queries with another question", v->s->name);
        if (f != NULL) {
            char text[512];
            caa__probe_describe(caa__plan_query(v->in->plan, caa), caa, text, sizeof(text));
            caa__finding_evidence(v->out, f, "%s; the reply's question: %s", text,
                                  caa->echoed_qname[0] != '\0' ? caa->echoed_qname : "(none)");
        }
        return true;
    }
    return false;
}

static void label_rules(const struct server_view *v, size_t l, const struct caa__probe_result *soa,
                        bool *case_reported)
{
    const struct caa__plan *p = v->in->plan;
    const struct caa__probe_result *caa = caa__plan_find(p, v->zone, v->server, CAA__PK_CAA, l, 0);
    const struct caa__probe_result *noedns =
        caa__plan_find(p, v->zone, v->server, CAA__PK_CAA_NOEDNS, l, 0);
    const struct caa__probe_result *tcp =
        caa__plan_find(p, v->zone, v->server, CAA__PK_CAA_TCP, l, 0);

    if (caa == NULL) {
        return;
    }
    repeat_rules(v, l);
    if (!answered(caa)) {
        if (caa->outcome == CAA__PROBE_MALFORMED) {
            add(v, CAA_CODE_NS_MALFORMED_REPLY, caa,
                "%s sends replies to CAA queries that do not parse as DNS", v->s->name);
        } else if (caa->stray_count > 0) {
            add(v, CAA_CODE_NS_WRONG_ID, caa,
                "%s replies to CAA queries with another message ID: resolvers drop them",
                v->s->name);
        } else if (answered(noedns) && noedns->rcode == 0) {
            add(v, CAA_CODE_EDNS_NONCOMPLIANT, caa,
                "%s does not answer CAA queries with EDNS, but answers without", v->s->name);
        } else if (answered(soa)) {
            add(v, CAA_CODE_NS_DROPS_CAA, caa, "%s answers SOA queries but never CAA queries",
                v->s->name);
        }
        return;
    }
    if (header_rules(v, caa)) {
        return;
    }
    if (caa->rcode != 0 && caa->rcode != 3) {
        rcode_rules(v, caa, noedns, p->labels[l]);
        return;
    }
    answer_rules(v, caa, tcp, case_reported);
}

static void server_rules(const struct server_view *v)
{
    const struct caa__plan *p = v->in->plan;
    const struct caa__probe_result *soa = caa__plan_find(p, v->zone, v->server, CAA__PK_SOA, 0, 0);
    bool case_reported = false;

    if (all_outcomes(v, CAA__PROBE_UNREACHABLE)) {
        add(v, CAA_CODE_NS_UNREACHABLE, soa, "%s (port unreachable: nothing listens on port 53)",
            v->s->name);
        return;
    }
    if (all_outcomes(v, CAA__PROBE_TIMEOUT)) {
        add(v, CAA_CODE_NS_UNREACHABLE, soa, "%s (silent: no answer to any query)", v->s->name);
        return;
    }
    if (answered(soa) && (soa->rcode == 5 || (soa->rcode == 0 && !soa->aa))) {
        add(v, CAA_CODE_NS_LAME, soa, "%s is listed for the zone but is not authoritative for it",
            v->s->name);
        return;
    }
    for (size_t l = 0; l < p->label_count; l++) {
        if (p->label_zone[l] == v->zone) {
            label_rules(v, l, soa, &case_reported);
        }
    }
}

void caa__rules_servers(const struct caa__rules_input *in, struct caa__findings *out)
{
    for (size_t zi = 0; zi < in->zones->count; zi++) {
        const struct caa__zone *z = &in->zones->zones[zi];
        for (size_t si = 0; si < z->server_count; si++) {
            struct server_view v = {in, zi, si, z, &z->servers[si], out};
            if (!caa__server_probe_allowed(&z->servers[si], in->allow_private)) {
                struct caa_finding *f =
                    add(&v, CAA_CODE_NS_PRIVATE_ADDRESS, NULL,
                        z->servers[si].refused ? "%s has an address this resolver must never "
                                                 "query (not probed: a private, loopback or "
                                                 "reserved range outside --allow-private)"
                                               : "%s has a private, loopback or link-local "
                                                 "address (not probed; --allow-private probes "
                                                 "it)",
                        z->servers[si].name);
                caa__finding_evidence(out, f, "%s NS %s (listed by %s), address %s", z->apex,
                                      z->servers[si].name, z->parent[0] ? z->parent : "the root",
                                      z->servers[si].address);
                continue;
            }
            server_rules(&v);
        }
    }
}
