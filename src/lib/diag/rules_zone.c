/* SPDX-License-Identifier: MIT */
/* Findings about a zone as a whole: do its servers agree with each other and with the parent? */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/diag/rules.h"
#include "lib/dns/probe_rrset.h"
#include "lib/dns/wire_name.h"
#include "lib/util/ascii.h"

#define RRTYPE_NS 2
#define RRTYPE_TXT 16
#define RRTYPE_CAA 257

/* "server (address): record, record" for one server's answer, appended to evidence. */
static size_t put_server_records(char *out, size_t cap, size_t used, const struct caa__server *s,
                                 const struct caa__probe_result *r, uint16_t rrtype)
{
    int w =
        snprintf(out + used, cap - used, "%s%s (%s): ", used > 0 ? "; " : "", s->name, s->address);

    used += w > 0 && (size_t)w < cap - used ? (size_t)w : 0;
    return caa__probe_rrset_show(out, cap, used, r, rrtype);
}

static bool good(const struct caa__probe_result *r)
{
    return r != NULL && r->outcome == CAA__PROBE_ANSWER && r->aa &&
           (r->rcode == 0 || r->rcode == 3);
}

/* Different servers, different answers to the same question. */
static void compare_servers(const struct caa__rules_input *in, size_t zi, enum caa__probe_kind kind,
                            size_t label, uint16_t rrtype, enum caa_code code, const char *what,
                            struct caa__findings *out)
{
    const struct caa__zone *z = &in->zones->zones[zi];
    char first[CAA__PROBE_KEY_MAX] = "";
    char evidence[2048] = "";
    size_t used = 0;
    bool have_first = false;
    bool differ = false;

    for (size_t si = 0; si < z->server_count; si++) {
        const struct caa__probe_result *r = caa__plan_find(in->plan, zi, si, kind, label, 0);
        char set[CAA__PROBE_KEY_MAX];
        if (!good(r)) {
            continue;
        }
        caa__probe_rrset_key(r, rrtype, set, sizeof(set));
        if (!have_first) {
            (void)snprintf(first, sizeof(first), "%s", set);
            have_first = true;
        }
        differ = differ || strcmp(first, set) != 0;
        /* The records themselves, per server (issue 11: counts alone hid what differs). */
        used = put_server_records(evidence, sizeof(evidence), used, &z->servers[si], r, rrtype);
    }
    if (differ) {
        struct caa_finding *f =
            caa__findings_add(out, code, z->apex, "", "", NULL,
                              "the servers of %s serve different %s", z->apex, what);
        caa__finding_evidence(out, f, "%s", evidence);
    }
}

/* The serial field of a SOA RDATA: after two uncompressed names. */
static bool soa_serial(const struct caa__probe_result *r, uint32_t *serial)
{
    for (size_t i = 0; i < r->answer_count; i++) {
        const struct caa__probe_rr *rr = &r->answer[i];
        size_t at = 0;
        if (rr->rrtype != 6) {
            continue;
        }
        for (int name = 0; name < 2; name++) {
            while (at < rr->rdata_len && rr->rdata[at] != 0) {
                at += (size_t)rr->rdata[at] + 1;
            }
            at++;
        }
        if (at + 4 <= rr->rdata_len) {
            *serial = (uint32_t)rr->rdata[at] << 24 | (uint32_t)rr->rdata[at + 1] << 16 |
                      (uint32_t)rr->rdata[at + 2] << 8 | rr->rdata[at + 3];
            return true;
        }
    }
    return false;
}

static void compare_serials(const struct caa__rules_input *in, size_t zi, struct caa__findings *out)
{
    const struct caa__zone *z = &in->zones->zones[zi];
    char evidence[2048] = "";
    size_t used = 0;
    uint32_t first = 0;
    bool have = false;
    bool differ = false;

    for (size_t si = 0; si < z->server_count; si++) {
        const struct caa__probe_result *r = caa__plan_find(in->plan, zi, si, CAA__PK_SOA, 0, 0);
        uint32_t serial;
        int w;
        if (!good(r) || !soa_serial(r, &serial)) {
            continue;
        }
        differ = differ || (have && serial != first);
        first = have ? first : serial;
        have = true;
        w = snprintf(evidence + used, sizeof(evidence) - used, "%s%s: %u", used > 0 ? ", " : "",
                     z->servers[si].name, serial);
        used += w > 0 && (size_t)w < sizeof(evidence) - used ? (size_t)w : 0;
    }
    if (differ) {
        struct caa_finding *f =
            caa__findings_add(out, CAA_CODE_SOA_SERIAL_MISMATCH, z->apex, "", "", NULL,
                              "the servers of %s serve different "
                              "versions of the zone (SOA serials)",
                              z->apex);
        caa__finding_evidence(out, f, "%s", evidence);
    }
}

static bool in_set(char set[][256], size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (caa__ascii_streq_nocase(set[i], name)) {
            return true;
        }
    }
    return false;
}

/* RFC 1034 §4.2.2: the parent's NS set and the zone's own should be the same. */
static void compare_delegation(const struct caa__rules_input *in, size_t zi,
                               struct caa__findings *out)
{
    const struct caa__zone *z = &in->zones->zones[zi];
    char child[CAA__ZONE_NS_MAX][256];
    size_t n = 0;
    bool differ;

    for (size_t si = 0; si < z->server_count && n == 0; si++) {
        const struct caa__probe_result *r = caa__plan_find(in->plan, zi, si, CAA__PK_NS, 0, 0);
        for (size_t i = 0; good(r) && i < r->answer_count && n < CAA__ZONE_NS_MAX; i++) {
            if (r->answer[i].rrtype == RRTYPE_NS &&
                caa__ascii_streq_nocase(r->answer[i].owner, z->apex) &&
                caa__wire_name_text(r->answer[i].rdata, r->answer[i].rdata_len, child[n],
                                    sizeof(child[n]))) {
                n++;
            }
        }
    }
    if (n == 0) {
        return;
    }
    differ = n != z->parent_ns_count;
    for (size_t i = 0; !differ && i < n; i++) {
        differ = !in_set((char(*)[256])z->parent_ns, z->parent_ns_count, child[i]);
    }
    if (differ) {
        char evidence[2048];
        size_t used = 0;
        int w = snprintf(evidence, sizeof(evidence), "parent (%s) lists",
                         z->parent[0] ? z->parent : "root");
        used = w > 0 ? (size_t)w : 0;
        for (size_t i = 0; i < z->parent_ns_count && used < sizeof(evidence); i++) {
            w = snprintf(evidence + used, sizeof(evidence) - used, " %s", z->parent_ns[i]);
            used += w > 0 ? (size_t)w : 0;
        }
        w = used < sizeof(evidence)
                ? snprintf(evidence + used, sizeof(evidence) - used, "; the zone lists")
                : 0;
        used += w > 0 ? (size_t)w : 0;
        for (size_t i = 0; i < n && used < sizeof(evidence); i++) {
            w = snprintf(evidence + used, sizeof(evidence) - used, " %s", child[i]);
            used += w > 0 ? (size_t)w : 0;
        }
        caa__finding_evidence(out,
                              caa__findings_add(out, CAA_CODE_DELEGATION_MISMATCH, z->apex, "", "",
                                                NULL,
                                                "the NS records of %s at its parent and in "
                                                "the zone differ",
                                                z->apex),
                              "%s", evidence);
    }
}

void caa__rules_zones(const struct caa__rules_input *in, struct caa__findings *out)
{
    for (size_t zi = 0; zi < in->zones->count; zi++) {
        for (size_t l = 0; l < in->plan->label_count; l++) {
            if (in->plan->label_zone[l] == zi) {
                compare_servers(in, zi, CAA__PK_CAA, l, RRTYPE_CAA, CAA_CODE_NS_INCONSISTENT,
                                "CAA records", out);
            }
        }
        compare_serials(in, zi, out);
        compare_delegation(in, zi, out);
    }
}

void caa__rules_dns01(const struct caa__rules_input *in, struct caa__findings *out)
{
    if (in->plan->txt_name[0] == '\0' || in->plan->txt_zone >= in->zones->count) {
        return;
    }
    compare_servers(in, in->plan->txt_zone, CAA__PK_TXT, 0, RRTYPE_TXT, CAA_CODE_DNS01_TXT_MISMATCH,
                    "_acme-challenge TXT records", out);
}
