/* SPDX-License-Identifier: MIT */
#ifndef CAA_DIAG_CLASSIFY_H
#define CAA_DIAG_CLASSIFY_H

#include <stdbool.h>

#include <caa/code.h>
#include <caa/profile.h>

#include "lib/caa/relevant_rrset.h"
#include "lib/dns/resolver.h"

/* What one label's CAA lookup means for the climb (ca-behaviour.md §6.3). */
struct caa__label_outcome {
    enum caa__label_kind kind;
    enum caa_code code; /* a DNS_* code when kind is ERROR; CAA_CODE_NO_RECORDS otherwise */
    /* Boulder's wording for an error, without the "While processing CAA for X: " prefix:
     * "DNS problem: SERVFAIL looking up CAA for example.com - the domain's nameservers may be
     * malfunctioning". "" when not an error. */
    char ca_detail[640];
    /* A note for people that does not change the verdict ("" if none), e.g. the rfc8659
     * profile reading NXDOMAIN at a TLD as empty. */
    char note[512];
};

void caa__classify_answer(const struct caa__dns_answer *answer, enum caa_profile profile,
                          struct caa__label_outcome *out);

/* "NOERROR", "SERVFAIL", ...; "NONE" for -1, "UNKNOWN_RCODE" beyond RFC 1035/2136. */
const char *caa__rcode_name(int rcode);

/* EDE-style summary for a validator reason: "DNSSEC: Signature Expired", "DNSSEC: Bogus". */
const char *caa__dnssec_summary(const char *why_bogus);

#endif
