/* SPDX-License-Identifier: MIT */
#include "tools.h"

#include <caa/caa.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 16

char *tools_lint_json(const char *text, size_t len, const char *origin, const char **why)
{
    struct caa_zone *zone = NULL;
    struct caa_lint_report *rep = NULL;
    char *json = NULL;
    enum caa_status st = caa_zone_parse(text, len, origin, CAA_ZONE_DEFAULT, &zone);

    if (st == CAA_OK) {
        st = caa_lint_zone(zone, &rep);
    }
    if (st == CAA_OK) {
        st = caa_lint_report_to_json(rep, "request", 0, &json);
    }
    *why = st == CAA_OK ? NULL : caa_status_message(st);
    caa_lint_report_free(rep);
    caa_zone_free(zone);
    return json;
}

/* Splits a list typed into one field; items point into buf. */
static size_t split(const char *text, char *buf, size_t buf_len, const char **items)
{
    size_t n = 0;

    if (text == NULL || strlen(text) >= buf_len) {
        return 0;
    }
    memcpy(buf, text, strlen(text) + 1);
    for (char *p = buf; *p != '\0' && n < LIST_MAX;) {
        size_t skip = strspn(p, " ,;\t\r\n");
        p += skip;
        if (*p == '\0') {
            break;
        }
        size_t len = strcspn(p, " ,;\t\r\n");
        items[n++] = p;
        if (p[len] == '\0') {
            break;
        }
        p[len] = '\0';
        p += len + 1;
    }
    return n;
}

json_t *tools_generate(const struct tools_policy *p, char *why, size_t why_len)
{
    char cas_buf[1024], wild_buf[1024], iodef_buf[1024], methods_buf[256];
    const char *cas[LIST_MAX], *wild[LIST_MAX], *iodef[LIST_MAX], *methods[LIST_MAX];
    struct caa_policy policy;
    json_t *formats = json_object();
    json_t *doc = NULL;

    caa_policy_init(&policy);
    policy.owner = p->name;
    policy.cas = cas;
    policy.ca_count = split(p->ca, cas_buf, sizeof(cas_buf), cas);
    policy.no_issuance = policy.ca_count == 0;
    policy.wildcard_cas = wild;
    policy.wildcard_ca_count = split(p->wildcard_ca, wild_buf, sizeof(wild_buf), wild);
    policy.wildcard_set = p->no_wildcard || policy.wildcard_ca_count > 0;
    if (p->no_wildcard) {
        policy.wildcard_ca_count = 0;
    }
    policy.iodef = iodef;
    policy.iodef_count = split(p->iodef, iodef_buf, sizeof(iodef_buf), iodef);
    policy.account_uri =
        p->account_uri != NULL && p->account_uri[0] != '\0' ? p->account_uri : NULL;
    policy.methods = methods;
    policy.method_count = split(p->methods, methods_buf, sizeof(methods_buf), methods);
    if (p->name == NULL || p->name[0] == '\0') {
        (void)snprintf(why, why_len, "name: give the domain the records go at");
        goto fail;
    }
    for (int f = CAA_FORMAT_ZONE; f <= CAA_FORMAT_JSON; f++) {
        struct caa_error err = {0, ""};
        char *out = NULL;
        if (caa_generate(&policy, (enum caa_format)f, &out, &err) != CAA_OK) {
            (void)snprintf(why, why_len, "%s",
                           err.message[0] != '\0' ? err.message : "invalid policy");
            goto fail;
        }
        json_t *text = json_string(out);
        free(out);
        if (text == NULL ||
            json_object_set_new(formats, caa_format_name((enum caa_format)f), text) != 0) {
            (void)snprintf(why, why_len, "a generated format is not valid UTF-8");
            goto fail;
        }
    }
    doc = json_pack("{s:s, s:s, s:s, s:O}", "schema", "caa/1", "type", "generate", "owner", p->name,
                    "formats", formats);
    if (doc == NULL) {
        (void)snprintf(why, why_len, "the name is not valid UTF-8");
    }
fail:
    json_decref(formats);
    return doc;
}
