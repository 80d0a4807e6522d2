/* SPDX-License-Identifier: MIT */
/* caa_explain_read on what a CA might print (text, certbot blocks, ACME problem documents), and
 * caa_explain_parse on the same bytes as a C string: every problem must have a name, a label
 * and a detail, within the documented limits. */
#include <stdlib.h>
#include <string.h>

#include <caa/diagnose.h>

#include "fuzz.h"

static void read_all(const uint8_t *data, size_t size)
{
    struct caa_explanation *ex = NULL;

    if (caa_explain_read((const char *)data, size, &ex) != CAA_OK) {
        if (ex != NULL) {
            abort();
        }
        return;
    }
    if (caa_explanation_count(ex) == 0 || caa_explanation_count(ex) > 16 ||
        caa_explanation_problem(ex, caa_explanation_count(ex)) != NULL) {
        abort();
    }
    for (size_t i = 0; i < caa_explanation_count(ex); i++) {
        const struct caa_explain_problem *p = caa_explanation_problem(ex, i);

        if (p == NULL || p->name == NULL || p->name[0] == '\0' || p->label == NULL ||
            p->detail == NULL || strlen(p->detail) > 1024 ||
            strcmp(caa_code_name(p->kind), "CAA_UNKNOWN_CODE") == 0) {
            abort();
        }
    }
    caa_explanation_free(ex);
}

static void parse_string(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    char **names = NULL;
    size_t count = 0;
    enum caa_code kind;

    if (text == NULL) {
        return;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    if (caa_explain_parse(text, &names, &count, &kind) == CAA_OK) {
        if (count == 0) {
            abort();
        }
        for (size_t i = 0; i < count; i++) {
            if (names[i] == NULL || names[i][0] == '\0') {
                abort();
            }
            free(names[i]);
        }
        free(names);
    }
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_all(data, size);
    parse_string(data, size);
    return 0;
}
