/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_RESOLVER_H
#define CAA_DNS_RESOLVER_H

/*
 * CAA lookups through a validating recursive resolver (libunbound, resolver_unbound.c).
 * Everything above dns/ sees only these plain structs and calls through a context's table of
 * operations (seam.h), so the climb, the verdict and bulk are tested with scripted answers.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/dns/resolver_keep.h"
#include "lib/util/block_pool.h"
#include "lib/util/must_check.h"
#include <caa/dnssec.h>
#include <caa/status.h>

/* Why a lookup produced no DNS answer at all. */
enum caa__dns_failure {
    CAA__DNS_OK = 0,       /* an answer came back (any rcode) */
    CAA__DNS_TIMEOUT = 1,  /* the check's deadline passed; the query was cancelled */
    CAA__DNS_NETWORK = 2,  /* the resolver could not send or receive */
    CAA__DNS_RESOLVER = 3, /* the resolver failed internally (ub_resolve error) */
};

#define CAA__DNS_ALIASES_MAX 16

/* One lookup's outcome. Heap parts are released by caa__dns_answer_cleanup(). */
struct caa__dns_answer {
    char qname[256]; /* as asked, no trailing dot */
    enum caa__dns_failure failure;
    int rcode;      /* DNS rcode (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, ...); -1 if none */
    bool truncated; /* TC set in the final answer */
    /* The public enum: UNKNOWN for a failure or a SERVFAIL the validator never judged
     * (libunbound: secure=0, bogus=0); never proof of Insecure. */
    enum caa_dnssec dnssec;
    char why_bogus[256]; /* the validator's reason when bogus, else "" (cut to fit) */
    size_t rdata_count;  /* RDATA of the asked type (CAA) at the end of the chain, whatever
                          * their owner; returned even when bogus (dns-lab.md gotcha 3) */
    uint8_t **rdata;
    size_t *rdata_len;
    uint32_t ttl;
    size_t alias_count; /* the CNAME/DNAME chain followed, in order: "a.example -> b.example" */
    char *aliases[CAA__DNS_ALIASES_MAX];
    unsigned elapsed_ms; /* from this query's start to its answer or cancellation */
    /* NULL: rdata, rdata_len, each rdata[i] and each alias are malloc'd. Else rdata is one
     * block of this pool (caa__dns_answer_rdata_block: the two arrays and the bytes), and each
     * alias one more (bulk's wire engine: no malloc once its pool is warm). Borrowed; it must
     * outlive the answer. */
    struct caa__block_pool *pool;
};

/* How to resolve. Borrowed for the duration of a call. */
struct caa__resolver_config {
    const char *root_hints;          /* unbound root-hints file; NULL = Debian's dns-root-data */
    const char *trust_anchor;        /* DS/DNSKEY lines; NULL = Debian's dns-root-data root.key */
    const char *const *option_names; /* extra libunbound options, applied last */
    const char *const *option_values;
    size_t option_count;
    unsigned timeout_ms; /* deadline for the whole call, setup included; must be > 0 */
    bool custom_hints;   /* lab/private root: make special-use zones (test.) resolvable */
    /* NULL: a fresh resolver for this call alone. Else the call uses the resolver kept there
     * (and its cache) while it is young enough, or builds one and leaves it there; a resolver
     * that failed is not kept (resolver_keep.h). Borrowed, like the rest. */
    struct caa__resolver_keep *keep;
    /* caa__resolve_caa: the first lead_count qnames are the names themselves (0: none said).
     * A resolver that starts cold asks them first and the other qnames (their parents) once
     * they have answered or a few tens of ms have passed, so that the parents use the
     * delegations and keys the leads fetched (resolver_unbound.c). */
    size_t lead_count;
};

/* Frees the heap parts and empties the lists; the struct can be filled again. NULL is a no-op. */
/* Empties answer and sets qname (which must be shorter than 256 bytes), failure CAA__DNS_OK,
 * rcode -1, dnssec CAA_DNSSEC_UNKNOWN. Owns nothing afterwards. */
void caa__dns_answer_init(struct caa__dns_answer *answer, const char *qname);
void caa__dns_answer_cleanup(struct caa__dns_answer *answer);
/* Room for n RDATA of total_bytes in all (answer->rdata_count is 0, the lists empty): the lists
 * are set up, from answer->pool when set, with *cursor at the bytes' room (NULL when not
 * pooled); caa__dns_answer_rdata_push then adds each RDATA. False when out of memory (then
 * caa__dns_answer_cleanup). */
bool caa__dns_answer_rdata_block(struct caa__dns_answer *answer, size_t n, size_t total_bytes,
                                 uint8_t **cursor);
/* Appends one RDATA of len bytes, copied to *cursor (pooled) or a malloc of its own; at most
 * the n of caa__dns_answer_rdata_block. False when out of memory. */
bool caa__dns_answer_rdata_push(struct caa__dns_answer *answer, uint8_t **cursor,
                                const uint8_t *rdata, size_t len);
/* size bytes for the next alias, from answer->pool when set; NULL when out of memory or the
 * list is full. The caller fills it and counts it (alias_count). */
char *caa__dns_answer_alias_room(struct caa__dns_answer *answer, size_t size);
/* True when a and b hold the same records: TC, TTL, the RDATA and the alias chain, each in order
 * (not the rcode, DNSSEC state or failure). For the tests and fuzz targets that hold two readers
 * of one packet to each other. */
bool caa__dns_answer_same_records(const struct caa__dns_answer *a, const struct caa__dns_answer *b);

/*
 * Resolves CAA for each of the n qnames in parallel, with one fresh resolver (no cache shared with
 * any other call; with cfg->keep, the kept one while it is young enough), configured as a CA's
 * (ca-behaviour.md §6.2, dns-lab.md §9): validating from the root, 0x20 off (resolver_unbound.c
 * says why), qname minimisation off, EDNS buffer 1232, hardening on. Every answer is filled,
 * including those cancelled at the deadline
 * (CAA__DNS_TIMEOUT); a name libunbound rejects gets CAA__DNS_RESOLVER. answers[] is overwritten
 * without being freed first (pass new or cleaned-up structs); once the arguments are valid every
 * answer must be cleaned up, whatever the status. The call never runs past the deadline by more
 * than a few ms. Returns CAA_E_INVALID_ARG (NULL, qname over 255 bytes, timeout 0), CAA_E_IO when
 * the resolver cannot be set up (unreadable or unparsable hints or trust anchor, bad option: err
 * says which), CAA_E_NOMEM, or CAA_OK. libunbound's own log (process-wide) is switched off.
 */
CAA__MUST_CHECK enum caa_status caa__resolve_caa(const struct caa__resolver_config *cfg,
                                                 const char *const *qnames, size_t n,
                                                 struct caa__dns_answer *answers,
                                                 struct caa_error *err);

/* Resolves one query of `rrtype` (e.g. 43 for DS) the same way; for the BR 3.2.2.8 Insecure
 * proof. */
CAA__MUST_CHECK enum caa_status caa__resolve_one(const struct caa__resolver_config *cfg,
                                                 const char *qname, uint16_t rrtype,
                                                 struct caa__dns_answer *answer,
                                                 struct caa_error *err);

#endif
