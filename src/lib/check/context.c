/* SPDX-License-Identifier: MIT */
#include "lib/check/context.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum caa_status caa_ctx_new(struct caa_ctx **out)
{
    struct caa_ctx *ctx;

    if (out == NULL) {
        return CAA_E_INVALID_ARG;
    }
    ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL) {
        return CAA_E_NOMEM;
    }
    ctx->timeout_ms = CAA__DEFAULT_TIMEOUT_MS;
    ctx->profile = CAA_PROFILE_LETSENCRYPT;
    ctx->lookup_failure = CAA_LOOKUP_FAILURE_DENY;
    ctx->resolver = caa__resolver_default;
    caa__resolver_keep_init(&ctx->keep);
    caa__resolver_keep_init(&ctx->compare_keep);
    *out = ctx;
    return CAA_OK;
}

void caa_ctx_free(struct caa_ctx *ctx)
{
    if (ctx == NULL) {
        return;
    }
    caa__resolver_keep_cleanup(&ctx->keep);
    caa__resolver_keep_cleanup(&ctx->compare_keep);
    free(ctx->compare_scratch);
    free(ctx->root_hints);
    free(ctx->trust_anchor);
    for (size_t i = 0; i < ctx->option_count; i++) {
        free(ctx->option_names[i]);
        free(ctx->option_values[i]);
    }
    free(ctx);
}

static enum caa_status replace_string(char **slot, const char *value)
{
    char *copy;

    if (value == NULL || value[0] == '\0') {
        return CAA_E_INVALID_ARG;
    }
    copy = strdup(value);
    if (copy == NULL) {
        return CAA_E_NOMEM;
    }
    free(*slot);
    *slot = copy;
    return CAA_OK;
}

/* A kept resolver was set up with the old settings: the next check builds one with the new. */
enum caa_status caa_ctx_set_root_hints(struct caa_ctx *ctx, const char *path)
{
    caa__resolver_keep_reset(&ctx->keep);
    caa__resolver_keep_reset(&ctx->compare_keep);
    return replace_string(&ctx->root_hints, path);
}

enum caa_status caa_ctx_set_trust_anchor(struct caa_ctx *ctx, const char *path)
{
    caa__resolver_keep_reset(&ctx->keep);
    caa__resolver_keep_reset(&ctx->compare_keep);
    return replace_string(&ctx->trust_anchor, path);
}

enum caa_status caa_ctx_set_resolver_option(struct caa_ctx *ctx, const char *name,
                                            const char *value)
{
    char *n;
    char *v;

    if (name == NULL || value == NULL || name[0] == '\0') {
        return CAA_E_INVALID_ARG;
    }
    if (ctx->option_count == CAA__CTX_OPTIONS_MAX) {
        return CAA_E_LIMIT;
    }
    caa__resolver_keep_reset(&ctx->keep);
    caa__resolver_keep_reset(&ctx->compare_keep);
    n = strdup(name);
    v = strdup(value);
    if (n == NULL || v == NULL) {
        free(n);
        free(v);
        return CAA_E_NOMEM;
    }
    ctx->option_names[ctx->option_count] = n;
    ctx->option_values[ctx->option_count] = v;
    ctx->option_count++;
    return CAA_OK;
}

void caa_ctx_set_timeout_ms(struct caa_ctx *ctx, unsigned timeout_ms)
{
    ctx->timeout_ms = timeout_ms == 0 ? CAA__DEFAULT_TIMEOUT_MS : timeout_ms;
}

void caa_ctx_set_resolver_reuse(struct caa_ctx *ctx, unsigned max_age_s)
{
    caa__resolver_keep_set_max_age(&ctx->keep, max_age_s);
    caa__resolver_keep_set_max_age(&ctx->compare_keep, max_age_s);
}

void caa_ctx_reset_resolver(struct caa_ctx *ctx)
{
    caa__resolver_keep_reset(&ctx->keep);
    caa__resolver_keep_reset(&ctx->compare_keep);
}

void caa_ctx_set_profile(struct caa_ctx *ctx, enum caa_profile profile)
{
    ctx->profile = profile;
}

void caa_ctx_set_lookup_failure(struct caa_ctx *ctx, enum caa_lookup_failure policy)
{
    ctx->lookup_failure = policy;
}

void caa_ctx_set_compare_servers(struct caa_ctx *ctx, bool on)
{
    ctx->compare_servers = on;
}

void caa_ctx_set_allow_private(struct caa_ctx *ctx, bool on)
{
    ctx->allow_private = on;
}

void caa_ctx_set_log(struct caa_ctx *ctx, caa_log_fn *fn, void *user)
{
    ctx->log = fn;
    ctx->log_user = user;
}

void caa__log(const struct caa_ctx *ctx, enum caa_log_level level, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    if (ctx->log == NULL) {
        return;
    }
    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    ctx->log(ctx->log_user, level, msg);
}

void caa__ctx_copy_settings(struct caa_ctx *dst, const struct caa_ctx *src)
{
    *dst = *src;
    caa__resolver_keep_init(&dst->keep);
    caa__resolver_keep_init(&dst->compare_keep);
    dst->compare_scratch = NULL;
}

void caa__ctx_set_resolver(struct caa_ctx *ctx, const struct caa__resolver_ops *ops, void *user)
{
    /* What the old resolver left is not the new one's. */
    caa__resolver_keep_reset(&ctx->keep);
    caa__resolver_keep_reset(&ctx->compare_keep);
    ctx->resolver.ops = ops;
    ctx->resolver.user = user;
}
