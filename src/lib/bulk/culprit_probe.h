/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_CULPRIT_PROBE_H
#define CAA_BULK_CULPRIT_PROBE_H

#include <caa/bulk.h>

#include "lib/dns/seam.h"

/* Asks each of the first n (at most CAA_BULK_CULPRITS_MAX) culprit nameservers, directly (RD=0),
 * the CAA query that failed (labels[i] for culprits[i]) and an SOA control query, and replaces the
 * resolver's view (SERVFAIL, timeout) by what the server really does: NS_NOTIMP_CAA, NS_REFUSED,
 * NS_FORMERR, NS_SERVFAIL, NS_DROPS_CAA, NS_UNREACHABLE. Private and loopback addresses are asked
 * only under a private root (labs), as caa diagnose does. */
void culprits_probe(struct caa_bulk_culprit *culprits, const char *const *labels, size_t n,
                    struct caa__loop *async);

#endif
