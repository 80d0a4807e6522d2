/* SPDX-License-Identifier: MIT */
/* A diagnosis's findings as cards: what blocks issuance first, so the person reads the cause of
 * the refusal before anything merely worth knowing. */
#include <stdlib.h>
#include <string.h>

#include "page.h"

/* More than any real diagnosis has; the rest are counted, not drawn. */
#define FINDINGS_MAX 64

static int severity_rank(const char *severity)
{
    if (severity != NULL && strcmp(severity, "error") == 0) {
        return 0;
    }
    if (severity != NULL && strcmp(severity, "warning") == 0) {
        return 1;
    }
    return 2;
}

static void id_attr(struct web_buf *b, const char *prefix, const char *what, size_t i)
{
    web_buf_raw(b, " id=\"");
    web_buf_text(b, prefix);
    web_buf_raw(b, what);
    web_buf_uint(b, i);
    web_buf_raw(b, "\"");
}

static void dl_row(struct web_buf *b, const char *term, const char *text)
{
    if (text == NULL || text[0] == '\0') {
        return;
    }
    web_buf_raw(b, "<dt>");
    web_buf_raw(b, term);
    web_buf_raw(b, "</dt><dd>");
    web_buf_text(b, text);
    web_buf_raw(b, "</dd>");
}

static void server_row(struct web_buf *b, const json_t *f)
{
    const char *server = web_jstr(f, "server");
    const char *address = web_jstr(f, "address");

    if ((server == NULL || server[0] == '\0') && (address == NULL || address[0] == '\0')) {
        return;
    }
    web_buf_raw(b, "<dt>Nameserver</dt><dd><code>");
    web_buf_text(b, server);
    if (address != NULL && address[0] != '\0') {
        web_buf_raw(b, server != NULL && server[0] != '\0' ? " (" : "(");
        web_buf_text(b, address);
        web_buf_raw(b, ")");
    }
    web_buf_raw(b, "</code></dd>");
}

static void record_block(struct web_buf *b, const char *record, const char *prefix, size_t i)
{
    /* A fix "record" that is advice, not a record, is shown as words, never offered for copying. */
    if (!web_is_record(record)) {
        if (record != NULL && record[0] != '\0') {
            web_buf_raw(b, "<p>");
            web_buf_text(b, record);
            web_buf_raw(b, "</p>");
        }
        return;
    }
    web_buf_raw(b, "<div class=\"fix-record\"><pre><code data-copyable=\"fix record\"");
    id_attr(b, prefix, "fix-", i);
    web_buf_raw(b, ">");
    web_buf_text(b, record);
    web_buf_raw(b, "</code></pre></div>\n");
    web_fix_formats(b, record);
}

static void finding_card(struct web_buf *b, const json_t *f, const char *prefix, size_t i)
{
    const char *severity = web_jstr(f, "severity");
    bool retry = web_jbool(f, "retryable");

    web_buf_raw(b, "<li class=\"finding ");
    web_buf_raw(b, severity_rank(severity) == 0   ? "error"
                   : severity_rank(severity) == 1 ? "warning"
                                                  : "info");
    web_buf_raw(b, "\"");
    id_attr(b, prefix, "finding-", i);
    web_buf_raw(b, "><h4>");
    web_buf_text(b, web_jstr(f, "summary"));
    if (web_jbool(f, "blocks_issuance")) {
        web_buf_raw(b, " <span class=\"tag blocks\">blocks issuance</span>");
    }
    web_buf_raw(b, "</h4>\n<p class=\"code\"><span class=\"finding-code\">");
    web_buf_text(b, web_jstr(f, "code"));
    web_buf_raw(b, "</span> · ");
    web_buf_text(b, severity);
    web_buf_raw(b, "</p>\n<dl><dt>Who must act</dt><dd>");
    web_buf_text(b, web_blame_words(web_jstr(f, "blame")));
    web_buf_raw(b, "</dd><dt>Will retrying help?</dt><dd>");
    web_buf_raw(b, retry ? "Perhaps: this can be transient, so a later attempt may succeed."
                         : "No: the CA will give the same answer until this is fixed.");
    web_buf_raw(b, "</dd>");
    dl_row(b, "Zone", web_jstr(f, "zone"));
    server_row(b, f);
    dl_row(b, "Fix", web_jstr(f, "fix"));
    web_buf_raw(b, "</dl>\n");
    record_block(b, web_jstr(f, "record"), prefix, i);
    if (web_jstr(f, "evidence") != NULL && web_jstr(f, "evidence")[0] != '\0') {
        web_buf_raw(b, "<details><summary>Evidence</summary><pre>");
        web_buf_text(b, web_jstr(f, "evidence"));
        web_buf_raw(b, "</pre></details>\n");
    }
    web_buf_raw(b, "</li>\n");
}

/* Blocking findings first, then by severity; stable, so the library's order breaks ties. */
static size_t order_findings(const json_t *findings, size_t order[FINDINGS_MAX])
{
    size_t n = 0;

    for (int pass = 0; pass < 6; pass++) {
        bool blocking = pass < 3;
        int rank = pass % 3;

        for (size_t i = 0; i < json_array_size(findings) && n < FINDINGS_MAX; i++) {
            const json_t *f = json_array_get(findings, i);

            if (web_jbool(f, "blocks_issuance") == blocking &&
                severity_rank(web_jstr(f, "severity")) == rank) {
                order[n++] = i;
            }
        }
    }
    return n;
}

void web_findings(struct web_buf *b, const json_t *findings, const char *id_prefix)
{
    size_t order[FINDINGS_MAX];
    size_t n = order_findings(findings, order);

    if (n == 0) {
        web_buf_raw(b, "<p>The diagnosis found nothing wrong.</p>\n");
        return;
    }
    web_buf_raw(b, "<ol class=\"findings\">\n");
    for (size_t i = 0; i < n; i++) {
        finding_card(b, json_array_get(findings, order[i]), id_prefix, i);
    }
    web_buf_raw(b, "</ol>\n");
    if (json_array_size(findings) > n) {
        web_buf_raw(b, "<p class=\"help\">More findings than shown; the JSON API lists them "
                       "all.</p>\n");
    }
}
