/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_REACH_H
#define CAA_DNS_REACH_H

/*
 * Can this machine reach any DNS server at all? caa resolves from the root, so "no root server
 * answers" means no lookup can work here (outbound port 53 blocked, no network), and a failure
 * must be reported as ours, not blamed on the domain's servers (issue 11).
 */

#include <stdbool.h>
#include <stddef.h>

#include <caa/status.h>

/* Asks a few root servers of the hints file (NULL: Debian's dns-root-data) ". NS" directly,
 * all at once, and stops at the first reply of any kind, or after timeout_ms. *reachable says
 * whether one replied; when none did, why[] lists what each address did. Returns CAA_E_IO when
 * the hints cannot be read (the resolver reports that itself), CAA_E_NOMEM, or CAA_OK. */
enum caa_status caa__dns_roots_reachable(const char *hints_path, unsigned timeout_ms,
                                         bool *reachable, char *why, size_t why_size);

#endif
