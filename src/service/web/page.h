/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_WEB_PAGE_H
#define CAA_SERVICE_WEB_PAGE_H

/* The pieces pages share. Internal to src/service/web. */

#include <stdbool.h>

#include <jansson.h>

#include "html_buf.h"

/* Which entry of the navigation is the current page. */
enum web_nav {
    WEB_NAV_CHECK = 0,
    WEB_NAV_LINT = 1,
    WEB_NAV_GENERATE = 2,
    WEB_NAV_EXPLAIN = 3,
    WEB_NAV_NONE = 4,
};

/* page_layout.c: the document head, site header and <main>; then the footer. title is text. */
void web_page_begin(struct web_buf *b, const char *title, enum web_nav nav);
void web_page_end(struct web_buf *b);
/* An error notice (role=alert) with text; nothing when text is NULL or empty. */
void web_notice_error(struct web_buf *b, const char *text);

/* json_get.c: typed reads that never fail: a missing or mistyped member reads as NULL/0/false. */
const char *web_jstr(const json_t *obj, const char *key);
long long web_jint(const json_t *obj, const char *key);
bool web_jbool(const json_t *obj, const char *key);
const json_t *web_jarr(const json_t *obj, const char *key); /* NULL unless an array */
const json_t *web_jobj(const json_t *obj, const char *key); /* NULL unless an object */

/* name_section.c: one name's result (a caa/1 "result" object) with its diagnosis (a caa/1
 * "diagnosis" object, or NULL): verdict, what the CA would say, the relevant RRset, the climb
 * picture and the findings. id_prefix keeps element ids unique when a page shows several. */
void web_name_section(struct web_buf *b, const json_t *result, const json_t *diagnosis,
                      const char *id_prefix);

/* findings.c: the findings of a diagnosis, what blocks issuance first, each with who acts,
 * whether a retry helps and the fix (with the record in every generate format). */
void web_findings(struct web_buf *b, const json_t *findings, const char *id_prefix);

/* fix_formats.c: the fix record ("owner. IN CAA 0 issue \"ca\"") in the other generate formats,
 * as a <details> block; nothing when the record is not one caa_generate can express. */
void web_fix_formats(struct web_buf *b, const char *record);
/* True if text reads as "owner [ttl] [IN] CAA ...": a record, not advice in words. */
bool web_is_record(const char *text);

/* climb_svg.c: the climb from the name to the TLD as an inline SVG with legend and a text
 * alternative. diagnosis may be NULL (then only the CA's lookups are drawn). */
void web_climb_svg(struct web_buf *b, const json_t *result, const json_t *diagnosis,
                   const char *id_prefix);

/* Words for a verdict ("allowed", "denied", "error") and who must act ("domain-owner", ...). */
const char *web_verdict_title(const char *verdict);
/* "allowed", "denied" or "error" (anything unknown): a CSS class. */
const char *web_verdict_class(const char *verdict);
const char *web_blame_words(const char *blame);
/* A record outcome ("other-issuer") in words; *css_class gets "good", "bad" or "neutral". */
const char *web_outcome_words(const char *outcome, const char **css_class);

#endif
