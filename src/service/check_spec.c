/* SPDX-License-Identifier: MIT */
#include "check_spec.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACCOUNT_URI_MAX 512
#define METHOD_MAX 32

static bool is_empty(const char *s)
{
    return s == NULL || s[0] == '\0';
}

/* RFC 8657 §4: a method is an ACME challenge type label, [a-z0-9-]. */
static bool method_ok(const char *m)
{
    size_t n = strlen(m);

    if (n == 0 || n > METHOD_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = m[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
    }
    return true;
}

/* An account URI is printable ASCII without spaces (RFC 3986), bounded. */
static bool account_ok(const char *u)
{
    size_t n = strlen(u);

    if (n == 0 || n > ACCOUNT_URI_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)u[i];
        if (c <= 0x20 || c >= 0x7f) {
            return false;
        }
    }
    return true;
}

static int add_issuer(struct check_spec *out, const char *domain)
{
    if (out->issuer_count == CHECK_SPEC_ISSUERS_MAX) {
        return 0;
    }
    out->issuers[out->issuer_count] = strdup(domain);
    if (out->issuers[out->issuer_count] == NULL) {
        return -1;
    }
    out->issuer_count++;
    return 0;
}

/* A CA from the table by any of its names, or an issuer domain name. */
static int parse_ca(const char *ca, struct check_spec *out, char *why, size_t why_len)
{
    const struct caa_ca_info *info = caa_ca_find(is_empty(ca) ? "letsencrypt" : ca);
    struct caa_error err = {0, ""};
    char *ascii = NULL;

    if (info != NULL) {
        for (size_t i = 0; info->issuer_domains[i] != NULL; i++) {
            if (add_issuer(out, info->issuer_domains[i]) != 0) {
                (void)snprintf(why, why_len, "out of memory");
                return -1;
            }
        }
        return 0;
    }
    if (strlen(ca) > 253 || caa_name_normalize(ca, &ascii, NULL, &err) != CAA_OK ||
        strncmp(ascii, "*.", 2) == 0) {
        (void)snprintf(why, why_len, "ca: not a CA of the table nor an issuer domain name (%s)",
                       err.message[0] != '\0' ? err.message : "wildcard");
        free(ascii);
        return -1;
    }
    int rc = add_issuer(out, ascii);
    free(ascii);
    return rc;
}

static int parse_names(const struct check_input *in, struct check_spec *out, char *why,
                       size_t why_len)
{
    if (in->name_count == 0) {
        (void)snprintf(why, why_len, "name: give at least one name");
        return -1;
    }
    if (in->name_count > CHECK_SPEC_NAMES_MAX) {
        (void)snprintf(why, why_len, "name: at most %d names per order (Let's Encrypt's limit)",
                       CHECK_SPEC_NAMES_MAX);
        return -1;
    }
    for (size_t i = 0; i < in->name_count; i++) {
        struct caa_error err = {0, ""};
        char *ascii = NULL;
        /* 253 octets of A-labels: a longer input cannot be a name, whatever it encodes. */
        if (strlen(in->names[i]) > 1024 ||
            caa_name_normalize(in->names[i], &ascii, NULL, &err) != CAA_OK) {
            (void)snprintf(why, why_len, "name %zu: at byte %zu: %s", i + 1, err.offset,
                           err.message[0] != '\0' ? err.message : "longer than a name can be");
            return -1;
        }
        out->names[out->name_count++] = ascii;
    }
    return 0;
}

int check_spec_parse(const struct check_input *in, struct check_spec *out, char *why,
                     size_t why_len)
{
    memset(out, 0, sizeof(*out));
    out->profile = CAA_PROFILE_LETSENCRYPT;
    if (parse_names(in, out, why, why_len) != 0 || parse_ca(in->ca, out, why, why_len) != 0) {
        goto fail;
    }
    if (!is_empty(in->method)) {
        if (!method_ok(in->method)) {
            (void)snprintf(why, why_len,
                           "method: not an ACME challenge type (http-01, dns-01, "
                           "tls-alpn-01, ...)");
            goto fail;
        }
        out->method = strdup(in->method);
    }
    if (!is_empty(in->account_uri)) {
        if (!account_ok(in->account_uri)) {
            (void)snprintf(why, why_len,
                           "account_uri: not a URI (printable ASCII, at most %d "
                           "bytes)",
                           ACCOUNT_URI_MAX);
            goto fail;
        }
        out->account_uri = strdup(in->account_uri);
    }
    if (!is_empty(in->profile) && caa_profile_from_name(in->profile, &out->profile) != 0) {
        (void)snprintf(why, why_len, "profile: letsencrypt or rfc8659");
        goto fail;
    }
    if ((!is_empty(in->method) && out->method == NULL) ||
        (!is_empty(in->account_uri) && out->account_uri == NULL)) {
        (void)snprintf(why, why_len, "out of memory");
        goto fail;
    }
    return 0;
fail:
    check_spec_cleanup(out);
    return -1;
}

char *check_spec_key(const struct check_spec *spec)
{
    size_t len = 64;
    char *key;
    size_t at = 0;

    for (size_t i = 0; i < spec->name_count; i++) {
        len += strlen(spec->names[i]) + 1;
    }
    for (size_t i = 0; i < spec->issuer_count; i++) {
        len += strlen(spec->issuers[i]) + 1;
    }
    len += (spec->method != NULL ? strlen(spec->method) : 0) +
           (spec->account_uri != NULL ? strlen(spec->account_uri) : 0);
    key = malloc(len);
    if (key == NULL) {
        return NULL;
    }
    /* Fields joined by bytes that no field can contain (names, domains, URIs are printable). */
    for (size_t i = 0; i < spec->name_count; i++) {
        at += (size_t)snprintf(key + at, len - at, "%s\x01", spec->names[i]);
    }
    at += (size_t)snprintf(key + at, len - at, "\x02");
    for (size_t i = 0; i < spec->issuer_count; i++) {
        at += (size_t)snprintf(key + at, len - at, "%s\x01", spec->issuers[i]);
    }
    (void)snprintf(key + at, len - at, "\x02%s\x02%s\x02%d", spec->method ? spec->method : "",
                   spec->account_uri ? spec->account_uri : "", (int)spec->profile);
    return key;
}

static char *dup_or_null(const char *s, bool *failed)
{
    char *d = s != NULL ? strdup(s) : NULL;

    *failed = *failed || (s != NULL && d == NULL);
    return d;
}

struct check_spec *check_spec_dup(const struct check_spec *spec)
{
    struct check_spec *d = calloc(1, sizeof(*d));
    bool failed = d == NULL;

    if (d == NULL) {
        return NULL;
    }
    d->profile = spec->profile;
    for (size_t i = 0; i < spec->name_count; i++) {
        d->names[d->name_count++] = dup_or_null(spec->names[i], &failed);
    }
    for (size_t i = 0; i < spec->issuer_count; i++) {
        d->issuers[d->issuer_count++] = dup_or_null(spec->issuers[i], &failed);
    }
    d->method = dup_or_null(spec->method, &failed);
    d->account_uri = dup_or_null(spec->account_uri, &failed);
    if (failed) {
        check_spec_free(d);
        return NULL;
    }
    return d;
}

void check_spec_cleanup(struct check_spec *spec)
{
    for (size_t i = 0; i < spec->name_count; i++) {
        free(spec->names[i]);
    }
    for (size_t i = 0; i < spec->issuer_count; i++) {
        free(spec->issuers[i]);
    }
    free(spec->method);
    free(spec->account_uri);
    memset(spec, 0, sizeof(*spec));
}

void check_spec_free(struct check_spec *spec)
{
    if (spec != NULL) {
        check_spec_cleanup(spec);
        free(spec);
    }
}

void check_spec_request(const struct check_spec *spec, struct caa_request *req)
{
    caa_request_init(req);
    req->issuers = (const char *const *)spec->issuers;
    req->issuer_count = spec->issuer_count;
    req->method = spec->method;
    req->account_uri = spec->account_uri;
    req->profile = spec->profile;
}
