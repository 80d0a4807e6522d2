/* SPDX-License-Identifier: MIT */
/* A check report as "caa/1" JSON (docs/json.md). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/caa/record_json.h"
#include "lib/check/report.h"
#include "lib/util/json_text.h"

static json_t *request_json(const struct caa_report *rep)
{
    json_t *issuers = json_array();

    for (size_t i = 0; issuers != NULL && i < rep->issuer_count; i++) {
        json_array_append_new(issuers, caa__json_text(rep->issuers[i]));
    }
    return json_pack("{s:o, s:o, s:o}", "issuer_domains", issuers, "account_uri",
                     caa__json_text(rep->account_uri), "method", caa__json_text(rep->method));
}

static json_t *records_json(const struct caa__name_result *r)
{
    json_t *records = json_array();

    for (size_t i = 0; records != NULL && i < caa_rrset_count(r->rrset); i++) {
        json_t *rec = caa__record_json(caa_rrset_record(r->rrset, i));
        if (rec != NULL && r->evaluation != NULL) {
            json_object_set_new(rec, "outcome",
                                json_string(caa_record_outcome_name(
                                    caa_evaluation_record_outcome(r->evaluation, i))));
        }
        json_array_append_new(records, rec);
    }
    return records;
}

static json_t *strings_json(char *const *strings, size_t n)
{
    json_t *array = json_array();

    for (size_t i = 0; array != NULL && i < n; i++) {
        json_array_append_new(array, caa__json_text(strings[i]));
    }
    return array;
}

static json_t *lookups_json(const struct caa__name_result *r)
{
    json_t *lookups = json_array();

    for (size_t i = 0; lookups != NULL && i < r->lookup_count; i++) {
        const struct caa_lookup *l = &r->lookups[i];
        json_array_append_new(
            lookups,
            json_pack("{s:o, s:s, s:s, s:o, s:I, s:I, s:b, s:o}", "qname", caa__json_text(l->qname),
                      "rcode", l->rcode_name, "dnssec", caa_dnssec_name(l->dnssec), "why_bogus",
                      caa__json_text_or_null(l->why_bogus), "answers", (json_int_t)l->answer_count,
                      "elapsed_ms", (json_int_t)l->elapsed_ms, "used", l->used, "error",
                      l->failed ? json_string(caa_code_name(l->outcome)) : json_null()));
    }
    return lookups;
}

static json_t *profiles_json(const struct caa__name_result *r)
{
    const struct caa_evaluation *ev = r->evaluation;

    if (ev == NULL) {
        /* No RRset was evaluated (a lookup failed): the same shape, nothing to compare. */
        return json_pack("{s:b, s:n}", "differ", false, "other");
    }
    return json_pack("{s:b, s:{s:s, s:s, s:s, s:o}}", "differ", caa_evaluation_profiles_differ(ev),
                     "other", "profile", caa_profile_name(caa_evaluation_other_profile(ev)),
                     "verdict", caa_verdict_name(caa_evaluation_other_verdict(ev)), "code",
                     caa_code_name(caa_evaluation_other_code(ev)), "message",
                     caa__json_text(caa_evaluation_other_reason(ev)));
}

static json_t *ca_would_say(const struct caa__name_result *r)
{
    const char *type = r->verdict == CAA_VERDICT_ERROR ? "urn:ietf:params:acme:error:dns"
                                                       : "urn:ietf:params:acme:error:caa";

    if (r->ca_message[0] == '\0') {
        return json_null();
    }
    return json_pack("{s:s, s:o}", "acme_type", type, "detail", caa__json_text(r->ca_message));
}

/* The warnings about name i (docs/json.md): [] when there are none. */
static json_t *warnings_json(const struct caa_report *rep, size_t i)
{
    json_t *warnings = json_array();

    for (size_t k = 0; warnings != NULL && k < rep->warning_count; k++) {
        const struct caa_warning *w = &rep->warnings[k];
        json_t *servers = json_array();
        if (w->name_index != i) {
            json_decref(servers);
            continue;
        }
        for (size_t s = 0; servers != NULL && s < w->server_count; s++) {
            const struct caa_warning_server *ws = &w->servers[s];
            json_array_append_new(
                servers, json_pack("{s:o, s:o, s:o, s:b}", "name", caa__json_text(ws->name),
                                   "address", caa__json_text(ws->address), "answer",
                                   caa__json_text(ws->answer), "answered", ws->answered));
        }
        json_array_append_new(
            warnings, json_pack("{s:s, s:o, s:o, s:o, s:o}", "code", caa_code_name(w->code),
                                "qname", caa__json_text(w->qname), "zone", caa__json_text(w->zone),
                                "message", caa__json_text(w->message), "servers", servers));
    }
    return warnings;
}

static json_t *name_json(const struct caa_report *rep, const struct caa__name_result *r)
{
    const char *owner = r->rrset != NULL ? caa_rrset_owner(r->rrset) : "";
    json_t *doc = json_pack(
        "{s:s, s:s, s:o, s:o, s:b, s:o, s:s, s:s, s:s, s:o, s:o, s:{s:o, s:o, s:s, s:o}, s:o, "
        "s:I, s:o, s:b, s:I}",
        "schema", "caa/1", "type", "result", "name", caa__json_text(r->name), "name_unicode",
        caa__json_text(r->unicode), "wildcard", r->wildcard, "ca", request_json(rep), "profile",
        caa_profile_name(rep->profile), "verdict", caa_verdict_name(r->verdict), "code",
        caa_code_name(r->code), "message", caa__json_text(r->reason), "ca_would_say",
        ca_would_say(r), "relevant_rrset", "owner", caa__json_text_or_null(owner), "records",
        records_json(r), "dnssec", caa_dnssec_name(r->rrset_dnssec), "aliases",
        strings_json(r->aliases, r->alias_count), "lookups", lookups_json(r), "lookup_count",
        (json_int_t)r->lookup_count, "profiles", profiles_json(r), "br_exception_used",
        r->br_exception_used, "elapsed_ms", (json_int_t)r->elapsed_ms);

    if (doc != NULL) {
        json_object_set_new(doc, "warnings", warnings_json(rep, (size_t)(r - rep->names)));
    }
    return doc;
}

static enum caa_status dump(json_t *doc, unsigned flags, char **out)
{

    return caa__json_dump(doc, (flags & CAA_JSON_PRETTY) != 0, out);
}

enum caa_status caa_report_name_to_json(const struct caa_report *rep, size_t i, unsigned flags,
                                        char **out)
{
    if (i >= rep->name_count) {
        return CAA_E_INVALID_ARG;
    }
    return dump(name_json(rep, &rep->names[i]), flags, out);
}

enum caa_status caa_report_to_json(const struct caa_report *rep, unsigned flags, char **out)
{
    json_t *results = json_array();

    for (size_t i = 0; results != NULL && i < rep->name_count; i++) {
        json_array_append_new(results, name_json(rep, &rep->names[i]));
    }
    return dump(json_pack("{s:s, s:s, s:s, s:o}", "schema", "caa/1", "type", "order", "verdict",
                          caa_verdict_name(caa_report_verdict(rep)), "results", results),
                flags, out);
}

enum caa_status caa_report_order_json_from(const struct caa_report *rep, unsigned flags,
                                           const char *const *names, char **out)
{
    char *wrapper = NULL;
    size_t total, at, wrapper_len;
    enum caa_status st;

    if (rep == NULL || out == NULL || (flags & CAA_JSON_PRETTY) != 0 ||
        (names == NULL && rep->name_count > 0)) {
        return CAA_E_INVALID_ARG;
    }
    for (size_t i = 0; i < rep->name_count; i++) {
        if (names[i] == NULL) {
            return CAA_E_INVALID_ARG;
        }
    }
    /* The wrapper with no results, dumped as caa_report_to_json dumps it; the name documents
     * go between its closing "[]" (compact jansson writes nested values as it writes them
     * alone), so the two texts cannot drift apart. */
    st = dump(json_pack("{s:s, s:s, s:s, s:[]}", "schema", "caa/1", "type", "order", "verdict",
                        caa_verdict_name(caa_report_verdict(rep)), "results"),
              0, &wrapper);
    if (st != CAA_OK) {
        return st;
    }
    wrapper_len = strlen(wrapper);
    if (wrapper_len < 3 || strcmp(wrapper + wrapper_len - 3, "[]}") != 0) {
        free(wrapper);
        return CAA_E_INTERNAL;
    }
    total = wrapper_len + 1;
    for (size_t i = 0; i < rep->name_count; i++) {
        total += strlen(names[i]) + 1;
    }
    *out = malloc(total);
    if (*out == NULL) {
        free(wrapper);
        return CAA_E_NOMEM;
    }
    at = wrapper_len - 2; /* up to and with the "[" */
    memcpy(*out, wrapper, at);
    for (size_t i = 0; i < rep->name_count; i++) {
        size_t n = strlen(names[i]);
        if (i > 0) {
            (*out)[at++] = ',';
        }
        memcpy(*out + at, names[i], n);
        at += n;
    }
    memcpy(*out + at, "]}", 3);
    free(wrapper);
    return CAA_OK;
}
