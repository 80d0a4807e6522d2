/* SPDX-License-Identifier: MIT */
#ifndef CAA_CLI_BULK_OUTPUT_H
#define CAA_CLI_BULK_OUTPUT_H

/* caa bulk's output: one result per input line (NDJSON, CSV or text), the summary, and the
 * progress line on stderr. */

#include <caa/caa.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum bulk_format {
    BULK_FORMAT_NDJSON = 0,
    BULK_FORMAT_CSV = 1,
    BULK_FORMAT_TEXT = 2,
};

int bulk_format_from_name(const char *name, enum bulk_format *out);

/* What this run's results said, counted as they are written. */
struct bulk_tally {
    uint64_t names;
    uint64_t verdicts[3]; /* by enum caa_verdict */
    uint64_t codes[CAA_CODE_COUNT_];
    uint64_t resumed;    /* input lines skipped because a previous run answered them */
    uint64_t flushed_ms; /* when results were last pushed out (bulk_now_ms) */
};

/* The CSV header line; nothing for the other formats. */
void bulk_output_begin(FILE *out, enum bulk_format format);
/* Writes one result and counts it in tally. `ca`: the CA the name was checked for (the line's CA
 * column, else the --ca issuer domains, blank-separated), for the CSV column. Results go out in
 * batches: when the stream's buffer fills, and at least every 100 ms, not one write per line. */
void bulk_output_result(FILE *out, enum bulk_format format, const struct caa_bulk_result *res,
                        const char *ca, struct bulk_tally *tally);
/* The summary: a JSON line (ndjson) or a text block (text) on out; the text block also goes to
 * `note` (NULL: none), so a run whose results go to a file still shows its summary. */
void bulk_output_summary(FILE *out, FILE *note, enum bulk_format format,
                         const struct bulk_tally *tally, const struct caa_bulk_stats *stats,
                         unsigned elapsed_ms);
/* "412 names fail because ns1.example.net answers NOTIMP" (no newline). */
void bulk_output_culprit_sentence(FILE *out, const struct caa_bulk_culprit *culprit);

/* The progress line: stderr, redrawn at most 10 times a second. */
struct bulk_progress {
    FILE *err;
    bool enabled;
    uint64_t total_bytes; /* 0 when unknown (not a regular file) */
    uint64_t started_ms;
    uint64_t drawn_ms;
};

/* Milliseconds of a monotonic clock. */
uint64_t bulk_now_ms(void);
void bulk_progress_init(struct bulk_progress *p, FILE *err, bool enabled, uint64_t total_bytes);
/* Redraws if 100 ms passed since the last drawing. bytes_answered: the input up to the end of
 * the last line answered (not merely read: reading runs a window of names ahead). */
void bulk_progress_update(struct bulk_progress *p, const struct bulk_tally *tally,
                          uint64_t bytes_answered);
/* Erases the progress line. */
void bulk_progress_finish(struct bulk_progress *p);

#endif
