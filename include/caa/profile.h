/* SPDX-License-Identifier: MIT */
#ifndef CAA_PROFILE_H
#define CAA_PROFILE_H

#include <caa/export.h>

/*
 * Whose reading of the rules to apply. `letsencrypt` is Boulder's exact behaviour (dated, see
 * docs/profiles.md); `rfc8659` is the RFC text alone (RFC 8659, RFC 8657).
 */
enum caa_profile {
    CAA_PROFILE_LETSENCRYPT = 0,
    CAA_PROFILE_RFC8659 = 1,
};

/** "letsencrypt" / "rfc8659". Never NULL. */
CAA_API const char *caa_profile_name(enum caa_profile profile);
/** Parses a profile name; returns 0 on success, -1 if unknown. */
CAA_API int caa_profile_from_name(const char *name, enum caa_profile *out);

#endif
