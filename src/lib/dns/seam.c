/* SPDX-License-Identifier: MIT */
/*
 * The resolver seam (seam.h): libunbound's table, and the calls that go through a context's.
 */
#include "lib/dns/seam.h"

#include <stdlib.h>

#include "lib/dns/answer_cache.h"
#include "lib/dns/reach.h"
#include "lib/dns/resolver_keep.h"

/* Answers kept with a warm resolver (answer_cache.h): a service's worker sees many names. */
#define KEPT_ANSWERS_MAX 10000u

struct caa__loop {
    const struct caa__resolver_ops *ops;
    void *impl;
};

static enum caa_status unbound_resolve_caa(void *user, const struct caa__resolver_config *cfg,
                                           const char *const *qnames, size_t n,
                                           struct caa__dns_answer *answers, struct caa_error *err)
{
    (void)user;
    return caa__resolve_caa(cfg, qnames, n, answers, err);
}

static enum caa_status unbound_resolve_one(void *user, const struct caa__resolver_config *cfg,
                                           const char *qname, uint16_t rrtype,
                                           struct caa__dns_answer *answer, struct caa_error *err)
{
    (void)user;
    return caa__resolve_one(cfg, qname, rrtype, answer, err);
}

static enum caa_status unbound_async_new(void *user, const struct caa__resolver_config *cfg,
                                         const char *forwarder, bool trust_ad, unsigned in_flight,
                                         void **loop, struct caa_error *err)
{
    struct caa__async *a = NULL;
    enum caa_status st = caa__async_new(cfg, forwarder, trust_ad, in_flight, &a, err);

    (void)user;
    if (st == CAA_OK) {
        *loop = a;
    }
    return st;
}

static void unbound_async_free(void *loop)
{
    caa__async_free(loop);
}

static int unbound_async_query(void *loop, const char *qname, uint16_t qtype,
                               caa__async_done_fn *fn, void *fn_user)
{
    return caa__async_query(loop, qname, qtype, fn, fn_user);
}

static void unbound_async_run(void *loop, unsigned timeout_ms)
{
    caa__async_run(loop, timeout_ms);
}

static void unbound_async_wake(void *loop)
{
    caa__async_wake(loop);
}

static bool unbound_async_private_root(const void *loop)
{
    return caa__async_private_root(loop);
}

static enum caa_status unbound_roots_reachable(void *user, const char *hints_path,
                                               unsigned timeout_ms, bool *reachable, char *why,
                                               size_t why_size)
{
    (void)user;
    return caa__dns_roots_reachable(hints_path, timeout_ms, reachable, why, why_size);
}

static const struct caa__resolver_ops unbound_ops = {
    unbound_resolve_caa, unbound_resolve_one,        unbound_async_new,
    unbound_async_free,  unbound_async_query,        unbound_async_run,
    unbound_async_wake,  unbound_async_private_root, unbound_roots_reachable,
};

const struct caa__resolver caa__resolver_default = {&unbound_ops, NULL};

/* Keeps the answers the kept resolver just gave (it may have been built by this call). */
static void keep_answers(struct caa__resolver_keep *keep, const struct caa__dns_answer *answers,
                         size_t n, uint64_t now)
{
    if (caa__resolver_keep_get(keep) == NULL) {
        return; /* the call's resolver was not kept (it failed, or keeping is off) */
    }
    if (keep->answers == NULL &&
        (keep->answers = caa__answer_cache_new(KEPT_ANSWERS_MAX)) == NULL) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        caa__answer_cache_put(keep->answers, &answers[i], now, keep->born_ms + keep->max_age_ms);
    }
}

/* With a kept resolver: what it answered within the TTL comes from its answer cache, the rest
 * is asked (in one call, in parallel, as without a cache) and kept. */
static enum caa_status resolve_caa_kept(const struct caa__resolver *r,
                                        const struct caa__resolver_config *cfg,
                                        const char *const *qnames, size_t n,
                                        struct caa__dns_answer *answers, struct caa_error *err)
{
    struct caa__resolver_keep *keep = cfg->keep;
    uint64_t now = keep->clock_ms();
    const char **ask = calloc(n, sizeof(*ask));
    struct caa__dns_answer *asked = calloc(n, sizeof(*asked));
    size_t *slot = calloc(n, sizeof(*slot));
    size_t m = 0;
    enum caa_status st = CAA_OK;

    if (ask == NULL || asked == NULL || slot == NULL) {
        st = CAA_E_NOMEM;
        goto out;
    }
    (void)caa__resolver_keep_get(keep); /* an expired resolver goes now, its answers with it */
    for (size_t i = 0; i < n; i++) {
        if (!caa__answer_cache_get(keep->answers, qnames[i], now, &answers[i])) {
            slot[m] = i;
            ask[m++] = qnames[i];
        }
    }
    if (m > 0) {
        struct caa__resolver_config sub = *cfg;
        sub.lead_count = 0; /* the leads are a prefix of qnames, so of ask too */
        for (size_t j = 0; j < m && slot[j] < cfg->lead_count; j++) {
            sub.lead_count++;
        }
        st = r->ops->resolve_caa(r->user, &sub, ask, m, asked, err);
        if (st == CAA_OK) {
            keep_answers(keep, asked, m, now);
        }
        for (size_t j = 0; j < m; j++) {
            answers[slot[j]] = asked[j]; /* moved: answers owns it now */
        }
    }
out:
    free(ask);
    free(asked);
    free(slot);
    return st;
}

enum caa_status caa__seam_resolve_caa(const struct caa__resolver *r,
                                      const struct caa__resolver_config *cfg,
                                      const char *const *qnames, size_t n,
                                      struct caa__dns_answer *answers, struct caa_error *err)
{
    if (cfg->keep != NULL && cfg->keep->max_age_ms > 0 && n > 0) {
        return resolve_caa_kept(r, cfg, qnames, n, answers, err);
    }
    return r->ops->resolve_caa(r->user, cfg, qnames, n, answers, err);
}

enum caa_status caa__seam_resolve_one(const struct caa__resolver *r,
                                      const struct caa__resolver_config *cfg, const char *qname,
                                      uint16_t rrtype, struct caa__dns_answer *answer,
                                      struct caa_error *err)
{
    return r->ops->resolve_one(r->user, cfg, qname, rrtype, answer, err);
}

enum caa_status caa__loop_new(const struct caa__resolver *r, const struct caa__resolver_config *cfg,
                              const char *forwarder, bool trust_ad, unsigned in_flight,
                              struct caa__loop **out, struct caa_error *err)
{
    struct caa__loop *l = calloc(1, sizeof(*l));
    enum caa_status st;

    if (l == NULL) {
        return CAA_E_NOMEM;
    }
    l->ops = r->ops;
    st = r->ops->async_new(r->user, cfg, forwarder, trust_ad, in_flight, &l->impl, err);
    if (st != CAA_OK) {
        free(l);
        return st;
    }
    *out = l;
    return CAA_OK;
}

void caa__loop_free(struct caa__loop *l)
{
    if (l == NULL) {
        return;
    }
    l->ops->async_free(l->impl);
    free(l);
}

int caa__loop_query(struct caa__loop *l, const char *qname, uint16_t qtype, caa__async_done_fn *fn,
                    void *user)
{
    return l->ops->async_query(l->impl, qname, qtype, fn, user);
}

void caa__loop_run(struct caa__loop *l, unsigned timeout_ms)
{
    l->ops->async_run(l->impl, timeout_ms);
}

void caa__loop_wake(struct caa__loop *l)
{
    l->ops->async_wake(l->impl);
}

bool caa__loop_private_root(const struct caa__loop *l)
{
    return l->ops->async_private_root(l->impl);
}

struct caa__async *caa__loop_async(struct caa__loop *l)
{
    return l->ops == &unbound_ops ? l->impl : NULL;
}

enum caa_status caa__seam_roots_reachable(const struct caa__resolver *r, const char *hints_path,
                                          unsigned timeout_ms, bool *reachable, char *why,
                                          size_t why_size)
{
    return r->ops->roots_reachable(r->user, hints_path, timeout_ms, reachable, why, why_size);
}
