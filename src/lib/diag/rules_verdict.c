/* SPDX-License-Identifier: MIT */
/* Findings that connect what the servers do to what the CA decides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <caa/check.h>
#include <caa/code.h>
#include <caa/evaluate.h>
#include <caa/lint.h>
#include <caa/record.h>

#include "lib/check/report.h"
#include "lib/diag/diagnosis.h"
#include "lib/dns/wire_name.h"
#include "lib/util/ascii.h"

#define RRTYPE_CNAME 5
#define CNAME_HOPS_MAX 40
/* Steps after which some resolvers give up (8 in older Unbound and in many stub resolvers,
 * 11 in Unbound 1.17+): a chain this long under a SERVFAIL is the cause. */
#define CNAME_HOPS_TOO_MANY 8

/* The lookup whose failure decided an error verdict, or NULL. */
static const struct caa_lookup *failing_lookup(const struct caa_report *rep)
{
    for (size_t j = 0; j < caa_report_lookup_count(rep, 0); j++) {
        const struct caa_lookup *l = caa_report_lookup(rep, 0, j);
        if (l->failed && l->used) {
            return l;
        }
    }
    return NULL;
}

static const char *governing_tag(const struct caa_report *rep)
{
    const struct caa_evaluation *ev = caa_report_evaluation(rep, 0);
    const struct caa_rrset *set = caa_report_rrset(rep, 0);

    for (size_t i = 0; ev != NULL && i < caa_rrset_count(set); i++) {
        if (caa_evaluation_record_outcome(ev, i) != CAA_RECORD_NOT_CONSIDERED &&
            caa_record_tag_is(caa_rrset_record(set, i), "issuewild")) {
            return "issuewild";
        }
    }
    return "issue";
}

/* The record that would let the CA issue: `owner. IN CAA 0 issue "ca; accounturi=..."`. */
static void wanted_record(const struct caa_diagnosis *d, const struct caa_request *req,
                          const char *owner, char *out, size_t cap)
{
    const char *ca = req->issuer_count > 0 ? req->issuers[0] : "letsencrypt.org";
    char params[768] = "";
    size_t used = 0;

    (void)d;
    if (req->account_uri != NULL) {
        int w = snprintf(params, sizeof(params), "; accounturi=%s", req->account_uri);
        used = w > 0 ? (size_t)w : 0;
    }
    if (req->method != NULL && used < sizeof(params)) {
        (void)snprintf(params + used, sizeof(params) - used, "; validationmethods=%s", req->method);
    }
    (void)snprintf(out, cap, "%s. IN CAA 0 %s \"%s%s\"", owner, governing_tag(d->report), ca,
                   params);
}

static void policy_finding(struct caa_diagnosis *d, const struct caa_request *req)
{
    const struct caa_report *rep = d->report;
    const struct caa_rrset *set = caa_report_rrset(rep, 0);
    const char *owner = caa_rrset_owner(set);
    const char *name = caa_report_name(rep, 0);
    const char *base = strncmp(name, "*.", 2) == 0 ? name + 2 : name;
    char record[1024];
    char fix[1536];
    struct caa_finding *f;
    const struct caa_evaluation *ev = caa_report_evaluation(rep, 0);
    const char *ev_fix = ev != NULL ? caa_evaluation_fix(ev) : NULL;

    wanted_record(d, req, owner[0] != '\0' ? owner : base, record, sizeof(record));
    if (ev_fix != NULL && strchr(ev_fix, '\n') != NULL) {
        /* Adding a record cannot help (a critical record blocks every CA): the evaluation's fix,
         * its first line the step and the rest the corrected records. */
        const char *nl = strchr(ev_fix, '\n');

        (void)snprintf(fix, sizeof(fix), "%.*s", (int)(nl - ev_fix), ev_fix);
        (void)snprintf(record, sizeof(record), "%s", nl + 1);
    } else if (owner[0] != '\0' && !caa__ascii_streq_nocase(owner, base)) {
        (void)snprintf(fix, sizeof(fix),
                       "the policy comes from %s, a parent of %s: change it there, or publish an "
                       "RRset at %s itself, which then governs it alone (RFC 8659 §3)",
                       owner, base, base);
    } else {
        (void)snprintf(fix, sizeof(fix), "publish (or change the record into) the record below");
    }
    f = caa__findings_add(&d->findings, caa_report_name_code(rep, 0), owner, "", "", fix, "%s",
                          caa_report_reason(rep, 0));
    if (f != NULL) {
        f->blocks_issuance = true;
        f->severity = CAA_SEVERITY_ERROR;
        caa__finding_evidence(&d->findings, f, "%s", caa_report_ca_message(rep, 0));
        caa__finding_record(&d->findings, f, record);
    }
}

/* Lint findings of one code shown per diagnosis: a 1,000-record RRset (issue 11) would
 * otherwise bury the answer under 999 copies of one warning. */
#define LINT_SAME_CODE_MAX 5

/* How many findings of code d already holds. */
static size_t count_code(const struct caa_diagnosis *d, enum caa_code code)
{
    size_t n = 0;

    for (size_t i = 0; i < d->findings.count; i++) {
        n += d->findings.items[i].code == code;
    }
    return n;
}

/* The last shown finding of each capped code says how many more records have it; skipped[]
 * (per code) is used up on the way. */
static void note_skipped(struct caa_diagnosis *d, size_t *skipped)
{
    for (size_t i = d->findings.count; i > 0; i--) {
        struct caa_finding *f = &d->findings.items[i - 1];
        if ((unsigned)f->code < (unsigned)CAA_CODE_COUNT_ && skipped[f->code] > 0) {
            caa__finding_evidence(&d->findings, f,
                                  "%s (and %zu more records with this finding; caa lint lists "
                                  "them all)",
                                  f->evidence, skipped[f->code]);
            skipped[f->code] = 0;
        }
    }
}

/* caa lint on the relevant RRset, as published. */
static void lint_findings(struct caa_diagnosis *d)
{
    const struct caa_rrset *set = caa_report_rrset(d->report, 0);
    const char *owner = caa_rrset_owner(set);
    struct caa_lint_report *lint = NULL;
    size_t skipped[CAA_CODE_COUNT_] = {0};

    if (owner[0] == '\0' || caa_lint_rrset(set, &lint) != CAA_OK) {
        return;
    }
    for (size_t i = 0; i < caa_lint_report_count(lint); i++) {
        const struct caa_lint_finding *lf = caa_lint_report_finding(lint, i);
        struct caa_finding *f;
        if (lf->severity < CAA_SEVERITY_WARNING) {
            continue;
        }
        if ((unsigned)lf->code < (unsigned)CAA_CODE_COUNT_ &&
            count_code(d, lf->code) >= LINT_SAME_CODE_MAX) {
            skipped[lf->code]++;
            continue;
        }
        f = caa__findings_add(&d->findings, lf->code, owner, "", "",
                              lf->fix[0] != '\0' ? "replace the record with the one below"
                                                 : "see the lint code in docs/lint-codes.md",
                              "%s", lf->message);
        if (f != NULL) {
            f->severity = lf->severity;
            caa__finding_evidence(&d->findings, f, "%s", lf->record);
            caa__finding_record(&d->findings, f, lf->fix);
        }
    }
    note_skipped(d, skipped);
    caa_lint_report_free(lint);
}

/* Follows a CNAME chain through the validating resolver, at most CNAME_HOPS_MAX steps; true
 * if it comes back on itself. *hops: the steps followed. */
static bool cname_loops(const struct caa__resolver_config *cfg, const char *start, char *evidence,
                        size_t cap, size_t *hops)
{
    char seen[CNAME_HOPS_MAX][256];
    size_t n = 0;
    size_t used = 0;

    (void)snprintf(seen[n++], sizeof(seen[0]), "%s", start);
    evidence[0] = '\0';
    *hops = 0;
    while (n < CNAME_HOPS_MAX) {
        struct caa__dns_answer a;
        char target[256] = "";
        int w;
        memset(&a, 0, sizeof(a));
        if (caa__resolve_one(cfg, seen[n - 1], RRTYPE_CNAME, &a, NULL) != CAA_OK ||
            a.rdata_count == 0 ||
            !caa__wire_name_text(a.rdata[0], a.rdata_len[0], target, sizeof(target))) {
            caa__dns_answer_cleanup(&a);
            return false;
        }
        caa__dns_answer_cleanup(&a);
        (*hops)++;
        w = snprintf(evidence + used, cap - used, "%s -> %s; ", seen[n - 1], target);
        used += w > 0 && (size_t)w < cap - used ? (size_t)w : 0;
        for (size_t i = 0; i < n; i++) {
            if (caa__ascii_streq_nocase(seen[i], target)) {
                return true;
            }
        }
        (void)snprintf(seen[n++], sizeof(seen[0]), "%s", target);
    }
    return false;
}

static void mark_blocking(struct caa_diagnosis *d, const char *zone)
{
    for (size_t i = 0; i < d->findings.count; i++) {
        struct caa_finding *f = &d->findings.items[i];
        if (f->severity == CAA_SEVERITY_ERROR && caa__ascii_streq_nocase(f->zone, zone) &&
            caa_code_kind(f->code) == CAA_CODE_KIND_DIAGNOSIS) {
            f->blocks_issuance = true;
        }
    }
}

static bool any_blocking(const struct caa_diagnosis *d)
{
    for (size_t i = 0; i < d->findings.count; i++) {
        if (d->findings.items[i].blocks_issuance) {
            return true;
        }
    }
    return false;
}

static void parent_failure(struct caa_diagnosis *d, const struct caa_lookup *l,
                           const struct caa__zone *failing, const struct caa__zone *own)
{
    struct caa_finding *f =
        caa__findings_add(&d->findings, CAA_CODE_PARENT_LOOKUP_FAILED, failing->apex, "", "", NULL,
                          "the CAA lookup that fails is for %s, in the zone %s, above your zone %s",
                          l->qname, failing->apex, own->apex);

    if (f != NULL) {
        f->blocks_issuance = true;
        f->blame =
            strchr(failing->apex, '.') == NULL ? CAA_BLAME_TLD_REGISTRY : CAA_BLAME_PARENT_ZONE;
        caa__finding_evidence(&d->findings, f, "%s", caa_report_ca_message(d->report, 0));
    }
}

/* A SERVFAIL explained by the CNAME chain: a loop, or more steps than resolvers follow. */
static void cname_findings(struct caa_diagnosis *d, const struct caa__resolver_config *cfg,
                           const struct caa_lookup *l, const struct caa__zone *failing)
{
    char evidence[1024];
    size_t hops = 0;
    bool loops = cname_loops(cfg, l->qname, evidence, sizeof(evidence), &hops);
    struct caa_finding *f = NULL;

    if (loops) {
        f = caa__findings_add(&d->findings, CAA_CODE_CNAME_LOOP,
                              failing != NULL ? failing->apex : "", "", "", NULL,
                              "the CNAME chain of %s loops", l->qname);
    } else if (hops >= CNAME_HOPS_TOO_MANY) {
        f = caa__findings_add(&d->findings, CAA_CODE_CNAME_CHAIN_TOO_LONG,
                              failing != NULL ? failing->apex : "", "", "", NULL,
                              "the CNAME chain of %s has %s%zu steps; resolvers give up after 8 "
                              "to 11",
                              l->qname, hops >= CNAME_HOPS_MAX - 1 ? "at least " : "", hops);
    }
    if (f != NULL) {
        f->blocks_issuance = true;
        caa__finding_evidence(&d->findings, f, "%s", evidence);
    }
}

/* check said DNS_MALFORMED: a CAA record's RDATA does not parse. Not transient: the zone
 * serves it, and the CA fails closed on it every time. */
static void malformed_finding(struct caa_diagnosis *d, const struct caa_lookup *l,
                              const struct caa__zone *failing)
{
    struct caa_finding *f = caa__findings_add(
        &d->findings, CAA_CODE_CAA_RECORD_MALFORMED, failing != NULL ? failing->apex : "", "", "",
        NULL, "a CAA record at %s does not parse: the CA cannot read the policy and refuses",
        l->qname);

    if (f != NULL) {
        f->blocks_issuance = true;
        caa__finding_evidence(&d->findings, f, "%s", caa_report_ca_message(d->report, 0));
    }
}

static void error_findings(struct caa_diagnosis *d, const struct caa__resolver_config *cfg)
{
    const struct caa_lookup *l = failing_lookup(d->report);
    const char *name = caa_report_name(d->report, 0);
    const struct caa__zone *failing;
    const struct caa__zone *own;

    if (l == NULL) {
        return;
    }
    if (l->outcome == CAA_CODE_DNS_NXDOMAIN_TLD) {
        struct caa_finding *f = caa__findings_add(
            &d->findings, CAA_CODE_DNS_NXDOMAIN_TLD, l->qname, "", "",
            "check the spelling of the name; names under a TLD that is not in the public root "
            "cannot get a certificate from a public CA",
            "the top-level domain %s does not exist (the root answers NXDOMAIN)", l->qname);
        if (f != NULL) {
            f->blocks_issuance = true;
            f->blame = CAA_BLAME_DOMAIN_OWNER;
            f->retryable = false;
            caa__finding_evidence(&d->findings, f, "%s", caa_report_ca_message(d->report, 0));
        }
        return;
    }
    failing = caa__zones_for(&d->zones, l->qname);
    own = caa__zones_for(&d->zones, strncmp(name, "*.", 2) == 0 ? name + 2 : name);
    if (failing != NULL) {
        mark_blocking(d, failing->apex);
    }
    if (failing != NULL && own != NULL && failing != own) {
        parent_failure(d, l, failing, own);
    }
    if (l->outcome == CAA_CODE_DNS_SERVFAIL) {
        cname_findings(d, cfg, l, failing);
    }
    if (l->outcome == CAA_CODE_DNS_MALFORMED) {
        malformed_finding(d, l, failing);
    }
    if (!any_blocking(d)) {
        struct caa_finding *f = caa__findings_add(
            &d->findings, CAA_CODE_NO_PROBLEM_FOUND, failing != NULL ? failing->apex : "", "", "",
            "retry; if it keeps failing, run caa diagnose --repeat 10 to catch the server",
            "every authoritative server answers correctly now, yet the lookup of %s failed: the "
            "failure was transient (rate limiting, packet loss, a regional outage)",
            l->qname);
        if (f != NULL) {
            f->blocks_issuance = true;
            f->blame = CAA_BLAME_NETWORK;
            caa__finding_evidence(&d->findings, f, "%s", caa_report_ca_message(d->report, 0));
        }
    }
}

static bool any_problem(const struct caa_diagnosis *d)
{
    for (size_t i = 0; i < d->findings.count; i++) {
        if (d->findings.items[i].severity >= CAA_SEVERITY_WARNING) {
            return true;
        }
    }
    return false;
}

void caa__rules_verdict(struct caa_diagnosis *d, const struct caa__resolver_config *cfg)
{
    const struct caa_report *rep = d->report;
    struct caa_request req;

    caa_request_init(&req);
    req.issuers = (const char *const *)rep->issuers;
    req.issuer_count = rep->issuer_count;
    req.account_uri = rep->account_uri;
    req.method = rep->method;
    if (caa_report_name_verdict(rep, 0) == CAA_VERDICT_DENIED) {
        policy_finding(d, &req);
    }
    lint_findings(d);
    if (caa_report_name_verdict(rep, 0) == CAA_VERDICT_ERROR) {
        error_findings(d, cfg);
    }
    if (!any_problem(d) && caa_report_name_verdict(rep, 0) != CAA_VERDICT_ERROR) {
        caa__findings_add(&d->findings, CAA_CODE_NO_PROBLEM_FOUND, "", "", "", "",
                          "every nameserver answered CAA correctly; the CA will decide: %s (%s)",
                          caa_verdict_name(caa_report_name_verdict(rep, 0)),
                          caa_report_reason(rep, 0));
    }
}
