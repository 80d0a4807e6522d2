/* SPDX-License-Identifier: MIT */
#include <caa/profile.h>

#include <string.h>

const char *caa_profile_name(enum caa_profile profile)
{
    return profile == CAA_PROFILE_RFC8659 ? "rfc8659" : "letsencrypt";
}

int caa_profile_from_name(const char *name, enum caa_profile *out)
{
    if (strcmp(name, "letsencrypt") == 0) {
        *out = CAA_PROFILE_LETSENCRYPT;
        return 0;
    }
    if (strcmp(name, "rfc8659") == 0) {
        *out = CAA_PROFILE_RFC8659;
        return 0;
    }
    return -1;
}
