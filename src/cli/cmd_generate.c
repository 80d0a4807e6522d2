/* SPDX-License-Identifier: MIT */
#include <caa/caa.h>

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "methods.h"
#include "text_out.h"

/* Bounds on repeated options: a policy is a handful of records. */
#define MAX_LIST 64

static const char usage_text[] =
    "usage: caa generate [options] NAME\n"
    "\n"
    "Prints the CAA records for a policy at NAME.\n"
    "\n"
    "  --ca NAME            CA allowed to issue (table name such as letsencrypt, or an issuer\n"
    "                       domain such as letsencrypt.org); repeatable\n"
    "  --wildcard-ca NAME   CA allowed to issue wildcard certificates (issuewild); repeatable\n"
    "  --no-wildcard        no CA may issue wildcard certificates (issuewild \";\")\n"
    "  --no-issuance        no CA may issue at all (issue \";\")\n"
    "  --iodef URL          where CAs report violations (mailto:, https:); repeatable\n"
    "  --account-uri URI    RFC 8657 accounturi on every issue/issuewild record\n"
    "  --methods M1,M2      RFC 8657 validationmethods (dns-01, http-01, tls-alpn-01, ...)\n"
    "  --contact-email ADDR contactemail record (CA/B Forum BR)\n"
    "  --contact-phone NUM  contactphone record (+ country code)\n"
    "  --critical           set the issuer-critical flag (128) on issue/issuewild records\n"
    "  --ttl N              TTL in seconds (default: omitted)\n"
    "  --format F           zone (default), rfc3597, tinydns, dnsmasq, dnscontrol, octodns, json\n"
    "  --json               same as --format json\n"
    "  --list-cas           list the built-in CA table and its date\n"
    "  -h, --help           this text\n"
    "\n"
    "Exit: 0 records printed, 64 usage error, 65 invalid or contradictory policy.\n";

enum {
    OPT_CA = 256,
    OPT_WILDCARD_CA,
    OPT_NO_WILDCARD,
    OPT_NO_ISSUANCE,
    OPT_IODEF,
    OPT_ACCOUNT_URI,
    OPT_METHODS,
    OPT_CONTACT_EMAIL,
    OPT_CONTACT_PHONE,
    OPT_CRITICAL,
    OPT_TTL,
    OPT_FORMAT,
    OPT_JSON,
    OPT_LIST_CAS,
};

static const struct option long_options[] = {
    {"ca", required_argument, NULL, OPT_CA},
    {"wildcard-ca", required_argument, NULL, OPT_WILDCARD_CA},
    {"no-wildcard", no_argument, NULL, OPT_NO_WILDCARD},
    {"no-issuance", no_argument, NULL, OPT_NO_ISSUANCE},
    {"iodef", required_argument, NULL, OPT_IODEF},
    {"account-uri", required_argument, NULL, OPT_ACCOUNT_URI},
    {"methods", required_argument, NULL, OPT_METHODS},
    {"contact-email", required_argument, NULL, OPT_CONTACT_EMAIL},
    {"contact-phone", required_argument, NULL, OPT_CONTACT_PHONE},
    {"critical", no_argument, NULL, OPT_CRITICAL},
    {"ttl", required_argument, NULL, OPT_TTL},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"json", no_argument, NULL, OPT_JSON},
    {"list-cas", no_argument, NULL, OPT_LIST_CAS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* A bounded list of borrowed strings (argv, or pieces of the --methods copy). */
struct list {
    const char *items[MAX_LIST];
    size_t count;
};

struct options {
    struct caa_policy policy;
    struct list cas;
    struct list wildcard_cas;
    struct list iodef;
    struct list methods;
    char *methods_copy;
    bool no_wildcard;
    bool list_cas;
    enum caa_format format;
};

static int list_push(struct list *list, const char *option, const char *s)
{
    if (list->count == MAX_LIST) {
        return cli_usage_error("generate", "too many %s options (at most %d)", option, MAX_LIST);
    }
    list->items[list->count++] = s;
    return CLI_EXIT_OK;
}

/* "dns-01,http-01" -> items; empty pieces are left for the library to refuse. */
static int split_methods(struct options *o, const char *arg)
{
    char *p;

    free(o->methods_copy);
    o->methods.count = 0;
    o->methods_copy = strdup(arg);
    if (o->methods_copy == NULL) {
        fprintf(stderr, "caa generate: out of memory\n");
        return CLI_EXIT_SOFTWARE;
    }
    p = o->methods_copy;
    for (;;) {
        char *comma = strchr(p, ',');
        int rc;
        if (comma != NULL) {
            *comma = '\0';
        }
        /* Malformed or empty labels are left for the library to refuse (exit 65). */
        rc = caa_is_method_list((const uint8_t *)p, strlen(p))
                 ? cli_method_check("generate", "--methods value", p)
                 : CLI_EXIT_OK;
        if (rc == CLI_EXIT_OK) {
            rc = list_push(&o->methods, "--methods", p);
        }
        if (rc != CLI_EXIT_OK || comma == NULL) {
            return rc;
        }
        p = comma + 1;
    }
}

static int parse_ttl(const char *arg, uint32_t *out)
{
    char *end = NULL;
    unsigned long long v;

    if (arg[0] < '0' || arg[0] > '9') {
        return cli_usage_error("generate", "--ttl '%s' is not a number of seconds", arg);
    }
    errno = 0;
    v = strtoull(arg, &end, 10);
    if (errno != 0 || *end != '\0' || v > 2147483647ULL) {
        return cli_usage_error("generate",
                               "--ttl '%s' is not a number of seconds from 0 to "
                               "2147483647",
                               arg);
    }
    *out = (uint32_t)v;
    return CLI_EXIT_OK;
}

static int parse_one(struct options *o, int opt, const char *arg)
{
    switch (opt) {
    case OPT_CA:
        return list_push(&o->cas, "--ca", arg);
    case OPT_WILDCARD_CA:
        return list_push(&o->wildcard_cas, "--wildcard-ca", arg);
    case OPT_NO_WILDCARD:
        o->no_wildcard = true;
        return CLI_EXIT_OK;
    case OPT_NO_ISSUANCE:
        o->policy.no_issuance = true;
        return CLI_EXIT_OK;
    case OPT_IODEF:
        return list_push(&o->iodef, "--iodef", arg);
    case OPT_ACCOUNT_URI:
        o->policy.account_uri = arg;
        return CLI_EXIT_OK;
    case OPT_METHODS:
        return split_methods(o, arg);
    case OPT_CONTACT_EMAIL:
        o->policy.contact_email = arg;
        return CLI_EXIT_OK;
    case OPT_CONTACT_PHONE:
        o->policy.contact_phone = arg;
        return CLI_EXIT_OK;
    case OPT_CRITICAL:
        o->policy.critical = true;
        return CLI_EXIT_OK;
    case OPT_TTL:
        return parse_ttl(arg, &o->policy.ttl);
    case OPT_FORMAT:
        if (caa_format_from_name(arg, &o->format) != 0) {
            return cli_usage_error("generate",
                                   "unknown format '%s' (zone, rfc3597, tinydns, dnsmasq, "
                                   "dnscontrol, octodns, json)",
                                   arg);
        }
        return CLI_EXIT_OK;
    case OPT_JSON:
        o->format = CAA_FORMAT_JSON;
        return CLI_EXIT_OK;
    case OPT_LIST_CAS:
        o->list_cas = true;
        return CLI_EXIT_OK;
    default:
        fputs(usage_text, stderr);
        return CLI_EXIT_USAGE;
    }
}

static void print_json_string(const char *s)
{
    putchar('"');
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            printf("\\%c", c);
        } else if (c < 0x20) {
            printf("\\u%04x", (unsigned)c);
        } else {
            putchar(c);
        }
    }
    putchar('"');
}

static void print_json_list(const char *key, const char *const *list)
{
    printf(",\"%s\":[", key);
    for (size_t i = 0; list[i] != NULL; i++) {
        if (i > 0) {
            putchar(',');
        }
        print_json_string(list[i]);
    }
    putchar(']');
}

static void list_cas_json(void)
{
    printf("{\"date\":\"%s\",\"cas\":[", caa_ca_table_date());
    for (size_t i = 0; i < caa_ca_count(); i++) {
        const struct caa_ca_info *ca = caa_ca_at(i);
        printf("%s{\"id\":", i > 0 ? "," : "");
        print_json_string(ca->id);
        printf(",\"name\":");
        print_json_string(ca->display_name);
        print_json_list("issuer_domains", ca->issuer_domains);
        print_json_list("aliases", ca->aliases);
        putchar('}');
    }
    printf("]}\n");
}

static void print_joined(const char *const *list, const char *sep)
{
    for (size_t i = 0; list[i] != NULL; i++) {
        printf("%s%s", i > 0 ? sep : "", list[i]);
    }
}

static void list_cas_text(void)
{
    printf("# CA table %s: CAA identifiers (issuer domains) as published by the CAs (CCADB)\n",
           caa_ca_table_date());
    printf("%-12s %-22s %s\n", "ID", "NAME", "ISSUER DOMAINS (ALIASES)");
    for (size_t i = 0; i < caa_ca_count(); i++) {
        const struct caa_ca_info *ca = caa_ca_at(i);
        printf("%-12s %-22s ", ca->id, ca->display_name);
        print_joined(ca->issuer_domains, " ");
        printf(" (");
        print_joined(ca->aliases, ", ");
        printf(")\n");
    }
}

static int run(struct options *o, const char *name)
{
    struct caa_error err;
    char *out = NULL;
    enum caa_status st;

    if (o->no_wildcard && o->wildcard_cas.count > 0) {
        fprintf(stderr, "caa generate: contradictory policy: --no-wildcard with --wildcard-ca\n");
        return CLI_EXIT_DATAERR;
    }
    o->policy.owner = name;
    o->policy.cas = o->cas.items;
    o->policy.ca_count = o->cas.count;
    o->policy.wildcard_set = o->no_wildcard || o->wildcard_cas.count > 0;
    o->policy.wildcard_cas = o->wildcard_cas.items;
    o->policy.wildcard_ca_count = o->wildcard_cas.count;
    o->policy.iodef = o->iodef.items;
    o->policy.iodef_count = o->iodef.count;
    o->policy.methods = o->methods.items;
    o->policy.method_count = o->methods.count;
    err.message[0] = '\0';
    st = caa_generate(&o->policy, o->format, &out, &err);
    if (st == CAA_E_INVALID_ARG) {
        text_printf(stderr, "caa generate: %s\n", err.message);
        if (strncmp(err.message, "unknown CA", 10) == 0) {
            fprintf(stderr, "caa generate: 'caa generate --list-cas' shows the CA table\n");
        }
        return CLI_EXIT_DATAERR;
    }
    if (st != CAA_OK) {
        fprintf(stderr, "caa generate: %s\n", caa_status_message(st));
        return CLI_EXIT_SOFTWARE;
    }
    fputs(out, stdout);
    free(out);
    return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_SOFTWARE;
}

int cmd_generate(int argc, char **argv)
{
    struct options o;
    int rc = CLI_EXIT_OK;
    int opt;

    memset(&o, 0, sizeof(o));
    caa_policy_init(&o.policy);
    o.format = CAA_FORMAT_ZONE;
    optind = 1;
    opterr = 0;
    while (rc == CLI_EXIT_OK && (opt = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        if (opt == 'h') {
            fputs(usage_text, stdout);
            goto out;
        }
        if (opt == '?' || opt == ':') {
            rc = cli_usage_error("generate", "unknown option or missing argument: '%s'",
                                 argv[optind - 1]);
            break;
        }
        rc = parse_one(&o, opt, optarg);
    }
    if (rc != CLI_EXIT_OK) {
        goto out;
    }
    if (o.list_cas) {
        if (optind != argc) {
            rc = cli_usage_error("generate", "--list-cas takes no NAME");
        } else if (o.format == CAA_FORMAT_JSON) {
            list_cas_json();
        } else {
            list_cas_text();
        }
        goto out;
    }
    if (optind == argc) {
        rc = cli_usage_error("generate", "missing NAME (the domain the records are for)");
    } else if (optind + 1 != argc) {
        rc = cli_usage_error("generate", "one NAME only, got '%s' too", argv[optind + 1]);
    } else {
        rc = run(&o, argv[optind]);
    }
out:
    free(o.methods_copy);
    return rc;
}
