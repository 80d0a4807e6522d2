/* SPDX-License-Identifier: MIT */
/* caa_bulk_options and caa_bulk_stats grow without breaking the ABI (issue 11): the library
 * reads and writes only the struct_size bytes the caller compiled with. The run checks one
 * malformed name, which the engine answers without asking the DNS (loopback-only hints). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <caa/caa.h>

struct feed {
    int given;
    int emitted;
};

static int next_item(void *user, struct caa_bulk_item *item)
{
    struct feed *f = user;

    if (f->given++ > 0) {
        return 0;
    }
    memset(item, 0, sizeof(*item));
    item->index = 1;
    item->name = "bad..example"; /* an empty label: CAA_INPUT_INVALID, no lookup */
    return 1;
}

static void emit(void *user, const struct caa_bulk_result *result)
{
    struct feed *f = user;

    assert_int_equal(result->code, CAA_CODE_INPUT_INVALID);
    f->emitted++;
}

static enum caa_status run(const struct caa_bulk_options *opts, struct caa_bulk_stats *stats)
{
    struct caa_ctx *ctx = NULL;
    struct caa_request req;
    const char *issuers[] = {"letsencrypt.org"};
    struct caa_error err = {0, ""};
    struct feed f = {0, 0};
    enum caa_status st;

    assert_int_equal(caa_ctx_new(&ctx), CAA_OK);
    assert_int_equal(
        caa_ctx_set_root_hints(ctx, CAA_SOURCE_ROOT "/tests/cli/fixtures/loopback.hints"), CAA_OK);
    caa_request_init(&req);
    req.issuers = issuers;
    req.issuer_count = 1;
    st = caa_bulk_run(ctx, &req, opts, next_item, emit, &f, stats, &err);
    if (st == CAA_OK) {
        assert_int_equal(f.emitted, 1);
    }
    caa_ctx_free(ctx);
    return st;
}

static void test_init(void **state)
{
    struct caa_bulk_options opts;
    struct caa_bulk_stats stats;

    (void)state;
    memset(&opts, 0xAB, sizeof(opts));
    caa_bulk_options_init(&opts);
    assert_int_equal(opts.struct_size, sizeof(opts));
    assert_int_equal(opts.window, 0);
    assert_null(opts.resolver);
    caa_bulk_stats_init(&stats);
    assert_int_equal(stats.struct_size, sizeof(stats));
    assert_int_equal(run(&opts, &stats), CAA_OK);
    assert_int_equal(stats.names, 1);
    assert_int_equal(stats.failed_names, 0);
}

/* A caller compiled before failed_names existed: nothing is written past its struct. */
static void test_older_caller(void **state)
{
    size_t old_size = offsetof(struct caa_bulk_stats, failed_names);
    unsigned char *mem = malloc(sizeof(struct caa_bulk_stats));
    struct caa_bulk_stats *stats = (struct caa_bulk_stats *)mem;
    struct caa_bulk_options opts;

    (void)state;
    assert_non_null(mem);
    memset(mem, 0x5A, sizeof(struct caa_bulk_stats));
    memset(mem, 0, old_size);
    stats->struct_size = old_size;
    /* Options from a caller that knew only the first fields: the rest are defaults. */
    memset(&opts, 0x7F, sizeof(opts));
    opts.struct_size = offsetof(struct caa_bulk_options, window) + sizeof(opts.window);
    opts.window = 4;
    assert_int_equal(run(&opts, stats), CAA_OK);
    assert_int_equal(stats->names, 1);
    assert_int_equal(stats->struct_size, old_size);
    for (size_t i = old_size; i < sizeof(struct caa_bulk_stats); i++) {
        assert_int_equal(mem[i], 0x5A);
    }
    free(mem);
}

static void test_uninitialised(void **state)
{
    struct caa_bulk_options opts;
    struct caa_bulk_stats stats;

    (void)state;
    memset(&opts, 0, sizeof(opts));
    assert_int_equal(run(&opts, NULL), CAA_E_INVALID_ARG);
    memset(&stats, 0, sizeof(stats));
    assert_int_equal(run(NULL, &stats), CAA_E_INVALID_ARG);
    assert_int_equal(run(NULL, NULL), CAA_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init),
        cmocka_unit_test(test_older_caller),
        cmocka_unit_test(test_uninitialised),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
