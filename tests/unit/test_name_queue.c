/* SPDX-License-Identifier: MIT */
/* The queue that hands names between the bulk run's thread and its workers: order kept across
 * batches, nothing lost between threads, and "closed" seen only after the last name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>
#include <pthread.h>

#include "lib/bulk/engine.h"
#include "lib/bulk/name_queue.h"

#define PRODUCED 20000u
#define BATCH 7u

static struct bulk_name *name_with_seq(uint64_t seq)
{
    struct bulk_name *n = calloc(1, sizeof(*n));

    assert_non_null(n);
    n->seq = seq;
    return n;
}

static void test_batches_keep_their_order(void **state)
{
    struct name_queue q;
    struct bulk_name *a = name_with_seq(1), *b = name_with_seq(2), *c = name_with_seq(3);
    bool closed = true;

    (void)state;
    assert_int_equal(name_queue_init(&q), 0);
    assert_null(name_queue_take(&q, false, &closed));
    assert_false(closed);
    a->next_queued = b;
    name_queue_push(&q, a, b);
    name_queue_push(&q, c, c);
    struct bulk_name *got = name_queue_take(&q, false, &closed);
    assert_ptr_equal(got, a);
    assert_ptr_equal(got->next_queued, b);
    assert_ptr_equal(b->next_queued, c);
    assert_null(c->next_queued);
    assert_null(name_queue_take(&q, false, NULL));
    name_queue_close(&q);
    /* Closed and empty: a waiting take returns at once. */
    assert_null(name_queue_take(&q, true, &closed));
    assert_true(closed);
    name_queue_destroy(&q);
    free(a);
    free(b);
    free(c);
}

static void *produce(void *arg)
{
    struct name_queue *q = arg;
    uint64_t seq = 0;

    while (seq < PRODUCED) {
        struct bulk_name *first = name_with_seq(seq++), *last = first;
        for (unsigned i = 1; i < BATCH && seq < PRODUCED; i++) {
            last->next_queued = name_with_seq(seq++);
            last = last->next_queued;
        }
        name_queue_push(q, first, last);
    }
    name_queue_close(q);
    return NULL;
}

static void test_across_threads_nothing_lost(void **state)
{
    struct name_queue q;
    pthread_t producer;
    uint64_t expected = 0;
    bool closed = false;

    (void)state;
    assert_int_equal(name_queue_init(&q), 0);
    assert_int_equal(pthread_create(&producer, NULL, produce, &q), 0);
    while (!closed) {
        struct bulk_name *n = name_queue_take(&q, true, &closed);
        while (n != NULL) {
            struct bulk_name *next = n->next_queued;
            assert_int_equal(n->seq, expected);
            expected++;
            free(n);
            n = next;
        }
    }
    assert_int_equal(pthread_join(producer, NULL), 0);
    /* Closed was read with the last names: everything pushed was taken. */
    assert_int_equal(expected, PRODUCED);
    name_queue_destroy(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_batches_keep_their_order),
        cmocka_unit_test(test_across_threads_nothing_lost),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
