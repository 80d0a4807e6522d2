/* SPDX-License-Identifier: MIT */
/*
 * CAA lookups through libunbound, configured as a CA's validating resolver (ca-behaviour.md §6.2,
 * dns-lab.md §9): one fresh context per call (or the one a context keeps, resolver_keep.h), in
 * event mode on the calling thread, every query in flight at once (a cold context asks the names
 * before their parents: see below), one deadline.
 */
#include "lib/dns/resolver.h"
#include "lib/dns/unbound_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unbound.h>

#include "lib/dns/answer_parse.h"
#include "lib/dns/async.h"
#include "lib/util/error.h"

#define DEFAULT_ROOT_HINTS "/usr/share/dns/root.hints"
#define DEFAULT_TRUST_ANCHOR "/usr/share/dns/root.key"
#define CLASS_IN 1
#define RRTYPE_CAA 257
#define QNAME_MAX 255
#define NS_PER_MS 1000000
/* Wake at least this often and recompute what is left. */
#define POLL_SLICE_MS 1000
/* A kept resolver's query slots: an order of 100 names climbs at most a few hundred labels. */
#define KEPT_IN_FLIGHT 512u

/* The CA profile (ca-behaviour.md §6.2; dns-lab.md §9 for why each is spelled out).
 *
 * One deliberate difference from Let's Encrypt's resolvers: no 0x20 (`use-caps-for-id`). A fresh
 * libunbound context that meets a timeout starts its "caps fallback" ("Capsforid: timeouts,
 * starting fallback") and asks every server of the zone again, the silent ones included, with
 * backed-off timeouts: on lame.test (one good server beside a refusing, a dead and a silent one)
 * unbound-host with caps gave no answer in 30 s in 3 runs of 20 and 1 of 27, and 0 of 28 without.
 * A CA's long-running resolver has learned which servers are silent; our per-check one has not.
 * The fallback also accepts an answer whatever its case (spoofcase.test), so caps bought no
 * protection here; ID and port randomisation remain, and the wire engine does strict 0x20. */
static const struct {
    const char *name;
    const char *value;
} ca_options[] = {
    {"use-caps-for-id:", "no"},        {"qname-minimisation:", "no"},
    {"edns-buffer-size:", "1232"},     {"harden-dnssec-stripped:", "yes"},
    {"harden-glue:", "yes"},           {"harden-below-nxdomain:", "yes"},
    {"val-log-level:", "2"},           /* fills why_bogus (gotcha 5) */
    {"trust-anchor-signaling:", "no"}, /* no _ta- queries (gotcha 12) */
    {"root-key-sentinel:", "no"},      /* no special names (gotcha 11) */
    {"do-not-query-localhost:", "no"}, /* loopback servers are real servers here (gotcha 13) */
    {"aggressive-nsec:", "no"},        /* every label is really asked (gotcha 7) */
    {"rrset-roundrobin:", "no"},       /* records in the order served: stable output */
};

/* Special-use zones a private root serves (gotcha 2: "nodefault" is ignored by set_option). */
static const char *const custom_root_zones[] = {
    "test. transparent",
    "invalid. transparent",
};

static int64_t ns_of(const struct timespec *ts)
{
    return (int64_t)ts->tv_sec * 1000000000 + (int64_t)ts->tv_nsec;
}

static int64_t now_ns(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return ns_of(&ts);
}

static enum caa_status status_of(int ub_err)
{
    return ub_err == UB_NOMEM ? CAA_E_NOMEM : CAA_E_IO;
}

static enum caa_status set_option(struct ub_ctx *ctx, const char *name, const char *value,
                                  struct caa_error *err)
{
    int rc = ub_ctx_set_option(ctx, name, value);

    if (rc != 0) {
        (void)caa__error_set(err, 0, "resolver option \"%s\" \"%s\": %s", name, value,
                             ub_strerror(rc));
        return status_of(rc);
    }
    return CAA_OK;
}

/* libunbound reads these files only when the first query starts; check now, and say which. */
static enum caa_status check_readable(const char *what, const char *path, struct caa_error *err)
{
    FILE *fp = fopen(path, "r");

    if (fp == NULL) {
        (void)caa__error_set(err, 0, "cannot read %s %s: %s", what, path, strerror(errno));
        return CAA_E_IO;
    }
    (void)fclose(fp);
    return CAA_OK;
}

static enum caa_status set_root(struct ub_ctx *ctx, const struct caa__resolver_config *cfg,
                                struct caa_error *err)
{
    const char *hints = cfg->root_hints != NULL ? cfg->root_hints : DEFAULT_ROOT_HINTS;
    const char *anchor = cfg->trust_anchor != NULL ? cfg->trust_anchor : DEFAULT_TRUST_ANCHOR;
    enum caa_status st = check_readable("root hints", hints, err);
    int rc;

    if (st == CAA_OK) {
        st = check_readable("trust anchor", anchor, err);
    }
    if (st == CAA_OK) {
        /* dns-lab.md gotcha 1: without hints libunbound goes to the real root servers. */
        st = set_option(ctx, "root-hints:", hints, err);
    }
    if (st == CAA_OK) {
        rc = ub_ctx_add_ta_file(ctx, anchor);
        if (rc != 0) {
            (void)caa__error_set(err, 0, "trust anchor %s: %s", anchor, ub_strerror(rc));
            st = status_of(rc);
        }
    }
    return st;
}

static enum caa_status set_profile(struct ub_ctx *ctx, const struct caa__resolver_config *cfg,
                                   struct caa_error *err)
{
    enum caa_status st = CAA_OK;
    size_t i;

    for (i = 0; i < sizeof(ca_options) / sizeof(ca_options[0]) && st == CAA_OK; i++) {
        st = set_option(ctx, ca_options[i].name, ca_options[i].value, err);
    }
    for (i = 0; cfg->custom_hints && i < sizeof(custom_root_zones) / sizeof(custom_root_zones[0]) &&
                st == CAA_OK;
         i++) {
        st = set_option(ctx, "local-zone:", custom_root_zones[i], err);
    }
    for (i = 0; i < cfg->option_count && st == CAA_OK; i++) {
        st = set_option(ctx, cfg->option_names[i], cfg->option_values[i], err);
    }
    return st;
}

enum caa_status caa__unbound_configure(struct ub_ctx *ctx, const struct caa__resolver_config *cfg,
                                       bool with_root, struct caa_error *err)
{
    enum caa_status st = CAA_OK;

    (void)ub_ctx_debugout(ctx, NULL);
    if (with_root) {
        st = set_root(ctx, cfg, err);
    }
    return st == CAA_OK ? set_profile(ctx, cfg, err) : st;
}

static bool args_ok(const struct caa__resolver_config *cfg, const char *const *qnames, size_t n,
                    const struct caa__dns_answer *answers)
{
    size_t i;

    if (cfg == NULL || cfg->timeout_ms == 0 || (n > 0 && (qnames == NULL || answers == NULL)) ||
        (cfg->option_count > 0 && (cfg->option_names == NULL || cfg->option_values == NULL))) {
        return false;
    }
    for (i = 0; i < cfg->option_count; i++) {
        if (cfg->option_names[i] == NULL || cfg->option_values[i] == NULL) {
            return false;
        }
    }
    for (i = 0; i < n; i++) {
        if (qnames[i] == NULL || strlen(qnames[i]) > QNAME_MAX) {
            return false;
        }
    }
    return true;
}

/*
 * Every call runs libunbound in event mode on its own libevent base (async.h), driven from the
 * calling thread: no resolver thread, and no pipe write and wake-up of another thread per
 * query and per answer (performance.md: the thread-and-pipe API is 4-9x slower per query; a
 * one-shot check paid a thread, two socket pairs and a second malloc arena). A kept resolver
 * (caa serve's workers, callers that check name after name) lives on in cfg->keep. Event-mode
 * lookups cannot be cancelled, so a kept resolver that still has some in flight at the
 * deadline goes with them (caa__async_free answers nothing more) and the next call builds a
 * new one, as one that failed.
 *
 * A resolver built for this call starts cold: every lookup would walk the chain from the root
 * by itself (qname minimisation is off, aggressive NSEC too), and a climb's labels share all of
 * it. So the caller's leads (cfg->lead_count: the names themselves) go first, and the other
 * labels when the leads have answered, by then riding on the delegations and keys the leads
 * fetched (one query each, to the zone's own servers), or after LEAD_WAIT_MS, whichever comes
 * first. What it costs in wall time: when the leads answer first, one round trip to the
 * parents' servers after them (0.2 ms in the lab; 10-50 ms on the Internet, where a cold walk
 * takes 100-500 ms); when they take longer than LEAD_WAIT_MS, the parents start then, and
 * finish about when they would have in parallel (the delegations the leads learned by then
 * are the ones the parents would have asked for). What it saves, in the lab (README,
 * Benchmarks): allowed.tour.test 17 upstream queries -> 14, a.b.c.signed.test 24 -> 17, and
 * the validation of the referrals and proofs the parents no longer fetch themselves.
 */
#define LEAD_WAIT_MS 50

struct call {
    size_t outstanding;
};

struct slot {
    struct call *call;
    struct caa__dns_answer *answer;
    bool outstanding;
};

static void on_answer(void *user, struct caa__dns_answer *answer)
{
    struct slot *slot = user;

    if (!slot->outstanding) {
        return;
    }
    slot->outstanding = false;
    slot->call->outstanding--;
    caa__dns_answer_cleanup(slot->answer);
    *slot->answer = *answer; /* the answer's contents are taken (async.h) */
    memset(answer, 0, sizeof(*answer));
}

static void kept_async_free(void *warm)
{
    caa__async_free(warm);
}

/* The resolver for one call: with keeping on, the kept one (*warm) or a new one left in the
 * keep (*kept: the keep owns it); else a new one for this call alone, with libunbound's own
 * capacity (a few lookups). */
static enum caa_status async_get(const struct caa__resolver_config *cfg, struct caa__async **out,
                                 bool *kept, bool *warm, struct caa_error *err)
{
    bool keeping = cfg->keep != NULL && cfg->keep->max_age_ms > 0;
    struct caa__async *a = keeping ? caa__resolver_keep_get(cfg->keep) : NULL;
    struct caa__resolver_config fresh = *cfg;
    enum caa_status st;

    *kept = a != NULL;
    *warm = a != NULL;
    if (a == NULL) {
        fresh.keep = NULL;
        st = caa__async_new(&fresh, NULL, false, keeping ? KEPT_IN_FLIGHT : 0, &a, err);
        if (st != CAA_OK) {
            return st;
        }
        *kept = keeping && caa__resolver_keep_put(cfg->keep, a, kept_async_free);
    }
    *out = a;
    return CAA_OK;
}

static void start(struct caa__async *a, struct slot *slots, size_t from, size_t to,
                  const char *const *qnames, uint16_t rrtype)
{
    for (size_t i = from; i < to; i++) {
        slots[i].call->outstanding++;
        slots[i].outstanding = true;
        (void)caa__async_query(a, qnames[i], rrtype, on_answer, &slots[i]);
    }
}

static enum caa_status resolve_all(const struct caa__resolver_config *cfg,
                                   const char *const *qnames, size_t n, uint16_t rrtype,
                                   struct caa__dns_answer *answers, struct caa_error *err)
{
    int64_t started_ns = now_ns();
    int64_t deadline_ns = started_ns + (int64_t)cfg->timeout_ms * NS_PER_MS;
    int64_t rest_ns = started_ns + (int64_t)LEAD_WAIT_MS * NS_PER_MS;
    struct call call = {0};
    struct slot *slots = calloc(n, sizeof(*slots));
    struct caa__async *a = NULL;
    bool kept = false;
    bool warm = false;
    size_t started = 0;
    enum caa_status st = slots != NULL ? async_get(cfg, &a, &kept, &warm, err) : CAA_E_NOMEM;

    for (size_t i = 0; st == CAA_OK && i < n; i++) {
        slots[i] = (struct slot){&call, &answers[i], false};
    }
    if (st == CAA_OK) {
        /* A warm resolver has the delegations already: everything at once. */
        started = !warm && cfg->lead_count > 0 && cfg->lead_count < n ? cfg->lead_count : n;
        start(a, slots, 0, started, qnames, rrtype);
    }
    while (st == CAA_OK && (call.outstanding > 0 || started < n)) {
        int64_t now = now_ns();
        if (now >= deadline_ns) {
            break;
        }
        if (started < n && (call.outstanding == 0 || now >= rest_ns)) {
            start(a, slots, started, n, qnames, rrtype);
            started = n;
            continue;
        }
        int64_t until = started < n && rest_ns < deadline_ns ? rest_ns : deadline_ns;
        int64_t wait_ms = (until - now + NS_PER_MS - 1) / NS_PER_MS;
        caa__async_run(a, wait_ms > POLL_SLICE_MS ? POLL_SLICE_MS : (unsigned)wait_ms);
    }
    for (size_t i = 0; st == CAA_OK && i < n; i++) {
        if (slots[i].outstanding || i >= started) {
            slots[i].outstanding = false;
            answers[i].failure = CAA__DNS_TIMEOUT;
            answers[i].elapsed_ms = (unsigned)((now_ns() - started_ns) / NS_PER_MS);
        }
    }
    if (call.outstanding > 0 && kept) {
        caa__resolver_keep_reset(cfg->keep);
    } else if (!kept) {
        caa__async_free(a);
    }
    free(slots);
    return st;
}

enum caa_status caa__resolve_caa(const struct caa__resolver_config *cfg, const char *const *qnames,
                                 size_t n, struct caa__dns_answer *answers, struct caa_error *err)
{
    size_t i;

    if (!args_ok(cfg, qnames, n, answers)) {
        return CAA_E_INVALID_ARG;
    }
    for (i = 0; i < n; i++) {
        caa__dns_answer_init(&answers[i], qnames[i]);
        /* Until a callback says otherwise: what a query that never ran reports. */
        answers[i].failure = CAA__DNS_RESOLVER;
    }
    if (n == 0) {
        return CAA_OK;
    }
    return resolve_all(cfg, qnames, n, RRTYPE_CAA, answers, err);
}

enum caa_status caa__resolve_one(const struct caa__resolver_config *cfg, const char *qname,
                                 uint16_t rrtype, struct caa__dns_answer *answer,
                                 struct caa_error *err)
{
    if (!args_ok(cfg, &qname, 1, answer)) {
        return CAA_E_INVALID_ARG;
    }
    caa__dns_answer_init(answer, qname);
    answer->failure = CAA__DNS_RESOLVER;
    return resolve_all(cfg, &qname, 1, rrtype, answer, err);
}
