/* SPDX-License-Identifier: MIT */
#ifndef CAA_BULK_NAME_QUEUE_H
#define CAA_BULK_NAME_QUEUE_H

/* A first-in first-out list of names handed between threads: the run's reader gives names to a
 * worker, workers give finished names back. Names are linked through next_queued, so a batch
 * moves in one lock. */

#include <pthread.h>
#include <stdbool.h>

struct bulk_name;

struct name_queue {
    pthread_mutex_t lock;
    pthread_cond_t filled;
    struct bulk_name *head, *tail;
    bool closed; /* no more names will be pushed */
};

int name_queue_init(struct name_queue *q);
void name_queue_destroy(struct name_queue *q);
/* Appends the list first..last (linked by next_queued; last->next_queued is ignored). */
void name_queue_push(struct name_queue *q, struct bulk_name *first, struct bulk_name *last);
void name_queue_close(struct name_queue *q);
/* Takes every queued name (NULL when none); with wait, blocks until there is one or the queue
 * is closed. *closed (may be NULL) tells whether it was closed. */
struct bulk_name *name_queue_take(struct name_queue *q, bool wait, bool *closed);

#endif
