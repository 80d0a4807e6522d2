/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_TOOLS_H
#define CAA_SERVICE_TOOLS_H

/* lint and generate: pure work (no DNS), done on the HTTP thread, shared by the API and the
 * pages. */

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* The caa/1 lint document of a zone text (origin may be NULL). NULL with *why on failure. */
char *tools_lint_json(const char *text, size_t len, const char *origin, const char **why);

struct tools_policy {
    const char *name;        /* owner */
    const char *ca;          /* CAs, separated by spaces or commas ("" or NULL: none) */
    const char *wildcard_ca; /* the same for wildcards; NULL or "": as ca */
    const char *iodef;       /* URLs or addresses, separated by spaces or commas */
    const char *account_uri;
    const char *methods; /* separated by spaces or commas */
    bool no_wildcard;
};

/* {"schema":"caa/1","type":"generate","owner":...,"formats":{"zone":"...",...}}; NULL with a
 * reason in why when the policy is invalid (why_len bytes). */
json_t *tools_generate(const struct tools_policy *p, char *why, size_t why_len);

#endif
