/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_HINTS_H
#define CAA_DNS_HINTS_H

#include <stddef.h>

#include "lib/util/must_check.h"
#include <caa/status.h>

#define CAA__HINTS_MAX 32

struct caa__root_server {
    char name[256];   /* a.root-servers.net */
    char address[64]; /* numeric */
};

/* Reads the A and AAAA records of a root-hints file (unbound/BIND format; NULL = Debian's
 * dns-root-data). Returns CAA_E_IO (err says why) or CAA_OK with *count_out servers. */
CAA__MUST_CHECK enum caa_status caa__root_hints_load(const char *path, struct caa__root_server *out,
                                                     size_t cap, size_t *count_out,
                                                     struct caa_error *err);

#endif
