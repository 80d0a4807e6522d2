/* SPDX-License-Identifier: MIT */
/* The value checks: iodef (RFC 8659 §4.4), contactemail / contactphone (BR App. A),
 * validationmethods and accounturi (RFC 8657), issuer-domain-name (RFC 8659 §4.2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <caa/value.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef bool check_fn(const uint8_t *value, size_t len, struct caa_error *err);

struct check_case {
    check_fn *fn;
    const char *value;
    bool want;
    long err_offset;        /* -1: not checked (always -1 when want is true) */
    const char *err_substr; /* NULL: not checked */
};

static const struct check_case checks[] = {
    /* iodef: mailto:, http:, https: only; scheme case-insensitive. */
    {caa_iodef_valid, "mailto:security@example.com", true, -1, NULL},
    {caa_iodef_valid, "MAILTO:security@example.com", true, -1, NULL},
    {caa_iodef_valid, "mailto:sec@example.com?subject=caa", true, -1, NULL},
    {caa_iodef_valid, "https://iodef.example.com/report", true, -1, NULL},
    {caa_iodef_valid, "http://iodef.example.com", true, -1, NULL},
    {caa_iodef_valid, "HTTPS://user@iodef.example.com:8443/x?y#z", true, -1, NULL},
    {caa_iodef_valid, "https://[2001:db8::1]/iodef", true, -1, NULL},
    {caa_iodef_valid, "security@example.com", false, 0, "no scheme; use mailto:you@example.com"},
    {caa_iodef_valid, "example.com/report", false, 0, "no scheme"},
    {caa_iodef_valid, "", false, 0, "empty iodef"},
    {caa_iodef_valid, "ftp://example.com/x", false, 0,
     "scheme 'ftp' is not allowed: only mailto:, http:, https:"},
    {caa_iodef_valid, "tel:+15550100", false, 0, "scheme 'tel' is not allowed"},
    {caa_iodef_valid, "mailto:", false, 7, "no address"},
    {caa_iodef_valid, "mailto:example.com", false, 7, "no '@'"},
    {caa_iodef_valid, "mailto:sec@", false, 10, "no domain"},
    {caa_iodef_valid, "mailto:sec @example.com", false, 10, "byte 0x20"},
    {caa_iodef_valid, "https:example.com", false, 6, "'//'"},
    {caa_iodef_valid, "https://", false, 8, "no host"},
    {caa_iodef_valid, "https:///path", false, 8, "no host"},
    {caa_iodef_valid, "https://exa mple.com/", false, 11, "byte 0x20"},
    /* contactemail: exactly one bare addr-spec. */
    {caa_contactemail_valid, "domainowner@example.com", true, -1, NULL},
    {caa_contactemail_valid, "first.last+caa@sub.example.co.uk", true, -1, NULL},
    {caa_contactemail_valid, "\"odd local\"@example.com", true, -1, NULL},
    {caa_contactemail_valid, "user@[192.0.2.1]", true, -1, NULL},
    {caa_contactemail_valid,
     "j\xc3\xb6rg@b\xc3\xbc"
     "cher.example",
     true, -1, NULL},
    {caa_contactemail_valid, "mailto:owner@example.com", false, 0, "'mailto:' prefix"},
    {caa_contactemail_valid, "a@example.com,b@example.com", false, 13, "more than one address"},
    {caa_contactemail_valid, "a@example.com; b@example.com", false, 13, "more than one address"},
    {caa_contactemail_valid, "Owner <owner@example.com>", false, 6, "display name"},
    {caa_contactemail_valid, "owner@example.com ", false, 17, "space"},
    {caa_contactemail_valid, "owner.example.com", false, 0, "no '@'"},
    {caa_contactemail_valid, "@example.com", false, 0, "empty local part"},
    {caa_contactemail_valid, "owner@", false, 5, "no domain"},
    {caa_contactemail_valid, "a..b@example.com", false, 2, "local part"},
    {caa_contactemail_valid, ".a@example.com", false, 0, "local part"},
    {caa_contactemail_valid, "a@example..com", false, 10, "domain"},
    {caa_contactemail_valid, "a@b@example.com", false, 3, "'@'"},
    {caa_contactemail_valid, "", false, 0, "empty value"},
    /* contactphone: RFC 3966 global number. */
    {caa_contactphone_valid, "+1 (555) 555-0100", false, 2, "space"},
    {caa_contactphone_valid, "+1-(555)-555-0100", true, -1, NULL},
    {caa_contactphone_valid, "+15555550100", true, -1, NULL},
    {caa_contactphone_valid, "+44.20.7946.0000", true, -1, NULL},
    {caa_contactphone_valid, "+123", true, -1, NULL},
    {caa_contactphone_valid, "+12", false, 0, "only 2 digits"},
    {caa_contactphone_valid, "+", false, 0, "only 0 digits"},
    {caa_contactphone_valid, "15555550100", false, 0, "no leading '+'"},
    {caa_contactphone_valid, "tel:+15555550100", false, 0, "'tel:' prefix"},
    {caa_contactphone_valid, "+1-800-FLOWERS", false, 7, "letter 'F'"},
    {caa_contactphone_valid, "+1555/5550100", false, 5, "'/'"},
    {caa_contactphone_valid, "+15555550100;ext=1", false, 12, "';'"},
    {caa_contactphone_valid, "", false, 0, "empty value"},
};

static void test_checks(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(checks); i++) {
        const struct check_case *c = &checks[i];
        struct caa_error err = {999, "untouched"};
        bool got = c->fn((const uint8_t *)c->value, strlen(c->value), &err);

        print_message("# check %zu\n", i);
        assert_int_equal(got, c->want);
        if (c->want) {
            assert_int_equal(err.offset, 999);
            assert_string_equal(err.message, "untouched");
            continue;
        }
        assert_true(err.message[0] != '\0');
        assert_string_not_equal(err.message, "untouched");
        if (c->err_offset >= 0) {
            assert_int_equal(err.offset, c->err_offset);
        }
        if (c->err_substr != NULL && strstr(err.message, c->err_substr) == NULL) {
            fail_msg("check %zu: message '%s' lacks '%s'", i, err.message, c->err_substr);
        }
        /* The answer does not depend on asking for the reason. */
        assert_false(c->fn((const uint8_t *)c->value, strlen(c->value), NULL));
    }
}

typedef bool shape_fn(const uint8_t *s, size_t len);

struct shape_case {
    shape_fn *fn;
    const char *value;
    bool want;
};

static const struct shape_case shapes[] = {
    /* RFC 8657 §4 validationmethods. */
    {caa_is_method_list, "dns-01", true},
    {caa_is_method_list, "http-01,dns-01", true},
    {caa_is_method_list, "tls-sni-01,http-01,ca-custom", true},
    {caa_is_method_list, "-", true},
    {caa_is_method_list, "", false},
    {caa_is_method_list, "dns-01,", false},
    {caa_is_method_list, ",dns-01", false},
    {caa_is_method_list, "http-01,,dns-01", false},
    {caa_is_method_list, "http_01", false},
    {caa_is_method_list, "http-01, dns-01", false},
    {caa_is_method_list, "dns-01:x", false},
    /* RFC 8657 §3 accounturi: an absolute RFC 3986 URI. */
    {caa_is_account_uri, "https://acme-v02.api.letsencrypt.org/acme/acct/123", true},
    {caa_is_account_uri, "https://acme-v01.api.letsencrypt.org/acme/reg/123", true},
    {caa_is_account_uri, "urn:example:account:1", true},
    {caa_is_account_uri, "https://x.example/acct/%7Eme?q=1#f", true},
    {caa_is_account_uri, "a+b-c.d:x", true},
    {caa_is_account_uri, "https://x/acct/%7", false},
    {caa_is_account_uri, "https://x/acct/%zz", false},
    {caa_is_account_uri, "/acme/acct/123", false},
    {caa_is_account_uri, "acme-v02.api.letsencrypt.org/acme/acct/123", false},
    {caa_is_account_uri, "1https://x", false},
    {caa_is_account_uri, "https:", false},
    {caa_is_account_uri, ":x", false},
    {caa_is_account_uri, "", false},
    {caa_is_account_uri, "https://x/a b", false},
    {caa_is_account_uri, "https://x/\"a\"", false},
    {caa_is_account_uri, "https://x/<a>", false},
    {caa_is_account_uri, "https://x/\xc3\xa9", false},
    /* RFC 8659 §4.2 issuer-domain-name. */
    {caa_is_issuer_domain, "letsencrypt.org", true},
    {caa_is_issuer_domain, "LetsEncrypt.ORG", true},
    {caa_is_issuer_domain, "ca", true},
    {caa_is_issuer_domain, "lets-encrypt.org", true},
    {caa_is_issuer_domain, "x--y.example", true},
    {caa_is_issuer_domain, "123.example", true},
    {caa_is_issuer_domain, "", false},
    {caa_is_issuer_domain, "letsencrypt.org.", false},
    {caa_is_issuer_domain, ".letsencrypt.org", false},
    {caa_is_issuer_domain, "letsencrypt..org", false},
    {caa_is_issuer_domain, "-le.org", false},
    {caa_is_issuer_domain, "le-.org", false},
    {caa_is_issuer_domain, "le_x.org", false},
    {caa_is_issuer_domain, "\"letsencrypt.org\"", false},
    {caa_is_issuer_domain, "lets encrypt.org", false},
    {caa_is_issuer_domain, "https://letsencrypt.org", false},
    {caa_is_issuer_domain, "xn--bcher-kva.example", true},
    {caa_is_issuer_domain,
     "b\xc3\xbc"
     "cher.example",
     false},
    /* 63-byte label fits, 64 does not. */
    {caa_is_issuer_domain, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.org",
     true},
    {caa_is_issuer_domain, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.org",
     false},
};

static void test_shapes(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(shapes); i++) {
        print_message("# shape %zu\n", i);
        assert_int_equal(shapes[i].fn((const uint8_t *)shapes[i].value, strlen(shapes[i].value)),
                         shapes[i].want);
    }
    assert_false(caa_is_issuer_domain(NULL, 3));
    assert_false(caa_is_method_list(NULL, 3));
    assert_false(caa_is_account_uri(NULL, 3));
}

/* Names of 253 bytes are issuer-domain-names; 254 are not. */
static void test_issuer_domain_total_length(void **state)
{
    char name[300];
    size_t len = 0;

    (void)state;
    /* 63 'a' + '.', four times: 256 bytes; cut to 253 and 254. */
    for (int label = 0; label < 4; label++) {
        memset(name + len, 'a', 63);
        len += 63;
        name[len++] = '.';
    }
    assert_true(caa_is_issuer_domain((const uint8_t *)name, 253));
    assert_false(caa_is_issuer_domain((const uint8_t *)name, 254));
    assert_false(caa_is_issuer_domain((const uint8_t *)name, 255)); /* 255 bytes */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checks),
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_issuer_domain_total_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
