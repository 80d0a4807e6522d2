/* SPDX-License-Identifier: MIT */
#ifndef CAA_CLI_BULK_INPUT_H
#define CAA_CLI_BULK_INPUT_H

/* caa bulk's input: a bounded line reader, the columns of a line, the shard hash and the set of
 * lines a previous run already answered (--resume). Pure except for reading FILE streams. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Longer lines are cut here (and reported as malformed) so memory stays bounded. */
#define BULK_LINE_MAX 4096
/* RFC 1035 §2.3.4: 255 octets on the wire, 253 characters in text. */
#define BULK_NAME_MAX 253

/* Reads one line at a time; never more than BULK_LINE_MAX bytes of a line are kept. */
struct bulk_reader {
    FILE *fp;
    uint64_t line_no;    /* 1-based number of the line in buf */
    uint64_t bytes_read; /* bytes consumed so far, for progress */
    size_t len;          /* bytes in buf, newline excluded */
    bool too_long;       /* the line was longer than BULK_LINE_MAX: the rest was skipped */
    char buf[BULK_LINE_MAX + 1];
};

void bulk_reader_init(struct bulk_reader *r, FILE *fp);
/* Reads the next line into r->buf (NUL-terminated). Returns 1, 0 at the end, -1 on a read error. */
int bulk_reader_next(struct bulk_reader *r);

enum bulk_line_kind {
    BULK_LINE_BLANK = 0,     /* blank or comment: not an item */
    BULK_LINE_ITEM = 1,      /* a name to check */
    BULK_LINE_MALFORMED = 2, /* an item that cannot be checked: `problem` says why */
};

/* One line's columns: NAME [CA [METHOD]]. */
struct bulk_line {
    const char *name;   /* the name column (URL reduced to its host); "" if none */
    const char *issuer; /* the CA column: an issuer domain or a table CA's id; NULL: defaults */
    const char *method; /* the method column, or NULL */
    char problem[160];  /* why a line is malformed; "" otherwise */
    char issuer_buf[BULK_NAME_MAX + 1];
};

/*
 * Splits one line (`len` bytes at `text`, modified in place; the pointers in *out point into it).
 * Columns are separated by commas when the line has one (CSV: fields trimmed, one pair of
 * surrounding double quotes removed, empty fields mean "default"), else by blanks. `#` at the
 * start of a word starts a comment; a trailing CR is dropped. The CA column is a CA of the built-in
 * table (by id: the engine uses all its issuer domains) or an issuer domain name.
 */
enum bulk_line_kind bulk_line_parse(char *text, size_t len, struct bulk_line *out);

/* Reduces a URL ("https://user@Example.com:8443/x?y") to its host ("Example.com"), in place.
 * Text without "://" is left alone. */
void bulk_url_to_host(char *text);

/*
 * The shard hash: FNV-1a 64 over the name column (after URL reduction) with ASCII letters
 * lower-cased and one trailing dot removed. Stable across versions: a list split with one
 * release splits identically with the next.
 */
uint64_t bulk_shard_hash(const char *name);
/* Parses "I/N" (0 <= I < N, N >= 1). Returns 0 or -1. */
int bulk_shard_parse(const char *text, uint64_t *shard, uint64_t *shard_count);

/* --resume may name this many files (the outputs of every earlier part of a run). */
#define BULK_RESUME_FILES_MAX 64

/* The indexes of the result lines of a previous NDJSON output. */
struct bulk_resume {
    uint64_t *indexes; /* sorted */
    size_t count;
    size_t cap;
};

/* The index of a complete result line ({"type":"result",...,"index":N,...}): 0 and *index, or -1
 * for anything else (summary, garbage, a torn line). The line must be one whole JSON object (its
 * braces balanced outside strings, closing at the end) and the index's digits must be followed
 * by ',' or '}': a line cut inside "index":12 and joined to the next run's output is torn, not
 * index 1. */
int bulk_resume_line_index(const char *line, size_t len, uint64_t *index);

/* What bulk_resume_load found besides result lines. */
struct bulk_resume_report {
    uint64_t torn;            /* complete lines (newline-terminated) that are neither a result
                                 nor a summary: a write cut in the middle of a file */
    uint64_t first_torn_line; /* 1-based line number of the first, 0 if none */
    bool cut_at_end;          /* the last line had no newline: where the run was cut */
};

/* Adds the index of every complete result line of fp to set (an incomplete last line is not
 * read: the previous run was cut there), and says in *report (may be NULL) what else it found.
 * May be called for several files. Returns 0, or -1 on a read error or out of memory. */
int bulk_resume_load(struct bulk_resume *set, FILE *fp, struct bulk_resume_report *report);
bool bulk_resume_has(const struct bulk_resume *set, uint64_t index);
void bulk_resume_cleanup(struct bulk_resume *set);

#endif
