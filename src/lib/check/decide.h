/* SPDX-License-Identifier: MIT */
#ifndef CAA_CHECK_DECIDE_H
#define CAA_CHECK_DECIDE_H

#include <caa/record.h>

#include "lib/dns/resolver.h"
#include "lib/util/arena.h"
#include "lib/util/must_check.h"

/* Builds the relevant RRset of an answer (owner: the queried name; tags read leniently), carved
 * from arena, or on the heap when arena is NULL. CAA_E_SYNTAX for an unparseable RDATA.
 * (caa__climb_finish, decide.c, fills a name's result.) */
CAA__MUST_CHECK enum caa_status caa__rrset_from_answer(const struct caa__dns_answer *a,
                                                       struct caa__arena *arena,
                                                       struct caa_rrset **out);

#endif
