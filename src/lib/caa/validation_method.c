/* SPDX-License-Identifier: MIT */
/* The validation methods Let's Encrypt knows: the one list the verdict, lint and the CLI use. */
#include <caa/value.h>

#include <string.h>

/* Boulder's list (RFC 8555 §8.3-8.4, RFC 8737, and the dns-account-01 and dns-persist-01
 * drafts); RFC 8657 §4 labels outside it are skipped in validationmethods. */
static const char *const known_methods[] = {"http-01", "dns-01", "tls-alpn-01", "dns-account-01",
                                            "dns-persist-01"};

const char *caa_validation_method_at(size_t i)
{
    return i < sizeof(known_methods) / sizeof(known_methods[0]) ? known_methods[i] : NULL;
}

bool caa_validation_method_known(const uint8_t *s, size_t len)
{
    for (size_t i = 0; i < sizeof(known_methods) / sizeof(known_methods[0]); i++) {
        if (strlen(known_methods[i]) == len && memcmp(known_methods[i], s, len) == 0) {
            return true;
        }
    }
    return false;
}
