/* SPDX-License-Identifier: MIT */
#ifndef CAA_CONTEXT_H
#define CAA_CONTEXT_H

#include <stdbool.h>

#include <caa/export.h>
#include <caa/profile.h>
#include <caa/status.h>

/*
 * A context holds how checks are made: resolver settings, deadline, profile, logging. By default
 * it holds no DNS cache: every caa_check() starts a fresh resolver with a cold cache, so every
 * answer comes from the authoritative servers now. caa_ctx_set_resolver_reuse() trades that for
 * speed: one resolver and its cache serve the context's checks for a while.
 * Thread rule: one thread per context at a time (a context and the resolver it keeps are not
 * locked); two contexts share nothing, so a server gives each worker thread its own.
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
/** Keeps one validating resolver, and its cache, across this context's caa_check() calls
 * until it is max_age_s seconds old (then the next check builds a new one); 0, the default,
 * turns reuse off: a fresh resolver and a cold cache for every check.
 *
 * What reuse means for the verdict: an answer may come from the resolver's cache, up to
 * min(max_age_s, the record's TTL) old (a negative answer: its SOA minimum), and failures are
 * remembered too (a bogus answer for up to 60 s, a server that did not answer is asked less).
 * That is what a CA's own long-running recursive resolver does (Let's Encrypt's unbound caches);
 * the default instead asks the authoritative servers every time, which is what someone who has
 * just changed a record wants. caa_ctx_reset_resolver() starts cold once.
 *
 * A kept resolver that got an answer in the last 30 s skips the "can any DNS server be reached"
 * probe before the lookups; when the lookups of such a check then fail, the probe runs after
 * them, so "cannot reach any DNS server" (CAA_E_IO) is still told apart from a domain's failure,
 * and such a check can end up to 1.5 s past the context's deadline. caa_diagnose() and the BR
 * 3.2.2.8 retry always use a fresh resolver. Changing the root hints, trust anchor or resolver
 * options drops the kept resolver. The definite CAA answers it gave (NOERROR or NXDOMAIN, secure
 * or insecure) are reused while their TTL runs without asking libunbound again, and the server
 * comparison (caa_ctx_set_compare_servers) keeps its event loop by the same rules, and for 30 s
 * does not ask again the servers of a question they all answered alike. The kept resolver runs
 * on the calling thread (libunbound's event mode, no thread of its own); a check that ends with
 * lookups still in flight (its deadline passed) drops it. Cost: the resolver's caches (about
 * 1 MB each for messages and RRsets, libunbound's default 4 MB for keys), up to 10,000 kept
 * answers, and, when the comparison is on, a second libunbound context and ~250 KiB of its
 * working memory and memo. */
CAA_API void caa_ctx_set_resolver_reuse(struct caa_ctx *ctx, unsigned max_age_s);
/** Drops the kept resolver, if any: the next check starts with a cold cache and sees the DNS as
 * it is now. No-op when reuse is off. */
CAA_API void caa_ctx_reset_resolver(struct caa_ctx *ctx);
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
