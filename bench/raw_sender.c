/* SPDX-License-Identifier: MIT */
/*
 * raw_sender: the massdns-style ceiling of bench/bulk/run.sh. One CAA query per input name
 * (the first query of a climb, nothing more: no climb, no cache, no validation, no verdict)
 * straight to one authoritative server over one UDP socket, `window` in flight, one retry
 * after `timeout_ms`. Prints "sent answered lost seconds qps" on one line.
 *
 *   raw_sender ADDR FILE [WINDOW [TIMEOUT_MS]]     (ADDR: IPv4, port 53)
 *
 * A benchmark tool, run by hand or by run.sh inside the bench lab's namespace; never a test.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 65536u
#define NAME_MAX_LEN 256

struct slot {
    char *name;
    uint64_t sent_us;
    unsigned tries;
    int busy;
};

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* The query for name with ID id into buf; its length, 0 if the name does not fit. */
static size_t build(uint8_t *buf, uint16_t id, const char *name)
{
    size_t n = 12;
    const char *p = name;

    memset(buf, 0, 12);
    buf[0] = (uint8_t)(id >> 8);
    buf[1] = (uint8_t)id;
    buf[5] = 1;
    while (*p != '\0') {
        const char *dot = strchr(p, '.');
        size_t len = dot != NULL ? (size_t)(dot - p) : strlen(p);
        if (len == 0 || len > 63 || n + len + 1 > 12 + 255) {
            return 0;
        }
        buf[n++] = (uint8_t)len;
        memcpy(buf + n, p, len);
        n += len;
        p += len + (dot != NULL);
    }
    buf[n++] = 0;
    buf[n++] = 1; /* CAA = 257 */
    buf[n++] = 1;
    buf[n++] = 0; /* IN */
    buf[n++] = 1;
    return n;
}

static int send_one(int fd, const struct sockaddr_in *to, struct slot *s, uint16_t id)
{
    uint8_t buf[512];
    size_t len = build(buf, id, s->name);

    if (len == 0) {
        return -1;
    }
    s->sent_us = now_us();
    s->tries++;
    return sendto(fd, buf, len, 0, (const struct sockaddr *)to, sizeof(*to)) < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
    struct sockaddr_in to;
    FILE *in;
    static struct slot slots[SLOTS];
    unsigned window = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 100;
    uint64_t timeout_us = (argc > 4 ? strtoull(argv[4], NULL, 10) : 500) * 1000u;
    uint64_t sent = 0, answered = 0, lost = 0, start;
    unsigned in_flight = 0, next_id = 0, scan = 0;
    int fd, eof = 0;
    char line[NAME_MAX_LEN + 2];

    if (argc < 3 || window == 0 || window > SLOTS / 2) {
        fprintf(stderr, "usage: raw_sender ADDR FILE [WINDOW [TIMEOUT_MS]]\n");
        return 64;
    }
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_port = htons(53);
    if (inet_pton(AF_INET, argv[1], &to.sin_addr) != 1 || (in = fopen(argv[2], "r")) == NULL) {
        fprintf(stderr, "raw_sender: bad address or unreadable file\n");
        return 66;
    }
    fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0 || fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
        return 71;
    }
    {
        int size = 4 << 20;
        (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
    }
    start = now_us();
    while (!eof || in_flight > 0) {
        struct pollfd pfd = {fd, POLLIN, 0};
        uint8_t buf[4096];
        ssize_t got;
        /* Fill the window with new names. */
        while (!eof && in_flight < window) {
            struct slot *s;
            size_t len;
            if (fgets(line, sizeof(line), in) == NULL) {
                eof = 1;
                break;
            }
            len = strcspn(line, "\r\n");
            line[len] = '\0';
            while (len > 0 && line[len - 1] == '.') {
                line[--len] = '\0';
            }
            for (; slots[next_id % SLOTS].busy; next_id++) {
            }
            s = &slots[next_id % SLOTS];
            s->name = strdup(line);
            s->tries = 0;
            if (s->name == NULL || send_one(fd, &to, s, (uint16_t)(next_id % SLOTS)) != 0) {
                free(s->name);
                lost++;
                continue;
            }
            s->busy = 1;
            sent++;
            in_flight++;
            next_id++;
        }
        (void)poll(&pfd, 1, 10);
        while ((got = recv(fd, buf, sizeof(buf), 0)) >= 12) {
            struct slot *s = &slots[(unsigned)buf[0] << 8 | buf[1]];
            if (!s->busy || (buf[2] & 0x80) == 0) {
                continue;
            }
            s->busy = 0;
            free(s->name);
            answered++;
            in_flight--;
        }
        /* Retry once, then count as lost: a slice of the table per turn. */
        for (unsigned i = 0; i < SLOTS / 16; i++, scan++) {
            struct slot *s = &slots[scan % SLOTS];
            if (!s->busy || now_us() - s->sent_us < timeout_us) {
                continue;
            }
            if (s->tries < 2 && send_one(fd, &to, s, (uint16_t)(scan % SLOTS)) == 0) {
                continue;
            }
            s->busy = 0;
            free(s->name);
            lost++;
            in_flight--;
        }
    }
    {
        double secs = (double)(now_us() - start) / 1e6;
        printf("%llu %llu %llu %.3f %.0f\n", (unsigned long long)sent, (unsigned long long)answered,
               (unsigned long long)lost, secs, secs > 0 ? (double)answered / secs : 0.0);
    }
    fclose(in);
    close(fd);
    return 0;
}
