/* SPDX-License-Identifier: MIT */
#ifndef CAA_CLI_CTX_OPTIONS_H
#define CAA_CLI_CTX_OPTIONS_H

/* The options every DNS command shares (check, diagnose, explain): the CA and request, the
 * profile, and the resolver. One table, one parser, one place that builds the context. */

#include <caa/caa.h>

#include "issuers.h"

#define CLI_RESOLVER_OPTIONS_MAX 32

struct cli_ctx_options {
    const char *command;
    struct cli_issuers issuers;
    const char *account_uri;
    const char *method;
    const char *root_hints;
    const char *trust_anchor;
    const char *resolver_options[CLI_RESOLVER_OPTIONS_MAX];
    size_t resolver_option_count;
    enum caa_profile profile;
    enum caa_lookup_failure lookup_failure;
    unsigned timeout_ms; /* 0: the command's default */
};

/* getopt_long entries (values 1000+) to splice into a command's table. */
#define CLI_CTX_LONGOPTS                                                                           \
    {"ca", required_argument, NULL, 1000}, {"account-uri", required_argument, NULL, 1001},         \
        {"method", required_argument, NULL, 1002}, {"profile", required_argument, NULL, 1003},     \
        {"lookup-failure", required_argument, NULL, 1004},                                         \
        {"timeout", required_argument, NULL, 1005}, {"root-hints", required_argument, NULL, 1006}, \
        {"trust-anchor", required_argument, NULL, 1007},                                           \
    {                                                                                              \
        "resolver-option", required_argument, NULL, 1008                                           \
    }

#define CLI_CTX_USAGE                                                                              \
    "  --ca DOMAIN|NAME         CA issuer domain or a CA from the table (repeatable;\n"            \
    "                           default letsencrypt.org)\n"                                        \
    "  --account-uri URI        ACME account URL (RFC 8657 accounturi)\n"                          \
    "  --method METHOD          http-01, dns-01, tls-alpn-01, dns-account-01, dns-persist-01\n"    \
    "  --profile NAME           letsencrypt (default) or rfc8659\n"                                \
    "  --lookup-failure POLICY  deny (default: fail closed) or br-exception (CA/B BR 3.2.2.8)\n"   \
    "  --root-hints FILE        root hints (unbound format) for labs and private roots\n"          \
    "  --trust-anchor FILE      DS or DNSKEY lines for the root (or a private root)\n"             \
    "  --resolver-option N=V    extra libunbound option (repeatable)\n"

/* Handles one shared option. Returns 1 if ch is not a shared option, 0 when handled, or an exit
 * code (usage error printed). */
int cli_ctx_option(struct cli_ctx_options *o, int ch, const char *arg);
/* Fills the default CA and builds a context; returns 0 or an exit code (message printed). */
int cli_ctx_make(struct cli_ctx_options *o, struct caa_ctx **out);
/* The request (CA, account, method) the options describe; borrows from o. */
void cli_ctx_request(const struct cli_ctx_options *o, struct caa_request *req);
void cli_ctx_options_cleanup(struct cli_ctx_options *o);

#endif
