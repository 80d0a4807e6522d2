/* SPDX-License-Identifier: MIT */
/* caa bulk's output formats, summary and progress line. */
#include "bulk_output.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text_out.h"

/* Results stream out at least this often, however slowly they come. */
#define FLUSH_MS 100u

int bulk_format_from_name(const char *name, enum bulk_format *out)
{
    static const char *const names[] = {"ndjson", "csv", "text"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (enum bulk_format)i;
            return 0;
        }
    }
    return -1;
}

static const char *shown_name(const struct caa_bulk_result *res)
{
    return res->name[0] != '\0' ? res->name : res->input;
}

/* Writes printable ASCII as the rule writes it ('"' and '\\' escaped, the rest as it is) and
 * returns true, or false (nothing written) for anything else. Most names, codes and messages,
 * which then cost no allocation (caa_json_quote builds a jansson string). */
static bool json_plain(FILE *out, const unsigned char *bytes, size_t len)
{
    size_t start = 0;

    for (size_t i = 0; i < len; i++) {
        if (bytes[i] < 0x20 || bytes[i] >= 0x7F) {
            return false;
        }
    }
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        if (bytes[i] == '"' || bytes[i] == '\\') {
            if (i > start) {
                fwrite(bytes + start, 1, i - start, out);
            }
            fputc('\\', out);
            start = i; /* the byte itself goes out with the next run */
        }
    }
    if (len > start) {
        fwrite(bytes + start, 1, len - start, out);
    }
    fputc('"', out);
    return true;
}

/* A JSON string by the library's one rule for foreign bytes (<caa/escape.h>); null only if memory
 * runs out, which leaves the line valid JSON. */
static void json_bytes(FILE *out, const void *data, size_t len)
{
    char *quoted = NULL;

    if (json_plain(out, data, len)) {
        return;
    }
    if (caa_json_quote(data, len, &quoted) == CAA_OK) {
        fputs(quoted, out);
    } else {
        fputs("null", out);
    }
    free(quoted);
}

static void json_text(FILE *out, const char *s)
{
    json_bytes(out, s, strlen(s));
}

/* A JSON string, or null for "" (none). */
static void json_string_or_null(FILE *out, const char *s)
{
    if (s == NULL || s[0] == '\0') {
        fputs("null", out);
    } else {
        json_text(out, s);
    }
}

/* The same record shape as caa check's relevant_rrset.records (docs/json.md). */
static void ndjson_records(FILE *out, const struct caa_bulk_result *res)
{
    const struct caa_rrset *set = res->rrset;
    size_t n = set != NULL ? caa_rrset_count(set) : 0;

    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        const struct caa_record *rec = caa_rrset_record(set, i);
        /* value_escaped: the value had bytes that are not UTF-8 (<caa/escape.h>). */
        bool escaped = !caa_utf8_valid(rec->value, rec->value_len);

        fprintf(out, "%s{\"flags\":%u,\"critical\":%s,\"tag\":", i > 0 ? "," : "",
                (unsigned)rec->flags, (rec->flags & CAA_FLAG_CRITICAL) != 0 ? "true" : "false");
        json_bytes(out, rec->tag, rec->tag_len);
        fputs(",\"value\":", out);
        json_bytes(out, rec->value, rec->value_len);
        fprintf(out, ",\"value_escaped\":%s,\"outcome\":", escaped ? "true" : "false");
        if (res->evaluation != NULL) {
            fprintf(out, "\"%s\"",
                    caa_record_outcome_name(caa_evaluation_record_outcome(res->evaluation, i)));
        } else {
            fputs("null", out);
        }
        fputc('}', out);
    }
    fputc(']', out);
}

/* The same shape as caa check's "ca_would_say": the ACME problem the CA would return. */
static void ndjson_ca_would_say(FILE *out, const struct caa_bulk_result *res)
{
    if (res->ca_message == NULL || res->ca_message[0] == '\0') {
        fputs("null", out);
        return;
    }
    fprintf(out, "{\"acme_type\":\"%s\",\"detail\":",
            res->verdict == CAA_VERDICT_ERROR ? "urn:ietf:params:acme:error:dns"
                                              : "urn:ietf:params:acme:error:caa");
    json_text(out, res->ca_message);
    fputc('}', out);
}

/* Who is behind a failed lookup: null, or the zone and each of its servers with what it does
 * wrong (the summary's culprits, per row). */
static void ndjson_culprit(FILE *out, const struct caa_bulk_result *res)
{
    if (res->culprit_server_count == 0) {
        fputs("null", out);
        return;
    }
    fputs("{\"zone\":", out);
    json_text(out, res->culprit_zone);
    fputs(",\"servers\":[", out);
    for (size_t i = 0; i < res->culprit_server_count; i++) {
        const struct caa_bulk_culprit_server *s = &res->culprit_servers[i];
        fprintf(out, "%s{\"nameserver\":", i > 0 ? "," : "");
        json_text(out, s->nameserver);
        fputs(",\"address\":", out);
        json_string_or_null(out, s->address);
        fprintf(out, ",\"code\":\"%s\"}", caa_code_name(s->code));
    }
    fputs("]}", out);
}

/* "ns1.example.net=NS_NOTIMP_CAA;ns2.example.net=DNS_TIMEOUT", "" when none: for CSV and text. */
static char *culprit_text(const struct caa_bulk_result *res)
{
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);

    if (mem == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < res->culprit_server_count; i++) {
        fprintf(mem, "%s%s=%s", i > 0 ? ";" : "", res->culprit_servers[i].nameserver,
                caa_code_name(res->culprit_servers[i].code));
    }
    if (fclose(mem) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

static void ndjson_result(FILE *out, const struct caa_bulk_result *res, const char *ca)
{
    (void)ca;
    fprintf(out, "{\"schema\":\"caa/1\",\"type\":\"result\",\"index\":%" PRIu64 ",\"input\":",
            res->index);
    json_text(out, res->input);
    fputs(",\"name\":", out);
    json_string_or_null(out, res->name); /* null: the line holds no name we could read */
    fprintf(out, ",\"verdict\":\"%s\",\"code\":\"%s\",\"message\":", caa_verdict_name(res->verdict),
            caa_code_name(res->code));
    json_text(out, res->message);
    fputs(",\"ca_would_say\":", out);
    ndjson_ca_would_say(out, res);
    fputs(",\"relevant_owner\":", out);
    json_string_or_null(out, res->owner);
    fputs(",\"records\":", out);
    ndjson_records(out, res);
    fprintf(out, ",\"dnssec\":\"%s\",\"failing_label\":", caa_dnssec_name(res->dnssec));
    json_string_or_null(out, res->failing_label);
    fputs(",\"culprit\":", out);
    ndjson_culprit(out, res);
    fprintf(out, ",\"lookup_count\":%u,\"elapsed_ms\":%u}\n", res->lookups, res->elapsed_ms);
}

/* RFC 4180 §2: a field with a comma or quote is quoted, quotes doubled. Escaped first by the text
 * rule (<caa/escape.h>), so a field never holds a line break or a terminal control. */
static void csv_field(FILE *out, const char *raw)
{
    char *escaped = NULL;
    const char *s = raw;

    if (raw == NULL || !text_is_plain(raw)) {
        if (caa_text_escape(raw, &escaped) != CAA_OK) {
            fputs("(not shown: out of memory)", out);
            return;
        }
        s = escaped;
    }
    if (strpbrk(s, ",\"") == NULL) {
        fputs(s, out);
    } else {
        fputc('"', out);
        for (const char *c = s; *c != '\0'; c++) {
            if (*c == '"') {
                fputc('"', out);
            }
            fputc(*c, out);
        }
        fputc('"', out);
    }
    free(escaped);
}

static void csv_result(FILE *out, const struct caa_bulk_result *res, const char *ca)
{
    fprintf(out, "%" PRIu64 ",", res->index);
    csv_field(out, shown_name(res));
    fprintf(out, ",%s,%s,", caa_verdict_name(res->verdict), caa_code_name(res->code));
    csv_field(out, res->owner != NULL ? res->owner : "");
    fputc(',', out);
    csv_field(out, res->message);
    fputc(',', out);
    csv_field(out, ca != NULL ? ca : "");
    fputc(',', out);
    csv_field(out, res->failing_label != NULL ? res->failing_label : "");
    fputc(',', out);
    if (res->culprit_server_count > 0) {
        char *culprit = culprit_text(res);
        csv_field(out, culprit != NULL ? culprit : "(not shown: out of memory)");
        free(culprit);
    }
    fputc('\n', out);
}

static void text_result(FILE *out, const struct caa_bulk_result *res, const char *ca)
{
    char *culprit = res->culprit_server_count > 0 ? culprit_text(res) : NULL;

    (void)ca;
    text_printf(out, "%" PRIu64 " %s: %s (%s) %s", res->index, shown_name(res),
                caa_verdict_name(res->verdict), caa_code_name(res->code), res->message);
    if (culprit != NULL) {
        text_printf(out, " [culprit: %s]", culprit);
    }
    fputc('\n', out);
    free(culprit);
}

void bulk_output_begin(FILE *out, enum bulk_format format)
{
    if (format == BULK_FORMAT_CSV) {
        fputs("index,name,verdict,code,owner,message,ca,failing_label,culprit\n", out);
        fflush(out);
    }
}

void bulk_output_result(FILE *out, enum bulk_format format, const struct caa_bulk_result *res,
                        const char *ca, struct bulk_tally *tally)
{
    static void (*const writers[])(FILE *, const struct caa_bulk_result *, const char *) = {
        [BULK_FORMAT_NDJSON] = ndjson_result,
        [BULK_FORMAT_CSV] = csv_result,
        [BULK_FORMAT_TEXT] = text_result,
    };

    writers[format](out, res, ca);
    if (bulk_now_ms() - tally->flushed_ms >= FLUSH_MS) {
        fflush(out);
        tally->flushed_ms = bulk_now_ms();
    }
    tally->names++;
    if ((unsigned)res->verdict < 3) {
        tally->verdicts[res->verdict]++;
    }
    if ((unsigned)res->code < CAA_CODE_COUNT_) {
        tally->codes[res->code]++;
    }
}

/* What a nameserver does wrong, as the end of "N names fail because NS ...". */
static const struct {
    enum caa_code code;
    const char *does;
} culprit_phrases[] = {
    {CAA_CODE_NS_NOTIMP_CAA, "answers NOTIMP"},
    {CAA_CODE_DNS_SERVFAIL, "answers SERVFAIL"},
    {CAA_CODE_NS_SERVFAIL, "answers SERVFAIL"},
    {CAA_CODE_DNS_REFUSED, "answers REFUSED"},
    {CAA_CODE_NS_REFUSED, "answers REFUSED"},
    {CAA_CODE_NS_FORMERR, "answers FORMERR"},
    {CAA_CODE_DNS_TIMEOUT, "does not answer in time"},
    {CAA_CODE_NS_DROPS_CAA, "does not answer CAA queries"},
    {CAA_CODE_NS_UNREACHABLE, "is unreachable"},
    {CAA_CODE_DNS_BOGUS, "serves answers that fail DNSSEC validation"},
    {CAA_CODE_NS_LAME, "is lame (not authoritative for the zone)"},
};

void bulk_output_culprit_sentence(FILE *out, const struct caa_bulk_culprit *culprit)
{
    const char *does = NULL;

    for (size_t i = 0; i < sizeof(culprit_phrases) / sizeof(culprit_phrases[0]); i++) {
        if (culprit_phrases[i].code == culprit->code) {
            does = culprit_phrases[i].does;
        }
    }
    text_printf(out, "%zu name%s fail%s because %s ", culprit->names,
                culprit->names == 1 ? "" : "s", culprit->names == 1 ? "s" : "",
                culprit->nameserver);
    if (does != NULL) {
        text_printf(out, "%s (%s)", does, caa_code_name(culprit->code));
    } else {
        text_printf(out, "fails: %s (%s)", caa_code_message(culprit->code),
                    caa_code_name(culprit->code));
    }
}

static double per_second(uint64_t names, unsigned elapsed_ms)
{
    return (double)names * 1000.0 / (double)(elapsed_ms > 0 ? elapsed_ms : 1);
}

static void ndjson_summary(FILE *out, const struct bulk_tally *t, const struct caa_bulk_stats *s,
                           unsigned elapsed_ms)
{
    bool first = true;

    fprintf(out,
            "{\"schema\":\"caa/1\",\"type\":\"summary\",\"names\":%" PRIu64 ",\"resumed\":%" PRIu64
            ",\"verdicts\":{\"allowed\":%" PRIu64 ",\"denied\":%" PRIu64 ",\"error\":%" PRIu64
            "},\"codes\":{",
            t->names, t->resumed, t->verdicts[CAA_VERDICT_ALLOWED], t->verdicts[CAA_VERDICT_DENIED],
            t->verdicts[CAA_VERDICT_ERROR]);
    for (size_t c = 0; c < CAA_CODE_COUNT_; c++) {
        if (t->codes[c] > 0) {
            fprintf(out, "%s\"%s\":%" PRIu64, first ? "" : ",", caa_code_name((enum caa_code)c),
                    t->codes[c]);
            first = false;
        }
    }
    fputs("},\"culprits\":[", out);
    for (size_t i = 0; i < s->culprit_count; i++) {
        fprintf(out, "%s{\"nameserver\":", i > 0 ? "," : "");
        json_text(out, s->culprits[i].nameserver);
        fprintf(out, ",\"code\":\"%s\",\"names\":%zu}", caa_code_name(s->culprits[i].code),
                s->culprits[i].names);
    }
    fprintf(out,
            "],\"failed\":%" PRIu64 ",\"unattributed\":%" PRIu64
            ",\"culprit_zone_lookups\":%" PRIu64 ",\"culprit_probe_rounds\":%" PRIu64,
            s->failed_names, s->unattributed_names, s->culprit_zone_lookups,
            s->culprit_probe_rounds);
    if (s->wire_answers + s->wire_fallbacks > 0) {
        fprintf(out,
                ",\"wire\":{\"answers\":%" PRIu64 ",\"fallbacks\":%" PRIu64 ",\"unasked\":%" PRIu64
                ",\"ignored\":%" PRIu64 "}",
                s->wire_answers, s->wire_fallbacks, s->wire_unasked, s->wire_ignored);
    }
    fprintf(out,
            ",\"queries\":%" PRIu64 ",\"cache_hits\":%" PRIu64 ",\"coalesced\":%" PRIu64
            ",\"retries\":%" PRIu64 ",\"elapsed_ms\":%u,\"names_per_second\":%.1f}\n",
            s->queries, s->cache_hits, s->coalesced, s->retries, elapsed_ms,
            per_second(t->names, elapsed_ms));
}

static void text_summary(FILE *out, const struct bulk_tally *t, const struct caa_bulk_stats *s,
                         unsigned elapsed_ms)
{
    text_printf(out,
                "\n%" PRIu64 " names: %" PRIu64 " allowed, %" PRIu64 " denied, %" PRIu64 " error",
                t->names, t->verdicts[CAA_VERDICT_ALLOWED], t->verdicts[CAA_VERDICT_DENIED],
                t->verdicts[CAA_VERDICT_ERROR]);
    if (t->resumed > 0) {
        text_printf(out, " (%" PRIu64 " lines answered by the previous run)", t->resumed);
    }
    fputc('\n', out);
    for (size_t c = 0; c < CAA_CODE_COUNT_; c++) {
        if (t->codes[c] > 0) {
            text_printf(out, "  %-28s %" PRIu64 "\n", caa_code_name((enum caa_code)c), t->codes[c]);
        }
    }
    for (size_t i = 0; i < s->culprit_count; i++) {
        bulk_output_culprit_sentence(out, &s->culprits[i]);
        fputc('\n', out);
    }
    if (s->unattributed_names > 0) {
        text_printf(out,
                    "%" PRIu64 " failed name%s not attributed to a server (no NS set found for "
                    "the failing zone in time)\n",
                    s->unattributed_names, s->unattributed_names == 1 ? "" : "s");
    }
    text_printf(out,
                "%" PRIu64 " queries, %" PRIu64 " cache hits, %" PRIu64 " coalesced, %" PRIu64
                " retries; %.1f s, %.1f names/s\n",
                s->queries, s->cache_hits, s->coalesced, s->retries, (double)elapsed_ms / 1000.0,
                per_second(t->names, elapsed_ms));
}

void bulk_output_summary(FILE *out, FILE *note, enum bulk_format format,
                         const struct bulk_tally *tally, const struct caa_bulk_stats *stats,
                         unsigned elapsed_ms)
{
    if (format == BULK_FORMAT_NDJSON) {
        ndjson_summary(out, tally, stats, elapsed_ms);
    } else if (format == BULK_FORMAT_TEXT) {
        text_summary(out, tally, stats, elapsed_ms);
    }
    fflush(out);
    if (note != NULL) {
        text_summary(note, tally, stats, elapsed_ms);
        fflush(note);
    }
}

uint64_t bulk_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void bulk_progress_init(struct bulk_progress *p, FILE *err, bool enabled, uint64_t total_bytes)
{
    memset(p, 0, sizeof(*p));
    p->err = err;
    p->enabled = enabled;
    p->total_bytes = total_bytes;
    p->started_ms = bulk_now_ms();
    p->drawn_ms = p->started_ms; /* the first drawing after 100 ms: early rates mean nothing */
}

static void print_duration(FILE *err, uint64_t seconds)
{
    if (seconds >= 3600) {
        fprintf(err, "%" PRIu64 "h%02" PRIu64 "m", seconds / 3600, seconds / 60 % 60);
    } else if (seconds >= 60) {
        fprintf(err, "%" PRIu64 "m%02" PRIu64 "s", seconds / 60, seconds % 60);
    } else {
        fprintf(err, "%" PRIu64 "s", seconds);
    }
}

void bulk_progress_update(struct bulk_progress *p, const struct bulk_tally *tally,
                          uint64_t bytes_answered)
{
    uint64_t now;
    uint64_t elapsed;

    if (!p->enabled) {
        return;
    }
    now = bulk_now_ms();
    if (now - p->drawn_ms < 100) {
        return;
    }
    p->drawn_ms = now;
    elapsed = now - p->started_ms;
    fprintf(p->err, "\r\033[K%" PRIu64 " names, %.0f names/s, %" PRIu64 " errors", tally->names,
            (double)tally->names * 1000.0 / (double)(elapsed > 0 ? elapsed : 1),
            tally->verdicts[CAA_VERDICT_ERROR]);
    /* The total is known only as bytes: lines vary in length, so the ETA is an estimate. It
     * counts answered names (the input up to the last answered line), not names read, which
     * run a window ahead and would promise the end too soon. */
    if (p->total_bytes > 0 && bytes_answered > 0 && bytes_answered <= p->total_bytes) {
        double left_s = (double)elapsed / 1000.0 * (double)(p->total_bytes - bytes_answered) /
                        (double)bytes_answered;
        fprintf(p->err, ", %.0f%% answered, ETA ~",
                (double)bytes_answered * 100.0 / (double)p->total_bytes);
        print_duration(p->err, (uint64_t)left_s);
    }
    fflush(p->err);
}

void bulk_progress_finish(struct bulk_progress *p)
{
    if (p->enabled && p->drawn_ms != p->started_ms) {
        fputs("\r\033[K", p->err);
        fflush(p->err);
    }
}
