/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_ACCESS_LOG_H
#define CAA_SERVICE_ACCESS_LOG_H

/* One line per request: time, client, method, path, status, bytes, duration. Text or JSON.
 * Reopened on SIGHUP (log rotation). Thread-safe. */

#include <stdbool.h>

#include "http.h"

struct access_log;

/* path NULL: stderr. NULL when the file cannot be opened (errno says why). */
struct access_log *access_log_open(const char *path, bool json);
/* 0, or -1 (the old file is kept). */
int access_log_reopen(struct access_log *log);
void access_log_write(struct access_log *log, const struct http_done_info *info);
/* A line of the service's own (start, stop), in the same format. */
void access_log_note(struct access_log *log, const char *message);
void access_log_close(struct access_log *log);

#endif
