/* SPDX-License-Identifier: MIT */
#ifndef CAA_API_DECIDE_H
#define CAA_API_DECIDE_H

#include <caa/check.h>

#include "lib/caa/relevant_rrset.h"
#include "lib/check/report.h"
#include "lib/dns/classify.h"
#include "lib/dns/resolver.h"
#include "lib/util/must_check.h"

/* How the selection went, for callers that act on errors (the BR 3.2.2.8 exception). */
struct caa__decided {
    struct caa__selection sel;
    struct caa__label_outcome failed; /* when sel.kind is CAA__LABEL_ERROR */
};

/* Classifies every label's answer (an unparseable CAA RDATA is an error, DNS_MALFORMED); *note
 * is a remark that does not change the verdict ("" if none), borrowed from outcomes. */
void caa__classify_labels(const struct caa__dns_answer *const *answers, size_t n,
                          enum caa_profile profile, struct caa__label_outcome *outcomes,
                          enum caa__label_kind *kinds, const char **note);

/* Fills r (whose name, unicode and wildcard are set) from the answers of its labels in climb
 * order (n may stop at the deciding label): lookups, aliases, DNSSEC state, the relevant RRset,
 * the evaluation under `profile` for `req` (its name is r->name), the verdict, code, reason and
 * the CA's message. r's strings and arrays are carved from arena. */
CAA__MUST_CHECK enum caa_status caa__decide(const struct caa__dns_answer *const *answers, size_t n,
                                            const struct caa_request *req, enum caa_profile profile,
                                            struct caa__arena *arena, struct caa__name_result *r,
                                            struct caa__decided *out);

/* Builds the relevant RRset of an answer (owner: the queried name; tags read leniently). */
CAA__MUST_CHECK enum caa_status caa__rrset_from_answer(const struct caa__dns_answer *a,
                                                       struct caa_rrset **out);

/* Turns an error verdict into the BR 3.2.2.8 exception: allowed, CAA_BR_EXCEPTION. */
void caa__decide_br_exception(struct caa__name_result *r, const struct caa__label_outcome *failed,
                              const struct caa__dns_answer *a);

#endif
