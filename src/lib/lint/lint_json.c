/* SPDX-License-Identifier: MIT */
/* A lint report as a "caa/1" JSON document. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <caa/evaluate.h>
#include <caa/lint.h>

#include "lib/util/json_text.h"

static json_t *finding_json(const struct caa_lint_finding *f)
{
    return json_pack("{s:s, s:s, s:I, s:I, s:o, s:o, s:o, s:o}", "code", caa_code_name(f->code),
                     "severity", caa_severity_name(f->severity), "line", (json_int_t)f->line,
                     "column", (json_int_t)f->column, "owner", caa__json_text(f->owner), "record",
                     caa__json_text(f->record), "message", caa__json_text(f->message), "fix",
                     caa__json_text(f->fix));
}

enum caa_status caa_lint_report_to_json(const struct caa_lint_report *rep, const char *source,
                                        unsigned flags, char **out)
{
    json_t *doc = NULL;
    json_t *findings;
    size_t counts[3] = {0, 0, 0};

    if (rep == NULL || out == NULL) {
        return CAA_E_INVALID_ARG;
    }
    *out = NULL;
    findings = json_array();
    for (size_t i = 0; findings != NULL && i < caa_lint_report_count(rep); i++) {
        const struct caa_lint_finding *f = caa_lint_report_finding(rep, i);
        json_t *item = finding_json(f);

        counts[f->severity <= CAA_SEVERITY_ERROR ? f->severity : CAA_SEVERITY_ERROR]++;
        if (item == NULL || json_array_append_new(findings, item) != 0) {
            json_decref(findings);
            findings = NULL;
        }
    }
    if (findings != NULL) {
        doc = json_pack("{s:s, s:s, s:o, s:o, s:{s:I, s:I, s:I}}", "schema", "caa/1", "type",
                        "lint", "source", caa__json_text(source), "findings", findings, "summary",
                        "errors", (json_int_t)counts[CAA_SEVERITY_ERROR], "warnings",
                        (json_int_t)counts[CAA_SEVERITY_WARNING], "infos",
                        (json_int_t)counts[CAA_SEVERITY_INFO]);
    }
    return caa__json_dump(doc, (flags & CAA_JSON_PRETTY) != 0, out);
}
