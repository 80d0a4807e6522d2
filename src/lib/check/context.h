/* SPDX-License-Identifier: MIT */
#ifndef CAA_API_CONTEXT_H
#define CAA_API_CONTEXT_H

#include <caa/context.h>

#include "lib/dns/seam.h"

#define CAA__CTX_OPTIONS_MAX 32
#define CAA__DEFAULT_TIMEOUT_MS 10000u

struct caa_ctx {
    char *root_hints;   /* NULL: the resolver's default (dns-root-data) */
    char *trust_anchor; /* NULL: the resolver's default (dns-root-data) */
    char *option_names[CAA__CTX_OPTIONS_MAX];
    char *option_values[CAA__CTX_OPTIONS_MAX];
    size_t option_count;
    unsigned timeout_ms;
    enum caa_profile profile;
    enum caa_lookup_failure lookup_failure;
    bool compare_servers; /* caa_ctx_set_compare_servers() */
    bool allow_private;   /* caa_ctx_set_allow_private() */
    caa_log_fn *log;
    void *log_user;
    struct caa__resolver resolver; /* libunbound unless a test gave its own */
    /* The resolver kept across checks (caa_ctx_set_resolver_reuse); off by default. A copy of
     * the struct must not share it: copy with caa__ctx_copy_settings. */
    struct caa__resolver_keep keep;
    /* The event loop the server comparison finds zones' servers through (compare_servers.c),
     * kept by the same rules as keep, so a warm check's NS and address lookups hit its cache. */
    struct caa__resolver_keep compare_keep;
    /* The comparison's working memory (~100 KiB), kept while resolver reuse is on: allocated
     * and zeroed on every check, it cost a service's check page faults and a heap trim. */
    void *compare_scratch;
};

/* dst becomes a copy of src's settings that shares nothing src keeps (its resolver, the
 * comparison's loop) and keeps nothing itself: for a check run beside src's own (diagnose's).
 * The copy borrows src's strings; it needs no cleanup and must not outlive src. */
void caa__ctx_copy_settings(struct caa_ctx *dst, const struct caa_ctx *src);

/* Makes ctx's lookups through `ops` (with their state `user`, borrowed while ctx lives): a
 * test's scripted resolver. */
void caa__ctx_set_resolver(struct caa_ctx *ctx, const struct caa__resolver_ops *ops, void *user);

/* Logs through the caller's callback, if any. */
__attribute__((format(printf, 3, 4))) void caa__log(const struct caa_ctx *ctx,
                                                    enum caa_log_level level, const char *fmt, ...);

#endif
