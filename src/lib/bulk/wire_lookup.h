/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_WIRE_LOOKUP_H
#define CAA_BULK_WIRE_LOOKUP_H

/*
 * The wire engine of caa bulk: CAA lookups answered straight from the authoritative servers of
 * each name's zone over the worker's own transport (src/lib/wire/), with libunbound as the
 * authority on everything else. Per zone, once: libunbound learns and validates the delegation
 * (NS, their addresses, and whether the zone is signed: secure NS; its DNSKEYs then, secure) or
 * proves it insecure. Each CAA question then goes to that zone's servers; the reply is taken only
 * when it is an ordinary authoritative answer (an RRset, NODATA or NXDOMAIN with the zone's SOA),
 * in an insecure zone, or in a signed zone whose signatures verify against the cached keys;
 * referrals teach the engine a zone below. Everything else (an error rcode, a timeout, an alias,
 * a missing SOA, a signature or proof that does not verify, a zone libunbound cannot learn) hands
 * the name to libunbound, whose answer is caa check's. Runs on the worker's event loop.
 */

#include <stdint.h>

#include "lib/dns/async.h"

struct wire_lookup;

struct wire_lookup_stats {
    uint64_t answers;   /* lookups answered from the wire */
    uint64_t fallbacks; /* lookups handed to libunbound */
    uint64_t unasked;   /* of those, handed over without asking the zone's servers, whose
                           replies kept being handed over (wire_lookup.c: UNUSUAL_STREAK) */
    uint64_t ignored;   /* datagrams not believed (wrong ID, source, question, case) */
    uint64_t zones;     /* zones learned */
};

/* An engine for `in_flight` lookups at once on resolver's loop (borrowed; outlives it), each
 * wire question within budget_ms. Its answers' RDATA and aliases come from `blocks` (borrowed:
 * it must outlive every answer given, wherever the caller keeps them). 0 or an errno value. */
int wire_lookup_new(struct caa__async *resolver, unsigned in_flight, unsigned budget_ms,
                    struct caa__block_pool *blocks, struct wire_lookup **out);
void wire_lookup_free(struct wire_lookup *l);

/* Looks up CAA at qname; fn runs once with the answer, from the loop or (from libunbound's
 * cache) within this call. */
void wire_lookup_query(struct wire_lookup *l, const char *qname, caa__async_done_fn *fn,
                       void *user);

void wire_lookup_stats(const struct wire_lookup *l, struct wire_lookup_stats *out);

#endif
