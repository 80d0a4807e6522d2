/* SPDX-License-Identifier: MIT */
#ifndef CAA_UTIL_BLOCK_POOL_H
#define CAA_UTIL_BLOCK_POOL_H

/*
 * Blocks of one size, given back for reuse instead of to malloc: what a long run keeps for a
 * while and then replaces (bulk's cached CAA answers) costs no malloc once the pool holds as
 * many blocks as were ever in use at once. A request larger than the pool's blocks gets a
 * malloc'd block of its own, which caa__block_put frees; so every block, pooled or not, goes
 * back through caa__block_put. Thread rule: one thread at a time.
 */

#include <stddef.h>

struct caa__block_pool {
    size_t block_bytes; /* usable bytes of a pooled block */
    void *spare;        /* blocks given back, linked through their first bytes */
};

void caa__block_pool_init(struct caa__block_pool *pool, size_t block_bytes);
/* Frees the spare blocks; blocks still out must not be put back afterwards. */
void caa__block_pool_cleanup(struct caa__block_pool *pool);
/* size bytes (not zeroed), aligned for any type: a pooled block when size fits, else one of its
 * own; NULL when out of memory. */
void *caa__block_get(struct caa__block_pool *pool, size_t size);
/* Gives back a block of caa__block_get; NULL is a no-op. */
void caa__block_put(struct caa__block_pool *pool, void *block);

#endif
