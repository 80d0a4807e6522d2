/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_CHECK_SPEC_H
#define CAA_SERVICE_CHECK_SPEC_H

/* What one check request asks for, validated and normalised: the names (one order), the CA's
 * issuer domains, method, account and profile. Its key is what the result cache files it under. */

#include <caa/caa.h>

#include <stddef.h>

#define CHECK_SPEC_NAMES_MAX 100 /* Let's Encrypt's limit of names per order */
#define CHECK_SPEC_ISSUERS_MAX 16

struct check_spec {
    char *names[CHECK_SPEC_NAMES_MAX]; /* A-labels, "*." kept */
    size_t name_count;
    char *issuers[CHECK_SPEC_ISSUERS_MAX];
    size_t issuer_count;
    char *method;      /* NULL: unknown */
    char *account_uri; /* NULL: unknown */
    enum caa_profile profile;
};

/* The raw fields as they came in (NULL or "" = not given). */
struct check_input {
    const char *const *names;
    size_t name_count;
    const char *ca;
    const char *method;
    const char *account_uri;
    const char *profile;
};

/* Validates and normalises. 0, or -1 with a sentence for the client in why (naming the field,
 * the value's position and what is wrong). */
int check_spec_parse(const struct check_input *in, struct check_spec *out, char *why,
                     size_t why_len);
/* The cache key: every field, unambiguous. malloc'd, NULL on out of memory. */
char *check_spec_key(const struct check_spec *spec);
/* A deep copy (NULL on out of memory; free with check_spec_free). */
struct check_spec *check_spec_dup(const struct check_spec *spec);
/* Frees the fields (cleanup) and, for a heap spec, the struct (free). */
void check_spec_cleanup(struct check_spec *spec);
void check_spec_free(struct check_spec *spec);
/* The request for caa_check (borrows from spec). */
void check_spec_request(const struct check_spec *spec, struct caa_request *req);

#endif
