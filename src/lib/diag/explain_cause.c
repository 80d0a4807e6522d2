/* SPDX-License-Identifier: MIT */
/*
 * caa explain's conclusion: a CA says only "CAA record for X prevents issuance", whatever the
 * reason; today's evaluation of the same name says which rule refused (issuewild, a critical tag,
 * an account or method binding), and when today's DNS allows what the CA refused, what may have
 * changed in between.
 */
#include <stdlib.h>
#include <string.h>

#include <caa/check.h>
#include <caa/code.h>
#include <caa/diagnose.h>
#include <caa/evaluate.h>
#include <caa/record.h>

#include "lib/util/buf.h"

#define CAUSE_MAX ((size_t)16 * 1024)

static bool refusal(enum caa_code kind)
{
    return kind == CAA_CODE_ISSUER_NOT_LISTED || kind == CAA_CODE_UNKNOWN_CRITICAL;
}

static bool dns_failure(enum caa_code kind)
{
    return caa_code_kind(kind) == CAA_CODE_KIND_DNS && kind != CAA_CODE_DNS01_TXT_FAILED &&
           kind != CAA_CODE_BR_EXCEPTION && kind != CAA_CODE_INPUT_INVALID;
}

/* The tag that decides for this request: issuewild when a considered record has it. */
static bool issuewild_decides(const struct caa_evaluation *ev, const struct caa_rrset *set)
{
    for (size_t i = 0; ev != NULL && i < caa_rrset_count(set); i++) {
        if (caa_evaluation_record_outcome(ev, i) != CAA_RECORD_NOT_CONSIDERED &&
            caa_record_tag_is(caa_rrset_record(set, i), "issuewild")) {
            return true;
        }
    }
    return false;
}

static bool any_value_has(const struct caa_rrset *set, const char *word)
{
    size_t n = strlen(word);

    for (size_t i = 0; i < caa_rrset_count(set); i++) {
        const struct caa_record *rec = caa_rrset_record(set, i);

        for (size_t k = 0; k + n <= rec->value_len; k++) {
            if (memcmp(rec->value + k, word, n) == 0) {
                return true;
            }
        }
    }
    return false;
}

static bool any_tag(const struct caa_rrset *set, const char *tag)
{
    for (size_t i = 0; i < caa_rrset_count(set); i++) {
        if (caa_record_tag_is(caa_rrset_record(set, i), tag)) {
            return true;
        }
    }
    return false;
}

/* Today's DNS denies too: which rule. */
static void denied_today(struct caa__buf *b, const struct caa_report *rep,
                         const struct caa_request *req, const char *owner)
{
    const struct caa_evaluation *ev = caa_report_evaluation(rep, 0);
    const struct caa_rrset *set = caa_report_rrset(rep, 0);
    const char *name = caa_report_name(rep, 0);
    bool wild = caa_report_wildcard(rep, 0) && issuewild_decides(ev, set);

    switch (caa_report_name_code(rep, 0)) {
    case CAA_CODE_UNKNOWN_CRITICAL:
        caa__buf_printf(b,
                        "cause: a record at %s marks a property the CA does not know as critical, "
                        "and RFC 8659 section 4.5 makes the CA refuse: not the list of issuers\n",
                        owner);
        break;
    case CAA_CODE_ACCOUNTURI_MISMATCH:
        if (req->account_uri == NULL) {
            caa__buf_printf(b,
                            "cause: the record naming the CA at %s binds it to one ACME account "
                            "(accounturi, RFC 8657 section 3), and this check was not given the "
                            "order's: run again with --account-uri URL to see whether yours is "
                            "the one\n",
                            owner);
            break;
        }
        caa__buf_printf(b,
                        "cause: the record naming the CA at %s binds it to another ACME account "
                        "(accounturi, RFC 8657 section 3): order from that account, or add a "
                        "record with yours\n",
                        owner);
        break;
    case CAA_CODE_METHOD_NOT_ALLOWED:
        if (req->method == NULL) {
            caa__buf_printf(b,
                            "cause: the record naming the CA at %s allows only some validation "
                            "methods (validationmethods, RFC 8657 section 4), and this check was "
                            "not given the order's: run again with --method METHOD\n",
                            owner);
            break;
        }
        caa__buf_printf(b,
                        "cause: the record naming the CA at %s allows only the validation methods "
                        "in its validationmethods (RFC 8657 section 4), not the one the order "
                        "used\n",
                        owner);
        break;
    case CAA_CODE_EMPTY_ISSUER:
        caa__buf_printf(
            b, "cause: %s \";\" at %s forbids every CA%s\n", wild ? "issuewild" : "issue", owner,
            wild ? " for wildcard names; issue records decide only for the name itself" : "");
        break;
    default:
        if (wild) {
            caa__buf_printf(b,
                            "cause: for the wildcard %s the issuewild records at %s decide (RFC "
                            "8659 section 4.3) and they do not name the CA; issue records, which "
                            "may name it, do not apply to wildcard certificates\n",
                            name, owner);
        } else {
            caa__buf_printf(b, "cause: %s\n", caa_report_reason(rep, 0));
        }
        break;
    }
    if (ev != NULL && caa_evaluation_fix(ev) != NULL) {
        caa__buf_printf(b, "fix: %s\n", caa_evaluation_fix(ev));
    }
}

/* Today's DNS allows what the CA refused: what can differ between its look and ours. */
static void allowed_today(struct caa__buf *b, const struct caa_report *rep,
                          const struct caa_request *req, const char *owner)
{
    const struct caa_rrset *set = caa_report_rrset(rep, 0);
    const char *name = caa_report_name(rep, 0);
    bool wildcard = caa_report_wildcard(rep, 0);

    caa__buf_printf(b, "today's DNS allows what the CA refused; what may have changed since:\n");
    caa__buf_printf(b,
                    "- records: if the CAA records at %s or above changed after the CA looked, "
                    "resolvers (the CA's too) keep the old answer until its TTL runs out "
                    "(dig CAA %s shows it): retry the order after that\n",
                    owner[0] != '\0' ? owner : name, owner[0] != '\0' ? owner : name);
    if ((any_value_has(set, "accounturi") && req->account_uri == NULL) ||
        (any_value_has(set, "validationmethods") && req->method == NULL)) {
        caa__buf_printf(b, "- account or method: the records bind the CA to an ACME account or "
                           "validation methods, and this check did not say which the order used: "
                           "run again with --account-uri URL and --method METHOD\n");
    }
    caa__buf_printf(b, "- another CA: this check is for");
    for (size_t i = 0; i < req->issuer_count; i++) {
        caa__buf_printf(b, "%s %s", i > 0 ? "," : "", req->issuers[i]);
    }
    caa__buf_printf(b, "; if another CA refused, run again with --ca and its issuer domain\n");
    if (!wildcard && any_tag(set, "issuewild")) {
        caa__buf_printf(b,
                        "- wildcard: the records have issuewild, which decides for *.%s only; if "
                        "the CA refused the wildcard, give it as *.%s\n",
                        name, name);
    }
}

enum caa_status caa_explain_cause(const struct caa_explain_problem *problem,
                                  const struct caa_diagnosis *diag, const struct caa_request *req,
                                  char **out)
{
    const struct caa_report *rep;
    const char *owner;
    enum caa_verdict today;
    struct caa__buf b;

    if (problem == NULL || diag == NULL || req == NULL || out == NULL) {
        return CAA_E_INVALID_ARG;
    }
    *out = NULL;
    rep = caa_diagnosis_report(diag);
    owner = caa_rrset_owner(caa_report_rrset(rep, 0));
    today = caa_report_name_verdict(rep, 0);
    caa__buf_init(&b, CAUSE_MAX);
    if (refusal(problem->kind) && today == CAA_VERDICT_DENIED) {
        denied_today(&b, rep, req, owner);
    } else if (refusal(problem->kind) && today == CAA_VERDICT_ALLOWED) {
        allowed_today(&b, rep, req, owner);
    } else if (dns_failure(problem->kind) && today != CAA_VERDICT_ERROR) {
        caa__buf_printf(&b,
                        "the CAA lookups work today: the CA's failure (%s) was intermittent or "
                        "has been fixed since; if no finding below is an error, retry the order\n",
                        caa_code_name(problem->kind));
    } else if (problem->kind == CAA_CODE_DNS01_TXT_FAILED) {
        caa__buf_printf(&b,
                        "the CA looked for the DNS-01 TXT record at %s: it must be there, on "
                        "every nameserver, while the order validates (dig TXT %s @each server); "
                        "caa checked the servers' TXT answers (DNS01_TXT_MISMATCH if they "
                        "differ)\n",
                        problem->label[0] != '\0' ? problem->label : problem->name,
                        problem->label[0] != '\0' ? problem->label : problem->name);
    }
    if (b.status != CAA_OK) {
        enum caa_status st = b.status;

        caa__buf_cleanup(&b);
        return st;
    }
    if (b.len == 0) {
        caa__buf_cleanup(&b);
        return CAA_OK;
    }
    *out = caa__buf_steal(&b);
    return *out != NULL ? CAA_OK : CAA_E_NOMEM;
}
