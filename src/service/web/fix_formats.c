/* SPDX-License-Identifier: MIT */
/* The fix record of a finding in every format `caa generate` writes, so a person whose DNS is
 * configured through tinydns, dnsmasq, DNSControl or octoDNS can paste it as well. The record is
 * read back into the policy it expresses and handed to caa_generate (public API). */
#include <stdlib.h>
#include <string.h>

#include <caa/caa.h>

#include "page.h"

#define METHODS_MAX 8

struct fix_policy {
    char owner[256];
    char issuer[256];
    char account_uri[512];
    char methods_text[256];
    const char *methods[METHODS_MAX];
    char iodef[512];
    const char *list[1];
    struct caa_policy policy;
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Copies the slice into dst (cap bytes with the NUL); false when it does not fit. */
static bool copy_slice(char *dst, size_t cap, const uint8_t *src, size_t len)
{
    if (len >= cap) {
        return false;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
    return true;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return n > 0;
}

/* "owner. [ttl] [IN] CAA <rdata>": the owner (no final dot) and where the RDATA starts. */
static const char *split_record(const char *record, char *owner, size_t owner_cap)
{
    const char *p = record;
    size_t n = strcspn(p, " \t");

    if (n == 0 || n >= owner_cap) {
        return NULL;
    }
    memcpy(owner, p, n);
    owner[n > 1 && p[n - 1] == '.' ? n - 1 : n] = '\0';
    p += n;
    for (;;) {
        while (is_space(*p)) {
            p++;
        }
        n = strcspn(p, " \t");
        if (n == 0) {
            return NULL;
        }
        if (n == 3 && strncmp(p, "CAA", 3) == 0) {
            return p[3] != '\0' ? p + 3 : NULL; /* a record has RDATA */
        }
        if (!(n == 2 && strncmp(p, "IN", 2) == 0) && !all_digits(p, n)) {
            return NULL;
        }
        p += n;
    }
}

static void split_methods(struct fix_policy *fp)
{
    char *p = fp->methods_text;

    while (*p != '\0' && fp->policy.method_count < METHODS_MAX) {
        size_t n = strcspn(p, ",");

        fp->methods[fp->policy.method_count++] = p;
        if (p[n] == '\0') {
            break;
        }
        p[n] = '\0';
        p += n + 1;
    }
    fp->policy.methods = fp->methods;
}

static bool issue_policy(struct fix_policy *fp, const struct caa_record *rec, bool wild)
{
    struct caa_issue_value v;
    const struct caa_issue_param *acct;
    const struct caa_issue_param *meth;

    if (caa_issue_value_parse(rec->value, rec->value_len, CAA_PROFILE_LETSENCRYPT, &v, NULL) !=
            CAA_OK ||
        !v.well_formed || !copy_slice(fp->issuer, sizeof fp->issuer, v.issuer.ptr, v.issuer.len)) {
        return false;
    }
    fp->list[0] = fp->issuer;
    if (wild) {
        fp->policy.wildcard_set = true;
        fp->policy.wildcard_cas = fp->list;
        fp->policy.wildcard_ca_count = v.issuer.len > 0 ? 1 : 0;
    } else if (v.issuer.len == 0) {
        fp->policy.no_issuance = true;
    } else {
        fp->policy.cas = fp->list;
        fp->policy.ca_count = 1;
    }
    acct = caa_issue_value_param(&v, "accounturi", CAA_PROFILE_LETSENCRYPT);
    if (acct != NULL) {
        if (!copy_slice(fp->account_uri, sizeof fp->account_uri, acct->value.ptr,
                        acct->value.len)) {
            return false;
        }
        fp->policy.account_uri = fp->account_uri;
    }
    meth = caa_issue_value_param(&v, "validationmethods", CAA_PROFILE_LETSENCRYPT);
    if (meth != NULL) {
        if (!copy_slice(fp->methods_text, sizeof fp->methods_text, meth->value.ptr,
                        meth->value.len)) {
            return false;
        }
        split_methods(fp);
    }
    fp->policy.critical = (rec->flags & CAA_FLAG_CRITICAL) != 0;
    return true;
}

/* The policy the record expresses, or false when it is not one a policy can say. */
static bool record_policy(const char *record, struct fix_policy *fp)
{
    struct caa_record rec;
    const char *rdata;
    bool ok = false;

    memset(fp, 0, sizeof *fp);
    caa_policy_init(&fp->policy);
    rdata = split_record(record, fp->owner, sizeof fp->owner);
    if (rdata == NULL ||
        caa_record_from_text(rdata, strlen(rdata), CAA_PARSE_STRICT, &rec, NULL) != CAA_OK) {
        return false;
    }
    fp->policy.owner = fp->owner;
    if (caa_record_tag_is(&rec, "issue") || caa_record_tag_is(&rec, "issuewild")) {
        ok = issue_policy(fp, &rec, caa_record_tag_is(&rec, "issuewild"));
    } else if (caa_record_tag_is(&rec, "iodef") &&
               copy_slice(fp->iodef, sizeof fp->iodef, rec.value, rec.value_len)) {
        fp->list[0] = fp->iodef;
        fp->policy.iodef = fp->list;
        fp->policy.iodef_count = 1;
        ok = true;
    }
    caa_record_cleanup(&rec);
    return ok;
}

bool web_is_record(const char *text)
{
    char owner[256];

    return text != NULL && split_record(text, owner, sizeof owner) != NULL;
}

void web_fix_formats(struct web_buf *b, const char *record)
{
    static const enum caa_format formats[] = {
        CAA_FORMAT_RFC3597,    CAA_FORMAT_TINYDNS, CAA_FORMAT_DNSMASQ,
        CAA_FORMAT_DNSCONTROL, CAA_FORMAT_OCTODNS, CAA_FORMAT_JSON,
    };
    struct fix_policy *fp = malloc(sizeof *fp);
    bool opened = false;

    if (fp == NULL || record == NULL || !record_policy(record, fp)) {
        free(fp);
        return;
    }
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char *out = NULL;

        if (caa_generate(&fp->policy, formats[i], &out, NULL) != CAA_OK) {
            continue;
        }
        if (!opened) {
            web_buf_raw(b, "<details class=\"formats\"><summary>The same record for other DNS "
                           "software</summary>\n");
            opened = true;
        }
        web_buf_raw(b, "<h5>");
        web_buf_text(b, caa_format_name(formats[i]));
        web_buf_raw(b, "</h5><pre>");
        web_buf_text(b, out);
        web_buf_raw(b, "</pre>\n");
        free(out);
    }
    if (opened) {
        web_buf_raw(b, "</details>\n");
    }
    free(fp);
}
