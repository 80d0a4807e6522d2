/* SPDX-License-Identifier: MIT */
#include "state_dir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir -p with mode 0700 for what it creates. */
static int make_dirs(char *path)
{
    for (char *p = path + 1; *p != '\0'; p++) {
        if (*p == '/') {
            *p = '\0';
            int rc = mkdir(path, 0700);
            *p = '/';
            if (rc != 0 && errno != EEXIST) {
                return -1;
            }
        }
    }
    return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

char *state_dir_resolve(const char *given)
{
    const char *env;
    char *dir = NULL;
    size_t len;

    if (given != NULL) {
        dir = strdup(given);
    } else if ((env = getenv("STATE_DIRECTORY")) != NULL && env[0] == '/') {
        /* systemd may list several, separated by ':'; the first is ours. */
        len = strcspn(env, ":");
        dir = strndup(env, len);
    } else if ((env = getenv("XDG_STATE_HOME")) != NULL && env[0] == '/') {
        len = strlen(env) + sizeof("/caa");
        dir = malloc(len);
        if (dir != NULL) {
            (void)snprintf(dir, len, "%s/caa", env);
        }
    } else if ((env = getenv("HOME")) != NULL && env[0] == '/') {
        len = strlen(env) + sizeof("/.local/state/caa");
        dir = malloc(len);
        if (dir != NULL) {
            (void)snprintf(dir, len, "%s/.local/state/caa", env);
        }
    }
    if (dir != NULL && make_dirs(dir) != 0) {
        free(dir);
        dir = NULL;
    }
    return dir;
}
