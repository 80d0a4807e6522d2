/* SPDX-License-Identifier: MIT */
#ifndef CAA_DNS_PROBE_H
#define CAA_DNS_PROBE_H

/*
 * Direct queries to one authoritative server address, the way `caa diagnose` asks every server
 * itself (RD=0), over UDP or TCP, with or without EDNS, with the DO bit, with mixed-case names.
 * Many probes run concurrently; each is bounded by its own timeout, so a silent server costs at
 * most that timeout. Only src/lib/dns/ sees ldns; callers get plain structs plus the reply's
 * wire bytes, and the parsed reply as an opaque handle that the DNSSEC checks of
 * dnssec_verify.h read.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/status.h>

/* The reply as ldns parsed it: opaque outside src/lib/dns/ (probe_msg.h). */
struct caa__probe_msg;

enum caa__probe_transport {
    CAA__PROBE_UDP = 0,
    CAA__PROBE_TCP = 1,
};

struct caa__probe_query {
    char address[64]; /* numeric IPv4 or IPv6 ("127.53.0.3", "::1") */
    uint16_t port;    /* 53 unless a lab says otherwise */
    char qname[256];  /* sent exactly as written (0x20 case kept), no trailing dot needed */
    uint16_t qtype;   /* 257 CAA, 6 SOA, 2 NS, 1 A, 28 AAAA, 43 DS, 48 DNSKEY, 16 TXT */
    enum caa__probe_transport transport;
    bool edns;          /* add an OPT RR */
    bool do_bit;        /* DNSSEC OK (implies edns) */
    uint16_t edns_size; /* advertised UDP size when edns (0: 1232) */
    bool rd;            /* recursion desired: false for authoritative probes */
    unsigned timeout_ms;
};

enum caa__probe_outcome {
    CAA__PROBE_ANSWER = 0,  /* a reply that parses came back (any rcode) */
    CAA__PROBE_TIMEOUT = 1, /* nothing within timeout_ms: a silent server or a dropped query */
    CAA__PROBE_UNREACHABLE =
        2,                    /* ICMP port unreachable (connected UDP) or TCP connection refused */
    CAA__PROBE_CLOSED = 3,    /* TCP: the server closed or reset the connection without a reply */
    CAA__PROBE_MALFORMED = 4, /* a reply came but does not parse as DNS */
    CAA__PROBE_ERROR = 5,     /* local failure: bad address, no socket */
    CAA__PROBE_FLOOD = 6,     /* more bytes than any reply (strays: other IDs) and no reply */
};

/* One RR of a reply, owner and type with its raw RDATA. */
struct caa__probe_rr {
    char owner[256]; /* as received (case kept), no trailing dot; the root is "." */
    uint16_t rrtype;
    uint32_t ttl;
    uint8_t *rdata; /* as ldns re-encodes it: names decompressed, case kept */
    size_t rdata_len;
};

struct caa__probe_result {
    enum caa__probe_outcome outcome;
    int rcode; /* -1 unless outcome is ANSWER; with the OPT RR's extended bits */
    bool qr, aa, tc, ra, ad;
    int opcode;            /* -1 unless outcome is ANSWER */
    bool has_opt;          /* the reply carried an OPT RR */
    bool question_matches; /* same qname (case-insensitively), qtype and class as asked */
    bool case_preserved;   /* the echoed qname is byte-identical to the one sent */
    char echoed_qname[256];
    size_t answer_count; /* section sizes as received */
    size_t authority_count;
    bool soa_in_authority;
    /* The answer and authority sections, every RR (RRSIG, NSEC, NSEC3, SOA, CNAME, CAA, ...). */
    struct caa__probe_rr *answer;
    struct caa__probe_rr *authority;
    struct caa__probe_rr *additional;
    size_t additional_count; /* the OPT RR is not in `additional` (see has_opt) */
    /* The parsed reply the sections above were copied from, for dnssec_verify.h (which judges
     * these records, not the copies). NULL unless outcome is ANSWER. */
    struct caa__probe_msg *msg;
    uint8_t *wire; /* the reply as received, wire_len bytes */
    size_t wire_len;
    unsigned elapsed_ms;
    unsigned stray_count; /* replies dropped for another ID or source (RFC 5452 §9.1) */
    char error[128];      /* every outcome but ANSWER: what went wrong */
};

/* Runs the n queries concurrently and fills results[i] for queries[i]. Returns CAA_E_NOMEM or
 * CAA_E_INVALID_ARG (results then hold nothing); otherwise CAA_OK, whatever the servers did (that
 * is in the results; free each with caa__probe_result_cleanup). One descriptor per query: n is
 * bounded by RLIMIT_NOFILE (a query that gets no socket ends as ERROR). Replies with another ID
 * are ignored (counted in stray_count); every read stops at the query's deadline and after
 * 4 x 64 KiB read (FLOOD), whatever the server sends; a TC=1 UDP reply is an ANSWER with tc set (no
 * automatic retry over TCP). */
enum caa_status caa__probe_run(const struct caa__probe_query *queries, size_t n,
                               struct caa__probe_result *results);

/* As caa__probe_run, but returns as soon as one query is answered (any rcode); the others end
 * as TIMEOUT ("not waited for"). For "can we reach any of these servers?". */
enum caa_status caa__probe_run_first(const struct caa__probe_query *queries, size_t n,
                                     struct caa__probe_result *results);

/* Frees what a result holds and zeroes it. */
void caa__probe_result_cleanup(struct caa__probe_result *result);

/* A query with the usual settings for an authoritative probe: UDP, EDNS 1232 with DO, RD=0,
 * port 53, timeout_ms. */
void caa__probe_query_init(struct caa__probe_query *q, const char *address, const char *qname,
                           uint16_t qtype, unsigned timeout_ms);

#endif
