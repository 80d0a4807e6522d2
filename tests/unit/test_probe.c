/* SPDX-License-Identifier: MIT */
/* src/lib/dns/probe.c: direct queries against a scripted UDP+TCP responder thread on
 * 127.0.0.1 (ephemeral port; loopback only). The first label of the qname picks the script. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "lib/dns/probe.h"

#define MSG_MAX 4096
#define TC_RECORDS 40
#define CONCURRENT 512
/* flood scripts: how much the responder streams before it gives up, far beyond the probe's
 * read cap (4 x 64 KiB), so only that cap can end the read with FLOOD. */
#define FLOOD_BYTES (8u << 20)
#define FLOOD_DATAGRAM 1400
#define FLOOD_MS 1100

/* ------------------------------------------------------------------ responder */

struct responder {
    int udp;
    int tcp;
    int stop[2];
    uint16_t port;
    pthread_t thread;
    pthread_mutex_t lock;
    uint8_t last_query[MSG_MAX]; /* the last query seen, for checks of what was sent */
    size_t last_query_len;
};

static struct responder responder;

/* The CAA RDATA of every answer: 0 issue "ca.example". */
static const uint8_t caa_rdata[] = {0,   5,   'i', 's', 's', 'u', 'e', 'c', 'a',
                                    '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e'};

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    (void)nanosleep(&ts, NULL);
}

static size_t put16(uint8_t *p, size_t pos, unsigned v)
{
    p[pos] = (uint8_t)(v >> 8);
    p[pos + 1] = (uint8_t)(v & 0xff);
    return pos + 2;
}

/* Length of the question (name, type, class) after the header, 0 if it is not there. */
static size_t question_len(const uint8_t *q, size_t len)
{
    size_t pos = 12;

    while (pos < len && q[pos] != 0) {
        pos += (size_t)q[pos] + 1;
    }
    return pos + 5 <= len ? pos + 5 - 12 : 0;
}

/* The script's name: the first label, lowercased. */
static void script_of(const uint8_t *q, size_t len, char *out, size_t out_size)
{
    size_t n = len > 13 ? q[12] : 0;

    if (n >= out_size || 13 + n > len) {
        n = 0;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t c = q[13 + i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[n] = '\0';
}

/* A reply to q: header, the question (lowercased if asked), `answers` CAA RRs pointing at the
 * question name, an SOA in authority if asked, and an OPT RR if the query had one. */
static size_t build_reply(const uint8_t *q, size_t qlen, uint8_t *out, int rcode, bool aa, bool tc,
                          unsigned answers, bool lower, bool soa)
{
    size_t qsec = question_len(q, qlen);
    bool opt = qlen >= 12 && (q[10] != 0 || q[11] != 0);
    size_t pos;

    memcpy(out, q, 2);
    out[2] = (uint8_t)(0x80 | (aa ? 0x04 : 0) | (tc ? 0x02 : 0) | (q[2] & 0x01));
    out[3] = (uint8_t)rcode;
    pos = put16(out, 4, qsec > 0 ? 1 : 0);
    pos = put16(out, pos, answers);
    pos = put16(out, pos, soa ? 1 : 0);
    pos = put16(out, pos, opt ? 1 : 0);
    memcpy(out + pos, q + 12, qsec);
    for (size_t i = 0; lower && i + 4 < qsec; i++) {
        uint8_t c = out[pos + i];
        out[pos + i] = (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    pos += qsec;
    for (unsigned i = 0; i < answers; i++) {
        pos = put16(out, pos, 0xc00c);
        pos = put16(out, pos, 257);
        pos = put16(out, pos, 1);
        pos = put16(out, pos, 0);
        pos = put16(out, pos, 300);
        pos = put16(out, pos, sizeof(caa_rdata));
        memcpy(out + pos, caa_rdata, sizeof(caa_rdata));
        pos += sizeof(caa_rdata);
    }
    if (soa) {
        static const uint8_t soa_rr[] = {0xc0, 0x0c, 0, 6, 0,   1, 0, 0, 1, 44, 0, 22,
                                         1,    'n',  0, 1, 'h', 0, 0, 0, 0, 1,  0, 0,
                                         0,    1,    0, 0, 0,   1, 0, 0, 0, 1};
        memcpy(out + pos, soa_rr, sizeof(soa_rr));
        pos += sizeof(soa_rr);
    }
    if (opt) {
        static const uint8_t opt_rr[] = {0, 0, 41, 0x04, 0xd0, 0, 0, 0x80, 0, 0, 0};
        memcpy(out + pos, opt_rr, sizeof(opt_rr));
        pos += sizeof(opt_rr);
    }
    return pos;
}

static void udp_send(int fd, const uint8_t *msg, size_t len, const struct sockaddr_in *to)
{
    (void)sendto(fd, msg, len, 0, (const struct sockaddr *)to, sizeof(*to));
}

static void handle_udp(struct responder *r)
{
    uint8_t q[MSG_MAX], out[MSG_MAX];
    char script[64];
    struct sockaddr_in from;
    socklen_t from_len = sizeof(from);
    ssize_t n = recvfrom(r->udp, q, sizeof(q), 0, (struct sockaddr *)&from, &from_len);
    size_t qlen, len;

    if (n < 12) {
        return;
    }
    qlen = (size_t)n;
    pthread_mutex_lock(&r->lock);
    memcpy(r->last_query, q, qlen);
    r->last_query_len = qlen;
    pthread_mutex_unlock(&r->lock);
    script_of(q, qlen, script, sizeof(script));
    if (strcmp(script, "silent") == 0 || strcmp(script, "close") == 0) {
        return;
    } else if (strcmp(script, "lower") == 0) {
        len = build_reply(q, qlen, out, 0, true, false, 1, true, false);
    } else if (strcmp(script, "tc") == 0) {
        len = build_reply(q, qlen, out, 0, true, true, 0, false, false);
    } else if (strcmp(script, "nodata") == 0) {
        len = build_reply(q, qlen, out, 0, true, false, 0, false, true);
    } else if (strcmp(script, "notimp") == 0) {
        len = build_reply(q, qlen, out, 4, false, false, 0, false, false);
    } else if (strcmp(script, "short") == 0) {
        memcpy(out, q, 2);
        out[2] = 0x80;
        len = 5;
    } else if (strcmp(script, "malformed") == 0) {
        /* A header promising three answers and nothing after it. */
        len = build_reply(q, qlen, out, 0, true, false, 0, false, false);
        put16(out, 6, 3);
    } else if (strcmp(script, "flood") == 0) {
        /* Datagrams with another ID, back to back (issue 11: a probe read such a stream for
         * as long as it lasted, deadline or not). */
        uint8_t big[FLOOD_DATAGRAM] = {0};
        len = build_reply(q, qlen, big, 5, false, false, 0, false, false);
        big[0] ^= 0x55;
        /* Paced (16 datagrams a millisecond) for 1.2 s, past the probe's 1 s deadline: a burst
         * would overflow the probe's socket buffer and be dropped before it is read. */
        struct timespec start, now;
        (void)clock_gettime(CLOCK_MONOTONIC, &start);
        do {
            for (int i = 0; i < 16; i++) {
                udp_send(r->udp, big, sizeof(big), &from);
            }
            sleep_ms(1);
            (void)clock_gettime(CLOCK_MONOTONIC, &now);
        } while ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 <
                 FLOOD_MS);
        return;
    } else if (strcmp(script, "wrongid") == 0 || strcmp(script, "wrongidonly") == 0) {
        len = build_reply(q, qlen, out, 5, false, false, 0, false, false);
        out[0] ^= 0x55;
        udp_send(r->udp, out, len, &from);
        if (strcmp(script, "wrongidonly") == 0) {
            return;
        }
        sleep_ms(30);
        len = build_reply(q, qlen, out, 0, true, false, 1, false, false);
    } else {
        len = build_reply(q, qlen, out, 0, true, false, 1, false, false);
    }
    udp_send(r->udp, out, len, &from);
}

static bool read_full(int fd, uint8_t *buf, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = recv(fd, buf + done, len - done, 0);
        if (n <= 0) {
            return false;
        }
        done += (size_t)n;
    }
    return true;
}

/* flood over TCP: frames with another ID until the client hangs up or FLOOD_BYTES went out. */
static void tcp_flood(int fd, const uint8_t *q, size_t qlen)
{
    uint8_t out[MSG_MAX + 2];
    size_t len = build_reply(q, qlen, out + 2, 5, false, false, 0, false, false);

    out[2] ^= 0x55;
    put16(out, 0, (unsigned)len);
    for (size_t sent = 0; sent < FLOOD_BYTES; sent += len + 2) {
        if (send(fd, out, len + 2, MSG_NOSIGNAL) < 0) {
            return;
        }
    }
}

/* trickle over TCP: the length, then a byte every 50 ms, for about 2 s. */
static void tcp_trickle(int fd, const uint8_t *q, size_t qlen)
{
    uint8_t out[MSG_MAX + 2];
    size_t len = build_reply(q, qlen, out + 2, 0, true, false, 1, false, false);

    put16(out, 0, (unsigned)len);
    for (size_t i = 0; i < len + 1 && i < 40; i++) {
        if (send(fd, out + i, 1, MSG_NOSIGNAL) < 0) {
            return;
        }
        sleep_ms(50);
    }
}

/* One TCP connection: read the query, then answer by script. tc: the full RRset, sent in
 * pieces to exercise partial reads. */
static void handle_tcp(struct responder *r)
{
    uint8_t q[MSG_MAX], out[MSG_MAX + 2];
    char script[64];
    struct timeval tv = {2, 0};
    int fd = accept(r->tcp, NULL, NULL);
    size_t qlen, len;

    if (fd < 0) {
        return;
    }
    (void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    if (!read_full(fd, q, 2)) {
        goto out;
    }
    qlen = (size_t)q[0] << 8 | q[1];
    if (qlen < 12 || qlen > MSG_MAX || !read_full(fd, q, qlen)) {
        goto out;
    }
    script_of(q, qlen, script, sizeof(script));
    if (strcmp(script, "close") == 0) {
        goto out;
    }
    if (strcmp(script, "flood") == 0) {
        tcp_flood(fd, q, qlen);
        goto out;
    }
    if (strcmp(script, "trickle") == 0) {
        tcp_trickle(fd, q, qlen);
        goto out;
    }
    if (strcmp(script, "tc") == 0) {
        len = build_reply(q, qlen, out + 2, 0, true, false, TC_RECORDS, false, false);
    } else {
        len = build_reply(q, qlen, out + 2, 0, true, false, 1, false, false);
    }
    put16(out, 0, (unsigned)len);
    len += 2;
    (void)send(fd, out, 1, MSG_NOSIGNAL);
    sleep_ms(20);
    (void)send(fd, out + 1, 10, MSG_NOSIGNAL);
    sleep_ms(20);
    (void)send(fd, out + 11, len - 11, MSG_NOSIGNAL);
out:
    (void)close(fd);
}

static void *responder_main(void *arg)
{
    struct responder *r = arg;

    for (;;) {
        struct pollfd pfds[3] = {{r->udp, POLLIN, 0}, {r->tcp, POLLIN, 0}, {r->stop[0], POLLIN, 0}};
        if (poll(pfds, 3, -1) < 0) {
            continue;
        }
        if (pfds[2].revents != 0) {
            return NULL;
        }
        if (pfds[0].revents != 0) {
            handle_udp(r);
        }
        if (pfds[1].revents != 0) {
            handle_tcp(r);
        }
    }
}

static int bind_loopback(int type, uint16_t port, uint16_t *bound)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof(sa);
    int fd = socket(AF_INET, type, 0);
    int one = 1;

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0) {
        return -1;
    }
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
        (void)close(fd);
        return -1;
    }
    *bound = ntohs(sa.sin_port);
    return fd;
}

static int setup(void **state)
{
    (void)state;
    memset(&responder, 0, sizeof(responder));
    /* UDP on an ephemeral port, TCP on the same number (retried if that one is taken). */
    for (int attempt = 0; attempt < 20; attempt++) {
        uint16_t tcp_port = 0;
        responder.udp = bind_loopback(SOCK_DGRAM, 0, &responder.port);
        if (responder.udp < 0) {
            return -1;
        }
        responder.tcp = bind_loopback(SOCK_STREAM, responder.port, &tcp_port);
        if (responder.tcp >= 0 && listen(responder.tcp, 64) == 0) {
            break;
        }
        if (responder.tcp >= 0) {
            (void)close(responder.tcp);
        }
        (void)close(responder.udp);
        responder.tcp = -1;
    }
    if (responder.tcp < 0 || pipe(responder.stop) != 0) {
        return -1;
    }
    int rcvbuf = 1 << 20;
    (void)setsockopt(responder.udp, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
    pthread_mutex_init(&responder.lock, NULL);
    return pthread_create(&responder.thread, NULL, responder_main, &responder) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    (void)write(responder.stop[1], "x", 1);
    pthread_join(responder.thread, NULL);
    pthread_mutex_destroy(&responder.lock);
    (void)close(responder.udp);
    (void)close(responder.tcp);
    (void)close(responder.stop[0]);
    (void)close(responder.stop[1]);
    return 0;
}

/* A port nobody listens on: bound once, then released. */
static uint16_t closed_port(void)
{
    uint16_t port = 0;
    int fd = bind_loopback(SOCK_DGRAM, 0, &port);

    assert_true(fd >= 0);
    (void)close(fd);
    return port;
}

static void query_for(struct caa__probe_query *q, const char *qname, bool tcp, unsigned timeout)
{
    caa__probe_query_init(q, "127.0.0.1", qname, 257, timeout);
    q->port = responder.port;
    q->transport = tcp ? CAA__PROBE_TCP : CAA__PROBE_UDP;
}

/* ------------------------------------------------------------------ tests */

static void test_query_init(void **state)
{
    struct caa__probe_query q;

    (void)state;
    caa__probe_query_init(&q, "::1", "ExAmPlE.com", 6, 1500);
    assert_string_equal(q.address, "::1");
    assert_string_equal(q.qname, "ExAmPlE.com");
    assert_int_equal(q.port, 53);
    assert_int_equal(q.qtype, 6);
    assert_int_equal(q.transport, CAA__PROBE_UDP);
    assert_true(q.edns);
    assert_true(q.do_bit);
    assert_int_equal(q.edns_size, 0);
    assert_false(q.rd);
    assert_int_equal(q.timeout_ms, 1500);
}

static const struct {
    const char *qname;
    bool tcp;
    bool edns;
    unsigned timeout_ms;
    enum caa__probe_outcome outcome;
    int rcode;
    bool aa, tc, has_opt, case_preserved, soa;
    size_t answers;
    const char *echoed;
    unsigned min_ms, max_ms;
} cases[] = {
    {"NoRmAl.ExAmPlE", false, true, 2000, CAA__PROBE_ANSWER, 0, true, false, true, true, false, 1,
     "NoRmAl.ExAmPlE", 0, 500},
    {"normal.example", false, false, 2000, CAA__PROBE_ANSWER, 0, true, false, false, true, false, 1,
     "normal.example", 0, 500},
    {"LoWeR.ExAmPlE", false, true, 2000, CAA__PROBE_ANSWER, 0, true, false, true, false, false, 1,
     "lower.example", 0, 500},
    {"TC.example", false, true, 2000, CAA__PROBE_ANSWER, 0, true, true, true, true, false, 0,
     "TC.example", 0, 500},
    {"TC.example", true, true, 2000, CAA__PROBE_ANSWER, 0, true, false, true, true, false,
     TC_RECORDS, "TC.example", 30, 1000},
    {"nodata.example", false, true, 2000, CAA__PROBE_ANSWER, 0, true, false, true, true, true, 0,
     "nodata.example", 0, 500},
    {"notimp.example", false, true, 2000, CAA__PROBE_ANSWER, 4, false, false, true, true, false, 0,
     "notimp.example", 0, 500},
    {"wrongid.example", false, true, 2000, CAA__PROBE_ANSWER, 0, true, false, true, true, false, 1,
     "wrongid.example", 20, 1000},
    {"wrongidonly.example", false, true, 300, CAA__PROBE_TIMEOUT, -1, false, false, false, false,
     false, 0, "", 300, 800},
    {"silent.example", false, true, 300, CAA__PROBE_TIMEOUT, -1, false, false, false, false, false,
     0, "", 300, 800},
    {"close.example", true, true, 2000, CAA__PROBE_CLOSED, -1, false, false, false, false, false, 0,
     "", 0, 500},
    {"short.example", false, true, 2000, CAA__PROBE_MALFORMED, -1, false, false, false, false,
     false, 0, "", 0, 500},
    {"malformed.example", false, true, 2000, CAA__PROBE_MALFORMED, -1, false, false, false, false,
     false, 0, "", 0, 500},
    /* Issue 11: a stream of other-ID replies ends at the read cap, whether or not it stops. */
    {"flood.example", false, true, 1000, CAA__PROBE_FLOOD, -1, false, false, false, false, false, 0,
     "", 0, 1500},
    /* 3 s: the responder is still busy with the UDP flood (1.1 s) when this query arrives. */
    {"flood.example", true, true, 3000, CAA__PROBE_FLOOD, -1, false, false, false, false, false, 0,
     "", 0, 3500},
    {"trickle.example", true, true, 300, CAA__PROBE_TIMEOUT, -1, false, false, false, false, false,
     0, "", 300, 800},
};

static void test_scripts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct caa__probe_query q;
        struct caa__probe_result r;

        print_message("# case %zu: %s %s\n", i, cases[i].qname, cases[i].tcp ? "tcp" : "udp");
        query_for(&q, cases[i].qname, cases[i].tcp, cases[i].timeout_ms);
        q.edns = cases[i].edns;
        q.do_bit = cases[i].edns;
        assert_int_equal(caa__probe_run(&q, 1, &r), CAA_OK);
        assert_int_equal(r.outcome, cases[i].outcome);
        assert_int_equal(r.rcode, cases[i].rcode);
        assert_int_equal(r.aa, cases[i].aa);
        assert_int_equal(r.tc, cases[i].tc);
        assert_int_equal(r.has_opt, cases[i].has_opt);
        assert_int_equal(r.case_preserved, cases[i].case_preserved);
        assert_int_equal(r.question_matches, cases[i].outcome == CAA__PROBE_ANSWER);
        assert_int_equal(r.soa_in_authority, cases[i].soa);
        assert_int_equal(r.answer_count, cases[i].answers);
        assert_int_equal(r.authority_count, cases[i].soa ? 1 : 0);
        assert_int_equal(r.additional_count, 0);
        assert_string_equal(r.echoed_qname, cases[i].echoed);
        assert_true(r.elapsed_ms >= cases[i].min_ms);
        assert_true(r.elapsed_ms < cases[i].max_ms);
        for (size_t k = 0; k < r.answer_count; k++) {
            assert_string_equal(r.answer[k].owner, cases[i].echoed);
            assert_int_equal(r.answer[k].rrtype, 257);
            assert_int_equal(r.answer[k].ttl, 300);
            assert_int_equal(r.answer[k].rdata_len, sizeof(caa_rdata));
            assert_memory_equal(r.answer[k].rdata, caa_rdata, sizeof(caa_rdata));
        }
        if (cases[i].outcome == CAA__PROBE_ANSWER || cases[i].outcome == CAA__PROBE_MALFORMED) {
            assert_non_null(r.wire);
            assert_true(r.wire_len >= (cases[i].outcome == CAA__PROBE_ANSWER ? 12u : 5u));
        } else {
            assert_null(r.wire);
            assert_int_equal(r.wire_len, 0);
        }
        if (cases[i].outcome == CAA__PROBE_MALFORMED || cases[i].outcome == CAA__PROBE_FLOOD) {
            assert_true(r.error[0] != '\0');
        }
        if (cases[i].outcome == CAA__PROBE_FLOOD) {
            assert_true(r.stray_count > 0);
        }
        if (cases[i].soa) {
            assert_int_equal(r.authority[0].rrtype, 6);
            assert_string_equal(r.authority[0].owner, cases[i].echoed);
        }
        caa__probe_result_cleanup(&r);
        assert_null(r.answer);
        assert_null(r.wire);
        assert_int_equal(r.answer_count, 0);
    }
}

/* What goes on the wire: RD as asked, OPT with the size and DO bit as asked. */
static void test_query_wire(void **state)
{
    static const struct {
        bool rd, edns, do_bit;
        uint16_t edns_size;
        unsigned want_flags, want_arcount, want_size, want_do;
    } wires[] = {
        {false, true, true, 0, 0x00, 1, 1232, 0x80},
        {true, true, false, 4096, 0x01, 1, 4096, 0x00},
        {false, false, false, 0, 0x00, 0, 0, 0},
        {false, false, true, 0, 0x00, 1, 1232, 0x80}, /* DO implies EDNS */
    };

    (void)state;
    for (size_t i = 0; i < sizeof(wires) / sizeof(wires[0]); i++) {
        struct caa__probe_query q;
        struct caa__probe_result r;
        uint8_t sent[MSG_MAX];
        size_t len;

        query_for(&q, "WiRe.example", false, 2000);
        q.rd = wires[i].rd;
        q.edns = wires[i].edns;
        q.do_bit = wires[i].do_bit;
        q.edns_size = wires[i].edns_size;
        assert_int_equal(caa__probe_run(&q, 1, &r), CAA_OK);
        assert_int_equal(r.outcome, CAA__PROBE_ANSWER);
        pthread_mutex_lock(&responder.lock);
        len = responder.last_query_len;
        memcpy(sent, responder.last_query, len);
        pthread_mutex_unlock(&responder.lock);
        /* header, 4 WiRe 7 example 0, type, class */
        assert_int_equal(len, 12 + 14 + 4 + (wires[i].want_arcount ? 11 : 0));
        assert_memory_equal(sent + 12,
                            "\x04WiRe\x07"
                            "example",
                            13);
        assert_int_equal(sent[2], wires[i].want_flags);
        assert_int_equal(sent[3], 0);
        assert_int_equal(sent[11], wires[i].want_arcount);
        assert_int_equal(sent[26] << 8 | sent[27], 257);
        if (wires[i].want_arcount != 0) {
            assert_int_equal(sent[33] << 8 | sent[34], wires[i].want_size);
            assert_int_equal(sent[37], wires[i].want_do);
        }
        assert_int_equal((r.wire[0] << 8 | r.wire[1]), (sent[0] << 8 | sent[1]));
        caa__probe_result_cleanup(&r);
    }
}

static void test_unreachable_and_errors(void **state)
{
    static const struct {
        const char *address;
        const char *qname;
        bool tcp;
        bool closed;
        enum caa__probe_outcome want;
    } errs[] = {
        {"127.0.0.1", "x.example", false, true, CAA__PROBE_UNREACHABLE},
        {"127.0.0.1", "x.example", true, true, CAA__PROBE_UNREACHABLE},
        {"127.0.0.300", "x.example", false, false, CAA__PROBE_ERROR},
        {"localhost", "x.example", false, false, CAA__PROBE_ERROR},
        {"127.0.0.1", "a234567890123456789012345678901234567890123456789012345678901234.example",
         false, false, CAA__PROBE_ERROR},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
        struct caa__probe_query q;
        struct caa__probe_result r;

        caa__probe_query_init(&q, errs[i].address, errs[i].qname, 257, 2000);
        q.port = errs[i].closed ? closed_port() : responder.port;
        q.transport = errs[i].tcp ? CAA__PROBE_TCP : CAA__PROBE_UDP;
        assert_int_equal(caa__probe_run(&q, 1, &r), CAA_OK);
        assert_int_equal(r.outcome, errs[i].want);
        assert_int_equal(r.rcode, -1);
        assert_true(r.elapsed_ms < 200);
        assert_true(r.error[0] != '\0');
        assert_null(r.wire);
        caa__probe_result_cleanup(&r);
    }
}

/* Many at once in one loop: all answered, with one silent query bounding the whole run. */
static void test_concurrent(void **state)
{
    struct caa__probe_query *qs = calloc(CONCURRENT + 1, sizeof(*qs));
    struct caa__probe_result *rs = calloc(CONCURRENT + 1, sizeof(*rs));
    struct timespec t0, t1;
    long total_ms;

    (void)state;
    assert_non_null(qs);
    assert_non_null(rs);
    for (size_t i = 0; i < CONCURRENT; i++) {
        char name[64];
        (void)snprintf(name, sizeof(name), "n%zu.CoNcUrReNt.example", i);
        query_for(&qs[i], name, false, 3000);
    }
    query_for(&qs[CONCURRENT], "silent.example", false, 400);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(caa__probe_run(qs, CONCURRENT + 1, rs), CAA_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    total_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    assert_true(total_ms >= 400);
    assert_true(total_ms < 1000);
    for (size_t i = 0; i < CONCURRENT; i++) {
        assert_int_equal(rs[i].outcome, CAA__PROBE_ANSWER);
        assert_true(rs[i].case_preserved);
        assert_string_equal(rs[i].echoed_qname, qs[i].qname);
        assert_int_equal(rs[i].answer_count, 1);
        caa__probe_result_cleanup(&rs[i]);
    }
    assert_int_equal(rs[CONCURRENT].outcome, CAA__PROBE_TIMEOUT);
    assert_true(rs[CONCURRENT].elapsed_ms >= 400);
    caa__probe_result_cleanup(&rs[CONCURRENT]);
    free(qs);
    free(rs);
}

/* caa__probe_run_first: the answered query ends the run; the silent one is not waited for. */
static void test_run_first(void **state)
{
    struct caa__probe_query q[2];
    struct caa__probe_result r[2];

    (void)state;
    query_for(&q[0], "silent.example", false, 5000);
    query_for(&q[1], "normal.example", false, 5000);
    assert_int_equal(caa__probe_run_first(q, 2, r), CAA_OK);
    assert_int_equal(r[1].outcome, CAA__PROBE_ANSWER);
    assert_int_equal(r[0].outcome, CAA__PROBE_TIMEOUT);
    assert_non_null(strstr(r[0].error, "not waited for"));
    caa__probe_result_cleanup(&r[0]);
    caa__probe_result_cleanup(&r[1]);
}

static void test_arguments(void **state)
{
    struct caa__probe_query q;
    struct caa__probe_result r;

    (void)state;
    query_for(&q, "x.example", false, 100);
    assert_int_equal(caa__probe_run(NULL, 1, &r), CAA_E_INVALID_ARG);
    assert_int_equal(caa__probe_run(&q, 1, NULL), CAA_E_INVALID_ARG);
    assert_int_equal(caa__probe_run(NULL, 0, NULL), CAA_OK);
    caa__probe_result_cleanup(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_init), cmocka_unit_test(test_scripts),
        cmocka_unit_test(test_query_wire), cmocka_unit_test(test_unreachable_and_errors),
        cmocka_unit_test(test_concurrent), cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_run_first),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
