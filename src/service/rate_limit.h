/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_RATE_LIMIT_H
#define CAA_SERVICE_RATE_LIMIT_H

/* Token buckets by key (a client's address or /64, a target's registrable domain). Bounded in
 * keys: full buckets are forgotten first, and when every bucket is in use a new key is refused,
 * so a flood of distinct keys cannot grow memory or bypass the limit. Thread-safe. */

#include <stddef.h>

struct rate_limit;

/* rate_per_s tokens refill per second up to burst; at most max_keys keys. NULL on OOM. */
struct rate_limit *rate_limit_new(double rate_per_s, double burst, size_t max_keys);
void rate_limit_free(struct rate_limit *rl);
/* Takes `cost` tokens from key's bucket. 0 taken; -1 limited, *retry_after_s = whole seconds
 * until enough tokens are back (at least 1). */
int rate_limit_take(struct rate_limit *rl, const char *key, double cost, double now,
                    unsigned *retry_after_s);

#endif
