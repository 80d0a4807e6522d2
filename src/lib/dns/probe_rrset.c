/* SPDX-License-Identifier: MIT */
/* One server's reply as a comparable key and as text (probe_rrset.h). */
#include "lib/dns/probe_rrset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/dns/classify.h"

#define RRTYPE_CAA 257
#define KEY_RECORDS_MAX 64

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t put_text(char *out, size_t cap, size_t used, const char *text)
{
    int w = used < cap ? snprintf(out + used, cap - used, "%s", text) : 0;

    return used + (w > 0 && (size_t)w < cap - used ? (size_t)w : 0);
}

void caa__probe_rrset_key(const struct caa__probe_result *r, uint16_t rrtype, char *out, size_t cap)
{
    char *items[KEY_RECORDS_MAX];
    size_t n = 0;
    size_t used = 0;

    out[0] = '\0';
    for (size_t i = 0; i < r->answer_count && n < KEY_RECORDS_MAX; i++) {
        const struct caa__probe_rr *rr = &r->answer[i];
        char *hex;
        if (rr->rrtype != rrtype || (hex = malloc(rr->rdata_len * 2 + 1)) == NULL) {
            continue;
        }
        for (size_t b = 0; b < rr->rdata_len; b++) {
            (void)snprintf(hex + 2 * b, 3, "%02x", rr->rdata[b]);
        }
        hex[rr->rdata_len * 2] = '\0';
        items[n++] = hex;
    }
    qsort(items, n, sizeof(items[0]), compare_strings);
    for (size_t i = 0; i < n; i++) {
        used = put_text(out, cap, used, i > 0 ? "|" : "");
        used = put_text(out, cap, used, items[i]);
        free(items[i]);
    }
}

bool caa__probe_comparable(const struct caa__probe_result *r)
{
    return r != NULL && r->outcome == CAA__PROBE_ANSWER && !r->tc;
}

void caa__probe_answer_key(const struct caa__probe_result *r, uint16_t rrtype, char *out,
                           size_t cap)
{
    size_t used = put_text(out, cap, 0, caa__rcode_name(r->rcode));

    used = put_text(out, cap, used, ":");
    if (used < cap) {
        caa__probe_rrset_key(r, rrtype, out + used, cap - used);
    }
}

bool caa__probe_answers_differ(const struct caa__probe_result *const *results, size_t n,
                               uint16_t rrtype)
{
    char first[CAA__PROBE_KEY_MAX];
    char key[CAA__PROBE_KEY_MAX];
    bool have_first = false;

    for (size_t i = 0; i < n; i++) {
        if (!caa__probe_comparable(results[i])) {
            continue;
        }
        caa__probe_answer_key(results[i], rrtype, have_first ? key : first, CAA__PROBE_KEY_MAX);
        if (have_first && strcmp(first, key) != 0) {
            return true;
        }
        have_first = true;
    }
    return false;
}

/* Appends bytes as presentation text inside quotes: printable ASCII as is (with \" and \\),
 * everything else as \DDD (RFC 1035 §5.1), so a hostile value cannot forge a line. */
static size_t put_quoted(char *out, size_t cap, size_t used, const uint8_t *p, size_t len)
{
    for (size_t i = 0; i < len && used + 5 < cap; i++) {
        uint8_t c = p[i];
        int w;
        if (c == '"' || c == '\\') {
            w = snprintf(out + used, cap - used, "\\%c", c);
        } else if (c >= 0x20 && c < 0x7f) {
            w = snprintf(out + used, cap - used, "%c", c);
        } else {
            w = snprintf(out + used, cap - used, "\\%03u", (unsigned)c);
        }
        used += w > 0 && (size_t)w < cap - used ? (size_t)w : 0;
    }
    return used;
}

/* One record's RDATA for people: CAA as `flags tag "value"`, TXT as its quoted strings. */
static size_t put_rdata(char *out, size_t cap, size_t used, uint16_t rrtype,
                        const struct caa__probe_rr *rr)
{
    const uint8_t *d = rr->rdata;
    size_t len = rr->rdata_len;
    char flags[8];

    if (rrtype == RRTYPE_CAA && len >= 2 && (size_t)d[1] + 2 <= len) {
        (void)snprintf(flags, sizeof(flags), "%u ", (unsigned)d[0]);
        used = put_text(out, cap, used, flags);
        used = put_quoted(out, cap, used, d + 2, d[1]);
        used = put_text(out, cap, used, " \"");
        used = put_quoted(out, cap, used, d + 2 + d[1], len - 2 - d[1]);
        return put_text(out, cap, used, "\"");
    }
    /* TXT (and CAA RDATA too short to read): each character-string in quotes. */
    for (size_t at = 0; at < len;) {
        size_t n = d[at] < len - at - 1 ? d[at] : len - at - 1;
        used = put_text(out, cap, used, at > 0 ? " \"" : "\"");
        used = put_quoted(out, cap, used, d + at + 1, n);
        used = put_text(out, cap, used, "\"");
        at += n + 1;
    }
    return used;
}

size_t caa__probe_rrset_show(char *out, size_t cap, size_t used, const struct caa__probe_result *r,
                             uint16_t rrtype)
{
    size_t shown = 0;

    for (size_t i = 0; i < r->answer_count && used + 8 < cap; i++) {
        if (r->answer[i].rrtype != rrtype) {
            continue;
        }
        if (shown++ > 0) {
            used = put_text(out, cap, used, ", ");
        }
        used = put_rdata(out, cap, used, rrtype, &r->answer[i]);
    }
    return shown == 0 ? put_text(out, cap, used, "(none)") : used;
}

static const char *no_answer(enum caa__probe_outcome outcome)
{
    switch (outcome) {
    case CAA__PROBE_TIMEOUT:
        return "no reply (timeout)";
    case CAA__PROBE_UNREACHABLE:
        return "no reply (unreachable)";
    case CAA__PROBE_CLOSED:
        return "no reply (connection closed)";
    case CAA__PROBE_MALFORMED:
        return "a reply that does not parse";
    case CAA__PROBE_FLOOD:
        return "no reply (flooded with other replies)";
    default:
        return "not asked (local error)";
    }
}

size_t caa__probe_answer_show(char *out, size_t cap, size_t used, const struct caa__probe_result *r,
                              uint16_t rrtype)
{
    bool any = false;

    if (r->outcome != CAA__PROBE_ANSWER) {
        return put_text(out, cap, used, no_answer(r->outcome));
    }
    if (r->tc) {
        return put_text(out, cap, used, "truncated (TC=1), not compared");
    }
    used = put_text(out, cap, used, caa__rcode_name(r->rcode));
    for (size_t i = 0; i < r->answer_count; i++) {
        any = any || r->answer[i].rrtype == rrtype;
    }
    if (r->rcode != 0 && !any) {
        return used;
    }
    if (!any) {
        return put_text(out, cap, used, rrtype == RRTYPE_CAA ? ": no CAA records" : ": no records");
    }
    used = put_text(out, cap, used, ": ");
    return caa__probe_rrset_show(out, cap, used, r, rrtype);
}
