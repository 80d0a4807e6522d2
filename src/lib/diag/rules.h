/* SPDX-License-Identifier: MIT */
#ifndef CAA_DIAG_RULES_H
#define CAA_DIAG_RULES_H

/* From probe results to findings: one server at a time, then each zone's servers compared. */

#include "lib/diag/findings.h"
#include "lib/diag/plan.h"
#include "lib/diag/zones.h"

struct caa__rules_input {
    const struct caa__zones *zones;
    const struct caa__plan *plan;
    unsigned repeat;
    bool allow_private;
};

void caa__rules_servers(const struct caa__rules_input *in, struct caa__findings *out);
void caa__rules_zones(const struct caa__rules_input *in, struct caa__findings *out);
void caa__rules_dnssec(const struct caa__rules_input *in, struct caa__findings *out);
void caa__rules_dns01(const struct caa__rules_input *in, struct caa__findings *out);

#endif
