/* SPDX-License-Identifier: MIT */
#include "fake_resolver.h"

#include "lib/dns/reach.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Test-only state: one script at a time. */
static const struct fake_answer *script;
static size_t script_len;
static size_t calls;
static size_t qnames_asked;
static int asked[64];
static bool network_down;

void fake_resolver_script(const struct fake_answer *answers, size_t n)
{
    script = answers;
    script_len = n;
    calls = 0;
    qnames_asked = 0;
    memset(asked, 0, sizeof(asked));
    network_down = false;
}

void fake_resolver_network(bool up)
{
    network_down = !up;
}

enum caa_status caa__dns_roots_reachable(const char *hints_path, unsigned timeout_ms,
                                         bool *reachable, char *why, size_t why_size)
{
    (void)hints_path;
    (void)timeout_ms;
    *reachable = !network_down;
    (void)snprintf(why, why_size, "%s", network_down ? "198.41.0.4: no reply (scripted)" : "");
    return CAA_OK;
}

size_t fake_resolver_calls(void)
{
    return calls;
}

size_t fake_resolver_qnames(void)
{
    return qnames_asked;
}

void caa__dns_answer_cleanup(struct caa__dns_answer *answer)
{
    for (size_t i = 0; i < answer->rdata_count; i++) {
        free(answer->rdata[i]);
    }
    free(answer->rdata);
    free(answer->rdata_len);
    for (size_t i = 0; i < answer->alias_count; i++) {
        free(answer->aliases[i]);
    }
    memset(answer, 0, sizeof(*answer));
}

static uint8_t *from_hex(const char *hex, size_t *len)
{
    size_t n = strlen(hex) / 2;
    uint8_t *out = malloc(n + 1);

    for (size_t i = 0; out != NULL && i < n; i++) {
        unsigned byte = 0;
        (void)sscanf(hex + 2 * i, "%2x", &byte);
        out[i] = (uint8_t)byte;
    }
    *len = n;
    return out;
}

static void fill(struct caa__dns_answer *a, const char *qname, uint16_t rrtype)
{
    memset(a, 0, sizeof(*a));
    (void)snprintf(a->qname, sizeof(a->qname), "%s", qname);
    a->rcode = 0;
    a->dnssec = CAA_DNSSEC_INSECURE;
    for (size_t i = 0; i < script_len; i++) {
        const struct fake_answer *f = &script[i];
        size_t n = 0;
        if (strcmp(f->qname, qname) != 0 || f->rrtype != rrtype) {
            continue;
        }
        if (asked[i]++ < f->fail_first_n) {
            a->rcode = 2;
            a->dnssec = CAA_DNSSEC_UNKNOWN;
            return;
        }
        a->failure = f->failure;
        a->rcode = f->failure == CAA__DNS_OK ? f->rcode : -1;
        a->dnssec = f->dnssec;
        (void)snprintf(a->why_bogus, sizeof(a->why_bogus), "%s",
                       f->why_bogus != NULL ? f->why_bogus : "");
        a->truncated = f->truncated != 0;
        while (n < 4 && f->rdata_hex[n] != NULL) {
            n++;
        }
        a->rdata = calloc(n + 1, sizeof(*a->rdata));
        a->rdata_len = calloc(n + 1, sizeof(*a->rdata_len));
        for (size_t r = 0; r < n; r++) {
            a->rdata[r] = from_hex(f->rdata_hex[r], &a->rdata_len[r]);
        }
        a->rdata_count = n;
        if (f->alias != NULL) {
            a->aliases[0] = strdup(f->alias);
            a->alias_count = 1;
        }
        return;
    }
}

enum caa_status caa__resolve_caa(const struct caa__resolver_config *cfg, const char *const *qnames,
                                 size_t n, struct caa__dns_answer *answers, struct caa_error *err)
{
    (void)cfg;
    (void)err;
    calls++;
    qnames_asked += n;
    for (size_t i = 0; i < n; i++) {
        fill(&answers[i], qnames[i], 257);
    }
    return CAA_OK;
}

enum caa_status caa__resolve_one(const struct caa__resolver_config *cfg, const char *qname,
                                 uint16_t rrtype, struct caa__dns_answer *answer,
                                 struct caa_error *err)
{
    (void)cfg;
    (void)err;
    fill(answer, qname, rrtype);
    return CAA_OK;
}
