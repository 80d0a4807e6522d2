/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_RATE_GUARD_H
#define CAA_SERVICE_RATE_GUARD_H

/* The rate limits a check passes before it may go to DNS: per client (address or v6 /64), per
 * target registrable domain (Public Suffix List, libpsl: a flood of random subdomains of one
 * zone counts as that zone), and for fresh=1 a stricter per-client bucket. */

#include <stdbool.h>

#include "check_spec.h"

struct serve_options;
struct rate_guard;

struct rate_guard *rate_guard_new(const struct serve_options *o);
void rate_guard_free(struct rate_guard *g);
/* 0: allowed (tokens taken). -1: limited; *retry_after_s and *which ("client", "domain",
 * "fresh") say by what. */
int rate_guard_take(struct rate_guard *g, const char *client_key, const struct check_spec *spec,
                    bool fresh, double now, unsigned *retry_after_s, const char **which);

#endif
