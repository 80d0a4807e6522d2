/* SPDX-License-Identifier: MIT */
#ifndef CAA_TESTS_FAKE_RESOLVER_H
#define CAA_TESTS_FAKE_RESOLVER_H

/*
 * A scripted stand-in for src/lib/dns/resolver.h, for unit tests of the climb and the verdict
 * without a network: each (qname, type) gets the answer its script line says. Unscripted CAA
 * names answer NOERROR/NODATA (insecure).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/dns/resolver.h"

struct fake_answer {
    const char *qname;
    uint16_t rrtype; /* 257 CAA, 6 SOA, 43 DS */
    enum caa__dns_failure failure;
    int rcode;
    enum caa_dnssec dnssec;
    const char *why_bogus;
    const char *rdata_hex[4]; /* CAA RDATA in hex, NULL-terminated */
    int truncated;
    const char *alias; /* one "a -> b" alias, or NULL */
    int fail_first_n;  /* answer SERVFAIL for the first n asks, then this answer */
};

/* Installs a script (borrowed until the next call); resets the call counters. */
void fake_resolver_script(const struct fake_answer *answers, size_t n);
/* Whether caa__dns_roots_reachable() finds a root server (true until said otherwise; each
 * fake_resolver_script() call sets it back to true). */
void fake_resolver_network(bool up);
/* How many caa__resolve_caa calls and how many qnames were asked in total since the script. */
size_t fake_resolver_calls(void);
size_t fake_resolver_qnames(void);

#endif
