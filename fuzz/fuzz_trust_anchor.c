/* SPDX-License-Identifier: MIT */
/* resolver_unbound.c: a trust-anchor file (--trust-anchor) of any content. libunbound parses
 * the file when the resolver starts, so each input starts a real resolver on it; what is
 * fuzzed is that start, and caa's handling of whatever libunbound makes of the file (an error
 * that says why, or an answer), under ASan and UBSan.
 *
 * No packet is sent: the only root server in the hints is 127.0.0.1 and the resolver is told
 * never to query localhost (the option applied last overrides the CA profile's "no"), so every
 * lookup that gets past the anchor fails at once for want of a server. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "lib/dns/resolver.h"
#include "lib/util/error.h"

#define RRTYPE_DNSKEY 48

static char anchor_path[64];
static char hints_path[64];

static void make_temp(char *path, size_t size, const char *stem)
{
    int fd;

    (void)snprintf(path, size, "/tmp/caa-fuzz-%s-XXXXXX", stem);
    fd = mkstemp(path);
    if (fd < 0) {
        abort();
    }
    (void)close(fd);
}

static bool write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *fp = fopen(path, "wb");
    bool ok;

    if (fp == NULL) {
        abort();
    }
    ok = fwrite(data, 1, size, fp) == size;
    return fclose(fp) == 0 && ok;
}

static void remove_files(void)
{
    (void)unlink(anchor_path);
    (void)unlink(hints_path);
}

static void make_files_once(void)
{
    static const char hints[] = ".\t3600000\tNS\ta.root.\na.root.\t3600000\tA\t127.0.0.1\n";

    if (hints_path[0] != '\0') {
        return;
    }
    make_temp(hints_path, sizeof(hints_path), "hints");
    make_temp(anchor_path, sizeof(anchor_path), "anchor");
    if (!write_file(hints_path, (const uint8_t *)hints, sizeof(hints) - 1) ||
        atexit(remove_files) != 0) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"do-not-query-localhost:"};
    static const char *const values[] = {"yes"};
    struct caa__resolver_config cfg = {
        .root_hints = NULL,
        .trust_anchor = NULL,
        .option_names = names,
        .option_values = values,
        .option_count = 1,
        .timeout_ms = 500,
        .custom_hints = true,
    };
    struct caa__dns_answer answer;
    struct caa_error err = {0, ""};
    enum caa_status st;

    make_files_once();
    if (!write_file(anchor_path, data, size)) {
        abort();
    }
    cfg.root_hints = hints_path;
    cfg.trust_anchor = anchor_path;
    caa__dns_answer_init(&answer, ".");
    st = caa__resolve_one(&cfg, ".", RRTYPE_DNSKEY, &answer, &err);
    if (st != CAA_OK && err.message[0] == '\0') {
        abort(); /* a resolver that did not start says why */
    }
    if (st == CAA_OK && answer.failure == CAA__DNS_OK && answer.rcode == 0 &&
        answer.dnssec == CAA_DNSSEC_SECURE) {
        abort(); /* no server was asked: nothing can have been proven */
    }
    caa__dns_answer_cleanup(&answer);
    return 0;
}
