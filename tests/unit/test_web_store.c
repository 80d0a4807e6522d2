/* SPDX-License-Identifier: MIT */
/* Permalinks in SQLite, in a fresh temporary state directory per test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "web.h"

#define DOC_A "{\"check\":{\"verdict\":\"allowed\"},\"request\":{\"names\":[\"a.example\"]}}"
#define DOC_B "{\"check\":{\"verdict\":\"denied\"},\"request\":{\"names\":[\"b.example\"]}}"

struct fixture {
    char dir[64];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    if (f == NULL) {
        return -1;
    }
    memcpy(f->dir, "/tmp/caa-web-store-XXXXXX", sizeof "/tmp/caa-web-store-XXXXXX");
    if (mkdtemp(f->dir) == NULL) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static void remove_file(const char *dir, const char *name)
{
    char path[256];

    (void)snprintf(path, sizeof path, "%s/%s", dir, name);
    (void)unlink(path);
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    static const char *const files[] = {"permalink.key", "permalinks.sqlite3",
                                        "permalinks.sqlite3-wal", "permalinks.sqlite3-shm"};

    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        remove_file(f->dir, files[i]);
    }
    (void)rmdir(f->dir);
    free(f);
    return 0;
}

static bool is_base32_id(const char *id)
{
    if (strlen(id) != 32) {
        return false;
    }
    for (size_t i = 0; i < 32; i++) {
        if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '2' && id[i] <= '7'))) {
            return false;
        }
    }
    return true;
}

static void test_put_get_roundtrip(void **state)
{
    struct fixture *f = *state;
    struct web_store *s = NULL;
    char id[33];
    char again[33];
    char later[33];
    char *json = NULL;
    long long taken = 0;

    assert_int_equal(web_store_open(f->dir, &s), 0);
    assert_int_equal(web_store_put(s, DOC_A, 1796524800, id), 0);
    assert_true(is_base32_id(id));
    assert_int_equal(web_store_get(s, id, &json, &taken), 0);
    assert_string_equal(json, DOC_A);
    assert_int_equal(taken, 1796524800);
    free(json);
    /* derived from the content: the same document and time is the same link */
    assert_int_equal(web_store_put(s, DOC_A, 1796524800, again), 0);
    assert_string_equal(id, again);
    /* another time or another document is another link */
    assert_int_equal(web_store_put(s, DOC_A, 1796524801, later), 0);
    assert_string_not_equal(id, later);
    assert_int_equal(web_store_put(s, DOC_B, 1796524800, later), 0);
    assert_string_not_equal(id, later);
    web_store_close(s);
}

static void test_not_found(void **state)
{
    struct fixture *f = *state;
    struct web_store *s = NULL;
    static const char *const ids[] = {
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",  /* well-formed, never stored */
        "",                                  /* empty */
        "abc",                               /* short */
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", /* long */
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  /* not our alphabet */
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1",  /* 1 is not base32 */
        "' OR 1=1 --aaaaaaaaaaaaaaaaaaaaa",  /* SQL */
        "../../../../etc/passwdaaaaaaaaaa",
    };
    char *json = NULL;
    char id[33];

    assert_int_equal(web_store_open(f->dir, &s), 0);
    assert_int_equal(web_store_put(s, DOC_A, 1, id), 0);
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        assert_int_equal(web_store_get(s, ids[i], &json, NULL), 1);
        assert_null(json);
    }
    assert_int_equal(web_store_get(s, NULL, &json, NULL), 1);
    web_store_close(s);
}

/* A permalink survives a restart; the secret is kept (same content, same id), private (0600),
 * and a different state directory has a different secret, so ids cannot be computed from the
 * content alone. */
static void test_restart_and_secret(void **state)
{
    struct fixture *f = *state;
    struct fixture *other = NULL;
    struct web_store *s = NULL;
    char id[33];
    char id2[33];
    char path[256];
    struct stat st;
    char *json = NULL;

    assert_int_equal(web_store_open(f->dir, &s), 0);
    assert_int_equal(web_store_put(s, DOC_B, 42, id), 0);
    web_store_close(s);
    (void)snprintf(path, sizeof path, "%s/permalink.key", f->dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(st.st_size, 32);

    assert_int_equal(web_store_open(f->dir, &s), 0);
    assert_int_equal(web_store_get(s, id, &json, NULL), 0);
    assert_string_equal(json, DOC_B);
    free(json);
    assert_int_equal(web_store_put(s, DOC_B, 42, id2), 0);
    assert_string_equal(id, id2);
    web_store_close(s);

    assert_int_equal(setup((void **)&other), 0);
    assert_int_equal(web_store_open(other->dir, &s), 0);
    assert_int_equal(web_store_put(s, DOC_B, 42, id2), 0);
    assert_string_not_equal(id, id2);
    web_store_close(s);
    assert_int_equal(teardown((void **)&other), 0);
}

static void test_prune(void **state)
{
    struct fixture *f = *state;
    struct web_store *s = NULL;
    long long now = (long long)time(NULL);
    char old_id[33];
    char ids[5][33];
    char *json = NULL;
    char doc[64];

    assert_int_equal(web_store_open(f->dir, &s), 0);
    assert_int_equal(web_store_put(s, DOC_A, now - 10 * 86400, old_id), 0);
    for (int i = 0; i < 5; i++) {
        (void)snprintf(doc, sizeof doc, "{\"n\":%d}", i);
        assert_int_equal(web_store_put(s, doc, now - 100 + i, ids[i]), 0);
    }
    /* 0 and 0: no limits, nothing goes */
    assert_int_equal(web_store_prune(s, 0, 0), 0);
    assert_int_equal(web_store_get(s, old_id, &json, NULL), 0);
    free(json);
    /* by age: older than 7 days */
    assert_int_equal(web_store_prune(s, 7, 0), 0);
    assert_int_equal(web_store_get(s, old_id, &json, NULL), 1);
    assert_int_equal(web_store_get(s, ids[0], &json, NULL), 0);
    free(json);
    /* by count: the newest 2 stay */
    assert_int_equal(web_store_prune(s, 7, 2), 0);
    for (int i = 0; i < 5; i++) {
        int rc = web_store_get(s, ids[i], &json, NULL);

        assert_int_equal(rc, i >= 3 ? 0 : 1);
        free(json);
        json = NULL;
    }
    web_store_close(s);
}

static void test_bad_arguments(void **state)
{
    struct fixture *f = *state;
    struct web_store *s = NULL;
    char id[33];
    char path[256];
    char *big;
    size_t big_len = (size_t)4 * 1024 * 1024 + 2;

    (void)snprintf(path, sizeof path, "%s/missing/deeper", f->dir);
    assert_int_equal(web_store_open(path, &s), -1);
    assert_null(s);
    assert_int_equal(web_store_open(f->dir, &s), 0);
    assert_int_equal(web_store_put(s, NULL, 0, id), -1);
    big = malloc(big_len);
    assert_non_null(big);
    memset(big, ' ', big_len - 1);
    big[big_len - 1] = '\0';
    assert_int_equal(web_store_put(s, big, 0, id), -1);
    free(big);
    web_store_close(s);
    web_store_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_put_get_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_found, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restart_and_secret, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prune, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
