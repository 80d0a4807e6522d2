/* SPDX-License-Identifier: MIT */
#ifndef CAA_DIAG_PLAN_H
#define CAA_DIAG_PLAN_H

/* Which direct queries a diagnosis sends, and finding their answers again. */

#include <stdbool.h>
#include <stddef.h>

#include "lib/caa/relevant_rrset.h"
#include "lib/diag/zones.h"
#include "lib/dns/probe.h"
#include "lib/util/must_check.h"

enum caa__probe_kind {
    CAA__PK_CAA = 0,    /* CAA, UDP, EDNS + DO, mixed case: what a CA's resolver sends */
    CAA__PK_CAA_NOEDNS, /* CAA, UDP, no EDNS */
    CAA__PK_CAA_TCP,    /* CAA, TCP, EDNS + DO */
    CAA__PK_SOA,        /* SOA at the apex: the control query */
    CAA__PK_NS,         /* NS at the apex: the zone's own NS set */
    CAA__PK_DNSKEY,     /* DNSKEY at the apex, DO */
    CAA__PK_DS,         /* DS of the apex, asked at a parent server, DO */
    CAA__PK_TXT,        /* _acme-challenge TXT (--dns01) */
};

struct caa__probe_slot {
    size_t zone;
    size_t server; /* index into the zone's servers (parent_servers for DS) */
    enum caa__probe_kind kind;
    size_t label; /* index into the name's labels for CAA probes */
    unsigned round;
};

struct caa__plan {
    struct caa__probe_query *queries;
    struct caa__probe_slot *slots;
    struct caa__probe_result *results;
    size_t count;
    size_t cap;
    /* The labels the CA queries (name up to the TLD) and the zone of each. */
    const char *labels[CAA__CLIMB_MAX];
    size_t label_count;
    size_t label_zone[CAA__CLIMB_MAX]; /* (size_t)-1 when no zone was found */
    char txt_name[300];                /* _acme-challenge.<base>, "" without --dns01 */
    size_t txt_zone;
};

struct caa__plan_options {
    unsigned timeout_ms;
    unsigned repeat;
    bool allow_private;
    bool dns01;
};

/* Plans every probe for every zone and server, runs them concurrently, keeps the results. */
CAA__MUST_CHECK enum caa_status caa__plan_run(struct caa__plan *plan,
                                              const struct caa__zones *zones, const char *name,
                                              const struct caa__plan_options *opts);
void caa__plan_cleanup(struct caa__plan *plan);

/* The result of a probe, or NULL if it was not sent. */
const struct caa__probe_result *caa__plan_find(const struct caa__plan *plan, size_t zone,
                                               size_t server, enum caa__probe_kind kind,
                                               size_t label, unsigned round);
const struct caa__probe_query *caa__plan_query(const struct caa__plan *plan,
                                               const struct caa__probe_result *result);

/* "CAA www.example.com over UDP+EDNS+DO: NOTIMP aa=0 in 3 ms" */
void caa__probe_describe(const struct caa__probe_query *q, const struct caa__probe_result *r,
                         char *out, size_t cap);

#endif
