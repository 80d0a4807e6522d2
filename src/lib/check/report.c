/* SPDX-License-Identifier: MIT */
/* The check report: construction, release and the public getters. */
#include "lib/check/report.h"

#include <stdlib.h>
#include <string.h>

#include "lib/caa/name_internal.h"

struct caa_report *caa__report_new(size_t n, enum caa_profile profile,
                                   const struct caa_request *req)
{
    struct caa_report *rep = calloc(1, sizeof(*rep));
    struct caa__arena *arena = NULL;

    if (rep == NULL || caa__arena_new(CAA__RESULT_ARENA_MAX, &arena) != CAA_OK) {
        free(rep);
        return NULL;
    }
    rep->arena = arena;
    rep->profile = profile;
    rep->names = caa__arena_calloc(arena, n + 1, sizeof(*rep->names));
    rep->issuers = caa__arena_calloc(arena, req->issuer_count + 1, sizeof(*rep->issuers));
    for (size_t i = 0; rep->issuers != NULL && i < req->issuer_count; i++) {
        rep->issuers[i] = caa__arena_strdup(arena, req->issuers[i]);
    }
    rep->issuer_count = req->issuer_count;
    rep->account_uri = caa__arena_strdup(arena, req->account_uri);
    rep->method = caa__arena_strdup(arena, req->method);
    if (caa__arena_status(arena) != CAA_OK) {
        caa__arena_free(arena);
        free(rep);
        return NULL;
    }
    rep->name_count = n;
    return rep;
}

enum caa_status caa__name_result_set_name(struct caa__name_result *r, struct caa__arena *arena,
                                          const char *input, struct caa_error *err)
{
    const char *name = NULL;
    const char *unicode = NULL;
    enum caa_status st = caa__name_normalize_in(arena, input, &name, &unicode, err);

    if (st == CAA_OK) {
        r->name = name;
        r->unicode = unicode;
        r->wildcard = strncmp(name, "*.", 2) == 0;
    }
    return st;
}

void caa__name_result_cleanup(struct caa__name_result *r)
{
    caa_rrset_free(r->rrset);
    r->rrset = NULL;
    caa_evaluation_free(r->evaluation);
    r->evaluation = NULL;
}

void caa_report_free(struct caa_report *rep)
{
    if (rep == NULL) {
        return;
    }
    for (size_t i = 0; i < rep->name_count; i++) {
        caa__name_result_cleanup(&rep->names[i]);
    }
    caa__arena_free(rep->arena);
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

size_t caa_report_warning_count(const struct caa_report *rep)
{
    return rep->warning_count;
}

const struct caa_warning *caa_report_warning(const struct caa_report *rep, size_t i)
{
    return i < rep->warning_count ? &rep->warnings[i] : NULL;
}
