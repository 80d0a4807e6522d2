/* SPDX-License-Identifier: MIT */
#include "lib/util/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Most reports fit in one chunk of this size; a larger allocation gets a chunk of its own. */
#define CHUNK_BYTES 4096u

struct chunk {
    struct chunk *next;
    size_t used;
    size_t cap;
    max_align_t data[]; /* cap bytes */
};

struct caa__arena {
    struct chunk *head; /* the chunk being carved; older ones follow */
    size_t total;       /* bytes of every chunk's data */
    size_t limit;
    enum caa_status status;
};

enum caa_status caa__arena_new(size_t limit_bytes, struct caa__arena **out)
{
    struct caa__arena *arena = calloc(1, sizeof(*arena));

    if (arena == NULL) {
        return CAA_E_NOMEM;
    }
    arena->limit = limit_bytes;
    *out = arena;
    return CAA_OK;
}

void caa__arena_free(struct caa__arena *arena)
{
    if (arena == NULL) {
        return;
    }
    while (arena->head != NULL) {
        struct chunk *next = arena->head->next;
        free(arena->head);
        arena->head = next;
    }
    free(arena);
}

void caa__arena_reset(struct caa__arena *arena)
{
    struct chunk *keep = NULL;

    while (arena->head != NULL) {
        struct chunk *next = arena->head->next;
        if (keep == NULL && arena->head->cap == CHUNK_BYTES) {
            keep = arena->head;
        } else {
            free(arena->head);
        }
        arena->head = next;
    }
    arena->head = keep;
    arena->total = 0;
    if (keep != NULL) {
        keep->next = NULL;
        keep->used = 0;
        arena->total = keep->cap;
    }
    arena->status = CAA_OK;
}

static void *fail(struct caa__arena *arena, enum caa_status st)
{
    if (arena->status == CAA_OK) {
        arena->status = st;
    }
    return NULL;
}

void *caa__arena_alloc(struct caa__arena *arena, size_t size)
{
    const size_t align = alignof(max_align_t);
    struct chunk *c = arena->head;
    size_t rounded;
    void *p;

    if (size > SIZE_MAX - align) {
        return fail(arena, CAA_E_LIMIT);
    }
    rounded = (size + align - 1) / align * align;
    if (c == NULL || c->cap - c->used < rounded) {
        size_t cap = rounded > CHUNK_BYTES ? rounded : CHUNK_BYTES;
        if (cap > arena->limit - arena->total || arena->total > arena->limit) {
            return fail(arena, CAA_E_LIMIT);
        }
        c = malloc(sizeof(*c) + cap);
        if (c == NULL) {
            return fail(arena, CAA_E_NOMEM);
        }
        c->used = 0;
        c->cap = cap;
        /* A big allocation's own chunk goes behind the current one, which keeps its room. */
        if (arena->head != NULL && rounded > CHUNK_BYTES) {
            c->next = arena->head->next;
            arena->head->next = c;
        } else {
            c->next = arena->head;
            arena->head = c;
        }
        arena->total += cap;
    }
    p = (unsigned char *)c->data + c->used;
    c->used += rounded;
    memset(p, 0, size);
    return p;
}

void *caa__arena_calloc(struct caa__arena *arena, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size) {
        return fail(arena, CAA_E_LIMIT);
    }
    return caa__arena_alloc(arena, count * size);
}

char *caa__arena_strdup(struct caa__arena *arena, const char *s)
{
    size_t len;
    char *copy;

    if (s == NULL) {
        return NULL;
    }
    len = strlen(s);
    copy = caa__arena_alloc(arena, len + 1);
    if (copy != NULL) {
        memcpy(copy, s, len + 1);
    }
    return copy;
}

enum caa_status caa__arena_status(const struct caa__arena *arena)
{
    return arena->status;
}
