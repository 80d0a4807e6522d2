/* SPDX-License-Identifier: MIT */
/* The check report: construction, release and the public getters. */
#include "lib/check/report.h"

#include <stdlib.h>
#include <string.h>

enum caa_status caa__strdup_into(char **slot, const char *s)
{
    *slot = NULL;
    if (s == NULL) {
        return CAA_OK;
    }
    *slot = strdup(s);
    return *slot == NULL ? CAA_E_NOMEM : CAA_OK;
}

struct caa_report *caa__report_new(size_t n, enum caa_profile profile,
                                   const struct caa_request *req)
{
    struct caa_report *rep = calloc(1, sizeof(*rep));
    enum caa_status st = CAA_E_NOMEM;

    if (rep == NULL) {
        return NULL;
    }
    rep->profile = profile;
    rep->names = calloc(n + 1, sizeof(*rep->names));
    rep->issuers = calloc(req->issuer_count + 1, sizeof(*rep->issuers));
    if (rep->names == NULL || rep->issuers == NULL) {
        goto out;
    }
    rep->name_count = n;
    for (size_t i = 0; i < req->issuer_count; i++) {
        if (caa__strdup_into(&rep->issuers[i], req->issuers[i]) != CAA_OK) {
            goto out;
        }
        rep->issuer_count++;
    }
    st = caa__strdup_into(&rep->account_uri, req->account_uri);
    if (st == CAA_OK) {
        st = caa__strdup_into(&rep->method, req->method);
    }
out:
    if (st != CAA_OK) {
        caa_report_free(rep);
        return NULL;
    }
    return rep;
}

static void name_result_cleanup(struct caa__name_result *r)
{
    free(r->name);
    free(r->unicode);
    caa_rrset_free(r->rrset);
    for (size_t i = 0; i < r->alias_count; i++) {
        free(r->aliases[i]);
    }
    free(r->aliases);
    for (size_t i = 0; i < r->lookup_count; i++) {
        free((char *)(uintptr_t)r->lookups[i].qname);
        free((char *)(uintptr_t)r->lookups[i].why_bogus);
    }
    free(r->lookups);
    caa_evaluation_free(r->evaluation);
}

void caa_report_free(struct caa_report *rep)
{
    if (rep == NULL) {
        return;
    }
    for (size_t i = 0; rep->names != NULL && i < rep->name_count; i++) {
        name_result_cleanup(&rep->names[i]);
    }
    free(rep->names);
    for (size_t i = 0; i < rep->issuer_count; i++) {
        free(rep->issuers[i]);
    }
    free(rep->issuers);
    free(rep->account_uri);
    free(rep->method);
    free(rep);
}

enum caa_verdict caa_report_verdict(const struct caa_report *rep)
{
    enum caa_verdict worst = CAA_VERDICT_ALLOWED;

    for (size_t i = 0; i < rep->name_count; i++) {
        if (rep->names[i].verdict > worst) {
            worst = rep->names[i].verdict;
        }
    }
    return worst;
}

size_t caa_report_name_count(const struct caa_report *rep)
{
    return rep->name_count;
}

const char *caa_report_name(const struct caa_report *rep, size_t i)
{
    return rep->names[i].name;
}

const char *caa_report_name_unicode(const struct caa_report *rep, size_t i)
{
    return rep->names[i].unicode;
}

bool caa_report_wildcard(const struct caa_report *rep, size_t i)
{
    return rep->names[i].wildcard;
}

enum caa_verdict caa_report_name_verdict(const struct caa_report *rep, size_t i)
{
    return rep->names[i].verdict;
}

enum caa_code caa_report_name_code(const struct caa_report *rep, size_t i)
{
    return rep->names[i].code;
}

const char *caa_report_ca_message(const struct caa_report *rep, size_t i)
{
    return rep->names[i].ca_message;
}

const char *caa_report_reason(const struct caa_report *rep, size_t i)
{
    return rep->names[i].reason;
}

const struct caa_rrset *caa_report_rrset(const struct caa_report *rep, size_t i)
{
    return rep->names[i].rrset;
}

enum caa_dnssec caa_report_rrset_dnssec(const struct caa_report *rep, size_t i)
{
    return rep->names[i].rrset_dnssec;
}

size_t caa_report_alias_count(const struct caa_report *rep, size_t i)
{
    return rep->names[i].alias_count;
}

const char *caa_report_alias(const struct caa_report *rep, size_t i, size_t j)
{
    return rep->names[i].aliases[j];
}

size_t caa_report_lookup_count(const struct caa_report *rep, size_t i)
{
    return rep->names[i].lookup_count;
}

const struct caa_lookup *caa_report_lookup(const struct caa_report *rep, size_t i, size_t j)
{
    return &rep->names[i].lookups[j];
}

const struct caa_evaluation *caa_report_evaluation(const struct caa_report *rep, size_t i)
{
    return rep->names[i].evaluation;
}

bool caa_report_br_exception_used(const struct caa_report *rep, size_t i)
{
    return rep->names[i].br_exception_used;
}

unsigned caa_report_elapsed_ms(const struct caa_report *rep, size_t i)
{
    return rep->names[i].elapsed_ms;
}
