/* SPDX-License-Identifier: MIT */
#include "lib/bulk/culprits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bulk/cache.h"
#include "lib/bulk/culprit_probe.h"
#include "lib/dns/wire_name.h"

#define RRTYPE_NS 2
#define WORST_LABELS 64
#define NS_PER_LABEL 8
#define PARENT_STEPS 3
#define RESOLVE_BUDGET_MS 5000u
#define CODES_KEPT 4

/* One failing label and how often (kept small: a run may see many distinct failures). */
struct culprit_label {
    char *label;
    size_t names;
    enum caa_code codes[CODES_KEPT]; /* the failure codes seen, with their counts */
    size_t code_names[CODES_KEPT];
    struct culprit_label *next;
};

/* The NS lookup of one of the worst labels (climbing to its zone's apex). */
struct ns_lookup {
    struct culprit_label *l;
    const char *asking; /* the label, then its parents */
    int steps;          /* parents tried; negative: "ask the parent next" */
    bool done;
    size_t ns_count;
    char ns[NS_PER_LABEL][256];
};

int culprits_init(struct culprits *c)
{
    c->bucket_count = 1024;
    c->count = 0;
    c->noted_names = 0;
    c->buckets = calloc(c->bucket_count, sizeof(*c->buckets));
    return c->buckets != NULL ? 0 : -1;
}

void culprits_cleanup(struct culprits *c)
{
    for (size_t b = 0; c->buckets != NULL && b < c->bucket_count; b++) {
        struct culprit_label *l = c->buckets[b];
        while (l != NULL) {
            struct culprit_label *next = l->next;
            free(l->label);
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
    size_t k = 0;

    c->noted_names++;
    while (l != NULL && strcmp(l->label, label) != 0) {
        l = l->next;
    }
    if (l == NULL) {
        /* Bounded: a run with a million distinct failures keeps the first 100000. */
        if (c->count >= 100000 || (l = calloc(1, sizeof(*l))) == NULL) {
            return;
        }
        if ((l->label = strdup(label)) == NULL) {
            free(l);
            return;
        }
        l->next = c->buckets[b];
        c->buckets[b] = l;
        c->count++;
    }
    l->names++;
    while (k < CODES_KEPT && l->code_names[k] > 0 && l->codes[k] != code) {
        k++;
    }
    if (k < CODES_KEPT) {
        l->codes[k] = code;
        l->code_names[k]++;
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

/* NS lookups still in flight (other lookups of the run may still be pending). */
static unsigned outstanding(const struct ns_lookup *q, size_t n)
{
    unsigned count = 0;

    for (size_t i = 0; i < n; i++) {
        count += !q[i].done;
    }
    return count;
}

static void on_ns(void *user, struct caa__dns_answer *answer)
{
    struct ns_lookup *q = user;
    const char *dot;

    for (size_t i = 0; i < answer->rdata_count && q->ns_count < NS_PER_LABEL; i++) {
        if (caa__wire_name_text(answer->rdata[i], answer->rdata_len[i], q->ns[q->ns_count],
                                sizeof(q->ns[0]))) {
            q->ns_count++;
        }
    }
    /* Not a zone apex (or no answer): its zone's NS set is at a parent. */
    dot = strchr(q->asking, '.');
    if (q->ns_count > 0 || dot == NULL || ++q->steps > PARENT_STEPS) {
        q->done = true;
        return;
    }
    q->asking = dot + 1;
    q->steps = -q->steps; /* the resolve loop asks the parent next */
}

/* One (server, label, cause) before probing: the label is what the probe asks the server. */
struct candidate {
    struct caa_bulk_culprit culprit;
    const char *label;
};

static int by_names_desc(const void *a, const void *b)
{
    size_t x = ((const struct candidate *)a)->culprit.names;
    size_t y = ((const struct candidate *)b)->culprit.names;

    return (x < y) - (x > y);
}

/* Adds a (server, cause) to the summary, or its names to the entry it already has: after
 * probing, two labels of one server may turn out to fail the same way. Entries beyond
 * CAA_BULK_CULPRITS_MAX are dropped (the smallest: candidates come most names first). */
static void add_culprit(struct caa_bulk_stats *stats, const struct caa_bulk_culprit *c)
{
    size_t i = 0;

    while (i < stats->culprit_count && (strcmp(stats->culprits[i].nameserver, c->nameserver) != 0 ||
                                        stats->culprits[i].code != c->code)) {
        i++;
    }
    if (i < stats->culprit_count) {
        stats->culprits[i].names += c->names;
    } else if (i < CAA_BULK_CULPRITS_MAX) {
        stats->culprits[stats->culprit_count++] = *c;
    }
}

/* Every (server, label, cause) of the worst labels whose NS set was found, most names first. */
static size_t candidates_of(const struct ns_lookup *q, size_t n, struct candidate *out)
{
    size_t count = 0;

    for (size_t i = 0; i < n; i++) {
        for (size_t ns = 0; ns < q[i].ns_count; ns++) {
            for (size_t k = 0; k < CODES_KEPT && q[i].l->code_names[k] > 0; k++) {
                struct candidate *c = &out[count++];
                (void)snprintf(c->culprit.nameserver, sizeof(c->culprit.nameserver), "%s",
                               q[i].ns[ns]);
                c->culprit.code = q[i].l->codes[k];
                c->culprit.names = q[i].l->code_names[k];
                c->label = q[i].l->label;
            }
        }
    }
    qsort(out, count, sizeof(*out), by_names_desc);
    return count;
}

void culprits_resolve(struct culprits *c, struct caa__loop *async, bool probe,
                      struct caa_bulk_stats *stats)
{
    struct culprit_label *top[WORST_LABELS];
    struct candidate *cand;
    size_t n = worst(c, top, WORST_LABELS);
    struct ns_lookup *q = calloc(n + 1, sizeof(*q));
    unsigned waited = 0;

    stats->culprit_count = 0;
    if (q == NULL) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        q[i].l = top[i];
        q[i].asking = top[i]->label;
        (void)caa__loop_query(async, q[i].asking, RRTYPE_NS, on_ns, &q[i]);
    }
    while (outstanding(q, n) > 0 && waited < RESOLVE_BUDGET_MS) {
        caa__loop_run(async, 50);
        waited += 50;
        for (size_t i = 0; i < n; i++) {
            if (q[i].steps < 0) {
                q[i].steps = -q[i].steps;
                (void)caa__loop_query(async, q[i].asking, RRTYPE_NS, on_ns, &q[i]);
            }
        }
    }
    stats->failed_names = c->noted_names;
    stats->unattributed_names = c->noted_names;
    for (size_t i = 0; i < n; i++) {
        if (q[i].ns_count > 0) {
            stats->unattributed_names -= q[i].l->names;
        }
    }
    cand = calloc(n * NS_PER_LABEL * CODES_KEPT + 1, sizeof(*cand));
    if (cand != NULL) {
        size_t count = candidates_of(q, n, cand);
        const char *labels[CAA_BULK_CULPRITS_MAX];
        struct caa_bulk_culprit probed[CAA_BULK_CULPRITS_MAX];
        size_t probe_count = count < CAA_BULK_CULPRITS_MAX ? count : CAA_BULK_CULPRITS_MAX;

        for (size_t i = 0; i < probe_count; i++) {
            probed[i] = cand[i].culprit;
            labels[i] = cand[i].label;
        }
        /* Each (server, label) is asked what it really does: a server can fail several ways. */
        if (probe) {
            culprits_probe(probed, labels, probe_count, async);
        }
        for (size_t i = 0; i < count; i++) {
            add_culprit(stats, i < probe_count ? &probed[i] : &cand[i].culprit);
        }
        free(cand);
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
    /* NS lookups that outlived the budget may still answer while the run ends: q stays alive
     * until here; the resolver is freed (without callbacks) before anything else. */
    free(q);
}
