/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_ADDRESS_POLICY_H
#define CAA_DNS_ADDRESS_POLICY_H

#include <stdbool.h>

/* True for loopback, private (RFC 1918, ULA) and link-local addresses: never probed unless the
 * user allows it (a public delegation pointing there is a finding). */
bool caa__address_is_private(const char *address);

#endif
