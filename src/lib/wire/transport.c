/* SPDX-License-Identifier: MIT */
/* The wire engine's UDP/TCP transport (transport.h says what it guarantees). */
/* sendmmsg and recvmmsg (Linux, the BSDs) are outside POSIX: one system call per batch of
 * datagrams instead of one per datagram, which is most of the kernel's cost per query. */
#define _GNU_SOURCE
#include "lib/wire/transport.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <sys/random.h>
#include <sys/socket.h>

#include <event2/event.h>

#define SERVERS_MAX 4u
/* Every server once, then each again with its timeout doubled: the budget ends it first. */
#define TRIES_MAX (2u * SERVERS_MAX)
/* Servers whose smoothed RTTs are within twice the best plus this count as equally fast and
 * are tried in random order (unbound does the same within a 400 ms band, for the Internet). */
#define RTT_BAND_MS 10.0
#define UDP_SIZE 1232u
#define RECV_MAX 65535u
#define RECV_BATCH 64   /* datagrams read per readable event */
#define RECV_VECTOR 16u /* of those, per recvmmsg */
#define SEND_BATCH 64u  /* datagrams queued per socket before a sendmmsg */
#define CWND_START 32.0
#define CWND_MAX 64.0
#define RTO_START_MS 400u
#define RTO_MIN_MS 100u
#define RTO_MAX_MS 2000u
#define TCP_REPLY_MAX 65535u
#define SOCKET_BUFFER (1 << 20)
#define SERVER_BUCKETS 1024u
#define RANDOM_POOL 4096u

/* An address in the form a socket of the transport's family takes. */
union sock_addr {
    struct sockaddr sa;
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
};

struct server {
    struct sockaddr_in6 addr;
    struct server *hnext;
    double cwnd;
    unsigned in_flight;
    bool has_rtt;
    double srtt_ms, rttvar_ms;
    struct slot *wait_head, *wait_tail; /* questions waiting for room in the window */
};

struct slot {
    struct wire_transport *t;
    struct slot *next; /* free list, or a server's wait list */
    bool busy, waiting, tcp;
    unsigned sock; /* index into t->socks */
    struct wire_question q;
    uint8_t packet[WIRE_QUERY_MAX];
    size_t packet_len;
    struct sockaddr_in6 servers[SERVERS_MAX];
    int queued; /* index in its socket's send queue while a datagram waits there, else -1 */
    size_t server_count;
    uint8_t order[SERVERS_MAX]; /* the order of tries: fastest first (rank_servers) */
    struct sockaddr_in6 sent_to[SERVERS_MAX];
    uint64_t sent_at_us[SERVERS_MAX]; /* the first send to sent_to[i] */
    uint8_t sends[SERVERS_MAX];       /* datagrams sent to sent_to[i] */
    size_t sent_count;
    unsigned tries;
    struct server *srv; /* whose window the question sits in, while it does */
    uint64_t deadline_us;
    struct event *timer;
    /* TCP after truncation */
    int tcp_fd;
    struct event *tcp_event;
    uint8_t *tcp_buf;
    size_t tcp_have;
    size_t tcp_wrote;
    wire_done_fn *fn;
    void *user;
};

/* Datagrams to send on one socket at the next flush (one sendmmsg). */
struct send_queue {
    unsigned count;
    struct slot *slot[SEND_BATCH]; /* NULL: the question ended before the flush */
    union sock_addr to[SEND_BATCH];
    socklen_t to_len[SEND_BATCH];
};

struct wire_transport {
    struct event_base *base;
    int family;                /* AF_INET6 (dual stack), or AF_INET where the kernel has no IPv6 */
    struct send_queue *queues; /* per socket */
    struct event *flush_event; /* made active when a queue fills from empty */
    bool flush_pending;
    unsigned send_sock; /* the socket new questions use until the next flush */
    int *socks;
    struct event **sock_events;
    unsigned sock_count;
    struct slot *slots;
    unsigned slot_count;
    struct slot *free_slots;
    struct slot **by_id; /* (socket, ID) -> slot; one slot per cell, chosen free at send time */
    size_t by_id_mask;
    struct server *servers[SERVER_BUCKETS];
    uint8_t random[RANDOM_POOL];
    size_t random_used;
    uint8_t recv_buf[RECV_VECTOR][RECV_MAX];
    struct wire_transport_stats stats;
};

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* n bytes from the kernel's CSPRNG, drawn from a pool refilled a block at a time. */
static void random_bytes(struct wire_transport *t, uint8_t *out, size_t n)
{
    if (t->random_used + n > RANDOM_POOL) {
        ssize_t got = getrandom(t->random, RANDOM_POOL, 0);
        if (got != (ssize_t)RANDOM_POOL) {
            /* getrandom on a sized pool does not fail once the kernel's pool is up; keep
             * going with what the pool held rather than send predictable IDs. */
            for (size_t i = 0; i < RANDOM_POOL; i++) {
                t->random[i] = (uint8_t)(t->random[i] * 167u + 13u + (uint8_t)now_us());
            }
        }
        t->random_used = 0;
    }
    memcpy(out, t->random + t->random_used, n);
    t->random_used += n;
}

static size_t id_cell(const struct wire_transport *t, unsigned sock, uint16_t id)
{
    uint64_t h = ((uint64_t)sock << 16 | id) * 0x9E3779B97F4A7C15u;
    return (size_t)(h >> 32) & t->by_id_mask;
}

/* addr as a socket of t's family takes it; its length, or 0 when such a socket cannot reach
 * it (an IPv6 server without IPv6 in the kernel). */
static socklen_t native_addr(const struct wire_transport *t, const struct sockaddr_in6 *addr,
                             union sock_addr *out)
{
    memset(out, 0, sizeof(*out));
    if (t->family == AF_INET6) {
        out->v6 = *addr;
        return sizeof(out->v6);
    }
    if (!IN6_IS_ADDR_V4MAPPED(&addr->sin6_addr)) {
        return 0;
    }
    out->v4.sin_family = AF_INET;
    out->v4.sin_port = addr->sin6_port;
    memcpy(&out->v4.sin_addr.s_addr, &addr->sin6_addr.s6_addr[12], 4);
    return sizeof(out->v4);
}

/* A datagram's source in the form servers are named in; false for another family. */
static bool common_addr(const union sock_addr *in, socklen_t len, struct sockaddr_in6 *out)
{
    if (len == sizeof(in->v6) && in->sa.sa_family == AF_INET6) {
        *out = in->v6;
        out->sin6_flowinfo = 0;
        out->sin6_scope_id = 0;
        return true;
    }
    if (len == sizeof(in->v4) && in->sa.sa_family == AF_INET) {
        wire_addr_v4(out, (const uint8_t *)&in->v4.sin_addr.s_addr, ntohs(in->v4.sin_port));
        return true;
    }
    return false;
}

static struct server *server_get(struct wire_transport *t, const struct sockaddr_in6 *addr)
{
    uint64_t h = addr->sin6_port;
    size_t b;
    struct server *s;

    for (size_t i = 0; i < sizeof(addr->sin6_addr.s6_addr); i++) {
        h = h * 31u + addr->sin6_addr.s6_addr[i];
    }
    b = (size_t)(h % SERVER_BUCKETS);
    for (s = t->servers[b]; s != NULL; s = s->hnext) {
        if (wire_addr_equal(&s->addr, addr)) {
            return s;
        }
    }
    s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return NULL;
    }
    s->addr = *addr;
    s->cwnd = CWND_START;
    s->hnext = t->servers[b];
    t->servers[b] = s;
    return s;
}

/* RFC 6298 §2: RTO = SRTT + 4 RTTVAR, clamped; doubled per try already made (§5.5). */
static unsigned rto_ms(const struct server *s, unsigned tries)
{
    double rto = s->has_rtt ? s->srtt_ms + 4.0 * s->rttvar_ms : (double)RTO_START_MS;

    rto = rto < RTO_MIN_MS ? RTO_MIN_MS : rto;
    rto *= (double)(1u << tries);
    return rto > RTO_MAX_MS ? RTO_MAX_MS : (unsigned)rto;
}

static void rtt_sample(struct server *s, double ms)
{
    if (!s->has_rtt) {
        s->srtt_ms = ms;
        s->rttvar_ms = ms / 2.0;
        s->has_rtt = true;
        return;
    }
    s->rttvar_ms =
        0.75 * s->rttvar_ms + 0.25 * (s->srtt_ms > ms ? s->srtt_ms - ms : ms - s->srtt_ms);
    s->srtt_ms = 0.875 * s->srtt_ms + 0.125 * ms;
}

static void transmit(struct slot *sl, struct server *s);

/* Room in s's window: send what waits for it. */
static void drain_waiting(struct server *s)
{
    while (s->wait_head != NULL && (double)s->in_flight < s->cwnd) {
        struct slot *sl = s->wait_head;
        s->wait_head = sl->next;
        if (s->wait_head == NULL) {
            s->wait_tail = NULL;
        }
        sl->waiting = false;
        sl->next = NULL;
        transmit(sl, s);
    }
}

static void leave_window(struct slot *sl)
{
    struct server *s = sl->srv;

    if (s == NULL) {
        return;
    }
    sl->srv = NULL;
    if (sl->waiting) {
        struct slot **p = &s->wait_head;
        while (*p != NULL && *p != sl) {
            p = &(*p)->next;
        }
        if (*p == sl) {
            *p = sl->next;
        }
        s->wait_tail = NULL;
        for (struct slot *w = s->wait_head; w != NULL; w = w->next) {
            s->wait_tail = w;
        }
        sl->waiting = false;
        return;
    }
    s->in_flight--;
    drain_waiting(s);
}

static void tcp_close(struct slot *sl)
{
    if (sl->tcp_event != NULL) {
        event_free(sl->tcp_event);
        sl->tcp_event = NULL;
    }
    if (sl->tcp_fd >= 0) {
        (void)close(sl->tcp_fd);
        sl->tcp_fd = -1;
    }
    free(sl->tcp_buf);
    sl->tcp_buf = NULL;
}

static void complete(struct slot *sl, enum wire_result r, const uint8_t *reply, size_t len,
                     const struct sockaddr_in6 *from)
{
    struct wire_transport *t = sl->t;
    size_t cell = id_cell(t, sl->sock, sl->q.id);

    if (t->by_id[cell] == sl) {
        t->by_id[cell] = NULL;
    }
    if (sl->queued >= 0) {
        t->queues[sl->sock].slot[sl->queued] = NULL;
        sl->queued = -1;
    }
    evtimer_del(sl->timer);
    leave_window(sl);
    if (r == WIRE_REPLY) {
        t->stats.replies++;
    } else if (r == WIRE_TIMEOUT) {
        t->stats.timeouts++;
    }
    sl->fn(sl->user, r, reply, len, from);
    tcp_close(sl);
    sl->busy = false;
    sl->tcp = false;
    sl->next = t->free_slots;
    t->free_slots = sl;
}

static void arm_timer(struct slot *sl, unsigned ms)
{
    uint64_t now = now_us();
    uint64_t left = sl->deadline_us > now ? (sl->deadline_us - now) / 1000u : 0;
    struct timeval tv;

    ms = (uint64_t)ms > left ? (unsigned)left : ms;
    tv.tv_sec = (time_t)(ms / 1000u);
    tv.tv_usec = (suseconds_t)((ms % 1000u) * 1000u);
    (void)evtimer_add(sl->timer, &tv);
}

/* Where `to` is in sl->sent_to, or sent_count when the question was never sent there. */
static size_t sent_index(const struct slot *sl, const struct sockaddr_in6 *to)
{
    size_t i = 0;

    while (i < sl->sent_count && !wire_addr_equal(&sl->sent_to[i], to)) {
        i++;
    }
    return i;
}

/* Counts a datagram to `to`: a reply from any server sent to is believed (a late one too). */
static void note_sent_to(struct slot *sl, const struct sockaddr_in6 *to)
{
    size_t i = sent_index(sl, to);

    if (i == sl->sent_count && sl->sent_count < SERVERS_MAX) {
        sl->sent_to[i] = *to;
        sl->sent_at_us[i] = now_us();
        sl->sends[i] = 0;
        sl->sent_count++;
    }
    if (i < sl->sent_count && sl->sends[i] < UINT8_MAX) {
        sl->sends[i]++;
    }
}

/* How many datagrams of this question went to `to` before. */
static unsigned sends_to(const struct slot *sl, const struct sockaddr_in6 *to)
{
    size_t i = sent_index(sl, to);

    return i < sl->sent_count ? sl->sends[i] : 0;
}

/* Sends what socket `sock` has queued, in one sendmmsg where the kernel takes them all. */
static void flush_socket(struct wire_transport *t, unsigned sock)
{
    struct send_queue *q = &t->queues[sock];
    struct mmsghdr msgs[SEND_BATCH];
    struct iovec iov[SEND_BATCH];
    struct slot *sent_by[SEND_BATCH];
    unsigned n = 0;

    for (unsigned i = 0; i < q->count; i++) {
        struct slot *sl = q->slot[i];
        if (sl == NULL) {
            continue;
        }
        sl->queued = -1;
        sent_by[n] = sl;
        iov[n].iov_base = sl->packet;
        iov[n].iov_len = sl->packet_len;
        memset(&msgs[n], 0, sizeof(msgs[n]));
        msgs[n].msg_hdr.msg_name = &q->to[i];
        msgs[n].msg_hdr.msg_namelen = q->to_len[i];
        msgs[n].msg_hdr.msg_iov = &iov[n];
        msgs[n].msg_hdr.msg_iovlen = 1;
        n++;
    }
    q->count = 0;
    for (unsigned done = 0; done < n;) {
        int sent = sendmmsg(t->socks[sock], msgs + done, n - done, 0);
        /* A full socket buffer is loss like any other: the timers retry what was not sent. */
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)) {
            break;
        }
        /* Another error is the first datagram's (no route to an IPv6 server, say): that one
         * is lost, its server goes last from now on, and the others still go. */
        if (sent < 0 && sent_by[done]->srv != NULL) {
            sent_by[done]->srv->srtt_ms = RTO_MAX_MS;
            sent_by[done]->srv->has_rtt = true;
        }
        done += sent > 0 ? (unsigned)sent : 1u;
    }
}

static void flush_all(struct wire_transport *t)
{
    uint8_t r[1];

    t->flush_pending = false;
    for (unsigned i = 0; i < t->sock_count; i++) {
        if (t->queues[i].count > 0) {
            flush_socket(t, i);
        }
    }
    random_bytes(t, r, sizeof(r));
    t->send_sock = r[0] % t->sock_count;
}

/* Runs after the callbacks that were active with it: the datagrams they queued go out
 * together. */
static void on_flush(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    flush_all(arg);
}

static void transmit(struct slot *sl, struct server *s)
{
    struct wire_transport *t = sl->t;
    struct send_queue *q = &t->queues[sl->sock];

    /* RFC 6298 §5.5: the timeout doubles per retransmission to the same server; a first
     * datagram to another server starts from that server's own timeout. */
    unsigned backoff = sends_to(sl, &s->addr);

    sl->srv = s;
    s->in_flight++;
    note_sent_to(sl, &s->addr);
    t->stats.sent++;
    if (q->count == SEND_BATCH) {
        flush_socket(t, sl->sock);
    }
    q->to_len[q->count] = native_addr(t, &s->addr, &q->to[q->count]);
    if (q->to_len[q->count] != 0) { /* else unreachable from here: lost, the timer moves on */
        sl->queued = (int)q->count;
        q->slot[q->count++] = sl;
    }
    if (!t->flush_pending) {
        t->flush_pending = true;
        event_active(t->flush_event, EV_TIMEOUT, 0);
    }
    arm_timer(sl, rto_ms(s, backoff));
}

/* Try number sl->tries: to the next server in the question's order, within its window. */
static void dispatch(struct slot *sl)
{
    const struct sockaddr_in6 *to = &sl->servers[sl->order[sl->tries % sl->server_count]];
    struct server *s = server_get(sl->t, to);

    if (s == NULL) {
        arm_timer(sl, 0); /* out of memory: counts as a lost try */
        return;
    }
    if ((double)s->in_flight < s->cwnd) {
        transmit(sl, s);
        return;
    }
    sl->srv = s;
    sl->waiting = true;
    sl->next = NULL;
    if (s->wait_tail != NULL) {
        s->wait_tail->next = sl;
    } else {
        s->wait_head = sl;
    }
    s->wait_tail = sl;
    arm_timer(sl, 3600000u); /* the deadline: arm_timer cuts it to what is left */
}

static void on_timer(evutil_socket_t fd, short what, void *arg)
{
    struct slot *sl = arg;
    struct server *s = sl->srv;

    (void)fd;
    (void)what;
    if (sl->tcp || sl->waiting || now_us() >= sl->deadline_us) {
        complete(sl, WIRE_TIMEOUT, NULL, 0, NULL);
        return;
    }
    /* The server is late. Its datagram stays believed if a reply comes after all, and the next
     * server of the zone is asked beside it now (not after the whole budget). Loss: halve the
     * late server's window (AIMD) and count it as slow as the wait, so that servers that
     * answer go first from now on. */
    if (s != NULL) {
        unsigned sent = sends_to(sl, &s->addr);
        double waited = (double)rto_ms(s, sent > 0 ? sent - 1 : 0);
        s->cwnd = s->cwnd / 2.0 < 1.0 ? 1.0 : s->cwnd / 2.0;
        if (!s->has_rtt || s->srtt_ms < waited) {
            s->srtt_ms = waited;
            s->rttvar_ms = s->has_rtt ? s->rttvar_ms : waited / 2.0;
            s->has_rtt = true;
        }
        leave_window(sl);
    }
    if (++sl->tries >= TRIES_MAX) {
        complete(sl, WIRE_TIMEOUT, NULL, 0, NULL);
        return;
    }
    dispatch(sl);
}

static void on_tcp(evutil_socket_t fd, short what, void *arg);

static bool tcp_rearm(struct slot *sl, short what)
{
    if (sl->tcp_event != NULL) {
        event_free(sl->tcp_event);
    }
    sl->tcp_event = event_new(sl->t->base, sl->tcp_fd, what, on_tcp, sl);
    return sl->tcp_event != NULL && event_add(sl->tcp_event, NULL) == 0;
}

/* RFC 7766: the same question over TCP to the server that set TC, two-byte length first. */
static void tcp_start(struct slot *sl, const struct sockaddr_in6 *peer)
{
    union sock_addr native;
    socklen_t native_len = native_addr(sl->t, peer, &native);
    int flags;

    sl->t->stats.tcp++;
    leave_window(sl);
    sl->tcp = true;
    sl->sent_count = 0;
    note_sent_to(sl, peer);
    sl->tcp_buf = malloc(2 + TCP_REPLY_MAX);
    sl->tcp_fd = socket(sl->t->family, SOCK_STREAM, 0);
    flags = sl->tcp_fd >= 0 ? fcntl(sl->tcp_fd, F_GETFL) : -1;
    if (sl->tcp_buf == NULL || flags < 0 || fcntl(sl->tcp_fd, F_SETFL, flags | O_NONBLOCK) != 0 ||
        native_len == 0 ||
        (connect(sl->tcp_fd, &native.sa, native_len) != 0 && errno != EINPROGRESS) ||
        !tcp_rearm(sl, EV_WRITE)) {
        sl->t->stats.tcp_failed++;
        complete(sl, WIRE_FAILED, NULL, 0, NULL);
        return;
    }
    memmove(sl->tcp_buf + 2, sl->packet, sl->packet_len);
    sl->tcp_buf[0] = (uint8_t)(sl->packet_len >> 8);
    sl->tcp_buf[1] = (uint8_t)sl->packet_len;
    sl->tcp_wrote = 0;
    sl->tcp_have = 0;
    evtimer_del(sl->timer);
    arm_timer(sl, RTO_MAX_MS);
}

static void tcp_fail(struct slot *sl)
{
    sl->t->stats.tcp_failed++;
    complete(sl, WIRE_FAILED, NULL, 0, NULL);
}

static void on_tcp(evutil_socket_t fd, short what, void *arg)
{
    struct slot *sl = arg;
    size_t want;
    ssize_t n;

    if (what & EV_WRITE) {
        n = write(fd, sl->tcp_buf + sl->tcp_wrote, sl->packet_len + 2 - sl->tcp_wrote);
        if (n < 0 && errno != EAGAIN) {
            tcp_fail(sl);
            return;
        }
        sl->tcp_wrote += n > 0 ? (size_t)n : 0;
        if (sl->tcp_wrote == sl->packet_len + 2 && !tcp_rearm(sl, EV_READ | EV_PERSIST)) {
            tcp_fail(sl);
        }
        return;
    }
    want = sl->tcp_have < 2 ? 2 : 2 + ((size_t)sl->tcp_buf[0] << 8 | sl->tcp_buf[1]);
    n = read(fd, sl->tcp_buf + sl->tcp_have, want - sl->tcp_have);
    if (n == 0 || (n < 0 && errno != EAGAIN)) {
        tcp_fail(sl);
        return;
    }
    sl->tcp_have += n > 0 ? (size_t)n : 0;
    want = sl->tcp_have < 2 ? 2 : 2 + ((size_t)sl->tcp_buf[0] << 8 | sl->tcp_buf[1]);
    if (sl->tcp_have < want || sl->tcp_have == 2) {
        return;
    }
    if (wire_reply_match(&sl->q, sl->sent_to, sl->sent_count, &sl->sent_to[0], sl->tcp_buf + 2,
                         sl->tcp_have - 2) != WIRE_MATCH) {
        tcp_fail(sl);
        return;
    }
    complete(sl, WIRE_REPLY, sl->tcp_buf + 2, sl->tcp_have - 2, &sl->sent_to[0]);
}

static void on_datagram(struct wire_transport *t, unsigned sock, const struct sockaddr_in6 *from,
                        const uint8_t *buf, size_t len)
{
    struct slot *sl;
    enum wire_match m;
    uint16_t id;

    if (len < WIRE_HEADER_LEN) {
        t->stats.ignored[WIRE_MALFORMED]++;
        return;
    }
    id = (uint16_t)(buf[0] << 8 | buf[1]);
    sl = t->by_id[id_cell(t, sock, id)];
    if (sl == NULL || sl->sock != sock || sl->q.id != id || sl->tcp) {
        t->stats.unsolicited++;
        return;
    }
    m = wire_reply_match(&sl->q, sl->sent_to, sl->sent_count, from, buf, len);
    if (m != WIRE_MATCH) {
        t->stats.ignored[m]++;
        return;
    }
    {
        size_t i = sent_index(sl, from);
        struct server *s = server_get(t, from);
        /* Karn: only the reply to a server sent to once is a clean RTT sample, whichever of
         * the question's servers it is (a late one answering after the next was asked too). */
        if (s != NULL && i < sl->sent_count && sl->sends[i] == 1) {
            rtt_sample(s, (double)(now_us() - sl->sent_at_us[i]) / 1000.0);
        }
        if (s != NULL) {
            s->cwnd = s->cwnd + 1.0 / s->cwnd > CWND_MAX ? CWND_MAX : s->cwnd + 1.0 / s->cwnd;
        }
    }
    if (buf[2] & 0x02u) { /* TC */
        tcp_start(sl, from);
        return;
    }
    complete(sl, WIRE_REPLY, buf, len, from);
}

static void on_readable(evutil_socket_t fd, short what, void *arg)
{
    struct wire_transport *t = arg;
    unsigned sock = 0;
    struct mmsghdr msgs[RECV_VECTOR];
    struct iovec iov[RECV_VECTOR];
    union sock_addr from[RECV_VECTOR];

    (void)what;
    while (sock < t->sock_count && t->socks[sock] != fd) {
        sock++;
    }
    for (int read = 0; read < RECV_BATCH;) {
        int got;
        memset(msgs, 0, sizeof(msgs));
        for (unsigned i = 0; i < RECV_VECTOR; i++) {
            iov[i].iov_base = t->recv_buf[i];
            iov[i].iov_len = sizeof(t->recv_buf[i]);
            msgs[i].msg_hdr.msg_name = &from[i];
            msgs[i].msg_hdr.msg_namelen = sizeof(from[i]);
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
        }
        got = recvmmsg(fd, msgs, RECV_VECTOR, MSG_DONTWAIT, NULL);
        if (got <= 0) {
            return;
        }
        for (int i = 0; i < got; i++) {
            struct sockaddr_in6 source;
            if (!common_addr(&from[i], msgs[i].msg_hdr.msg_namelen, &source)) {
                t->stats.ignored[WIRE_WRONG_SOURCE]++;
                continue;
            }
            on_datagram(t, sock, &source, t->recv_buf[i], msgs[i].msg_len);
        }
        read += got;
        if ((unsigned)got < RECV_VECTOR) {
            return; /* the socket is empty: no need to ask again */
        }
    }
}

/* A UDP socket of t's family on a random port above 1023 (the kernel's choice if 20 draws are
 * taken); an IPv6 one takes IPv4 too (mapped addresses). */
static int open_socket(struct wire_transport *t)
{
    int fd = socket(t->family, SOCK_DGRAM, 0);
    int size = SOCKET_BUFFER;
    int off = 0;
    int flags;
    union sock_addr a;
    socklen_t len = t->family == AF_INET6 ? sizeof(a.v6) : sizeof(a.v4);
    bool bound = false;

    if (fd < 0) {
        return -1;
    }
    (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
    (void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
    if (t->family == AF_INET6 &&
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off)) != 0) {
        (void)close(fd);
        return -1;
    }
    memset(&a, 0, sizeof(a));
    a.sa.sa_family = (sa_family_t)t->family; /* the wildcard address: all zero in both */
    for (int i = 0; i < 20 && !bound; i++) {
        uint8_t r[2];
        uint16_t port;
        random_bytes(t, r, sizeof(r));
        port = htons((uint16_t)(1024u + (((unsigned)r[0] << 8 | r[1]) % 64512u)));
        if (t->family == AF_INET6) {
            a.v6.sin6_port = port;
        } else {
            a.v4.sin_port = port;
        }
        bound = bind(fd, &a.sa, len) == 0;
    }
    if (t->family == AF_INET6) {
        a.v6.sin6_port = 0;
    } else {
        a.v4.sin_port = 0;
    }
    flags = fcntl(fd, F_GETFL);
    if ((!bound && bind(fd, &a.sa, len) != 0) || flags < 0 ||
        fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
        (void)close(fd);
        return -1;
    }
    return fd;
}

/* AF_INET6 when the kernel has IPv6 (booted with ipv6.disable=1 it has not), else AF_INET. */
static int family_available(void)
{
    int fd = socket(AF_INET6, SOCK_DGRAM, 0);

    if (fd < 0) {
        return AF_INET;
    }
    (void)close(fd);
    return AF_INET6;
}

int wire_transport_new(struct event_base *base, unsigned socket_count, unsigned slots,
                       struct wire_transport **out)
{
    struct wire_transport *t = calloc(1, sizeof(*t));
    size_t cells = 1;
    int rc = ENOMEM;

    if (t == NULL) {
        return ENOMEM;
    }
    t->base = base;
    t->family = family_available();
    t->random_used = RANDOM_POOL;
    while (cells < (size_t)slots * 8) {
        cells <<= 1;
    }
    t->by_id_mask = cells - 1;
    t->by_id = calloc(cells, sizeof(*t->by_id));
    t->socks = calloc(socket_count, sizeof(*t->socks));
    t->sock_events = calloc(socket_count, sizeof(*t->sock_events));
    t->slots = calloc(slots, sizeof(*t->slots));
    t->queues = calloc(socket_count, sizeof(*t->queues));
    t->flush_event = event_new(base, -1, 0, on_flush, t);
    if (t->by_id == NULL || t->socks == NULL || t->sock_events == NULL || t->slots == NULL ||
        t->queues == NULL || t->flush_event == NULL) {
        goto out;
    }
    for (unsigned i = 0; i < slots; i++, t->slot_count++) {
        struct slot *sl = &t->slots[i];
        sl->t = t;
        sl->tcp_fd = -1;
        sl->queued = -1;
        sl->timer = evtimer_new(base, on_timer, sl);
        if (sl->timer == NULL) {
            goto out;
        }
        sl->next = t->free_slots;
        t->free_slots = sl;
    }
    rc = EIO;
    for (; t->sock_count < socket_count; t->sock_count++) {
        int fd = open_socket(t);
        struct event *ev =
            fd >= 0 ? event_new(base, fd, EV_READ | EV_PERSIST, on_readable, t) : NULL;
        t->socks[t->sock_count] = fd;
        t->sock_events[t->sock_count] = ev;
        if (ev == NULL || event_add(ev, NULL) != 0) {
            if (fd >= 0 && ev == NULL) {
                (void)close(fd);
            }
            t->sock_count += ev != NULL;
            goto out;
        }
    }
    rc = 0;
out:
    if (rc != 0) {
        wire_transport_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

void wire_transport_free(struct wire_transport *t)
{
    if (t == NULL) {
        return;
    }
    for (unsigned i = 0; i < t->slot_count; i++) {
        tcp_close(&t->slots[i]);
        event_free(t->slots[i].timer);
    }
    for (unsigned i = 0; i < t->sock_count; i++) {
        event_free(t->sock_events[i]);
        (void)close(t->socks[i]);
    }
    for (size_t b = 0; b < SERVER_BUCKETS; b++) {
        while (t->servers[b] != NULL) {
            struct server *s = t->servers[b];
            t->servers[b] = s->hnext;
            free(s);
        }
    }
    if (t->flush_event != NULL) {
        event_free(t->flush_event);
    }
    free(t->queues);
    free(t->slots);
    free(t->socks);
    free(t->sock_events);
    free(t->by_id);
    free(t);
}

/* The order of tries for sl's servers: those within the band of the fastest first, in random
 * order (unknown servers count as fast: they get tried, and measured; the load spreads, and a
 * silent server delays only its share of the questions), then the others, fastest first. */
static void rank_servers(struct wire_transport *t, struct slot *sl)
{
    double key[SERVERS_MAX];
    double best = 1e9;
    uint8_t r[SERVERS_MAX];

    random_bytes(t, r, sizeof(r));
    for (size_t i = 0; i < sl->server_count; i++) {
        struct server *s = server_get(t, &sl->servers[i]);
        size_t j = r[i] % (i + 1); /* Fisher-Yates, inside out */
        key[i] = s == NULL ? 1e9 : s->has_rtt ? s->srtt_ms : 0.0;
        best = key[i] < best ? key[i] : best;
        if (j != i) {
            sl->order[i] = sl->order[j];
        }
        sl->order[j] = (uint8_t)i;
    }
    for (size_t i = 0; i < sl->server_count; i++) {
        key[i] = key[i] <= 2.0 * best + RTT_BAND_MS ? 0.0 : key[i];
    }
    for (size_t i = 1; i < sl->server_count; i++) { /* stable: the band keeps its shuffle */
        uint8_t v = sl->order[i];
        size_t j = i;
        while (j > 0 && key[sl->order[j - 1]] > key[v]) {
            sl->order[j] = sl->order[j - 1];
            j--;
        }
        sl->order[j] = v;
    }
}

int wire_transport_query(struct wire_transport *t, const char *qname, uint16_t qtype,
                         const struct sockaddr_in6 *servers, size_t server_count,
                         unsigned budget_ms, wire_done_fn *fn, void *user)
{
    struct slot *sl = t->free_slots;
    uint8_t r[(WIRE_NAME_MAX + 7) / 8 + 3];

    if (sl == NULL || server_count == 0) {
        return -1;
    }
    sl->q.qname_len = wire_name_from_text(qname, sl->q.qname);
    if (sl->q.qname_len == 0) {
        return -1;
    }
    t->free_slots = sl->next;
    sl->next = NULL;
    sl->busy = true;
    sl->q.qtype = qtype;
    random_bytes(t, r, sizeof(r));
    wire_name_randomize_case(sl->q.qname, sl->q.qname_len, r + 3);
    /* The batch's socket (drawn at random at each flush), so that a batch is one sendmmsg. */
    sl->sock = t->send_sock;
    /* An ID whose cell is free on this socket: a reply is then found in one step. */
    for (;;) {
        sl->q.id = (uint16_t)(r[0] << 8 | r[1]);
        if (t->by_id[id_cell(t, sl->sock, sl->q.id)] == NULL) {
            break;
        }
        random_bytes(t, r, 2);
    }
    t->by_id[id_cell(t, sl->sock, sl->q.id)] = sl;
    sl->packet_len = wire_query_build(&sl->q, UDP_SIZE, sl->packet);
    sl->server_count = server_count > SERVERS_MAX ? SERVERS_MAX : server_count;
    memcpy(sl->servers, servers, sl->server_count * sizeof(*servers));
    rank_servers(t, sl);
    sl->sent_count = 0;
    sl->tries = 0;
    sl->srv = NULL;
    sl->waiting = false;
    sl->tcp = false;
    sl->fn = fn;
    sl->user = user;
    sl->deadline_us = now_us() + (uint64_t)budget_ms * 1000u;
    t->stats.queries++;
    dispatch(sl);
    return 0;
}

const struct wire_transport_stats *wire_transport_stats(const struct wire_transport *t)
{
    return &t->stats;
}
