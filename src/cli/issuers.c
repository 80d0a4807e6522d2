/* SPDX-License-Identifier: MIT */
#include "issuers.h"

#include <caa/caa.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int add_domain(struct cli_issuers *issuers, const char *command, const char *domain)
{
    char *copy;

    for (size_t i = 0; i < issuers->count; i++) {
        if (strcmp(issuers->domains[i], domain) == 0) {
            return 0;
        }
    }
    if (issuers->count == CLI_ISSUERS_MAX) {
        cli_usage_error(command, "at most %d CA issuer domains", CLI_ISSUERS_MAX);
        return -1;
    }
    copy = strdup(domain);
    if (copy == NULL) {
        fprintf(stderr, "caa %s: out of memory\n", command);
        return -1;
    }
    issuers->domains[issuers->count++] = copy;
    return 0;
}

int cli_issuers_add(struct cli_issuers *issuers, const char *command, const char *value)
{
    const struct caa_ca_info *ca = caa_ca_named(value);
    char *domain = NULL;
    int rc = -1;

    if (ca != NULL) {
        for (size_t i = 0; ca->issuer_domains[i] != NULL; i++) {
            if (add_domain(issuers, command, ca->issuer_domains[i]) != 0) {
                return -1;
            }
        }
        return 0;
    }
    if (caa_name_normalize(value, &domain, NULL, NULL) != CAA_OK ||
        !caa_is_issuer_domain((const uint8_t *)domain, strlen(domain))) {
        cli_usage_error(command,
                        "--ca '%s' is neither an issuer domain name (letsencrypt.org) nor a CA "
                        "in the table (caa generate --list-cas)",
                        value);
        goto out;
    }
    rc = add_domain(issuers, command, domain);
    if (rc == 0 && caa_ca_suggest(domain) != NULL) {
        /* A hint, not a refusal: a private or new CA has an identifier no table knows, and
         * checking for it is legitimate. The verdict is computed for what was given. */
        fprintf(stderr,
                "caa %s: note: --ca %s is not the issuer domain of any CA caa knows; did you mean "
                "%s? (checking for %s as given)\n",
                command, domain, caa_ca_suggest(domain), domain);
    }
out:
    free(domain);
    return rc;
}

int cli_issuers_default(struct cli_issuers *issuers, const char *command)
{
    if (issuers->count > 0) {
        return 0;
    }
    return add_domain(issuers, command, "letsencrypt.org") == 0 ? 0 : CLI_EXIT_SOFTWARE;
}

void cli_issuers_cleanup(struct cli_issuers *issuers)
{
    for (size_t i = 0; i < issuers->count; i++) {
        free(issuers->domains[i]);
    }
    issuers->count = 0;
}
