/* SPDX-License-Identifier: MIT */
/* A resolver kept across a context's checks until it is max_age old (resolver_keep.h). */
#include "lib/dns/resolver_keep.h"

#include <stddef.h>
#include <time.h>

#include "lib/dns/answer_cache.h"

static uint64_t monotonic_ms(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void caa__resolver_keep_init(struct caa__resolver_keep *k)
{
    k->max_age_ms = 0;
    k->warm = NULL;
    k->warm_free = NULL;
    k->born_ms = 0;
    k->answered_ms = 0;
    k->answered = false;
    k->clock_ms = monotonic_ms;
    k->answers = NULL;
    k->companion = NULL;
    k->companion_free = NULL;
}

void caa__resolver_keep_reset(struct caa__resolver_keep *k)
{
    if (k->warm != NULL) {
        k->warm_free(k->warm);
    }
    k->warm = NULL;
    k->warm_free = NULL;
    k->answered = false;
    caa__answer_cache_free(k->answers);
    k->answers = NULL;
    if (k->companion != NULL) {
        k->companion_free(k->companion);
    }
    k->companion = NULL;
    k->companion_free = NULL;
}

void caa__resolver_keep_cleanup(struct caa__resolver_keep *k)
{
    caa__resolver_keep_reset(k);
    k->max_age_ms = 0;
}

/* Young enough to be used: built less than max_age ago. A clock that went backwards (only a
 * test's can) counts as age 0. */
static bool young(const struct caa__resolver_keep *k, uint64_t now)
{
    return k->warm != NULL && (now < k->born_ms || now - k->born_ms < k->max_age_ms);
}

void caa__resolver_keep_set_max_age(struct caa__resolver_keep *k, unsigned max_age_s)
{
    k->max_age_ms = (uint64_t)max_age_s * 1000u;
    if (k->warm != NULL && !young(k, k->clock_ms())) {
        caa__resolver_keep_reset(k);
    }
}

void *caa__resolver_keep_get(struct caa__resolver_keep *k)
{
    if (k->warm != NULL && !young(k, k->clock_ms())) {
        caa__resolver_keep_reset(k);
    }
    return k->warm;
}

bool caa__resolver_keep_put(struct caa__resolver_keep *k, void *warm, caa__keep_free_fn *warm_free)
{
    if (k->max_age_ms == 0) {
        return false;
    }
    caa__resolver_keep_reset(k);
    k->warm = warm;
    k->warm_free = warm_free;
    k->born_ms = k->clock_ms();
    return true;
}

bool caa__resolver_keep_set_companion(struct caa__resolver_keep *k, void *companion,
                                      caa__keep_free_fn *companion_free)
{
    if (k->warm == NULL) {
        return false;
    }
    if (k->companion != NULL) {
        k->companion_free(k->companion);
    }
    k->companion = companion;
    k->companion_free = companion_free;
    return true;
}

void caa__resolver_keep_answered(struct caa__resolver_keep *k)
{
    if (k->warm != NULL) {
        k->answered_ms = k->clock_ms();
        k->answered = true;
    }
}

bool caa__resolver_keep_answered_within(const struct caa__resolver_keep *k, uint64_t within_ms)
{
    uint64_t now = k->clock_ms();

    return young(k, now) && k->answered &&
           (now < k->answered_ms || now - k->answered_ms < within_ms);
}
