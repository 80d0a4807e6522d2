/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_CIDR_H
#define CAA_SERVICE_CIDR_H

/* Address ranges: --trusted-proxy and --allow-private, and the special-use ranges the resolver
 * must never be sent to. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

struct cidr {
    int family; /* AF_INET or AF_INET6 */
    uint8_t addr[16];
    unsigned prefix;
};

/* "127.53.0.0/24", "::1/128", "10.1.2.3" (a host). 0 or -1. Host bits must be zero. */
int cidr_parse(const char *text, struct cidr *out);
/* "a.b.c.d/n" or "x::/n". */
void cidr_format(const struct cidr *c, char *out, size_t out_len);
bool cidr_contains(const struct cidr *c, int family, const uint8_t *addr);
bool cidr_list_contains(const struct cidr *list, size_t count, int family, const uint8_t *addr);
/* The address of a sockaddr (v4-mapped v6 as v4): 0 or -1. */
int cidr_addr_of(const struct sockaddr *sa, int *family, uint8_t addr[16]);
/* a ⊆ b */
bool cidr_within(const struct cidr *a, const struct cidr *b);

/*
 * The ranges a public service's resolver must not send queries to: the special-use ranges
 * (loopback, RFC 1918, CGNAT, link-local, ULA, ...), minus the allowed ones. Writes at most max
 * CIDRs to out and returns how many are needed (more than max: the caller's list is too small).
 */
size_t cidr_blocked_ranges(const struct cidr *allowed, size_t allowed_count, struct cidr *out,
                           size_t max);

#endif
