/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_PROBE_RRSET_H
#define CAA_DNS_PROBE_RRSET_H

/*
 * What one server's reply says, as a key to compare with another server's and as text for
 * people: `caa diagnose` (NS_INCONSISTENT, DNS01_TXT_MISMATCH) and `caa check`'s server
 * comparison judge the same question the same way. Pure; thread-safe.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/dns/probe.h"

/* Room for a key of a few records; longer keys are cut (two cut keys compare equal only when
 * their first bytes do). */
#define CAA__PROBE_KEY_MAX 2048

/* The records of `rrtype` in r's answer section as a canonical key: each RDATA in hex, sorted,
 * joined by '|', so the order a server (or rrset-roundrobin) gives them in does not matter. At
 * most 64 records; cut to cap. "" when there are none. */
void caa__probe_rrset_key(const struct caa__probe_result *r, uint16_t rrtype, char *out,
                          size_t cap);

/* Whether r is an answer that can be compared with another server's: a reply that parses and is
 * not truncated. A server that does not answer (timeout, unreachable, refused connection, a
 * reply that does not parse, a flood) says nothing about what the zone holds, so it never
 * counts as a disagreement by itself. */
bool caa__probe_comparable(const struct caa__probe_result *r);

/* The comparable answer r as one key: its rcode, then its records of rrtype (above), so
 * NOERROR with no records, NXDOMAIN and REFUSED are three different answers. */
void caa__probe_answer_key(const struct caa__probe_result *r, uint16_t rrtype, char *out,
                           size_t cap);

/* True when at least two of the n results are comparable and their answer keys differ. NULL
 * entries and results that are not comparable are skipped. */
bool caa__probe_answers_differ(const struct caa__probe_result *const *results, size_t n,
                               uint16_t rrtype);

/* Appends r's records of rrtype to out (used bytes already there) for people: CAA as `flags
 * tag "value"`, TXT as its quoted strings, separated by ", ", "(none)" when there are none.
 * Bytes that are not printable ASCII are written \DDD (RFC 1035 §5.1), so a hostile value
 * cannot forge a line. Returns the new used (never past cap - 1). */
size_t caa__probe_rrset_show(char *out, size_t cap, size_t used, const struct caa__probe_result *r,
                             uint16_t rrtype);

/* Appends what the server said for people: "NOERROR: 0 issue \"ca.example\"", "NOERROR: no
 * CAA records", "NXDOMAIN", "REFUSED", "truncated over UDP", "no reply (timeout)". Returns
 * the new used. */
size_t caa__probe_answer_show(char *out, size_t cap, size_t used, const struct caa__probe_result *r,
                              uint16_t rrtype);

#endif
