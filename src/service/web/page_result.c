/* SPDX-License-Identifier: MIT */
/* The result page (and every permalink): the verdict first, as a banner a person reads in ten
 * seconds, then each name in detail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "page.h"
#include "web.h"

#define DIAGNOSES_MAX 5

/* The names as asked; the checked names when the request did not keep them. */
static void names_text(struct web_buf *b, const json_t *request, const json_t *results)
{
    const json_t *names = web_jarr(request, "names");
    size_t n = names != NULL ? json_array_size(names) : json_array_size(results);

    for (size_t i = 0; i < n; i++) {
        const char *name = names != NULL ? json_string_value(json_array_get(names, i))
                                         : web_jstr(json_array_get(results, i), "name_unicode");

        if (i > 0) {
            web_buf_raw(b, i + 1 == n ? " and " : ", ");
        }
        web_buf_raw(b, "<strong>");
        web_buf_text(b, name);
        web_buf_raw(b, "</strong>");
    }
}

/* The CA as asked; the issuer domains checked when the request did not keep it. */
static const char *ca_of(const json_t *request, const json_t *results)
{
    const char *ca = web_jstr(request, "ca");

    if (ca == NULL) {
        ca = json_string_value(json_array_get(
            web_jarr(web_jobj(json_array_get(results, 0), "ca"), "issuer_domains"), 0));
    }
    return ca != NULL ? ca : "the CA";
}

static void banner(struct web_buf *b, const char *verdict, const json_t *request,
                   const json_t *results)
{
    const char *cls = web_verdict_class(verdict);
    const char *ca = ca_of(request, results);

    web_buf_raw(b, "<div class=\"banner ");
    web_buf_raw(b, cls);
    web_buf_raw(b, "\" role=\"status\"><h2 id=\"verdict\"><span class=\"icon\" "
                   "aria-hidden=\"true\">");
    web_buf_raw(b, strcmp(cls, "allowed") == 0 ? "✓" : strcmp(cls, "denied") == 0 ? "✗" : "!");
    web_buf_raw(b, "</span>");
    web_buf_raw(b, web_verdict_title(cls));
    web_buf_raw(b, "</h2><p>");
    if (strcmp(cls, "allowed") == 0) {
        web_buf_raw(b, "CAA lets <strong>");
        web_buf_text(b, ca);
        web_buf_raw(b, "</strong> issue a certificate for ");
        names_text(b, request, results);
        web_buf_raw(b, ".");
    } else if (strcmp(cls, "denied") == 0) {
        web_buf_raw(b, "CAA records forbid <strong>");
        web_buf_text(b, ca);
        web_buf_raw(b, "</strong> to issue a certificate for ");
        names_text(b, request, results);
        web_buf_raw(b, ". The fix is below.");
    } else {
        web_buf_raw(b, "The CA could not look up CAA for ");
        names_text(b, request, results);
        web_buf_raw(b, ", so it will not issue. The cause and who must fix it are below.");
    }
    web_buf_raw(b, "</p></div>\n");
}

static void taken_at(struct web_buf *b, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char iso[32];
    char shown[40];

    if (gmtime_r(&tt, &tm) == NULL || strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0 ||
        strftime(shown, sizeof shown, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0) {
        web_buf_raw(b, "unknown");
        return;
    }
    web_buf_raw(b, "<time datetime=\"");
    web_buf_raw(b, iso);
    web_buf_raw(b, "\">");
    web_buf_raw(b, shown);
    web_buf_raw(b, "</time>");
}

/* The same check through the JSON API (GET /api/v1/check), for scripts. */
static void api_link(struct web_buf *b, const json_t *request, const json_t *results)
{
    static const char *const keys[] = {"method", "account_uri", "profile"};
    const json_t *names = web_jarr(request, "names");
    size_t n = names != NULL ? json_array_size(names) : json_array_size(results);

    web_buf_raw(b, "<a href=\"/api/v1/check?ca=");
    web_buf_query(b, ca_of(request, results));
    for (size_t i = 0; i < n; i++) {
        web_buf_raw(b, "&amp;name=");
        web_buf_query(b, names != NULL ? json_string_value(json_array_get(names, i))
                                       : web_jstr(json_array_get(results, i), "name"));
    }
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = web_jstr(request, keys[i]);

        if (v != NULL && v[0] != '\0') {
            web_buf_raw(b, "&amp;");
            web_buf_raw(b, keys[i]);
            web_buf_raw(b, "=");
            web_buf_query(b, v);
        }
    }
    web_buf_raw(b, "\">/api/v1/check</a>");
}

static void meta_part(struct web_buf *b, const json_t *request, const json_t *results,
                      const struct web_result_meta *m)
{
    const char *method = web_jstr(request, "method");
    const char *account = web_jstr(request, "account_uri");

    web_buf_raw(b, "<div class=\"meta\"><dl><dt>Checked</dt><dd>");
    taken_at(b, m != NULL ? m->taken_at : 0);
    web_buf_raw(b, "</dd><dt>CA</dt><dd>");
    web_buf_text(b, ca_of(request, results));
    web_buf_raw(b, "</dd>");
    if (method != NULL && method[0] != '\0') {
        web_buf_raw(b, "<dt>Method</dt><dd>");
        web_buf_text(b, method);
        web_buf_raw(b, "</dd>");
    }
    if (account != NULL && account[0] != '\0') {
        web_buf_raw(b, "<dt>Account</dt><dd>");
        web_buf_text(b, account);
        web_buf_raw(b, "</dd>");
    }
    web_buf_raw(b, "<dt>Rules</dt><dd>");
    web_buf_text(b, web_jstr(request, "profile") != NULL
                        ? web_jstr(request, "profile")
                        : web_jstr(json_array_get(results, 0), "profile"));
    web_buf_raw(b, "</dd>");
    if (m != NULL && m->permalink_id != NULL) {
        web_buf_raw(b, "<dt>Permalink</dt><dd><a id=\"permalink\" data-copyable=\"permalink\" "
                       "href=\"/r/");
        web_buf_text(b, m->permalink_id);
        web_buf_raw(b, "\">/r/");
        web_buf_text(b, m->permalink_id);
        web_buf_raw(b, "</a></dd>");
    }
    web_buf_raw(b, "<dt>JSON</dt><dd>");
    api_link(b, request, results);
    web_buf_raw(b, "</dd></dl>");
    if (m != NULL && m->rerun_href != NULL) {
        web_buf_raw(b, "<div class=\"actions\"><a class=\"button\" id=\"rerun\" href=\"");
        web_buf_text(b, m->rerun_href);
        web_buf_raw(b, "\">Check again now</a><a class=\"button secondary\" href=\"/\">Check "
                       "another domain</a></div>");
    }
    web_buf_raw(b, "</div>\n");
}

static const json_t *diagnosis_for(const json_t *diagnoses, const char *name)
{
    for (size_t i = 0; name != NULL && i < json_array_size(diagnoses) && i < DIAGNOSES_MAX; i++) {
        const json_t *d = json_array_get(diagnoses, i);
        const char *dn = web_jstr(web_jobj(d, "check"), "name");

        if (dn == NULL) {
            dn = web_jstr(d, "name");
        }
        if (dn != NULL && strcmp(dn, name) == 0) {
            return d;
        }
    }
    return NULL;
}

static void page_title(struct web_buf *b, const json_t *request, const json_t *results)
{
    const json_t *names = web_jarr(request, "names");
    size_t n = names != NULL ? json_array_size(names) : json_array_size(results);

    web_buf_raw(b, "CAA check: ");
    for (size_t i = 0; i < n && i < 3; i++) {
        web_buf_raw(b, i > 0 ? ", " : "");
        web_buf_raw(b, names != NULL ? json_string_value(json_array_get(names, i))
                                     : web_jstr(json_array_get(results, i), "name_unicode"));
    }
    if (n > 3) {
        web_buf_raw(b, ", …");
    }
}

char *web_page_result(const json_t *stored, const struct web_result_meta *meta)
{
    const json_t *request = web_jobj(stored, "request");
    const json_t *check = web_jobj(stored, "check");
    const json_t *results = web_jarr(check, "results");
    const json_t *diagnoses = web_jarr(stored, "diagnoses");
    struct web_buf title;
    char *title_text;
    struct web_buf b;

    /* The title is built raw and escaped once, by web_page_begin. */
    web_buf_init(&title);
    page_title(&title, request, results);
    title_text = web_buf_finish(&title);
    if (title_text == NULL) {
        return NULL;
    }
    web_buf_init(&b);
    web_page_begin(&b, title_text, WEB_NAV_CHECK);
    web_buf_raw(&b, "<h1>");
    web_buf_text(&b, title_text);
    web_buf_raw(&b, "</h1>\n");
    banner(&b, web_jstr(check, "verdict"), request, results);
    meta_part(&b, request, results, meta);
    for (size_t i = 0; i < json_array_size(results); i++) {
        const json_t *r = json_array_get(results, i);
        char prefix[32];

        (void)snprintf(prefix, sizeof prefix, "n%zu-", i);
        web_name_section(&b, r, diagnosis_for(diagnoses, web_jstr(r, "name")), prefix);
    }
    web_page_end(&b);
    free(title_text);
    return web_buf_finish(&b);
}
