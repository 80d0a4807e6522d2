/* SPDX-License-Identifier: MIT */
#ifndef CAA_CHECK_CLIMB_H
#define CAA_CHECK_CLIMB_H

/*
 * One name's climb, computed once: fed its labels' answers in climb order, it classifies each
 * (classify.c, an unparseable RDATA being DNS_MALFORMED), selects the relevant label (Boulder's
 * selectCAA), parses the relevant RRset, and under the BR 3.2.2.8 exception asks for the retry
 * and the Insecure proof it needs. Pure: it never does I/O, it says what it needs next
 * (caa__climb_next) and the caller looks it up, synchronously (caa_check) or on an event loop
 * (bulk). caa__climb_finish then fills the name's result (decide.c).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/check.h>
#include <caa/context.h>
#include <caa/profile.h>

#include "lib/caa/relevant_rrset.h"
#include "lib/check/report.h"
#include "lib/dns/classify.h"
#include "lib/dns/resolver.h"
#include "lib/util/arena.h"
#include "lib/util/must_check.h"

/* What the climb needs next. */
enum caa__climb_need {
    CAA__CLIMB_NEED_LABEL = 0, /* the CAA answer of label `index` (caa__climb_feed) */
    CAA__CLIMB_NEED_RETRY = 1, /* BR 3.2.2.8 "retried at least once": the failing label `index`
                                * asked again (caa__climb_retried) */
    CAA__CLIMB_NEED_PROOF = 2, /* BR 3.2.2.8 Insecure proof: `qtype` at `qname`
                                * (caa__climb_proved) */
    CAA__CLIMB_DONE = 3,       /* caa__climb_finish */
};

struct caa__climb_query {
    enum caa__climb_need need;
    size_t index;      /* LABEL, RETRY: the label */
    const char *qname; /* RETRY, PROOF: borrowed from the answers fed */
    uint16_t qtype;    /* PROOF: SOA, then DS */
};

struct caa__climb {
    enum caa_profile profile;
    bool br_exception; /* the context's lookup-failure policy is CAA_LOOKUP_FAILURE_BR_EXCEPTION */
    size_t label_count;
    size_t answered; /* labels fed so far */
    /* Borrowed: each must live until caa__climb_finish. */
    const struct caa__dns_answer *answers[CAA__CLIMB_MAX];
    enum caa__label_kind kinds[CAA__CLIMB_MAX];
    enum caa_code codes[CAA__CLIMB_MAX];
    struct caa__selection sel;          /* over the labels fed */
    struct caa__label_outcome deciding; /* the selected label's outcome */
    char note[512];                     /* the last label's note that does not change the verdict */
    struct caa_rrset *rrset;            /* the relevant RRset, parsed once; owned */
    /* Where the RRsets and the evaluation are carved (bulk: the name's arena, so a name costs
     * no malloc); NULL: the heap (caa_check). Borrowed; set after caa__climb_init. */
    struct caa__arena *arena;
    bool retried;
    unsigned proof_step; /* 0 SOA, 1 DS, 2 done */
    bool insecure;       /* the proof succeeded */
};

/* A climb over the label_count labels of a name (caa__climb_labels). */
void caa__climb_init(struct caa__climb *c, enum caa_profile profile, enum caa_lookup_failure policy,
                     size_t label_count);
/* Releases what the climb owns (the parsed RRset, unless finish took it). */
void caa__climb_cleanup(struct caa__climb *c);

/* The answer of the next label (c->answered); borrowed until caa__climb_finish. CAA_E_NOMEM. */
CAA__MUST_CHECK enum caa_status caa__climb_feed(struct caa__climb *c,
                                                const struct caa__dns_answer *answer);
/* What the climb needs next. `all_labels`: the caller asks every label whatever the selection
 * (caa_check's parallel round, which reports every lookup); else the climb stops at the first
 * label that decides (bulk: the fewest queries, the same verdict). */
struct caa__climb_query caa__climb_next(const struct caa__climb *c, bool all_labels);
/* Whether a retry's answer replaces the failing label's (it no longer fails). */
bool caa__climb_retry_usable(const struct caa__climb *c, const struct caa__dns_answer *again);
/* The retry was made: `again` (usable, borrowed until finish) replaces the failing label's
 * answer, or NULL when it failed too or could not be made. CAA_E_NOMEM. */
CAA__MUST_CHECK enum caa_status caa__climb_retried(struct caa__climb *c,
                                                   const struct caa__dns_answer *again);
/* The answer of the proof query asked (one that failed: the next query of the proof). */
void caa__climb_proved(struct caa__climb *c, const struct caa__dns_answer *answer);
/* The proof cannot go on (no time left): the zone is not proved Insecure. */
void caa__climb_unproved(struct caa__climb *c);

/* Fills r (whose name, unicode and wildcard are set) from a climb that is done: lookups,
 * aliases, DNSSEC state, the relevant RRset, the evaluation for `req` (its name is r->name),
 * the verdict, code, reason, the CA's message, the BR exception. Strings and arrays are carved
 * from arena; r takes the RRset. */
CAA__MUST_CHECK enum caa_status caa__climb_finish(struct caa__climb *c,
                                                  const struct caa_request *req,
                                                  struct caa__arena *arena,
                                                  struct caa__name_result *r);

#endif
