/* SPDX-License-Identifier: MIT */
#ifndef CAA_ZONE_READER_H
#define CAA_ZONE_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/util/must_check.h"
#include <caa/status.h>

/*
 * RFC 1035 §5.1 master-file tokenizer. It cuts the text into logical entries (one line, or several
 * joined by parentheses) made of tokens with their 1-based line and column. It knows nothing about
 * owners, types or RDATA: zone.c gives the tokens their meaning.
 */

struct caa__zone_token {
    const char *ptr;        /* the token as written: quotes and backslash escapes kept */
    size_t len;             /* bytes */
    size_t line;            /* 1-based */
    size_t column;          /* 1-based byte column */
    const char *line_start; /* the physical line holding the token */
    bool quoted;
};

/* One logical entry. Tokens are borrowed from the reader until the next call. */
struct caa__zone_item {
    size_t line;      /* line of the first token */
    bool indented;    /* the first line starts with a blank: the owner is inherited */
    const char *text; /* the source from the first token to the end of the last */
    size_t text_len;  /* bytes */
    const struct caa__zone_token *tokens;
    size_t token_count; /* tokens read (for a failed entry: those before the failure) */
    /* The tokenizer failed (unbalanced quote or parenthesis); the entry is lost. */
    bool failed;
    size_t error_line;
    size_t error_column;
    const char *error_message;    /* static storage */
    const char *error_line_start; /* the physical line of the failure */
};

struct caa__zone_reader {
    const char *text;
    size_t len;
    size_t pos;
    size_t line;
    size_t line_start; /* offset of the current physical line */
    struct caa__zone_token *tokens;
    size_t token_cap;
};

void caa__zone_reader_init(struct caa__zone_reader *r, const char *text, size_t len);
void caa__zone_reader_cleanup(struct caa__zone_reader *r);

/*
 * Reads the next entry into *out. *more is false at the end of the input (then *out is not
 * filled). Blank and comment-only lines are skipped. A failed entry is still returned (with
 * out->failed set) and reading goes on with the next line. Fails only with CAA_E_NOMEM or
 * CAA_E_LIMIT (too many tokens in one entry).
 */
CAA__MUST_CHECK enum caa_status caa__zone_reader_next(struct caa__zone_reader *r,
                                                      struct caa__zone_item *out, bool *more);

/* The length of the physical line starting at line_start, without its CR LF or LF. */
size_t caa__zone_line_len(const char *line_start, const char *text_end);

#endif
