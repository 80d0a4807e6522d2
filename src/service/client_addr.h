/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_CLIENT_ADDR_H
#define CAA_SERVICE_CLIENT_ADDR_H

/* Who the client is, for rate limits and the log: the peer, or, only when the peer is one of
 * the --trusted-proxy ranges, the address that proxy reports (Forwarded, RFC 7239, else
 * X-Forwarded-For): the rightmost hop that is not itself a trusted proxy. */

#include <stddef.h>
#include <sys/socket.h>

#include "cidr.h"

struct client_addr {
    char text[64]; /* "192.0.2.1", "2001:db8::1" */
    char key[64];  /* rate-limit key: the v4 address, or the v6 /64 ("2001:db8::/64") */
};

void client_addr_get(const struct sockaddr *peer, const char *forwarded, const char *xff,
                     const struct cidr *trusted, size_t trusted_count, struct client_addr *out);

#endif
