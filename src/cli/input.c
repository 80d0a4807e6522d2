/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "text_out.h"

/* Inputs larger than this are refused rather than read into memory. */
#define CLI_INPUT_MAX ((size_t)256 * 1024 * 1024)

int cli_read_all(const char *path, char **out, size_t *len_out)
{
    int rc = -1;
    int is_stdin = path == NULL || strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    const char *shown = is_stdin ? "<stdin>" : path;
    char *data = NULL;
    size_t len = 0;
    size_t cap = 0;

    if (fp == NULL) {
        text_printf(stderr, "caa: %s: %s\n", shown, strerror(errno));
        goto out;
    }
    for (;;) {
        size_t n;
        if (cap - len < 4096) {
            size_t new_cap = cap == 0 ? 65536 : cap * 2;
            char *grown;
            if (new_cap > CLI_INPUT_MAX + 1) {
                text_printf(stderr, "caa: %s: larger than %zu bytes\n", shown, CLI_INPUT_MAX);
                goto out;
            }
            grown = realloc(data, new_cap);
            if (grown == NULL) {
                text_printf(stderr, "caa: %s: out of memory\n", shown);
                goto out;
            }
            data = grown;
            cap = new_cap;
        }
        n = fread(data + len, 1, cap - len - 1, fp);
        len += n;
        if (n == 0) {
            break;
        }
    }
    if (ferror(fp)) {
        text_printf(stderr, "caa: %s: read error\n", shown);
        goto out;
    }
    data[len] = '\0';
    *out = data;
    *len_out = len;
    data = NULL;
    rc = 0;
out:
    free(data);
    if (fp != NULL && !is_stdin) {
        fclose(fp);
    }
    return rc;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    char message[1024];

    /* The arguments are the user's words, which may hold anything: escaped like all text. */
    va_start(ap, fmt);
    (void)vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    text_printf(stderr, "caa %s: %s\n", command, message);
    return CLI_EXIT_USAGE;
}
