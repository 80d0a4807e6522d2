/* SPDX-License-Identifier: MIT */
/* Whether any root server answers (reach.h): the probe engine, stopping at the first reply. */
#include "lib/dns/reach.h"

#include <stdio.h>
#include <string.h>

#include "lib/dns/hints.h"
#include "lib/dns/probe.h"

/* A few servers of each family are enough: a network that reaches one root server reaches the
 * others, and priming asks them anyway. */
#define PER_FAMILY_MAX 3
#define RRTYPE_NS 2

/* Appends "address: what happened; " to why, cut short if it does not fit. */
static void note(char *why, size_t size, const struct caa__probe_query *q,
                 const struct caa__probe_result *r)
{
    size_t used = strlen(why);

    if (used + 1 < size) {
        (void)snprintf(why + used, size - used, "%s%s: %s", used > 0 ? "; " : "", q->address,
                       r->error[0] != '\0' ? r->error : "no reply");
    }
}

enum caa_status caa__dns_roots_reachable(const char *hints_path, unsigned timeout_ms,
                                         bool *reachable, char *why, size_t why_size)
{
    struct caa__root_server roots[CAA__HINTS_MAX];
    struct caa__probe_query queries[2 * PER_FAMILY_MAX];
    struct caa__probe_result results[2 * PER_FAMILY_MAX];
    struct caa_error err = {0, ""};
    size_t count = 0;
    size_t n = 0;
    size_t v4 = 0;
    size_t v6 = 0;
    enum caa_status st = caa__root_hints_load(hints_path, roots, CAA__HINTS_MAX, &count, &err);

    *reachable = false;
    why[0] = '\0';
    if (st != CAA_OK) {
        return st;
    }
    for (size_t i = 0; i < count && n < 2 * PER_FAMILY_MAX; i++) {
        bool is_v6 = strchr(roots[i].address, ':') != NULL;
        size_t *family = is_v6 ? &v6 : &v4;
        if (*family >= PER_FAMILY_MAX) {
            continue;
        }
        (*family)++;
        caa__probe_query_init(&queries[n], roots[i].address, ".", RRTYPE_NS, timeout_ms);
        queries[n].do_bit = false;
        n++;
    }
    if (n == 0) {
        *reachable = true; /* nothing to ask: let the resolver say what is wrong */
        return CAA_OK;
    }
    st = caa__probe_run_first(queries, n, results);
    if (st != CAA_OK) {
        return st;
    }
    for (size_t i = 0; i < n; i++) {
        *reachable = *reachable || results[i].outcome == CAA__PROBE_ANSWER;
        note(why, why_size, &queries[i], &results[i]);
        caa__probe_result_cleanup(&results[i]);
    }
    return CAA_OK;
}
