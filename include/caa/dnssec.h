/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNSSEC_H
#define CAA_DNSSEC_H

#include <caa/export.h>

/* DNSSEC state of an answer, as the validator judged it (RFC 4035 §4.3). */
enum caa_dnssec {
    CAA_DNSSEC_INSECURE = 0,
    CAA_DNSSEC_SECURE = 1,
    CAA_DNSSEC_BOGUS = 2,
    CAA_DNSSEC_UNKNOWN = 3, /* no answer to judge */
};
/** "insecure" / "secure" / "bogus" / "unknown". */
CAA_API const char *caa_dnssec_name(enum caa_dnssec dnssec);

#endif
