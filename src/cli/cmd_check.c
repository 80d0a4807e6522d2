/* SPDX-License-Identifier: MIT */
/* caa check: the CA's verdict from live DNS, for one name or a whole certificate order. */
#include <caa/caa.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_output.h"
#include "cli.h"
#include "issuers.h"

struct check_options {
    struct cli_issuers issuers;
    const char *account_uri;
    const char *method;
    const char *root_hints;
    const char *trust_anchor;
    const char *resolver_options[32];
    size_t resolver_option_count;
    enum caa_profile profile;
    enum caa_lookup_failure lookup_failure;
    unsigned timeout_ms;
    enum check_format format;
};

static const char usage_text[] =
    "usage: caa check [options] NAME...\n"
    "\n"
    "What the CA would decide right now from live DNS: the relevant CAA RRset found by RFC 8659\n"
    "tree climbing through a validating resolver set up like Let's Encrypt's, then judged.\n"
    "Several names are one certificate order. A leading \"*.\" asks for a wildcard.\n"
    "\n"
    "  --ca DOMAIN|NAME         CA issuer domain or a CA from the table (repeatable;\n"
    "                           default letsencrypt.org)\n"
    "  --account-uri URI        ACME account URL (RFC 8657 accounturi)\n"
    "  --method METHOD          http-01, dns-01, tls-alpn-01, dns-account-01, dns-persist-01\n"
    "  --profile NAME           letsencrypt (default) or rfc8659\n"
    "  --lookup-failure POLICY  deny (default: fail closed) or br-exception (CA/B BR 3.2.2.8)\n"
    "  --timeout SECONDS        deadline for the whole check (default 10)\n"
    "  --root-hints FILE        root hints (unbound format) for labs and private roots\n"
    "  --trust-anchor FILE      DS or DNSKEY lines for the root (or a private root)\n"
    "  --resolver-option N=V    extra libunbound option (repeatable)\n"
    "  --format FORMAT          text (default), json, ndjson or nagios\n"
    "  --json                   same as --format json\n"
    "  -h, --help               this help\n"
    "\n"
    "exit: 0 allowed, 1 denied, 2 lookup failure (wins over 1), 64 usage, 65 bad name,\n"
    "      69 resolver unavailable, 70 internal error; nagios: 0 OK, 2 CRITICAL, 3 UNKNOWN\n";

static int parse_timeout(const char *text, unsigned *out_ms)
{
    char *end = NULL;
    double seconds = strtod(text, &end);

    if (end == text || *end != '\0' || !(seconds > 0.0) || seconds > 3600.0) {
        return -1;
    }
    *out_ms = (unsigned)(seconds * 1000.0 + 0.5);
    return 0;
}

static int parse_option(struct check_options *o, int ch, const char *arg)
{
    switch (ch) {
    case 'c':
        return cli_issuers_add(&o->issuers, "check", arg) == 0 ? 0 : CLI_EXIT_USAGE;
    case 'a':
        o->account_uri = arg;
        return 0;
    case 'm':
        o->method = arg;
        return 0;
    case 'p':
        return caa_profile_from_name(arg, &o->profile) == 0
                   ? 0
                   : cli_usage_error("check", "unknown profile '%s' (letsencrypt, rfc8659)", arg);
    case 'l':
        if (strcmp(arg, "deny") == 0 || strcmp(arg, "br-exception") == 0) {
            o->lookup_failure =
                arg[0] == 'd' ? CAA_LOOKUP_FAILURE_DENY : CAA_LOOKUP_FAILURE_BR_EXCEPTION;
            return 0;
        }
        return cli_usage_error("check", "--lookup-failure is deny or br-exception, not '%s'", arg);
    case 't':
        return parse_timeout(arg, &o->timeout_ms) == 0
                   ? 0
                   : cli_usage_error("check", "--timeout takes seconds (0 < s <= 3600)");
    case 'H':
        o->root_hints = arg;
        return 0;
    case 'T':
        o->trust_anchor = arg;
        return 0;
    case 'R':
        if (strchr(arg, '=') == NULL || o->resolver_option_count == 32) {
            return cli_usage_error("check", "--resolver-option takes NAME=VALUE (at most 32)");
        }
        o->resolver_options[o->resolver_option_count++] = arg;
        return 0;
    case 'f':
        return check_format_from_name(arg, &o->format) == 0
                   ? 0
                   : cli_usage_error("check", "unknown format '%s' (text, json, ndjson, nagios)",
                                     arg);
    case 'j':
        o->format = CHECK_FORMAT_JSON;
        return 0;
    default:
        fputs(usage_text, stderr);
        return CLI_EXIT_USAGE;
    }
}

static int parse_options(int argc, char **argv, struct check_options *o)
{
    static const struct option longopts[] = {
        {"ca", required_argument, NULL, 'c'},
        {"account-uri", required_argument, NULL, 'a'},
        {"method", required_argument, NULL, 'm'},
        {"profile", required_argument, NULL, 'p'},
        {"lookup-failure", required_argument, NULL, 'l'},
        {"timeout", required_argument, NULL, 't'},
        {"root-hints", required_argument, NULL, 'H'},
        {"trust-anchor", required_argument, NULL, 'T'},
        {"resolver-option", required_argument, NULL, 'R'},
        {"format", required_argument, NULL, 'f'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int ch;

    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int rc;
        if (ch == 'h') {
            fputs(usage_text, stdout);
            return -1;
        }
        rc = parse_option(o, ch, optarg);
        if (rc != 0) {
            return rc;
        }
    }
    if (optind >= argc) {
        return cli_usage_error("check", "give at least one NAME (see --help)");
    }
    return cli_issuers_default(&o->issuers, "check");
}

/* Applies the options to a new context; returns an exit code (0 on success). */
static int make_context(const struct check_options *o, struct caa_ctx **out)
{
    struct caa_ctx *ctx = NULL;
    enum caa_status st = caa_ctx_new(&ctx);

    if (st == CAA_OK && o->root_hints != NULL) {
        st = caa_ctx_set_root_hints(ctx, o->root_hints);
    }
    if (st == CAA_OK && o->trust_anchor != NULL) {
        st = caa_ctx_set_trust_anchor(ctx, o->trust_anchor);
    }
    for (size_t i = 0; st == CAA_OK && i < o->resolver_option_count; i++) {
        char name[128];
        const char *eq = strchr(o->resolver_options[i], '=');
        size_t len = (size_t)(eq - o->resolver_options[i]);
        if (len >= sizeof(name)) {
            st = CAA_E_LIMIT;
            break;
        }
        memcpy(name, o->resolver_options[i], len);
        name[len] = '\0';
        st = caa_ctx_set_resolver_option(ctx, name, eq + 1);
    }
    if (st != CAA_OK) {
        fprintf(stderr, "caa check: %s\n", caa_status_message(st));
        caa_ctx_free(ctx);
        return CLI_EXIT_SOFTWARE;
    }
    caa_ctx_set_timeout_ms(ctx, o->timeout_ms);
    caa_ctx_set_profile(ctx, o->profile);
    caa_ctx_set_lookup_failure(ctx, o->lookup_failure);
    *out = ctx;
    return 0;
}

static int status_exit(enum caa_status st, const struct caa_error *err, enum check_format format)
{
    int rc = st == CAA_E_SYNTAX ? CLI_EXIT_DATAERR
             : st == CAA_E_IO   ? CLI_EXIT_UNAVAILABLE
                                : CLI_EXIT_SOFTWARE;

    fprintf(stderr, "caa check: %s\n",
            err->message[0] != '\0' ? err->message : caa_status_message(st));
    if (format == CHECK_FORMAT_NAGIOS) {
        printf("CAA UNKNOWN - %s\n",
               err->message[0] != '\0' ? err->message : caa_status_message(st));
        return 3;
    }
    return rc;
}

int cmd_check(int argc, char **argv)
{
    struct check_options o = {.profile = CAA_PROFILE_LETSENCRYPT};
    struct caa_ctx *ctx = NULL;
    struct caa_report *rep = NULL;
    struct caa_request req;
    struct caa_error err = {0, ""};
    enum caa_status st;
    int rc = parse_options(argc, argv, &o);

    if (rc != 0) {
        rc = rc < 0 ? CLI_EXIT_OK : (o.format == CHECK_FORMAT_NAGIOS ? 3 : rc);
        goto out;
    }
    rc = make_context(&o, &ctx);
    if (rc != 0) {
        goto out;
    }
    caa_request_init(&req);
    req.issuers = (const char *const *)o.issuers.domains;
    req.issuer_count = o.issuers.count;
    req.account_uri = o.account_uri;
    req.method = o.method;
    st = caa_check(ctx, (const char *const *)(argv + optind), (size_t)(argc - optind), &req, &rep,
                   &err);
    if (st != CAA_OK) {
        rc = status_exit(st, &err, o.format);
        goto out;
    }
    rc = check_output_print(rep, o.format);
out:
    caa_report_free(rep);
    caa_ctx_free(ctx);
    cli_issuers_cleanup(&o.issuers);
    return rc;
}
