/* SPDX-License-Identifier: MIT */
#ifndef CAA_VERSION_H
#define CAA_VERSION_H

#include <caa/export.h>

/** The library's version, "0.1.0". Static storage. */
CAA_API const char *caa_version(void);

#endif
