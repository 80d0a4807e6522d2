/* SPDX-License-Identifier: MIT */
#include "lib/bulk/culprits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bulk/cache.h"

/* Distinct (server, cause) pairs counted: a run with more keeps counting the first ones. */
#define TALLY_MAX 4096

struct culprit_tally {
    struct caa_bulk_culprit culprit;
    uint64_t hash;
    struct culprit_tally *next;
};

int culprits_init(struct culprits *c)
{
    memset(c, 0, sizeof(*c));
    c->bucket_count = 1024;
    c->buckets = calloc(c->bucket_count, sizeof(*c->buckets));
    return c->buckets != NULL ? 0 : -1;
}

void culprits_cleanup(struct culprits *c)
{
    for (size_t b = 0; c->buckets != NULL && b < c->bucket_count; b++) {
        struct culprit_tally *t = c->buckets[b];
        while (t != NULL) {
            struct culprit_tally *next = t->next;
            free(t);
            t = next;
        }
    }
    free(c->buckets);
    c->buckets = NULL;
}

static void add(struct culprits *c, const char *nameserver, enum caa_code code)
{
    uint64_t hash = cache_hash(nameserver) ^ ((uint64_t)code * 0x9E3779B97F4A7C15u);
    size_t b = (size_t)(hash & (c->bucket_count - 1));
    struct culprit_tally *t = c->buckets[b];

    while (t != NULL && (t->hash != hash || t->culprit.code != code ||
                         strcmp(t->culprit.nameserver, nameserver) != 0)) {
        t = t->next;
    }
    if (t == NULL) {
        if (c->count >= TALLY_MAX || (t = calloc(1, sizeof(*t))) == NULL) {
            return;
        }
        (void)snprintf(t->culprit.nameserver, sizeof(t->culprit.nameserver), "%s", nameserver);
        t->culprit.code = code;
        t->hash = hash;
        t->next = c->buckets[b];
        c->buckets[b] = t;
        c->count++;
    }
    t->culprit.names++;
}

void culprits_note(struct culprits *c, const struct caa_bulk_result *row)
{
    if (row->verdict != CAA_VERDICT_ERROR || row->failing_label == NULL ||
        row->failing_label[0] == '\0') {
        return;
    }
    c->failed_names++;
    if (row->culprit_server_count == 0) {
        c->unattributed_names++;
    }
    for (size_t i = 0; i < row->culprit_server_count; i++) {
        add(c, row->culprit_servers[i].nameserver, row->culprit_servers[i].code);
    }
}

/* Keeps the CAA_BULK_CULPRITS_MAX biggest, most names first (ties: the first counted). */
static void keep(struct caa_bulk_stats *stats, const struct caa_bulk_culprit *x)
{
    size_t at = stats->culprit_count;

    if (at == CAA_BULK_CULPRITS_MAX) {
        if (stats->culprits[at - 1].names >= x->names) {
            return;
        }
        at--;
    } else {
        stats->culprit_count++;
    }
    while (at > 0 && stats->culprits[at - 1].names < x->names) {
        stats->culprits[at] = stats->culprits[at - 1];
        at--;
    }
    stats->culprits[at] = *x;
}

void culprits_fill(const struct culprits *c, struct caa_bulk_stats *stats)
{
    stats->culprit_count = 0;
    for (size_t b = 0; c->buckets != NULL && b < c->bucket_count; b++) {
        for (const struct culprit_tally *t = c->buckets[b]; t != NULL; t = t->next) {
            keep(stats, &t->culprit);
        }
    }
    stats->failed_names = c->failed_names;
    stats->unattributed_names = c->unattributed_names;
}
