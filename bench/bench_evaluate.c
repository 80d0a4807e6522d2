/* SPDX-License-Identifier: MIT */
/*
 * The verdict function's speed: records evaluated per second for a realistic mix of RRsets.
 * Usage: bench_evaluate [iterations]. Prints one line per RRset shape and a total.
 */
#include <caa/caa.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct {
    const char *label;
    const char *records[6];
    const char *name;
} shapes[] = {
    {"one issue, authorised", {"0 issue \"letsencrypt.org\""}, "example.com"},
    {"three CAs, last matches",
     {"0 issue \"digicert.com\"", "0 issue \"sectigo.com\"", "0 issue \"letsencrypt.org\"",
      "0 iodef \"mailto:security@example.com\""},
     "example.com"},
    {"bound to account and method",
     {"0 issue \"letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/123; "
      "validationmethods=dns-01,http-01\""},
     "example.com"},
    {"wildcard denied by issuewild",
     {"0 issue \"letsencrypt.org\"", "0 issuewild \";\"", "128 iodef \"mailto:a@example.com\""},
     "*.example.com"},
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct caa_rrset *rrset_of(const char *const *records, size_t *count)
{
    struct caa_rrset *set = NULL;

    if (caa_rrset_new(&set) != CAA_OK) {
        exit(70);
    }
    for (*count = 0; *count < 6 && records[*count] != NULL; (*count)++) {
        struct caa_record rec;
        const char *text = records[*count];
        if (caa_record_from_text(text, strlen(text), CAA_PARSE_STRICT, &rec, NULL) != CAA_OK ||
            caa_rrset_add(set, &rec) != CAA_OK) {
            exit(70);
        }
        caa_record_cleanup(&rec);
    }
    return set;
}

int main(int argc, char **argv)
{
    long iterations = argc > 1 ? strtol(argv[1], NULL, 10) : 200000;
    const char *issuers[] = {"letsencrypt.org"};
    double total_records = 0;
    double total_seconds = 0;

    for (size_t s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
        size_t count = 0;
        struct caa_rrset *set = rrset_of(shapes[s].records, &count);
        struct caa_request req;
        double start;
        double elapsed;

        caa_request_init(&req);
        req.name = shapes[s].name;
        req.issuers = issuers;
        req.issuer_count = 1;
        req.method = "dns-01";
        req.account_uri = "https://acme-v02.api.letsencrypt.org/acme/acct/123";
        start = now_seconds();
        for (long i = 0; i < iterations; i++) {
            struct caa_evaluation *ev = NULL;
            if (caa_evaluate(set, &req, &ev) != CAA_OK) {
                return 70;
            }
            caa_evaluation_free(ev);
        }
        elapsed = now_seconds() - start;
        printf("%-32s %10.0f evaluations/s %10.0f records/s\n", shapes[s].label,
               (double)iterations / elapsed, (double)iterations * (double)count / elapsed);
        total_records += (double)iterations * (double)count;
        total_seconds += elapsed;
        caa_rrset_free(set);
    }
    printf("%-32s %10s %24.0f records/s\n", "all shapes", "", total_records / total_seconds);
    return 0;
}
