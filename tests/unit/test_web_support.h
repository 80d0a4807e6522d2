/* SPDX-License-Identifier: MIT */
/* Shared by the test_web_* tests: fixtures and the checks every rendered page must pass. */
#ifndef TEST_WEB_SUPPORT_H
#define TEST_WEB_SUPPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

static inline json_t *load_fixture(const char *name)
{
    char path[1024];
    json_error_t err;
    json_t *doc;

    (void)snprintf(path, sizeof path, "%s/%s", WEB_FIXTURES, name);
    doc = json_load_file(path, 0, &err);
    if (doc == NULL) {
        fprintf(stderr, "%s:%d: %s\n", path, err.line, err.text);
    }
    return doc;
}

static inline size_t count_of(const char *haystack, const char *needle)
{
    size_t n = 0;

    for (const char *p = strstr(haystack, needle); p != NULL; p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

/* The page would run under `script-src 'self'; style-src 'self'`: one external script, no
 * inline script, no style attribute or element, no event-handler attribute. */
static inline bool csp_clean(const char *html)
{
    const char *p;

    if (count_of(html, "<script") != 1 ||
        strstr(html, "<script src=\"/static/caa.js\" defer></script>") == NULL ||
        strstr(html, " style=") != NULL || strstr(html, "<style") != NULL ||
        strstr(html, "javascript:") != NULL) {
        return false;
    }
    for (p = strstr(html, " on"); p != NULL; p = strstr(p + 1, " on")) {
        const char *q = p + 3;

        while (*q >= 'a' && *q <= 'z') {
            q++;
        }
        if (q > p + 3 && *q == '=') {
            return false;
        }
    }
    return true;
}

#endif
