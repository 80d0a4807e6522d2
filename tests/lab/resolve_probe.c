/* SPDX-License-Identifier: MIT */
/*
 * Lab probe for the resolver seam (src/lib/dns/resolver.h): resolves CAA (or --type N) for each
 * QNAME and prints one JSON line per answer. For the namespaced lab only (tests/lab/README.md):
 * without --hints it would ask the real root servers.
 *
 *   resolve_probe --hints FILE --ta FILE [--timeout MS] [--type N] [--rdata]
 *                 [--option name=value]... QNAME...
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <caa/status.h>

#include "lib/dns/resolver.h"

#define OPTIONS_MAX 32
#define RRTYPE_CAA 257

struct probe_args {
    struct caa__resolver_config cfg;
    const char *names[OPTIONS_MAX];
    const char *values[OPTIONS_MAX];
    char *owned[OPTIONS_MAX];
    unsigned long rrtype;
    bool show_rdata;
    int first_qname;
};

static const char *const failure_names[] = {"ok", "timeout", "network", "resolver"};
static const char *const dnssec_names[] = {"insecure", "secure", "bogus", "unknown"};

static void usage(void)
{
    fputs("usage: resolve_probe --hints FILE --ta FILE [--timeout MS] [--type N] [--rdata]\n"
          "                     [--option name=value]... QNAME...\n",
          stderr);
}

static bool parse_number(const char *text, unsigned long max, unsigned long *out)
{
    char *end = NULL;
    unsigned long value;

    if (text == NULL || text[0] < '0' || text[0] > '9') {
        return false;
    }
    value = strtoul(text, &end, 10);
    if (*end != '\0' || value == 0 || value > max) {
        return false;
    }
    *out = value;
    return true;
}

static bool add_option(struct probe_args *a, const char *spec)
{
    size_t i = a->cfg.option_count;
    char *copy;
    char *eq;

    if (spec == NULL || i == OPTIONS_MAX || (copy = strdup(spec)) == NULL) {
        return false;
    }
    a->owned[i] = copy;
    eq = strchr(copy, '=');
    if (eq == NULL) {
        return false;
    }
    *eq = '\0';
    a->names[i] = copy;
    a->values[i] = eq + 1;
    a->cfg.option_count = i + 1;
    return true;
}

static bool parse_args(int argc, char **argv, struct probe_args *a)
{
    unsigned long number = 0;
    int i;

    for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;

        if (strcmp(argv[i], "--rdata") == 0) {
            a->show_rdata = true;
            continue;
        }
        if (next == NULL) {
            return false;
        }
        if (strcmp(argv[i], "--hints") == 0) {
            a->cfg.root_hints = next;
        } else if (strcmp(argv[i], "--ta") == 0) {
            a->cfg.trust_anchor = next;
        } else if (strcmp(argv[i], "--timeout") == 0 && parse_number(next, 3600000, &number)) {
            a->cfg.timeout_ms = (unsigned)number;
        } else if (strcmp(argv[i], "--type") == 0 && parse_number(next, 65535, &number)) {
            a->rrtype = number;
        } else if (strcmp(argv[i], "--option") != 0 || !add_option(a, next)) {
            return false;
        }
        i++;
    }
    a->first_qname = i;
    /* Refuse to run without hints: the compiled-in root servers are the real Internet. */
    return a->cfg.root_hints != NULL && a->cfg.trust_anchor != NULL && i < argc;
}

static void print_string(const char *s)
{
    const unsigned char *p;

    putchar('"');
    for (p = (const unsigned char *)s; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\') {
            printf("\\%c", *p);
        } else if (*p < 0x20 || *p > 0x7e) {
            printf("\\u%04x", *p);
        } else {
            putchar(*p);
        }
    }
    putchar('"');
}

static void print_rdata(const struct caa__dns_answer *ans)
{
    size_t i;
    size_t j;

    fputs(",\"rdata\":[", stdout);
    for (i = 0; i < ans->rdata_count; i++) {
        fputs(i > 0 ? ",\"" : "\"", stdout);
        for (j = 0; j < ans->rdata_len[i]; j++) {
            printf("%02x", ans->rdata[i][j]);
        }
        putchar('"');
    }
    putchar(']');
}

static void print_answer(const struct caa__dns_answer *ans, bool show_rdata)
{
    size_t i;

    fputs("{\"qname\":", stdout);
    print_string(ans->qname);
    printf(",\"failure\":\"%s\",\"rcode\":%d,\"dnssec\":\"%s\",\"why_bogus\":",
           failure_names[ans->failure], ans->rcode, dnssec_names[ans->dnssec]);
    print_string(ans->why_bogus);
    printf(",\"count\":%zu,\"ttl\":%u,\"aliases\":[", ans->rdata_count, (unsigned)ans->ttl);
    for (i = 0; i < ans->alias_count; i++) {
        if (i > 0) {
            putchar(',');
        }
        print_string(ans->aliases[i]);
    }
    printf("],\"truncated\":%s,\"elapsed_ms\":%u", ans->truncated ? "true" : "false",
           ans->elapsed_ms);
    if (show_rdata) {
        print_rdata(ans);
    }
    puts("}");
}

static enum caa_status run(const struct probe_args *a, const char *const *qnames, size_t n,
                           struct caa__dns_answer *answers, struct caa_error *err)
{
    enum caa_status st = CAA_OK;
    size_t i;

    if (a->rrtype == RRTYPE_CAA) {
        return caa__resolve_caa(&a->cfg, qnames, n, answers, err);
    }
    for (i = 0; i < n && st == CAA_OK; i++) {
        st = caa__resolve_one(&a->cfg, qnames[i], (uint16_t)a->rrtype, &answers[i], err);
    }
    return st;
}

int main(int argc, char **argv)
{
    struct probe_args a = {.cfg = {.timeout_ms = 10000, .custom_hints = true},
                           .rrtype = RRTYPE_CAA};
    struct caa_error err = {0};
    struct caa__dns_answer *answers = NULL;
    enum caa_status st = CAA_E_INVALID_ARG;
    size_t n = 0;
    size_t i;

    a.cfg.option_names = a.names;
    a.cfg.option_values = a.values;
    if (!parse_args(argc, argv, &a)) {
        usage();
        goto out;
    }
    n = (size_t)(argc - a.first_qname);
    answers = calloc(n, sizeof(*answers));
    st = answers == NULL ? CAA_E_NOMEM
                         : run(&a, (const char *const *)(argv + a.first_qname), n, answers, &err);
    if (st != CAA_OK) {
        fprintf(stderr, "resolve_probe: %s: %s\n", caa_status_name(st), err.message);
    }
    for (i = 0; i < n && st == CAA_OK; i++) {
        print_answer(&answers[i], a.show_rdata);
    }
out:
    for (i = 0; i < n && answers != NULL; i++) {
        caa__dns_answer_cleanup(&answers[i]);
    }
    free(answers);
    for (i = 0; i < OPTIONS_MAX; i++) {
        free(a.owned[i]);
    }
    return st == CAA_OK ? 0 : 1;
}
