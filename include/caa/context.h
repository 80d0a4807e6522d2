/* SPDX-License-Identifier: MIT */
#ifndef CAA_CONTEXT_H
#define CAA_CONTEXT_H

#include <stdbool.h>

#include <caa/export.h>
#include <caa/profile.h>
#include <caa/status.h>

/*
 * A context holds how checks are made: resolver settings, deadline, profile, logging. It holds no
 * DNS cache: every caa_check() starts a fresh resolver, as a CA's independent checks do.
 * Thread rule: one thread per context at a time; two contexts share nothing.
 */
struct caa_ctx;

enum caa_log_level {
    CAA_LOG_ERROR = 0,
    CAA_LOG_WARNING = 1,
    CAA_LOG_INFO = 2,
    CAA_LOG_DEBUG = 3,
};

typedef void caa_log_fn(void *user, enum caa_log_level level, const char *msg);

/* What a failed lookup means for the verdict. */
enum caa_lookup_failure {
    /* Fail closed: the name cannot be checked, so the CA must not issue (Let's Encrypt). */
    CAA_LOOKUP_FAILURE_DENY = 0,
    /* CA/B BR 3.2.2.8: a failure outside the CA, retried once, for a name proven DNSSEC-Insecure
     * (RFC 4035 §4.3) may count as permission. */
    CAA_LOOKUP_FAILURE_BR_EXCEPTION = 1,
};

/** Defaults: Debian's root hints and root trust anchor (dns-root-data), 10 s deadline, profile
 * letsencrypt, fail closed. *out: caa_ctx_free(). */
CAA_API enum caa_status caa_ctx_new(struct caa_ctx **out);
/** NULL is a no-op. */
CAA_API void caa_ctx_free(struct caa_ctx *ctx);

/** Root hints in unbound's format (for labs and private roots). The special-use names the
 * resolver would answer itself (`test.`, `invalid.`) then resolve through these hints. Copied. */
CAA_API enum caa_status caa_ctx_set_root_hints(struct caa_ctx *ctx, const char *path);
/** Trust anchor file: DS or DNSKEY lines, as unbound reads them. Copied. */
CAA_API enum caa_status caa_ctx_set_trust_anchor(struct caa_ctx *ctx, const char *path);
/** An extra libunbound option ("infra-cache-max-rtt", "500"), applied after the CA settings.
 * At most 32; CAA_E_LIMIT past that. Copied. An unknown option fails at check time. */
CAA_API enum caa_status caa_ctx_set_resolver_option(struct caa_ctx *ctx, const char *name,
                                                    const char *value);
/** Deadline for one check (all its lookups), in ms; 0 restores the default (10000). */
CAA_API void caa_ctx_set_timeout_ms(struct caa_ctx *ctx, unsigned timeout_ms);
/** Deprecated, no effect: the profile of a check, diagnosis or bulk run is its request's
 * (struct caa_request.profile), as for caa_evaluate(). Kept for the ABI. */
CAA_API void caa_ctx_set_profile(struct caa_ctx *ctx, enum caa_profile profile);
CAA_API void caa_ctx_set_lookup_failure(struct caa_ctx *ctx, enum caa_lookup_failure policy);
/** After deciding, ask each authoritative server of the zone(s) that decided the answer the
 * same CAA question directly (RD=0) and add a CAA_CODE_NS_INCONSISTENT warning to the report
 * when they disagree (caa_report_warning()). Bounded: concurrent queries, at most ~1.5 s and
 * never past the check's deadline. Off by default (a library caller, `caa serve` and bulk keep
 * their speed); `caa check` turns it on. */
CAA_API void caa_ctx_set_compare_servers(struct caa_ctx *ctx, bool on);
/** Whether direct queries (server comparison) may go to private, loopback and link-local
 * addresses: off by default (labs turn it on). Addresses in a do-not-query-address resolver
 * option are never asked. */
CAA_API void caa_ctx_set_allow_private(struct caa_ctx *ctx, bool on);
/** fn (may be NULL) receives the library's log lines; user is passed back. */
CAA_API void caa_ctx_set_log(struct caa_ctx *ctx, caa_log_fn *fn, void *user);

#endif
