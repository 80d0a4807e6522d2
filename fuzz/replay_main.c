/* SPDX-License-Identifier: MIT */
/* Replays every file of a corpus directory through the target, as an ordinary test: a crash or
 * a sanitizer report fails it. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    uint8_t *data = NULL;
    long size;
    int rc = -1;

    if (fp == NULL) {
        goto out;
    }
    if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
        goto out;
    }
    data = malloc((size_t)size + 1);
    if (data == NULL || fread(data, 1, (size_t)size, fp) != (size_t)size) {
        goto out;
    }
    (void)LLVMFuzzerTestOneInput(data, (size_t)size);
    rc = 0;
out:
    free(data);
    if (fp != NULL) {
        fclose(fp);
    }
    return rc;
}

int main(int argc, char **argv)
{
    DIR *dir;
    struct dirent *ent;
    size_t count = 0;

    if (argc != 2 || (dir = opendir(argv[1])) == NULL) {
        fprintf(stderr, "usage: replay CORPUS_DIR\n");
        return 2;
    }
    while ((ent = readdir(dir)) != NULL) {
        char path[4096];
        if (ent->d_name[0] == '.') {
            continue;
        }
        (void)snprintf(path, sizeof(path), "%s/%s", argv[1], ent->d_name);
        if (replay_file(path) != 0) {
            fprintf(stderr, "replay: cannot read %s\n", path);
            closedir(dir);
            return 1;
        }
        count++;
    }
    closedir(dir);
    if (count == 0) {
        fprintf(stderr, "replay: %s holds no inputs\n", argv[1]);
        return 1;
    }
    printf("replayed %zu inputs\n", count);
    return 0;
}
