/* SPDX-License-Identifier: MIT */
#ifndef CAA_DIAG_ZONES_H
#define CAA_DIAG_ZONES_H

/*
 * The zones a CA's CAA lookups for a name touch, found the way a resolver finds them: referrals
 * followed from the root, asking every server of each level directly. Each zone keeps what its
 * parent says (NS and glue) and the servers to probe.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/status.h>

#include "lib/dns/resolver.h"
#include "lib/util/must_check.h"

#define CAA__ZONES_MAX 16
#define CAA__ZONE_NS_MAX 16
#define CAA__ZONE_SERVERS_MAX 32

struct caa__server {
    char name[256];
    char address[64];
    bool listed_by_parent;
    bool listed_by_child;
    bool is_private; /* loopback, private or link-local */
    bool refused;    /* in the resolver's do-not-query-address list: never probed */
};

struct caa__zone {
    char apex[256];   /* "com", "example.com" (no trailing dot) */
    char parent[256]; /* "" for a TLD (the root) */
    size_t parent_ns_count;
    char parent_ns[CAA__ZONE_NS_MAX][256];
    size_t child_ns_count;
    char child_ns[CAA__ZONE_NS_MAX][256];
    size_t server_count;
    struct caa__server servers[CAA__ZONE_SERVERS_MAX];
    /* The parent's servers, to ask for the DS. */
    size_t parent_server_count;
    struct caa__server parent_servers[CAA__ZONE_SERVERS_MAX];
    /* What went wrong finding this zone's delegation ("" if nothing). */
    char walk_problem[256];
};

struct caa__zones {
    size_t count;
    struct caa__zone zones[CAA__ZONES_MAX]; /* from the TLD down */
    char problem[512]; /* the walk stopped early: why ("" if it reached the name's zone) */
};

/*
 * Follows referrals from the root hints (cfg->root_hints, or Debian's) towards `name`, asking
 * every server of each level (timeout_ms per query). NS names without glue are resolved with
 * the validating resolver (cfg). Fills *out from the TLD down to the zone holding `name`.
 * CAA_E_IO when the hints cannot be read (err); CAA_OK otherwise, problems in out->problem.
 */
CAA__MUST_CHECK enum caa_status caa__zones_find(const struct caa__resolver_config *cfg,
                                                const char *name, unsigned timeout_ms,
                                                bool allow_private, struct caa__zones *out,
                                                struct caa_error *err);

/* The zone holding `label` (deepest apex at or above it), or NULL. */
const struct caa__zone *caa__zones_for(const struct caa__zones *zones, const char *label);

/* True if label equals apex or is below it (case-insensitive, no trailing dots). */
bool caa__name_at_or_below(const char *label, const char *apex);

#endif
