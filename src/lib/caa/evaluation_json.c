/* SPDX-License-Identifier: MIT */
/* An evaluation as a "caa/1" JSON document (docs/json.md). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <caa/evaluate.h>

#include "lib/caa/record_json.h"
#include "lib/util/json_text.h"

static json_t *profile_view(enum caa_profile profile, enum caa_verdict verdict, enum caa_code code,
                            const char *reason)
{
    return json_pack("{s:s, s:s, s:s, s:o}", "profile", caa_profile_name(profile), "verdict",
                     caa_verdict_name(verdict), "code", caa_code_name(code), "message",
                     caa__json_text(reason));
}

static bool is_decisive(const struct caa_evaluation *ev, size_t i)
{
    for (size_t d = 0; d < caa_evaluation_decisive_count(ev); d++) {
        if (caa_evaluation_decisive_index(ev, d) == i) {
            return true;
        }
    }
    return false;
}

static json_t *records_json(const struct caa_evaluation *ev, const struct caa_rrset *set)
{
    json_t *records = json_array();

    for (size_t i = 0; records != NULL && i < caa_rrset_count(set); i++) {
        json_t *rec = caa__record_json(caa_rrset_record(set, i));
        if (rec == NULL ||
            json_object_set_new(
                rec, "outcome",
                json_string(caa_record_outcome_name(caa_evaluation_record_outcome(ev, i)))) != 0 ||
            json_object_set_new(rec, "decisive", json_boolean(is_decisive(ev, i))) != 0 ||
            json_array_append_new(records, rec) != 0) {
            json_decref(records);
            return NULL;
        }
    }
    return records;
}

static json_t *request_json(const struct caa_request *req)
{
    json_t *issuers = json_array();

    for (size_t i = 0; issuers != NULL && i < req->issuer_count; i++) {
        if (json_array_append_new(issuers, caa__json_text(req->issuers[i])) != 0) {
            json_decref(issuers);
            return NULL;
        }
    }
    return json_pack("{s:o, s:o, s:o}", "issuer_domains", issuers, "account_uri",
                     caa__json_text(req->account_uri), "method", caa__json_text(req->method));
}

enum caa_status caa_evaluation_to_json(const struct caa_evaluation *ev, const struct caa_rrset *set,
                                       const struct caa_request *req, unsigned flags, char **out)
{
    const char *name = req->name;
    const char *ca_message = caa_evaluation_ca_message(ev);
    const char *owner = caa_rrset_owner(set);
    json_t *doc;

    doc = json_pack(
        "{s:s, s:s, s:o, s:b, s:o, s:s, s:s, s:s, s:o, s:o, s:{s:o, s:o}, s:b, s:{s:b, s:o}}",
        "schema", "caa/1", "type", "result", "name", caa__json_text(name), "wildcard",
        caa_evaluation_wildcard(ev), "ca", request_json(req), "profile",
        caa_profile_name(caa_evaluation_profile(ev)), "verdict",
        caa_verdict_name(caa_evaluation_verdict(ev)), "code",
        caa_code_name(caa_evaluation_code(ev)), "message",
        caa__json_text(caa_evaluation_reason(ev)), "ca_would_say",
        ca_message != NULL ? json_pack("{s:s, s:o}", "acme_type", "urn:ietf:params:acme:error:caa",
                                       "detail", caa__json_text(ca_message))
                           : json_null(),
        "relevant_rrset", "owner", caa__json_text_or_null(owner), "records", records_json(ev, set),
        "profiles_differ", caa_evaluation_profiles_differ(ev), "profiles", "differ",
        caa_evaluation_profiles_differ(ev), "other",
        profile_view(caa_evaluation_other_profile(ev), caa_evaluation_other_verdict(ev),
                     caa_evaluation_other_code(ev), caa_evaluation_other_reason(ev)));
    return caa__json_dump(doc, (flags & CAA_JSON_PRETTY) != 0, out);
}
