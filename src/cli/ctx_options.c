/* SPDX-License-Identifier: MIT */
#include "ctx_options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "methods.h"

static int parse_seconds(const char *command, const char *text, unsigned *out_ms)
{
    char *end = NULL;
    double seconds = strtod(text, &end);

    if (end == text || *end != '\0' || !(seconds > 0.0) || seconds > 3600.0) {
        return cli_usage_error(command, "--timeout takes seconds (0 < s <= 3600)");
    }
    *out_ms = (unsigned)(seconds * 1000.0 + 0.5);
    return 0;
}

static int parse_lookup_failure(struct cli_ctx_options *o, const char *arg)
{
    if (strcmp(arg, "deny") == 0) {
        o->lookup_failure = CAA_LOOKUP_FAILURE_DENY;
        return 0;
    }
    if (strcmp(arg, "br-exception") == 0) {
        o->lookup_failure = CAA_LOOKUP_FAILURE_BR_EXCEPTION;
        return 0;
    }
    return cli_usage_error(o->command, "--lookup-failure is deny or br-exception, not '%s'", arg);
}

int cli_ctx_option(struct cli_ctx_options *o, int ch, const char *arg)
{
    switch (ch) {
    case 1000:
        return cli_issuers_add(&o->issuers, o->command, arg) == 0 ? 0 : CLI_EXIT_USAGE;
    case 1001:
        o->account_uri = arg;
        return 0;
    case 1002:
        o->method = arg;
        return cli_method_check(o->command, "--method", arg);
    case 1003:
        return caa_profile_from_name(arg, &o->profile) == 0
                   ? 0
                   : cli_usage_error(o->command, "unknown profile '%s' (letsencrypt, rfc8659)",
                                     arg);
    case 1004:
        return parse_lookup_failure(o, arg);
    case 1005:
        return parse_seconds(o->command, arg, &o->timeout_ms);
    case 1006:
        o->root_hints = arg;
        return 0;
    case 1007:
        o->trust_anchor = arg;
        return 0;
    case 1008:
        if (strchr(arg, '=') == NULL || o->resolver_option_count == CLI_RESOLVER_OPTIONS_MAX) {
            return cli_usage_error(o->command, "--resolver-option takes NAME=VALUE (at most %d)",
                                   CLI_RESOLVER_OPTIONS_MAX);
        }
        o->resolver_options[o->resolver_option_count++] = arg;
        return 0;
    default:
        return 1;
    }
}

static enum caa_status apply_resolver_options(const struct cli_ctx_options *o, struct caa_ctx *ctx)
{
    enum caa_status st = CAA_OK;

    for (size_t i = 0; st == CAA_OK && i < o->resolver_option_count; i++) {
        char name[128];
        const char *eq = strchr(o->resolver_options[i], '=');
        size_t len = (size_t)(eq - o->resolver_options[i]);
        if (len >= sizeof(name)) {
            return CAA_E_LIMIT;
        }
        memcpy(name, o->resolver_options[i], len);
        name[len] = '\0';
        st = caa_ctx_set_resolver_option(ctx, name, eq + 1);
    }
    return st;
}

int cli_ctx_make(struct cli_ctx_options *o, struct caa_ctx **out)
{
    struct caa_ctx *ctx = NULL;
    enum caa_status st;

    if (cli_issuers_default(&o->issuers, o->command) != 0) {
        return CLI_EXIT_SOFTWARE;
    }
    st = caa_ctx_new(&ctx);
    if (st == CAA_OK && o->root_hints != NULL) {
        st = caa_ctx_set_root_hints(ctx, o->root_hints);
    }
    if (st == CAA_OK && o->trust_anchor != NULL) {
        st = caa_ctx_set_trust_anchor(ctx, o->trust_anchor);
    }
    if (st == CAA_OK) {
        st = apply_resolver_options(o, ctx);
    }
    if (st != CAA_OK) {
        fprintf(stderr, "caa %s: %s\n", o->command, caa_status_message(st));
        caa_ctx_free(ctx);
        return CLI_EXIT_SOFTWARE;
    }
    caa_ctx_set_timeout_ms(ctx, o->timeout_ms);
    caa_ctx_set_profile(ctx, o->profile);
    caa_ctx_set_lookup_failure(ctx, o->lookup_failure);
    *out = ctx;
    return 0;
}

void cli_ctx_request(const struct cli_ctx_options *o, struct caa_request *req)
{
    caa_request_init(req);
    req->issuers = (const char *const *)o->issuers.domains;
    req->issuer_count = o->issuers.count;
    req->account_uri = o->account_uri;
    req->method = o->method;
    req->profile = o->profile;
}

void cli_ctx_options_cleanup(struct cli_ctx_options *o)
{
    cli_issuers_cleanup(&o->issuers);
}
