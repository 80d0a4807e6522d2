/* SPDX-License-Identifier: MIT */
#ifndef CAA_CHECK_COMPARE_MEMO_H
#define CAA_CHECK_COMPARE_MEMO_H

/*
 * What a kept server comparison remembers (caa_ctx_set_resolver_reuse): the questions whose
 * servers all answered, and answered alike, for a short while. A service checking names of one
 * domain asks that domain's servers once, not on every check. It lives beside the kept
 * comparison loop (resolver_keep.h companion), so whatever drops the loop (a reset, fresh=1, its
 * age) forgets it too. A fixed table, direct-mapped by name: a collision only forgets.
 */

#include <stdbool.h>
#include <stdint.h>

/* How long an agreement is believed: no longer than a service's result cache (60 s). */
#define CAA__COMPARE_MEMO_MS 30000u

struct caa__compare_memo;

/* NULL when out of memory (then nothing is remembered). */
struct caa__compare_memo *caa__compare_memo_new(void);
/* Takes void * to be a resolver_keep companion's free function. */
void caa__compare_memo_free(void *memo);

/* True when qname's servers were seen agreeing and now_ms is before the note's end. */
bool caa__compare_memo_agreed(const struct caa__compare_memo *m, const char *qname,
                              uint64_t now_ms);
/* qname's servers all answered alike; believe it until until_ms. */
void caa__compare_memo_note(struct caa__compare_memo *m, const char *qname, uint64_t until_ms);

#endif
