/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_ANSWER_CACHE_H
#define CAA_DNS_ANSWER_CACHE_H

/*
 * The CAA answers a kept resolver gave (resolver_keep.h), for the checks that follow while
 * their TTL runs: a service checking a.example and then b.example asks example's and com's
 * CAA once, not once per check. libunbound's own cache already holds these answers; what this
 * saves is the trip through libunbound's thread and the parse of every answer, which were most
 * of a warm check's CPU (README, caa serve's load). It answers only what that cache would: a
 * definite answer (NOERROR or NXDOMAIN, not truncated, DNSSEC secure or insecure) until its TTL
 * runs out or the resolver it came from goes, with the TTL counted down. Failures, bogus and
 * indeterminate answers are always asked again. Only bookkeeping over the caller's clock, so
 * tested without a network. One thread at a time, like the keep it lives in.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/dns/resolver.h"

struct caa__answer_cache;

/* An empty cache of at most max_entries answers; NULL when out of memory. */
struct caa__answer_cache *caa__answer_cache_new(size_t max_entries);
void caa__answer_cache_free(struct caa__answer_cache *c);

/* True with *out (initialised here, owned by the caller) a copy of the answer kept for qname,
 * its ttl counted down to now_ms and elapsed_ms 0; false when none is kept or it has expired
 * (or memory ran out): ask. */
bool caa__answer_cache_get(struct caa__answer_cache *c, const char *qname, uint64_t now_ms,
                           struct caa__dns_answer *out);

/* Keeps a copy of answer (asked at now_ms) until its TTL runs out, and never past
 * not_after_ms (when the resolver it came from goes), if it is one this cache answers. A full
 * cache first forgets what has expired, then everything. */
void caa__answer_cache_put(struct caa__answer_cache *c, const struct caa__dns_answer *answer,
                           uint64_t now_ms, uint64_t not_after_ms);

/* Answers kept now (expired ones included until a put forgets them). */
size_t caa__answer_cache_count(const struct caa__answer_cache *c);

#endif
