/* SPDX-License-Identifier: MIT */
/* The wire engine's query bytes and its strict reply test: a reply with the wrong ID, from the
 * wrong address or port, for another question or in another case is never taken. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arpa/inet.h>
#include <cmocka.h>
#include <ldns/ldns.h>

#include "lib/wire/packet.h"

/* A server's address as the transport names it: IPv6, IPv4 as a mapped address. */
static struct sockaddr_in6 addr(const char *ip, uint16_t port)
{
    struct sockaddr_in6 a;
    uint8_t bytes[16];

    if (inet_pton(AF_INET, ip, bytes) == 1) {
        wire_addr_v4(&a, bytes, port);
    } else {
        assert_int_equal(inet_pton(AF_INET6, ip, bytes), 1);
        wire_addr_v6(&a, bytes, port);
    }
    return a;
}

/* A question for name (case as given) and the reply a server would send: the query with QR. */
static size_t question_and_reply(const char *name, struct wire_question *q, uint8_t *reply)
{
    size_t len;

    memset(q, 0, sizeof(*q));
    q->id = 0xBEEF;
    q->qtype = 257;
    q->qname_len = wire_name_from_text(name, q->qname);
    assert_true(q->qname_len > 0);
    len = wire_query_build(q, 1232, reply);
    reply[2] |= 0x84; /* QR, AA */
    return len;
}

static void test_query_is_what_ldns_reads(void **state)
{
    struct wire_question q;
    uint8_t buf[WIRE_QUERY_MAX];
    ldns_pkt *pkt = NULL;
    char *qname;
    size_t len;

    (void)state;
    memset(&q, 0, sizeof(q));
    q.id = 4242;
    q.qtype = 257;
    q.qname_len = wire_name_from_text("WwW.Example.TEST", q.qname);
    len = wire_query_build(&q, 1232, buf);
    assert_int_equal(ldns_wire2pkt(&pkt, buf, len), LDNS_STATUS_OK);
    assert_int_equal(ldns_pkt_id(pkt), 4242);
    assert_false(ldns_pkt_rd(pkt));
    assert_false(ldns_pkt_qr(pkt));
    assert_true(ldns_pkt_edns_do(pkt));
    assert_int_equal(ldns_pkt_edns_udp_size(pkt), 1232);
    assert_int_equal(ldns_rr_get_type(ldns_rr_list_rr(ldns_pkt_question(pkt), 0)), 257);
    qname = ldns_rdf2str(ldns_rr_owner(ldns_rr_list_rr(ldns_pkt_question(pkt), 0)));
    assert_string_equal(qname, "WwW.Example.TEST.");
    free(qname);
    ldns_pkt_free(pkt);
}

static void test_names(void **state)
{
    uint8_t w[WIRE_NAME_MAX];
    char long_label[80];

    (void)state;
    assert_int_equal(wire_name_from_text("", w), 1);
    assert_int_equal(wire_name_from_text(".", w), 1);
    assert_int_equal(wire_name_from_text("a.b", w), 5);
    assert_memory_equal(w, "\1a\1b\0", 5);
    assert_int_equal(wire_name_from_text("a..b", w), 0);
    memset(long_label, 'x', 64);
    long_label[64] = '\0';
    assert_int_equal(wire_name_from_text(long_label, w), 0);
}

static void test_case_randomisation_flips_letters_only(void **state)
{
    uint8_t w[WIRE_NAME_MAX];
    uint8_t all[32], none[32];
    size_t len = wire_name_from_text("ab-1.xyz", w);

    (void)state;
    memset(all, 0xFF, sizeof(all));
    memset(none, 0, sizeof(none));
    wire_name_randomize_case(w, len, none);
    assert_memory_equal(w, "\4ab-1\3xyz\0", len);
    wire_name_randomize_case(w, len, all);
    /* Length bytes (4, 3) and non-letters stay; every letter flips. */
    assert_memory_equal(w, "\4AB-1\3XYZ\0", len);
}

static void test_match(void **state)
{
    static const struct {
        const char *what;
        enum wire_match want;
    } cases[] = {
        {"good", WIRE_MATCH},
        {"id", WIRE_WRONG_ID},
        {"port", WIRE_WRONG_SOURCE},
        {"address", WIRE_WRONG_SOURCE},
        {"case", WIRE_WRONG_CASE},
        {"name", WIRE_WRONG_QUESTION},
        {"type", WIRE_WRONG_QUESTION},
        {"qdcount", WIRE_WRONG_QUESTION},
        {"query", WIRE_NOT_RESPONSE},
        {"short", WIRE_MALFORMED},
        {"second server", WIRE_MATCH},
        {"v6 port", WIRE_WRONG_SOURCE},
        {"v6 address", WIRE_WRONG_SOURCE},
        {"v4 as v6 bytes", WIRE_WRONG_SOURCE},
    };
    struct sockaddr_in6 sent[2] = {addr("127.53.0.3", 53), addr("::1", 53)};

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct wire_question q;
        uint8_t reply[WIRE_QUERY_MAX];
        size_t len = question_and_reply("wWw.eXample.test", &q, reply);
        struct sockaddr_in6 from = sent[0];
        const char *w = cases[i].what;
        if (strcmp(w, "id") == 0) {
            reply[1] ^= 1;
        } else if (strcmp(w, "port") == 0) {
            from.sin6_port = htons(5353);
        } else if (strcmp(w, "address") == 0) {
            from = addr("127.53.0.10", 53);
        } else if (strcmp(w, "case") == 0) {
            reply[WIRE_HEADER_LEN + 1] = 'w'; /* "WWw" -> "wWw" is the same; flip the 'W' */
            reply[WIRE_HEADER_LEN + 2] = 'w';
        } else if (strcmp(w, "name") == 0) {
            reply[WIRE_HEADER_LEN + 1] = 'x';
        } else if (strcmp(w, "type") == 0) {
            reply[WIRE_HEADER_LEN + q.qname_len] = 0; /* 257 -> 1 */
        } else if (strcmp(w, "qdcount") == 0) {
            reply[5] = 2;
        } else if (strcmp(w, "query") == 0) {
            reply[2] &= 0x7F;
        } else if (strcmp(w, "short") == 0) {
            len = 11;
        } else if (strcmp(w, "second server") == 0) {
            from = sent[1]; /* ::1 */
        } else if (strcmp(w, "v6 port") == 0) {
            from = sent[1];
            from.sin6_port = htons(5353);
        } else if (strcmp(w, "v6 address") == 0) {
            from = addr("::2", 53);
        } else if (strcmp(w, "v4 as v6 bytes") == 0) {
            /* 127.53.0.3 is ::ffff:127.53.0.3, not the IPv4-compatible ::127.53.0.3 */
            from = addr("::7f35:3", 53);
        }
        if (wire_reply_match(&q, sent, 2, &from, reply, len) != cases[i].want) {
            fail_msg("%s: got %s, want %s", w,
                     wire_match_name(wire_reply_match(&q, sent, 2, &from, reply, len)),
                     wire_match_name(cases[i].want));
        }
    }
}

static void test_match_only_servers_asked(void **state)
{
    struct sockaddr_in6 sent = addr("127.53.0.3", 53);
    struct sockaddr_in6 other = addr("127.53.0.4", 53);
    struct wire_question q;
    uint8_t reply[WIRE_QUERY_MAX];
    size_t len = question_and_reply("a.test", &q, reply);

    (void)state;
    assert_int_equal(wire_reply_match(&q, &sent, 1, &sent, reply, len), WIRE_MATCH);
    assert_int_equal(wire_reply_match(&q, &sent, 1, &other, reply, len), WIRE_WRONG_SOURCE);
    assert_int_equal(wire_reply_match(&q, &sent, 0, &sent, reply, len), WIRE_WRONG_SOURCE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_is_what_ldns_reads),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_case_randomisation_flips_letters_only),
        cmocka_unit_test(test_match),
        cmocka_unit_test(test_match_only_servers_asked),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
