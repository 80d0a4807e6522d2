/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_CACHE_H
#define CAA_BULK_CACHE_H

/*
 * The per-run cache of label outcomes: qname -> the CAA answer (RRset, NODATA, NXDOMAIN) until
 * its TTL runs out, or the lookup in flight that later askers join (coalescing). Errors are
 * never kept as answers. Bounded: entries nobody holds are evicted least recently used first.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/dns/resolver.h"

struct bulk_name;
struct zone_limit;

struct cache_entry {
    uint64_t hash; /* of answer.qname, the label this entry is for */
    bool ready;    /* answer is in; else a lookup is in flight */
    bool in_table; /* findable (errors leave the table once answered) */
    struct caa__dns_answer answer;
    uint64_t expires_ms;
    unsigned refs; /* names holding the answer */
    unsigned retries;
    struct bulk_name *waiters; /* names waiting for the answer (linked by next_waiter) */
    struct cache_entry *hnext; /* hash chain */
    struct cache_entry *lru_prev, *lru_next; /* when ready, in_table and refs == 0 */
    struct cache_entry *queue_next;          /* waiting for a zone slot */
    struct zone_limit *zone;                 /* while the lookup is queued or in flight */
    void *run;                               /* the bulk run the entry belongs to */
};

struct cache {
    struct cache_entry **buckets;
    size_t bucket_count;
    size_t count;    /* entries in the table */
    size_t capacity; /* evict beyond this */
    struct cache_entry *lru_head, *lru_tail;
    struct cache_entry *spare; /* evicted entries for reuse, linked by hnext */
    size_t allocated;          /* entries ever malloc'd: the peak held at once */
};

int cache_init(struct cache *c, size_t capacity);
void cache_cleanup(struct cache *c);
uint64_t cache_hash(const char *qname);
/* The entry for qname, or NULL (an expired ready entry is dropped and NULL returned). */
struct cache_entry *cache_find(struct cache *c, const char *qname, uint64_t now_ms);
/* A new in-flight entry for qname (in the table); NULL when out of memory. */
struct cache_entry *cache_add(struct cache *c, const char *qname, void *run);
/* A name takes / gives back its hold on an entry. */
void cache_hold(struct cache *c, struct cache_entry *e);
void cache_release(struct cache *c, struct cache_entry *e);
/* Takes an entry out of the table (an error answer: not to be reused); freed now if nobody
 * holds it, else when the last hold is released. */
void cache_forget(struct cache *c, struct cache_entry *e);
/* Marks an entry answered; evicts the least recently used beyond capacity. */
void cache_ready(struct cache *c, struct cache_entry *e);

#endif
