/* SPDX-License-Identifier: MIT */
/* Which server addresses are private: probed only when the user allows it. */
#include "lib/dns/address_policy.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>

bool caa__address_is_private(const char *address)
{
    uint8_t b[16];

    if (inet_pton(AF_INET, address, b) == 1) {
        return b[0] == 127 || b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) ||
               (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || b[0] == 0;
    }
    if (inet_pton(AF_INET6, address, b) == 1) {
        static const uint8_t loopback[16] = {[15] = 1};
        return memcmp(b, loopback, 16) == 0 || (b[0] & 0xFE) == 0xFC ||
               (b[0] == 0xFE && (b[1] & 0xC0) == 0x80);
    }
    return false;
}
