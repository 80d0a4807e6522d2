/* SPDX-License-Identifier: MIT */
/* Keeps the code table, the messages and docs/codes.md in step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/code.h>
#include <caa/status.h>

static char *read_doc(const char *relative)
{
    char path[4096];
    FILE *fp;
    char *text;
    long size;

    (void)snprintf(path, sizeof(path), "%s/%s", CAA_SOURCE_ROOT, relative);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    size = ftell(fp);
    assert_true(size > 0);
    rewind(fp);
    text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, fp), (size_t)size);
    text[size] = '\0';
    fclose(fp);
    return text;
}

/* Verdict and lookup codes are documented in docs/codes.md, lint codes in docs/lint-codes.md,
 * diagnosis codes in docs/diagnosis-codes.md. */
static char *read_docs(void)
{
    static const char *const pages[] = {"docs/codes.md", "docs/lint-codes.md",
                                        "docs/diagnosis-codes.md"};
    char *all = calloc(1, 1);

    assert_non_null(all);
    for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
        char *page = read_doc(pages[i]);
        size_t have = strlen(all);
        char *grown = realloc(all, have + strlen(page) + 2);
        assert_non_null(grown);
        all = grown;
        all[have] = '\n';
        memcpy(all + have + 1, page, strlen(page) + 1);
        free(page);
    }
    return all;
}

/* An entry is a heading line "## NAME". */
static int doc_has_heading(const char *doc, const char *name)
{
    char heading[128];

    (void)snprintf(heading, sizeof(heading), "\n## %s\n", name);
    return strstr(doc, heading) != NULL;
}

static void test_every_code_has_name_message_and_doc(void **state)
{
    char *doc = read_docs();

    (void)state;
    for (int i = 0; i < CAA_CODE_COUNT_; i++) {
        enum caa_code code = (enum caa_code)i;
        enum caa_code back;
        const char *name = caa_code_name(code);

        assert_string_not_equal(name, "CAA_UNKNOWN_CODE");
        assert_true(strlen(caa_code_message(code)) > 10);
        assert_int_equal(caa_code_from_name(name, &back), 0);
        assert_int_equal(back, code);
        if (!doc_has_heading(doc, name)) {
            fail_msg("no page in docs/ has '## %s' entry", name);
        }
    }
    free(doc);
}

static void test_every_documented_code_exists(void **state)
{
    char *doc = read_docs();
    const char *p = doc;

    (void)state;
    while ((p = strstr(p, "\n## ")) != NULL) {
        char name[128];
        enum caa_code code;
        size_t n = strcspn(p + 4, "\n");

        assert_true(n < sizeof(name));
        memcpy(name, p + 4, n);
        name[n] = '\0';
        if (caa_code_from_name(name, &code) != 0) {
            fail_msg("the docs document '%s', which is not a code", name);
        }
        p += 4 + n;
    }
    free(doc);
}

static void test_kinds(void **state)
{
    (void)state;
    assert_int_equal(caa_code_kind(CAA_CODE_AUTHORIZED), CAA_CODE_KIND_ALLOWED);
    assert_int_equal(caa_code_kind(CAA_CODE_EMPTY_ISSUER), CAA_CODE_KIND_DENIED);
    assert_int_equal(caa_code_kind(CAA_CODE_ISSUER_TRAILING_DOT), CAA_CODE_KIND_LINT);
    assert_string_equal(caa_code_name((enum caa_code)9999), "CAA_UNKNOWN_CODE");
    assert_string_equal(caa_status_name(CAA_E_LIMIT), "CAA_E_LIMIT");
    assert_string_equal(caa_status_name((enum caa_status)99), "CAA_E_UNKNOWN");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_code_has_name_message_and_doc),
        cmocka_unit_test(test_every_documented_code_exists),
        cmocka_unit_test(test_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
