/* SPDX-License-Identifier: MIT */
#include <caa/ca.h>

#include <stdbool.h>
#include <string.h>

#include "lib/util/ascii.h"

/*
 * The built-in CA table: a dated snapshot of the "CAA identifiers" (issuer domain names) that
 * each CA publishes in its CP/CPS and reports to the CCADB ("Recognized CAA Domains"). CAs add
 * and retire identifiers: refresh this table periodically and move CA_TABLE_DATE with it. Only
 * identifiers we are confident of are listed; a user can always name an issuer domain directly.
 */
#define CA_TABLE_DATE "2026-11-01"

#define LIST(...)                                                                                  \
    (const char *const[])                                                                          \
    {                                                                                              \
        __VA_ARGS__, NULL                                                                          \
    }

static const struct caa_ca_info ca_table[] = {
    {"letsencrypt", "Let's Encrypt", LIST("letsencrypt.org"), LIST("le", "isrg")},
    {"digicert", "DigiCert",
     LIST("digicert.com", "www.digicert.com", "digicert.ne.jp", "cybertrust.ne.jp", "symantec.com",
          "thawte.com", "geotrust.com", "rapidssl.com"),
     LIST("symantec", "thawte", "geotrust", "rapidssl")},
    {"sectigo", "Sectigo",
     LIST("sectigo.com", "comodoca.com", "comodo.com", "usertrust.com", "trust-provider.com"),
     LIST("comodo", "comodoca", "usertrust")},
    /* ZeroSSL issues through Sectigo; its documentation asks for "sectigo.com". */
    {"zerossl", "ZeroSSL", LIST("sectigo.com"), LIST("zero ssl")},
    {"google", "Google Trust Services", LIST("pki.goog"), LIST("gts", "google trust")},
    {"amazon", "Amazon Trust Services",
     LIST("amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com"),
     LIST("aws", "acm", "amazon trust")},
    {"globalsign", "GlobalSign", LIST("globalsign.com"), LIST("global sign")},
    {"entrust", "Entrust", LIST("entrust.net", "affirmtrust.com"), LIST("affirmtrust")},
    {"buypass", "Buypass", LIST("buypass.com", "buypass.no"), LIST("buypass go")},
    {"sslcom", "SSL.com", LIST("ssl.com"), LIST("ssl com")},
    {"godaddy", "GoDaddy", LIST("godaddy.com", "starfieldtech.com"), LIST("go daddy", "starfield")},
    {"certum", "Certum", LIST("certum.pl", "certum.eu"), LIST("asseco")},
    {"identrust", "IdenTrust", LIST("identrust.com"), LIST("iden trust")},
    {"harica", "HARICA", LIST("harica.gr"), LIST("hellenic academic")},
    {"actalis", "Actalis", LIST("actalis.it"), LIST("actalis spa")},
    {"swisssign", "SwissSign", LIST("swisssign.com"), LIST("swiss sign")},
    {"telia", "Telia", LIST("telia.com"), LIST("telia company")},
    {"dtrust", "D-TRUST", LIST("d-trust.net"), LIST("bundesdruckerei")},
};

#define CA_TABLE_COUNT (sizeof(ca_table) / sizeof(ca_table[0]))

const char *caa_ca_table_date(void)
{
    return CA_TABLE_DATE;
}

size_t caa_ca_count(void)
{
    return CA_TABLE_COUNT;
}

const struct caa_ca_info *caa_ca_at(size_t i)
{
    return i < CA_TABLE_COUNT ? &ca_table[i] : NULL;
}

/* Compares two names keeping only ASCII letters and digits, ignoring case: "Let's Encrypt",
 * "lets-encrypt" and "LetsEncrypt" are the same name. */
static bool name_equal(const char *a, const char *b)
{
    for (;;) {
        while (*a != '\0' && !caa__ascii_is_alnum((uint8_t)*a)) {
            a++;
        }
        while (*b != '\0' && !caa__ascii_is_alnum((uint8_t)*b)) {
            b++;
        }
        if (*a == '\0' || *b == '\0') {
            return *a == *b;
        }
        if (caa__ascii_lower((uint8_t)*a) != caa__ascii_lower((uint8_t)*b)) {
            return false;
        }
        a++;
        b++;
    }
}

/* A name made only of punctuation ("", "-", "'") would equal every other such name. */
static bool has_alnum(const char *s)
{
    for (; *s != '\0'; s++) {
        if (caa__ascii_is_alnum((uint8_t)*s)) {
            return true;
        }
    }
    return false;
}

static bool in_list(const char *const *list, const char *name)
{
    for (; *list != NULL; list++) {
        if (name_equal(*list, name)) {
            return true;
        }
    }
    return false;
}

/* An issuer domain matches exactly, ignoring case and one trailing dot. */
static bool has_domain(const struct caa_ca_info *ca, const char *name)
{
    size_t len = strlen(name);

    if (len > 0 && name[len - 1] == '.') {
        len--;
    }
    for (const char *const *d = ca->issuer_domains; *d != NULL; d++) {
        if (caa__ascii_equal_nocase((const uint8_t *)*d, strlen(*d), (const uint8_t *)name, len)) {
            return true;
        }
    }
    return false;
}

const struct caa_ca_info *caa_ca_find(const char *name)
{
    if (name == NULL || !has_alnum(name)) {
        return NULL;
    }
    for (size_t i = 0; i < CA_TABLE_COUNT; i++) {
        const struct caa_ca_info *ca = &ca_table[i];
        if (name_equal(ca->id, name) || name_equal(ca->display_name, name) ||
            in_list(ca->aliases, name)) {
            return ca;
        }
    }
    for (size_t i = 0; i < CA_TABLE_COUNT; i++) {
        if (has_domain(&ca_table[i], name)) {
            return &ca_table[i];
        }
    }
    return NULL;
}

const struct caa_ca_info *caa_ca_named(const char *value)
{
    if (value == NULL || strchr(value, '.') != NULL) {
        return NULL;
    }
    return caa_ca_find(value);
}
