/* SPDX-License-Identifier: MIT */
#ifndef CAA_CAA_RRSET_INTERNAL_H
#define CAA_CAA_RRSET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <caa/record.h>

#include "lib/util/arena.h"
#include "lib/util/must_check.h"

/* An empty RRset carved from arena, as are its owner and records when they are added: no
 * malloc (bulk's names). caa_rrset_free() on it is a no-op; it lives as long as the arena's
 * current contents. */
CAA__MUST_CHECK enum caa_status caa__rrset_new_in(struct caa__arena *arena, struct caa_rrset **out);

/* Adds the record of a CAA RDATA in wire format (caa_record_from_wire's checks and parse_flags)
 * without a temporary copy. */
CAA__MUST_CHECK enum caa_status caa__rrset_add_wire(struct caa_rrset *set, const uint8_t *rdata,
                                                    size_t rdata_len, unsigned parse_flags);

#endif
