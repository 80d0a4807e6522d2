/* SPDX-License-Identifier: MIT */
/* hints.c: a root-hints file (--root-hints) of any content. The loader reads a path, so each
 * input goes through one temporary file (created once per process). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "lib/dns/hints.h"

static char path[64];

static bool write_input(const uint8_t *data, size_t size)
{
    FILE *fp;
    bool ok;

    if (path[0] == '\0') {
        int fd;
        (void)snprintf(path, sizeof(path), "/tmp/caa-fuzz-hints-XXXXXX");
        fd = mkstemp(path);
        if (fd < 0) {
            abort();
        }
        (void)close(fd);
    }
    fp = fopen(path, "wb");
    if (fp == NULL) {
        abort();
    }
    ok = fwrite(data, 1, size, fp) == size;
    return fclose(fp) == 0 && ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct caa__root_server roots[CAA__HINTS_MAX];
    struct caa_error err = {0, ""};
    size_t count = 0;

    if (!write_input(data, size)) {
        abort();
    }
    if (caa__root_hints_load(path, roots, CAA__HINTS_MAX, &count, &err) == CAA_OK) {
        if (count > CAA__HINTS_MAX) {
            abort();
        }
        for (size_t i = 0; i < count; i++) {
            if (memchr(roots[i].address, '\0', sizeof(roots[i].address)) == NULL ||
                memchr(roots[i].name, '\0', sizeof(roots[i].name)) == NULL) {
                abort();
            }
        }
    } else if (err.message[0] == '\0') {
        abort(); /* a rejected file says why */
    }
    return 0;
}
