/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_H
#define CAA_BULK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/check.h>
#include <caa/code.h>
#include <caa/context.h>
#include <caa/evaluate.h>
#include <caa/export.h>
#include <caa/status.h>

/*
 * caa_bulk_run: CA-grade verdicts (the same as caa_check's) for a stream of names, fast: worker
 * threads, each with one event loop and its own resolver (all children of a parent go to one),
 * many names in flight, a cache of label outcomes (RRset, NODATA, NXDOMAIN; never errors) with
 * TTLs, identical in-flight lookups coalesced, a cap per zone that backs off on loss, a deadline
 * per name, one retry before a lookup counts as failed. Memory stays bounded whatever the number of
 * names. The callbacks run on the caller's thread, one at a time. Thread rule: one run per context
 * at a time.
 */

/* One name to check. Strings are borrowed until the result for `index` is emitted. */
struct caa_bulk_item {
    uint64_t index;   /* the caller's position for the name (input line) */
    const char *name; /* as given: U-labels or A-labels, "*." for a wildcard */
    /* The CA for this name only: an issuer domain name, or a CA of the table (caa_ca_named,
     * no dot: "sectigo" stands for all its issuer domains); NULL for the defaults. */
    const char *issuer;
    const char *method; /* a validation method for this name only, or NULL */
};

/* A nameserver of the zone whose lookup failed for one name, and what it does wrong. Found once
 * per zone (its NS set, then each server asked directly, RD=0, the failing CAA query and the
 * zone's SOA), while the name's row waits; every later name failing in that zone gets the same
 * answer from a per-run cache. */
struct caa_bulk_culprit_server {
    const char *nameserver; /* "ns1.example.net" */
    const char *address;    /* the address asked directly; "" when it was not asked (no address,
                               a private address outside a lab, stub mode) */
    /* What it answers when asked directly (CAA_CODE_NS_NOTIMP_CAA, NS_REFUSED, NS_FORMERR,
     * NS_SERVFAIL, NS_DROPS_CAA, NS_UNREACHABLE); the row's own code when it was not asked or
     * answered normally. */
    enum caa_code code;
};

/* One name's verdict. Borrowed: valid only during the emit callback. The library allocates it
 * and may append fields in later versions: never allocate or copy one by value. */
struct caa_bulk_result {
    uint64_t index;
    const char *input; /* the name as given */
    const char *name;  /* A-labels ("" when the name is malformed) */
    enum caa_verdict verdict;
    enum caa_code code;            /* CAA_INPUT_INVALID for a malformed name */
    const char *message;           /* one line for people */
    const char *ca_message;        /* what the CA would say; "" when allowed */
    const char *owner;             /* the relevant RRset's owner; "" when none */
    const struct caa_rrset *rrset; /* the relevant records (empty when none) */
    enum caa_dnssec dnssec;        /* of the relevant (or failing) lookup */
    const char *failing_label;     /* the label whose lookup failed; "" unless verdict is error */
    unsigned lookups;              /* labels consulted for this name */
    unsigned elapsed_ms;
    /* Appended in 0.2: what the verdict made of each record of rrset (caa_evaluation_*
     * getters; caa_evaluation_record_outcome(evaluation, i) for record i), or NULL when no
     * RRset was evaluated (an error, a malformed name). */
    const struct caa_evaluation *evaluation;
    /* Appended in 0.3: who is behind an error for a failed lookup, when the run could name them
     * (see struct caa_bulk_culprit_server): the failing zone's apex ("" when nothing could be
     * attributed) and its nameservers, each with what it does wrong (NULL and 0 when none).
     * Only for verdict error with a failing_label. */
    const char *culprit_zone;
    const struct caa_bulk_culprit_server *culprit_servers;
    size_t culprit_server_count;
};

/* The next name, or the end: return 1 with *item filled, 0 at the end, -1 to abort the run. */
typedef int caa_bulk_next_fn(void *user, struct caa_bulk_item *item);
typedef void caa_bulk_emit_fn(void *user, const struct caa_bulk_result *result);

/* How lookups are made. */
enum caa_bulk_engine {
    /* The wire engine when resolving from the root, libunbound's with `resolver` set (or over
     * a resolver that is not libunbound, as in unit tests). */
    CAA_BULK_ENGINE_DEFAULT = 0,
    CAA_BULK_ENGINE_UNBOUND = 1, /* every lookup through libunbound (event mode) */
    /* CAA questions straight to each zone's authoritative servers over the engine's own
     * transport, with delegations and keys learned through libunbound once per zone and
     * anything unusual handed to libunbound (src/lib/bulk/wire_lookup.h). Recursive runs
     * only: with `resolver` set, lookups go through libunbound. */
    CAA_BULK_ENGINE_WIRE = 2,
};

/*
 * Extensible without breaking the ABI: the caller sets struct_size with caa_bulk_options_init()
 * (sizeof as the caller was compiled), the library reads only the fields that fit in it, and
 * new fields are only ever appended, with 0 meaning "the default". The same holds for
 * struct caa_bulk_stats (caa_bulk_stats_init()), of which the library writes only what fits.
 */
struct caa_bulk_options {
    size_t struct_size;       /* sizeof(struct caa_bulk_options): set by caa_bulk_options_init() */
    unsigned window;          /* names in flight at once; 0 = 1000 */
    unsigned zone_limit;      /* lookups in flight per zone (last two labels); 0 = 64 */
    unsigned name_timeout_ms; /* deadline per name; 0 = the context's timeout */
    size_t cache_entries;     /* label outcomes kept (LRU); 0 = 20000 */
    bool unordered;           /* emit as results come, not in index order */
    const char *resolver;     /* "ADDR[@PORT]": forward to this resolver (stub mode); NULL:
                                 recursive from the root, as caa_check */
    bool trust_ad;            /* stub mode: believe the resolver's AD bit instead of
                                 validating ourselves */
    unsigned threads;         /* workers, each with its own resolver and a share of the cache;
                                 all children of a parent go to one; 0 = one per CPU, at
                                 most 2 */
    enum caa_bulk_engine engine;
    /* CAA_LOOKUP_FAILURE_BR_EXCEPTION: a failed lookup is retried and, in a provably
     * DNSSEC-Insecure zone, counts as permission, as caa_check does under that policy;
     * CAA_LOOKUP_FAILURE_DENY (0): the context's policy. */
    enum caa_lookup_failure lookup_failure;
};

/* Zeroes *opts (every option its default) and sets struct_size. */
CAA_API void caa_bulk_options_init(struct caa_bulk_options *opts);

/* The most (server, cause) pairs caa_bulk_stats holds. */
#define CAA_BULK_CULPRITS_MAX 32

/* A nameserver and one cause of failures, for the summary: the rows' culprit_servers summed. A
 * server that fails in several ways has one entry per cause. */
struct caa_bulk_culprit {
    char nameserver[256]; /* "ns1.example.net" */
    enum caa_code code;   /* what it does wrong: what it answers when asked directly, else the
                             resolver's view of the failures */
    size_t names;         /* rows naming this server with this code */
};

struct caa_bulk_stats {
    size_t struct_size; /* sizeof(struct caa_bulk_stats): set by caa_bulk_stats_init() */
    uint64_t names;
    uint64_t queries;    /* CAA queries sent to the resolver (retries included) */
    uint64_t cache_hits; /* label outcomes answered from the cache */
    uint64_t coalesced;  /* lookups that joined an identical one in flight */
    uint64_t retries;
    unsigned peak_in_flight;
    unsigned elapsed_ms;
    size_t culprit_count; /* at most CAA_BULK_CULPRITS_MAX, most names first */
    struct caa_bulk_culprit culprits[CAA_BULK_CULPRITS_MAX];
    uint64_t failed_names;       /* names whose verdict is error for a failed lookup */
    uint64_t unattributed_names; /* of those, names whose failing zone's servers could not be
                                    named (rows without culprit: no NS set found in time, or
                                    only a public suffix's) */
    uint64_t wire_answers;       /* wire engine: lookups answered from the authoritative servers */
    uint64_t wire_fallbacks;     /* wire engine: lookups handed to libunbound */
    uint64_t wire_ignored;       /* wire engine: datagrams not believed (wrong ID, address, port,
                                    question or case) */
    /* Appended in 0.3: the per-row attribution of failures (struct caa_bulk_culprit_server). */
    uint64_t culprit_zone_lookups; /* failing zones whose NS set was looked up */
    uint64_t culprit_probe_rounds; /* zones whose servers were asked directly */
    /* Appended in 0.4: wire engine, of wire_fallbacks, the lookups handed to libunbound without
     * asking the zone's servers, because its replies kept being handed over (NXDOMAIN in a
     * signed zone, wildcards, DNAMEs). */
    uint64_t wire_unasked;
};

/* Zeroes *stats and sets struct_size. */
CAA_API void caa_bulk_stats_init(struct caa_bulk_stats *stats);

/**
 * Checks every name `next` gives for the CA, account and method of `defaults` (its name is
 * ignored; per-item issuer/method override), calling `emit` once per item, malformed names
 * included (verdict error, code CAA_INPUT_INVALID). The resolver is set up from ctx (hints,
 * trust anchor, options, profile, lookup-failure policy unless opts names one). opts may be NULL
 * (every default). stats (may be NULL) is filled at the end. opts and stats, when given, must
 * have been set up by their _init function.
 * Returns CAA_E_IO when the resolver cannot start (err says why), CAA_E_INVALID_ARG when
 * `next` aborted or a struct_size is 0, CAA_E_NOMEM, or CAA_OK.
 */
CAA_API enum caa_status caa_bulk_run(struct caa_ctx *ctx, const struct caa_request *defaults,
                                     const struct caa_bulk_options *opts, caa_bulk_next_fn *next,
                                     caa_bulk_emit_fn *emit, void *user,
                                     struct caa_bulk_stats *stats, struct caa_error *err);

#endif
