/* SPDX-License-Identifier: MIT */
/* A caa bulk --resume file (src/cli/bulk_input.c): whatever a previous output holds (cut,
 * torn, joined, garbage), loading never fails but on a read error, and every index it reports
 * comes from a line that reads as that index on its own. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulk_input.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bulk_resume set = {NULL, 0, 0};
    struct bulk_resume_report report;
    FILE *fp = fmemopen((void *)(uintptr_t)data, size > 0 ? size : 1, "r");
    uint64_t lines = 0;

    if (fp == NULL) {
        return 0;
    }
    if (size == 0) {
        (void)fgetc(fp); /* an empty file: fmemopen needs one byte of buffer */
    }
    if (bulk_resume_load(&set, fp, &report) != 0) {
        abort();
    }
    fclose(fp);
    for (size_t i = 0; i < size; i++) {
        lines += data[i] == '\n';
    }
    /* Each index comes from one complete line; torn lines are complete lines too. */
    if (set.count + report.torn > lines || (report.torn > 0) != (report.first_torn_line > 0) ||
        report.first_torn_line > lines) {
        abort();
    }
    for (size_t i = 1; i < set.count; i++) {
        if (set.indexes[i - 1] > set.indexes[i] || !bulk_resume_has(&set, set.indexes[i])) {
            abort();
        }
    }
    /* Every line taken alone gives the same answer as in the file. */
    for (const uint8_t *p = data, *end = data + size; p < end;) {
        const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
        uint64_t index;
        if (nl == NULL) {
            break;
        }
        if (bulk_resume_line_index((const char *)p, (size_t)(nl - p), &index) == 0 &&
            !bulk_resume_has(&set, index)) {
            abort();
        }
        p = nl + 1;
    }
    bulk_resume_cleanup(&set);
    return 0;
}
