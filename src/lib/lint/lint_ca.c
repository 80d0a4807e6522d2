/* SPDX-License-Identifier: MIT */
/* Well-known CAA issuer domains, for ISSUER_UNKNOWN_CA and its "did you mean".
 * A static list kept here on purpose: lint does not depend on the generator's CA table
 * (src/lib/generate/ca_table.c); the two should be merged into one shared table later. */
#include <stdio.h>
#include <string.h>

#include "lib/lint/lint_rules.h"
#include "lib/util/ascii.h"

/* Issuer domain names CAs document for CAA (a warning only: a missing entry costs a false
 * warning, never a wrong verdict). */
static const char *const known_issuers[] = {
    "letsencrypt.org", "pki.goog",       "digicert.com",       "sectigo.com",
    "comodoca.com",    "globalsign.com", "amazon.com",         "amazontrust.com",
    "awstrust.com",    "amazonaws.com",  "godaddy.com",        "starfieldtech.com",
    "buypass.com",     "ssl.com",        "entrust.net",        "affirmtrust.com",
    "identrust.com",   "harica.gr",      "certum.pl",          "actalis.it",
    "telia.com",       "swisssign.com",  "quovadisglobal.com", "usertrust.com",
    "geotrust.com",    "rapidssl.com",   "thawte.com",         "symantec.com",
    "trustwave.com",   "secomtrust.net", "certsign.ro",        "globaltrust.eu",
    "buypass.no",      "certum.eu",      "comodo.com",         "cybertrust.ne.jp",
    "d-trust.net",     "digicert.ne.jp", "trust-provider.com", "www.digicert.com",
};

/* CA display names people write instead of the domain (compared as lower-case letters and
 * digits only, so "Let's Encrypt" and "LetsEncrypt" both match). */
static const struct {
    const char *name;
    const char *issuer;
} display_names[] = {
    {"letsencrypt", "letsencrypt.org"},
    {"digicert", "digicert.com"},
    {"sectigo", "sectigo.com"},
    {"comodo", "comodoca.com"},
    {"globalsign", "globalsign.com"},
    {"godaddy", "godaddy.com"},
    {"amazon", "amazon.com"},
    {"aws", "amazon.com"},
    {"googletrustservices", "pki.goog"},
    {"google", "pki.goog"},
    {"gts", "pki.goog"},
    {"buypass", "buypass.com"},
    {"sslcom", "ssl.com"},
    {"entrust", "entrust.net"},
    {"identrust", "identrust.com"},
    {"harica", "harica.gr"},
    {"certum", "certum.pl"},
    {"actalis", "actalis.it"},
};

#define ISSUER_MAX 253

bool caa__lint_ca_known(const char *issuer)
{
    for (size_t i = 0; i < sizeof(known_issuers) / sizeof(known_issuers[0]); i++) {
        if (strcmp(issuer, known_issuers[i]) == 0) {
            return true;
        }
    }
    return false;
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

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

static size_t distance(const char *a, const char *b)
{
    size_t row[ISSUER_MAX + 2];
    size_t a_len = strlen(a);
    size_t b_len = strlen(b);

    if (a_len > ISSUER_MAX || b_len > ISSUER_MAX) {
        return SIZE_MAX;
    }
    for (size_t j = 0; j <= b_len; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= a_len; i++) {
        size_t diag = row[0];

        row[0] = i;
        for (size_t j = 1; j <= b_len; j++) {
            size_t up = row[j];
            row[j] = min3(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1));
            diag = up;
        }
    }
    return row[b_len];
}

const char *caa__lint_ca_suggest(const char *issuer)
{
    size_t len = strlen(issuer);
    char want[ISSUER_MAX + 1];
    const char *best = NULL;
    size_t best_distance = 3; /* at most 2 edits */

    /* A name below a CA's domain: www.letsencrypt.org, acme-v02.api.letsencrypt.org. */
    for (size_t i = 0; i < sizeof(known_issuers) / sizeof(known_issuers[0]); i++) {
        size_t k = strlen(known_issuers[i]);
        if (len > k + 1 && issuer[len - k - 1] == '.' &&
            strcmp(issuer + len - k, known_issuers[i]) == 0) {
            return known_issuers[i];
        }
    }
    /* The right brand under another suffix or with hyphens: letsencrypt.com, lets-encrypt.org. */
    brand(issuer, want, sizeof(want));
    for (size_t i = 0; i < sizeof(known_issuers) / sizeof(known_issuers[0]); i++) {
        char have[ISSUER_MAX + 1];

        brand(known_issuers[i], have, sizeof(have));
        if (strcmp(want, have) == 0) {
            return known_issuers[i];
        }
    }
    /* A typing slip: letsencrpyt.org, digicert.co. */
    for (size_t i = 0; i < sizeof(known_issuers) / sizeof(known_issuers[0]); i++) {
        size_t d = distance(issuer, known_issuers[i]);
        if (d < best_distance) {
            best = known_issuers[i];
            best_distance = d;
        }
    }
    return best;
}

const char *caa__lint_ca_from_name(const uint8_t *name, size_t len)
{
    char folded[64];
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        if (caa__ascii_is_alnum(name[i])) {
            if (n + 1 >= sizeof(folded)) {
                return NULL;
            }
            folded[n++] = (char)caa__ascii_lower(name[i]);
        }
    }
    folded[n] = '\0';
    for (size_t i = 0; i < sizeof(display_names) / sizeof(display_names[0]); i++) {
        if (strcmp(folded, display_names[i].name) == 0) {
            return display_names[i].issuer;
        }
    }
    return NULL;
}
