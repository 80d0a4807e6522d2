/* SPDX-License-Identifier: MIT */
/* A diagnosis as "caa/1" JSON (docs/json.md): the CA's verdict, findings, zones and servers. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/diag/diagnosis.h"
#include "lib/util/json_text.h"

static json_t *finding_json(const struct caa_finding *f)
{
    return json_pack("{s:s, s:s, s:s, s:b, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "code",
                     caa_code_name(f->code), "severity", caa_severity_name(f->severity), "blame",
                     caa_blame_name(f->blame), "retryable", f->retryable, "blocks_issuance",
                     f->blocks_issuance, "zone", caa__json_text(f->zone), "server",
                     caa__json_text(f->server), "address", caa__json_text(f->address), "summary",
                     caa__json_text(f->summary), "evidence", caa__json_text(f->evidence), "fix",
                     caa__json_text(f->fix), "record", caa__json_text(f->record));
}

static json_t *zone_json(const struct caa__zone *z)
{
    json_t *servers = json_array();
    json_t *ns = json_array();

    for (size_t i = 0; i < z->parent_ns_count; i++) {
        json_array_append_new(ns, caa__json_text(z->parent_ns[i]));
    }
    for (size_t i = 0; i < z->server_count; i++) {
        json_array_append_new(servers, json_pack("{s:o, s:o, s:b}", "name",
                                                 caa__json_text(z->servers[i].name), "address",
                                                 caa__json_text(z->servers[i].address), "private",
                                                 z->servers[i].is_private));
    }
    return json_pack("{s:o, s:o, s:o, s:o}", "zone", caa__json_text(z->apex), "parent",
                     z->parent[0] != '\0' ? caa__json_text(z->parent) : json_string("."),
                     "parent_ns", ns, "servers", servers);
}

enum caa_status caa_diagnosis_to_json(const struct caa_diagnosis *d, unsigned flags, char **out)
{
    json_t *findings = json_array();
    json_t *zones = json_array();
    json_t *result = NULL;
    json_t *doc;
    char *text = NULL;

    if (caa_report_name_to_json(d->report, 0, 0, &text) == CAA_OK) {
        result = json_loads(text, 0, NULL);
        free(text);
        text = NULL;
    }
    for (size_t i = 0; i < d->findings.count; i++) {
        json_array_append_new(findings, finding_json(&d->findings.items[i]));
    }
    for (size_t i = 0; i < d->zones.count; i++) {
        json_array_append_new(zones, zone_json(&d->zones.zones[i]));
    }
    doc = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:I}", "schema", "caa/1", "type",
                    "diagnosis", "name", caa__json_text(caa_report_name(d->report, 0)), "check",
                    result != NULL ? result : json_null(), "findings", findings, "zones", zones,
                    "walk_problem", caa__json_text(d->zones.problem), "server_count",
                    (json_int_t)caa_diagnosis_server_count(d), "probe_count",
                    (json_int_t)d->plan.count, "elapsed_ms", (json_int_t)d->elapsed_ms);
    return caa__json_dump(doc, (flags & CAA_JSON_PRETTY) != 0, out);
}
