/* SPDX-License-Identifier: MIT */
/* Issuer domain names CAs document for CAA, for ISSUER_UNKNOWN_CA and its "did you mean": from the
 * dated CA table (src/lib/generate/ca_table.c) shared with `caa generate` and the CLI. */
#include <stdio.h>
#include <string.h>

#include <caa/ca.h>

#include "lib/lint/lint_rules.h"

bool caa__lint_ca_known(const char *issuer)
{
    return caa_ca_issuer_known(issuer);
}

const char *caa__lint_ca_suggest(const char *issuer)
{
    return caa_ca_suggest(issuer);
}

const char *caa__lint_ca_from_name(const uint8_t *name, size_t len)
{
    char text[128];
    const struct caa_ca_info *ca;

    if (len == 0 || len >= sizeof(text) || memchr(name, '.', len) != NULL) {
        return NULL;
    }
    memcpy(text, name, len);
    text[len] = '\0';
    ca = caa_ca_find(text);
    return ca != NULL ? ca->issuer_domains[0] : NULL;
}
