/* SPDX-License-Identifier: MIT */
/* May Let's Encrypt issue for *.example.com under these records? Build against the installed
 * library: cc evaluate.c $(pkg-config --cflags --libs libcaa) */
#include <caa/caa.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    static const char *const records[] = {"0 issue \"letsencrypt.org\"", "0 issuewild \";\""};
    const char *issuers[] = {"letsencrypt.org"};
    struct caa_rrset *set = NULL;
    struct caa_evaluation *ev = NULL;
    struct caa_request req;
    int rc = 70;

    if (caa_rrset_new(&set) != CAA_OK) {
        return rc;
    }
    for (size_t i = 0; i < 2; i++) {
        struct caa_record rec;
        if (caa_record_from_text(records[i], strlen(records[i]), CAA_PARSE_STRICT, &rec, NULL) ==
            CAA_OK) {
            caa_rrset_add(set, &rec);
            caa_record_cleanup(&rec);
        }
    }
    caa_request_init(&req);
    req.name = "*.example.com";
    req.issuers = issuers;
    req.issuer_count = 1;
    if (caa_evaluate(set, &req, &ev) == CAA_OK) {
        printf("%s: %s\n", caa_verdict_name(caa_evaluation_verdict(ev)), caa_evaluation_reason(ev));
        rc = 0;
    }
    caa_evaluation_free(ev);
    caa_rrset_free(set);
    return rc;
}
