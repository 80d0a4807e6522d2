/* SPDX-License-Identifier: MIT */
#include "rate_guard.h"

#include <stdlib.h>
#include <string.h>

#include <caa/name.h>

#include "rate_limit.h"
#include "service.h"

#define KEYS_MAX 65536

struct rate_guard {
    struct rate_limit *client, *domain, *fresh;
};

struct rate_guard *rate_guard_new(const struct serve_options *o)
{
    struct rate_guard *g = calloc(1, sizeof(*g));

    if (g == NULL) {
        return NULL;
    }
    g->client = rate_limit_new(o->client_rate, o->client_burst, KEYS_MAX);
    g->domain = rate_limit_new(o->domain_rate, o->domain_burst, KEYS_MAX);
    g->fresh = rate_limit_new(o->fresh_rate, o->fresh_burst, KEYS_MAX);
    if (g->client == NULL || g->domain == NULL || g->fresh == NULL) {
        rate_guard_free(g);
        return NULL;
    }
    return g;
}

void rate_guard_free(struct rate_guard *g)
{
    if (g == NULL) {
        return;
    }
    rate_limit_free(g->client);
    rate_limit_free(g->domain);
    rate_limit_free(g->fresh);
    free(g);
}

int rate_guard_take(struct rate_guard *g, const char *client_key, const struct check_spec *spec,
                    bool fresh, double now, unsigned *retry_after_s, const char **which)
{
    if (fresh && rate_limit_take(g->fresh, client_key, 1.0, now, retry_after_s) != 0) {
        *which = "fresh";
        return -1;
    }
    if (rate_limit_take(g->client, client_key, 1.0, now, retry_after_s) != 0) {
        *which = "client";
        return -1;
    }
    /* One token per distinct registrable domain of the order. */
    for (size_t i = 0; i < spec->name_count; i++) {
        const char *d = caa_name_registrable(spec->names[i]);
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            seen = strcmp(caa_name_registrable(spec->names[j]), d) == 0;
        }
        if (!seen && rate_limit_take(g->domain, d, 1.0, now, retry_after_s) != 0) {
            *which = "domain";
            return -1;
        }
    }
    return 0;
}
