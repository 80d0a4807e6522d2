/* SPDX-License-Identifier: MIT */
#include "lib/diag/probe_policy.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool caa__server_probe_allowed(const struct caa__server *s, bool allow_private)
{
    return !s->refused && (!s->is_private || allow_private);
}

/* "192.0.2.0/24", "::1", "fc00::/7": does it hold address? */
static bool range_holds(const char *range, const char *address)
{
    uint8_t net[16], addr[16];
    char host[64];
    size_t len = strcspn(range, "/");
    int family = strchr(range, ':') != NULL ? AF_INET6 : AF_INET;
    unsigned long prefix = family == AF_INET ? 32 : 128;

    if (len >= sizeof(host)) {
        return false;
    }
    memcpy(host, range, len);
    host[len] = '\0';
    if (range[len] == '/') {
        char *end = NULL;
        prefix = strtoul(range + len + 1, &end, 10);
        if (*end != '\0' || prefix > (family == AF_INET ? 32u : 128u)) {
            return false;
        }
    }
    if (inet_pton(family, host, net) != 1 || inet_pton(family, address, addr) != 1) {
        return false;
    }
    size_t full = prefix / 8;
    unsigned rest = (unsigned)(prefix % 8);
    return memcmp(net, addr, full) == 0 &&
           (rest == 0 || ((net[full] ^ addr[full]) & (uint8_t)(0xFF00u >> rest)) == 0);
}

static bool is_dnq_option(const char *name)
{
    return strcmp(name, "do-not-query-address:") == 0 || strcmp(name, "do-not-query-address") == 0;
}

void caa__servers_mark_refused(const struct caa__resolver_config *cfg, struct caa__server *servers,
                               size_t count)
{
    for (size_t o = 0; o < cfg->option_count; o++) {
        if (!is_dnq_option(cfg->option_names[o])) {
            continue;
        }
        for (size_t i = 0; i < count; i++) {
            if (range_holds(cfg->option_values[o], servers[i].address)) {
                servers[i].refused = true;
                servers[i].is_private = true;
            }
        }
    }
}
