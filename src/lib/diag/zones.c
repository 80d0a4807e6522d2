/* SPDX-License-Identifier: MIT */
/* Zone cuts and delegations, found by following referrals from the root (like dig +trace), but
 * asking every server of each level. */
#include "lib/diag/zones.h"
#include "lib/diag/probe_policy.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/dns/address_policy.h"
#include "lib/dns/hints.h"
#include "lib/dns/probe.h"
#include "lib/dns/wire_name.h"
#include "lib/util/ascii.h"

#define RRTYPE_A 1
#define RRTYPE_NS 2
#define RRTYPE_SOA 6
#define RRTYPE_AAAA 28
#define WALK_STEPS_MAX 16

bool caa__name_at_or_below(const char *label, const char *apex)
{
    size_t l = strlen(label);
    size_t a = strlen(apex);

    if (a == 0) {
        return true; /* everything is below the root */
    }
    if (l < a || !caa__ascii_streq_nocase(label + (l - a), apex)) {
        return false;
    }
    return l == a || label[l - a - 1] == '.';
}

const struct caa__zone *caa__zones_for(const struct caa__zones *zones, const char *label)
{
    const struct caa__zone *best = NULL;

    for (size_t i = 0; i < zones->count; i++) {
        if (caa__name_at_or_below(label, zones->zones[i].apex)) {
            best = &zones->zones[i]; /* zones run from the TLD down: the last match is deepest */
        }
    }
    return best;
}

static void address_text(const struct caa__probe_rr *rr, char *out, size_t cap)
{
    out[0] = '\0';
    if (rr->rrtype == RRTYPE_A && rr->rdata_len == 4) {
        (void)inet_ntop(AF_INET, rr->rdata, out, (socklen_t)cap);
    } else if (rr->rrtype == RRTYPE_AAAA && rr->rdata_len == 16) {
        (void)inet_ntop(AF_INET6, rr->rdata, out, (socklen_t)cap);
    }
}

static void add_server(struct caa__zone *z, const char *name, const char *address)
{
    for (size_t i = 0; i < z->server_count; i++) {
        if (strcmp(z->servers[i].address, address) == 0 &&
            caa__ascii_streq_nocase(z->servers[i].name, name)) {
            return;
        }
    }
    if (z->server_count == CAA__ZONE_SERVERS_MAX) {
        return;
    }
    (void)snprintf(z->servers[z->server_count].name, sizeof(z->servers[0].name), "%s", name);
    (void)snprintf(z->servers[z->server_count].address, sizeof(z->servers[0].address), "%s",
                   address);
    z->servers[z->server_count].listed_by_parent = true;
    z->servers[z->server_count].is_private = caa__address_is_private(address);
    z->server_count++;
}

static void add_ns_name(struct caa__zone *z, const char *name)
{
    for (size_t i = 0; i < z->parent_ns_count; i++) {
        if (caa__ascii_streq_nocase(z->parent_ns[i], name)) {
            return;
        }
    }
    if (z->parent_ns_count < CAA__ZONE_NS_MAX) {
        (void)snprintf(z->parent_ns[z->parent_ns_count++], sizeof(z->parent_ns[0]), "%s", name);
    }
}

/* The child zone a reply refers to, with its NS names and glue, if it is a referral towards
 * name below current_apex. */
static bool read_referral(const struct caa__probe_result *r, const char *name,
                          const char *current_apex, struct caa__zone *z)
{
    bool found = false;

    if (r->outcome != CAA__PROBE_ANSWER || r->aa || r->rcode != 0) {
        return false;
    }
    for (size_t i = 0; i < r->authority_count; i++) {
        const struct caa__probe_rr *rr = &r->authority[i];
        char target[256];
        char owner[256];
        (void)snprintf(owner, sizeof(owner), "%s", rr->owner);
        caa__ascii_lower_in_place(owner, strlen(owner));
        if (rr->rrtype != RRTYPE_NS || !caa__name_at_or_below(name, owner) ||
            caa__ascii_streq_nocase(owner, current_apex) ||
            !caa__name_at_or_below(owner, current_apex) ||
            !caa__wire_name_text(rr->rdata, rr->rdata_len, target, sizeof(target))) {
            continue;
        }
        if (z->apex[0] == '\0') {
            (void)snprintf(z->apex, sizeof(z->apex), "%s", owner);
        }
        if (strcmp(z->apex, owner) == 0) {
            add_ns_name(z, target);
            found = true;
        }
    }
    for (size_t i = 0; found && i < r->additional_count; i++) {
        char address[64];
        address_text(&r->additional[i], address, sizeof(address));
        for (size_t n = 0; address[0] != '\0' && n < z->parent_ns_count; n++) {
            if (caa__ascii_streq_nocase(r->additional[i].owner, z->parent_ns[n])) {
                add_server(z, z->parent_ns[n], address);
            }
        }
    }
    return found;
}

/* NS names the parent gave no glue for: their addresses from the validating resolver. */
static void resolve_glueless(const struct caa__resolver_config *cfg, struct caa__zone *z)
{
    static const uint16_t types[] = {RRTYPE_A, RRTYPE_AAAA};

    for (size_t n = 0; n < z->parent_ns_count; n++) {
        bool have = false;
        for (size_t s = 0; s < z->server_count; s++) {
            have = have || caa__ascii_streq_nocase(z->servers[s].name, z->parent_ns[n]);
        }
        for (size_t t = 0; !have && t < 2; t++) {
            struct caa__dns_answer a;
            memset(&a, 0, sizeof(a));
            if (caa__resolve_one(cfg, z->parent_ns[n], types[t], &a, NULL) == CAA_OK &&
                a.dnssec != CAA_DNSSEC_BOGUS) {
                for (size_t i = 0; i < a.rdata_count; i++) {
                    struct caa__probe_rr rr = {"", types[t], 0, a.rdata[i], a.rdata_len[i]};
                    char address[64];
                    address_text(&rr, address, sizeof(address));
                    if (address[0] != '\0') {
                        add_server(z, z->parent_ns[n], address);
                    }
                }
            }
            caa__dns_answer_cleanup(&a);
        }
    }
}

struct walk {
    const struct caa__resolver_config *cfg;
    const char *name;
    unsigned timeout_ms;
    bool allow_private;
    struct caa__zones *out;
    struct caa__server servers[CAA__ZONE_SERVERS_MAX];
    size_t server_count;
    char apex[256];
};

/* One level: asks every current server; returns 1 when a referral moved the walk down, 0 when
 * the name's zone is reached, -1 when the walk cannot go on (out->problem says why). */
static int walk_step(struct walk *w)
{
    struct caa__probe_query q[CAA__ZONE_SERVERS_MAX];
    struct caa__probe_result r[CAA__ZONE_SERVERS_MAX];
    struct caa__zone *z = &w->out->zones[w->out->count];
    size_t asked = 0;
    size_t answered = 0;
    bool authoritative = false;
    bool referred = false;

    memset(z, 0, sizeof(*z));
    for (size_t i = 0; i < w->server_count; i++) {
        if (!caa__server_probe_allowed(&w->servers[i], w->allow_private)) {
            continue;
        }
        caa__probe_query_init(&q[asked], w->servers[i].address, w->name, RRTYPE_SOA, w->timeout_ms);
        q[asked].do_bit = false;
        asked++;
    }
    memset(r, 0, sizeof(r));
    if (asked == 0 || caa__probe_run(q, asked, r) != CAA_OK) {
        (void)snprintf(w->out->problem, sizeof(w->out->problem), "no server of %s could be asked",
                       w->apex[0] ? w->apex : "the root");
        return -1;
    }
    for (size_t i = 0; i < asked; i++) {
        answered += r[i].outcome == CAA__PROBE_ANSWER;
        authoritative = authoritative || (r[i].outcome == CAA__PROBE_ANSWER && r[i].aa &&
                                          (r[i].rcode == 0 || r[i].rcode == 3));
        referred = read_referral(&r[i], w->name, w->apex, z) || referred;
    }
    for (size_t i = 0; i < asked; i++) {
        caa__probe_result_cleanup(&r[i]);
    }
    if (referred) {
        (void)snprintf(z->parent, sizeof(z->parent), "%s", w->apex);
        memcpy(z->parent_servers, w->servers, sizeof(w->servers));
        z->parent_server_count = w->server_count;
        resolve_glueless(w->cfg, z);
        caa__servers_mark_refused(w->cfg, z->servers, z->server_count);
        w->out->count++;
        memcpy(w->servers, z->servers, sizeof(z->servers));
        w->server_count = z->server_count;
        (void)snprintf(w->apex, sizeof(w->apex), "%s", z->apex);
        return 1;
    }
    if (authoritative) {
        return 0;
    }
    (void)snprintf(w->out->problem, sizeof(w->out->problem),
                   answered == 0 ? "no server of %s answered"
                                 : "the servers of %s gave no referral",
                   w->apex[0] ? w->apex : "the root");
    return -1;
}

enum caa_status caa__zones_find(const struct caa__resolver_config *cfg, const char *name,
                                unsigned timeout_ms, bool allow_private, struct caa__zones *out,
                                struct caa_error *err)
{
    struct caa__root_server roots[CAA__HINTS_MAX];
    size_t root_count = 0;
    struct walk *w;
    enum caa_status st;

    memset(out, 0, sizeof(*out));
    st = caa__root_hints_load(cfg->root_hints, roots, CAA__HINTS_MAX, &root_count, err);
    if (st != CAA_OK) {
        return st;
    }
    w = calloc(1, sizeof(*w));
    if (w == NULL) {
        return CAA_E_NOMEM;
    }
    w->cfg = cfg;
    w->name = name;
    w->timeout_ms = timeout_ms;
    w->allow_private = allow_private;
    w->out = out;
    for (size_t i = 0; i < root_count && i < CAA__ZONE_SERVERS_MAX; i++) {
        (void)snprintf(w->servers[i].name, sizeof(w->servers[i].name), "%.255s", roots[i].name);
        (void)snprintf(w->servers[i].address, sizeof(w->servers[i].address), "%.63s",
                       roots[i].address);
        w->server_count++;
    }
    /* The hints are the user's own choice: their addresses are always asked. */
    for (int step = 0; step < WALK_STEPS_MAX && out->count < CAA__ZONES_MAX; step++) {
        if (walk_step(w) <= 0) {
            break;
        }
    }
    free(w);
    return CAA_OK;
}
