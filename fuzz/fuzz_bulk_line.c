/* SPDX-License-Identifier: MIT */
/* One caa bulk input line (src/cli/bulk_input.c): columns, URL reduction, CA and method
 * columns, the names no CA issues for; with the invariants cmd_bulk relies on. The bytes reach
 * bulk_line_parse as the bounded reader hands them over (at most BULK_LINE_MAX, NUL-terminated). */
#include <stdlib.h>
#include <string.h>

#include "bulk_input.h"
#include "fuzz.h"

static void check_inside(const char *p, const char *buf, size_t cap)
{
    if (p != NULL &&
        (p < buf || p >= buf + cap || memchr(p, '\0', (size_t)(buf + cap - p)) == NULL)) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[BULK_LINE_MAX + 1];
    size_t len = size < BULK_LINE_MAX ? size : BULK_LINE_MAX;
    struct bulk_line line;
    enum bulk_line_kind kind;

    memcpy(buf, data, len);
    buf[len] = '\0';
    kind = bulk_line_parse(buf, len, &line);
    if (kind != BULK_LINE_BLANK && kind != BULK_LINE_ITEM && kind != BULK_LINE_MALFORMED) {
        abort();
    }
    /* A malformed line always says why; an item never has a problem, always has a name. */
    if ((kind == BULK_LINE_MALFORMED) != (line.problem[0] != '\0') ||
        memchr(line.problem, '\0', sizeof(line.problem)) == NULL) {
        abort();
    }
    if (kind == BULK_LINE_ITEM && (line.name[0] == '\0' || strlen(line.name) > BULK_LINE_MAX)) {
        abort();
    }
    if (kind != BULK_LINE_BLANK && line.name[0] != '\0') {
        check_inside(line.name, buf, sizeof(buf));
    }
    if (line.issuer != NULL && line.issuer != line.issuer_buf) {
        /* A CA of the table: its id, a static string. */
        if (strlen(line.issuer) == 0) {
            abort();
        }
    }
    check_inside(line.method, buf, sizeof(buf));
    (void)bulk_shard_hash(line.name);
    return 0;
}
