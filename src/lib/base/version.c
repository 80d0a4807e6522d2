/* SPDX-License-Identifier: MIT */
#include <caa/version.h>

#include "caa_config.h"

const char *caa_version(void)
{
    return CAA_VERSION_STRING;
}
