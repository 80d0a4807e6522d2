/* SPDX-License-Identifier: MIT */
/* The servers of the zone holding a name, through a resolver's event loop (zone_servers.h). */
#include "lib/dns/zone_servers.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "lib/dns/wire_name.h"

#define RRTYPE_A 1
#define RRTYPE_NS 2
#define RRTYPE_AAAA 28
/* A CAA label is at most this many labels below its zone's apex in practice; past it the
 * lookup stops (the caller's budget bounds it anyway). */
#define PARENTS_MAX 8

static void on_ns(void *user, struct caa__dns_answer *answer)
{
    struct caa__zone_servers *z = user;

    z->ns_pending = false;
    for (size_t i = 0; i < answer->rdata_count && z->ns_count < CAA__ZONE_SERVERS_NS_MAX; i++) {
        if (caa__wire_name_text(answer->rdata[i], answer->rdata_len[i], z->ns[z->ns_count],
                                sizeof(z->ns[0]))) {
            z->ns_count++;
        }
    }
    if (z->ns_count > 0) {
        (void)snprintf(z->apex, sizeof(z->apex), "%s", z->asking);
        z->ns_done = true;
        return;
    }
    /* NODATA or NXDOMAIN: not a zone apex; its zone's NS set is at a parent (asked by step). */
    const char *dot = strchr(z->asking, '.');
    if (dot == NULL || ++z->parents > PARENTS_MAX) {
        z->ns_done = true;
        return;
    }
    z->asking = dot + 1;
}

static void add_address(struct caa__zone_servers *z, size_t ns, const char *address)
{
    for (size_t i = 0; i < z->address_count; i++) {
        if (strcmp(z->addresses[i].address, address) == 0) {
            return;
        }
    }
    if (z->address_count < CAA__ZONE_SERVERS_ADDRESSES_MAX) {
        struct caa__ns_address *a = &z->addresses[z->address_count++];
        memcpy(a->ns, z->ns[ns], sizeof(a->ns));
        (void)snprintf(a->address, sizeof(a->address), "%s", address);
    }
}

static void on_address(void *user, struct caa__dns_answer *answer)
{
    struct caa__zone_servers_wait *w = user;

    w->done = true;
    for (size_t i = 0; i < answer->rdata_count; i++) {
        char text[64];
        int family = answer->rdata_len[i] == 4    ? AF_INET
                     : answer->rdata_len[i] == 16 ? AF_INET6
                                                  : -1;
        if (family != -1 && inet_ntop(family, answer->rdata[i], text, sizeof(text)) != NULL) {
            add_address(w->z, w->ns, text);
        }
    }
}

void caa__zone_servers_start(struct caa__zone_servers *z, struct caa__loop *loop, const char *label)
{
    memset(z, 0, sizeof(*z));
    (void)snprintf(z->label, sizeof(z->label), "%s", label);
    z->loop = loop;
    z->asking = z->label;
    caa__zone_servers_step(z);
}

void caa__zone_servers_step(struct caa__zone_servers *z)
{
    if (!z->ns_done && !z->ns_pending) {
        z->ns_pending = true;
        /* A query that cannot start calls on_ns at once with a failure: the climb goes on. */
        (void)caa__loop_query(z->loop, z->asking, RRTYPE_NS, on_ns, z);
        return;
    }
    if (!z->ns_done || z->addresses_started) {
        return;
    }
    z->addresses_started = true;
    for (size_t i = 0; i < z->ns_count; i++) {
        z->waits[2 * i] = (struct caa__zone_servers_wait){z, i, false};
        z->waits[2 * i + 1] = (struct caa__zone_servers_wait){z, i, false};
        (void)caa__loop_query(z->loop, z->ns[i], RRTYPE_A, on_address, &z->waits[2 * i]);
        (void)caa__loop_query(z->loop, z->ns[i], RRTYPE_AAAA, on_address, &z->waits[2 * i + 1]);
    }
}

bool caa__zone_servers_done(const struct caa__zone_servers *z)
{
    if (!z->ns_done || !z->addresses_started) {
        return false;
    }
    for (size_t i = 0; i < 2 * z->ns_count; i++) {
        if (!z->waits[i].done) {
            return false;
        }
    }
    return true;
}
