/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/record.h>

static const struct {
    const char *text;
    uint8_t flags;
    const char *tag;
    const char *value;
} records[] = {
    {"0 issue \"letsencrypt.org\"", 0, "issue", "letsencrypt.org"},
    {"0 issuewild \";\"", 0, "issuewild", ";"},
    {"128 iodef \"mailto:a@example.com\"", 128, "iodef", "mailto:a@example.com"},
    {"0 issue \"\"", 0, "issue", ""},
};

static void test_add_in_order(void **state)
{
    struct caa_rrset *set = NULL;
    size_t i;

    (void)state;
    assert_int_equal(caa_rrset_new(&set), CAA_OK);
    assert_non_null(set);
    assert_int_equal(caa_rrset_count(set), 0);
    assert_null(caa_rrset_record(set, 0));
    for (i = 0; i < sizeof(records) / sizeof(records[0]); i++) {
        struct caa_record rec;

        assert_int_equal(
            caa_record_from_text(records[i].text, strlen(records[i].text), 0, &rec, NULL), CAA_OK);
        assert_int_equal(caa_rrset_add(set, &rec), CAA_OK);
        /* the set holds a deep copy */
        caa_record_cleanup(&rec);
    }
    assert_int_equal(caa_rrset_count(set), sizeof(records) / sizeof(records[0]));
    for (i = 0; i < sizeof(records) / sizeof(records[0]); i++) {
        const struct caa_record *rec = caa_rrset_record(set, i);

        assert_non_null(rec);
        assert_int_equal(rec->flags, records[i].flags);
        assert_string_equal(rec->tag, records[i].tag);
        assert_int_equal(rec->value_len, strlen(records[i].value));
        assert_memory_equal(rec->value, records[i].value, rec->value_len + 1);
    }
    assert_null(caa_rrset_record(set, sizeof(records) / sizeof(records[0])));
    caa_rrset_free(set);
}

static void test_owner(void **state)
{
    struct caa_rrset *set = NULL;
    char owner[32] = "example.com";

    (void)state;
    assert_int_equal(caa_rrset_new(&set), CAA_OK);
    assert_string_equal(caa_rrset_owner(set), "");
    assert_int_equal(caa_rrset_set_owner(set, owner), CAA_OK);
    owner[0] = 'X'; /* copied */
    assert_string_equal(caa_rrset_owner(set), "example.com");
    assert_int_equal(caa_rrset_set_owner(set, "www.example.com"), CAA_OK);
    assert_string_equal(caa_rrset_owner(set), "www.example.com");
    assert_int_equal(caa_rrset_set_owner(set, NULL), CAA_E_INVALID_ARG);
    assert_string_equal(caa_rrset_owner(set), "www.example.com");
    caa_rrset_free(set);
}

/* At most 65535 records: the 65536th fails with CAA_E_LIMIT and leaves the set intact. */
static void test_ceiling(void **state)
{
    struct caa_rrset *set = NULL;
    struct caa_record rec;
    size_t i;

    (void)state;
    assert_int_equal(caa_rrset_new(&set), CAA_OK);
    assert_int_equal(caa_record_set(&rec, 0, "issue", (const uint8_t *)"ca", 2, 0, NULL), CAA_OK);
    for (i = 0; i < 65535; i++) {
        assert_int_equal(caa_rrset_add(set, &rec), CAA_OK);
    }
    assert_int_equal(caa_rrset_add(set, &rec), CAA_E_LIMIT);
    assert_int_equal(caa_rrset_count(set), 65535);
    assert_memory_equal(caa_rrset_record(set, 65534)->value, "ca", 3);
    caa_record_cleanup(&rec);
    caa_rrset_free(set);
}

static void test_invalid_args(void **state)
{
    struct caa_rrset *set = NULL;
    struct caa_record rec;

    (void)state;
    assert_int_equal(caa_rrset_new(NULL), CAA_E_INVALID_ARG);
    assert_int_equal(caa_rrset_new(&set), CAA_OK);
    assert_int_equal(caa_rrset_add(set, NULL), CAA_E_INVALID_ARG);
    assert_int_equal(caa_rrset_add(NULL, NULL), CAA_E_INVALID_ARG);
    caa_record_init(&rec);
    rec.value_len = 4; /* NULL value with a length */
    assert_int_equal(caa_rrset_add(set, &rec), CAA_E_INVALID_ARG);
    assert_int_equal(caa_rrset_count(set), 0);
    assert_int_equal(caa_rrset_count(NULL), 0);
    assert_null(caa_rrset_record(NULL, 0));
    assert_string_equal(caa_rrset_owner(NULL), "");
    caa_rrset_free(set);
    caa_rrset_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_in_order),
        cmocka_unit_test(test_owner),
        cmocka_unit_test(test_ceiling),
        cmocka_unit_test(test_invalid_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
