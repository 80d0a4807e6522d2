/* SPDX-License-Identifier: MIT */
/* Answers a kept resolver gave, until their TTL runs out (answer_cache.h). */
#include "lib/dns/answer_cache.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util/hash.h"

#define RCODE_NOERROR 0
#define RCODE_NXDOMAIN 3

struct entry {
    struct caa__dns_answer answer; /* owned copy; elapsed_ms 0 */
    uint64_t asked_ms;
    uint64_t expires_ms;
    struct entry *next;
};

struct caa__answer_cache {
    struct entry **buckets;
    size_t bucket_count; /* a power of two */
    size_t count;
    size_t max_entries;
};

/* Over the name as asked (qnames reach here in one case: the climb's). */
static size_t bucket_of(const struct caa__answer_cache *c, const char *qname)
{
    return (size_t)(caa__fnv1a(qname) & (c->bucket_count - 1));
}

struct caa__answer_cache *caa__answer_cache_new(size_t max_entries)
{
    struct caa__answer_cache *c = calloc(1, sizeof(*c));

    if (c == NULL) {
        return NULL;
    }
    c->bucket_count = 64;
    while (c->bucket_count < max_entries && c->bucket_count < ((size_t)1 << 20)) {
        c->bucket_count *= 2;
    }
    c->max_entries = max_entries > 0 ? max_entries : 1;
    c->buckets = calloc(c->bucket_count, sizeof(*c->buckets));
    if (c->buckets == NULL) {
        free(c);
        return NULL;
    }
    return c;
}

static void entry_free(struct entry *e)
{
    caa__dns_answer_cleanup(&e->answer);
    free(e);
}

/* Forgets the entries that expired by now_ms; all of them with everything. */
static void forget(struct caa__answer_cache *c, uint64_t now_ms, bool everything)
{
    for (size_t b = 0; b < c->bucket_count; b++) {
        struct entry **link = &c->buckets[b];
        while (*link != NULL) {
            struct entry *e = *link;
            if (everything || e->expires_ms <= now_ms) {
                *link = e->next;
                entry_free(e);
                c->count--;
            } else {
                link = &e->next;
            }
        }
    }
}

void caa__answer_cache_free(struct caa__answer_cache *c)
{
    if (c == NULL) {
        return;
    }
    forget(c, 0, true);
    free(c->buckets);
    free(c);
}

/* A deep copy of from into to (initialised here); false when memory ran out (to is then empty). */
static bool answer_copy(struct caa__dns_answer *to, const struct caa__dns_answer *from)
{
    caa__dns_answer_init(to, from->qname);
    to->failure = from->failure;
    to->rcode = from->rcode;
    to->truncated = from->truncated;
    to->dnssec = from->dnssec;
    memcpy(to->why_bogus, from->why_bogus, sizeof(to->why_bogus));
    to->ttl = from->ttl;
    if (from->rdata_count > 0) {
        to->rdata = calloc(from->rdata_count, sizeof(*to->rdata));
        to->rdata_len = calloc(from->rdata_count, sizeof(*to->rdata_len));
        if (to->rdata == NULL || to->rdata_len == NULL) {
            goto fail;
        }
        for (size_t i = 0; i < from->rdata_count; i++) {
            /* One spare byte, as answer_parse.c: an empty RDATA is never a NULL pointer. */
            to->rdata[i] = malloc(from->rdata_len[i] + 1);
            if (to->rdata[i] == NULL) {
                goto fail;
            }
            memcpy(to->rdata[i], from->rdata[i], from->rdata_len[i]);
            to->rdata_len[i] = from->rdata_len[i];
            to->rdata_count = i + 1;
        }
    }
    for (size_t i = 0; i < from->alias_count; i++) {
        to->aliases[i] = strdup(from->aliases[i]);
        if (to->aliases[i] == NULL) {
            goto fail;
        }
        to->alias_count = i + 1;
    }
    return true;
fail:
    caa__dns_answer_cleanup(to);
    caa__dns_answer_init(to, from->qname);
    return false;
}

static struct entry *find(const struct caa__answer_cache *c, const char *qname)
{
    struct entry *e = c->buckets[bucket_of(c, qname)];

    while (e != NULL && strcmp(e->answer.qname, qname) != 0) {
        e = e->next;
    }
    return e;
}

bool caa__answer_cache_get(struct caa__answer_cache *c, const char *qname, uint64_t now_ms,
                           struct caa__dns_answer *out)
{
    const struct entry *e = c != NULL ? find(c, qname) : NULL;
    uint64_t age_s;

    if (e == NULL || e->expires_ms <= now_ms || !answer_copy(out, &e->answer)) {
        return false;
    }
    age_s = now_ms > e->asked_ms ? (now_ms - e->asked_ms) / 1000u : 0;
    out->ttl = age_s < out->ttl ? out->ttl - (uint32_t)age_s : 0;
    return true;
}

/* What libunbound's cache would hand back as it is: a definite, validated-or-provably-unsigned
 * answer with a TTL. */
static bool cacheable(const struct caa__dns_answer *a)
{
    return a->failure == CAA__DNS_OK && (a->rcode == RCODE_NOERROR || a->rcode == RCODE_NXDOMAIN) &&
           !a->truncated && (a->dnssec == CAA_DNSSEC_SECURE || a->dnssec == CAA_DNSSEC_INSECURE) &&
           a->ttl > 0;
}

void caa__answer_cache_put(struct caa__answer_cache *c, const struct caa__dns_answer *answer,
                           uint64_t now_ms, uint64_t not_after_ms)
{
    struct entry *e;
    struct entry *old;
    uint64_t expires = now_ms + (uint64_t)answer->ttl * 1000u;
    size_t b;

    if (c == NULL || !cacheable(answer)) {
        return;
    }
    if (expires > not_after_ms) {
        expires = not_after_ms;
    }
    if (expires <= now_ms) {
        return;
    }
    old = find(c, answer->qname);
    if (old == NULL && c->count >= c->max_entries) {
        forget(c, now_ms, false);
        if (c->count >= c->max_entries) {
            forget(c, now_ms, true);
        }
    }
    e = calloc(1, sizeof(*e));
    if (e == NULL || !answer_copy(&e->answer, answer)) {
        free(e);
        return;
    }
    e->answer.elapsed_ms = 0;
    e->asked_ms = now_ms;
    e->expires_ms = expires;
    if (old != NULL) { /* the newer answer replaces it in place */
        caa__dns_answer_cleanup(&old->answer);
        old->answer = e->answer;
        old->asked_ms = e->asked_ms;
        old->expires_ms = e->expires_ms;
        free(e);
        return;
    }
    b = bucket_of(c, answer->qname);
    e->next = c->buckets[b];
    c->buckets[b] = e;
    c->count++;
}

size_t caa__answer_cache_count(const struct caa__answer_cache *c)
{
    return c != NULL ? c->count : 0;
}
