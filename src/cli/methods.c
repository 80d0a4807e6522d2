/* SPDX-License-Identifier: MIT */
#include "methods.h"

#include <caa/caa.h>

#include <stdio.h>
#include <string.h>

#include "cli.h"

/* "DNS_01", "dns01" -> "dns01": lower case, no '-' or '_'. */
static void fold(const char *s, char *out, size_t cap)
{
    size_t n = 0;

    for (; *s != '\0' && n + 1 < cap; s++) {
        char c = *s;

        if (c == '-' || c == '_') {
            continue;
        }
        out[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    out[n] = '\0';
}

int cli_method_check(const char *command, const char *option, const char *method)
{
    char want[64];
    char list[256] = "";
    const char *meant = NULL;
    size_t used = 0;

    if (caa_validation_method_known((const unsigned char *)method, strlen(method))) {
        return 0;
    }
    fold(method, want, sizeof(want));
    for (size_t i = 0; caa_validation_method_at(i) != NULL; i++) {
        const char *known = caa_validation_method_at(i);
        char have[64];
        int w;

        fold(known, have, sizeof(have));
        if (strcmp(have, want) == 0) {
            meant = known;
        }
        w = snprintf(list + used, sizeof(list) - used, "%s%s", i > 0 ? ", " : "", known);
        used = w > 0 && (size_t)w < sizeof(list) - used ? used + (size_t)w : used;
    }
    if (meant != NULL) {
        return cli_usage_error(command, "unknown %s '%s'; did you mean %s?", option, method, meant);
    }
    return cli_usage_error(command, "unknown %s '%s' (known: %s)", option, method, list);
}
