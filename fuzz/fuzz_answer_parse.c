/* SPDX-License-Identifier: MIT */
/* answer_parse.c: the TC bit and the CNAME/DNAME chain read from a wire-format message (what
 * libunbound hands back, ultimately what a server sent). */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lib/dns/answer_parse.h"
#include "lib/dns/resolver.h"

#define ALIAS_TEXT_MAX (2 * 255 * 4 + 4)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct caa__dns_answer a;

    caa__dns_answer_init(&a, "www.example.test");
    if (caa__dns_answer_from_packet(&a, data, size) == CAA_OK) {
        for (size_t i = 0; i < a.alias_count; i++) {
            /* "owner -> target": two names of at most 255 octets, each octet at most 4
             * characters in presentation form (\DDD). */
            if (a.aliases[i] == NULL || strlen(a.aliases[i]) > ALIAS_TEXT_MAX ||
                strstr(a.aliases[i], " -> ") == NULL) {
                abort();
            }
        }
    }
    caa__dns_answer_cleanup(&a);
    return 0;
}
