/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_RESOLVER_KEEP_H
#define CAA_DNS_RESOLVER_KEEP_H

/*
 * A resolver kept warm across a context's checks (caa_ctx_set_resolver_reuse): whatever the
 * seam's resolver built (a libunbound context and its cache, or a test's token), when it was
 * built and when it last answered. A resolve call given a keep (caa__resolver_config.keep) uses
 * the kept resolver while it is younger than max_age, else builds one and leaves it here. Only
 * bookkeeping over a clock, no DNS, so the expiry rule is tested without a network.
 * One thread at a time: the context's rule.
 */

#include <stdbool.h>
#include <stdint.h>

/* Frees what a resolver left in a keep. */
typedef void caa__keep_free_fn(void *warm);

struct caa__answer_cache;

struct caa__resolver_keep {
    uint64_t max_age_ms; /* 0: off, nothing is kept (the default) */
    void *warm;          /* owned, freed with warm_free; NULL: none kept */
    caa__keep_free_fn *warm_free;
    uint64_t born_ms;           /* when warm was built (clock_ms) */
    uint64_t answered_ms;       /* when a lookup through warm last got an answer */
    bool answered;              /* answered_ms is set */
    uint64_t (*clock_ms)(void); /* CLOCK_MONOTONIC in ms; a test may replace it */
    /* The CAA answers warm gave (answer_cache.h; the seam fills it): they go with warm. */
    struct caa__answer_cache *answers;
    /* What a caller keeps beside warm (check's comparison memo), freed with it by
     * companion_free; set with caa__resolver_keep_set_companion. */
    void *companion;
    caa__keep_free_fn *companion_free;
};

/* Off, nothing kept, the monotonic clock. */
void caa__resolver_keep_init(struct caa__resolver_keep *k);
/* Frees the kept resolver, if any; k is off afterwards. */
void caa__resolver_keep_cleanup(struct caa__resolver_keep *k);

/* Keeps resolvers for max_age_s seconds from their building (0: off, and the kept one goes). A
 * kept resolver already older than the new age goes at once. */
void caa__resolver_keep_set_max_age(struct caa__resolver_keep *k, unsigned max_age_s);
/* Frees the kept resolver, if any: the next lookup builds a new one (a cold cache). */
void caa__resolver_keep_reset(struct caa__resolver_keep *k);

/* The kept resolver (borrowed: valid until the next reset, put or expiry on k), or NULL when
 * there is none or it has reached max_age (then it is freed here): build one, and put it. */
void *caa__resolver_keep_get(struct caa__resolver_keep *k);
/* Takes warm, built now, replacing (and freeing) any kept one; true. False when k is off:
 * nothing is taken, the caller still owns warm. */
bool caa__resolver_keep_put(struct caa__resolver_keep *k, void *warm, caa__keep_free_fn *warm_free);

/* Keeps companion beside the kept resolver, freed (by companion_free) when it goes; true. False
 * when nothing is kept: nothing is taken, the caller still owns companion. */
bool caa__resolver_keep_set_companion(struct caa__resolver_keep *k, void *companion,
                                      caa__keep_free_fn *companion_free);

/* A lookup through the kept resolver got an answer from the DNS now (no-op when none kept). */
void caa__resolver_keep_answered(struct caa__resolver_keep *k);
/* True when a kept resolver young enough to be used (caa__resolver_keep_get would return it)
 * got an answer within the last within_ms. */
bool caa__resolver_keep_answered_within(const struct caa__resolver_keep *k, uint64_t within_ms);

#endif
