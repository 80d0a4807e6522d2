/* SPDX-License-Identifier: MIT */
#include "lib/check/compare_memo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util/hash.h"

#define SLOTS 512u /* a power of two; ~135 KiB per kept comparison */

struct slot {
    char qname[256]; /* "" when empty */
    uint64_t until_ms;
};

struct caa__compare_memo {
    struct slot slots[SLOTS];
};

struct caa__compare_memo *caa__compare_memo_new(void)
{
    return calloc(1, sizeof(struct caa__compare_memo));
}

void caa__compare_memo_free(void *memo)
{
    free(memo);
}

/* Questions come from the climb in lower case (0x20 is not used for them), so names compare
 * byte for byte. */
static struct slot *slot_of(const struct caa__compare_memo *m, const char *qname)
{
    return (struct slot *)&m->slots[caa__fnv1a(qname) & (SLOTS - 1)];
}

bool caa__compare_memo_agreed(const struct caa__compare_memo *m, const char *qname, uint64_t now_ms)
{
    const struct slot *s;

    if (m == NULL) {
        return false;
    }
    s = slot_of(m, qname);
    return now_ms < s->until_ms && strcmp(s->qname, qname) == 0;
}

void caa__compare_memo_note(struct caa__compare_memo *m, const char *qname, uint64_t until_ms)
{
    struct slot *s;

    if (m == NULL || strlen(qname) >= sizeof(s->qname)) {
        return;
    }
    s = slot_of(m, qname);
    (void)snprintf(s->qname, sizeof(s->qname), "%s", qname);
    s->until_ms = until_ms;
}
