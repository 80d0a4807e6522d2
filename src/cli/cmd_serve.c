/* SPDX-License-Identifier: MIT */
/*
 * caa serve: the service is its own executable, caa-serve (src/cli/serve_main.c over
 * src/service), and this command only runs it. Linking the service into caa made every
 * `caa check` load libmicrohttpd, GnuTLS and SQLite and run their constructors: about 7 ms of
 * a 33 ms cold check (bench/check_vs_unbound_host.sh). git runs its helpers the same way.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "text_out.h"

#define SERVE_EXE "caa-serve"

/* Beside this caa first (the build tree, or both installed in one directory), then where
 * `meson install` puts it. Returns 0 with path filled when one is executable. */
static int find_serve(char *path, size_t size)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    char *slash;

    if (n > 0) {
        self[n] = '\0';
        slash = strrchr(self, '/');
        if (slash != NULL) {
            *slash = '\0';
            if ((size_t)snprintf(path, size, "%s/%s", self, SERVE_EXE) < size &&
                access(path, X_OK) == 0) {
                return 0;
            }
        }
    }
    if ((size_t)snprintf(path, size, "%s/%s", CAA_LIBEXECDIR, SERVE_EXE) < size &&
        access(path, X_OK) == 0) {
        return 0;
    }
    return -1;
}

int cmd_serve(int argc, char **argv)
{
    char path[PATH_MAX];

    (void)argc;
    if (find_serve(path, sizeof(path)) != 0) {
        text_printf(stderr,
                    "caa serve: %s is not installed (looked beside caa and in %s): build caa "
                    "with libmicrohttpd (Debian libmicrohttpd-dev) and meson install\n",
                    SERVE_EXE, CAA_LIBEXECDIR);
        return CLI_EXIT_UNAVAILABLE;
    }
    /* argv[0] is "serve", as the service's option parser expects; argv ends with NULL. */
    (void)execv(path, argv);
    text_printf(stderr, "caa serve: cannot run %s: %s\n", path, strerror(errno));
    return CLI_EXIT_UNAVAILABLE;
}
