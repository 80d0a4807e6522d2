/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_ZONE_SERVERS_H
#define CAA_DNS_ZONE_SERVERS_H

/*
 * The authoritative servers of the zone holding a name, found through a recursive resolver's
 * event loop (seam.h): NS at the name, then at each parent until an NS set answers (its owner
 * is the zone's apex), then the A and AAAA of each NS name. For `caa check`'s server comparison,
 * which then asks each address directly (probe.h). The caller drives the loop: start, then
 * caa__loop_run and caa__zone_servers_step until done or its budget is spent; the struct must
 * stay put (callbacks point into it) until the loop is freed.
 */

#include <stdbool.h>
#include <stddef.h>

#include "lib/dns/seam.h"

#define CAA__ZONE_SERVERS_NS_MAX 8
#define CAA__ZONE_SERVERS_ADDRESSES_MAX 16

struct caa__ns_address {
    char ns[256];     /* the NS name, lower-case, no trailing dot */
    char address[64]; /* numeric IPv4 or IPv6 */
};

/* One address lookup in flight (internal). */
struct caa__zone_servers_wait {
    struct caa__zone_servers *z;
    size_t ns;
    bool done;
};

struct caa__zone_servers {
    char label[256]; /* the name asked for */
    char apex[256];  /* the zone's apex, once its NS set answered; "" before or if never */
    size_t ns_count;
    char ns[CAA__ZONE_SERVERS_NS_MAX][256];
    size_t address_count;
    struct caa__ns_address addresses[CAA__ZONE_SERVERS_ADDRESSES_MAX];
    /* The lookup's state. */
    struct caa__loop *loop;
    const char *asking;     /* the name whose NS is being asked: label, then its parents */
    unsigned parents;       /* parents asked so far */
    bool ns_pending;        /* an NS lookup is in flight */
    bool ns_done;           /* the NS set is known (or will never be) */
    bool addresses_started; /* the address lookups were started */
    struct caa__zone_servers_wait waits[2 * CAA__ZONE_SERVERS_NS_MAX]; /* A, AAAA per NS */
};

/* Starts finding label's servers on loop (borrowed until the loop is freed). */
void caa__zone_servers_start(struct caa__zone_servers *z, struct caa__loop *loop,
                             const char *label);
/* Starts the lookups the answers so far call for (a parent's NS, the NS names' addresses):
 * call after each caa__loop_run. */
void caa__zone_servers_step(struct caa__zone_servers *z);
/* True when nothing is left to look up. */
bool caa__zone_servers_done(const struct caa__zone_servers *z);

#endif
