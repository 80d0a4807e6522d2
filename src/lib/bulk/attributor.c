/* SPDX-License-Identifier: MIT */
/* Who is behind each failed lookup, while its row waits (attributor.h). */
#include "lib/bulk/attributor.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pthread.h>

#include <caa/name.h>

#include "lib/bulk/culprit_probe.h"
#include "lib/bulk/engine.h"
#include "lib/bulk/zone_culprits.h"
#include "lib/check/context.h"
#include "lib/dns/zone_servers.h"

/* Zones looked up at once; names of further zones wait for a free slot until their deadline. */
#define GROUPS_MAX 32u
/* Zones remembered (zone_culprits.h). */
#define ZONES_KEPT 4096u
#define LOOKUP_BUDGET_MAX_MS 3000u
#define PROBE_TIMEOUT_MAX_MS 2000u /* and at most half the name timeout */
#define LOOP_TURN_MS 50u
#define IN_FLIGHT 256u

/* One zone's servers being looked up, for the names waiting for it. */
struct group {
    struct caa__zone_servers zs; /* callbacks point into it: freed only once quiet */
    char key[256];               /* registrable domain (round 0) or failing label (round 1) */
    unsigned round;
    uint64_t deadline_ms;
    struct bulk_name *first, *last; /* waiting (linked by next_queued) */
    struct group *next;
};

struct attributor {
    const struct bulk_config *cfg;
    struct caa__resolver_config rc;
    struct caa__loop *loop;
    bool probe; /* ask the servers directly (not in stub mode) */
    unsigned lookup_budget_ms;
    unsigned probe_timeout_ms;
    struct name_queue inbox;
    struct name_queue *done;
    struct zone_culprits zones;
    struct group *groups;  /* in flight */
    struct group *zombies; /* past their deadline, queries still in flight */
    size_t group_count;    /* groups and zombies */
    struct bulk_name *backlog_first, *backlog_last; /* waiting for a free slot */
    struct bulk_name *out_first, *out_last;         /* to hand back this turn */
    pthread_t thread;
    bool started;
    uint64_t zone_lookups;
    uint64_t probe_rounds;
};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void append(struct bulk_name **first, struct bulk_name **last, struct bulk_name *n)
{
    n->next_queued = NULL;
    if (*last != NULL) {
        (*last)->next_queued = n;
    } else {
        *first = n;
    }
    *last = n;
}

/* The name goes back to the run, with whatever it carries. */
static void release(struct attributor *a, struct bulk_name *n)
{
    n->attributed = true;
    append(&a->out_first, &a->out_last, n);
}

/* The zone's servers into the name's row (its arena): each with what it does wrong when asked
 * directly, else the row's own code. Nothing when the zone has no servers or memory runs out. */
static void attach(struct bulk_name *n, const struct zone_culprit *z)
{
    struct caa_bulk_culprit_server *s;

    if (z->server_count == 0 ||
        (s = caa__arena_calloc(n->arena, z->server_count, sizeof(*s))) == NULL) {
        return;
    }
    for (size_t i = 0; i < z->server_count; i++) {
        s[i].nameserver = caa__arena_strdup(n->arena, z->servers[i].ns);
        s[i].address = caa__arena_strdup(n->arena, z->servers[i].address);
        s[i].code = z->servers[i].judged ? z->servers[i].code : n->result.code;
        if (s[i].nameserver == NULL || s[i].address == NULL) {
            return;
        }
    }
    if ((n->culprit_zone = caa__arena_strdup(n->arena, z->apex)) != NULL) {
        n->culprit_servers = s;
        n->culprit_server_count = z->server_count;
    }
}

static const char *key_of(const struct bulk_name *n)
{
    return n->attribution_round == 0 ? caa_name_registrable(n->failing_label) : n->failing_label;
}

static void handle(struct attributor *a, struct bulk_name *n, uint64_t now)
{
    const char *key = key_of(n);
    struct zone_culprit *z = zone_culprits_find(&a->zones, n->failing_label, now);
    struct group *g = a->groups;

    if (z != NULL) {
        attach(n, z);
        release(a, n);
        return;
    }
    while (g != NULL && (g->round != n->attribution_round || strcmp(g->key, key) != 0)) {
        g = g->next;
    }
    if (g == NULL && a->group_count < GROUPS_MAX && strlen(key) < sizeof(g->key) &&
        (g = calloc(1, sizeof(*g))) != NULL) {
        memcpy(g->key, key, strlen(key) + 1);
        g->round = n->attribution_round;
        g->deadline_ms = now + a->lookup_budget_ms;
        g->next = a->groups;
        a->groups = g;
        a->group_count++;
        a->zone_lookups++;
        caa__zone_servers_start(&g->zs, a->loop, n->failing_label);
    }
    if (g != NULL) {
        append(&g->first, &g->last, n);
    } else if (now >= n->hold_until_ms) {
        release(a, n);
    } else {
        append(&a->backlog_first, &a->backlog_last, n);
    }
}

/* The zone's servers as found: each NS with its first address (IPv4 first: the lab and most
 * hosts have it), to be asked directly when allowed; in stub mode the NS names only. *fresh
 * says whether the entry is new (to be probed): a zone two groups found is kept once. */
static struct zone_culprit *remember(struct attributor *a, const struct group *g, uint64_t now,
                                     bool *fresh)
{
    const struct caa__zone_servers *zs = &g->zs;
    struct zone_culprit *z;

    *fresh = false;
    /* No NS set, or only one above the registrable domain (the zone's own servers failed the NS
     * query too, and the climb reached a public suffix, whose servers are not to blame): nobody
     * is named. Remembered (for the key) only when the lookup ended, not at the deadline. */
    if (zs->ns_count == 0 || !zone_culprits_under(zs->apex, caa_name_registrable(zs->label))) {
        return zs->ns_done ? zone_culprits_put(&a->zones, g->key, now) : NULL;
    }
    z = zone_culprits_find(&a->zones, zs->apex, now);
    if (z != NULL && strcmp(z->apex, zs->apex) == 0) {
        return z;
    }
    if ((z = zone_culprits_put(&a->zones, zs->apex, now)) == NULL) {
        return NULL;
    }
    *fresh = true;
    for (size_t i = 0; i < zs->ns_count && i < ZONE_CULPRITS_SERVERS_MAX; i++) {
        struct zone_culprit_server *s = &z->servers[z->server_count++];
        memcpy(s->ns, zs->ns[i], sizeof(s->ns));
        for (size_t k = 0; a->probe && k < zs->address_count; k++) {
            if (strcmp(zs->addresses[k].ns, s->ns) == 0 &&
                (s->address[0] == '\0' || strchr(s->address, ':') != NULL)) {
                memcpy(s->address, zs->addresses[k].address, sizeof(s->address));
            }
        }
    }
    return z;
}

/* No query of the lookup is in flight any more: its struct may go. */
static bool quiet(const struct caa__zone_servers *zs)
{
    if (zs->ns_pending) {
        return false;
    }
    for (size_t i = 0; zs->addresses_started && i < 2 * zs->ns_count; i++) {
        if (!zs->waits[i].done) {
            return false;
        }
    }
    return true;
}

/* The group's names go on: into the zone found when they are under it, else (round 0) looked
 * up on their own, else without culprit. */
static void finish(struct attributor *a, struct group *g, struct zone_culprit *z, uint64_t now)
{
    struct bulk_name *n = g->first;

    g->first = NULL;
    g->last = NULL;
    while (n != NULL) {
        struct bulk_name *next = n->next_queued;
        if (z != NULL && zone_culprits_under(n->failing_label, z->apex)) {
            attach(n, z);
            release(a, n);
        } else if (n->attribution_round == 0 && z != NULL) {
            /* Another zone of the same registrable domain. */
            n->attribution_round = 1;
            handle(a, n, now);
        } else {
            release(a, n);
        }
        n = next;
    }
    if (quiet(&g->zs)) {
        a->group_count--;
        free(g);
    } else {
        g->next = a->zombies;
        a->zombies = g;
    }
}

/* The groups whose lookups ended (or ran out of time) this turn: their zones remembered, the
 * new ones' servers asked all at once (one wait, however many zones), their names sent on. */
static void finish_all(struct attributor *a, struct group *done, size_t count, uint64_t now)
{
    struct zone_culprit **zones = calloc(count, sizeof(*zones));
    struct zone_culprit **probe = calloc(count, sizeof(*probe));
    const char **labels = calloc(count, sizeof(*labels));
    size_t probe_count = 0;
    size_t i = 0;

    for (struct group *g = done; g != NULL; g = g->next, i++) {
        bool fresh = false;
        struct zone_culprit *z = remember(a, g, now, &fresh);
        if (zones != NULL) {
            zones[i] = z;
        }
        if (fresh && a->probe && probe != NULL && labels != NULL && g->first != NULL) {
            probe[probe_count] = z;
            labels[probe_count++] = g->first->failing_label;
        }
    }
    if (probe_count > 0) {
        a->probe_rounds +=
            culprits_probe_zones(probe, labels, probe_count, &a->rc,
                                 caa__loop_private_root(a->loop), a->probe_timeout_ms);
        now = now_ms();
    }
    i = 0;
    while (done != NULL) {
        struct group *next = done->next;
        finish(a, done, zones != NULL ? zones[i] : NULL, now);
        done = next;
        i++;
    }
    free(zones);
    free(probe);
    free(labels);
}

static void advance(struct attributor *a, uint64_t now)
{
    struct group **p = &a->groups;
    struct group *done = NULL;
    size_t count = 0;

    while (*p != NULL) {
        struct group *g = *p;
        caa__zone_servers_step(&g->zs);
        if (caa__zone_servers_done(&g->zs) || now >= g->deadline_ms) {
            *p = g->next;
            g->next = done;
            done = g;
            count++;
        } else {
            p = &g->next;
        }
    }
    /* Finished after unlinking all: finishing may start groups (round 1). */
    if (done != NULL) {
        finish_all(a, done, count, now);
    }
    for (p = &a->zombies; *p != NULL;) {
        struct group *g = *p;
        if (quiet(&g->zs)) {
            *p = g->next;
            a->group_count--;
            free(g);
        } else {
            p = &g->next;
        }
    }
}

static void retry_backlog(struct attributor *a, uint64_t now)
{
    struct bulk_name *n = a->backlog_first;

    a->backlog_first = NULL;
    a->backlog_last = NULL;
    while (n != NULL) {
        struct bulk_name *next = n->next_queued;
        handle(a, n, now);
        n = next;
    }
}

static void hand_back(struct attributor *a)
{
    if (a->out_first != NULL) {
        name_queue_push(a->done, a->out_first, a->out_last);
        a->out_first = NULL;
        a->out_last = NULL;
    }
}

static void *attributor_main(void *arg)
{
    struct attributor *a = arg;

    for (;;) {
        bool closed = false;
        bool busy = a->groups != NULL || a->backlog_first != NULL;
        struct bulk_name *n = name_queue_take(&a->inbox, !busy, &closed);
        uint64_t now = now_ms();

        while (n != NULL) {
            struct bulk_name *next = n->next_queued;
            n->hold_until_ms = now + a->lookup_budget_ms;
            handle(a, n, now);
            n = next;
        }
        hand_back(a);
        if (a->groups != NULL || a->zombies != NULL) {
            caa__loop_run(a->loop, LOOP_TURN_MS);
            now = now_ms();
            advance(a, now);
        }
        retry_backlog(a, now);
        hand_back(a);
        if (closed && a->groups == NULL && a->backlog_first == NULL) {
            return NULL;
        }
    }
}

static unsigned clamp(unsigned ms, unsigned low, unsigned high)
{
    return ms < low ? low : ms > high ? high : ms;
}

enum caa_status attributor_new(const struct bulk_config *cfg, struct name_queue *done,
                               struct attributor **out, struct caa_error *err)
{
    struct attributor *a = calloc(1, sizeof(*a));
    enum caa_status st;

    if (a == NULL) {
        return CAA_E_NOMEM;
    }
    a->cfg = cfg;
    a->done = done;
    a->probe = cfg->opts.resolver == NULL;
    a->lookup_budget_ms = clamp(cfg->opts.name_timeout_ms, 200, LOOKUP_BUDGET_MAX_MS);
    a->probe_timeout_ms = clamp(cfg->opts.name_timeout_ms / 2, 200, PROBE_TIMEOUT_MAX_MS);
    bulk_resolver_config(cfg, &a->rc);
    if (name_queue_init(&a->inbox) != 0) {
        free(a);
        return CAA_E_NOMEM;
    }
    st = zone_culprits_init(&a->zones, ZONES_KEPT) != 0
             ? CAA_E_NOMEM
             : caa__loop_new(&cfg->ctx->resolver, &a->rc, cfg->opts.resolver, cfg->opts.trust_ad,
                             IN_FLIGHT, &a->loop, err);
    if (st != CAA_OK) {
        attributor_free(a);
        return st;
    }
    *out = a;
    return CAA_OK;
}

int attributor_start(struct attributor *a)
{
    int rc = pthread_create(&a->thread, NULL, attributor_main, a);

    a->started = rc == 0;
    return rc;
}

void attributor_give(struct attributor *a, struct bulk_name *first, struct bulk_name *last)
{
    name_queue_push(&a->inbox, first, last);
}

void attributor_close(struct attributor *a)
{
    name_queue_close(&a->inbox);
}

void attributor_join(struct attributor *a, struct caa_bulk_stats *stats)
{
    if (a->started) {
        (void)pthread_join(a->thread, NULL);
        a->started = false;
    }
    stats->culprit_zone_lookups += a->zone_lookups;
    stats->culprit_probe_rounds += a->probe_rounds;
}

void attributor_free(struct attributor *a)
{
    if (a == NULL) {
        return;
    }
    /* The loop first: lookups still in flight point into the groups. */
    caa__loop_free(a->loop);
    while (a->zombies != NULL) {
        struct group *g = a->zombies;
        a->zombies = g->next;
        free(g);
    }
    while (a->groups != NULL) {
        struct group *g = a->groups;
        a->groups = g->next;
        free(g);
    }
    zone_culprits_cleanup(&a->zones);
    name_queue_destroy(&a->inbox);
    free(a);
}
