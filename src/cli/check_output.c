/* SPDX-License-Identifier: MIT */
/* caa check's output formats: text for people, JSON/NDJSON for programs, Nagios for monitors. */
#include "check_output.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "text_out.h"

int check_format_from_name(const char *name, enum check_format *out)
{
    static const char *const names[] = {"text", "json", "ndjson", "nagios"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (enum check_format)i;
            return 0;
        }
    }
    return -1;
}

static const char *shown_name(const struct caa_report *rep, size_t i)
{
    return caa_report_name(rep, i);
}

static void print_records(const struct caa_report *rep, size_t i)
{
    const struct caa_rrset *set = caa_report_rrset(rep, i);
    const struct caa_evaluation *ev = caa_report_evaluation(rep, i);

    if (caa_rrset_count(set) == 0) {
        return;
    }
    text_printf(stdout, "  relevant RRset at %s (DNSSEC %s):\n", caa_rrset_owner(set),
                caa_dnssec_name(caa_report_rrset_dnssec(rep, i)));
    for (size_t r = 0; r < caa_rrset_count(set); r++) {
        char *text = NULL;
        if (caa_record_to_text(caa_rrset_record(set, r), &text) == CAA_OK) {
            text_printf(stdout, "    %-50s %s\n", text,
                        ev != NULL ? caa_record_outcome_name(caa_evaluation_record_outcome(ev, r))
                                   : "");
        }
        free(text);
    }
}

static void print_lookups(const struct caa_report *rep, size_t i)
{
    text_printf(stdout, "  lookups:\n");
    for (size_t j = 0; j < caa_report_lookup_count(rep, i); j++) {
        const struct caa_lookup *l = caa_report_lookup(rep, i, j);
        text_printf(stdout, "    %-40s %-9s %-8s %zu CAA %5u ms%s\n", l->qname, l->rcode_name,
                    caa_dnssec_name(l->dnssec), l->answer_count, l->elapsed_ms,
                    l->used ? "" : "  (above the relevant RRset: ignored)");
        if (l->why_bogus[0] != '\0') {
            text_printf(stdout, "      why: %s\n", l->why_bogus);
        }
    }
}

/* The warnings about name i: what each server said, when the servers disagree. */
static void print_warnings(const struct caa_report *rep, size_t i)
{
    for (size_t k = 0; k < caa_report_warning_count(rep); k++) {
        const struct caa_warning *w = caa_report_warning(rep, k);
        if (w->name_index != i) {
            continue;
        }
        text_printf(stdout, "  warning %s: %s\n", caa_code_name(w->code), w->message);
        for (size_t s = 0; s < w->server_count; s++) {
            text_printf(stdout, "    %s (%s): %s\n", w->servers[s].name, w->servers[s].address,
                        w->servers[s].answer);
        }
    }
}

static void print_text_name(const struct caa_report *rep, size_t i)
{
    const struct caa_evaluation *ev = caa_report_evaluation(rep, i);
    const char *unicode = caa_report_name_unicode(rep, i);

    bool idn = strcmp(unicode, shown_name(rep, i)) != 0;

    text_printf(stdout, "%s%s%s%s: %s (%s)\n", shown_name(rep, i), idn ? " (" : "",
                idn ? unicode : "", idn ? ")" : "",
                caa_verdict_name(caa_report_name_verdict(rep, i)),
                caa_code_name(caa_report_name_code(rep, i)));
    print_records(rep, i);
    for (size_t a = 0; a < caa_report_alias_count(rep, i); a++) {
        text_printf(stdout, "  via alias: %s\n", caa_report_alias(rep, i, a));
    }
    text_printf(stdout, "  why: %s\n", caa_report_reason(rep, i));
    if (caa_report_ca_message(rep, i)[0] != '\0') {
        text_printf(stdout, "  the CA would say: %s\n", caa_report_ca_message(rep, i));
    }
    if (ev != NULL && caa_evaluation_fix(ev) != NULL) {
        cli_print_fix("  ", caa_evaluation_fix(ev));
    }
    if (ev != NULL && caa_evaluation_profiles_differ(ev)) {
        text_printf(stdout, "  note: under the %s profile: %s (%s)\n",
                    caa_profile_name(caa_evaluation_other_profile(ev)),
                    caa_verdict_name(caa_evaluation_other_verdict(ev)),
                    caa_code_name(caa_evaluation_other_code(ev)));
    }
    print_warnings(rep, i);
    print_lookups(rep, i);
}

static int print_text(const struct caa_report *rep)
{
    size_t n = caa_report_name_count(rep);

    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            text_printf(stdout, "\n");
        }
        print_text_name(rep, i);
    }
    if (n > 1) {
        text_printf(stdout, "\norder: %s\n", caa_verdict_name(caa_report_verdict(rep)));
    }
    return 0;
}

static int print_json(const struct caa_report *rep, enum check_format format)
{
    size_t n = caa_report_name_count(rep);
    char *text = NULL;

    if (format == CHECK_FORMAT_JSON && n > 1) {
        if (caa_report_to_json(rep, CAA_JSON_PRETTY, &text) != CAA_OK) {
            return -1;
        }
        printf("%s\n", text);
        free(text);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned flags = format == CHECK_FORMAT_JSON ? CAA_JSON_PRETTY : 0;
        if (caa_report_name_to_json(rep, i, flags, &text) != CAA_OK) {
            return -1;
        }
        printf("%s\n", text);
        free(text);
    }
    return 0;
}

/* The relevant label's distance from the name: 0 = at the name itself. */
static size_t depth_of(const struct caa_report *rep, size_t i)
{
    size_t used = 0;

    for (size_t j = 0; j < caa_report_lookup_count(rep, i); j++) {
        used += caa_report_lookup(rep, i, j)->used;
    }
    return used > 0 ? used - 1 : 0;
}

static size_t worst_name(const struct caa_report *rep)
{
    size_t worst = 0;

    for (size_t i = 1; i < caa_report_name_count(rep); i++) {
        if (caa_report_name_verdict(rep, i) > caa_report_name_verdict(rep, worst)) {
            worst = i;
        }
    }
    return worst;
}

/* Nagios plugin guidelines: no CAA is OK; denial and DNS failure are CRITICAL (never
 * UNKNOWN, which is for usage and internal errors). */
/* Plugin output must not contain '|' before the perfdata: record values are not ours. */
static void print_without_pipes(const char *text)
{
    char *safe = NULL;

    /* Escaped first: a newline would end the plugin's one status line. */
    if (caa_text_escape(text, &safe) != CAA_OK) {
        fputs("(text not shown: out of memory)", stdout);
        return;
    }
    for (const char *p = safe; *p != '\0'; p++) {
        putchar(*p == '|' ? '/' : *p);
    }
    free(safe);
}

static int print_nagios(const struct caa_report *rep)
{
    size_t w = worst_name(rep);
    enum caa_verdict verdict = caa_report_verdict(rep);
    /* Allowed, but the servers disagree: WARNING (the plugin guidelines' "above a warning
     * threshold"), naming the warning instead of the reason. */
    bool warn = verdict == CAA_VERDICT_ALLOWED && caa_report_warning_count(rep) > 0;
    unsigned elapsed = 0;
    size_t lookups = 0;

    for (size_t i = 0; i < caa_report_name_count(rep); i++) {
        unsigned e = caa_report_elapsed_ms(rep, i);
        elapsed = e > elapsed ? e : elapsed;
        lookups += caa_report_lookup_count(rep, i);
    }
    if (warn) {
        const struct caa_warning *first = caa_report_warning(rep, 0);
        w = first->name_index;
        text_printf(stdout, "CAA WARNING - %s: %s: ", shown_name(rep, w),
                    caa_code_name(first->code));
        print_without_pipes(first->message);
    } else {
        text_printf(stdout, "CAA %s - %s: ", verdict == CAA_VERDICT_ALLOWED ? "OK" : "CRITICAL",
                    shown_name(rep, w));
        print_without_pipes(caa_report_reason(rep, w));
    }
    text_printf(stdout, " | time=%.3fs;;;0 lookups=%zu;;;0 depth=%zu;;;0\n",
                (double)elapsed / 1000.0, lookups, depth_of(rep, w));
    for (size_t i = 0; i < caa_report_name_count(rep); i++) {
        text_printf(stdout, "%s: %s (%s)\n", shown_name(rep, i),
                    caa_verdict_name(caa_report_name_verdict(rep, i)),
                    caa_code_name(caa_report_name_code(rep, i)));
    }
    for (size_t k = 0; k < caa_report_warning_count(rep); k++) {
        const struct caa_warning *x = caa_report_warning(rep, k);
        text_printf(stdout, "%s: warning %s: ", shown_name(rep, x->name_index),
                    caa_code_name(x->code));
        for (size_t s = 0; s < x->server_count; s++) {
            text_printf(stdout, "%s%s (%s): ", s > 0 ? "; " : "", x->servers[s].name,
                        x->servers[s].address);
            print_without_pipes(x->servers[s].answer);
        }
        text_printf(stdout, "\n");
    }
    return warn ? 1 : verdict == CAA_VERDICT_ALLOWED ? 0 : 2;
}

int check_output_print(const struct caa_report *rep, enum check_format format)
{
    enum caa_verdict verdict = caa_report_verdict(rep);

    if (format == CHECK_FORMAT_NAGIOS) {
        return print_nagios(rep);
    }
    if (format == CHECK_FORMAT_TEXT) {
        print_text(rep);
    } else if (print_json(rep, format) != 0) {
        fprintf(stderr, "caa check: cannot produce JSON\n");
        return CLI_EXIT_SOFTWARE;
    }
    /* The README's rule for every command: a warning makes an allowed name exit 1. */
    if (verdict == CAA_VERDICT_ALLOWED && caa_report_warning_count(rep) > 0) {
        return CLI_EXIT_DENIED;
    }
    return verdict == CAA_VERDICT_ALLOWED  ? CLI_EXIT_OK
           : verdict == CAA_VERDICT_DENIED ? CLI_EXIT_DENIED
                                           : CLI_EXIT_FAILED;
}
