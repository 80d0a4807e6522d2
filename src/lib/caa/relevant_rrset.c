/* SPDX-License-Identifier: MIT */
#include "lib/caa/relevant_rrset.h"

#include <string.h>

size_t caa__climb_labels(const char *name, const char *out[CAA__CLIMB_MAX])
{
    size_t n = 0;
    const char *p = name;

    /* For "*.x", the climb starts at x; the literal "*.x" is never queried (Boulder). */
    if (strncmp(p, "*.", 2) == 0) {
        p += 2;
    }
    /* The root is never queried: the last label (the TLD) is the top of the climb. */
    while (*p != '\0' && n < CAA__CLIMB_MAX) {
        const char *dot = strchr(p, '.');
        out[n++] = p;
        if (dot == NULL) {
            break;
        }
        p = dot + 1;
    }
    return n;
}

struct caa__selection caa__select_relevant(const enum caa__label_kind *kinds, size_t n)
{
    struct caa__selection sel = {CAA__LABEL_EMPTY, n};

    for (size_t i = 0; i < n; i++) {
        if (kinds[i] != CAA__LABEL_EMPTY) {
            sel.kind = kinds[i];
            sel.index = i;
            break;
        }
    }
    return sel;
}
