/* SPDX-License-Identifier: MIT */
/*
 * Permalinks: result documents in SQLite (WAL, so readers never wait for the writer), keyed by an
 * id that is derived from the content yet unguessable: HMAC-SHA256 under a secret made on first
 * open, cut to 160 bits and written in base32 (32 characters). Without the secret, knowing a
 * result does not give its id, and ids cannot be enumerated.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sqlite3.h>

#include "web.h"

#define SECRET_LEN 32
#define ID_LEN 32
#define JSON_MAX ((size_t)4 * 1024 * 1024)
#define PATH_MAX_LEN 4096

struct web_store {
    sqlite3 *db;
    pthread_mutex_t lock;
    unsigned char secret[SECRET_LEN];
};

static const char base32[] = "abcdefghijklmnopqrstuvwxyz234567";

static int join_path(char *out, size_t cap, const char *dir, const char *file)
{
    int n = snprintf(out, cap, "%s/%s", dir, file);

    return n > 0 && (size_t)n < cap ? 0 : -1;
}

static int read_secret(const char *path, unsigned char secret[SECRET_LEN])
{
    int rc = -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t got;

    if (fd < 0) {
        return -1;
    }
    got = read(fd, secret, SECRET_LEN);
    if (got == SECRET_LEN) {
        rc = 0;
    }
    close(fd);
    return rc;
}

/* Creates the secret atomically: written to a private temporary file, then linked into place,
 * so a second process starting at the same moment reads the same secret, never half of one. */
static int make_secret(const char *dir, const char *path, unsigned char secret[SECRET_LEN])
{
    char tmp[PATH_MAX_LEN];
    int fd;
    int rc = -1;

    if (join_path(tmp, sizeof tmp, dir, ".permalink.key.XXXXXX") != 0) {
        return -1;
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        return -1;
    }
    if (fchmod(fd, 0600) == 0 && RAND_bytes(secret, SECRET_LEN) == 1 &&
        write(fd, secret, SECRET_LEN) == SECRET_LEN && fsync(fd) == 0) {
        rc = link(tmp, path) == 0 ? 0 : (errno == EEXIST ? read_secret(path, secret) : -1);
    }
    close(fd);
    unlink(tmp);
    return rc;
}

static int load_secret(const char *dir, unsigned char secret[SECRET_LEN])
{
    char path[PATH_MAX_LEN];

    if (join_path(path, sizeof path, dir, "permalink.key") != 0) {
        return -1;
    }
    if (read_secret(path, secret) == 0) {
        return 0;
    }
    if (errno != ENOENT) {
        return -1;
    }
    return make_secret(dir, path, secret);
}

static int exec_sql(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int open_db(const char *dir, sqlite3 **db)
{
    char path[PATH_MAX_LEN];

    if (join_path(path, sizeof path, dir, "permalinks.sqlite3") != 0 ||
        sqlite3_open_v2(path, db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL) != SQLITE_OK) {
        return -1;
    }
    (void)chmod(path, 0600);
    if (sqlite3_busy_timeout(*db, 5000) != SQLITE_OK ||
        exec_sql(*db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "CREATE TABLE IF NOT EXISTS permalinks ("
                 " id TEXT PRIMARY KEY NOT NULL,"
                 " json TEXT NOT NULL,"
                 " taken_at INTEGER NOT NULL);"
                 "CREATE INDEX IF NOT EXISTS permalinks_taken_at ON permalinks(taken_at);") != 0) {
        return -1;
    }
    return 0;
}

int web_store_open(const char *state_dir, struct web_store **out)
{
    struct web_store *s;

    *out = NULL;
    if (state_dir == NULL || (mkdir(state_dir, 0700) != 0 && errno != EEXIST)) {
        return -1;
    }
    s = calloc(1, sizeof *s);
    if (s == NULL) {
        return -1;
    }
    if (pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s);
        return -1;
    }
    if (load_secret(state_dir, s->secret) != 0 || open_db(state_dir, &s->db) != 0) {
        web_store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

void web_store_close(struct web_store *s)
{
    if (s == NULL) {
        return;
    }
    sqlite3_close(s->db);
    pthread_mutex_destroy(&s->lock);
    memset(s->secret, 0, sizeof s->secret);
    free(s);
}

/* The id covers the time too: the same result taken at another time is another permalink. */
static int make_id(const struct web_store *s, const char *json, size_t len, long long taken_at,
                   char id[ID_LEN + 1])
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    unsigned char *msg = malloc(len + 8);

    if (msg == NULL) {
        return -1;
    }
    for (size_t i = 0; i < 8; i++) {
        msg[i] = (unsigned char)((unsigned long long)taken_at >> (56 - 8 * i));
    }
    memcpy(msg + 8, json, len);
    if (HMAC(EVP_sha256(), s->secret, SECRET_LEN, msg, len + 8, mac, &mac_len) == NULL ||
        mac_len < 20) {
        free(msg);
        return -1;
    }
    free(msg);
    /* 20 bytes = 160 bits = 32 base32 digits of 5 bits each. */
    for (size_t i = 0; i < ID_LEN; i++) {
        size_t bit = i * 5;
        unsigned v = ((unsigned)mac[bit / 8] << 8) | (bit / 8 + 1 < 20 ? mac[bit / 8 + 1] : 0u);

        id[i] = base32[(v >> (11 - bit % 8)) & 0x1Fu];
    }
    id[ID_LEN] = '\0';
    return 0;
}

int web_store_put(struct web_store *s, const char *json_text, long long taken_at, char id_out[33])
{
    sqlite3_stmt *st = NULL;
    size_t len = json_text != NULL ? strlen(json_text) : 0;
    char id[ID_LEN + 1];
    int rc = -1;

    if (s == NULL || json_text == NULL || len > JSON_MAX ||
        make_id(s, json_text, len, taken_at, id) != 0) {
        return -1;
    }
    pthread_mutex_lock(&s->lock);
    if (sqlite3_prepare_v2(s->db,
                           "INSERT OR IGNORE INTO permalinks (id, json, taken_at) VALUES (?, ?, ?)",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_bind_text(st, 1, id, ID_LEN, SQLITE_STATIC) == SQLITE_OK &&
        sqlite3_bind_text(st, 2, json_text, (int)len, SQLITE_STATIC) == SQLITE_OK &&
        sqlite3_bind_int64(st, 3, taken_at) == SQLITE_OK && sqlite3_step(st) == SQLITE_DONE) {
        memcpy(id_out, id, sizeof id);
        rc = 0;
    }
    sqlite3_finalize(st);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

/* Only what put could have made: anything else is "not found" without touching the database. */
static bool is_id(const char *id)
{
    size_t n = 0;

    for (; id != NULL && id[n] != '\0'; n++) {
        if (n >= ID_LEN || strchr(base32, id[n]) == NULL) {
            return false;
        }
    }
    return n == ID_LEN;
}

static char *copy_column(sqlite3_stmt *st, int col)
{
    const unsigned char *text = sqlite3_column_text(st, col);
    int n = sqlite3_column_bytes(st, col);
    char *out;

    if (text == NULL || n < 0) {
        return NULL;
    }
    out = malloc((size_t)n + 1);
    if (out != NULL) {
        memcpy(out, text, (size_t)n);
        out[n] = '\0';
    }
    return out;
}

int web_store_get(struct web_store *s, const char *id, char **json_text_out,
                  long long *taken_at_out)
{
    sqlite3_stmt *st = NULL;
    int rc = -1;
    int step;

    *json_text_out = NULL;
    if (s == NULL) {
        return -1;
    }
    if (!is_id(id)) {
        return 1;
    }
    pthread_mutex_lock(&s->lock);
    if (sqlite3_prepare_v2(s->db, "SELECT json, taken_at FROM permalinks WHERE id = ?", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_bind_text(st, 1, id, ID_LEN, SQLITE_STATIC) == SQLITE_OK) {
        step = sqlite3_step(st);
        if (step == SQLITE_DONE) {
            rc = 1;
        } else if (step == SQLITE_ROW) {
            *json_text_out = copy_column(st, 0);
            if (taken_at_out != NULL) {
                *taken_at_out = sqlite3_column_int64(st, 1);
            }
            rc = *json_text_out != NULL ? 0 : -1;
        }
    }
    sqlite3_finalize(st);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static int run_bound(sqlite3 *db, const char *sql, long long value)
{
    sqlite3_stmt *st = NULL;
    int rc = -1;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_bind_int64(st, 1, value) == SQLITE_OK && sqlite3_step(st) == SQLITE_DONE) {
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

int web_store_prune(struct web_store *s, unsigned keep_days, unsigned long keep_max)
{
    int rc = 0;

    if (s == NULL) {
        return -1;
    }
    pthread_mutex_lock(&s->lock);
    if (keep_days > 0) {
        long long cutoff = (long long)time(NULL) - (long long)keep_days * 86400;

        rc = run_bound(s->db, "DELETE FROM permalinks WHERE taken_at < ?", cutoff);
    }
    if (rc == 0 && keep_max > 0) {
        /* The newest keep_max stay; ties broken by id so the count is exact. */
        rc = run_bound(s->db,
                       "DELETE FROM permalinks WHERE id NOT IN (SELECT id FROM permalinks "
                       "ORDER BY taken_at DESC, id LIMIT ?)",
                       keep_max > (unsigned long)INT64_MAX ? INT64_MAX : (long long)keep_max);
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}
