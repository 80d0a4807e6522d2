/* SPDX-License-Identifier: MIT */
/* Any error as a page: the status in words, what went wrong, a way back. */
#include "page.h"
#include "web.h"

char *web_page_error(int http_status, const char *title, const char *detail)
{
    struct web_buf b;

    web_buf_init(&b);
    web_page_begin(&b, title != NULL ? title : "Error", WEB_NAV_NONE);
    web_buf_raw(&b, "<h1>");
    web_buf_text(&b, title != NULL ? title : "Error");
    web_buf_raw(&b, "</h1>\n<div class=\"notice error\" role=\"alert\"><p>");
    if (detail != NULL && detail[0] != '\0') {
        web_buf_text(&b, detail);
    } else {
        web_buf_raw(&b, "Something went wrong.");
    }
    web_buf_raw(&b, "</p><p class=\"status\">HTTP ");
    web_buf_uint(&b, http_status > 0 ? (unsigned long long)http_status : 0);
    web_buf_raw(&b, "</p></div>\n<p><a href=\"/\">Check a domain</a></p>\n");
    web_page_end(&b);
    return web_buf_finish(&b);
}
