/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_CULPRIT_PROBE_H
#define CAA_BULK_CULPRIT_PROBE_H

#include <caa/bulk.h>

#include "lib/dns/seam.h"

/* Asks each culprit nameserver, directly (RD=0), the CAA query that failed (labels[i] for
 * culprit i) and an SOA control query, and replaces the resolver's view (SERVFAIL, timeout) by
 * what the server really does: NS_NOTIMP_CAA, NS_REFUSED, NS_FORMERR, NS_SERVFAIL, NS_DROPS_CAA,
 * NS_UNREACHABLE. Private and loopback addresses are asked only under a private root (labs),
 * as caa diagnose does. */
void culprits_probe(struct caa_bulk_stats *stats, const char *const *labels,
                    struct caa__loop *async);

#endif
