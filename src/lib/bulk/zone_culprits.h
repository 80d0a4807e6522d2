/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_ZONE_CULPRITS_H
#define CAA_BULK_ZONE_CULPRITS_H

/*
 * The per-run cache of failing zones: a zone's apex -> its nameservers and what each does wrong
 * when asked directly (attributor.c fills it). A failing label is answered by the deepest zone
 * known at or above it, so a million names failing under one zone cost one NS lookup and one
 * probe round. Bounded: beyond its capacity the least recently used zone is dropped, and an
 * entry is believed for ZONE_CULPRITS_TTL_MS only (a server may be fixed during a long run).
 * A zone whose servers could not be found is kept too (no servers), so that its names do not
 * look it up again. Pure: no I/O, no clock of its own; one thread.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/code.h>

#define ZONE_CULPRITS_SERVERS_MAX 8
#define ZONE_CULPRITS_TTL_MS 300000u

struct zone_culprit_server {
    char ns[256];       /* the NS name, no trailing dot */
    char address[64];   /* the address asked directly; "" when none was */
    bool judged;        /* asked directly, and the answer names a fault (code) */
    enum caa_code code; /* what it does wrong when judged */
};

struct zone_culprit {
    char apex[256];
    size_t server_count; /* 0: the zone's servers could not be found */
    struct zone_culprit_server servers[ZONE_CULPRITS_SERVERS_MAX];
    uint64_t made_ms;
    uint64_t hash;
    struct zone_culprit *hnext;
    struct zone_culprit *lru_prev, *lru_next; /* head: most recently used */
};

struct zone_culprits {
    struct zone_culprit **buckets;
    size_t bucket_count;
    size_t count;
    size_t capacity;
    struct zone_culprit *lru_head, *lru_tail;
};

/* 0, or -1 when out of memory. capacity 0 means 1. */
int zone_culprits_init(struct zone_culprits *zc, size_t capacity);
void zone_culprits_cleanup(struct zone_culprits *zc);
/* The deepest zone at or above label (label itself, then each parent) believed at now_ms, or
 * NULL; found entries become the most recently used. Expired entries are dropped. */
struct zone_culprit *zone_culprits_find(struct zone_culprits *zc, const char *label,
                                        uint64_t now_ms);
/* The entry for apex, emptied (made_ms = now_ms), new or replacing the one there was; evicts
 * the least recently used beyond capacity. NULL when out of memory or apex is too long. */
struct zone_culprit *zone_culprits_put(struct zone_culprits *zc, const char *apex, uint64_t now_ms);
/* True when label is apex or below it (ASCII case ignored). */
bool zone_culprits_under(const char *label, const char *apex);

#endif
