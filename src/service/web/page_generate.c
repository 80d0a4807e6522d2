/* SPDX-License-Identifier: MIT */
/* Generate: a policy in words ("these CAs, no wildcards, report to ...") to records in every
 * format caa generate writes. */
#include "page.h"
#include "web.h"

struct field {
    const char *id;
    const char *label;
    const char *help;
    const char *placeholder;
};

static const struct field fields[] = {
    {"name", "Domain", "The name the records go at, usually your zone's apex.", "example.com"},
    {"ca", "CAs allowed to issue",
     "Names from the table (letsencrypt, digicert, ...) or issuer domains, separated by commas. "
     "Empty: no CA may issue.",
     "letsencrypt"},
    {"wildcard_ca", "CAs allowed to issue wildcard certificates",
     "Empty: wildcards follow the line above.", ""},
    {"iodef", "Report violations to", "A mailto: address or an https: URL (optional).",
     "mailto:security@example.com"},
    {"account_uri", "Only this ACME account (RFC 8657)", "Optional.",
     "https://acme-v02.api.letsencrypt.org/acme/acct/123"},
    {"methods", "Only these validation methods (RFC 8657)",
     "Optional, separated by commas: http-01, dns-01, tls-alpn-01.", ""},
};

static const char *value_of(const struct web_generate_form *f, size_t i)
{
    const char *const values[] = {f->name,  f->ca,          f->wildcard_ca,
                                  f->iodef, f->account_uri, f->methods};

    return i < sizeof values / sizeof values[0] ? values[i] : NULL;
}

static void form_html(struct web_buf *b, const struct web_generate_form *f)
{
    web_buf_raw(b, "<h2>Your policy</h2>\n<form method=\"get\" action=\"/generate\">\n");
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = value_of(f, i);

        web_buf_raw(b, "<div class=\"field\"><label for=\"");
        web_buf_raw(b, fields[i].id);
        web_buf_raw(b, "\">");
        web_buf_raw(b, fields[i].label);
        web_buf_raw(b, "</label><input type=\"text\" spellcheck=\"false\" autocapitalize=\"none\" "
                       "id=\"");
        web_buf_raw(b, fields[i].id);
        web_buf_raw(b, "\" name=\"");
        web_buf_raw(b, fields[i].id);
        web_buf_raw(b, i == 0 ? "\" required value=\"" : "\" value=\"");
        web_buf_text(b, v != NULL ? v : (i == 1 && f->name == NULL ? "letsencrypt" : ""));
        web_buf_raw(b, "\" placeholder=\"");
        web_buf_raw(b, fields[i].placeholder);
        web_buf_raw(b, "\" aria-describedby=\"");
        web_buf_raw(b, fields[i].id);
        web_buf_raw(b, "-help\"><p class=\"help\" id=\"");
        web_buf_raw(b, fields[i].id);
        web_buf_raw(b, "-help\">");
        web_buf_raw(b, fields[i].help);
        web_buf_raw(b, "</p></div>\n");
    }
    web_buf_raw(b, "<div class=\"field checkbox\"><input type=\"checkbox\" id=\"no_wildcard\" "
                   "name=\"no_wildcard\" value=\"1\"");
    web_buf_raw(b, f->no_wildcard ? " checked>" : ">");
    web_buf_raw(b, "<label for=\"no_wildcard\">No CA may issue wildcard certificates</label>"
                   "</div>\n<div class=\"actions\"><button type=\"submit\">Generate</button>"
                   "</div>\n</form>\n");
}

static void outputs_html(struct web_buf *b, const json_t *outputs)
{
    const char *format;
    const json_t *text;
    size_t i = 0;

    web_buf_raw(b, "<section class=\"outputs\"><h2>Your records</h2>\n");
    json_object_foreach((json_t *)outputs, format, text)
    {
        if (!json_is_string(text)) {
            continue;
        }
        web_buf_raw(b, "<h3>");
        web_buf_text(b, format);
        web_buf_raw(b, "</h3><div class=\"fix-record\"><pre><code data-copyable=\"");
        web_buf_text(b, format);
        web_buf_raw(b, " records\" id=\"out-");
        web_buf_uint(b, i++);
        web_buf_raw(b, "\">");
        web_buf_text(b, json_string_value(text));
        web_buf_raw(b, "</code></pre></div>\n");
    }
    web_buf_raw(b, "<p class=\"help\">Then check the result with the <a href=\"/lint\">linter"
                   "</a>, and once published, with the <a href=\"/\">checker</a>.</p></section>\n");
}

char *web_page_generate(const struct web_generate_form *form, const json_t *outputs,
                        const char *error)
{
    static const struct web_generate_form empty;
    struct web_buf b;

    web_buf_init(&b);
    web_page_begin(&b, "Generate CAA records", WEB_NAV_GENERATE);
    web_buf_raw(&b, "<h1>Generate CAA records</h1>\n<p class=\"lead\">Say which CAs may issue; "
                    "get the records for your DNS software.</p>\n");
    web_notice_error(&b, error);
    if (json_is_object(outputs)) {
        outputs_html(&b, outputs);
    }
    form_html(&b, form != NULL ? form : &empty);
    web_page_end(&b);
    return web_buf_finish(&b);
}
