/* SPDX-License-Identifier: MIT */
#ifndef CAA_CLI_ISSUERS_H
#define CAA_CLI_ISSUERS_H

#include <stddef.h>

#define CLI_ISSUERS_MAX 64

/* The CA identities a request is for: issuer domain names, owned (free with cleanup). */
struct cli_issuers {
    char *domains[CLI_ISSUERS_MAX];
    size_t count;
};

/* Adds a --ca value: a CA from the built-in table ("Let's Encrypt", "sectigo": all its issuer
 * domain names) or an issuer domain name (lower-cased, trailing dot dropped). Returns 0, or
 * prints a usage error and returns -1. */
int cli_issuers_add(struct cli_issuers *issuers, const char *command, const char *value);
/* Adds letsencrypt.org when no --ca was given. Returns 0 or CLI_EXIT_SOFTWARE. */
int cli_issuers_default(struct cli_issuers *issuers, const char *command);
void cli_issuers_cleanup(struct cli_issuers *issuers);

#endif
