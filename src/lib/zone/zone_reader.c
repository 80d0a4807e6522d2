/* SPDX-License-Identifier: MIT */
#include "lib/zone/zone_reader.h"

#include <stdlib.h>
#include <string.h>

/* Ceiling on tokens in one entry (a CAA record has a handful; huge TXT records a few hundred). */
#define ZONE_TOKENS_MAX 65536
/* A parenthesised entry not closed within this many lines is taken as unbalanced, so one stray
 * '(' costs a bounded rescan instead of swallowing the rest of the file. */
#define ZONE_PAREN_LINES_MAX 1000

void caa__zone_reader_init(struct caa__zone_reader *r, const char *text, size_t len)
{
    r->text = text;
    r->len = len;
    r->pos = 0;
    r->line = 1;
    r->line_start = 0;
    r->tokens = NULL;
    r->token_cap = 0;
}

void caa__zone_reader_cleanup(struct caa__zone_reader *r)
{
    free(r->tokens);
    r->tokens = NULL;
    r->token_cap = 0;
}

size_t caa__zone_line_len(const char *line_start, const char *text_end)
{
    const char *nl = memchr(line_start, '\n', (size_t)(text_end - line_start));
    size_t len = nl != NULL ? (size_t)(nl - line_start) : (size_t)(text_end - line_start);

    if (len > 0 && line_start[len - 1] == '\r') {
        len--;
    }
    return len;
}

/* Parser state for one entry. */
struct scan {
    size_t count;
    size_t depth;        /* open parentheses */
    size_t paren_pos;    /* the outermost open '(' */
    size_t paren_line;   /* its line */
    size_t paren_column; /* its column */
    size_t paren_line_start;
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Characters that end an unquoted token (RFC 1035 §5.1). */
static bool ends_word(char c)
{
    return is_blank(c) || c == '\n' || c == ';' || c == '(' || c == ')' || c == '"';
}

static size_t column(const struct caa__zone_reader *r, size_t pos)
{
    return pos - r->line_start + 1;
}

static enum caa_status push_token(struct caa__zone_reader *r, struct scan *s, size_t start,
                                  bool quoted)
{
    struct caa__zone_token *t;

    if (s->count == r->token_cap) {
        size_t cap = r->token_cap == 0 ? 16 : r->token_cap * 2;
        struct caa__zone_token *grown;

        if (r->token_cap >= ZONE_TOKENS_MAX) {
            return CAA_E_LIMIT;
        }
        grown = realloc(r->tokens, cap * sizeof(*grown));
        if (grown == NULL) {
            return CAA_E_NOMEM;
        }
        r->tokens = grown;
        r->token_cap = cap;
    }
    t = &r->tokens[s->count++];
    t->ptr = r->text + start;
    t->len = r->pos - start;
    t->line = r->line;
    t->column = column(r, start);
    t->line_start = r->text + r->line_start;
    t->quoted = quoted;
    return CAA_OK;
}

static void skip_to_eol(struct caa__zone_reader *r)
{
    const char *nl = memchr(r->text + r->pos, '\n', r->len - r->pos);

    r->pos = nl != NULL ? (size_t)(nl - r->text) : r->len;
}

static void fail(struct caa__zone_reader *r, struct caa__zone_item *out, size_t pos,
                 const char *message)
{
    if (out->failed) {
        return;
    }
    out->failed = true;
    out->error_line = r->line;
    out->error_column = column(r, pos);
    out->error_message = message;
    out->error_line_start = r->text + r->line_start;
}

/* Scans a quoted string; a string may not run past its line (BIND: "unbalanced quotes"). */
static bool scan_quoted(struct caa__zone_reader *r)
{
    r->pos++;
    while (r->pos < r->len && r->text[r->pos] != '"' && r->text[r->pos] != '\n') {
        if (r->text[r->pos] == '\\' && r->pos + 1 < r->len && r->text[r->pos + 1] != '\n') {
            r->pos++;
        }
        r->pos++;
    }
    if (r->pos < r->len && r->text[r->pos] == '"') {
        r->pos++;
        return true;
    }
    return false;
}

static void scan_word(struct caa__zone_reader *r)
{
    while (r->pos < r->len && !ends_word(r->text[r->pos])) {
        if (r->text[r->pos] == '\\' && r->pos + 1 < r->len && r->text[r->pos + 1] != '\n') {
            r->pos++;
        }
        r->pos++;
    }
}

static void new_line(struct caa__zone_reader *r)
{
    r->pos++;
    r->line++;
    r->line_start = r->pos;
}

/* Unclosed '(': report it, drop the tokens after its line and go on at the line after it. */
static void fail_open_paren(struct caa__zone_reader *r, struct scan *s, struct caa__zone_item *out)
{
    const char *nl;

    if (!out->failed) {
        out->failed = true;
        out->error_line = s->paren_line;
        out->error_column = s->paren_column;
        out->error_message = "unbalanced parenthesis: '(' is never closed";
        out->error_line_start = r->text + s->paren_line_start;
    }
    while (s->count > 0 && r->tokens[s->count - 1].line != s->paren_line) {
        s->count--;
    }
    nl = memchr(r->text + s->paren_pos, '\n', r->len - s->paren_pos);
    r->pos = nl != NULL ? (size_t)(nl - r->text) + 1 : r->len;
    r->line = s->paren_line + 1;
    r->line_start = r->pos;
}

static void finish(struct caa__zone_reader *r, const struct scan *s, struct caa__zone_item *out)
{
    out->tokens = r->tokens;
    out->token_count = s->count;
    if (s->count > 0) {
        const struct caa__zone_token *first = &r->tokens[0];
        const struct caa__zone_token *last = &r->tokens[s->count - 1];

        out->line = first->line;
        out->text = first->ptr;
        out->text_len = (size_t)(last->ptr + last->len - first->ptr);
    }
}

/* One character outside quotes and comments: returns 1 when the entry is complete, 0 to go on,
 * negative on a status failure (stored in *st). */
static int step(struct caa__zone_reader *r, struct scan *s, struct caa__zone_item *out,
                enum caa_status *st)
{
    char c = r->text[r->pos];
    size_t start = r->pos;

    if (c == '\n') {
        new_line(r);
        if (s->depth == 0 && s->count > 0) {
            return 1;
        }
        if (s->depth > 0 && r->line - s->paren_line > ZONE_PAREN_LINES_MAX) {
            fail_open_paren(r, s, out);
            return 1;
        }
        if (s->count == 0) {
            out->indented = r->pos < r->len && is_blank(r->text[r->pos]);
            out->line = r->line;
        }
        return 0;
    }
    if (is_blank(c)) {
        r->pos++;
        return 0;
    }
    if (c == ';') {
        skip_to_eol(r);
        return 0;
    }
    if (c == '(') {
        if (s->depth == 0) {
            s->paren_pos = r->pos;
            s->paren_line = r->line;
            s->paren_column = column(r, r->pos);
            s->paren_line_start = r->line_start;
        }
        s->depth++;
        r->pos++;
        return 0;
    }
    if (c == ')') {
        if (s->depth == 0) {
            fail(r, out, r->pos, "unbalanced parenthesis: ')' without '('");
            skip_to_eol(r);
            return 1;
        }
        s->depth--;
        r->pos++;
        return 0;
    }
    if (c == '"') {
        if (!scan_quoted(r)) {
            /* Inside parentheses the rest of the entry is still consumed, so its later lines
             * are not misread as records. */
            fail(r, out, start, "unbalanced quote: the string is not closed on its line");
            skip_to_eol(r);
            return s->depth > 0 ? 0 : 1;
        }
        *st = out->failed ? CAA_OK : push_token(r, s, start, true);
        return *st == CAA_OK ? 0 : -1;
    }
    scan_word(r);
    *st = out->failed ? CAA_OK : push_token(r, s, start, false);
    return *st == CAA_OK ? 0 : -1;
}

enum caa_status caa__zone_reader_next(struct caa__zone_reader *r, struct caa__zone_item *out,
                                      bool *more)
{
    struct scan s = {0};
    enum caa_status st = CAA_OK;

    memset(out, 0, sizeof(*out));
    out->line = r->line;
    out->indented = r->pos < r->len && r->pos == r->line_start && is_blank(r->text[r->pos]);
    while (r->pos < r->len) {
        int done = step(r, &s, out, &st);

        if (done < 0) {
            return st;
        }
        if (done > 0) {
            break;
        }
    }
    if (r->pos >= r->len && s.depth > 0) {
        fail_open_paren(r, &s, out);
    }
    finish(r, &s, out);
    *more = s.count > 0 || out->failed;
    return CAA_OK;
}
