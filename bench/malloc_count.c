/* SPDX-License-Identifier: MIT */
/*
 * An LD_PRELOAD heap-call counter, to find what a run allocates and prove what it no longer does
 * (README: "Allocations, counted"; bench/bulk/alloc_check.sh). It counts calls to malloc,
 * calloc, realloc, posix_memalign, aligned_alloc and memalign, forwards each to glibc's own
 * (__libc_malloc and friends, so no dlsym and no allocation of its own), and at exit writes
 *
 *     malloc_count total N malloc N calloc N realloc N memalign N free N
 *
 * to the file named by $MALLOC_COUNT_OUT (appended, so a wrapper can collect several
 * processes), or to stderr. With $MALLOC_COUNT_SITES=N it also writes the N call sites that
 * allocated most, each as "site COUNT MODULE+0xOFFSET" for `addr2line -f -e MODULE OFFSET`
 * (build with -fno-omit-frame-pointer for useful callers; the caller of a libc function such as
 * strdup shows as that function). Counters are atomic: a bulk run's workers are threads.
 * Not for sanitizer builds, whose runtime owns malloc.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *p);

/* The project builds with -fvisibility=hidden: the replacements must be seen to replace. */
#define EXPORT __attribute__((visibility("default")))
void *memalign(size_t alignment, size_t size); /* glibc's <malloc.h>, not in POSIX */

enum kind { K_MALLOC, K_CALLOC, K_REALLOC, K_MEMALIGN, K_FREE, K_COUNT };

static atomic_ullong counts[K_COUNT];

/* Call sites: an open-addressed table of return addresses, filled lock-free (a slot is claimed
 * by compare-and-swap); when full, further sites are counted as "other". */
#define SITE_SLOTS 4096u
static atomic_uintptr_t site_addr[SITE_SLOTS];
static atomic_ullong site_count[SITE_SLOTS];
static atomic_ullong site_other;
static int site_report = -1; /* -1: not read yet; 0: off; else how many to print */

static void count_site(uintptr_t addr)
{
    size_t i = (size_t)((addr >> 4) * 0x9E3779B97F4A7C15ull >> 52) % SITE_SLOTS;

    for (size_t probe = 0; probe < SITE_SLOTS; probe++, i = (i + 1) % SITE_SLOTS) {
        uintptr_t seen = atomic_load_explicit(&site_addr[i], memory_order_relaxed);
        if (seen == 0 && atomic_compare_exchange_strong(&site_addr[i], &seen, addr)) {
            seen = addr;
        }
        if (seen == addr) {
            atomic_fetch_add_explicit(&site_count[i], 1, memory_order_relaxed);
            return;
        }
    }
    atomic_fetch_add_explicit(&site_other, 1, memory_order_relaxed);
}

static void count(enum kind k, void *caller)
{
    atomic_fetch_add_explicit(&counts[k], 1, memory_order_relaxed);
    /* getenv allocates nothing; read once, racing readers all get the same answer. */
    if (site_report < 0) {
        const char *s = getenv("MALLOC_COUNT_SITES");
        site_report = s != NULL ? (int)strtol(s, NULL, 10) : 0;
    }
    if (site_report > 0 && k != K_FREE) {
        count_site((uintptr_t)caller);
    }
}

EXPORT void *malloc(size_t size)
{
    count(K_MALLOC, __builtin_return_address(0));
    return __libc_malloc(size);
}

EXPORT void *calloc(size_t n, size_t size)
{
    count(K_CALLOC, __builtin_return_address(0));
    return __libc_calloc(n, size);
}

EXPORT void *realloc(void *p, size_t size)
{
    count(K_REALLOC, __builtin_return_address(0));
    return __libc_realloc(p, size);
}

EXPORT void free(void *p)
{
    if (p != NULL) {
        atomic_fetch_add_explicit(&counts[K_FREE], 1, memory_order_relaxed);
    }
    __libc_free(p);
}

EXPORT int posix_memalign(void **out, size_t alignment, size_t size)
{
    void *p;

    count(K_MEMALIGN, __builtin_return_address(0));
    p = __libc_memalign(alignment, size);
    if (p == NULL) {
        return ENOMEM;
    }
    *out = p;
    return 0;
}

EXPORT void *aligned_alloc(size_t alignment, size_t size)
{
    count(K_MEMALIGN, __builtin_return_address(0));
    return __libc_memalign(alignment, size);
}

EXPORT void *memalign(size_t alignment, size_t size)
{
    count(K_MEMALIGN, __builtin_return_address(0));
    return __libc_memalign(alignment, size);
}

static unsigned long long get(enum kind k)
{
    return atomic_load(&counts[k]);
}

/* The busiest sites, largest first (a selection: the table is small and this runs once). */
static void write_sites(FILE *fp)
{
    static unsigned char printed[SITE_SLOTS];

    for (int n = 0; n < site_report; n++) {
        size_t best = SITE_SLOTS;
        unsigned long long best_count = 0;
        for (size_t i = 0; i < SITE_SLOTS; i++) {
            unsigned long long c = atomic_load(&site_count[i]);
            if (!printed[i] && c > best_count) {
                best = i;
                best_count = c;
            }
        }
        if (best == SITE_SLOTS) {
            break;
        }
        printed[best] = 1;
        uintptr_t addr = atomic_load(&site_addr[best]);
        Dl_info info;
        if (dladdr((void *)addr, &info) != 0 && info.dli_fname != NULL) {
            /* The return address is after the call: one byte back names the call's line. */
            fprintf(fp, "site %llu %s+0x%lx\n", best_count, info.dli_fname,
                    (unsigned long)(addr - 1 - (uintptr_t)info.dli_fbase));
        } else {
            fprintf(fp, "site %llu 0x%lx\n", best_count, (unsigned long)addr);
        }
    }
    if (site_report > 0) {
        fprintf(fp, "site %llu other\n", atomic_load(&site_other));
    }
}

__attribute__((destructor)) static void report(void)
{
    const char *path = getenv("MALLOC_COUNT_OUT");
    int fd = path != NULL ? open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
    /* Counted like the rest: done after the totals are read. */
    unsigned long long m = get(K_MALLOC), c = get(K_CALLOC), r = get(K_REALLOC),
                       a = get(K_MEMALIGN), f = get(K_FREE);
    FILE *fp = fd >= 0 ? fdopen(fd, "a") : stderr;

    if (fp == NULL) {
        return;
    }
    fprintf(
        fp,
        "malloc_count total %llu malloc %llu calloc %llu realloc %llu memalign %llu free %llu\n",
        m + c + r + a, m, c, r, a, f);
    write_sites(fp);
    fflush(fp);
    if (fp != stderr) {
        fclose(fp);
    }
}
