/* SPDX-License-Identifier: MIT */
/* Lint: paste a zone file (or just the CAA lines), get every problem with its place and fix. */
#include <string.h>

#include "page.h"
#include "web.h"

static void counts(struct web_buf *b, const json_t *findings)
{
    unsigned long long errors = 0;
    unsigned long long warnings = 0;

    for (size_t i = 0; i < json_array_size(findings); i++) {
        const char *sev = web_jstr(json_array_get(findings, i), "severity");

        errors += sev != NULL && strcmp(sev, "error") == 0;
        warnings += sev != NULL && strcmp(sev, "warning") == 0;
    }
    if (json_array_size(findings) == 0) {
        web_buf_raw(b, "<div class=\"banner allowed\" role=\"status\"><h2 id=\"verdict\">No "
                       "problems found</h2><p>Every CAA record reads as the CAs read it.</p>"
                       "</div>\n");
        return;
    }
    web_buf_raw(b, errors > 0 ? "<div class=\"banner denied\"" : "<div class=\"banner error\"");
    web_buf_raw(b, " role=\"status\"><h2 id=\"verdict\">");
    web_buf_uint(b, errors);
    web_buf_raw(b, errors == 1 ? " error, " : " errors, ");
    web_buf_uint(b, warnings);
    web_buf_raw(b, warnings == 1 ? " warning" : " warnings");
    web_buf_raw(b,
                "</h2><p>Errors change what a CA decides; warnings are worth fixing.</p></div>\n");
}

static void finding(struct web_buf *b, const json_t *f, size_t i)
{
    const char *sev = web_jstr(f, "severity");
    const char *fix = web_jstr(f, "fix");
    const char *record = web_jstr(f, "record");

    web_buf_raw(b, "<li class=\"finding ");
    web_buf_raw(b, sev != NULL && strcmp(sev, "error") == 0     ? "error"
                   : sev != NULL && strcmp(sev, "warning") == 0 ? "warning"
                                                                : "info");
    web_buf_raw(b, "\"><h4>");
    if (web_jint(f, "line") > 0) {
        web_buf_raw(b, "Line ");
        web_buf_uint(b, (unsigned long long)web_jint(f, "line"));
        if (web_jint(f, "column") > 0) {
            web_buf_raw(b, ", column ");
            web_buf_uint(b, (unsigned long long)web_jint(f, "column"));
        }
        web_buf_raw(b, ": ");
    }
    web_buf_text(b, web_jstr(f, "message"));
    web_buf_raw(b, "</h4><p class=\"code\"><span class=\"finding-code\">");
    web_buf_text(b, web_jstr(f, "code"));
    web_buf_raw(b, "</span> · ");
    web_buf_text(b, sev);
    web_buf_raw(b, "</p>\n");
    if (record != NULL && record[0] != '\0') {
        web_buf_raw(b, "<p>As written:</p><pre>");
        web_buf_text(b, record);
        web_buf_raw(b, "</pre>\n");
    }
    if (fix != NULL && fix[0] != '\0') {
        bool is_record = web_is_record(fix);

        web_buf_raw(b, is_record ? "<p>Fix: publish instead</p><div class=\"fix-record\"><pre>"
                                   "<code data-copyable=\"fix record\" id=\"fix-"
                                 : "<p>Fix: ");
        if (is_record) {
            web_buf_uint(b, i);
            web_buf_raw(b, "\">");
        }
        web_buf_text(b, fix);
        web_buf_raw(b, is_record ? "</code></pre></div>\n" : "</p>\n");
    }
    web_buf_raw(b, "</li>\n");
}

char *web_page_lint(const char *zone_text, const json_t *lint_doc)
{
    const json_t *findings = web_jarr(lint_doc, "findings");
    struct web_buf b;

    web_buf_init(&b);
    web_page_begin(&b, "Lint CAA records", WEB_NAV_LINT);
    web_buf_raw(&b, "<h1>Lint CAA records</h1>\n<p class=\"lead\">Paste a zone file, or just "
                    "its CAA lines, before you publish them. Every problem comes with its line "
                    "and the fix.</p>\n");
    if (lint_doc != NULL) {
        counts(&b, findings);
        web_buf_raw(&b, "<ol class=\"findings\">\n");
        for (size_t i = 0; i < json_array_size(findings); i++) {
            finding(&b, json_array_get(findings, i), i);
        }
        web_buf_raw(&b, "</ol>\n");
    }
    web_buf_raw(&b, "<form method=\"post\" action=\"/lint\">\n<div class=\"field\">"
                    "<label for=\"zone\">Zone file</label><textarea id=\"zone\" name=\"zone\" "
                    "spellcheck=\"false\" autocapitalize=\"none\" rows=\"12\" "
                    "aria-describedby=\"zone-help\" placeholder=\"example.com. 3600 IN CAA 0 "
                    "issue &quot;letsencrypt.org&quot;\">");
    web_buf_text(&b, zone_text);
    web_buf_raw(&b, "</textarea><p class=\"help\" id=\"zone-help\">Master-file syntax "
                    "(RFC 1035): <code>$ORIGIN</code>, <code>$TTL</code>, relative names. Other "
                    "record types are skipped. At most 64 KiB.</p></div>\n"
                    "<div class=\"actions\"><button type=\"submit\">Lint</button></div>\n"
                    "</form>\n");
    web_page_end(&b);
    return web_buf_finish(&b);
}
