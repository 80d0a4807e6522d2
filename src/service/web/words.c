/* SPDX-License-Identifier: MIT */
/* The library's machine words (verdicts, blame, outcomes) in words a worried admin reads. */
#include <string.h>

#include "page.h"

static const char *lookup(const char *const table[][2], size_t n, const char *key,
                          const char *fallback)
{
    for (size_t i = 0; key != NULL && i < n; i++) {
        if (strcmp(table[i][0], key) == 0) {
            return table[i][1];
        }
    }
    return fallback;
}

const char *web_verdict_title(const char *verdict)
{
    static const char *const table[][2] = {
        {"allowed", "Allowed"},
        {"denied", "Denied"},
        {"error", "Lookup failure"},
    };
    return lookup(table, sizeof table / sizeof table[0], verdict, "Unknown");
}

const char *web_blame_words(const char *blame)
{
    static const char *const table[][2] = {
        {"domain-owner", "You, the domain owner (your records, or your registrar)"},
        {"dns-operator", "Whoever runs your nameservers (your DNS provider)"},
        {"parent-zone-operator", "The operator of a zone above yours"},
        {"tld-registry", "The registry of the top-level domain"},
        {"network", "The network between the CA and the nameservers"},
        {"ca", "The certificate authority"},
        {"none", "Nobody"},
    };
    return lookup(table, sizeof table / sizeof table[0], blame, "Unknown");
}

const char *web_outcome_words(const char *outcome, const char **css_class)
{
    static const char *const table[][3] = {
        {"authorizes", "allows this CA", "good"},
        {"other-issuer", "names another CA", "bad"},
        {"empty-issuer", "allows no CA at all", "bad"},
        {"malformed", "malformed: matches no CA", "bad"},
        {"account-mismatch", "this CA, but another account", "bad"},
        {"method-mismatch", "this CA, but other validation methods", "bad"},
        {"duplicate-parameter", "repeats a parameter: matches no CA", "bad"},
        {"unknown-critical", "unknown critical tag: forbids every CA", "bad"},
        {"not-considered", "not used for this request", "neutral"},
        {"not-evaluated", "not needed (an earlier record allows)", "neutral"},
    };
    for (size_t i = 0; outcome != NULL && i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(table[i][0], outcome) == 0) {
            *css_class = table[i][2];
            return table[i][1];
        }
    }
    *css_class = "neutral";
    return outcome != NULL ? outcome : "";
}

const char *web_verdict_class(const char *verdict)
{
    static const char *const known[] = {"allowed", "denied", "error"};

    for (size_t i = 0; verdict != NULL && i < sizeof known / sizeof known[0]; i++) {
        if (strcmp(known[i], verdict) == 0) {
            return known[i];
        }
    }
    return "error";
}
