/* SPDX-License-Identifier: MIT */
#include "lib/util/block_pool.h"

#include <stdalign.h>
#include <stdlib.h>

/* In front of every block: its size, so that caa__block_put knows pooled from one-off. */
union header {
    size_t cap;
    max_align_t align;
};

struct spare {
    struct spare *next;
};

void caa__block_pool_init(struct caa__block_pool *pool, size_t block_bytes)
{
    pool->block_bytes = block_bytes < sizeof(struct spare) ? sizeof(struct spare) : block_bytes;
    pool->spare = NULL;
}

void caa__block_pool_cleanup(struct caa__block_pool *pool)
{
    struct spare *s = pool->spare;

    while (s != NULL) {
        struct spare *next = s->next;
        free((union header *)(void *)s - 1);
        s = next;
    }
    pool->spare = NULL;
}

void *caa__block_get(struct caa__block_pool *pool, size_t size)
{
    size_t cap = size <= pool->block_bytes ? pool->block_bytes : size;
    union header *h;

    if (cap == pool->block_bytes && pool->spare != NULL) {
        struct spare *s = pool->spare;
        pool->spare = s->next;
        return s;
    }
    if (cap > (size_t)-1 - sizeof(*h) || (h = malloc(sizeof(*h) + cap)) == NULL) {
        return NULL;
    }
    h->cap = cap;
    return h + 1;
}

void caa__block_put(struct caa__block_pool *pool, void *block)
{
    union header *h;
    struct spare *s = block;

    if (block == NULL) {
        return;
    }
    h = (union header *)block - 1;
    if (h->cap != pool->block_bytes) {
        free(h);
        return;
    }
    s->next = pool->spare;
    pool->spare = s;
}
