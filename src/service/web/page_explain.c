/* SPDX-License-Identifier: MIT */
/* Explain: paste what the CA said ("DNS problem: SERVFAIL looking up CAA for ..."), get the
 * diagnosis of each name it is about. */
#include <stdio.h>

#include "page.h"
#include "web.h"

static void result_html(struct web_buf *b, const json_t *result)
{
    const json_t *names = web_jarr(result, "names");
    const json_t *diagnoses = web_jarr(result, "diagnoses");

    web_buf_raw(b, "<p>The error is about ");
    for (size_t i = 0; i < json_array_size(names); i++) {
        web_buf_raw(b, i == 0 ? "<code>" : ", <code>");
        web_buf_text(b, json_string_value(json_array_get(names, i)));
        web_buf_raw(b, "</code>");
    }
    web_buf_raw(b, json_array_size(names) == 0 ? "no name caa could find.</p>\n" : ".</p>\n");
    for (size_t i = 0; i < json_array_size(diagnoses); i++) {
        const json_t *d = json_array_get(diagnoses, i);
        char prefix[32];

        (void)snprintf(prefix, sizeof prefix, "d%zu-", i);
        web_name_section(b, web_jobj(d, "check"), d, prefix);
    }
}

char *web_page_explain(const char *text, const json_t *result, const char *error)
{
    struct web_buf b;

    web_buf_init(&b);
    web_page_begin(&b, "Explain a CA's CAA error", WEB_NAV_EXPLAIN);
    web_buf_raw(&b, "<h1>Explain a CA's CAA error</h1>\n<p class=\"lead\">Paste the error your "
                    "ACME client printed. caa finds the names it is about and diagnoses "
                    "them.</p>\n");
    web_notice_error(&b, error);
    /* The answer first: the form is below, for the next error. */
    if (json_is_object(result)) {
        result_html(&b, result);
    }
    web_buf_raw(&b, "<form method=\"post\" action=\"/explain\">\n<div class=\"field\">"
                    "<label for=\"text\">The CA's error</label><textarea id=\"text\" "
                    "name=\"text\" rows=\"5\" spellcheck=\"false\" required placeholder=\"DNS "
                    "problem: SERVFAIL looking up CAA for example.com - the domain's nameservers "
                    "may be malfunctioning\">");
    web_buf_text(&b, text);
    web_buf_raw(&b, "</textarea></div>\n<div class=\"actions\"><button type=\"submit\">Explain"
                    "</button></div>\n</form>\n");
    web_page_end(&b);
    return web_buf_finish(&b);
}
