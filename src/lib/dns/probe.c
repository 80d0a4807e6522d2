/* SPDX-License-Identifier: MIT */
/*
 * Direct queries to authoritative servers (probe.h): every query gets its own non-blocking
 * socket, and all of them wait in one poll() loop, each against its own deadline. Not
 * ldns_resolver: it retries and falls back on its own, and it cannot tell a closed port from a
 * silent server. A connect()ed UDP socket can: the kernel turns the ICMP port unreachable into
 * ECONNREFUSED on the next recv (dns-lab.md §11).
 */
#include "lib/dns/probe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/dns/probe_wire.h"

#define UDP_REPLY_MAX 65535
/* What one query may read, replies and strays together: a real answer is at most 65,535 bytes
 * (plus the TCP length). A server streaming frames with other IDs (issue 11: 1.3 GB in 90 s)
 * is cut off here, and at the deadline, whichever comes first. */
#define READ_BYTES_MAX (4u * (UDP_REPLY_MAX + TCP_PREFIX_LEN))
#define RCVBUF_BYTES (256 * 1024)
#define TCP_PREFIX_LEN 2
#define PORT_DEFAULT 53

enum flight_state {
    FLIGHT_DONE = 0,
    FLIGHT_CONNECTING,
    FLIGHT_SENDING,
    FLIGHT_READING,
};

/* One query on its way: its socket, what is left to send and what has come back. */
struct flight {
    const struct caa__probe_query *query;
    struct caa__probe_result *result;
    enum flight_state state;
    int fd;
    struct sockaddr_storage server;
    socklen_t server_len;
    uint16_t id;
    uint8_t *out; /* the query; over TCP after its 2-byte length */
    size_t out_len;
    size_t out_done;
    size_t prefix_len; /* 0 (UDP) or 2 (TCP) */
    uint8_t frame_len[TCP_PREFIX_LEN];
    size_t frame_len_done;
    uint8_t *in; /* TCP: the reply being read */
    size_t in_len;
    size_t in_done;
    uint64_t start_us;
    uint64_t deadline_us;
    size_t read_bytes; /* everything read for this query, strays included (READ_BYTES_MAX) */
};

static uint64_t now_us(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static bool is_tcp(const struct flight *f)
{
    return f->query->transport == CAA__PROBE_TCP;
}

static void set_error(struct flight *f, const char *what, int err)
{
    char text[96] = "";

    if (err == 0) {
        (void)snprintf(f->result->error, sizeof(f->result->error), "%s", what);
        return;
    }
    if (strerror_r(err, text, sizeof(text)) != 0) {
        (void)snprintf(text, sizeof(text), "errno %d", err);
    }
    (void)snprintf(f->result->error, sizeof(f->result->error), "%s: %s", what, text);
}

static void finish(struct flight *f, enum caa__probe_outcome outcome, uint64_t now)
{
    if (f->fd >= 0) {
        (void)close(f->fd);
        f->fd = -1;
    }
    free(f->out);
    free(f->in);
    f->out = NULL;
    f->in = NULL;
    f->result->outcome = outcome;
    f->result->elapsed_ms = now > f->start_us ? (unsigned)((now - f->start_us) / 1000u) : 0;
    f->state = FLIGHT_DONE;
}

/* A socket error: refused or no route means nobody listens there; a reset or a broken pipe
 * on TCP means the server hung up; anything else is ours. */
static void finish_errno(struct flight *f, const char *what, int err, uint64_t now)
{
    enum caa__probe_outcome outcome = CAA__PROBE_ERROR;

    if (err == ECONNREFUSED || err == EHOSTUNREACH || err == ENETUNREACH) {
        outcome = CAA__PROBE_UNREACHABLE;
    } else if (is_tcp(f) && (err == ECONNRESET || err == EPIPE)) {
        outcome = CAA__PROBE_CLOSED;
    }
    set_error(f, what, err);
    finish(f, outcome, now);
}

static bool parse_address(struct flight *f)
{
    const struct caa__probe_query *q = f->query;
    uint16_t port = htons(q->port != 0 ? q->port : PORT_DEFAULT);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&f->server;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&f->server;

    memset(&f->server, 0, sizeof(f->server));
    if (memchr(q->address, '\0', sizeof(q->address)) == NULL) {
        return false;
    }
    if (inet_pton(AF_INET, q->address, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = port;
        f->server_len = sizeof(*v4);
        return true;
    }
    if (inet_pton(AF_INET6, q->address, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = port;
        f->server_len = sizeof(*v6);
        return true;
    }
    return false;
}

/* The query's bytes, behind the 2-byte length over TCP (RFC 1035 §4.2.2). */
static enum caa_status build_query(struct flight *f)
{
    uint8_t *wire = NULL;
    size_t len = 0;
    enum caa_status st = caa__probe_wire_query(f->query, f->id, &wire, &len, f->result->error,
                                               sizeof(f->result->error));

    if (st != CAA_OK) {
        return st;
    }
    f->prefix_len = is_tcp(f) ? TCP_PREFIX_LEN : 0;
    f->out = malloc(len + f->prefix_len);
    if (f->out == NULL) {
        free(wire);
        return CAA_E_NOMEM;
    }
    if (f->prefix_len > 0) {
        f->out[0] = (uint8_t)(len >> 8);
        f->out[1] = (uint8_t)(len & 0xff);
    }
    memcpy(f->out + f->prefix_len, wire, len);
    f->out_len = len + f->prefix_len;
    free(wire);
    return CAA_OK;
}

static int open_socket(struct flight *f)
{
    int type = is_tcp(f) ? SOCK_STREAM : SOCK_DGRAM;
    int fd = socket(f->server.ss_family, type, 0);
    int flags;
    int rcvbuf = RCVBUF_BYTES;

    if (fd < 0) {
        return -1;
    }
    flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0 ||
        fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
        int err = errno;
        (void)close(fd);
        errno = err;
        return -1;
    }
    if (!is_tcp(f)) {
        /* Best effort: a larger buffer keeps a burst of big signed answers from being dropped
         * while the loop is busy with other sockets. */
        (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
    }
    return fd;
}

static enum caa_status send_some(struct flight *f, uint64_t now)
{
    while (f->out_done < f->out_len) {
        ssize_t n = send(f->fd, f->out + f->out_done, f->out_len - f->out_done, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                f->state = FLIGHT_SENDING;
                return CAA_OK;
            }
            finish_errno(f, "send", errno, now);
            return CAA_OK;
        }
        f->out_done += (size_t)n;
    }
    f->state = FLIGHT_READING;
    return CAA_OK;
}

/* Socket, connect, and the first send: UDP is on its way at once; TCP usually waits for its
 * handshake. Failures here are the query's (ERROR, UNREACHABLE), not the run's. */
static enum caa_status start_flight(struct flight *f)
{
    enum caa_status st;

    f->fd = -1;
    f->start_us = now_us();
    f->deadline_us = f->start_us + (uint64_t)f->query->timeout_ms * 1000u;
    if (!parse_address(f)) {
        set_error(f, "not a numeric IPv4 or IPv6 address", 0);
        finish(f, CAA__PROBE_ERROR, f->start_us);
        return CAA_OK;
    }
    st = build_query(f);
    if (st != CAA_OK) {
        finish(f, CAA__PROBE_ERROR, f->start_us);
        return st == CAA_E_NOMEM ? st : CAA_OK;
    }
    f->fd = open_socket(f);
    if (f->fd < 0) {
        finish_errno(f, "socket", errno, now_us());
        return CAA_OK;
    }
    if (connect(f->fd, (const struct sockaddr *)&f->server, f->server_len) != 0) {
        if (errno == EINPROGRESS && is_tcp(f)) {
            f->state = FLIGHT_CONNECTING;
            return CAA_OK;
        }
        finish_errno(f, "connect", errno, now_us());
        return CAA_OK;
    }
    return send_some(f, now_us());
}

static enum caa_status deliver(struct flight *f, const uint8_t *reply, size_t len, uint64_t now)
{
    struct caa__probe_result *r = f->result;
    enum caa_status st;

    r->wire = malloc(len > 0 ? len : 1);
    if (r->wire == NULL) {
        return CAA_E_NOMEM;
    }
    if (len > 0) {
        memcpy(r->wire, reply, len);
    }
    r->wire_len = len;
    if (len < CAA__PROBE_HEADER_LEN) {
        (void)snprintf(r->error, sizeof(r->error), "reply of %zu bytes, shorter than a header",
                       len);
        finish(f, CAA__PROBE_MALFORMED, now);
        return CAA_OK;
    }
    st = caa__probe_wire_parse(f->out + f->prefix_len, f->out_len - f->prefix_len, reply, len, r);
    if (st == CAA_E_NOMEM) {
        return st;
    }
    finish(f, st == CAA_OK ? CAA__PROBE_ANSWER : CAA__PROBE_MALFORMED, now);
    return CAA_OK;
}

static bool id_matches(const struct flight *f, const uint8_t *reply, size_t len)
{
    return len < 2 || ((uint16_t)((reply[0] << 8) | reply[1])) == f->id;
}

static bool from_server(const struct flight *f, const struct sockaddr_storage *from)
{
    if (from->ss_family != f->server.ss_family) {
        return false;
    }
    if (from->ss_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)from;
        const struct sockaddr_in *b = (const struct sockaddr_in *)&f->server;
        return a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
    }
    const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)from;
    const struct sockaddr_in6 *b = (const struct sockaddr_in6 *)&f->server;
    return a->sin6_port == b->sin6_port &&
           memcmp(&a->sin6_addr, &b->sin6_addr, sizeof(a->sin6_addr)) == 0;
}

/* A read loop may not outlive the deadline or READ_BYTES_MAX: a server that never stops sending
 * would otherwise keep it from returning to poll(). False (and the flight ended) when over. */
static bool within_bounds(struct flight *f)
{
    uint64_t now = now_us();

    if (f->read_bytes > READ_BYTES_MAX) {
        (void)snprintf(f->result->error, sizeof(f->result->error),
                       "%zu bytes read without a reply to the query (%u with another ID or "
                       "source); cut off",
                       f->read_bytes, f->result->stray_count);
        finish(f, CAA__PROBE_FLOOD, now);
        return false;
    }
    if (now >= f->deadline_us) {
        (void)snprintf(f->result->error, sizeof(f->result->error),
                       "no reply within the timeout (%u with another ID or source ignored)",
                       f->result->stray_count);
        finish(f, CAA__PROBE_TIMEOUT, now);
        return false;
    }
    return true;
}

/* Reads datagrams until one answers our query: others (another ID, another source) are
 * strays and are dropped (RFC 5452 §9.1). */
static enum caa_status read_udp(struct flight *f, uint8_t *buf, uint64_t now)
{
    while (within_bounds(f)) {
        struct sockaddr_storage from;
        socklen_t from_len = sizeof(from);
        ssize_t n = recvfrom(f->fd, buf, UDP_REPLY_MAX, 0, (struct sockaddr *)&from, &from_len);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                finish_errno(f, "recv", errno, now);
            }
            return CAA_OK;
        }
        f->read_bytes += (size_t)n;
        if (!from_server(f, &from) || !id_matches(f, buf, (size_t)n)) {
            f->result->stray_count++;
            continue;
        }
        return deliver(f, buf, (size_t)n, now);
    }
    return CAA_OK;
}

/* Reads into dst[*done..want): true when complete; false when it would block or the flight
 * ended (EOF, reset, error). */
static bool read_tcp_bytes(struct flight *f, uint8_t *dst, size_t want, size_t *done, uint64_t now)
{
    while (*done < want) {
        if (!within_bounds(f)) {
            return false;
        }
        ssize_t n = recv(f->fd, dst + *done, want - *done, 0);
        if (n == 0) {
            set_error(f, "connection closed before a complete reply", 0);
            finish(f, CAA__PROBE_CLOSED, now);
            return false;
        }
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                finish_errno(f, "recv", errno, now);
            }
            return false;
        }
        *done += (size_t)n;
        f->read_bytes += (size_t)n;
    }
    return true;
}

/* RFC 7766 §8: each message behind its 2-byte length, arriving in any number of pieces. */
static enum caa_status read_tcp(struct flight *f, uint64_t now)
{
    for (;;) {
        if (!read_tcp_bytes(f, f->frame_len, TCP_PREFIX_LEN, &f->frame_len_done, now)) {
            return CAA_OK;
        }
        if (f->in == NULL) {
            f->in_len = (size_t)f->frame_len[0] << 8 | f->frame_len[1];
            f->in_done = 0;
            f->in = malloc(f->in_len > 0 ? f->in_len : 1);
            if (f->in == NULL) {
                return CAA_E_NOMEM;
            }
        }
        if (!read_tcp_bytes(f, f->in, f->in_len, &f->in_done, now)) {
            return CAA_OK;
        }
        if (id_matches(f, f->in, f->in_len)) {
            return deliver(f, f->in, f->in_len, now);
        }
        f->result->stray_count++;
        free(f->in);
        f->in = NULL;
        f->frame_len_done = 0;
    }
}

static enum caa_status step(struct flight *f, uint8_t *udp_buf, uint64_t now)
{
    if (f->state == FLIGHT_CONNECTING) {
        int err = 0;
        socklen_t len = sizeof(err);

        if (getsockopt(f->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
            err = errno;
        }
        if (err != 0) {
            finish_errno(f, "connect", err, now);
            return CAA_OK;
        }
        f->state = FLIGHT_SENDING;
    }
    if (f->state == FLIGHT_SENDING) {
        return send_some(f, now);
    }
    if (f->state == FLIGHT_READING) {
        return is_tcp(f) ? read_tcp(f, now) : read_udp(f, udp_buf, now);
    }
    return CAA_OK;
}

/* Ends the flights past their deadline; sets up pfds for the rest. Returns how many are left
 * and the earliest deadline among them. */
static size_t prepare_poll(struct flight *flights, struct pollfd *pfds, size_t n, uint64_t now,
                           uint64_t *next_deadline)
{
    size_t active = 0;

    *next_deadline = UINT64_MAX;
    for (size_t i = 0; i < n; i++) {
        struct flight *f = &flights[i];

        pfds[i].fd = -1;
        pfds[i].revents = 0;
        if (f->state == FLIGHT_DONE) {
            continue;
        }
        if (now >= f->deadline_us) {
            set_error(f,
                      f->state == FLIGHT_CONNECTING ? "no TCP connection within the timeout"
                                                    : "no reply within the timeout",
                      0);
            finish(f, CAA__PROBE_TIMEOUT, now);
            continue;
        }
        pfds[i].fd = f->fd;
        pfds[i].events = f->state == FLIGHT_READING ? POLLIN : POLLOUT;
        if (f->deadline_us < *next_deadline) {
            *next_deadline = f->deadline_us;
        }
        active++;
    }
    return active;
}

static void random_ids(struct flight *flights, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint16_t id = 0;
        /* getrandom() never returns short for 2 bytes; if it fails, a clock-derived ID still
         * matches replies to their query (each query has a socket of its own anyway). */
        if (getrandom(&id, sizeof(id), 0) != (ssize_t)sizeof(id)) {
            id = (uint16_t)(now_us() * 2654435761u >> 7) ^ (uint16_t)i;
        }
        flights[i].id = id;
    }
}

static void result_reset(struct caa__probe_result *r)
{
    memset(r, 0, sizeof(*r));
    r->outcome = CAA__PROBE_ERROR;
    r->rcode = -1;
    r->opcode = -1;
}

/* poll() itself failed (too many descriptors for RLIMIT_NOFILE, no memory): every query still
 * open ends with that error. */
static void fail_all(struct flight *flights, size_t n, int err)
{
    uint64_t now = now_us();

    for (size_t i = 0; i < n; i++) {
        if (flights[i].state != FLIGHT_DONE) {
            set_error(&flights[i], "poll", err);
            finish(&flights[i], CAA__PROBE_ERROR, now);
        }
    }
}

/* caa__probe_run_first: once one query has its answer, the others end unanswered. */
static bool first_answer_in(struct flight *flights, size_t n)
{
    bool found = false;
    uint64_t now = now_us();

    for (size_t i = 0; i < n && !found; i++) {
        found = flights[i].state == FLIGHT_DONE && flights[i].result->outcome == CAA__PROBE_ANSWER;
    }
    for (size_t i = 0; found && i < n; i++) {
        if (flights[i].state != FLIGHT_DONE) {
            set_error(&flights[i], "not waited for: another query was answered first", 0);
            finish(&flights[i], CAA__PROBE_TIMEOUT, now);
        }
    }
    return found;
}

static enum caa_status run_loop(struct flight *flights, struct pollfd *pfds, size_t n,
                                uint8_t *udp_buf, bool first_only)
{
    for (;;) {
        uint64_t now = now_us();
        uint64_t next = 0;
        uint64_t wait_ms;
        int rc;

        if (prepare_poll(flights, pfds, n, now, &next) == 0) {
            return CAA_OK;
        }
        /* Rounded up: the deadline check above then always finds the deadline passed. */
        wait_ms = (next - now + 999u) / 1000u;
        rc = poll(pfds, (nfds_t)n, wait_ms > INT_MAX ? INT_MAX : (int)wait_ms);
        if (rc < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail_all(flights, n, errno);
            return CAA_OK;
        }
        now = now_us();
        for (size_t i = 0; i < n && rc > 0; i++) {
            if (pfds[i].fd < 0 || pfds[i].revents == 0 || flights[i].state == FLIGHT_DONE) {
                continue;
            }
            enum caa_status st = step(&flights[i], udp_buf, now);
            if (st != CAA_OK) {
                return st;
            }
        }
        if (first_only && first_answer_in(flights, n)) {
            return CAA_OK;
        }
    }
}

static enum caa_status probe_run(const struct caa__probe_query *queries, size_t n,
                                 struct caa__probe_result *results, bool first_only)
{
    enum caa_status st = CAA_E_NOMEM;
    struct flight *flights = NULL;
    struct pollfd *pfds = NULL;
    uint8_t *udp_buf = NULL;

    if (n == 0) {
        return CAA_OK;
    }
    if (queries == NULL || results == NULL) {
        return CAA_E_INVALID_ARG;
    }
    for (size_t i = 0; i < n; i++) {
        result_reset(&results[i]);
    }
    flights = calloc(n, sizeof(*flights));
    pfds = calloc(n, sizeof(*pfds));
    udp_buf = malloc(UDP_REPLY_MAX);
    for (size_t i = 0; flights != NULL && i < n; i++) {
        flights[i].query = &queries[i];
        flights[i].result = &results[i];
        flights[i].fd = -1;
    }
    if (flights == NULL || pfds == NULL || udp_buf == NULL) {
        goto out;
    }
    random_ids(flights, n);
    for (size_t i = 0; i < n; i++) {
        st = start_flight(&flights[i]);
        if (st != CAA_OK) {
            goto out;
        }
    }
    st = first_only && first_answer_in(flights, n)
             ? CAA_OK
             : run_loop(flights, pfds, n, udp_buf, first_only);
out:
    for (size_t i = 0; flights != NULL && i < n; i++) {
        if (flights[i].state != FLIGHT_DONE || flights[i].fd >= 0) {
            finish(&flights[i], CAA__PROBE_ERROR, now_us());
        }
        free(flights[i].out);
        free(flights[i].in);
    }
    if (st != CAA_OK) {
        for (size_t i = 0; i < n; i++) {
            caa__probe_result_cleanup(&results[i]);
        }
    }
    free(udp_buf);
    free(pfds);
    free(flights);
    return st;
}

enum caa_status caa__probe_run(const struct caa__probe_query *queries, size_t n,
                               struct caa__probe_result *results)
{
    return probe_run(queries, n, results, false);
}

enum caa_status caa__probe_run_first(const struct caa__probe_query *queries, size_t n,
                                     struct caa__probe_result *results)
{
    return probe_run(queries, n, results, true);
}

void caa__probe_result_cleanup(struct caa__probe_result *result)
{
    if (result == NULL) {
        return;
    }
    caa__probe_rrs_free(result->answer, result->answer_count);
    caa__probe_rrs_free(result->authority, result->authority_count);
    caa__probe_rrs_free(result->additional, result->additional_count);
    caa__probe_msg_free(result->msg);
    free(result->wire);
    memset(result, 0, sizeof(*result));
}

void caa__probe_query_init(struct caa__probe_query *q, const char *address, const char *qname,
                           uint16_t qtype, unsigned timeout_ms)
{
    memset(q, 0, sizeof(*q));
    (void)snprintf(q->address, sizeof(q->address), "%s", address != NULL ? address : "");
    (void)snprintf(q->qname, sizeof(q->qname), "%s", qname != NULL ? qname : "");
    q->port = PORT_DEFAULT;
    q->qtype = qtype;
    q->transport = CAA__PROBE_UDP;
    q->edns = true;
    q->do_bit = true;
    q->edns_size = 0;
    q->rd = false;
    q->timeout_ms = timeout_ms;
}
