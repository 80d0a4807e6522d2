/* SPDX-License-Identifier: MIT */
/* GET /: the check form. Plain HTML so it works without JavaScript; every field labelled. */
#include <string.h>

#include <caa/caa.h>

#include "page.h"
#include "web.h"

static const char *const methods[] = {"http-01", "dns-01", "tls-alpn-01", "dns-account-01",
                                      "dns-persist-01"};
static const char *const profiles[][2] = {
    {"letsencrypt", "Let's Encrypt (what the CA really does)"},
    {"rfc8659", "RFC 8659 only (the standard's text)"},
};

static bool same(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static void ca_option(struct web_buf *b, const struct caa_ca_info *ca)
{
    if (ca == NULL || ca->issuer_domains == NULL || ca->issuer_domains[0] == NULL) {
        return;
    }
    web_buf_raw(b, "<option value=\"");
    web_buf_text(b, ca->issuer_domains[0]);
    web_buf_raw(b, "\" label=\"");
    web_buf_text(b, ca->display_name);
    web_buf_raw(b, "\"></option>");
}

/* The CA table as suggestions; Let's Encrypt first, because most people asking use it. */
static void ca_datalist(struct web_buf *b)
{
    const struct caa_ca_info *le = caa_ca_find("letsencrypt");

    web_buf_raw(b, "<datalist id=\"ca-list\">");
    ca_option(b, le);
    for (size_t i = 0; i < caa_ca_count(); i++) {
        if (caa_ca_at(i) != le) {
            ca_option(b, caa_ca_at(i));
        }
    }
    web_buf_raw(b, "</datalist>");
}

static void method_select(struct web_buf *b, const char *chosen)
{
    web_buf_raw(b, "<select id=\"method\" name=\"method\" aria-describedby=\"method-help\">"
                   "<option value=\"\">any (don't check validationmethods)</option>");
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        web_buf_raw(b, same(chosen, methods[i]) ? "<option selected>" : "<option>");
        web_buf_raw(b, methods[i]);
        web_buf_raw(b, "</option>");
    }
    web_buf_raw(b, "</select>");
}

static void profile_select(struct web_buf *b, const char *chosen)
{
    web_buf_raw(b, "<select id=\"profile\" name=\"profile\">");
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
        web_buf_raw(b, "<option value=\"");
        web_buf_raw(b, profiles[i][0]);
        web_buf_raw(b, same(chosen, profiles[i][0]) ? "\" selected>" : "\">");
        web_buf_raw(b, profiles[i][1]);
        web_buf_raw(b, "</option>");
    }
    web_buf_raw(b, "</select>");
}

static void text_field(struct web_buf *b, const char *id, const char *value)
{
    web_buf_raw(b, " id=\"");
    web_buf_raw(b, id);
    web_buf_raw(b, "\" name=\"");
    web_buf_raw(b, id);
    web_buf_raw(b, "\" value=\"");
    web_buf_text(b, value);
    web_buf_raw(b, "\"");
}

char *web_page_home(const struct web_form *form)
{
    static const struct web_form empty;
    const struct web_form *f = form != NULL ? form : &empty;
    bool advanced =
        (f->account_uri != NULL && f->account_uri[0] != '\0') ||
        (f->profile != NULL && f->profile[0] != '\0' && !same(f->profile, "letsencrypt"));
    struct web_buf b;

    web_buf_init(&b);
    web_page_begin(&b, "May this CA issue a certificate?", WEB_NAV_CHECK);
    web_buf_raw(&b, "<h1>May this CA issue a certificate for my domain?</h1>\n"
                    "<p class=\"lead\">Type your domain. caa looks up its CAA records exactly as "
                    "the CA does and tells you whether the CA may issue — and if not, why, who "
                    "must fix it and the exact record to publish.</p>\n");
    web_notice_error(&b, f->error);
    web_buf_raw(&b, "<form class=\"check\" method=\"get\" action=\"/check\">\n"
                    "<div class=\"field\"><label for=\"names\">Domain name(s)</label>"
                    "<input type=\"text\" required autocapitalize=\"none\" autocorrect=\"off\" "
                    "spellcheck=\"false\" inputmode=\"url\" placeholder=\"example.com\" "
                    "aria-describedby=\"names-help\"");
    text_field(&b, "names", f->names);
    web_buf_raw(&b, "><p class=\"help\" id=\"names-help\">Several names separated by spaces or "
                    "commas are checked as one certificate order. Start with <code>*.</code> for "
                    "a wildcard.</p></div>\n"
                    "<div class=\"field\"><label for=\"ca\">Certificate authority</label>"
                    "<input type=\"text\" list=\"ca-list\" autocapitalize=\"none\" "
                    "spellcheck=\"false\" aria-describedby=\"ca-help\"");
    text_field(&b, "ca", f->ca != NULL ? f->ca : "letsencrypt.org");
    web_buf_raw(&b, ">");
    ca_datalist(&b);
    web_buf_raw(&b, "<p class=\"help\" id=\"ca-help\">Pick a CA or type the issuer domain it "
                    "publishes for CAA (Let's Encrypt: <code>letsencrypt.org</code>).</p></div>\n"
                    "<div class=\"field\"><label for=\"method\">Validation method</label>");
    method_select(&b, f->method);
    web_buf_raw(&b, "<p class=\"help\" id=\"method-help\">Only matters when your records limit "
                    "the methods (RFC 8657 <code>validationmethods</code>).</p></div>\n");
    web_buf_raw(&b, advanced ? "<details open>" : "<details>");
    web_buf_raw(&b, "<summary>More options</summary>\n"
                    "<div class=\"field\"><label for=\"account_uri\">ACME account URI</label>"
                    "<input type=\"url\" autocapitalize=\"none\" spellcheck=\"false\" "
                    "placeholder=\"https://acme-v02.api.letsencrypt.org/acme/acct/123\"");
    text_field(&b, "account_uri", f->account_uri);
    web_buf_raw(&b, "></div>\n<div class=\"field\"><label for=\"profile\">Rules</label>");
    profile_select(&b, f->profile);
    web_buf_raw(&b, "</div>\n</details>\n"
                    "<div class=\"actions\"><button type=\"submit\">Check</button></div>\n"
                    "</form>\n"
                    "<section class=\"explain\"><h2>What is CAA?</h2><p>A CAA record in DNS lists "
                    "the certificate authorities allowed to issue for a domain. Before issuing, "
                    "every CA looks for CAA records at the name and each parent up to the TLD, "
                    "and refuses if they don't list it — or if the DNS lookup fails.</p></section>"
                    "\n");
    web_page_end(&b);
    return web_buf_finish(&b);
}
