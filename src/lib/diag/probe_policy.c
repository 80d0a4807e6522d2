/* SPDX-License-Identifier: MIT */
#include "lib/diag/probe_policy.h"

#include "lib/dns/address_policy.h"

bool caa__server_probe_allowed(const struct caa__server *s, bool allow_private)
{
    return !s->refused && (!s->is_private || allow_private);
}

void caa__servers_mark_refused(const struct caa__resolver_config *cfg, struct caa__server *servers,
                               size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (caa__address_refused(cfg, servers[i].address)) {
            servers[i].refused = true;
            servers[i].is_private = true;
        }
    }
}
