/* SPDX-License-Identifier: MIT */
/* Issuer domain names CAs document for CAA, for ISSUER_UNKNOWN_CA and its "did you mean": from the
 * dated CA table (src/lib/generate/ca_table.c) shared with `caa generate` and the CLI. */
#include <stdio.h>
#include <string.h>

#include <caa/ca.h>

#include "lib/lint/lint_rules.h"
#include "lib/util/ascii.h"
#include "lib/util/edit_distance.h"

/* Calls fn on every issuer domain of the table until it returns non-NULL. */
static const char *each_issuer(const char *(*fn)(const char *domain, const void *arg),
                               const void *arg)
{
    for (size_t i = 0; i < caa_ca_count(); i++) {
        const struct caa_ca_info *ca = caa_ca_at(i);
        for (size_t d = 0; ca->issuer_domains[d] != NULL; d++) {
            const char *hit = fn(ca->issuer_domains[d], arg);
            if (hit != NULL) {
                return hit;
            }
        }
    }
    return NULL;
}

#define ISSUER_MAX 253

static const char *same_domain(const char *domain, const void *issuer)
{
    return strcmp(domain, issuer) == 0 ? domain : NULL;
}

bool caa__lint_ca_known(const char *issuer)
{
    return each_issuer(same_domain, issuer) != NULL;
}

/* The first label with hyphens dropped: "lets-encrypt.org" -> "letsencrypt". */
static void brand(const char *domain, char *out, size_t cap)
{
    size_t n = 0;

    for (const char *p = domain; *p != '\0' && *p != '.' && n + 1 < cap; p++) {
        if (*p != '-') {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
}

/* A name below a CA's domain: www.letsencrypt.org, acme-v02.api.letsencrypt.org. */
static const char *parent_of(const char *domain, const void *arg)
{
    const char *issuer = arg;
    size_t len = strlen(issuer);
    size_t k = strlen(domain);

    return len > k + 1 && issuer[len - k - 1] == '.' && strcmp(issuer + len - k, domain) == 0
               ? domain
               : NULL;
}

/* The right brand under another suffix or with hyphens: letsencrypt.com, lets-encrypt.org. */
static const char *same_brand(const char *domain, const void *want)
{
    char have[ISSUER_MAX + 1];

    brand(domain, have, sizeof(have));
    return strcmp(want, have) == 0 ? domain : NULL;
}

struct nearest {
    const char *issuer;
    const char *best;
    size_t best_distance;
};

/* A typing slip: letsencrpyt.org, digicert.co (at most 2 edits). */
static const char *track_nearest(const char *domain, const void *arg)
{
    struct nearest *n = (struct nearest *)(uintptr_t)arg;
    size_t d = caa__edit_distance(n->issuer, domain);

    if (d < n->best_distance) {
        n->best = domain;
        n->best_distance = d;
    }
    return NULL;
}

const char *caa__lint_ca_suggest(const char *issuer)
{
    char want[ISSUER_MAX + 1];
    struct nearest nearest = {issuer, NULL, 3};
    const char *hit = each_issuer(parent_of, issuer);

    if (hit != NULL) {
        return hit;
    }
    brand(issuer, want, sizeof(want));
    hit = each_issuer(same_brand, want);
    if (hit != NULL) {
        return hit;
    }
    (void)each_issuer(track_nearest, &nearest);
    return nearest.best;
}

const char *caa__lint_ca_from_name(const uint8_t *name, size_t len)
{
    char text[128];
    const struct caa_ca_info *ca;

    if (len == 0 || len >= sizeof(text) || memchr(name, '.', len) != NULL) {
        return NULL;
    }
    memcpy(text, name, len);
    text[len] = '\0';
    ca = caa_ca_find(text);
    return ca != NULL ? ca->issuer_domains[0] : NULL;
}
