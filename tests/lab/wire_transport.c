/* SPDX-License-Identifier: MIT */
/*
 * The wire engine's transport against real UDP servers on loopback: silent ones (a bound socket
 * that never answers, as nsblackhole.test) and one that answers. Runs only inside a network
 * namespace of its own (in-netns.sh), never on the host's loopback.
 *   - a question whose zone has three silent servers before the good one is answered: a late
 *     server makes the transport ask the next one, until every server has been asked;
 *   - servers found late are asked last: once the good server is known, a question to all four
 *     is one datagram;
 *   - IPv6: a good server on ::1 beside silent IPv4 ones answers, and its reply is believed.
 * No timed assertions: what is checked is the outcome and the datagrams counted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <cmocka.h>
#include <event2/event.h>
#include <sys/socket.h>

#include "lib/wire/transport.h"

#define SILENT 3
#define BUDGET_MS 4000u /* far more than three silent servers cost (3 x 400 ms) */

struct lab {
    struct event_base *base;
    struct wire_transport *t;
    int silent[SILENT];
    int good;
    struct event *good_event;
    struct sockaddr_in6 silent_addr[SILENT]; /* as the transport names servers */
    struct sockaddr_in6 good_addr;
    unsigned answered; /* datagrams the good server answered */
};

struct outcome {
    bool done;
    enum wire_result result;
    struct sockaddr_in6 from;
};

/* A UDP socket on 127.0.0.1 or ::1 (family), on a port the kernel picks; *name is its address
 * as the transport names servers. */
static int udp_server(int family, struct sockaddr_in6 *name)
{
    int fd = socket(family, SOCK_DGRAM, 0);
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
    socklen_t len;

    assert_true(fd >= 0);
    memset(&v4, 0, sizeof(v4));
    memset(&v6, 0, sizeof(v6));
    if (family == AF_INET) {
        v4.sin_family = AF_INET;
        v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof(v4);
        assert_int_equal(bind(fd, (const struct sockaddr *)&v4, len), 0);
        assert_int_equal(getsockname(fd, (struct sockaddr *)&v4, &len), 0);
        wire_addr_v4(name, (const uint8_t *)&v4.sin_addr.s_addr, ntohs(v4.sin_port));
    } else {
        v6.sin6_family = AF_INET6;
        v6.sin6_addr = in6addr_loopback;
        len = sizeof(v6);
        assert_int_equal(bind(fd, (const struct sockaddr *)&v6, len), 0);
        assert_int_equal(getsockname(fd, (struct sockaddr *)&v6, &len), 0);
        wire_addr_v6(name, v6.sin6_addr.s6_addr, ntohs(v6.sin6_port));
    }
    return fd;
}

/* The good server: the query back with QR and AA set (the transport checks only that the reply
 * matches the question; what it means is reply.c's business). */
static void on_query(evutil_socket_t fd, short what, void *arg)
{
    struct lab *lab = arg;
    uint8_t buf[1500];
    struct sockaddr_in6 from; /* big enough for either family */
    socklen_t from_len = sizeof(from);
    ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &from_len);

    (void)what;
    if (n < 12) {
        return;
    }
    buf[2] |= 0x84;
    (void)sendto(fd, buf, (size_t)n, 0, (const struct sockaddr *)&from, from_len);
    lab->answered++;
}

static int lab_setup_family(void **state, int good_family)
{
    struct lab *lab = test_calloc(1, sizeof(*lab));

    assert_non_null(lab);
    lab->base = event_base_new();
    assert_non_null(lab->base);
    assert_int_equal(wire_transport_new(lab->base, 2, 16, &lab->t), 0);
    for (int i = 0; i < SILENT; i++) {
        lab->silent[i] = udp_server(AF_INET, &lab->silent_addr[i]);
    }
    lab->good = udp_server(good_family, &lab->good_addr);
    lab->good_event = event_new(lab->base, lab->good, EV_READ | EV_PERSIST, on_query, lab);
    assert_non_null(lab->good_event);
    assert_int_equal(event_add(lab->good_event, NULL), 0);
    *state = lab;
    return 0;
}

static int lab_setup(void **state)
{
    return lab_setup_family(state, AF_INET);
}

static int lab_setup_v6(void **state)
{
    return lab_setup_family(state, AF_INET6);
}

static int lab_teardown(void **state)
{
    struct lab *lab = *state;

    wire_transport_free(lab->t);
    event_free(lab->good_event);
    for (int i = 0; i < SILENT; i++) {
        (void)close(lab->silent[i]);
    }
    (void)close(lab->good);
    event_base_free(lab->base);
    test_free(lab);
    return 0;
}

static void on_done(void *user, enum wire_result result, const uint8_t *reply, size_t len,
                    const struct sockaddr_in6 *from)
{
    struct outcome *o = user;

    (void)reply;
    (void)len;
    o->done = true;
    o->result = result;
    if (from != NULL) {
        o->from = *from;
    }
}

/* Asks servers[0..n) and runs the loop until the answer or timeout. */
static struct outcome ask(struct lab *lab, const struct sockaddr_in6 *servers, size_t n,
                          unsigned budget_ms)
{
    struct outcome o;

    memset(&o, 0, sizeof(o));
    assert_int_equal(
        wire_transport_query(lab->t, "www.lame.test", 257, servers, n, budget_ms, on_done, &o), 0);
    while (!o.done) {
        assert_int_equal(event_base_loop(lab->base, EVLOOP_ONCE), 0);
    }
    return o;
}

static void test_silent_servers_first(void **state)
{
    struct lab *lab = *state;
    struct sockaddr_in6 servers[SILENT + 1];
    struct outcome o;

    memcpy(servers, lab->silent_addr, sizeof(lab->silent_addr));
    servers[SILENT] = lab->good_addr;
    o = ask(lab, servers, SILENT + 1, BUDGET_MS);
    assert_int_equal(o.result, WIRE_REPLY);
    assert_true(wire_addr_equal(&o.from, &lab->good_addr));
    assert_int_equal(lab->answered, 1);
}

static void test_late_servers_last(void **state)
{
    struct lab *lab = *state;
    struct sockaddr_in6 servers[SILENT + 1];
    const struct wire_transport_stats *stats = wire_transport_stats(lab->t);
    uint64_t sent;
    struct outcome o;

    /* Each silent server is found late once, the good one is measured. */
    for (int i = 0; i < SILENT; i++) {
        o = ask(lab, &lab->silent_addr[i], 1, 500);
        assert_int_equal(o.result, WIRE_TIMEOUT);
    }
    o = ask(lab, &lab->good_addr, 1, BUDGET_MS);
    assert_int_equal(o.result, WIRE_REPLY);
    memcpy(servers, lab->silent_addr, sizeof(lab->silent_addr));
    servers[SILENT] = lab->good_addr;
    for (int round = 0; round < 8; round++) {
        sent = stats->sent;
        o = ask(lab, servers, SILENT + 1, BUDGET_MS);
        assert_int_equal(o.result, WIRE_REPLY);
        assert_int_equal(stats->sent - sent, 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_silent_servers_first, lab_setup, lab_teardown),
        cmocka_unit_test_setup_teardown(test_late_servers_last, lab_setup, lab_teardown),
        /* The same with the good server on ::1: IPv6 beside IPv4 on one transport. */
        cmocka_unit_test_setup_teardown(test_silent_servers_first, lab_setup_v6, lab_teardown),
        cmocka_unit_test_setup_teardown(test_late_servers_last, lab_setup_v6, lab_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
