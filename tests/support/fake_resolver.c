/* SPDX-License-Identifier: MIT */
#include "fake_resolver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pthread.h>

#include "lib/check/context.h"
#include "lib/dns/seam.h"

void fake_resolver_script(struct fake_resolver *f, const struct fake_answer *answers, size_t n)
{
    memset(f, 0, sizeof(*f));
    f->script = answers;
    f->script_len = n < FAKE_SCRIPT_MAX ? n : FAKE_SCRIPT_MAX;
}

static uint8_t *from_hex(const char *hex, size_t *len)
{
    size_t n = strlen(hex) / 2;
    uint8_t *out = malloc(n + 1);

    for (size_t i = 0; out != NULL && i < n; i++) {
        unsigned byte = 0;
        (void)sscanf(hex + 2 * i, "%2x", &byte);
        out[i] = (uint8_t)byte;
    }
    *len = n;
    return out;
}

/* The script's counters are shared by every loop of a context: a bulk run's attribution
 * thread asks beside its worker. */
static pthread_mutex_t counters = PTHREAD_MUTEX_INITIALIZER;

static void fill(struct fake_resolver *fr, struct caa__dns_answer *a, const char *qname,
                 uint16_t rrtype)
{
    caa__dns_answer_init(a, qname);
    a->rcode = 0;
    a->dnssec = CAA_DNSSEC_INSECURE;
    a->ttl = fr->ttl;
    for (size_t i = 0; i < fr->script_len; i++) {
        const struct fake_answer *f = &fr->script[i];
        size_t n = 0;
        if (strcmp(f->qname, qname) != 0 || f->rrtype != rrtype) {
            continue;
        }
        if (fr->asked[i]++ < f->fail_first_n) {
            a->rcode = 2;
            a->dnssec = CAA_DNSSEC_UNKNOWN;
            return;
        }
        a->failure = f->failure;
        a->rcode = f->failure == CAA__DNS_OK ? f->rcode : -1;
        a->dnssec = f->dnssec;
        (void)snprintf(a->why_bogus, sizeof(a->why_bogus), "%s",
                       f->why_bogus != NULL ? f->why_bogus : "");
        a->truncated = f->truncated != 0;
        while (n < 4 && f->rdata_hex[n] != NULL) {
            n++;
        }
        a->rdata = calloc(n + 1, sizeof(*a->rdata));
        a->rdata_len = calloc(n + 1, sizeof(*a->rdata_len));
        for (size_t r = 0; r < n; r++) {
            a->rdata[r] = from_hex(f->rdata_hex[r], &a->rdata_len[r]);
        }
        a->rdata_count = n;
        if (f->alias != NULL) {
            a->aliases[0] = strdup(f->alias);
            a->alias_count = 1;
        }
        return;
    }
}

/* What libunbound's resolver does with cfg->keep (resolver_unbound.c), with a token (heap, so
 * a leaked one shows under ASan) for the context. */
static void use_resolver(struct fake_resolver *f, const struct caa__resolver_config *cfg)
{
    int *token;

    if (cfg->keep != NULL && caa__resolver_keep_get(cfg->keep) != NULL) {
        f->reuses++;
        return;
    }
    f->builds++;
    token = malloc(sizeof(*token));
    if (cfg->keep == NULL || token == NULL || !caa__resolver_keep_put(cfg->keep, token, free)) {
        free(token);
    }
}

static enum caa_status resolve_caa(void *user, const struct caa__resolver_config *cfg,
                                   const char *const *qnames, size_t n,
                                   struct caa__dns_answer *answers, struct caa_error *err)
{
    struct fake_resolver *f = user;

    (void)err;
    use_resolver(f, cfg);
    f->calls++;
    f->qnames_asked += n;
    for (size_t i = 0; i < n; i++) {
        fill(f, &answers[i], qnames[i], 257);
    }
    return CAA_OK;
}

static enum caa_status resolve_one(void *user, const struct caa__resolver_config *cfg,
                                   const char *qname, uint16_t rrtype,
                                   struct caa__dns_answer *answer, struct caa_error *err)
{
    (void)err;
    use_resolver(user, cfg);
    fill(user, answer, qname, rrtype);
    return CAA_OK;
}

/* An event loop: queries wait for the next turn (caa__loop_run), answered in order. */
struct fake_query {
    char qname[256];
    uint16_t qtype;
    caa__async_done_fn *fn;
    void *user;
    struct fake_query *next;
};

struct fake_loop {
    struct fake_resolver *f;
    struct fake_query *first, *last;
};

static enum caa_status async_new(void *user, const struct caa__resolver_config *cfg,
                                 const char *forwarder, bool trust_ad, unsigned in_flight,
                                 void **loop, struct caa_error *err)
{
    struct fake_loop *l = calloc(1, sizeof(*l));

    (void)cfg;
    (void)forwarder;
    (void)trust_ad;
    (void)in_flight;
    (void)err;
    if (l == NULL) {
        return CAA_E_NOMEM;
    }
    l->f = user;
    (void)pthread_mutex_lock(&counters);
    l->f->loops++;
    (void)pthread_mutex_unlock(&counters);
    *loop = l;
    return CAA_OK;
}

static void async_free(void *loop)
{
    struct fake_loop *l = loop;

    while (l->first != NULL) {
        struct fake_query *q = l->first;
        l->first = q->next;
        free(q);
    }
    free(l);
}

static int async_query(void *loop, const char *qname, uint16_t qtype, caa__async_done_fn *fn,
                       void *user)
{
    struct fake_loop *l = loop;
    struct fake_query *q = calloc(1, sizeof(*q));

    if (q == NULL) {
        struct caa__dns_answer a;
        caa__dns_answer_init(&a, qname);
        a.failure = CAA__DNS_RESOLVER;
        fn(user, &a);
        caa__dns_answer_cleanup(&a);
        return -1;
    }
    (void)snprintf(q->qname, sizeof(q->qname), "%s", qname);
    q->qtype = qtype;
    q->fn = fn;
    q->user = user;
    if (l->last != NULL) {
        l->last->next = q;
    } else {
        l->first = q;
    }
    l->last = q;
    return 0;
}

/* Answers the queries made before this turn (those their callbacks make wait for the next);
 * with none, waits a little, as a loop with nothing to do. */
static void async_run(void *loop, unsigned timeout_ms)
{
    struct fake_loop *l = loop;
    struct fake_query *q = l->first;

    l->first = NULL;
    l->last = NULL;
    if (q == NULL && timeout_ms > 0) {
        struct timespec pause = {0, 1000000L};
        (void)nanosleep(&pause, NULL);
    }
    while (q != NULL) {
        struct fake_query *next = q->next;
        struct caa__dns_answer a;
        (void)pthread_mutex_lock(&counters);
        fill(l->f, &a, q->qname, q->qtype);
        l->f->async_asked++;
        (void)pthread_mutex_unlock(&counters);
        q->fn(q->user, &a);
        caa__dns_answer_cleanup(&a);
        free(q);
        q = next;
    }
}

static void async_wake(void *loop)
{
    (void)loop;
}

static bool async_private_root(const void *loop)
{
    (void)loop;
    return false;
}

/* The network check of caa_check (issue 11): scripted by f->network_down. */
static enum caa_status roots_reachable(void *user, const char *hints_path, unsigned timeout_ms,
                                       bool *reachable, char *why, size_t why_size)
{
    struct fake_resolver *f = user;

    (void)hints_path;
    (void)timeout_ms;
    f->probes++;
    *reachable = !f->network_down;
    (void)snprintf(why, why_size, "%s", f->network_down ? "198.41.0.4: no reply (scripted)" : "");
    return CAA_OK;
}

static const struct caa__resolver_ops fake_ops = {
    resolve_caa, resolve_one, async_new,          async_free,      async_query,
    async_run,   async_wake,  async_private_root, roots_reachable,
};

void fake_resolver_use(struct fake_resolver *f, struct caa_ctx *ctx)
{
    caa__ctx_set_resolver(ctx, &fake_ops, f);
}

void fake_resolver_clock(struct caa_ctx *ctx, uint64_t (*clock_ms)(void))
{
    ctx->keep.clock_ms = clock_ms;
    ctx->compare_keep.clock_ms = clock_ms;
}
