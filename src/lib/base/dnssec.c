/* SPDX-License-Identifier: MIT */
#include <caa/dnssec.h>

const char *caa_dnssec_name(enum caa_dnssec dnssec)
{
    switch (dnssec) {
    case CAA_DNSSEC_INSECURE:
        return "insecure";
    case CAA_DNSSEC_SECURE:
        return "secure";
    case CAA_DNSSEC_BOGUS:
        return "bogus";
    case CAA_DNSSEC_UNKNOWN:
        return "unknown";
    }
    return "unknown";
}
