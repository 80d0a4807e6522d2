/* SPDX-License-Identifier: MIT */
/* caa_issue_value_parse under both profiles: every value shape from
 * notes/ca-behaviour.md §1, §2.4, §6.7, §6.8, §9 and §11, plus Boulder's own parse cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <caa/value.h>

#define LE CAA_PROFILE_LETSENCRYPT
#define RFC CAA_PROFILE_RFC8659
#define OK_ -1L /* err left untouched */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct issue_case {
    const char *value;
    size_t len; /* 0: strlen(value) */
    enum caa_profile profile;
    bool well_formed;
    const char *issuer;
    size_t issuer_len; /* 0: strlen(issuer) */
    size_t param_count;
    const char *tag0; /* first parameter, NULL if none */
    const char *value0;
    long err_offset;        /* OK_ when well formed */
    const char *err_substr; /* NULL: message not checked */
};

static const struct issue_case cases[] = {
    /* §2.4: bare issuer, empty value, lone ';' (nobody may issue). */
    {"letsencrypt.org", 0, LE, true, "letsencrypt.org", 0, 0, NULL, NULL, OK_, NULL},
    {"letsencrypt.org", 0, RFC, true, "letsencrypt.org", 0, 0, NULL, NULL, OK_, NULL},
    {"", 0, LE, true, "", 0, 0, NULL, NULL, OK_, NULL},
    {"", 0, RFC, true, "", 0, 0, NULL, NULL, OK_, NULL},
    {";", 0, LE, true, "", 0, 0, NULL, NULL, OK_, NULL},
    {";", 0, RFC, true, "", 0, 0, NULL, NULL, OK_, NULL},
    {" ; ", 0, LE, true, "", 0, 0, NULL, NULL, OK_, NULL},
    {" ; ", 0, RFC, true, "", 0, 0, NULL, NULL, OK_, NULL},
    {"   ", 0, LE, true, "", 0, 0, NULL, NULL, OK_, NULL},
    {"   ", 0, RFC, true, "", 0, 0, NULL, NULL, OK_, NULL},
    /* T040: a lone trailing ';' after the issuer. */
    {"letsencrypt.org;", 0, LE, true, "letsencrypt.org", 0, 0, NULL, NULL, OK_, NULL},
    {"letsencrypt.org;", 0, RFC, true, "letsencrypt.org", 0, 0, NULL, NULL, OK_, NULL},
    {"letsencrypt.org;   ", 0, LE, true, "letsencrypt.org", 0, 0, NULL, NULL, OK_, NULL},
    {"letsencrypt.org;   ", 0, RFC, true, "letsencrypt.org", 0, 0, NULL, NULL, OK_, NULL},
    {"ca;", 0, LE, true, "ca", 0, 0, NULL, NULL, OK_, NULL},
    {"ca;", 0, RFC, true, "ca", 0, 0, NULL, NULL, OK_, NULL},
    /* T034: whitespace trimmed, unknown parameters kept for the caller to ignore. */
    {"  letsencrypt.org  ;foo=bar;baz=bar", 0, LE, true, "letsencrypt.org", 0, 2, "foo", "bar", OK_,
     NULL},
    {"  letsencrypt.org  ;foo=bar;baz=bar", 0, RFC, true, "letsencrypt.org", 0, 2, "foo", "bar",
     OK_, NULL},
    {"\tletsencrypt.org ;foo=bar;baz=bar", 0, LE, true, "letsencrypt.org", 0, 2, "foo", "bar", OK_,
     NULL},
    {"\tletsencrypt.org ;foo=bar;baz=bar", 0, RFC, true, "letsencrypt.org", 0, 2, "foo", "bar", OK_,
     NULL},
    /* T035: '_' in a parameter tag. */
    {"letsencrypt.org; a_b=123", 0, LE, false, "letsencrypt.org", 0, 0, NULL, NULL, 18,
     "parameter tag 'a_b' has '_'"},
    {"letsencrypt.org; a_b=123", 0, RFC, false, "letsencrypt.org", 0, 0, NULL, NULL, 18,
     "parameter tag 'a_b' has '_'"},
    /* T043: ';' after the last parameter. */
    {"letsencrypt.org; validationmethods=dns-01;", 0, LE, false, "letsencrypt.org", 0, 1,
     "validationmethods", "dns-01", 41, "';' after the last parameter"},
    {"letsencrypt.org; validationmethods=dns-01;", 0, RFC, false, "letsencrypt.org", 0, 1,
     "validationmethods", "dns-01", 41, "';' after the last parameter"},
    {"ca; a=b; ", 0, LE, false, "ca", 0, 1, "a", "b", 7, "';' after the last parameter"},
    {"ca; a=b; ", 0, RFC, false, "ca", 0, 1, "a", "b", 7, "';' after the last parameter"},
    /* T044: an empty parameter between ';;'. */
    {"letsencrypt.org;;", 0, LE, false, "letsencrypt.org", 0, 0, NULL, NULL, 16,
     "empty parameter between ';;'"},
    {"letsencrypt.org;;", 0, RFC, false, "letsencrypt.org", 0, 0, NULL, NULL, 16,
     "empty parameter between ';;'"},
    {"ca;a=b;;c=d", 0, LE, false, "ca", 0, 1, "a", "b", 7, "empty parameter"},
    {"ca;a=b;;c=d", 0, RFC, false, "ca", 0, 1, "a", "b", 7, "empty parameter"},
    {"ca; ;a=b", 0, LE, false, "ca", 0, 0, NULL, NULL, 4, "empty parameter"},
    {";;", 0, RFC, false, "", 0, 0, NULL, NULL, 1, "empty parameter"},
    /* T068, T070, T075, T080: validationmethods shapes (duplicates parse; the verdict code
     * rejects them). */
    {"letsencrypt.org; validationmethods=dns-01", 0, LE, true, "letsencrypt.org", 0, 1,
     "validationmethods", "dns-01", OK_, NULL},
    {"letsencrypt.org; validationmethods=dns-01", 0, RFC, true, "letsencrypt.org", 0, 1,
     "validationmethods", "dns-01", OK_, NULL},
    {"letsencrypt.org; validationmethods=http-01,dns-01", 0, LE, true, "letsencrypt.org", 0, 1,
     "validationmethods", "http-01,dns-01", OK_, NULL},
    {"letsencrypt.org; validationmethods=http-01,dns-01", 0, RFC, true, "letsencrypt.org", 0, 1,
     "validationmethods", "http-01,dns-01", OK_, NULL},
    {"letsencrypt.org; validationmethods=http-01; validationmethods=dns-01", 0, LE, true,
     "letsencrypt.org", 0, 2, "validationmethods", "http-01", OK_, NULL},
    {"letsencrypt.org; validationmethods=http-01; validationmethods=dns-01", 0, RFC, true,
     "letsencrypt.org", 0, 2, "validationmethods", "http-01", OK_, NULL},
    {"letsencrypt.org; validationmethods=tls-sni-01,http-01", 0, LE, true, "letsencrypt.org", 0, 1,
     "validationmethods", "tls-sni-01,http-01", OK_, NULL},
    {"letsencrypt.org; validationmethods=tls-sni-01,http-01", 0, RFC, true, "letsencrypt.org", 0, 1,
     "validationmethods", "tls-sni-01,http-01", OK_, NULL},
    /* T072, T073, T086: accounturi values hold ':' and '/'. */
    {"letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/321", 0, LE, true,
     "letsencrypt.org", 0, 1, "accounturi", "https://acme-v02.api.letsencrypt.org/acme/acct/321",
     OK_, NULL},
    {"letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/321", 0, RFC, true,
     "letsencrypt.org", 0, 1, "accounturi", "https://acme-v02.api.letsencrypt.org/acme/acct/321",
     OK_, NULL},
    {"letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/123/", 0, LE, true,
     "letsencrypt.org", 0, 1, "accounturi", "https://acme-v02.api.letsencrypt.org/acme/acct/123/",
     OK_, NULL},
    {"letsencrypt.org;accounturi=http://acme-v02.api.letsencrypt.org/acme/acct/123", 0, RFC, true,
     "letsencrypt.org", 0, 1, "accounturi", "http://acme-v02.api.letsencrypt.org/acme/acct/123",
     OK_, NULL},
    {"letsencrypt.org; accounturi=https://x/1; validationmethods=dns-01", 0, LE, true,
     "letsencrypt.org", 0, 2, "accounturi", "https://x/1", OK_, NULL},
    /* §9 #3: capitalised tags parse in both; only the lookup differs. */
    {"letsencrypt.org; AccountURI=https://x/1", 0, LE, true, "letsencrypt.org", 0, 1, "AccountURI",
     "https://x/1", OK_, NULL},
    {"letsencrypt.org; AccountURI=https://x/1", 0, RFC, true, "letsencrypt.org", 0, 1, "AccountURI",
     "https://x/1", OK_, NULL},
    /* §9 #2: a hyphen in a parameter tag. */
    {"letsencrypt.org; 1=2; a-b=c", 0, LE, false, "letsencrypt.org", 0, 1, "1", "2", 23,
     "parameter tag 'a-b' has '-'"},
    {"letsencrypt.org; 1=2; a-b=c", 0, RFC, true, "letsencrypt.org", 0, 2, "1", "2", OK_, NULL},
    {"ca; a--b=c", 0, LE, false, "ca", 0, 0, NULL, NULL, 5, "has '-'"},
    {"ca; a--b=c", 0, RFC, true, "ca", 0, 1, "a--b", "c", OK_, NULL},
    {"ca; -a=b", 0, RFC, false, "ca", 0, 0, NULL, NULL, 4, "starts with '-'"},
    {"ca; a-=b", 0, RFC, false, "ca", 0, 0, NULL, NULL, 5, "ends with '-'"},
    /* §6.7: spaces and non-ASCII in values. */
    {"letsencrypt.org; ab=1 2 3", 0, LE, false, "letsencrypt.org", 0, 0, NULL, NULL, 21,
     "byte 0x20 not allowed in a parameter value"},
    {"letsencrypt.org; ab=1 2 3", 0, RFC, false, "letsencrypt.org", 0, 0, NULL, NULL, 21,
     "byte 0x20 not allowed in a parameter value"},
    {"letsencrypt.org; foo=a\xe2\x98\x95"
     "b",
     0, LE, false, "letsencrypt.org", 0, 0, NULL, NULL, 22, "byte 0xE2"},
    {"letsencrypt.org; foo=a\xe2\x98\x95"
     "b",
     0, RFC, false, "letsencrypt.org", 0, 0, NULL, NULL, 22, "byte 0xE2"},
    {"letsencrypt.org; foo=b1,b2,b3 baz=a", 0, LE, false, "letsencrypt.org", 0, 0, NULL, NULL, 29,
     NULL},
    {"letsencrypt.org; foo=b1,b2,b3 baz=a", 0, RFC, false, "letsencrypt.org", 0, 0, NULL, NULL, 29,
     NULL},
    {"ca; a=\x7f", 0, LE, false, "ca", 0, 0, NULL, NULL, 6, "byte 0x7F"},
    {"ca; a=b\r\n", 0, RFC, false, "ca", 0, 0, NULL, NULL, 7, "byte 0x0D"},
    {"ca; \xc3\xa9=1", 0, LE, false, "ca", 0, 0, NULL, NULL, 4, "byte 0xC3"},
    {"ca; \xc3\xa9=1", 0, RFC, false, "ca", 0, 0, NULL, NULL, 4, "byte 0xC3"},
    {"ca; a=!~:<", 0, LE, true, "ca", 0, 1, "a", "!~:<", OK_, NULL},
    /* Boulder's parse table: WSP around '=', empty values, '=' and ',' inside values. */
    {"letsencrypt.org; foo=; baz =\tbar", 0, LE, true, "letsencrypt.org", 0, 2, "foo", "", OK_,
     NULL},
    {"letsencrypt.org; foo=\t; baz =\tbar", 0, RFC, true, "letsencrypt.org", 0, 2, "foo", "", OK_,
     NULL},
    {"letsencrypt.org; foo=b1,b2,b3\t; baz =\t\ta=b\t", 0, LE, true, "letsencrypt.org", 0, 2, "foo",
     "b1,b2,b3", OK_, NULL},
    {"letsencrypt.org; foo=b1,b2,b3\t; baz =\t\ta=b\t", 0, RFC, true, "letsencrypt.org", 0, 2,
     "foo", "b1,b2,b3", OK_, NULL},
    {"letsencrypt.org; foo=b1,b2,b3\t; foo= b1,b2,b3\t", 0, LE, true, "letsencrypt.org", 0, 2,
     "foo", "b1,b2,b3", OK_, NULL},
    {"letsencrypt.org; foo=b1,b2,b3\t; baz =\t\ta = b\t", 0, LE, false, "letsencrypt.org", 0, 1,
     "foo", "b1,b2,b3", 40, NULL},
    {"letsencrypt.org; foo=b1,b2,b3\t; baz=a=\tb", 0, LE, false, "letsencrypt.org", 0, 1, "foo",
     "b1,b2,b3", 38, NULL},
    {"letsencrypt.org; foo=b1,b2,b3\t; baz =\t\ta;b\t", 0, LE, false, "letsencrypt.org", 0, 2,
     "foo", "b1,b2,b3", 41, "parameter 'b' has no '='"},
    {"letsencrypt.org; foo=b1,b2,b3\t; baz =\t\ta;b\t", 0, RFC, false, "letsencrypt.org", 0, 2,
     "foo", "b1,b2,b3", 41, "parameter 'b' has no '='"},
    {"ca; a = b", 0, RFC, true, "ca", 0, 1, "a", "b", OK_, NULL},
    {"ca; a==b", 0, LE, true, "ca", 0, 1, "a", "=b", OK_, NULL},
    {"ca; a==b", 0, RFC, true, "ca", 0, 1, "a", "=b", OK_, NULL},
    {"ca; x", 0, LE, false, "ca", 0, 0, NULL, NULL, 4, "parameter 'x' has no '='"},
    {"ca; x", 0, RFC, false, "ca", 0, 0, NULL, NULL, 4, "parameter 'x' has no '='"},
    /* Boulder checks tag bytes one by one, so an empty tag passes; the ABNF needs one. */
    {"ca; =x", 0, LE, true, "ca", 0, 1, "", "x", OK_, NULL},
    {"ca; =x", 0, RFC, false, "ca", 0, 0, NULL, NULL, 4, "empty tag"},
    /* §6.6, §9 #4, T049: the issuer is never checked by Boulder, strictly by the RFC. */
    {"letsencrypt.org.", 0, LE, true, "letsencrypt.org.", 0, 0, NULL, NULL, OK_, NULL},
    {"letsencrypt.org.", 0, RFC, false, "letsencrypt.org.", 0, 0, NULL, NULL, 15, "trailing dot"},
    {"  letsencrypt.org.  ; accounturi=x", 0, RFC, false, "letsencrypt.org.", 0, 1, "accounturi",
     "x", 17, "trailing dot"},
    {"LetsEncrypt.ORG", 0, LE, true, "LetsEncrypt.ORG", 0, 0, NULL, NULL, OK_, NULL},
    {"LetsEncrypt.ORG", 0, RFC, true, "LetsEncrypt.ORG", 0, 0, NULL, NULL, OK_, NULL},
    {"\"letsencrypt.org\"", 0, LE, true, "\"letsencrypt.org\"", 0, 0, NULL, NULL, OK_, NULL},
    {"\"letsencrypt.org\"", 0, RFC, false, "\"letsencrypt.org\"", 0, 0, NULL, NULL, 0, "'\"'"},
    {"lets encrypt.org", 0, LE, true, "lets encrypt.org", 0, 0, NULL, NULL, OK_, NULL},
    {"lets encrypt.org", 0, RFC, false, "lets encrypt.org", 0, 0, NULL, NULL, 4, "byte 0x20"},
    {"https://letsencrypt.org", 0, LE, true, "https://letsencrypt.org", 0, 0, NULL, NULL, OK_,
     NULL},
    {"https://letsencrypt.org", 0, RFC, false, "https://letsencrypt.org", 0, 0, NULL, NULL, 5,
     "':'"},
    {"lets-encrypt.org", 0, RFC, true, "lets-encrypt.org", 0, 0, NULL, NULL, OK_, NULL},
    {"www.letsencrypt.org", 0, RFC, true, "www.letsencrypt.org", 0, 0, NULL, NULL, OK_, NULL},
    {"letsencrypt..org", 0, LE, true, "letsencrypt..org", 0, 0, NULL, NULL, OK_, NULL},
    {"letsencrypt..org", 0, RFC, false, "letsencrypt..org", 0, 0, NULL, NULL, 12, "empty label"},
    {"-le.org", 0, RFC, false, "-le.org", 0, 0, NULL, NULL, 0, "starts with '-'"},
    {"le-.org", 0, RFC, false, "le-.org", 0, 0, NULL, NULL, 2, "ends with '-'"},
    {"le--x.org", 0, RFC, true, "le--x.org", 0, 0, NULL, NULL, OK_, NULL},
    {".org", 0, RFC, false, ".org", 0, 0, NULL, NULL, 0, "empty label"},
    {"le\0.org", 7, LE, true, "le\0.org", 7, 0, NULL, NULL, OK_, NULL},
    {"le\0.org", 7, RFC, false, "le\0.org", 7, 0, NULL, NULL, 2, "byte 0x00"},
    /* Malformed values still report the issuer and the parameters read before the error. */
    {"ca.example; a=b;", 0, LE, false, "ca.example", 0, 1, "a", "b", 15, NULL},
    {"ca.example; a=b;", 0, RFC, false, "ca.example", 0, 1, "a", "b", 15, NULL},
    {"caatestsuite.com; a=b; c_d=e", 0, LE, false, "caatestsuite.com", 0, 1, "a", "b", 24, NULL},
};

static void check_case(size_t index, const struct issue_case *c)
{
    struct caa_issue_value v;
    struct caa_error err = {12345, "untouched"};
    size_t len = c->len != 0 ? c->len : strlen(c->value);
    size_t issuer_len = c->issuer_len != 0 ? c->issuer_len : strlen(c->issuer);
    const uint8_t *value = (const uint8_t *)c->value;
    enum caa_status st = caa_issue_value_parse(value, len, c->profile, &v, &err);

    print_message("# case %zu [%s]\n", index, c->profile == LE ? "letsencrypt" : "rfc8659");
    assert_int_equal(st, CAA_OK);
    assert_int_equal(v.well_formed, c->well_formed);
    assert_int_equal(v.issuer.len, issuer_len);
    assert_memory_equal(v.issuer.ptr, c->issuer, issuer_len);
    assert_true(v.issuer.ptr >= value && v.issuer.ptr + v.issuer.len <= value + len);
    assert_int_equal(v.param_count, c->param_count);
    if (c->tag0 != NULL) {
        assert_int_equal(v.params[0].tag.len, strlen(c->tag0));
        assert_memory_equal(v.params[0].tag.ptr, c->tag0, strlen(c->tag0));
        assert_int_equal(v.params[0].value.len, strlen(c->value0));
        assert_memory_equal(v.params[0].value.ptr, c->value0, strlen(c->value0));
    }
    if (c->err_offset == OK_) {
        assert_int_equal(err.offset, 12345);
        assert_string_equal(err.message, "untouched");
    } else {
        assert_int_equal(err.offset, c->err_offset);
        assert_true(err.message[0] != '\0');
        if (c->err_substr != NULL && strstr(err.message, c->err_substr) == NULL) {
            fail_msg("message '%s' lacks '%s'", err.message, c->err_substr);
        }
    }
}

static void test_issue_value_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(cases); i++) {
        check_case(i, &cases[i]);
    }
}

/* The error is optional and the same answer comes without it. */
static void test_null_err(void **state)
{
    struct caa_issue_value v;

    (void)state;
    for (size_t i = 0; i < COUNT(cases); i++) {
        const struct issue_case *c = &cases[i];
        size_t len = c->len != 0 ? c->len : strlen(c->value);
        assert_int_equal(
            caa_issue_value_parse((const uint8_t *)c->value, len, c->profile, &v, NULL), CAA_OK);
        assert_int_equal(v.well_formed, c->well_formed);
    }
}

static void test_bad_args(void **state)
{
    struct caa_issue_value v;

    (void)state;
    assert_int_equal(caa_issue_value_parse((const uint8_t *)"ca", 2, LE, NULL, NULL),
                     CAA_E_INVALID_ARG);
    assert_int_equal(caa_issue_value_parse(NULL, 3, LE, &v, NULL), CAA_E_INVALID_ARG);
    assert_false(v.well_formed);
    assert_int_equal(v.issuer.len, 0);
    assert_int_equal(caa_issue_value_parse(NULL, 0, RFC, &v, NULL), CAA_OK);
    assert_true(v.well_formed);
    assert_int_equal(caa_issue_value_parse((const uint8_t *)"ca", 2, (enum caa_profile)7, &v, NULL),
                     CAA_E_INVALID_ARG);
}

/* Builds "ca; p=1; p=1; ..." with n parameters. */
static size_t build_params(char *buf, size_t cap, size_t n)
{
    size_t used = (size_t)snprintf(buf, cap, "ca");
    for (size_t i = 0; i < n; i++) {
        used += (size_t)snprintf(buf + used, cap - used, "; p%zu=%zu", i, i);
    }
    return used;
}

static void test_param_limit(void **state)
{
    static const enum caa_profile profiles[] = {LE, RFC};
    char buf[2048];
    struct caa_issue_value v;
    struct caa_error err = {0, ""};
    size_t len;

    (void)state;
    for (size_t p = 0; p < COUNT(profiles); p++) {
        len = build_params(buf, sizeof(buf), CAA_ISSUE_PARAMS_MAX);
        assert_int_equal(caa_issue_value_parse((const uint8_t *)buf, len, profiles[p], &v, &err),
                         CAA_OK);
        assert_true(v.well_formed);
        assert_int_equal(v.param_count, CAA_ISSUE_PARAMS_MAX);
        assert_memory_equal(v.params[63].tag.ptr, "p63", 3);

        len = build_params(buf, sizeof(buf), CAA_ISSUE_PARAMS_MAX + 1);
        assert_int_equal(caa_issue_value_parse((const uint8_t *)buf, len, profiles[p], &v, &err),
                         CAA_E_LIMIT);
        assert_false(v.well_formed);
        assert_int_equal(v.param_count, CAA_ISSUE_PARAMS_MAX);
        assert_memory_equal(v.issuer.ptr, "ca", 2);
        assert_memory_equal(buf + err.offset, "p64=64", 6);
        assert_non_null(strstr(err.message, "more than 64 parameters"));
    }
}

struct lookup_case {
    const char *value;
    const char *name;
    enum caa_profile profile;
    size_t want_count;
    const char *want_value; /* of the first match; NULL if none */
};

static const struct lookup_case lookups[] = {
    /* boulder#8614: Boulder matches tags byte for byte, so a capitalised binding is ignored. */
    {"letsencrypt.org; AccountURI=https://x/1", "accounturi", LE, 0, NULL},
    {"letsencrypt.org; AccountURI=https://x/1", "accounturi", RFC, 1, "https://x/1"},
    {"letsencrypt.org; accounturi=https://x/1", "accounturi", LE, 1, "https://x/1"},
    {"letsencrypt.org; ValidationMethods=dns-01", "validationmethods", LE, 0, NULL},
    {"letsencrypt.org; ValidationMethods=dns-01", "validationmethods", RFC, 1, "dns-01"},
    /* T075: duplicates are counted; the first is returned. */
    {"letsencrypt.org; validationmethods=http-01; validationmethods=dns-01", "validationmethods",
     LE, 2, "http-01"},
    {"letsencrypt.org; accounturi=a; ACCOUNTURI=b", "accounturi", LE, 1, "a"},
    {"letsencrypt.org; accounturi=a; ACCOUNTURI=b", "accounturi", RFC, 2, "a"},
    {"letsencrypt.org; foo=bar", "fo", LE, 0, NULL},
    {"letsencrypt.org; foo=bar", "foobar", RFC, 0, NULL},
    {"letsencrypt.org", "accounturi", RFC, 0, NULL},
    {"ca; =x", "", LE, 1, "x"},
};

static void test_param_lookup(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(lookups); i++) {
        const struct lookup_case *c = &lookups[i];
        struct caa_issue_value v;
        const struct caa_issue_param *p;

        print_message("# %s: %s\n", c->value, c->name);
        assert_int_equal(caa_issue_value_parse((const uint8_t *)c->value, strlen(c->value),
                                               c->profile, &v, NULL),
                         CAA_OK);
        assert_int_equal(caa_issue_value_param_count(&v, c->name, c->profile), c->want_count);
        p = caa_issue_value_param(&v, c->name, c->profile);
        if (c->want_value == NULL) {
            assert_null(p);
        } else {
            assert_non_null(p);
            assert_int_equal(p->value.len, strlen(c->want_value));
            assert_memory_equal(p->value.ptr, c->want_value, strlen(c->want_value));
        }
    }
    assert_int_equal(caa_issue_value_param_count(NULL, "a", LE), 0);
    assert_null(caa_issue_value_param(NULL, "a", RFC));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_issue_value_table), cmocka_unit_test(test_null_err),
        cmocka_unit_test(test_bad_args),          cmocka_unit_test(test_param_limit),
        cmocka_unit_test(test_param_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
