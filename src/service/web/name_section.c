/* SPDX-License-Identifier: MIT */
/* One name of an order: its verdict, the CA's words, the records that decided, where the CA
 * looked and, when a diagnosis was made, what is wrong and how to fix it. */
#include <string.h>

#include "page.h"

/* A page stays readable (and within its size ceiling) whatever the RRset holds. */
#define RECORDS_SHOWN 100
#define WARNINGS_SHOWN 8
#define SERVERS_SHOWN 16

static void rrset_table(struct web_buf *b, const json_t *rrset)
{
    const json_t *records = web_jarr(rrset, "records");

    web_buf_raw(b, "<div class=\"table-wrap\"><table><caption class=\"visually-hidden\">CAA "
                   "records at ");
    web_buf_text(b, web_jstr(rrset, "owner"));
    web_buf_raw(b, "</caption><thead><tr><th scope=\"col\">Flags</th><th scope=\"col\">Tag</th>"
                   "<th scope=\"col\">Value</th><th scope=\"col\">For this request</th></tr>"
                   "</thead><tbody>");
    for (size_t i = 0; i < json_array_size(records) && i < RECORDS_SHOWN; i++) {
        const json_t *r = json_array_get(records, i);
        const char *cls;
        const char *words = web_outcome_words(web_jstr(r, "outcome"), &cls);

        web_buf_raw(b, "<tr><td>");
        web_buf_uint(b, (unsigned long long)web_jint(r, "flags"));
        web_buf_raw(b, "</td><td>");
        web_buf_text(b, web_jstr(r, "tag"));
        web_buf_raw(b, "</td><td class=\"value\">");
        web_buf_text(b, web_jstr(r, "value"));
        web_buf_raw(b, "</td><td class=\"outcome ");
        web_buf_raw(b, cls);
        web_buf_raw(b, "\">");
        web_buf_text(b, words);
        web_buf_raw(b, "</td></tr>");
    }
    web_buf_raw(b, "</tbody></table></div>\n");
    if (json_array_size(records) > RECORDS_SHOWN) {
        web_buf_raw(b, "<p class=\"help\">");
        web_buf_uint(b, json_array_size(records) - RECORDS_SHOWN);
        web_buf_raw(b, " more records are not shown; the JSON API lists them all.</p>\n");
    }
}

static void records_part(struct web_buf *b, const json_t *result)
{
    const json_t *rrset = web_jobj(result, "relevant_rrset");
    const char *owner = web_jstr(rrset, "owner");
    const char *verdict = web_jstr(result, "verdict");
    const json_t *aliases = web_jarr(rrset, "aliases");

    web_buf_raw(b, "<h3>The CAA records that decide</h3>\n");
    if (owner == NULL) {
        web_buf_raw(b, verdict != NULL && strcmp(verdict, "error") == 0
                           ? "<p>None could be read: a lookup failed before the CA found "
                             "them.</p>\n"
                           : "<p>There are no CAA records at this name or any parent, so every "
                             "CA may issue.</p>\n");
        return;
    }
    web_buf_raw(b, "<p>Found at <code>");
    web_buf_text(b, owner);
    web_buf_raw(b, "</code>; DNSSEC: ");
    web_buf_text(b, web_jstr(rrset, "dnssec"));
    web_buf_raw(b, ".");
    for (size_t i = 0; i < json_array_size(aliases); i++) {
        web_buf_raw(b, i == 0 ? " Followed the alias " : ", ");
        web_buf_raw(b, "<code>");
        web_buf_text(b, json_string_value(json_array_get(aliases, i)));
        web_buf_raw(b, "</code>");
    }
    web_buf_raw(b, "</p>\n");
    rrset_table(b, rrset);
}

static void ca_says(struct web_buf *b, const json_t *result)
{
    const json_t *says = web_jobj(result, "ca_would_say");
    const char *detail = web_jstr(says, "detail");

    if (detail == NULL || detail[0] == '\0') {
        return;
    }
    web_buf_raw(b, "<h3>What the CA would say</h3>\n<blockquote class=\"ca-says\">");
    web_buf_text(b, detail);
    web_buf_raw(b, "</blockquote>\n<p class=\"help\">ACME error type <code>");
    web_buf_text(b, web_jstr(says, "acme_type"));
    web_buf_raw(b, "</code></p>\n");
}

static void notes(struct web_buf *b, const json_t *result)
{
    const json_t *other = web_jobj(web_jobj(result, "profiles"), "other");

    if (web_jbool(result, "br_exception_used")) {
        web_buf_raw(b, "<p class=\"notice\">Allowed only because the lookup failure counts as "
                       "permission under CA/B Baseline Requirements 3.2.2.8; Let's Encrypt does "
                       "not apply this exception.</p>\n");
    }
    if (web_jbool(web_jobj(result, "profiles"), "differ")) {
        web_buf_raw(b, "<p class=\"notice\">Under the ");
        web_buf_text(b, web_jstr(other, "profile"));
        web_buf_raw(b, " rules the verdict would be <strong>");
        web_buf_text(b, web_jstr(other, "verdict"));
        web_buf_raw(b, "</strong>: ");
        web_buf_text(b, web_jstr(other, "message"));
        web_buf_raw(b, "</p>\n");
    }
}

/* What the check warns about without changing the verdict (the deciding zone's servers
 * disagree): each server and what it answered, so the admin sees which one is out of date. */
static void warnings(struct web_buf *b, const json_t *result)
{
    const json_t *list = web_jarr(result, "warnings");

    for (size_t i = 0; i < json_array_size(list) && i < WARNINGS_SHOWN; i++) {
        const json_t *w = json_array_get(list, i);
        const json_t *servers = web_jarr(w, "servers");

        web_buf_raw(b, "<div class=\"notice warning\"><p><strong>Warning</strong> (<code>");
        web_buf_text(b, web_jstr(w, "code"));
        web_buf_raw(b, "</code>): ");
        web_buf_text(b, web_jstr(w, "message"));
        web_buf_raw(b, ". Make every server of the zone serve the same records.</p><ul>");
        for (size_t k = 0; k < json_array_size(servers) && k < SERVERS_SHOWN; k++) {
            const json_t *srv = json_array_get(servers, k);
            web_buf_raw(b, "<li><code>");
            web_buf_text(b, web_jstr(srv, "name"));
            web_buf_raw(b, "</code> (");
            web_buf_text(b, web_jstr(srv, "address"));
            web_buf_raw(b, "): ");
            web_buf_text(b, web_jstr(srv, "answer"));
            web_buf_raw(b, "</li>");
        }
        web_buf_raw(b, "</ul></div>\n");
    }
}

void web_name_section(struct web_buf *b, const json_t *result, const json_t *diagnosis,
                      const char *id_prefix)
{
    const char *verdict = web_jstr(result, "verdict");
    const char *shown = web_jstr(result, "name_unicode");

    web_buf_raw(b, "<section class=\"name-result\"><h2>");
    web_buf_text(b, shown != NULL ? shown : web_jstr(result, "name"));
    web_buf_raw(b, " <span class=\"verdict-chip ");
    web_buf_raw(b, web_verdict_class(verdict));
    web_buf_raw(b, "\">");
    web_buf_raw(b, web_verdict_title(verdict));
    web_buf_raw(b, "</span></h2>\n<p class=\"reason\">");
    web_buf_text(b, web_jstr(result, "message"));
    web_buf_raw(b, "</p>\n");
    notes(b, result);
    warnings(b, result);
    ca_says(b, result);
    records_part(b, result);
    web_buf_raw(b, "<h3>Where the CA looked</h3>\n");
    web_climb_svg(b, result, diagnosis, id_prefix);
    if (diagnosis != NULL) {
        web_buf_raw(b, "<h3>What is wrong and how to fix it</h3>\n");
        web_findings(b, web_jarr(diagnosis, "findings"), id_prefix);
    }
    web_buf_raw(b, "</section>\n");
}
