/* SPDX-License-Identifier: MIT */
/* struct caa_rrset: the CAA records at one owner name, in the order given. */
#include <stdlib.h>
#include <string.h>

#include <caa/record.h>

#include "lib/caa/record_internal.h"
#include "lib/caa/rrset_internal.h"

/* RFC 1035: an answer section counts its RRs in 16 bits. */
#define RRSET_MAX 65535u

struct caa_rrset {
    char *owner; /* NULL until set: caa_rrset_owner() then gives "" */
    struct caa_record *records;
    size_t rr_count;
    size_t rr_cap;
    struct caa__arena *arena; /* everything above is carved from it; NULL: the heap */
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

enum caa_status caa__rrset_new_in(struct caa__arena *arena, struct caa_rrset **out)
{
    struct caa_rrset *set = caa__arena_alloc(arena, sizeof(*set));

    if (set == NULL) {
        return caa__arena_status(arena);
    }
    set->arena = arena;
    *out = set;
    return CAA_OK;
}

void caa_rrset_free(struct caa_rrset *set)
{
    size_t i;

    if (set == NULL || set->arena != NULL) {
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
    copy = set->arena != NULL ? caa__arena_alloc(set->arena, len + 1) : malloc(len + 1);
    if (copy == NULL) {
        return set->arena != NULL ? caa__arena_status(set->arena) : CAA_E_NOMEM;
    }
    memcpy(copy, owner, len + 1);
    if (set->arena == NULL) {
        free(set->owner);
    }
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
    if (set->arena != NULL) {
        /* The old array stays in the arena until it is emptied: a few records at most. */
        if ((grown = caa__arena_calloc(set->arena, cap, sizeof(*grown))) == NULL) {
            return caa__arena_status(set->arena);
        }
        if (set->rr_count > 0) {
            memcpy(grown, set->records, set->rr_count * sizeof(*grown));
        }
    } else if ((grown = realloc(set->records, cap * sizeof(*grown))) == NULL) {
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
    if (rec->value == NULL && rec->value_len > 0) {
        return CAA_E_INVALID_ARG;
    }
    st = caa__record_fill(&set->records[set->rr_count], set->arena, rec->flags,
                          (const uint8_t *)rec->tag, rec->tag_len, rec->value, rec->value_len);
    if (st != CAA_OK) {
        return st;
    }
    set->rr_count++;
    return CAA_OK;
}

enum caa_status caa__rrset_add_wire(struct caa_rrset *set, const uint8_t *rdata, size_t rdata_len,
                                    unsigned parse_flags)
{
    size_t tag_len = 0;
    enum caa_status st = caa__record_wire_check(rdata, rdata_len, parse_flags, &tag_len, NULL);

    if (st == CAA_OK) {
        st = reserve_one(set);
    }
    if (st != CAA_OK) {
        return st;
    }
    st = caa__record_fill(&set->records[set->rr_count], set->arena, rdata[0], rdata + 2, tag_len,
                          rdata + 2 + tag_len, rdata_len - 2 - tag_len);
    if (st == CAA_OK) {
        set->rr_count++;
    }
    return st;
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
