/* SPDX-License-Identifier: MIT */
/* src/service/cidr.c and client_addr.c: ranges, the blocked list, who the client is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "service/cidr.h"
#include "service/client_addr.h"

static void test_parse(void **state)
{
    static const struct {
        const char *text;
        int ok;
    } cases[] = {
        {"127.53.0.0/24", 1}, {"10.0.0.0/8", 1}, {"192.0.2.1", 1},   {"::1/128", 1},
        {"fc00::/7", 1},      {"10.0.0.1/8", 0}, {"10.0.0.0/33", 0}, {"10.0.0.0/", 0},
        {"nonsense", 0},      {"", 0},           {"::/129", 0},      {"1.2.3.4/24x", 0},
    };
    struct cidr c;

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(cidr_parse(cases[i].text, &c) == 0, cases[i].ok);
    }
}

static int blocked(const struct cidr *list, size_t n, const char *address)
{
    uint8_t a[16] = {0};
    int family = strchr(address, ':') != NULL ? AF_INET6 : AF_INET;

    assert_int_equal(inet_pton(family, address, a), 1);
    return cidr_list_contains(list, n, family, a);
}

/* --allow-private 127.53.0.0/24: the lab is allowed, the host's own loopback is not. */
static void test_blocked_ranges(void **state)
{
    struct cidr allowed, out[64];
    size_t n;

    (void)state;
    assert_int_equal(cidr_parse("127.53.0.0/24", &allowed), 0);
    n = cidr_blocked_ranges(&allowed, 1, out, 64);
    assert_true(n <= 32); /* fits the library's resolver options */
    assert_true(blocked(out, n, "127.0.0.1"));
    assert_true(blocked(out, n, "127.53.1.1"));
    assert_true(blocked(out, n, "127.52.255.255"));
    assert_false(blocked(out, n, "127.53.0.1"));
    assert_false(blocked(out, n, "127.53.0.255"));
    assert_true(blocked(out, n, "10.1.2.3"));
    assert_true(blocked(out, n, "192.168.1.1"));
    assert_true(blocked(out, n, "169.254.0.1"));
    assert_true(blocked(out, n, "::1"));
    assert_true(blocked(out, n, "fe80::1"));
    assert_false(blocked(out, n, "192.0.2.1"));
    assert_false(blocked(out, n, "2001:db8::1"));
    /* Nothing allowed: the whole of 127/8. */
    n = cidr_blocked_ranges(NULL, 0, out, 64);
    assert_true(blocked(out, n, "127.53.0.1"));
    /* Too many pieces for the caller's list: the count says so. */
    assert_true(cidr_blocked_ranges(&allowed, 1, out, 4) > 4);
}

static void peer4(struct sockaddr_in *sa, const char *address)
{
    memset(sa, 0, sizeof(*sa));
    sa->sin_family = AF_INET;
    assert_int_equal(inet_pton(AF_INET, address, &sa->sin_addr), 1);
}

static void test_client(void **state)
{
    struct cidr trusted[2];
    struct sockaddr_in proxy, other;
    struct client_addr c;

    (void)state;
    assert_int_equal(cidr_parse("127.0.0.1", &trusted[0]), 0);
    assert_int_equal(cidr_parse("10.0.0.0/8", &trusted[1]), 0);
    peer4(&proxy, "127.0.0.1");
    peer4(&other, "192.0.2.50");
    /* The rightmost hop that is not a trusted proxy. */
    client_addr_get((struct sockaddr *)&proxy, NULL, "198.51.100.7, 192.0.2.1, 10.1.1.1", trusted,
                    2, &c);
    assert_string_equal(c.text, "192.0.2.1");
    assert_string_equal(c.key, "192.0.2.1");
    /* Forwarded wins over X-Forwarded-For; v6 keys are the /64. */
    client_addr_get((struct sockaddr *)&proxy, "for=\"[2001:db8:1:2:3::9]:4711\";proto=https",
                    "192.0.2.1", trusted, 2, &c);
    assert_string_equal(c.text, "2001:db8:1:2:3::9");
    assert_string_equal(c.key, "2001:db8:1:2::/64");
    client_addr_get((struct sockaddr *)&proxy, "for=192.0.2.9:80, for=10.0.0.2", NULL, trusted, 2,
                    &c);
    assert_string_equal(c.text, "192.0.2.9");
    /* Not from a trusted proxy: the headers are ignored. */
    client_addr_get((struct sockaddr *)&other, NULL, "198.51.100.7", trusted, 2, &c);
    assert_string_equal(c.text, "192.0.2.50");
    /* An unreadable hop stops the walk at the last proxy. */
    client_addr_get((struct sockaddr *)&proxy, NULL, "garbage", trusted, 2, &c);
    assert_string_equal(c.text, "127.0.0.1");
    /* No trusted proxies at all. */
    client_addr_get((struct sockaddr *)&proxy, NULL, "198.51.100.7", NULL, 0, &c);
    assert_string_equal(c.text, "127.0.0.1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_blocked_ranges),
        cmocka_unit_test(test_client),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
