/* SPDX-License-Identifier: MIT */
/* Which server addresses are private: probed only when the user allows it. */
#include "lib/dns/address_policy.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool caa__address_is_private(const char *address)
{
    uint8_t b[16];

    if (inet_pton(AF_INET, address, b) == 1) {
        return b[0] == 127 || b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) ||
               (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || b[0] == 0;
    }
    if (inet_pton(AF_INET6, address, b) == 1) {
        static const uint8_t loopback[16] = {[15] = 1};
        return memcmp(b, loopback, 16) == 0 || (b[0] & 0xFE) == 0xFC ||
               (b[0] == 0xFE && (b[1] & 0xC0) == 0x80);
    }
    return false;
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

bool caa__address_refused(const struct caa__resolver_config *cfg, const char *address)
{
    for (size_t o = 0; o < cfg->option_count; o++) {
        if (is_dnq_option(cfg->option_names[o]) && range_holds(cfg->option_values[o], address)) {
            return true;
        }
    }
    return false;
}

bool caa__address_probe_allowed(const struct caa__resolver_config *cfg, const char *address,
                                bool allow_private)
{
    return !caa__address_refused(cfg, address) &&
           (allow_private || !caa__address_is_private(address));
}
