/* SPDX-License-Identifier: MIT */
#include "lib/bulk/name_queue.h"

#include <stddef.h>

#include "lib/bulk/engine.h"

int name_queue_init(struct name_queue *q)
{
    q->head = NULL;
    q->tail = NULL;
    q->closed = false;
    if (pthread_mutex_init(&q->lock, NULL) != 0) {
        return -1;
    }
    if (pthread_cond_init(&q->filled, NULL) != 0) {
        (void)pthread_mutex_destroy(&q->lock);
        return -1;
    }
    return 0;
}

void name_queue_destroy(struct name_queue *q)
{
    (void)pthread_cond_destroy(&q->filled);
    (void)pthread_mutex_destroy(&q->lock);
}

void name_queue_push(struct name_queue *q, struct bulk_name *first, struct bulk_name *last)
{
    last->next_queued = NULL;
    (void)pthread_mutex_lock(&q->lock);
    if (q->tail != NULL) {
        q->tail->next_queued = first;
    } else {
        q->head = first;
    }
    q->tail = last;
    (void)pthread_cond_signal(&q->filled);
    (void)pthread_mutex_unlock(&q->lock);
}

void name_queue_close(struct name_queue *q)
{
    (void)pthread_mutex_lock(&q->lock);
    q->closed = true;
    (void)pthread_cond_broadcast(&q->filled);
    (void)pthread_mutex_unlock(&q->lock);
}

struct bulk_name *name_queue_take(struct name_queue *q, bool wait, bool *closed)
{
    struct bulk_name *all;

    (void)pthread_mutex_lock(&q->lock);
    while (wait && q->head == NULL && !q->closed) {
        (void)pthread_cond_wait(&q->filled, &q->lock);
    }
    all = q->head;
    q->head = NULL;
    q->tail = NULL;
    if (closed != NULL) {
        *closed = q->closed;
    }
    (void)pthread_mutex_unlock(&q->lock);
    return all;
}
