/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/generate.h>
#include <caa/record.h>

#define MAX_ITEMS 6

/* A policy as data: lists end at the first NULL. */
struct gen_case {
    const char *what;
    const char *owner;
    const char *cas[MAX_ITEMS];
    bool no_issuance;
    bool wildcard_set;
    const char *wild[MAX_ITEMS];
    const char *iodef[MAX_ITEMS];
    const char *account_uri;
    const char *methods[MAX_ITEMS];
    const char *email;
    const char *phone;
    bool critical;
    uint32_t ttl;
    enum caa_format format;
    enum caa_status want_status;
    /* CAA_OK: the exact output; otherwise the exact error message. */
    const char *want;
};

#define LE_ACCT "https://acme-v02.api.letsencrypt.org/acme/acct/123"
#define DNSCONTROL_HEAD                                                                            \
    "// CAA records for example.com.: label \"@\" is the zone apex; paste inside "                 \
    "D(\"example.com\", ...).\n"
#define OCTODNS_HEAD                                                                               \
    "# octoDNS records for the zone example.com.: '' is the zone apex (example.com.); for a name " \
    "below the apex, use its relative label instead.\n"
#define LE_OCTAL                                                                                   \
    "\\000\\005\\151\\163\\163\\165\\145\\154\\145\\164\\163\\145\\156\\143\\162\\171\\160\\164"   \
    "\\056\\157\\162\\147"
#define LE_HEX "000569737375656C657473656E63727970742E6F7267"
/* The list of known ids is cut to fit struct caa_error (192 bytes). */
#define UNKNOWN_CA(name)                                                                           \
    "unknown CA '" name "': not in the CA table (2026-11-01) and not a domain name; known: "       \
    "letsencrypt, digicert, sectigo, zerossl, google, amazon, globalsign, entrust, "               \
    "buypass, sslcom, godaddy, ..."

static const struct gen_case cases[] = {
    /* Every format, one record. */
    {.what = "zone",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .ttl = 3600,
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. 3600 IN CAA 0 issue \"letsencrypt.org\"\n"},
    {.what = "zone, no TTL",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 0 issue \"letsencrypt.org\"\n"},
    {.what = "rfc3597",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .ttl = 3600,
     .format = CAA_FORMAT_RFC3597,
     .want = "example.com. 3600 IN TYPE257 \\# 22 " LE_HEX "\n"},
    {.what = "rfc3597, no TTL",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .format = CAA_FORMAT_RFC3597,
     .want = "example.com. IN TYPE257 \\# 22 " LE_HEX "\n"},
    {.what = "tinydns",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .ttl = 3600,
     .format = CAA_FORMAT_TINYDNS,
     .want = ":example.com:257:" LE_OCTAL ":3600\n"},
    {.what = "tinydns, no TTL",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .format = CAA_FORMAT_TINYDNS,
     .want = ":example.com:257:" LE_OCTAL "\n"},
    {.what = "dnsmasq",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .format = CAA_FORMAT_DNSMASQ,
     .want = "dns-rr=example.com,257," LE_HEX "\n"},
    {.what = "dnsmasq with a TTL says it is global",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .ttl = 300,
     .format = CAA_FORMAT_DNSMASQ,
     .want = "# TTL 300: dnsmasq sets it globally (local-ttl=300)\n"
             "dns-rr=example.com,257," LE_HEX "\n"},
    {.what = "json",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .ttl = 3600,
     .format = CAA_FORMAT_JSON,
     .want = "[{\"flags\":0,\"tag\":\"issue\",\"value\":\"letsencrypt.org\"}]\n"},
    {.what = "octodns",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .format = CAA_FORMAT_OCTODNS,
     .want = OCTODNS_HEAD "'':\n  type: CAA\n  values:\n"
                          "  - flags: 0\n    tag: issue\n    value: letsencrypt.org\n"},
    {.what = "dnscontrol builder",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .format = CAA_FORMAT_DNSCONTROL,
     .want = DNSCONTROL_HEAD "CAA_BUILDER({\n    label: \"@\",\n"
                             "    issue: [\"letsencrypt.org\"],\n}),\n"},

    /* The example. */
    {.what = "issue example, zone",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .wild = {"digicert.com"},
     .wildcard_set = true,
     .iodef = {"mailto:sec@example.com"},
     .account_uri = LE_ACCT,
     .methods = {"dns-01"},
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 0 issue \"letsencrypt.org; accounturi=" LE_ACCT
             "; validationmethods=dns-01\"\n"
             "example.com. IN CAA 0 issuewild \"digicert.com; accounturi=" LE_ACCT
             "; validationmethods=dns-01\"\n"
             "example.com. IN CAA 0 iodef \"mailto:sec@example.com\"\n"},
    {.what = "issue example, dnscontrol needs CAA() for parameters",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .wild = {"digicert.com"},
     .wildcard_set = true,
     .iodef = {"mailto:sec@example.com"},
     .account_uri = LE_ACCT,
     .methods = {"dns-01"},
     .ttl = 600,
     .format = CAA_FORMAT_DNSCONTROL,
     .want = DNSCONTROL_HEAD "CAA(\"@\", \"issue\", \"letsencrypt.org; accounturi=" LE_ACCT
                             "; validationmethods=dns-01\", TTL(600)),\n"
                             "CAA(\"@\", \"issuewild\", \"digicert.com; accounturi=" LE_ACCT
                             "; validationmethods=dns-01\", TTL(600)),\n"
                             "CAA(\"@\", \"iodef\", \"mailto:sec@example.com\", TTL(600)),\n"},
    {.what = "issue example, octodns quotes values with spaces",
     .owner = "example.com",
     .cas = {"letsencrypt.org"},
     .wild = {"digicert.com"},
     .wildcard_set = true,
     .iodef = {"mailto:sec@example.com"},
     .account_uri = LE_ACCT,
     .methods = {"dns-01"},
     .ttl = 3600,
     .format = CAA_FORMAT_OCTODNS,
     .want = OCTODNS_HEAD
     "'':\n  ttl: 3600\n  type: CAA\n  values:\n"
     "  - flags: 0\n    tag: issue\n"
     "    value: \"letsencrypt.org; accounturi=" LE_ACCT "; validationmethods=dns-01\"\n"
     "  - flags: 0\n    tag: issuewild\n"
     "    value: \"digicert.com; accounturi=" LE_ACCT "; validationmethods=dns-01\"\n"
     "  - flags: 0\n    tag: iodef\n    value: mailto:sec@example.com\n"},

    /* CA names. */
    {.what = "a table name expands to all its issuer domains",
     .owner = "example.com",
     .cas = {"Sectigo"},
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 0 issue \"sectigo.com\"\n"
             "example.com. IN CAA 0 issue \"comodoca.com\"\n"
             "example.com. IN CAA 0 issue \"comodo.com\"\n"
             "example.com. IN CAA 0 issue \"usertrust.com\"\n"
             "example.com. IN CAA 0 issue \"trust-provider.com\"\n"},
    {.what = "a domain is taken literally, lower-cased, without its trailing dot; dedup",
     .owner = "example.com",
     .cas = {"letsencrypt", "LetsEncrypt.ORG.", "Let's Encrypt", "ca.example.net", "ZeroSSL",
             "sectigo.com"},
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 0 issue \"letsencrypt.org\"\n"
             "example.com. IN CAA 0 issue \"ca.example.net\"\n"
             "example.com. IN CAA 0 issue \"sectigo.com\"\n"},
    {.what = "owner lower-cased, trailing dot dropped",
     .owner = "WWW.Example.COM.",
     .cas = {"le"},
     .format = CAA_FORMAT_TINYDNS,
     .want = ":www.example.com:257:" LE_OCTAL "\n"},

    /* Policies. */
    {.what = "no issuance",
     .owner = "example.com",
     .no_issuance = true,
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 0 issue \";\"\n"},
    {.what = "no issuance, dnscontrol",
     .owner = "example.com",
     .no_issuance = true,
     .iodef = {"mailto:a@example.com"},
     .format = CAA_FORMAT_DNSCONTROL,
     .want = DNSCONTROL_HEAD "CAA_BUILDER({\n    label: \"@\",\n"
                             "    iodef: \"mailto:a@example.com\",\n"
                             "    issue: \"none\",\n}),\n"},
    {.what = "wildcard-only policy: only issuewild",
     .owner = "example.com",
     .wild = {"digicert.com"},
     .wildcard_set = true,
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 0 issuewild \"digicert.com\"\n"},
    {.what = "wildcard CAs without wildcard_set still make a wildcard policy",
     .owner = "example.com",
     .wild = {"gts"},
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 0 issuewild \"pki.goog\"\n"},
    {.what = "no wildcards at all",
     .owner = "example.com",
     .wildcard_set = true,
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 0 issuewild \";\"\n"},
    {.what = "CAs, no wildcards, dnscontrol builder",
     .owner = "example.com",
     .cas = {"letsencrypt.org", "comodoca.com"},
     .wildcard_set = true,
     .ttl = 300,
     .format = CAA_FORMAT_DNSCONTROL,
     .want = DNSCONTROL_HEAD "CAA_BUILDER({\n    label: \"@\",\n"
                             "    issue: [\"letsencrypt.org\", \"comodoca.com\"],\n"
                             "    issuewild: \"none\",\n    ttl: 300,\n}),\n"},
    {.what = "same CA for names and wildcards",
     .owner = "example.com",
     .cas = {"le"},
     .wild = {"letsencrypt.org"},
     .wildcard_set = true,
     .format = CAA_FORMAT_JSON,
     .want = "[{\"flags\":0,\"tag\":\"issue\",\"value\":\"letsencrypt.org\"},"
             "{\"flags\":0,\"tag\":\"issuewild\",\"value\":\"letsencrypt.org\"}]\n"},
    {.what = "no issuance but wildcards: parameters only on the issuewild record",
     .owner = "example.com",
     .no_issuance = true,
     .wild = {"letsencrypt.org"},
     .wildcard_set = true,
     .account_uri = LE_ACCT,
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 0 issue \";\"\n"
             "example.com. IN CAA 0 issuewild \"letsencrypt.org; accounturi=" LE_ACCT "\"\n"},
    {.what = "CAs, no wildcards, methods: not on the ';' record",
     .owner = "example.com",
     .cas = {"le"},
     .wildcard_set = true,
     .methods = {"http-01", "tls-alpn-01"},
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 0 issue \"letsencrypt.org; "
             "validationmethods=http-01,tls-alpn-01\"\n"
             "example.com. IN CAA 0 issuewild \";\"\n"},
    {.what = "critical: issue and issuewild only",
     .owner = "example.com",
     .cas = {"le"},
     .wildcard_set = true,
     .iodef = {"mailto:a@example.com"},
     .critical = true,
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 128 issue \"letsencrypt.org\"\n"
             "example.com. IN CAA 128 issuewild \";\"\n"
             "example.com. IN CAA 0 iodef \"mailto:a@example.com\"\n"},
    {.what = "critical, dnscontrol builder",
     .owner = "example.com",
     .cas = {"le"},
     .critical = true,
     .format = CAA_FORMAT_DNSCONTROL,
     .want = DNSCONTROL_HEAD "CAA_BUILDER({\n    label: \"@\",\n"
                             "    issue: [\"letsencrypt.org\"],\n"
                             "    issue_critical: true,\n}),\n"},
    {.what = "iodef: bare address gets mailto:, duplicates dropped, several kept",
     .owner = "example.com",
     .cas = {"le"},
     .iodef = {"sec@example.com", "mailto:sec@example.com", "https://iodef.example.com/r"},
     .format = CAA_FORMAT_ZONE,
     .want = "example.com. IN CAA 0 issue \"letsencrypt.org\"\n"
             "example.com. IN CAA 0 iodef \"mailto:sec@example.com\"\n"
             "example.com. IN CAA 0 iodef \"https://iodef.example.com/r\"\n"},
    {.what = "two iodefs: dnscontrol falls back to CAA()",
     .owner = "example.com",
     .cas = {"le"},
     .iodef = {"a@example.com", "b@example.com"},
     .format = CAA_FORMAT_DNSCONTROL,
     .want = DNSCONTROL_HEAD "CAA(\"@\", \"issue\", \"letsencrypt.org\"),\n"
                             "CAA(\"@\", \"iodef\", \"mailto:a@example.com\"),\n"
                             "CAA(\"@\", \"iodef\", \"mailto:b@example.com\"),\n"},
    {.what = "contacts",
     .owner = "example.com",
     .cas = {"le"},
     .email = "hostmaster@example.com",
     .phone = "+1.555.0100",
     .format = CAA_FORMAT_OCTODNS,
     .want = OCTODNS_HEAD "'':\n  type: CAA\n  values:\n"
                          "  - flags: 0\n    tag: issue\n    value: letsencrypt.org\n"
                          "  - flags: 0\n    tag: contactemail\n"
                          "    value: hostmaster@example.com\n"
                          "  - flags: 0\n    tag: contactphone\n    value: \"+1.555.0100\"\n"},

    /* Contradictions and malformed input. */
    {.what = "nothing",
     .owner = "example.com",
     .want_status = CAA_E_INVALID_ARG,
     .want = "nothing to generate: give --ca, --no-issuance or --wildcard-ca"},
    {.what = "no issuance with CAs",
     .owner = "example.com",
     .cas = {"le"},
     .no_issuance = true,
     .want_status = CAA_E_INVALID_ARG,
     .want = "contradictory policy: no issuance (issue \";\") together with CAs allowed to "
             "issue"},
    {.what = "no issuance with an account URI",
     .owner = "example.com",
     .no_issuance = true,
     .account_uri = LE_ACCT,
     .want_status = CAA_E_INVALID_ARG,
     .want = "contradictory policy: an account URI is given but no CA may issue (a ';' record "
             "takes no parameters)"},
    {.what = "no wildcards only, with methods",
     .owner = "example.com",
     .wildcard_set = true,
     .methods = {"dns-01"},
     .want_status = CAA_E_INVALID_ARG,
     .want = "contradictory policy: validation methods are given but no CA may issue (a ';' "
             "record takes no parameters)"},
    {.what = "unknown CA",
     .owner = "example.com",
     .cas = {"foo"},
     .want_status = CAA_E_INVALID_ARG,
     .want = UNKNOWN_CA("foo")},
    {.what = "an intermediate's name is not a CA identifier",
     .owner = "example.com",
     .cas = {"le", "Let's Encrypt Authority X3"},
     .want_status = CAA_E_INVALID_ARG,
     .want = "unknown CA 'Let's Encrypt Authority X3': not in the CA table (2026-11-01) and "
             "not a domain name; known: letsencrypt, digicert, sectigo, zerossl, google, "
             "amazon, globalsign, entrust, ..."},
    {.what = "an unknown wildcard CA",
     .owner = "example.com",
     .wild = {"ca..example"},
     .want_status = CAA_E_INVALID_ARG,
     .want = "unknown CA 'ca..example': not in the CA table (2026-11-01) and not a domain "
             "name; known: letsencrypt, digicert, sectigo, zerossl, google, amazon, globalsign, "
             "entrust, buypass, sslcom, ..."},
    {.what = "duplicate method",
     .owner = "example.com",
     .cas = {"le"},
     .methods = {"dns-01", "http-01", "DNS-01"},
     .want_status = CAA_E_INVALID_ARG,
     .want = "validation method 'DNS-01' is given twice"},
    {.what = "method that is not a label",
     .owner = "example.com",
     .cas = {"le"},
     .methods = {"dns_01"},
     .want_status = CAA_E_INVALID_ARG,
     .want = "validation method 'dns_01' is not an RFC 8657 label (letters, digits, '-'; e.g. "
             "dns-01, http-01, tls-alpn-01)"},
    {.what = "a list in one method",
     .owner = "example.com",
     .cas = {"le"},
     .methods = {"dns-01,http-01"},
     .want_status = CAA_E_INVALID_ARG,
     .want = "validation method 'dns-01,http-01' is not an RFC 8657 label (letters, digits, "
             "'-'; e.g. dns-01, http-01, tls-alpn-01)"},
    {.what = "empty method",
     .owner = "example.com",
     .cas = {"le"},
     .methods = {""},
     .want_status = CAA_E_INVALID_ARG,
     .want = "validation method '' is not an RFC 8657 label (letters, digits, '-'; e.g. "
             "dns-01, http-01, tls-alpn-01)"},
    {.what = "account URI that is not a URI",
     .owner = "example.com",
     .cas = {"le"},
     .account_uri = "acct/123",
     .want_status = CAA_E_INVALID_ARG,
     .want = "account URI 'acct/123' is not an absolute URI usable as an RFC 8657 accounturi "
             "(no spaces or ';')"},
    {.what = "account URI with a ';'",
     .owner = "example.com",
     .cas = {"le"},
     .account_uri = "https://ca.example/acct;1",
     .want_status = CAA_E_INVALID_ARG,
     .want = "account URI 'https://ca.example/acct;1' is not an absolute URI usable as an RFC "
             "8657 accounturi (no spaces or ';')"},
    {.what = "iodef not a URL",
     .owner = "example.com",
     .cas = {"le"},
     .iodef = {"ftp://example.com/x"},
     .want_status = CAA_E_INVALID_ARG,
     .want = NULL /* prefix checked below: the reason comes from caa_iodef_valid */},
    {.what = "contact email that is not one address",
     .owner = "example.com",
     .cas = {"le"},
     .email = "hostmaster",
     .want_status = CAA_E_INVALID_ARG,
     .want = NULL},
    {.what = "contact phone without +",
     .owner = "example.com",
     .cas = {"le"},
     .phone = "555-0100",
     .want_status = CAA_E_INVALID_ARG,
     .want = NULL},
    {.what = "wildcard owner",
     .owner = "*.example.com",
     .cas = {"le"},
     .want_status = CAA_E_INVALID_ARG,
     .want = "owner '*.example.com': CAA records at a wildcard owner do not govern wildcard "
             "certificates; put them at 'example.com' (issuewild covers wildcards)"},
    {.what = "owner with a space",
     .owner = "exa mple.com",
     .cas = {"le"},
     .want_status = CAA_E_INVALID_ARG,
     .want = "owner 'exa mple.com' is not a domain name (ASCII; IDNs as xn-- A-labels)"},
    {.what = "empty owner",
     .owner = "",
     .cas = {"le"},
     .want_status = CAA_E_INVALID_ARG,
     .want = "no owner name: give the domain the records are for"},
    {.what = "no owner",
     .owner = NULL,
     .cas = {"le"},
     .want_status = CAA_E_INVALID_ARG,
     .want = "no owner name: give the domain the records are for"},
    {.what = "TTL too large",
     .owner = "example.com",
     .cas = {"le"},
     .ttl = UINT32_C(2147483648),
     .want_status = CAA_E_INVALID_ARG,
     .want = "TTL 2147483648 is larger than 2147483647 (RFC 2181 §8)"},
};

/* Error-message prefixes for the cases whose reason comes from value.h. */
static const struct {
    const char *what;
    const char *prefix;
} prefixes[] = {
    {"iodef not a URL", "iodef 'ftp://example.com/x' is not a mailto:, http: or https: URL: "},
    {"contact email that is not one address",
     "contact email 'hostmaster' is not one email address: "},
    {"contact phone without +",
     "contact phone '555-0100' is not an RFC 3966 global number (+...): "},
};

static size_t count_of(const char *const *list)
{
    size_t n = 0;

    while (n < MAX_ITEMS && list[n] != NULL) {
        n++;
    }
    return n;
}

static void policy_of(const struct gen_case *c, struct caa_policy *p)
{
    caa_policy_init(p);
    p->owner = c->owner;
    p->ttl = c->ttl;
    p->cas = c->cas;
    p->ca_count = count_of(c->cas);
    p->no_issuance = c->no_issuance;
    p->wildcard_set = c->wildcard_set;
    p->wildcard_cas = c->wild;
    p->wildcard_ca_count = count_of(c->wild);
    p->iodef = c->iodef;
    p->iodef_count = count_of(c->iodef);
    p->account_uri = c->account_uri;
    p->methods = c->methods;
    p->method_count = count_of(c->methods);
    p->contact_email = c->email;
    p->contact_phone = c->phone;
    p->critical = c->critical;
}

static const char *prefix_for(const char *what)
{
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        if (strcmp(prefixes[i].what, what) == 0) {
            return prefixes[i].prefix;
        }
    }
    return NULL;
}

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct gen_case *c = &cases[i];
        struct caa_policy p;
        struct caa_error err;
        char *out = (char *)1;
        enum caa_status st;

        policy_of(c, &p);
        memset(&err, 0, sizeof(err));
        st = caa_generate(&p, c->format, &out, &err);
        if (st != c->want_status) {
            fail_msg("case '%s': status %d, want %d (%s)", c->what, (int)st, (int)c->want_status,
                     err.message);
        }
        if (st == CAA_OK) {
            if (strcmp(out, c->want) != 0) {
                fail_msg("case '%s':\n got: %s\nwant: %s", c->what, out, c->want);
            }
            free(out);
            continue;
        }
        assert_null(out);
        if (c->want != NULL) {
            if (strcmp(err.message, c->want) != 0) {
                fail_msg("case '%s':\n got: %s\nwant: %s", c->what, err.message, c->want);
            }
        } else {
            const char *prefix = prefix_for(c->what);
            assert_non_null(prefix);
            if (strncmp(err.message, prefix, strlen(prefix)) != 0 ||
                strlen(err.message) == strlen(prefix)) {
                fail_msg("case '%s':\n got: %s\nwant: %s<reason>", c->what, err.message, prefix);
            }
        }
    }
}

/* The flags octet is the first RDATA byte: 128 is \200 in tinydns octal. */
static void test_critical_tinydns(void **state)
{
    const char *cas[] = {"letsencrypt.org"};
    struct caa_policy p;
    char *out = NULL;

    (void)state;
    caa_policy_init(&p);
    p.owner = "example.com";
    p.cas = cas;
    p.ca_count = 1;
    p.critical = true;
    assert_int_equal(caa_generate(&p, CAA_FORMAT_TINYDNS, &out, NULL), CAA_OK);
    assert_string_equal(out, ":example.com:257:\\200\\005\\151\\163\\163\\165\\145\\154\\145\\164"
                             "\\163\\145\\156\\143\\162\\171\\160\\164\\056\\157\\162\\147\n");
    free(out);
}

/* Zone output parses back (caa_record_from_text) to the records the JSON output lists. */
static void test_zone_parses_back(void **state)
{
    static const char *const want[][2] = {
        {"issue", "letsencrypt.org; validationmethods=dns-01"},
        {"issuewild", ";"},
        {"iodef", "mailto:sec@example.com"},
        {"contactemail", "hostmaster@example.com"},
    };
    const char *cas[] = {"letsencrypt"};
    const char *methods[] = {"dns-01"};
    const char *iodef[] = {"sec@example.com"};
    const char *prefix = "example.com. 60 IN CAA ";
    struct caa_policy p;
    char *out = NULL;
    char *line;
    size_t n = 0;

    (void)state;
    caa_policy_init(&p);
    p.owner = "example.com";
    p.ttl = 60;
    p.cas = cas;
    p.ca_count = 1;
    p.wildcard_set = true;
    p.methods = methods;
    p.method_count = 1;
    p.iodef = iodef;
    p.iodef_count = 1;
    p.contact_email = "hostmaster@example.com";
    assert_int_equal(caa_generate(&p, CAA_FORMAT_ZONE, &out, NULL), CAA_OK);
    line = out;
    while (*line != '\0') {
        char *end = strchr(line, '\n');
        struct caa_record rec;
        const char *rdata = line + strlen(prefix);

        assert_non_null(end);
        assert_true(n < sizeof(want) / sizeof(want[0]));
        assert_memory_equal(line, prefix, strlen(prefix));
        assert_int_equal(
            caa_record_from_text(rdata, (size_t)(end - rdata), CAA_PARSE_STRICT, &rec, NULL),
            CAA_OK);
        assert_int_equal(rec.flags, 0);
        assert_string_equal(rec.tag, want[n][0]);
        assert_int_equal(rec.value_len, strlen(want[n][1]));
        assert_memory_equal(rec.value, want[n][1], rec.value_len);
        caa_record_cleanup(&rec);
        line = end + 1;
        n++;
    }
    assert_int_equal(n, sizeof(want) / sizeof(want[0]));
    free(out);
}

static void test_format_names(void **state)
{
    static const struct {
        enum caa_format format;
        const char *name;
    } names[] = {
        {CAA_FORMAT_ZONE, "zone"},
        {CAA_FORMAT_RFC3597, "rfc3597"},
        {CAA_FORMAT_TINYDNS, "tinydns"},
        {CAA_FORMAT_DNSMASQ, "dnsmasq"},
        {CAA_FORMAT_DNSCONTROL, "dnscontrol"},
        {CAA_FORMAT_OCTODNS, "octodns"},
        {CAA_FORMAT_JSON, "json"},
    };
    enum caa_format f = CAA_FORMAT_JSON;

    (void)state;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        assert_string_equal(caa_format_name(names[i].format), names[i].name);
        assert_int_equal(caa_format_from_name(names[i].name, &f), 0);
        assert_int_equal(f, names[i].format);
    }
    assert_null(caa_format_name((enum caa_format)99));
    f = CAA_FORMAT_OCTODNS;
    assert_int_equal(caa_format_from_name("ZONE", &f), -1);
    assert_int_equal(caa_format_from_name("bind", &f), -1);
    assert_int_equal(caa_format_from_name(NULL, &f), -1);
    assert_int_equal(f, CAA_FORMAT_OCTODNS);
}

static void test_bad_arguments(void **state)
{
    const char *cas[] = {"letsencrypt.org"};
    struct caa_policy p;
    struct caa_error err;
    char *out = NULL;

    (void)state;
    caa_policy_init(&p);
    p.owner = "example.com";
    p.cas = cas;
    p.ca_count = 1;
    assert_int_equal(caa_generate(NULL, CAA_FORMAT_ZONE, &out, &err), CAA_E_INVALID_ARG);
    assert_int_equal(caa_generate(&p, CAA_FORMAT_ZONE, NULL, &err), CAA_E_INVALID_ARG);
    assert_int_equal(caa_generate(&p, (enum caa_format)99, &out, &err), CAA_E_INVALID_ARG);
    assert_string_equal(err.message, "unknown output format 99");
    assert_null(out);
    /* err may be NULL */
    p.ca_count = 0;
    assert_int_equal(caa_generate(&p, CAA_FORMAT_ZONE, &out, NULL), CAA_E_INVALID_ARG);
    assert_null(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_critical_tinydns),
        cmocka_unit_test(test_zone_parses_back),
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
