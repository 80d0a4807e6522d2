/* SPDX-License-Identifier: MIT */
/* "Did you mean": the known issuer domain an unknown one was most likely meant to be, for lint's
 * ISSUER_UNKNOWN_CA and the CLI's --ca. */
#include <caa/ca.h>

#include <stdint.h>
#include <string.h>

#include "lib/util/edit_distance.h"

#define ISSUER_MAX 253
/* A typing slip is at most this many edits away. */
#define SLIP_MAX 2

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

static const char *same_domain(const char *domain, const void *issuer)
{
    return strcmp(domain, issuer) == 0 ? domain : NULL;
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

/* A typing slip: letsencrpyt.org, digicert.co. */
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

bool caa_ca_issuer_known(const char *issuer_domain)
{
    return issuer_domain != NULL && each_issuer(same_domain, issuer_domain) != NULL;
}

const char *caa_ca_suggest(const char *issuer_domain)
{
    char want[ISSUER_MAX + 1];
    struct nearest nearest = {issuer_domain, NULL, SLIP_MAX + 1};
    const struct caa_ca_info *ca;
    const char *hit;

    if (issuer_domain == NULL || strlen(issuer_domain) > ISSUER_MAX ||
        caa_ca_issuer_known(issuer_domain)) {
        return NULL;
    }
    hit = each_issuer(parent_of, issuer_domain);
    if (hit != NULL) {
        return hit;
    }
    brand(issuer_domain, want, sizeof(want));
    hit = each_issuer(same_brand, want);
    if (hit != NULL) {
        return hit;
    }
    /* A CA's name or alias as the first label: le.org, isrg.org, gts.com. */
    ca = want[0] != '\0' ? caa_ca_find(want) : NULL;
    if (ca != NULL) {
        return ca->issuer_domains[0];
    }
    (void)each_issuer(track_nearest, &nearest);
    return nearest.best;
}
