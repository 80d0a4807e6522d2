/* SPDX-License-Identifier: MIT */
#include "cidr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RFC 6890 and its successors: where no public nameserver lives. */
static const char *const special_use[] = {
    "0.0.0.0/8",      "10.0.0.0/8",    "100.64.0.0/10", "127.0.0.0/8",
    "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",  "192.168.0.0/16",
    "198.18.0.0/15",  "224.0.0.0/3",   "::/127",        "::ffff:0:0/96",
    "64:ff9b:1::/48", "fc00::/7",      "fe80::/10",     "ff00::/8",
};

static void clear_host_bits(struct cidr *c)
{
    unsigned len = c->family == AF_INET ? 4 : 16;

    for (unsigned i = 0; i < len; i++) {
        unsigned bits = i * 8 >= c->prefix ? 0 : (c->prefix - i * 8 >= 8 ? 8 : c->prefix - i * 8);
        c->addr[i] &= (uint8_t)(0xff00u >> bits);
    }
}

int cidr_parse(const char *text, struct cidr *out)
{
    char host[64];
    const char *slash = strchr(text, '/');
    size_t len = slash != NULL ? (size_t)(slash - text) : strlen(text);
    unsigned long prefix;
    struct cidr c;

    if (len == 0 || len >= sizeof(host)) {
        return -1;
    }
    memcpy(host, text, len);
    host[len] = '\0';
    memset(&c, 0, sizeof(c));
    if (inet_pton(AF_INET, host, c.addr) == 1) {
        c.family = AF_INET;
    } else if (inet_pton(AF_INET6, host, c.addr) == 1) {
        c.family = AF_INET6;
    } else {
        return -1;
    }
    prefix = c.family == AF_INET ? 32 : 128;
    if (slash != NULL) {
        char *end = NULL;
        unsigned long p = strtoul(slash + 1, &end, 10);
        if (end == slash + 1 || *end != '\0' || p > prefix) {
            return -1;
        }
        prefix = p;
    }
    c.prefix = (unsigned)prefix;
    struct cidr masked = c;
    clear_host_bits(&masked);
    if (memcmp(masked.addr, c.addr, sizeof(c.addr)) != 0) {
        return -1;
    }
    *out = c;
    return 0;
}

void cidr_format(const struct cidr *c, char *out, size_t out_len)
{
    char host[INET6_ADDRSTRLEN];

    if (inet_ntop(c->family, c->addr, host, sizeof(host)) == NULL) {
        host[0] = '\0';
    }
    (void)snprintf(out, out_len, "%s/%u", host, c->prefix);
}

bool cidr_contains(const struct cidr *c, int family, const uint8_t *addr)
{
    unsigned full = c->prefix / 8, rest = c->prefix % 8;

    if (family != c->family) {
        return false;
    }
    if (memcmp(c->addr, addr, full) != 0) {
        return false;
    }
    return rest == 0 || ((c->addr[full] ^ addr[full]) & (uint8_t)(0xff00u >> rest)) == 0;
}

bool cidr_list_contains(const struct cidr *list, size_t count, int family, const uint8_t *addr)
{
    for (size_t i = 0; i < count; i++) {
        if (cidr_contains(&list[i], family, addr)) {
            return true;
        }
    }
    return false;
}

int cidr_addr_of(const struct sockaddr *sa, int *family, uint8_t addr[16])
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

    memset(addr, 0, 16);
    if (sa == NULL) {
        return -1;
    }
    if (sa->sa_family == AF_INET) {
        memcpy(addr, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
        *family = AF_INET;
        return 0;
    }
    if (sa->sa_family == AF_INET6) {
        const uint8_t *a6 = ((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr;
        if (memcmp(a6, mapped, sizeof(mapped)) == 0) {
            memcpy(addr, a6 + 12, 4);
            *family = AF_INET;
        } else {
            memcpy(addr, a6, 16);
            *family = AF_INET6;
        }
        return 0;
    }
    return -1;
}

bool cidr_within(const struct cidr *a, const struct cidr *b)
{
    return a->prefix >= b->prefix && cidr_contains(b, a->family, a->addr);
}

static bool overlaps(const struct cidr *a, const struct cidr *b)
{
    return cidr_within(a, b) || cidr_within(b, a);
}

/* Appends `block` minus every allowed range inside it: split in halves until each half is
 * either wholly allowed (dropped) or touches no allowed range (kept). */
static size_t subtract(const struct cidr *block, const struct cidr *allowed, size_t allowed_count,
                       struct cidr *out, size_t max, size_t n)
{
    bool touches = false;

    for (size_t i = 0; i < allowed_count; i++) {
        if (cidr_within(block, &allowed[i])) {
            return n;
        }
        touches = touches || overlaps(block, &allowed[i]);
    }
    if (!touches) {
        if (n < max) {
            out[n] = *block;
        }
        return n + 1;
    }
    for (unsigned half = 0; half < 2; half++) {
        struct cidr h = *block;
        h.prefix++;
        if (half == 1) {
            h.addr[block->prefix / 8] |= (uint8_t)(0x80u >> (block->prefix % 8));
        }
        n = subtract(&h, allowed, allowed_count, out, max, n);
    }
    return n;
}

size_t cidr_blocked_ranges(const struct cidr *allowed, size_t allowed_count, struct cidr *out,
                           size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < sizeof(special_use) / sizeof(special_use[0]); i++) {
        struct cidr block;
        if (cidr_parse(special_use[i], &block) == 0) {
            n = subtract(&block, allowed, allowed_count, out, max, n);
        }
    }
    return n;
}
