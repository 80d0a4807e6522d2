/* SPDX-License-Identifier: MIT */
#ifndef CAA_WIRE_TRANSPORT_H
#define CAA_WIRE_TRANSPORT_H

/*
 * The wire engine's own transport: questions to authoritative servers over a fixed pool of
 * long-lived UDP sockets on random source ports, each question with a random ID and 0x20 case,
 * a reply believed only when it passes wire_reply_match (ID, source address and port,
 * question, case; anything else is counted and ignored while the question keeps waiting), TCP
 * when the reply is truncated, a window per server that halves on loss and grows by one per
 * window of answers (AIMD), and a retransmission timeout per server from its measured RTT
 * (RFC 6298, Karn's rule). A server that has not answered within its timeout is late: the
 * next server of the question is asked beside it (every server once, then again with doubled
 * timeouts), and a reply from any server asked still counts (retransmissions keep the ID and
 * socket). Servers within a band of the fastest are tried in random order, late ones last.
 * Datagrams queued by the callbacks of one loop pass go out in one sendmmsg per socket;
 * replies come in with recvmmsg.
 *
 * Runs on the caller's libevent base; one thread at a time. Query slots, sockets and their
 * events are made once: the steady state allocates only for a new server or a TCP reply.
 */

#include <stddef.h>
#include <stdint.h>

#include <netinet/in.h>

#include "lib/wire/packet.h"

struct event_base;
struct wire_transport;

enum wire_result {
    WIRE_REPLY = 0,   /* a matching reply (over TCP when UDP was truncated) */
    WIRE_TIMEOUT = 1, /* every try timed out, or the budget ran out */
    WIRE_FAILED = 2,  /* TCP after truncation failed, or the reply over TCP was not ours */
};

struct wire_transport_stats {
    uint64_t queries;     /* questions asked */
    uint64_t sent;        /* UDP datagrams sent, retransmissions included */
    uint64_t replies;     /* questions answered */
    uint64_t timeouts;    /* questions that timed out */
    uint64_t tcp;         /* questions retried over TCP after TC */
    uint64_t tcp_failed;  /* of those, failed */
    uint64_t ignored[7];  /* datagrams not believed, by enum wire_match */
    uint64_t unsolicited; /* datagrams whose ID no question on that socket has */
};

/* Called once per question, from the event loop (never from inside wire_transport_query).
 * reply (len bytes) and from (the server that sent it) are borrowed for the call; NULL unless
 * result is WIRE_REPLY. */
typedef void wire_done_fn(void *user, enum wire_result result, const uint8_t *reply, size_t len,
                          const struct sockaddr_in6 *from);

/* A transport with socket_count UDP sockets and `slots` questions in flight at most. 0 or an
 * errno value. */
int wire_transport_new(struct event_base *base, unsigned socket_count, unsigned slots,
                       struct wire_transport **out);
/* Questions still in flight are dropped without a call. NULL is a no-op. */
void wire_transport_free(struct wire_transport *t);

/* Asks qname (presentation form) / qtype of servers[0..server_count) (port included; the
 * first 4; IPv4 servers as mapped addresses, wire_addr_v4), the fastest first, the next one each
 * time a server is late, within budget_ms. Returns 0, or -1 when no slot is free or the name is not
 * a name (fn is then not called). */
int wire_transport_query(struct wire_transport *t, const char *qname, uint16_t qtype,
                         const struct sockaddr_in6 *servers, size_t server_count,
                         unsigned budget_ms, wire_done_fn *fn, void *user);

const struct wire_transport_stats *wire_transport_stats(const struct wire_transport *t);

#endif
