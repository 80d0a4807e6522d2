/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <caa/generate.h>
#include <caa/value.h>

/* What people type -> the CA id it must find (NULL: unknown). */
static const struct {
    const char *name;
    const char *want_id;
} lookups[] = {
    {"letsencrypt", "letsencrypt"},
    {"Let's Encrypt", "letsencrypt"},
    {"LetsEncrypt", "letsencrypt"},
    {"lets encrypt", "letsencrypt"},
    {"lets-encrypt", "letsencrypt"},
    {"LE", "letsencrypt"},
    {"letsencrypt.org", "letsencrypt"},
    {"LetsEncrypt.ORG", "letsencrypt"},
    {"letsencrypt.org.", "letsencrypt"},
    {"google", "google"},
    {"GTS", "google"},
    {"Google Trust Services", "google"},
    {"pki.goog", "google"},
    {"aws", "amazon"},
    {"amazontrust.com", "amazon"},
    {"DigiCert", "digicert"},
    {"www.digicert.com", "digicert"},
    {"rapidssl.com", "digicert"},
    {"comodo", "sectigo"},
    {"usertrust.com", "sectigo"},
    /* sectigo.com belongs to Sectigo and ZeroSSL: the first entry wins. */
    {"sectigo.com", "sectigo"},
    {"ZeroSSL", "zerossl"},
    {"SSL.com", "sslcom"},
    {"ssl.com", "sslcom"},
    {"D-TRUST", "dtrust"},
    {"d-trust.net", "dtrust"},
    {"buypass.no", "buypass"},
    {"certum.eu", "certum"},
    {"harica.gr", "harica"},
    {"affirmtrust.com", "entrust"},
    /* Not CAs, or not a whole name. */
    {"Let's Encrypt Authority X3", NULL},
    {"letsencrypt.com", NULL},
    {"org", NULL},
    {"", NULL},
    {"'", NULL},
    {"- -", NULL},
    {"digi", NULL},
    {"example.com", NULL},
};

static void test_find(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(lookups) / sizeof(lookups[0]); i++) {
        const struct caa_ca_info *ca = caa_ca_find(lookups[i].name);
        if (lookups[i].want_id == NULL) {
            if (ca != NULL) {
                fail_msg("'%s' found %s, want none", lookups[i].name, ca->id);
            }
            continue;
        }
        if (ca == NULL) {
            fail_msg("'%s' not found, want %s", lookups[i].name, lookups[i].want_id);
        }
        assert_string_equal(ca->id, lookups[i].want_id);
    }
    assert_null(caa_ca_find(NULL));
}

/* "Did you mean" for --ca and ISSUER_UNKNOWN_CA. */
static void test_suggest(void **state)
{
    static const struct {
        const char *issuer;
        const char *want; /* NULL: no suggestion */
    } cases[] = {
        {"letsencrypt.com", "letsencrypt.org"},     /* another suffix */
        {"lets-encrypt.org", "letsencrypt.org"},    /* hyphens */
        {"letsencrpyt.org", "letsencrypt.org"},     /* a typing slip */
        {"www.letsencrypt.org", "letsencrypt.org"}, /* below the CA's domain */
        {"le.org", "letsencrypt.org"},              /* an alias as the first label */
        {"digicert.org", "digicert.com"},
        {"pki.goog.com", "pki.goog"},
        {"letsencrypt.org", NULL}, /* known already */
        {"mycompany-ca.example", NULL},
        {NULL, NULL},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = caa_ca_suggest(cases[i].issuer);

        if (cases[i].want == NULL ? got != NULL : got == NULL || strcmp(got, cases[i].want) != 0) {
            fail_msg("suggest '%s': got %s, want %s",
                     cases[i].issuer != NULL ? cases[i].issuer : "NULL", got != NULL ? got : "NULL",
                     cases[i].want != NULL ? cases[i].want : "NULL");
        }
    }
    assert_true(caa_ca_issuer_known("pki.goog"));
    assert_false(caa_ca_issuer_known("pki.goog.com"));
    assert_false(caa_ca_issuer_known(NULL));
}

static void test_date_and_bounds(void **state)
{
    (void)state;
    assert_string_equal(caa_ca_table_date(), "2026-11-01");
    assert_true(caa_ca_count() >= 18);
    assert_non_null(caa_ca_at(0));
    assert_string_equal(caa_ca_at(0)->id, "letsencrypt");
    assert_null(caa_ca_at(caa_ca_count()));
}

/* Every entry is complete, its issuer domains are RFC 8659 issuer-domain-names in lower case,
 * and every id, display name and alias finds that entry (no two CAs share a name). */
static void test_every_entry(void **state)
{
    (void)state;
    for (size_t i = 0; i < caa_ca_count(); i++) {
        const struct caa_ca_info *ca = caa_ca_at(i);
        assert_non_null(ca->id);
        assert_non_null(ca->display_name);
        assert_non_null(ca->issuer_domains);
        assert_non_null(ca->aliases);
        assert_non_null(ca->issuer_domains[0]);
        assert_ptr_equal(caa_ca_find(ca->id), ca);
        assert_ptr_equal(caa_ca_find(ca->display_name), ca);
        for (const char *const *a = ca->aliases; *a != NULL; a++) {
            if (caa_ca_find(*a) != ca) {
                fail_msg("alias '%s' of %s does not find it", *a, ca->id);
            }
        }
        for (const char *const *d = ca->issuer_domains; *d != NULL; d++) {
            size_t len = strlen(*d);
            if (!caa_is_issuer_domain((const uint8_t *)*d, len)) {
                fail_msg("%s: '%s' is not an issuer-domain-name", ca->id, *d);
            }
            for (size_t k = 0; k < len; k++) {
                assert_false((*d)[k] >= 'A' && (*d)[k] <= 'Z');
            }
            assert_non_null(caa_ca_find(*d));
        }
    }
}

/* A short name stands for the CA; anything with a dot is an issuer domain, even the table's. */
static void test_named(void **state)
{
    static const struct {
        const char *value;
        const char *want_id;
    } cases[] = {
        {"sectigo", "sectigo"},
        {"Let's Encrypt", "letsencrypt"},
        {"LE", "letsencrypt"},
        {"letsencrypt.org", NULL},
        {"SSL.com", NULL},
        {"digi", NULL},
        {"", NULL},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct caa_ca_info *ca = caa_ca_named(cases[i].value);
        if (cases[i].want_id == NULL) {
            if (ca != NULL) {
                fail_msg("'%s' named %s, want none", cases[i].value, ca->id);
            }
            continue;
        }
        if (ca == NULL) {
            fail_msg("'%s' names no CA, want %s", cases[i].value, cases[i].want_id);
        }
        assert_string_equal(ca->id, cases[i].want_id);
    }
    assert_null(caa_ca_named(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_date_and_bounds),
        cmocka_unit_test(test_every_entry),
        cmocka_unit_test(test_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
