/* SPDX-License-Identifier: MIT */
/* caa diagnose's report: one screen for a sysadmin, what blocks issuance first. */
#include "diagnose_output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "text_out.h"

struct palette {
    const char *bold, *red, *yellow, *green, *dim, *reset;
};

static struct palette palette_for(bool color)
{
    if (!color) {
        return (struct palette){"", "", "", "", "", ""};
    }
    return (struct palette){"\033[1m", "\033[31m", "\033[33m", "\033[32m", "\033[2m", "\033[0m"};
}

bool diagnose_output_color(const char *option)
{
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");

    if (option != NULL && strcmp(option, "always") == 0) {
        return true;
    }
    if (option != NULL && strcmp(option, "never") == 0) {
        return false;
    }
    return isatty(STDOUT_FILENO) && (no_color == NULL || no_color[0] == '\0') &&
           (term == NULL || strcmp(term, "dumb") != 0);
}

static const char *verdict_color(const struct palette *p, enum caa_verdict v)
{
    return v == CAA_VERDICT_ALLOWED ? p->green : v == CAA_VERDICT_DENIED ? p->yellow : p->red;
}

static void print_verdict(const struct caa_report *rep, const struct palette *p)
{
    enum caa_verdict v = caa_report_name_verdict(rep, 0);

    /* Colours are ours and go out raw; everything else through text_printf (escaped). */
    fputs(p->bold, stdout);
    text_printf(stdout, "%s", caa_report_name(rep, 0));
    printf("%s: %s%s%s (%s)\n", p->reset, verdict_color(p, v), caa_verdict_name(v), p->reset,
           caa_code_name(caa_report_name_code(rep, 0)));
    text_printf(stdout, "  why: %s\n", caa_report_reason(rep, 0));
    if (caa_report_ca_message(rep, 0)[0] != '\0') {
        text_printf(stdout, "  the CA would say: %s\n", caa_report_ca_message(rep, 0));
    }
}

static void print_finding(const struct caa_finding *f, const struct palette *p)
{
    const char *mark_color = f->severity == CAA_SEVERITY_ERROR     ? p->red
                             : f->severity == CAA_SEVERITY_WARNING ? p->yellow
                                                                   : p->green;

    printf("\n  %s%s%s%s  [%s, %s, %s]%s\n", mark_color, f->blocks_issuance ? "BLOCKS " : "",
           caa_code_name(f->code), p->reset, caa_severity_name(f->severity),
           caa_blame_name(f->blame), f->retryable ? "retrying may help" : "retrying will not help",
           "");
    if (f->server[0] != '\0') {
        text_printf(stdout, "    server: %s (%s), zone %s\n", f->server, f->address, f->zone);
    } else if (f->zone[0] != '\0') {
        text_printf(stdout, "    zone: %s\n", f->zone);
    }
    text_printf(stdout, "    %s\n", f->summary);
    if (f->evidence[0] != '\0') {
        printf("    %sevidence: ", p->dim);
        text_printf(stdout, "%s", f->evidence);
        printf("%s\n", p->reset);
    }
    if (f->fix[0] != '\0') {
        text_printf(stdout, "    fix: %s\n", f->fix);
    }
    if (f->record[0] != '\0') {
        text_printf(stdout, "    record: %s\n", f->record);
    }
}

int diagnose_output_print(const struct caa_diagnosis *diag, bool json, bool color)
{
    const struct caa_report *rep = caa_diagnosis_report(diag);
    struct palette p = palette_for(color);
    size_t n = caa_diagnosis_finding_count(diag);

    if (json) {
        char *text = NULL;
        if (caa_diagnosis_to_json(diag, CAA_JSON_PRETTY, &text) != CAA_OK) {
            fprintf(stderr, "caa diagnose: cannot produce JSON\n");
            return CLI_EXIT_SOFTWARE;
        }
        printf("%s\n", text);
        free(text);
    } else {
        print_verdict(rep, &p);
        printf("\n%sfindings (%zu), what blocks issuance first:%s\n", p.bold, n, p.reset);
        for (size_t i = 0; i < n; i++) {
            print_finding(caa_diagnosis_finding(diag, i), &p);
        }
        printf("\n%sasked %zu server address(es) %zu queries in %u ms%s\n", p.dim,
               caa_diagnosis_server_count(diag), caa_diagnosis_probe_count(diag),
               caa_diagnosis_elapsed_ms(diag), p.reset);
    }
    return diagnose_output_exit(diag);
}

/* The README's rule for every command: 2 on a lookup failure or any error finding, else 1 when
 * denied or any warning, else 0 (issue 11: an allowed name with a failing server said 0). The
 * finding that restates a denial (its code is the verdict's) is the denial, exit 1, not an error
 * besides it. */
int diagnose_output_exit(const struct caa_diagnosis *diag)
{
    const struct caa_report *rep = caa_diagnosis_report(diag);
    enum caa_verdict v = caa_report_name_verdict(rep, 0);
    enum caa_severity worst = CAA_SEVERITY_INFO;

    for (size_t i = 0; i < caa_diagnosis_finding_count(diag); i++) {
        const struct caa_finding *f = caa_diagnosis_finding(diag, i);

        if (v == CAA_VERDICT_DENIED && f->code == caa_report_name_code(rep, 0)) {
            continue;
        }
        worst = f->severity > worst ? f->severity : worst;
    }
    if (v == CAA_VERDICT_ERROR || worst == CAA_SEVERITY_ERROR) {
        return CLI_EXIT_FAILED;
    }
    if (v == CAA_VERDICT_DENIED || worst == CAA_SEVERITY_WARNING) {
        return CLI_EXIT_DENIED;
    }
    return CLI_EXIT_OK;
}
