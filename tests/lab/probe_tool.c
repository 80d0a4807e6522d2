/* SPDX-License-Identifier: MIT */
/*
 * Lab tool for the probe engine (src/lib/dns/probe.h): sends one direct query per QTYPE to
 * ADDRESS, all at once, and prints every field of each result. For the namespaced lab only
 * (tests/lab/README.md).
 *
 *   probe_tool [--tcp] [--no-edns] [--no-do] [--rd] [--port N] [--timeout MS]
 *              ADDRESS QNAME QTYPE...
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <caa/status.h>

#include "lib/dns/probe.h"

#define QUERIES_MAX 64
#define TIMEOUT_DEFAULT_MS 2000

static const struct {
    const char *name;
    uint16_t value;
} rrtypes[] = {
    {"A", 1},     {"NS", 2},      {"CNAME", 5},  {"SOA", 6},         {"TXT", 16},
    {"AAAA", 28}, {"DNAME", 39},  {"OPT", 41},   {"DS", 43},         {"RRSIG", 46},
    {"NSEC", 47}, {"DNSKEY", 48}, {"NSEC3", 50}, {"NSEC3PARAM", 51}, {"CAA", 257},
};

static const char *const outcome_names[] = {"ANSWER",    "TIMEOUT", "UNREACHABLE", "CLOSED",
                                            "MALFORMED", "ERROR",   "FLOOD"};
static const char *const rcode_names[] = {"NOERROR",  "FORMERR", "SERVFAIL",
                                          "NXDOMAIN", "NOTIMP",  "REFUSED"};

static void usage(void)
{
    fputs("usage: probe_tool [--tcp] [--no-edns] [--no-do] [--rd] [--port N] [--timeout MS]\n"
          "                  ADDRESS QNAME QTYPE...\n",
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
    if (*end != '\0' || value > max) {
        return false;
    }
    *out = value;
    return true;
}

static bool parse_type(const char *text, uint16_t *out)
{
    unsigned long value = 0;

    for (size_t i = 0; i < sizeof(rrtypes) / sizeof(rrtypes[0]); i++) {
        if (strcmp(text, rrtypes[i].name) == 0) {
            *out = rrtypes[i].value;
            return true;
        }
    }
    if (!parse_number(text, 65535, &value)) {
        return false;
    }
    *out = (uint16_t)value;
    return true;
}

static const char *type_name(uint16_t value, char *buf, size_t size)
{
    for (size_t i = 0; i < sizeof(rrtypes) / sizeof(rrtypes[0]); i++) {
        if (rrtypes[i].value == value) {
            return rrtypes[i].name;
        }
    }
    (void)snprintf(buf, size, "TYPE%u", (unsigned)value);
    return buf;
}

static void print_section(const char *label, const struct caa__probe_rr *rrs, size_t count)
{
    char buf[16];

    for (size_t i = 0; i < count; i++) {
        printf("  %s %s %s %u rdlen=%zu\n", label, rrs[i].owner,
               type_name(rrs[i].rrtype, buf, sizeof(buf)), (unsigned)rrs[i].ttl, rrs[i].rdata_len);
    }
}

static void print_result(const struct caa__probe_query *q, const struct caa__probe_result *r)
{
    char buf[16];
    const char *rcode = r->rcode >= 0 && (size_t)r->rcode < sizeof(rcode_names) / sizeof(char *)
                            ? rcode_names[r->rcode]
                            : "-";

    printf("query: @%s port=%u %s %s %s edns=%d do=%d rd=%d timeout_ms=%u\n", q->address,
           (unsigned)q->port, q->qname, type_name(q->qtype, buf, sizeof(buf)),
           q->transport == CAA__PROBE_TCP ? "tcp" : "udp", q->edns, q->do_bit, q->rd,
           q->timeout_ms);
    printf("outcome: %s elapsed_ms=%u wire_len=%zu\n", outcome_names[r->outcome], r->elapsed_ms,
           r->wire_len);
    if (r->error[0] != '\0') {
        printf("error: %s\n", r->error);
    }
    if (r->outcome != CAA__PROBE_ANSWER) {
        printf("\n");
        return;
    }
    printf("rcode: %d %s\n", r->rcode, rcode);
    printf("flags: qr=%d aa=%d tc=%d ra=%d ad=%d has_opt=%d\n", r->qr, r->aa, r->tc, r->ra, r->ad,
           r->has_opt);
    printf("question: echoed=%s matches=%d case_preserved=%d\n", r->echoed_qname,
           r->question_matches, r->case_preserved);
    printf("counts: answer=%zu authority=%zu additional=%zu soa_in_authority=%d\n", r->answer_count,
           r->authority_count, r->additional_count, r->soa_in_authority);
    print_section("an", r->answer, r->answer_count);
    print_section("ns", r->authority, r->authority_count);
    print_section("ar", r->additional, r->additional_count);
    printf("\n");
}

int main(int argc, char **argv)
{
    static struct caa__probe_query queries[QUERIES_MAX];
    static struct caa__probe_result results[QUERIES_MAX];
    bool tcp = false, edns = true, do_bit = true, rd = false;
    unsigned long timeout_ms = TIMEOUT_DEFAULT_MS, port = 53;
    size_t n = 0;
    int i = 1;
    enum caa_status st;

    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--tcp") == 0) {
            tcp = true;
        } else if (strcmp(argv[i], "--no-edns") == 0) {
            edns = false;
            do_bit = false;
        } else if (strcmp(argv[i], "--no-do") == 0) {
            do_bit = false;
        } else if (strcmp(argv[i], "--rd") == 0) {
            rd = true;
        } else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc &&
                   parse_number(argv[i + 1], 600000, &timeout_ms)) {
            i++;
        } else if (strcmp(argv[i], "--port") == 0 && i + 1 < argc &&
                   parse_number(argv[i + 1], 65535, &port)) {
            i++;
        } else {
            usage();
            return 2;
        }
    }
    if (argc - i < 3 || argc - i - 2 > QUERIES_MAX) {
        usage();
        return 2;
    }
    for (int t = i + 2; t < argc; t++, n++) {
        struct caa__probe_query *q = &queries[n];
        uint16_t qtype = 0;

        if (!parse_type(argv[t], &qtype)) {
            fprintf(stderr, "probe_tool: unknown type %s\n", argv[t]);
            return 2;
        }
        caa__probe_query_init(q, argv[i], argv[i + 1], qtype, (unsigned)timeout_ms);
        q->transport = tcp ? CAA__PROBE_TCP : CAA__PROBE_UDP;
        q->edns = edns;
        q->do_bit = do_bit;
        q->rd = rd;
        q->port = (uint16_t)port;
    }
    st = caa__probe_run(queries, n, results);
    if (st != CAA_OK) {
        fprintf(stderr, "probe_tool: %s\n", caa_status_name(st));
        return 1;
    }
    for (size_t k = 0; k < n; k++) {
        print_result(&queries[k], &results[k]);
        caa__probe_result_cleanup(&results[k]);
    }
    return 0;
}
