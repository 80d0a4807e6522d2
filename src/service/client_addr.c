/* SPDX-License-Identifier: MIT */
#include "client_addr.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define HOPS_MAX 32

struct addr {
    int family;
    uint8_t bytes[16];
};

/* One hop: "192.0.2.1", "2001:db8::1", or Forwarded's for= forms ("192.0.2.1:4711",
 * "\"[2001:db8::1]:4711\""). */
static bool parse_hop(const char *s, size_t len, struct addr *out)
{
    char buf[64];
    char *p = buf;

    while (len > 0 && (*s == ' ' || *s == '\t' || *s == '"')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '"')) {
        len--;
    }
    if (len == 0 || len >= sizeof(buf)) {
        return false;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (buf[0] == '[') {
        char *close = strchr(buf, ']');
        if (close == NULL) {
            return false;
        }
        *close = '\0';
        p = buf + 1;
    } else if (strchr(buf, ':') == strrchr(buf, ':') && strchr(buf, ':') != NULL) {
        *strchr(buf, ':') = '\0'; /* v4 with a port */
    }
    memset(out, 0, sizeof(*out));
    if (inet_pton(AF_INET, p, out->bytes) == 1) {
        out->family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, p, out->bytes) == 1) {
        out->family = AF_INET6;
        return true;
    }
    return false;
}

/* The for= values of a Forwarded header, or the entries of X-Forwarded-For, left to right. */
static size_t split_hops(const char *header, bool forwarded, struct addr *hops, size_t max)
{
    size_t n = 0;
    const char *p = header;

    while (*p != '\0' && n < max) {
        size_t len = strcspn(p, forwarded ? ",;" : ",");
        const char *item = p;
        p += len + (p[len] != '\0');
        if (forwarded) {
            while (len > 0 && (*item == ' ' || *item == '\t')) {
                item++;
                len--;
            }
            if (len < 4 || strncasecmp(item, "for=", 4) != 0) {
                continue;
            }
            item += 4;
            len -= 4;
        }
        if (!parse_hop(item, len, &hops[n])) {
            hops[n].family = 0; /* unreadable: stops the walk */
        }
        n++;
    }
    return n;
}

static void fill(const struct addr *a, struct client_addr *out)
{
    uint8_t prefix[16] = {0};

    if (inet_ntop(a->family, a->bytes, out->text, sizeof(out->text)) == NULL) {
        (void)snprintf(out->text, sizeof(out->text), "unknown");
    }
    if (a->family != AF_INET6) {
        (void)snprintf(out->key, sizeof(out->key), "%s", out->text);
        return;
    }
    /* One customer usually holds a whole /64: limit the /64, not each address. */
    memcpy(prefix, a->bytes, 8);
    char text[INET6_ADDRSTRLEN];
    (void)inet_ntop(AF_INET6, prefix, text, sizeof(text));
    (void)snprintf(out->key, sizeof(out->key), "%s/64", text);
}

void client_addr_get(const struct sockaddr *peer, const char *forwarded, const char *xff,
                     const struct cidr *trusted, size_t trusted_count, struct client_addr *out)
{
    struct addr cur = {0, {0}};
    struct addr hops[HOPS_MAX];
    size_t n = 0;

    if (cidr_addr_of(peer, &cur.family, cur.bytes) != 0) {
        (void)snprintf(out->text, sizeof(out->text), "unknown");
        (void)snprintf(out->key, sizeof(out->key), "unknown");
        return;
    }
    if (trusted_count > 0 && cidr_list_contains(trusted, trusted_count, cur.family, cur.bytes)) {
        if (forwarded != NULL) {
            n = split_hops(forwarded, true, hops, HOPS_MAX);
        } else if (xff != NULL) {
            n = split_hops(xff, false, hops, HOPS_MAX);
        }
    }
    /* Walk right to left while the current hop is a proxy we trust. */
    while (n > 0 && cidr_list_contains(trusted, trusted_count, cur.family, cur.bytes)) {
        if (hops[n - 1].family == 0) {
            break;
        }
        cur = hops[--n];
    }
    fill(&cur, out);
}
