/* SPDX-License-Identifier: MIT */
#include "lib/bulk/culprits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bulk/cache.h"
#include "lib/bulk/culprit_probe.h"
#include "lib/diag/zones.h"

#define RRTYPE_NS 2
#define WORST_LABELS 20
#define NS_PER_LABEL 8
#define PARENT_STEPS 3
#define RESOLVE_BUDGET_MS 5000u

struct culprit_label {
    char label[256];
    size_t names;
    size_t code_names[CAA_CODE_COUNT_];
    struct culprit_label *next;
    /* Filled at the end: the label's zone's nameservers. */
    const char *asking; /* the name whose NS is being asked: label or a parent */
    int steps;
    bool done;
    size_t ns_count;
    char ns[NS_PER_LABEL][256];
};

int culprits_init(struct culprits *c)
{
    c->bucket_count = 1024;
    c->count = 0;
    c->buckets = calloc(c->bucket_count, sizeof(*c->buckets));
    return c->buckets != NULL ? 0 : -1;
}

void culprits_cleanup(struct culprits *c)
{
    for (size_t b = 0; c->buckets != NULL && b < c->bucket_count; b++) {
        struct culprit_label *l = c->buckets[b];
        while (l != NULL) {
            struct culprit_label *next = l->next;
            free(l);
            l = next;
        }
    }
    free(c->buckets);
    c->buckets = NULL;
}

void culprits_note(struct culprits *c, const char *label, enum caa_code code)
{
    size_t b = (size_t)(cache_hash(label) & (c->bucket_count - 1));
    struct culprit_label *l = c->buckets[b];

    while (l != NULL && strcmp(l->label, label) != 0) {
        l = l->next;
    }
    if (l == NULL) {
        /* Bounded: a run with a million distinct failures keeps the first 100000. */
        if (c->count >= 100000 || (l = calloc(1, sizeof(*l))) == NULL) {
            return;
        }
        (void)snprintf(l->label, sizeof(l->label), "%s", label);
        l->next = c->buckets[b];
        c->buckets[b] = l;
        c->count++;
    }
    l->names++;
    if ((unsigned)code < (unsigned)CAA_CODE_COUNT_) {
        l->code_names[code]++;
    }
}

static size_t worst(struct culprits *c, struct culprit_label **out, size_t cap)
{
    size_t n = 0;

    for (size_t b = 0; b < c->bucket_count; b++) {
        for (struct culprit_label *l = c->buckets[b]; l != NULL; l = l->next) {
            size_t at = n < cap ? n++ : cap;
            if (at == cap && l->names <= out[cap - 1]->names) {
                continue;
            }
            if (at == cap) {
                at = cap - 1;
            }
            while (at > 0 && out[at - 1]->names < l->names) {
                out[at] = out[at - 1];
                at--;
            }
            out[at] = l;
        }
    }
    return n;
}

static enum caa_code top_code(const struct culprit_label *l)
{
    size_t best = 0;

    for (size_t i = 1; i < CAA_CODE_COUNT_; i++) {
        best = l->code_names[i] > l->code_names[best] ? i : best;
    }
    return (enum caa_code)best;
}

/* NS lookups of culprits still in flight (other lookups of the run may still be pending). */
static unsigned outstanding(struct culprit_label *const *top, size_t n)
{
    unsigned count = 0;

    for (size_t i = 0; i < n; i++) {
        count += !top[i]->done;
    }
    return count;
}

static void on_ns(void *user, struct caa__dns_answer *answer)
{
    struct culprit_label *l = user;
    const char *dot;

    for (size_t i = 0; i < answer->rdata_count && l->ns_count < NS_PER_LABEL; i++) {
        if (caa__wire_name_text(answer->rdata[i], answer->rdata_len[i], l->ns[l->ns_count],
                                sizeof(l->ns[0]))) {
            l->ns_count++;
        }
    }
    /* Not a zone apex (or no answer): its zone's NS set is at a parent. */
    dot = strchr(l->asking, '.');
    if (l->ns_count > 0 || dot == NULL || ++l->steps > PARENT_STEPS) {
        l->done = true;
        return;
    }
    l->asking = dot + 1;
    l->done = true;       /* re-armed by the caller's loop */
    l->steps = -l->steps; /* marks "ask the parent next" */
}

static void add_culprit(struct caa_bulk_stats *stats, const char **labels, const char *ns,
                        enum caa_code code, size_t names, const char *label)
{
    size_t i = 0;

    while (i < stats->culprit_count && strcmp(stats->culprits[i].nameserver, ns) != 0) {
        i++;
    }
    if (i == stats->culprit_count) {
        if (i == sizeof(stats->culprits) / sizeof(stats->culprits[0])) {
            return;
        }
        (void)snprintf(stats->culprits[i].nameserver, sizeof(stats->culprits[i].nameserver), "%s",
                       ns);
        stats->culprits[i].code = code;
        labels[i] = label;
        stats->culprit_count++;
    }
    stats->culprits[i].names += names;
}

void culprits_resolve(struct culprits *c, struct caa__async *async, bool probe,
                      struct caa_bulk_stats *stats)
{
    struct culprit_label *top[WORST_LABELS];
    const char *labels[sizeof(stats->culprits) / sizeof(stats->culprits[0])] = {NULL};
    size_t n = worst(c, top, WORST_LABELS);
    unsigned waited = 0;

    stats->culprit_count = 0;
    for (size_t i = 0; i < n; i++) {
        top[i]->asking = top[i]->label;
        top[i]->done = false;
        (void)caa__async_query(async, top[i]->asking, RRTYPE_NS, on_ns, top[i]);
    }
    while (outstanding(top, n) > 0 && waited < RESOLVE_BUDGET_MS) {
        caa__async_run(async, 50);
        waited += 50;
        for (size_t i = 0; i < n; i++) {
            if (top[i]->steps < 0) {
                top[i]->steps = -top[i]->steps;
                (void)caa__async_query(async, top[i]->asking, RRTYPE_NS, on_ns, top[i]);
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t s = 0; s < top[i]->ns_count; s++) {
            add_culprit(stats, labels, top[i]->ns[s], top_code(top[i]), top[i]->names,
                        top[i]->label);
        }
    }
    if (probe) {
        culprits_probe(stats, labels, async);
    }
    /* Most names first. */
    for (size_t i = 1; i < stats->culprit_count; i++) {
        struct caa_bulk_culprit x = stats->culprits[i];
        size_t j = i;
        while (j > 0 && stats->culprits[j - 1].names < x.names) {
            stats->culprits[j] = stats->culprits[j - 1];
            j--;
        }
        stats->culprits[j] = x;
    }
}
