/* SPDX-License-Identifier: MIT */
/* The wire engine's lookups: zones learned through libunbound, CAA over our own transport
 * (wire_lookup.h says what is believed and what is handed over). */
#include "lib/bulk/wire_lookup.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>

#include "lib/dns/wire_reply.h"
#include "lib/util/hash.h"
#include "lib/wire/transport.h"

#define RRTYPE_A 1
#define RRTYPE_AAAA 28
#define RRTYPE_NS 2
#define RRTYPE_DNSKEY 48
#define RRTYPE_CAA 257
#define SOCKETS 8u
#define ZONE_BUCKETS 4096u
#define ZONES_MAX 20000u /* ~450 bytes each; beyond, names of new zones go to libunbound */
#define ZONE_NS_MAX 4u
#define ZONE_ADDRS_MAX 8u
#define REFERRALS_MAX 8u
#define ZONE_TIMEOUTS_MAX 4u /* timeouts in a row before a zone goes to libunbound */
#define CHAIN_MAX 8u         /* CNAMEs chased over the wire; a longer chain goes to libunbound */
#define RECENT 1024u         /* qnames lately handed over: their retry goes straight there */
/* A zone whose replies were handed over this many times in a row (NXDOMAIN in a signed zone,
 * wildcards, DNAMEs: what the wire engine leaves to libunbound) sends its next lookups straight
 * to libunbound, without asking its servers first: 64 of them, then the wire is tried again;
 * each pause that ends in another handover is twice as long, up to 4,096. A wire answer ends
 * the streak. The answers are the same either way (libunbound's is caa check's); what is saved
 * is a wire question per name that would be asked twice. */
#define UNUSUAL_STREAK 8u
#define SKIP_FIRST 64u
#define SKIP_MAX 4096u

enum zone_state { ZONE_LEARNING, ZONE_READY, ZONE_FALLBACK };

struct request;

struct zone {
    char name[256]; /* lower case, no trailing dot; "" is the root */
    uint64_t hash;
    struct zone *hnext;
    enum zone_state state;
    bool secure;
    struct sockaddr_in6 addrs[ZONE_ADDRS_MAX]; /* IPv4 as mapped addresses (wire_addr_v4) */
    bool lame[ZONE_ADDRS_MAX]; /* gave an error rcode or a non-authoritative answer */
    size_t addr_count;
    struct caa__wire_keys *keys;
    unsigned learning; /* resolver lookups in flight for this zone */
    struct request *waiters;
    unsigned timeouts_in_row;
    unsigned handed_in_row; /* replies handed over in a row (UNUSUAL_STREAK) */
    unsigned skip_left;     /* lookups still to send straight to libunbound */
    unsigned skip_next;     /* the length of the next such pause; 0: none yet */
    struct wire_lookup *l;
};

struct request {
    struct wire_lookup *l;
    struct request *next;           /* free list, or a zone's waiters */
    struct request *all_next;       /* every request made, for wire_lookup_free */
    char qname[256];                /* as asked: the answer's qname */
    char chain[CHAIN_MAX + 1][256]; /* qname, then each CNAME target; the last is asked now */
    size_t chain_len;
    bool chain_insecure; /* a link of the chain was not secure */
    uint32_t chain_ttl;
    caa__async_done_fn *fn;
    void *user;
    struct zone *zone;
    unsigned referrals;
    unsigned lame_retries;
    struct timespec started;
};

struct wire_lookup {
    struct caa__async *resolver;
    struct wire_transport *transport;
    unsigned budget_ms;
    struct zone *zones[ZONE_BUCKETS];
    size_t zone_count;
    struct request *free_requests;
    struct request *all_requests;
    uint64_t recent[RECENT];
    struct wire_lookup_stats stats;
    struct caa__block_pool *blocks; /* the answers' RDATA and aliases (borrowed) */
};

static uint64_t hash_of(const char *s)
{
    return caa__fnv1a(s) | 1u; /* names are lower case already; 0 marks an empty cell */
}

static struct zone *zone_find(const struct wire_lookup *l, const char *name)
{
    uint64_t h = hash_of(name);

    for (struct zone *z = l->zones[h % ZONE_BUCKETS]; z != NULL; z = z->hnext) {
        if (z->hash == h && strcmp(z->name, name) == 0) {
            return z;
        }
    }
    return NULL;
}

/* The zone of qname as far as known: the longest suffix that is a zone we met. */
static struct zone *zone_deepest(const struct wire_lookup *l, const char *qname)
{
    for (const char *p = qname; p != NULL;) {
        struct zone *z = zone_find(l, p);
        const char *dot = strchr(p, '.');
        if (z != NULL) {
            return z;
        }
        p = *p == '\0' ? NULL : dot != NULL ? dot + 1 : "";
    }
    return NULL;
}

static void learn(struct zone *z);

static struct zone *zone_add(struct wire_lookup *l, const char *name)
{
    struct zone *z;

    if (l->zone_count >= ZONES_MAX || (z = calloc(1, sizeof(*z))) == NULL) {
        return NULL;
    }
    (void)snprintf(z->name, sizeof(z->name), "%s", name);
    z->hash = hash_of(name);
    z->hnext = l->zones[z->hash % ZONE_BUCKETS];
    l->zones[z->hash % ZONE_BUCKETS] = z;
    z->l = l;
    z->state = ZONE_LEARNING;
    l->zone_count++;
    learn(z);
    return z;
}

static struct request *request_new(struct wire_lookup *l)
{
    struct request *r = l->free_requests;

    if (r != NULL) {
        l->free_requests = r->next;
        return r;
    }
    r = malloc(sizeof(*r));
    if (r != NULL) {
        r->all_next = l->all_requests;
        l->all_requests = r;
    }
    return r;
}

static void request_free(struct request *r)
{
    r->next = r->l->free_requests;
    r->l->free_requests = r;
}

static bool recent_has(const struct wire_lookup *l, const char *qname)
{
    uint64_t h = hash_of(qname);

    return l->recent[h % RECENT] == h;
}

/* The resolver answers this one: its answer is caa check's. */
static void fall_back(struct request *r)
{
    struct wire_lookup *l = r->l;
    caa__async_done_fn *fn = r->fn;
    void *user = r->user;
    uint64_t h = hash_of(r->qname);

    l->stats.fallbacks++;
    l->recent[h % RECENT] = h;
    /* Asked before r is reused: an answer from libunbound's cache comes within the call. */
    (void)caa__async_query(l->resolver, r->qname, RRTYPE_CAA, fn, user);
    request_free(r);
}

static void on_reply(void *arg, enum wire_result result, const uint8_t *reply, size_t len,
                     const struct sockaddr_in6 *from);

/* The zone's addresses not known to be lame, into out; their count. */
static size_t good_servers(const struct zone *z, struct sockaddr_in6 *out)
{
    size_t n = 0;

    for (size_t i = 0; i < z->addr_count; i++) {
        if (!z->lame[i]) {
            out[n++] = z->addrs[i];
        }
    }
    return n;
}

static void dispatch(struct request *r)
{
    struct wire_lookup *l = r->l;
    const char *current = r->chain[r->chain_len - 1];
    struct zone *z = zone_deepest(l, current);
    struct sockaddr_in6 servers[ZONE_ADDRS_MAX];
    size_t server_count;

    if (z == NULL && (z = zone_add(l, "")) == NULL) {
        fall_back(r);
        return;
    }
    r->zone = z;
    switch (z->state) {
    case ZONE_LEARNING:
        r->next = z->waiters;
        z->waiters = r;
        return;
    case ZONE_FALLBACK:
        fall_back(r);
        return;
    case ZONE_READY:
        break;
    }
    if (z->skip_left > 0) {
        z->skip_left--;
        l->stats.unasked++;
        fall_back(r);
        return;
    }
    server_count = good_servers(z, servers);
    if (server_count == 0 || wire_transport_query(l->transport, current, RRTYPE_CAA, servers,
                                                  server_count, l->budget_ms, on_reply, r) != 0) {
        fall_back(r);
    }
}

static unsigned ms_since(const struct timespec *t)
{
    struct timespec now;
    long long ms;

    clock_gettime(CLOCK_MONOTONIC, &now);
    ms = (long long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
    return ms > 0 ? (unsigned)ms : 0;
}

/* A server of z answered as no authoritative server should: ask the others (as a resolver
 * would), and leave it out from now on. */
static bool mark_lame(struct zone *z, const struct sockaddr_in6 *from)
{
    bool others = false;

    for (size_t i = 0; i < z->addr_count; i++) {
        if (from != NULL && wire_addr_equal(&z->addrs[i], from)) {
            z->lame[i] = true;
        }
        others = others || !z->lame[i];
    }
    return others;
}

/* A CNAME to `target`: chased over the wire as libunbound would chase it, unless the chain is
 * long, loops, or the name needs escapes (then the whole name goes to libunbound). */
static int chain_add(struct request *r, const char *target, const struct caa__dns_answer *link)
{
    if (r->chain_len > CHAIN_MAX || target[0] == '\0' || strchr(target, '\\') != NULL) {
        return -1;
    }
    for (size_t i = 0; i < r->chain_len; i++) {
        if (strcmp(r->chain[i], target) == 0) {
            return -1;
        }
    }
    (void)snprintf(r->chain[r->chain_len++], sizeof(r->chain[0]), "%s", target);
    r->chain_insecure = r->chain_insecure || link->dnssec != CAA_DNSSEC_SECURE;
    r->chain_ttl = link->ttl < r->chain_ttl ? link->ttl : r->chain_ttl;
    return 0;
}

/* The answer at the end of the chain, as libunbound gives a chased one: the aliases in order
 * ("owner -> target"), secure only when every link is, the smallest TTL. */
static int chain_finish(struct request *r, struct caa__dns_answer *a)
{
    for (size_t i = 0; i + 1 < r->chain_len && i < CAA__DNS_ALIASES_MAX; i++) {
        size_t size = strlen(r->chain[i]) + strlen(r->chain[i + 1]) + sizeof(" -> ");
        a->aliases[i] = caa__dns_answer_alias_room(a, size);
        if (a->aliases[i] == NULL) {
            return -1;
        }
        (void)snprintf(a->aliases[i], size, "%s -> %s", r->chain[i], r->chain[i + 1]);
        a->alias_count++;
    }
    if (r->chain_insecure && a->dnssec == CAA_DNSSEC_SECURE) {
        a->dnssec = CAA_DNSSEC_INSECURE;
    }
    a->ttl = r->chain_ttl < a->ttl ? r->chain_ttl : a->ttl;
    return 0;
}

/* A reply from z was believed, or was handed over (UNUSUAL_STREAK). */
static void zone_replied(struct zone *z, bool believed)
{
    z->timeouts_in_row = 0;
    if (believed) {
        z->handed_in_row = 0;
        z->skip_next = 0;
    } else if (++z->handed_in_row >= UNUSUAL_STREAK) {
        z->skip_next = z->skip_next == 0              ? SKIP_FIRST
                       : z->skip_next >= SKIP_MAX / 2 ? SKIP_MAX
                                                      : 2 * z->skip_next;
        z->skip_left = z->skip_next;
        z->handed_in_row = UNUSUAL_STREAK - 1; /* one more handover after the pause renews it */
    }
}

static void on_reply(void *arg, enum wire_result result, const uint8_t *reply, size_t len,
                     const struct sockaddr_in6 *from)
{
    struct request *r = arg;
    struct wire_lookup *l = r->l;
    struct zone *z = r->zone;
    struct caa__dns_answer answer;
    char cut[256] = "";
    const char *why = "";
    struct zone *child;

    if (result != WIRE_REPLY) {
        if (++z->timeouts_in_row >= ZONE_TIMEOUTS_MAX) {
            z->state = ZONE_FALLBACK; /* its servers do not answer us: leave it to the resolver */
        }
        fall_back(r);
        return;
    }
    caa__dns_answer_init(&answer, r->qname);
    answer.pool = l->blocks;
    switch (caa__wire_reply_read(reply, len, r->chain[r->chain_len - 1], z->name, z->keys,
                                 (uint32_t)time(NULL), &answer, cut, &why)) {
    case CAA__WIRE_REPLY_ANSWER:
        zone_replied(z, true);
        if (chain_finish(r, &answer) != 0) {
            break;
        }
        l->stats.answers++;
        answer.elapsed_ms = ms_since(&r->started);
        r->fn(r->user, &answer);
        caa__dns_answer_cleanup(&answer);
        request_free(r);
        return;
    case CAA__WIRE_REPLY_ALIAS:
        zone_replied(z, true);
        if (chain_add(r, cut, &answer) != 0) {
            break;
        }
        caa__dns_answer_cleanup(&answer);
        dispatch(r);
        return;
    case CAA__WIRE_REPLY_REFERRAL:
        zone_replied(z, true);
        child = zone_find(l, cut);
        child = child != NULL ? child : zone_add(l, cut);
        /* The cut must be where the next search finds it, or the referral would repeat. */
        if (++r->referrals > REFERRALS_MAX || child == NULL ||
            zone_deepest(l, r->chain[r->chain_len - 1]) != child) {
            fall_back(r);
            return;
        }
        dispatch(r);
        return;
    case CAA__WIRE_REPLY_LAME:
        if (mark_lame(z, from) && ++r->lame_retries < ZONE_ADDRS_MAX) {
            caa__dns_answer_cleanup(&answer);
            dispatch(r);
            return;
        }
        break;
    case CAA__WIRE_REPLY_UNUSUAL:
        zone_replied(z, false);
        break;
    }
    caa__dns_answer_cleanup(&answer);
    fall_back(r);
}

/* The zone is learned (or cannot be): its waiting names go on. */
static void settle(struct zone *z, enum zone_state state)
{
    struct request *r = z->waiters;

    z->state = state;
    z->waiters = NULL;
    if (state == ZONE_READY) {
        z->l->stats.zones++;
    }
    while (r != NULL) {
        struct request *next = r->next;
        dispatch(r);
        r = next;
    }
}

/* A delegation is only as good as libunbound's judgement of it: secure (then the keys are
 * fetched) or proven insecure; bogus or unjudged leaves the zone to the resolver. */
static bool judged(const struct caa__dns_answer *a)
{
    return a->failure == CAA__DNS_OK && a->rcode == 0 && a->rdata_count > 0 &&
           (a->dnssec == CAA_DNSSEC_SECURE || a->dnssec == CAA_DNSSEC_INSECURE);
}

static void on_dnskey(void *arg, struct caa__dns_answer *a)
{
    struct zone *z = arg;

    z->learning--;
    if (!judged(a) || a->dnssec != CAA_DNSSEC_SECURE ||
        (z->keys = caa__wire_keys_new(z->name, (const uint8_t *const *)a->rdata, a->rdata_len,
                                      a->rdata_count)) == NULL) {
        settle(z, ZONE_FALLBACK);
        return;
    }
    settle(z, ZONE_READY);
}

static void on_address(void *arg, struct caa__dns_answer *a)
{
    struct zone *z = arg;

    /* A and AAAA answers both come here: the RDATA's length says which. */
    for (size_t i = 0; a->failure == CAA__DNS_OK && a->rcode == 0 && i < a->rdata_count; i++) {
        if (z->addr_count >= ZONE_ADDRS_MAX) {
            break;
        }
        if (a->rdata_len[i] == 4) {
            wire_addr_v4(&z->addrs[z->addr_count++], a->rdata[i], 53);
        } else if (a->rdata_len[i] == 16) {
            wire_addr_v6(&z->addrs[z->addr_count++], a->rdata[i], 53);
        }
    }
    if (--z->learning > 0) {
        return;
    }
    if (z->addr_count == 0) {
        settle(z, ZONE_FALLBACK);
    } else if (z->secure) {
        z->learning++;
        (void)caa__async_query(z->l->resolver, z->name[0] != '\0' ? z->name : ".", RRTYPE_DNSKEY,
                               on_dnskey, z);
    } else {
        settle(z, ZONE_READY);
    }
}

static void on_ns(void *arg, struct caa__dns_answer *a)
{
    struct zone *z = arg;
    char names[ZONE_NS_MAX][256];
    size_t count = 0;

    z->learning--;
    if (!judged(a)) {
        settle(z, ZONE_FALLBACK);
        return;
    }
    z->secure = a->dnssec == CAA_DNSSEC_SECURE;
    for (size_t i = 0; i < a->rdata_count && count < ZONE_NS_MAX; i++) {
        count += caa__wire_name_to_text(a->rdata[i], a->rdata_len[i], names[count]);
    }
    if (count == 0) {
        settle(z, ZONE_FALLBACK);
        return;
    }
    /* All address lookups count as in flight before the first starts: one may answer at once
     * from libunbound's cache. IPv4 and IPv6 both: the transport's ranking puts servers it
     * cannot reach last. */
    z->learning += 2u * (unsigned)count;
    for (size_t i = 0; i < count; i++) {
        (void)caa__async_query(z->l->resolver, names[i], RRTYPE_A, on_address, z);
        (void)caa__async_query(z->l->resolver, names[i], RRTYPE_AAAA, on_address, z);
    }
}

static void learn(struct zone *z)
{
    z->learning = 1;
    (void)caa__async_query(z->l->resolver, z->name[0] != '\0' ? z->name : ".", RRTYPE_NS, on_ns, z);
}

int wire_lookup_new(struct caa__async *resolver, unsigned in_flight, unsigned budget_ms,
                    struct caa__block_pool *blocks, struct wire_lookup **out)
{
    struct wire_lookup *l = calloc(1, sizeof(*l));
    int rc;

    if (l == NULL) {
        return -1;
    }
    l->resolver = resolver;
    l->budget_ms = budget_ms;
    l->blocks = blocks;
    rc = wire_transport_new(caa__async_base(resolver), SOCKETS, in_flight, &l->transport);
    if (rc != 0) {
        free(l);
        return rc;
    }
    *out = l;
    return 0;
}

void wire_lookup_free(struct wire_lookup *l)
{
    if (l == NULL) {
        return;
    }
    wire_transport_free(l->transport);
    for (size_t b = 0; b < ZONE_BUCKETS; b++) {
        while (l->zones[b] != NULL) {
            struct zone *z = l->zones[b];
            l->zones[b] = z->hnext;
            caa__wire_keys_free(z->keys);
            free(z);
        }
    }
    /* Requests still waiting for a zone or a reply are among them. */
    while (l->all_requests != NULL) {
        struct request *r = l->all_requests;
        l->all_requests = r->all_next;
        free(r);
    }
    free(l);
}

void wire_lookup_query(struct wire_lookup *l, const char *qname, caa__async_done_fn *fn, void *user)
{
    struct request *r = request_new(l);

    if (r == NULL) {
        (void)caa__async_query(l->resolver, qname, RRTYPE_CAA, fn, user);
        return;
    }
    r->l = l;
    r->next = NULL;
    (void)snprintf(r->qname, sizeof(r->qname), "%s", qname);
    for (char *p = r->qname; *p != '\0'; p++) {
        *p = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
    }
    (void)snprintf(r->chain[0], sizeof(r->chain[0]), "%s", r->qname);
    r->chain_len = 1;
    r->chain_insecure = false;
    r->chain_ttl = UINT32_MAX;
    r->fn = fn;
    r->user = user;
    r->zone = NULL;
    r->referrals = 0;
    r->lame_retries = 0;
    clock_gettime(CLOCK_MONOTONIC, &r->started);
    if (recent_has(l, r->qname)) {
        fall_back(r);
        return;
    }
    dispatch(r);
}

void wire_lookup_stats(const struct wire_lookup *l, struct wire_lookup_stats *out)
{
    const struct wire_transport_stats *t = wire_transport_stats(l->transport);

    *out = l->stats;
    out->ignored = t->unsolicited;
    for (size_t i = 1; i < sizeof(t->ignored) / sizeof(t->ignored[0]); i++) {
        out->ignored += t->ignored[i];
    }
}
