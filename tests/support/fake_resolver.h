/* SPDX-License-Identifier: MIT */
#ifndef CAA_TESTS_FAKE_RESOLVER_H
#define CAA_TESTS_FAKE_RESOLVER_H

/*
 * A scripted resolver for one context (dns/seam.h's table of operations), for unit tests of the
 * climb, the verdict and bulk's event loop without a network, the way unbound's testbound
 * replays scenarios: each (qname, type) gets the answer its script line says, synchronously
 * (caa_check) or from the event loop's next turn (caa_bulk_run). Unscripted names answer
 * NOERROR/NODATA (insecure).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/context.h>

#include "lib/dns/resolver.h"

struct fake_answer {
    const char *qname;
    uint16_t rrtype; /* 257 CAA, 6 SOA, 43 DS */
    enum caa__dns_failure failure;
    int rcode;
    enum caa_dnssec dnssec;
    const char *why_bogus;
    const char *rdata_hex[4]; /* CAA RDATA in hex, NULL-terminated */
    int truncated;
    const char *alias; /* one "a -> b" alias, or NULL */
    int fail_first_n;  /* answer SERVFAIL for the first n asks, then this answer */
};

#define FAKE_SCRIPT_MAX 64

/* One script and what was asked of it. One thread at a time. */
struct fake_resolver {
    const struct fake_answer *script; /* borrowed */
    size_t script_len;
    size_t calls;        /* caa__resolve_caa calls */
    size_t qnames_asked; /* qnames over those calls */
    size_t async_asked;  /* queries on event loops */
    int asked[FAKE_SCRIPT_MAX];
    bool network_down; /* no root server answers (caa__seam_roots_reachable); false by default */
    size_t probes;     /* caa__seam_roots_reachable calls */
    /* Resolvers: a call given no kept one (caa__resolver_config.keep) builds one, and leaves it
     * in the keep when keeping is on; a call that finds one kept reuses it. */
    size_t builds;
    size_t reuses;
    size_t loops; /* event loops made (async_new) */
    uint32_t ttl; /* of every answer given (0 by default: a kept resolver's cache keeps none) */
};

/* Sets f's script (borrowed while f is used; at most FAKE_SCRIPT_MAX lines) and zeroes its
 * counters. */
void fake_resolver_script(struct fake_resolver *f, const struct fake_answer *answers, size_t n);
/* Makes ctx resolve through f (borrowed while ctx lives). */
void fake_resolver_use(struct fake_resolver *f, struct caa_ctx *ctx);
/* Gives ctx's kept resolver this clock (ms) instead of CLOCK_MONOTONIC. */
void fake_resolver_clock(struct caa_ctx *ctx, uint64_t (*clock_ms)(void));

#endif
