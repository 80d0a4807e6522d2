/* SPDX-License-Identifier: MIT */
#include <caa/status.h>

static const struct {
    const char *name;
    const char *message;
} statuses[] = {
    [CAA_OK] = {"CAA_OK", "success"},
    [CAA_E_NOMEM] = {"CAA_E_NOMEM", "out of memory"},
    [CAA_E_INVALID_ARG] = {"CAA_E_INVALID_ARG", "invalid argument"},
    [CAA_E_LIMIT] = {"CAA_E_LIMIT", "a size limit was exceeded"},
    [CAA_E_IO] = {"CAA_E_IO", "input/output error"},
    [CAA_E_SYNTAX] = {"CAA_E_SYNTAX", "syntax error"},
    [CAA_E_INTERNAL] = {"CAA_E_INTERNAL", "internal error"},
};

const char *caa_status_name(enum caa_status st)
{
    if ((unsigned)st >= sizeof(statuses) / sizeof(statuses[0])) {
        return "CAA_E_UNKNOWN";
    }
    return statuses[st].name;
}

const char *caa_status_message(enum caa_status st)
{
    if ((unsigned)st >= sizeof(statuses) / sizeof(statuses[0])) {
        return "unknown status";
    }
    return statuses[st].message;
}
