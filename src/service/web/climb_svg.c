/* SPDX-License-Identifier: MIT */
/*
 * The climb as a picture a non-expert can read: one numbered step per label, from the name up to
 * the top-level domain, as the CA asks (RFC 8659 §3); the steps grouped into the zones that
 * answer them, with a dashed line at each zone cut; under each zone its nameservers, coloured by
 * what they answered in the diagnosis. One narrow column, so it stays legible on a phone.
 * Colours are CSS classes (dark mode applies); every colour also has a word, and the whole
 * picture is repeated as text below it.
 */
#include <string.h>

#include "page.h"

#define STEPS_MAX 128 /* a name has at most 127 labels */
#define SVG_WIDTH 400
#define ROW_HEIGHT 52
#define SERVER_HEIGHT 18
#define CUT_HEIGHT 36
#define ZONE_HEAD 22
#define SERVERS_MAX 16

enum ns_state { NS_OK, NS_WARN, NS_BAD, NS_IDLE };

static const char *const ns_class[] = {"ok", "warn", "bad", "idle"};
static const char *const ns_words[] = {"answered correctly", "answered, with a warning",
                                       "answered wrongly or not at all", "not probed"};

struct step {
    const char *qname;
    const json_t *lookup;
    const json_t *zone; /* the diagnosis zone object whose apex is the longest suffix, or NULL */
};

/* True if name is zone or below it. */
static bool in_zone(const char *name, const char *zone)
{
    size_t n = strlen(name);
    size_t z = strlen(zone);

    if (z == 0 || z > n) {
        return false;
    }
    return strcmp(name + n - z, zone) == 0 && (n == z || name[n - z - 1] == '.');
}

static const json_t *zone_of(const char *qname, const json_t *zones)
{
    const json_t *best = NULL;
    size_t best_len = 0;

    for (size_t i = 0; i < json_array_size(zones); i++) {
        const json_t *z = json_array_get(zones, i);
        const char *apex = web_jstr(z, "zone");

        if (apex != NULL && in_zone(qname, apex) && strlen(apex) > best_len) {
            best = z;
            best_len = strlen(apex);
        }
    }
    return best;
}

static size_t collect_steps(const json_t *result, const json_t *diagnosis, struct step *steps)
{
    const json_t *lookups = web_jarr(result, "lookups");
    const json_t *zones = web_jarr(diagnosis, "zones");
    size_t n = 0;

    for (size_t i = 0; i < json_array_size(lookups) && n < STEPS_MAX; i++) {
        const json_t *l = json_array_get(lookups, i);
        const char *q = web_jstr(l, "qname");

        if (q != NULL) {
            steps[n].qname = q;
            steps[n].lookup = l;
            steps[n].zone = zone_of(q, zones);
            n++;
        }
    }
    return n;
}

static bool same_str(const char *a, const char *b)
{
    return a != NULL && b != NULL && a[0] != '\0' && strcmp(a, b) == 0;
}

/* What a server answered, from the findings about it; the worst finding wins. */
static enum ns_state server_state(const json_t *server, const char *zone, const json_t *findings,
                                  const char **code)
{
    enum ns_state state = NS_OK;

    *code = NULL;
    for (size_t i = 0; i < json_array_size(findings); i++) {
        const json_t *f = json_array_get(findings, i);
        const char *fz = web_jstr(f, "zone");
        const char *sev = web_jstr(f, "severity");
        enum ns_state s = NS_OK;
        bool about = same_str(web_jstr(f, "address"), web_jstr(server, "address")) ||
                     ((web_jstr(f, "address") == NULL || web_jstr(f, "address")[0] == '\0') &&
                      same_str(web_jstr(f, "server"), web_jstr(server, "name")));

        if (!about || (fz != NULL && fz[0] != '\0' && !same_str(fz, zone))) {
            continue;
        }
        if (same_str(web_jstr(f, "code"), "NS_PRIVATE_ADDRESS")) {
            s = NS_IDLE;
        } else if (same_str(sev, "error")) {
            s = NS_BAD;
        } else if (same_str(sev, "warning")) {
            s = NS_WARN;
        }
        if (s != NS_OK && (state == NS_OK || s == NS_BAD)) {
            state = s;
            *code = web_jstr(f, "code");
        }
    }
    return state;
}

/* Text of at most max bytes, cut at a UTF-8 boundary with an ellipsis: SVG text does not wrap. */
static void svg_text_cut(struct web_buf *b, const char *s, size_t max)
{
    size_t n = s != NULL ? strlen(s) : 0;

    if (n <= max) {
        web_buf_text(b, s);
        return;
    }
    n = max - 1;
    while (n > 0 && ((unsigned char)s[n] & 0xC0u) == 0x80u) {
        n--;
    }
    web_buf_textn(b, s, n);
    web_buf_raw(b, "…");
}

static void num_attr(struct web_buf *b, const char *name, unsigned long long v)
{
    web_buf_raw(b, " ");
    web_buf_raw(b, name);
    web_buf_raw(b, "=\"");
    web_buf_uint(b, v);
    web_buf_raw(b, "\"");
}

/* The step's state: its box class and the words under the name. */
static const char *step_state(const struct step *st, const char *owner, const char **words)
{
    const char *err = web_jstr(st->lookup, "error");

    if (err != NULL) {
        *words = "the lookup failed";
        return "failed";
    }
    if (!web_jbool(st->lookup, "used")) {
        *words = "not needed: the CA stopped below";
        return "unused";
    }
    if (web_jint(st->lookup, "answers") > 0 && (owner == NULL || same_str(owner, st->qname))) {
        *words = "has CAA records: these decide";
        return "relevant";
    }
    *words = "no CAA records here: go up one label";
    return "plain";
}

static unsigned long long zone_servers(const json_t *zone)
{
    size_t n = json_array_size(web_jarr(zone, "servers"));

    return n > SERVERS_MAX ? SERVERS_MAX : n;
}

static unsigned long long group_height(size_t rows, const json_t *zone)
{
    unsigned long long h = rows * ROW_HEIGHT + 8;

    if (zone != NULL) {
        /* the zone's title, the servers' heading, the servers */
        h += 2 * ZONE_HEAD + zone_servers(zone) * SERVER_HEIGHT + 4;
    }
    return h;
}

static void draw_step(struct web_buf *b, const struct step *st, size_t i, unsigned long long y,
                      const char *owner, bool last)
{
    const char *words;
    const char *cls = step_state(st, owner, &words);
    const char *rcode = web_jstr(st->lookup, "rcode");

    if (!last) {
        web_buf_raw(b, "<line class=\"edge\" x1=\"34\" x2=\"34\"");
        num_attr(b, "y1", y + 26 + 12);
        num_attr(b, "y2", y + 26 + ROW_HEIGHT - 12);
        web_buf_raw(b, "/>");
    }
    web_buf_raw(b, "<circle class=\"label-box\" cx=\"34\" r=\"12\"");
    num_attr(b, "cy", y + 26);
    web_buf_raw(b, "/><text text-anchor=\"middle\" x=\"34\"");
    num_attr(b, "y", y + 30);
    web_buf_raw(b, ">");
    web_buf_uint(b, i + 1);
    web_buf_raw(b, "</text><rect class=\"label-box ");
    web_buf_raw(b, cls);
    web_buf_raw(b, "\" x=\"54\" width=\"330\" height=\"44\" rx=\"6\"");
    num_attr(b, "y", y + 4);
    web_buf_raw(b, "><title>");
    web_buf_text(b, st->qname);
    web_buf_raw(b, "</title></rect><text class=\"mono\" x=\"64\"");
    num_attr(b, "y", y + 22);
    web_buf_raw(b, ">");
    svg_text_cut(b, st->qname, 40);
    web_buf_raw(b, "</text><text class=\"small\" x=\"64\"");
    num_attr(b, "y", y + 40);
    web_buf_raw(b, ">");
    if (rcode != NULL && strcmp(rcode, "NOERROR") != 0) {
        web_buf_text(b, rcode);
        web_buf_raw(b, ": ");
    }
    web_buf_raw(b, words);
    web_buf_raw(b, "</text>\n");
}

static void draw_servers(struct web_buf *b, const json_t *zone, const json_t *findings,
                         unsigned long long y)
{
    const json_t *servers = web_jarr(zone, "servers");

    web_buf_raw(b, "<text class=\"small\" x=\"54\"");
    num_attr(b, "y", y + 14);
    web_buf_raw(b, ">");
    web_buf_raw(b, json_array_size(servers) == 0 ? "No nameservers found for this zone"
                                                 : "Nameservers of this zone:");
    web_buf_raw(b, "</text>\n");
    for (size_t j = 0; j < zone_servers(zone); j++) {
        const json_t *s = json_array_get(servers, j);
        const char *code;
        enum ns_state state = server_state(s, web_jstr(zone, "zone"), findings, &code);
        unsigned long long sy = y + ZONE_HEAD + j * SERVER_HEIGHT + 10;

        web_buf_raw(b, "<circle class=\"ns ");
        web_buf_raw(b, ns_class[state]);
        web_buf_raw(b, "\" cx=\"62\" r=\"6\"");
        num_attr(b, "cy", sy - 4);
        web_buf_raw(b, "/><text class=\"small\" x=\"74\"");
        num_attr(b, "y", sy);
        web_buf_raw(b, ">");
        svg_text_cut(b, web_jstr(s, "name"), 28);
        web_buf_raw(b, " ");
        svg_text_cut(b, web_jstr(s, "address"), 20);
        web_buf_raw(b, ": ");
        web_buf_raw(b, state == NS_OK ? "ok" : state == NS_IDLE ? "not probed" : "");
        svg_text_cut(b, state == NS_OK || state == NS_IDLE ? "" : code, 24);
        web_buf_raw(b, "</text>\n");
    }
}

static void draw_cut(struct web_buf *b, const json_t *zone, unsigned long long y)
{
    web_buf_raw(b, "<line class=\"cut\" x1=\"8\"");
    num_attr(b, "x2", SVG_WIDTH - 8);
    num_attr(b, "y1", y + 10);
    num_attr(b, "y2", y + 10);
    web_buf_raw(b, "/><text class=\"small\" x=\"12\"");
    num_attr(b, "y", y + 27);
    web_buf_raw(b, ">zone cut: ");
    svg_text_cut(b, web_jstr(zone, "zone"), 30);
    web_buf_raw(b, " is delegated by ");
    svg_text_cut(b, web_jstr(zone, "parent"), 24);
    web_buf_raw(b, "</text>\n");
}

/* Draws the steps of one zone (rows [first, end)) from y; returns the height used. */
static unsigned long long draw_group(struct web_buf *b, const struct step *steps, size_t first,
                                     size_t end, size_t total, unsigned long long y,
                                     const char *owner, const json_t *findings)
{
    const json_t *zone = steps[first].zone;
    unsigned long long h = group_height(end - first, zone);
    unsigned long long row_y = y;

    if (zone != NULL) {
        web_buf_raw(b, "<rect class=\"zone-band\" x=\"8\" rx=\"8\"");
        num_attr(b, "y", y);
        num_attr(b, "width", SVG_WIDTH - 16);
        num_attr(b, "height", h - 4);
        web_buf_raw(b, "/><text class=\"small\" x=\"16\"");
        num_attr(b, "y", y + 16);
        web_buf_raw(b, ">zone ");
        svg_text_cut(b, web_jstr(zone, "zone"), 44);
        web_buf_raw(b, "</text>\n");
        row_y += ZONE_HEAD;
    }
    for (size_t i = first; i < end; i++) {
        draw_step(b, &steps[i], i, row_y + (i - first) * ROW_HEIGHT, owner,
                  i + 1 == total || i + 1 == end);
    }
    if (zone != NULL) {
        draw_servers(b, zone, findings, row_y + (end - first) * ROW_HEIGHT);
    }
    return h;
}

static size_t group_end(const struct step *steps, size_t first, size_t n)
{
    size_t end = first + 1;

    while (end < n && steps[end].zone == steps[first].zone) {
        end++;
    }
    return end;
}

static unsigned long long total_height(const struct step *steps, size_t n)
{
    unsigned long long h = 8;

    for (size_t first = 0, end; first < n; first = end) {
        end = group_end(steps, first, n);
        h += group_height(end - first, steps[first].zone);
        if (end < n && steps[first].zone != NULL) {
            h += CUT_HEIGHT;
        }
    }
    return h;
}

static void id_ref(struct web_buf *b, const char *prefix, const char *what)
{
    web_buf_text(b, prefix);
    web_buf_raw(b, what);
}

static void draw_svg(struct web_buf *b, const struct step *steps, size_t n, const char *owner,
                     const json_t *findings, const char *prefix)
{
    unsigned long long y = 4;

    web_buf_raw(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"climb\" role=\"img\"");
    web_buf_raw(b, " viewBox=\"0 0 ");
    web_buf_uint(b, SVG_WIDTH);
    web_buf_raw(b, " ");
    web_buf_uint(b, total_height(steps, n));
    web_buf_raw(b, "\" aria-labelledby=\"");
    id_ref(b, prefix, "climb-title");
    web_buf_raw(b, "\"><title id=\"");
    id_ref(b, prefix, "climb-title");
    web_buf_raw(b, "\">Where the CA looked for CAA records, from ");
    web_buf_text(b, steps[0].qname);
    if (n > 1) {
        web_buf_raw(b, " up to ");
        web_buf_text(b, steps[n - 1].qname);
    }
    web_buf_raw(b, "</title>\n");
    for (size_t first = 0, end; first < n; first = end) {
        end = group_end(steps, first, n);
        y += draw_group(b, steps, first, end, n, y, owner, findings);
        if (end < n && steps[first].zone != NULL) {
            draw_cut(b, steps[first].zone, y - 4);
            y += CUT_HEIGHT;
        }
    }
    web_buf_raw(b, "</svg>\n");
}

static void text_alternative(struct web_buf *b, const struct step *steps, size_t n,
                             const char *owner, const json_t *findings)
{
    web_buf_raw(b, "<details class=\"climb-text\"><summary>The same in words</summary><ol>");
    for (size_t i = 0; i < n; i++) {
        const char *words;

        step_state(&steps[i], owner, &words);
        web_buf_raw(b, "<li><code>");
        web_buf_text(b, steps[i].qname);
        web_buf_raw(b, "</code> (");
        web_buf_text(b, web_jstr(steps[i].lookup, "rcode"));
        web_buf_raw(b, "): ");
        web_buf_raw(b, words);
        if (steps[i].zone != NULL && (i + 1 == n || steps[i + 1].zone != steps[i].zone)) {
            const json_t *servers = web_jarr(steps[i].zone, "servers");

            web_buf_raw(b, ". Zone <code>");
            web_buf_text(b, web_jstr(steps[i].zone, "zone"));
            web_buf_raw(b, "</code>, delegated by <code>");
            web_buf_text(b, web_jstr(steps[i].zone, "parent"));
            web_buf_raw(b, "</code>; its nameservers:");
            for (size_t j = 0; j < zone_servers(steps[i].zone); j++) {
                const json_t *s = json_array_get(servers, j);
                const char *code;
                enum ns_state st =
                    server_state(s, web_jstr(steps[i].zone, "zone"), findings, &code);

                web_buf_raw(b, j == 0 ? " " : "; ");
                web_buf_text(b, web_jstr(s, "name"));
                web_buf_raw(b, " (");
                web_buf_text(b, web_jstr(s, "address"));
                web_buf_raw(b, ") ");
                web_buf_raw(b, ns_words[st]);
                if (code != NULL) {
                    web_buf_raw(b, " (");
                    web_buf_text(b, code);
                    web_buf_raw(b, ")");
                }
            }
        }
        web_buf_raw(b, "</li>");
    }
    web_buf_raw(b, "</ol></details>\n");
}

static void legend(struct web_buf *b)
{
    web_buf_raw(b, "<ul class=\"legend\" aria-label=\"Colours of the nameservers\">");
    for (size_t i = 0; i < sizeof ns_class / sizeof ns_class[0]; i++) {
        web_buf_raw(b, "<li><span class=\"swatch ");
        web_buf_raw(b, ns_class[i]);
        web_buf_raw(b, "\" aria-hidden=\"true\"></span>");
        web_buf_raw(b, ns_words[i]);
        web_buf_raw(b, "</li>");
    }
    web_buf_raw(b, "</ul>\n");
}

void web_climb_svg(struct web_buf *b, const json_t *result, const json_t *diagnosis,
                   const char *id_prefix)
{
    struct step steps[STEPS_MAX] = {{0}};
    size_t n = collect_steps(result, diagnosis, steps);
    const char *owner = web_jstr(web_jobj(result, "relevant_rrset"), "owner");
    const json_t *findings = web_jarr(diagnosis, "findings");

    if (n == 0) {
        web_buf_raw(b, "<p>The CA made no lookups for this name.</p>\n");
        return;
    }
    web_buf_raw(b, "<figure class=\"climb\">\n");
    draw_svg(b, steps, n, owner, findings, id_prefix != NULL ? id_prefix : "");
    web_buf_raw(b, "<figcaption>The CA asks for CAA records at the name, then at each parent "
                   "up to the top-level domain, and uses the first set it finds. ");
    web_buf_raw(b, diagnosis != NULL ? "Each zone's nameservers are coloured by what they "
                                       "answered when asked directly."
                                     : "Nameservers were not asked directly: the CA's answer "
                                       "needed no diagnosis.");
    web_buf_raw(b, "</figcaption>\n");
    if (diagnosis != NULL) {
        legend(b);
    }
    text_alternative(b, steps, n, owner, findings);
    web_buf_raw(b, "</figure>\n");
}
