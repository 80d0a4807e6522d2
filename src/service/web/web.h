/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_WEB_H
#define CAA_SERVICE_WEB_H

/*
 * The web face of `caa serve`: every HTML page, the stylesheet and script, and the permalink
 * store. A client of <caa/caa.h> only. Pages are pure functions of their arguments (no I/O, no
 * clock): every page function returns a malloc'd NUL-terminated HTML document (caller frees),
 * NULL on out of memory. Everything that came from a request or the DNS is HTML-escaped inside.
 * Thread rule: pages may be rendered from any thread; a store serialises its own calls.
 */

#include <stdbool.h>

#include <jansson.h>

/* The check form, as submitted (GET /check) or empty (GET /). All nullable. */
struct web_form {
    const char *names, *ca, *method, *account_uri, *profile;
    const char *error; /* shown above the form */
};
char *web_page_home(const struct web_form *form);

/*
 * `stored` is the permalink document {"request":{names:[..],ca,method,account_uri,profile},
 * "check": <caa_report_to_json doc>, "diagnoses": [<caa_diagnosis_to_json doc for each name whose
 * verdict is not allowed, at most 5>]}; meta gives id, taken_at (unix s), rerun_href.
 */
struct web_result_meta {
    const char *permalink_id;
    long long taken_at;
    const char *rerun_href;
};
char *web_page_result(const json_t *stored, const struct web_result_meta *meta);

/* lint_doc: a caa_lint_report_to_json document, or NULL for the empty form. */
char *web_page_lint(const char *zone_text /*nullable*/, const json_t *lint_doc /*nullable*/);

struct web_generate_form {
    const char *name, *ca, *wildcard_ca, *iodef, *account_uri, *methods;
    bool no_wildcard;
};
/* outputs: {"<format name>": "<records>", ...} or NULL. */
char *web_page_generate(const struct web_generate_form *form /*nullable*/, const json_t *outputs,
                        const char *error);
/* result: {"names":[..],"diagnoses":[<caa_diagnosis_to_json doc>..]} or NULL. */
char *web_page_explain(const char *text /*nullable*/, const json_t *result, const char *error);
char *web_page_error(int http_status, const char *title, const char *detail);

/* Served at /static/caa.css and /static/caa.js (strict CSP: no inline script or style). */
extern const char web_css[], web_js[];

/*
 * Permalinks in SQLite (WAL) under state_dir: ids are HMAC-SHA256 of the stored content under a
 * secret made on first open (mode 0600), so they are stable for the same content yet cannot be
 * guessed or enumerated. Any thread may call; calls are serialised.
 */
struct web_store;
/** 0 ok, -1 error. *out: web_store_close(). */
int web_store_open(const char *state_dir, struct web_store **out);
/** Stores json_text taken at taken_at (unix s); id_out gets the 32-character id. 0 ok, -1. */
int web_store_put(struct web_store *s, const char *json_text, long long taken_at, char id_out[33]);
/** 0 ok (*json_text_out malloc'd, caller frees), 1 not found (or not an id), -1 error. */
int web_store_get(struct web_store *s, const char *id, char **json_text_out,
                  long long *taken_at_out);
/** Deletes entries older than keep_days (0: no age limit), then all but the newest keep_max
 * (0: no count limit). 0 ok, -1 error. */
int web_store_prune(struct web_store *s, unsigned keep_days, unsigned long keep_max);
/** NULL is a no-op. */
void web_store_close(struct web_store *s);

#endif
