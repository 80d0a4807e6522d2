/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_PROBE_MSG_H
#define CAA_DNS_PROBE_MSG_H

/*
 * What a probe result keeps of the reply as ldns parsed it (struct caa__probe_msg, opaque in
 * probe.h), so the DNSSEC checks judge ldns's own records instead of rebuilding them from the
 * flat copies. For src/lib/dns/ only: tests/check-layers.py keeps ldns types out of every
 * header a layer above includes. Read-only once made; thread rule as for the result.
 */

#include <ldns/ldns.h>

struct caa__probe_msg {
    ldns_pkt *pkt; /* owned; never NULL; its sections are read, never changed */
};

#endif
