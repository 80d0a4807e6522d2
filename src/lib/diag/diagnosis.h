/* SPDX-License-Identifier: MIT */
#ifndef CAA_DIAG_DIAGNOSIS_H
#define CAA_DIAG_DIAGNOSIS_H

#include <caa/diagnose.h>

#include "lib/diag/findings.h"
#include "lib/diag/plan.h"
#include "lib/diag/zones.h"
#include "lib/dns/resolver.h"

struct caa_diagnosis {
    struct caa_diagnose_options options;
    struct caa_report *report;
    struct caa__zones zones;
    struct caa__plan plan;
    struct caa__findings findings;
    unsigned elapsed_ms;
};

/* Findings that tie the servers' behaviour to the CA's verdict: the policy denial with its fix,
 * lint on the relevant records, a failure above the user's zone, a CNAME loop, "transient"
 * when every server is fine now, "no problem" when nothing is wrong; marks what blocks. */
void caa__rules_verdict(struct caa_diagnosis *d, const struct caa__resolver_config *cfg);

#endif
