/* SPDX-License-Identifier: MIT */
/* caa_zone_parse with and without CAA_ZONE_BARE_RDATA, then everything a parsed zone feeds:
 * caa_lint_zone, caa_lint_report_to_json and caa_zone_relevant_rrset. Every entry and error must
 * read back with sane positions, and the report must turn into JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <caa/evaluate.h>
#include <caa/lint.h>
#include <caa/record.h>
#include <caa/zone.h>

#include "fuzz.h"

static void check_entries(const struct caa_zone *zone)
{
    size_t i;
    const struct caa_zone_entry *entry;
    const struct caa_zone_error *error;

    for (i = 0; i < caa_zone_entry_count(zone); i++) {
        entry = caa_zone_entry(zone, i);
        if (entry == NULL || entry->owner == NULL || entry->rdata_text == NULL ||
            entry->line == 0 || entry->column == 0) {
            abort();
        }
    }
    for (i = 0; i < caa_zone_error_count(zone); i++) {
        error = caa_zone_error(zone, i);
        if (error == NULL || error->message == NULL || error->message[0] == '\0' ||
            error->text == NULL || error->line == 0) {
            abort();
        }
    }
}

static void lint(const struct caa_zone *zone)
{
    struct caa_lint_report *rep = NULL;
    char *json = NULL;
    size_t i;
    const struct caa_lint_finding *finding;

    if (caa_lint_zone(zone, &rep) != CAA_OK) {
        return;
    }
    for (i = 0; i < caa_lint_report_count(rep); i++) {
        finding = caa_lint_report_finding(rep, i);
        if (finding == NULL || finding->owner == NULL || finding->record == NULL ||
            finding->message == NULL || finding->fix == NULL) {
            abort();
        }
    }
    (void)caa_lint_report_worst(rep);
    if (caa_lint_report_to_json(rep, "fuzz.zone", CAA_JSON_PRETTY, &json) == CAA_OK &&
        (json == NULL || json[0] != '{')) {
        abort();
    }
    free(json);
    caa_lint_report_free(rep);
}

static void relevant(const struct caa_zone *zone, const char *name)
{
    struct caa_rrset *set = NULL;
    size_t i;

    if (caa_zone_relevant_rrset(zone, name, &set) != CAA_OK) {
        return;
    }
    for (i = 0; i < caa_rrset_count(set); i++) {
        if (caa_rrset_record(set, i) == NULL) {
            abort();
        }
    }
    caa_rrset_free(set);
}

static void one_mode(const uint8_t *data, size_t size, const char *origin, unsigned flags)
{
    static const char *const names[] = {"example.com", "www.example.com", "*.sub.example.com",
                                        "a.b.c.example.org", ""};
    struct caa_zone *zone = NULL;
    char child[4200];
    size_t i;

    if (caa_zone_parse((const char *)data, size, origin, flags, &zone) != CAA_OK) {
        return;
    }
    check_entries(zone);
    lint(zone);
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        relevant(zone, names[i]);
    }
    /* A name below the first owner found, so the climb meets a record whatever the input. */
    if (caa_zone_entry_count(zone) > 0) {
        (void)snprintf(child, sizeof(child), "x.%s", caa_zone_entry(zone, 0)->owner);
        relevant(zone, child);
        relevant(zone, caa_zone_entry(zone, 0)->owner);
    }
    caa_zone_free(zone);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one_mode(data, size, "example.com", CAA_ZONE_DEFAULT);
    one_mode(data, size, "example.com", CAA_ZONE_BARE_RDATA);
    one_mode(data, size, NULL, CAA_ZONE_DEFAULT);
    return 0;
}
