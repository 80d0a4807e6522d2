/* SPDX-License-Identifier: MIT */
#include "access_log.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PATH_SHOWN_MAX 200

struct access_log {
    pthread_mutex_t lock;
    char *path;
    FILE *fp;
    bool json;
};

struct access_log *access_log_open(const char *path, bool json)
{
    struct access_log *log = calloc(1, sizeof(*log));

    if (log == NULL) {
        return NULL;
    }
    pthread_mutex_init(&log->lock, NULL);
    log->json = json;
    log->fp = stderr;
    if (path != NULL) {
        log->path = strdup(path);
        log->fp = log->path != NULL ? fopen(path, "a") : NULL;
        if (log->fp == NULL) {
            access_log_close(log);
            return NULL;
        }
    }
    return log;
}

int access_log_reopen(struct access_log *log)
{
    FILE *fp;

    if (log->path == NULL) {
        return 0;
    }
    fp = fopen(log->path, "a");
    if (fp == NULL) {
        return -1;
    }
    pthread_mutex_lock(&log->lock);
    (void)fclose(log->fp);
    log->fp = fp;
    pthread_mutex_unlock(&log->lock);
    return 0;
}

static void now_text(char *out, size_t len)
{
    struct timespec ts;
    struct tm tm;

    (void)clock_gettime(CLOCK_REALTIME, &ts);
    (void)gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(out, len, "%Y-%m-%dT%H:%M:%S", &tm);
    (void)snprintf(out + n, len - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

static void client_text(const struct sockaddr *sa, char *out, size_t len)
{
    const void *addr = NULL;

    if (sa != NULL && sa->sa_family == AF_INET) {
        addr = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
    } else if (sa != NULL && sa->sa_family == AF_INET6) {
        addr = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
    }
    if (addr == NULL || inet_ntop(sa->sa_family, addr, out, (socklen_t)len) == NULL) {
        (void)snprintf(out, len, "-");
    }
}

/* The path as the log shows it: printable ASCII only, bounded (the client chose it). */
static void path_text(const char *path, char *out, size_t len)
{
    size_t n = 0;

    for (; *path != '\0' && n + 4 < len && n < PATH_SHOWN_MAX; path++) {
        unsigned char c = (unsigned char)*path;
        if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
            n += (size_t)snprintf(out + n, len - n, "%%%02X", c);
        } else {
            out[n++] = (char)c;
        }
    }
    out[n] = '\0';
}

void access_log_write(struct access_log *log, const struct http_done_info *info)
{
    char when[40], client[64], path[PATH_SHOWN_MAX + 8];

    now_text(when, sizeof(when));
    if (info->client_text != NULL && info->client_text[0] != '\0') {
        path_text(info->client_text, client, sizeof(client));
    } else {
        client_text(info->client, client, sizeof(client));
    }
    path_text(info->path, path, sizeof(path));
    pthread_mutex_lock(&log->lock);
    if (log->json) {
        json_t *line = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:I, s:f}", "time", when, "client",
                                 client, "method", info->method, "path", path, "endpoint",
                                 info->endpoint, "status", info->status, "bytes",
                                 (json_int_t)info->bytes, "duration_s", info->duration_s);
        char *text = line != NULL ? json_dumps(line, JSON_COMPACT) : NULL;
        if (text != NULL) {
            fprintf(log->fp, "%s\n", text);
        }
        free(text);
        json_decref(line);
    } else {
        char method[16];
        path_text(info->method, method, sizeof(method));
        fprintf(log->fp, "%s %s %s %s %d %zu %.6f\n", when, client, method, path, info->status,
                info->bytes, info->duration_s);
    }
    (void)fflush(log->fp);
    pthread_mutex_unlock(&log->lock);
}

void access_log_note(struct access_log *log, const char *message)
{
    char when[40];

    now_text(when, sizeof(when));
    pthread_mutex_lock(&log->lock);
    if (log->json) {
        json_t *line = json_pack("{s:s, s:s}", "time", when, "message", message);
        char *text = line != NULL ? json_dumps(line, JSON_COMPACT) : NULL;
        if (text != NULL) {
            fprintf(log->fp, "%s\n", text);
        }
        free(text);
        json_decref(line);
    } else {
        fprintf(log->fp, "%s caa serve: %s\n", when, message);
    }
    (void)fflush(log->fp);
    pthread_mutex_unlock(&log->lock);
}

void access_log_close(struct access_log *log)
{
    if (log == NULL) {
        return;
    }
    if (log->fp != NULL && log->fp != stderr) {
        (void)fclose(log->fp);
    }
    pthread_mutex_destroy(&log->lock);
    free(log->path);
    free(log);
}
