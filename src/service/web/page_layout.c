/* SPDX-License-Identifier: MIT */
/* The frame every page shares. The stylesheet and script are files (/static/...) because the
 * service sends a Content-Security-Policy without 'unsafe-inline': nothing inline would run. */
#include "page.h"

static const struct {
    enum web_nav nav;
    const char *href;
    const char *label;
} nav_items[] = {
    {WEB_NAV_CHECK, "/", "Check"},
    {WEB_NAV_LINT, "/lint", "Lint a zone"},
    {WEB_NAV_GENERATE, "/generate", "Generate records"},
    {WEB_NAV_EXPLAIN, "/explain", "Explain an error"},
};

void web_page_begin(struct web_buf *b, const char *title, enum web_nav nav)
{
    web_buf_raw(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"color-scheme\" content=\"light dark\">\n"
                   "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
    web_buf_text(b, title);
    web_buf_raw(b, " · caa</title>\n<link rel=\"stylesheet\" href=\"/static/caa.css\">\n"
                   "<script src=\"/static/caa.js\" defer></script>\n</head>\n<body>\n"
                   "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
                   "<header class=\"site\"><a class=\"brand\" href=\"/\">caa</a>"
                   "<nav aria-label=\"Tools\"><ul>");
    for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++) {
        web_buf_raw(b, "<li><a href=\"");
        web_buf_raw(b, nav_items[i].href);
        web_buf_raw(b, nav_items[i].nav == nav ? "\" aria-current=\"page\">" : "\">");
        web_buf_raw(b, nav_items[i].label);
        web_buf_raw(b, "</a></li>");
    }
    web_buf_raw(b, "</ul></nav></header>\n<main id=\"main\">\n");
}

void web_page_end(struct web_buf *b)
{
    web_buf_raw(b, "</main>\n<footer class=\"site\"><p>caa answers “may this CA issue for this "
                   "name?” from live DNS exactly as Let's Encrypt does (RFC 8659, RFC 8657), and "
                   "when the answer is no, says why and how to fix it. JSON: "
                   "<a href=\"/api/v1/check?name=example.com\">/api/v1/check</a>.</p></footer>\n"
                   "</body>\n</html>\n");
}

void web_notice_error(struct web_buf *b, const char *text)
{
    if (text == NULL || text[0] == '\0') {
        return;
    }
    web_buf_raw(b, "<div class=\"notice error\" role=\"alert\"><p>");
    web_buf_text(b, text);
    web_buf_raw(b, "</p></div>\n");
}
