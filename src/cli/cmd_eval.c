/* SPDX-License-Identifier: MIT */
/*
 * caa eval: the CA's verdict for records given on the command line or stdin, for what-if checks
 * before publishing. No DNS: the records are the whole world, climbed as RFC 8659 §3 climbs DNS.
 */
#include <caa/caa.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "issuers.h"
#include "methods.h"
#include "text_out.h"

#define MAX_RECORD_ARGS 256

struct eval_options {
    struct cli_issuers issuers;
    const char *records[MAX_RECORD_ARGS];
    size_t record_count;
    const char *account_uri;
    const char *method;
    enum caa_profile profile;
    bool json;
};

static const char usage_text[] =
    "usage: caa eval [options] NAME...\n"
    "\n"
    "The CA's verdict for CAA records you give it, before you publish them. Records come from\n"
    "--record, or as zone-file lines on stdin (owner optional: a bare `0 issue \"ca\"` belongs to\n"
    "NAME). A leading \"*.\" in NAME asks for a wildcard certificate.\n"
    "\n"
    "  --ca DOMAIN|NAME     CA issuer domain name, or a CA from the table (repeatable;\n"
    "                       default letsencrypt.org)\n"
    "  --record TEXT        a CAA record: `0 issue \"letsencrypt.org\"` or a zone line\n"
    "                       (repeatable; then stdin is not read)\n"
    "  --account-uri URI    ACME account URL (RFC 8657 accounturi)\n"
    "  --method METHOD      validation method: http-01, dns-01, tls-alpn-01, ...\n"
    "  --profile NAME       letsencrypt (default) or rfc8659\n"
    "  --json               one JSON document (schema caa/1)\n"
    "  -h, --help           this help\n"
    "\n"
    "example: caa eval --ca letsencrypt.org '*.example.com' < records.zone\n"
    "exit: 0 allowed, 1 denied, 64 usage, 65 unreadable records\n";

static int parse_options(int argc, char **argv, struct eval_options *o)
{
    static const struct option longopts[] = {
        {"ca", required_argument, NULL, 'c'},
        {"record", required_argument, NULL, 'r'},
        {"account-uri", required_argument, NULL, 'a'},
        {"method", required_argument, NULL, 'm'},
        {"profile", required_argument, NULL, 'p'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int ch;

    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'c':
            if (cli_issuers_add(&o->issuers, "eval", optarg) != 0) {
                return CLI_EXIT_USAGE;
            }
            break;
        case 'r':
            if (o->record_count == MAX_RECORD_ARGS) {
                return cli_usage_error("eval", "at most %d --record options", MAX_RECORD_ARGS);
            }
            o->records[o->record_count++] = optarg;
            break;
        case 'a':
            o->account_uri = optarg;
            break;
        case 'm':
            if (cli_method_check("eval", "--method", optarg) != 0) {
                return CLI_EXIT_USAGE;
            }
            o->method = optarg;
            break;
        case 'p':
            if (caa_profile_from_name(optarg, &o->profile) != 0) {
                return cli_usage_error("eval", "unknown profile '%s' (letsencrypt, rfc8659)",
                                       optarg);
            }
            break;
        case 'j':
            o->json = true;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return -1;
        default:
            fputs(usage_text, stderr);
            return CLI_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        return cli_usage_error("eval", "give at least one NAME (see --help)");
    }
    return cli_issuers_default(&o->issuers, "eval");
}

/* The records as one zone text: the --record arguments, one per line, or stdin. */
static int records_text(const struct eval_options *o, char **text, size_t *len)
{
    size_t total = 1;
    char *joined;
    size_t at = 0;

    if (o->record_count == 0) {
        if (isatty(STDIN_FILENO)) {
            fprintf(stderr, "caa eval: reading records from stdin (end with Ctrl-D)\n");
        }
        return cli_read_all("-", text, len);
    }
    for (size_t i = 0; i < o->record_count; i++) {
        total += strlen(o->records[i]) + 1;
    }
    joined = malloc(total);
    if (joined == NULL) {
        fprintf(stderr, "caa eval: out of memory\n");
        return -1;
    }
    for (size_t i = 0; i < o->record_count; i++) {
        size_t n = strlen(o->records[i]);
        memcpy(joined + at, o->records[i], n);
        joined[at + n] = '\n';
        at += n + 1;
    }
    joined[at] = '\0';
    *text = joined;
    *len = at;
    return 0;
}

static void print_zone_errors(const struct caa_zone *zone, const char *source)
{
    for (size_t i = 0; i < caa_zone_error_count(zone); i++) {
        const struct caa_zone_error *e = caa_zone_error(zone, i);
        text_printf(stderr, "%s:%zu:%zu: error: %s\n", source, e->line, e->column, e->message);
    }
    if (caa_zone_error_count(zone) > 0) {
        fprintf(stderr, "caa eval: %zu line(s) could not be read and were left out\n",
                caa_zone_error_count(zone));
    }
}

static void print_text(const struct caa_evaluation *ev, const struct caa_rrset *set,
                       const char *name)
{
    const char *owner = caa_rrset_owner(set);
    const char *ca_message = caa_evaluation_ca_message(ev);

    text_printf(stdout, "%s: %s (%s)\n", name, caa_verdict_name(caa_evaluation_verdict(ev)),
                caa_code_name(caa_evaluation_code(ev)));
    if (caa_rrset_count(set) > 0) {
        text_printf(stdout, "  relevant RRset at %s:\n", owner);
    }
    for (size_t i = 0; i < caa_rrset_count(set); i++) {
        char *text = NULL;
        if (caa_record_to_text(caa_rrset_record(set, i), &text) == CAA_OK) {
            text_printf(stdout, "    %-50s %s\n", text,
                        caa_record_outcome_name(caa_evaluation_record_outcome(ev, i)));
        }
        free(text);
    }
    text_printf(stdout, "  why: %s\n", caa_evaluation_reason(ev));
    if (ca_message != NULL) {
        text_printf(stdout, "  the CA would say: %s\n", ca_message);
    }
    if (caa_evaluation_fix(ev) != NULL) {
        cli_print_fix("  ", caa_evaluation_fix(ev));
    }
    if (caa_evaluation_profiles_differ(ev)) {
        text_printf(stdout, "  note: under the %s profile: %s (%s): %s\n",
                    caa_profile_name(caa_evaluation_other_profile(ev)),
                    caa_verdict_name(caa_evaluation_other_verdict(ev)),
                    caa_code_name(caa_evaluation_other_code(ev)), caa_evaluation_other_reason(ev));
    }
}

/* Evaluates one name; returns its verdict, or -1 (message printed) on failure. */
static int eval_one(const struct eval_options *o, const char *input, const char *text, size_t len,
                    bool first, char **json_out)
{
    char *name = NULL;
    struct caa_zone *zone = NULL;
    struct caa_rrset *set = NULL;
    struct caa_evaluation *ev = NULL;
    struct caa_request req;
    struct caa_error err = {0, ""};
    enum caa_status st;
    int verdict = -1;

    st = caa_name_normalize(input, &name, NULL, &err);
    if (st != CAA_OK) {
        text_printf(stderr, "caa eval: '%s': %s\n", input, err.message);
        goto out;
    }
    /* Owner-less lines belong to the name's base (the "*." is not part of any owner). */
    st = caa_zone_parse(text, len, strncmp(name, "*.", 2) == 0 ? name + 2 : name,
                        CAA_ZONE_BARE_RDATA, &zone);
    if (st == CAA_OK && first) {
        print_zone_errors(zone, o->record_count > 0 ? "--record" : "<stdin>");
    }
    if (st == CAA_OK) {
        st = caa_zone_relevant_rrset(zone, name, &set);
    }
    caa_request_init(&req);
    req.name = name;
    req.issuers = (const char *const *)o->issuers.domains;
    req.issuer_count = o->issuers.count;
    req.account_uri = o->account_uri;
    req.method = o->method;
    req.profile = o->profile;
    if (st == CAA_OK) {
        st = caa_evaluate(set, &req, &ev);
    }
    if (st == CAA_OK && o->json) {
        st = caa_evaluation_to_json(ev, set, &req, 0, json_out);
    }
    if (st != CAA_OK) {
        text_printf(stderr, "caa eval: %s: %s\n", name, caa_status_message(st));
        goto out;
    }
    if (!o->json) {
        print_text(ev, set, name);
    }
    verdict = (int)caa_evaluation_verdict(ev);
out:
    caa_evaluation_free(ev);
    caa_rrset_free(set);
    caa_zone_free(zone);
    free(name);
    return verdict;
}

static bool zone_has_errors(const char *text, size_t len)
{
    struct caa_zone *zone = NULL;
    bool errors = caa_zone_parse(text, len, "", CAA_ZONE_BARE_RDATA, &zone) != CAA_OK ||
                  caa_zone_error_count(zone) > 0;

    caa_zone_free(zone);
    return errors;
}

int cmd_eval(int argc, char **argv)
{
    struct eval_options o = {.profile = CAA_PROFILE_LETSENCRYPT};
    char *text = NULL;
    size_t len = 0;
    int rc = parse_options(argc, argv, &o);
    int worst = CAA_VERDICT_ALLOWED;
    int names = argc - optind;

    if (rc != 0) {
        rc = rc < 0 ? CLI_EXIT_OK : rc;
        goto out;
    }
    if (records_text(&o, &text, &len) != 0) {
        rc = CLI_EXIT_DATAERR;
        goto out;
    }
    if (o.json && names > 1) {
        printf("{\"schema\":\"caa/1\",\"type\":\"order\",\"results\":[");
    }
    for (int i = optind; i < argc; i++) {
        char *json = NULL;
        int verdict = eval_one(&o, argv[i], text, len, i == optind, &json);
        if (verdict < 0) {
            rc = CLI_EXIT_DATAERR;
            goto out;
        }
        worst = verdict > worst ? verdict : worst;
        if (json != NULL) {
            printf("%s%s", i > optind ? "," : "", json);
            free(json);
        }
    }
    if (o.json) {
        if (names > 1) {
            printf("],\"verdict\":\"%s\"}", caa_verdict_name((enum caa_verdict)worst));
        }
        printf("\n");
    }
    rc = zone_has_errors(text, len)     ? CLI_EXIT_DATAERR
         : worst == CAA_VERDICT_ALLOWED ? CLI_EXIT_OK
                                        : CLI_EXIT_DENIED;
out:
    free(text);
    cli_issuers_cleanup(&o.issuers);
    return rc;
}
