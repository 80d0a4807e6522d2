/* SPDX-License-Identifier: MIT */
/* struct caa_rrset: the CAA records at one owner name, in the order given. */
#include <stdlib.h>
#include <string.h>

#include <caa/record.h>

/* RFC 1035: an answer section counts its RRs in 16 bits. */
#define RRSET_MAX 65535u

struct caa_rrset {
    char *owner; /* NULL until set: caa_rrset_owner() then gives "" */
    struct caa_record *records;
    size_t rr_count;
    size_t rr_cap;
};

enum caa_status caa_rrset_new(struct caa_rrset **out)
{
    struct caa_rrset *set;

    if (out == NULL) {
        return CAA_E_INVALID_ARG;
    }
    *out = NULL;
    set = calloc(1, sizeof(*set));
    if (set == NULL) {
        return CAA_E_NOMEM;
    }
    *out = set;
    return CAA_OK;
}

void caa_rrset_free(struct caa_rrset *set)
{
    size_t i;

    if (set == NULL) {
        return;
    }
    for (i = 0; i < set->rr_count; i++) {
        caa_record_cleanup(&set->records[i]);
    }
    free(set->records);
    free(set->owner);
    free(set);
}

enum caa_status caa_rrset_set_owner(struct caa_rrset *set, const char *owner)
{
    size_t len;
    char *copy;

    if (set == NULL || owner == NULL) {
        return CAA_E_INVALID_ARG;
    }
    len = strlen(owner);
    copy = malloc(len + 1);
    if (copy == NULL) {
        return CAA_E_NOMEM;
    }
    memcpy(copy, owner, len + 1);
    free(set->owner);
    set->owner = copy;
    return CAA_OK;
}

const char *caa_rrset_owner(const struct caa_rrset *set)
{
    if (set == NULL || set->owner == NULL) {
        return "";
    }
    return set->owner;
}

static enum caa_status reserve_one(struct caa_rrset *set)
{
    struct caa_record *grown;
    size_t cap;

    if (set->rr_count < set->rr_cap) {
        return CAA_OK;
    }
    if (set->rr_count >= RRSET_MAX) {
        return CAA_E_LIMIT;
    }
    cap = set->rr_cap < 4 ? 4 : set->rr_cap * 2;
    if (cap > RRSET_MAX) {
        cap = RRSET_MAX;
    }
    grown = realloc(set->records, cap * sizeof(*grown));
    if (grown == NULL) {
        return CAA_E_NOMEM;
    }
    set->records = grown;
    set->rr_cap = cap;
    return CAA_OK;
}

enum caa_status caa_rrset_add(struct caa_rrset *set, const struct caa_record *rec)
{
    enum caa_status st;

    if (set == NULL || rec == NULL) {
        return CAA_E_INVALID_ARG;
    }
    st = reserve_one(set);
    if (st != CAA_OK) {
        return st;
    }
    st = caa_record_copy(rec, &set->records[set->rr_count]);
    if (st != CAA_OK) {
        return st;
    }
    set->rr_count++;
    return CAA_OK;
}

size_t caa_rrset_count(const struct caa_rrset *set)
{
    return set == NULL ? 0 : set->rr_count;
}

const struct caa_record *caa_rrset_record(const struct caa_rrset *set, size_t i)
{
    if (set == NULL || i >= set->rr_count) {
        return NULL;
    }
    return &set->records[i];
}
