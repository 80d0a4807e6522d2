/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_SEAM_H
#define CAA_DNS_SEAM_H

/*
 * The resolver seam as a small table of operations: how a context (caa_ctx) makes its lookups,
 * synchronous (caa_check) and on an event loop (bulk). caa__resolver_default is libunbound
 * (resolver_unbound.c, async_unbound.c); a test gives a context a scripted table of its own
 * (tests/support/fake_resolver.c), the way unbound's testbound replays scenarios, so the climb,
 * the verdict and bulk's event loop are tested without a network.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/status.h>

#include "lib/dns/async.h"
#include "lib/dns/resolver.h"
#include "lib/util/must_check.h"

/* Each operation does what the libunbound function of the same name does (resolver.h,
 * async.h); `user` is the table's own state, `loop` what its async_new made. */
struct caa__resolver_ops {
    enum caa_status (*resolve_caa)(void *user, const struct caa__resolver_config *cfg,
                                   const char *const *qnames, size_t n,
                                   struct caa__dns_answer *answers, struct caa_error *err);
    enum caa_status (*resolve_one)(void *user, const struct caa__resolver_config *cfg,
                                   const char *qname, uint16_t rrtype,
                                   struct caa__dns_answer *answer, struct caa_error *err);
    enum caa_status (*async_new)(void *user, const struct caa__resolver_config *cfg,
                                 const char *forwarder, bool trust_ad, unsigned in_flight,
                                 void **loop, struct caa_error *err);
    void (*async_free)(void *loop);
    int (*async_query)(void *loop, const char *qname, uint16_t qtype, caa__async_done_fn *fn,
                       void *fn_user);
    void (*async_run)(void *loop, unsigned timeout_ms);
    void (*async_wake)(void *loop);
    bool (*async_private_root)(const void *loop);
    /* Does any root server answer at all (src/lib/dns/reach.h)? */
    enum caa_status (*roots_reachable)(void *user, const char *hints_path, unsigned timeout_ms,
                                       bool *reachable, char *why, size_t why_size);
};

/* A context's resolver: a table and its state (borrowed; lives as long as the context). */
struct caa__resolver {
    const struct caa__resolver_ops *ops;
    void *user;
};

/* libunbound. */
extern const struct caa__resolver caa__resolver_default;

CAA__MUST_CHECK enum caa_status caa__seam_resolve_caa(const struct caa__resolver *r,
                                                      const struct caa__resolver_config *cfg,
                                                      const char *const *qnames, size_t n,
                                                      struct caa__dns_answer *answers,
                                                      struct caa_error *err);
CAA__MUST_CHECK enum caa_status caa__seam_resolve_one(const struct caa__resolver *r,
                                                      const struct caa__resolver_config *cfg,
                                                      const char *qname, uint16_t rrtype,
                                                      struct caa__dns_answer *answer,
                                                      struct caa_error *err);

/* An event loop made through a context's resolver (caa__async_new's contract). */
struct caa__loop;
CAA__MUST_CHECK enum caa_status caa__loop_new(const struct caa__resolver *r,
                                              const struct caa__resolver_config *cfg,
                                              const char *forwarder, bool trust_ad,
                                              unsigned in_flight, struct caa__loop **out,
                                              struct caa_error *err);
void caa__loop_free(struct caa__loop *l);
int caa__loop_query(struct caa__loop *l, const char *qname, uint16_t qtype, caa__async_done_fn *fn,
                    void *user);
void caa__loop_run(struct caa__loop *l, unsigned timeout_ms);
void caa__loop_wake(struct caa__loop *l);
bool caa__loop_private_root(const struct caa__loop *l);
/* The libunbound event loop behind l, for bulk's wire engine (which runs its own transport on
 * the same event base); NULL when l is not the default resolver's (a test's fake). */
struct caa__async *caa__loop_async(struct caa__loop *l);

/* caa__dns_roots_reachable() through r (a fake answers from its script in tests). */
CAA__MUST_CHECK enum caa_status caa__seam_roots_reachable(const struct caa__resolver *r,
                                                          const char *hints_path,
                                                          unsigned timeout_ms, bool *reachable,
                                                          char *why, size_t why_size);

#endif
