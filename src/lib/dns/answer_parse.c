/* SPDX-License-Identifier: MIT */
/* DNS messages (libunbound's answer packets) -> struct caa__dns_answer: the ldns reading, which
 * answer_wire.c falls back to and is held to. */
#include "lib/dns/answer_parse.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "lib/util/ascii.h"

void caa__dns_answer_init(struct caa__dns_answer *answer, const char *qname)
{
    memset(answer, 0, sizeof(*answer));
    (void)snprintf(answer->qname, sizeof(answer->qname), "%s", qname);
    answer->failure = CAA__DNS_OK;
    answer->rcode = -1;
    answer->dnssec = CAA_DNSSEC_UNKNOWN;
}

void caa__dns_answer_cleanup(struct caa__dns_answer *answer)
{
    size_t i;

    if (answer == NULL) {
        return;
    }
    if (answer->pool != NULL) {
        caa__block_put(answer->pool, answer->rdata); /* the lists and the bytes */
    } else {
        for (i = 0; i < answer->rdata_count; i++) {
            free(answer->rdata[i]);
        }
        free(answer->rdata);
        free(answer->rdata_len);
    }
    answer->rdata = NULL;
    answer->rdata_len = NULL;
    answer->rdata_count = 0;
    for (i = 0; i < answer->alias_count; i++) {
        if (answer->pool != NULL) {
            caa__block_put(answer->pool, answer->aliases[i]);
        } else {
            free(answer->aliases[i]);
        }
        answer->aliases[i] = NULL;
    }
    answer->alias_count = 0;
}

bool caa__dns_answer_rdata_block(struct caa__dns_answer *answer, size_t n, size_t total_bytes,
                                 uint8_t **cursor)
{
    /* The pointers, then the lengths, then the bytes: one block to get and to give back. */
    size_t lists = (n + 1) * (sizeof(*answer->rdata) + sizeof(*answer->rdata_len));
    unsigned char *block;

    *cursor = NULL;
    if (n > SIZE_MAX / 32 || total_bytes > SIZE_MAX - lists) {
        return false;
    }
    if (answer->pool == NULL) {
        /* Not pooled: each part is a malloc of its own, as cleanup frees them. */
        answer->rdata = calloc(n + 1, sizeof(*answer->rdata));
        answer->rdata_len = calloc(n + 1, sizeof(*answer->rdata_len));
        return answer->rdata != NULL && answer->rdata_len != NULL;
    }
    if ((block = caa__block_get(answer->pool, lists + total_bytes)) == NULL) {
        return false;
    }
    memset(block, 0, lists);
    answer->rdata = (uint8_t **)(void *)block;
    answer->rdata_len = (size_t *)(void *)(block + (n + 1) * sizeof(*answer->rdata));
    *cursor = block + lists;
    return true;
}

bool caa__dns_answer_rdata_push(struct caa__dns_answer *answer, uint8_t **cursor,
                                const uint8_t *rdata, size_t len)
{
    uint8_t *copy = *cursor;

    if (answer->pool == NULL) {
        if ((copy = malloc(len + 1)) == NULL) {
            return false;
        }
    } else {
        *cursor += len;
    }
    if (len > 0) {
        memcpy(copy, rdata, len);
    }
    answer->rdata[answer->rdata_count] = copy;
    answer->rdata_len[answer->rdata_count++] = len;
    return true;
}

char *caa__dns_answer_alias_room(struct caa__dns_answer *answer, size_t size)
{
    if (answer->alias_count >= CAA__DNS_ALIASES_MAX) {
        return NULL;
    }
    return answer->pool != NULL ? caa__block_get(answer->pool, size) : malloc(size);
}

bool caa__dns_answer_same_records(const struct caa__dns_answer *a, const struct caa__dns_answer *b)
{
    if (a->truncated != b->truncated || a->ttl != b->ttl || a->rdata_count != b->rdata_count ||
        a->alias_count != b->alias_count) {
        return false;
    }
    for (size_t i = 0; i < a->rdata_count; i++) {
        if (a->rdata_len[i] != b->rdata_len[i] ||
            memcmp(a->rdata[i], b->rdata[i], a->rdata_len[i]) != 0) {
            return false;
        }
    }
    for (size_t i = 0; i < a->alias_count; i++) {
        if (strcmp(a->aliases[i], b->aliases[i]) != 0) {
            return false;
        }
    }
    return true;
}

/* "www.example." -> "www.example" (the root stays "."), lower case: 0x20 randomises case. */
static void name_tidy(char *name)
{
    size_t len = strlen(name);

    if (len > 1 && name[len - 1] == '.') {
        name[--len] = '\0';
    }
    caa__ascii_lower_in_place(name, len);
}

static enum caa_status alias_add(struct caa__dns_answer *answer, const ldns_rdf *owner,
                                 const ldns_rdf *target)
{
    enum caa_status st = CAA_E_NOMEM;
    char *from = ldns_rdf2str(owner);
    char *to = ldns_rdf2str(target);
    char *alias = NULL;
    size_t size;

    if (from == NULL || to == NULL) {
        goto out;
    }
    name_tidy(from);
    name_tidy(to);
    size = strlen(from) + strlen(to) + sizeof(" -> ");
    alias = malloc(size);
    if (alias == NULL) {
        goto out;
    }
    (void)snprintf(alias, size, "%s -> %s", from, to);
    answer->aliases[answer->alias_count++] = alias;
    st = CAA_OK;
out:
    free(from);
    free(to);
    return st;
}

static enum caa_status aliases_from(struct caa__dns_answer *answer, const ldns_rr_list *section)
{
    enum caa_status st = CAA_OK;
    size_t i;
    const ldns_rr *rr;
    ldns_rr_type type;

    for (i = 0; i < ldns_rr_list_rr_count(section) && st == CAA_OK; i++) {
        rr = ldns_rr_list_rr(section, i);
        type = ldns_rr_get_type(rr);
        if ((type != LDNS_RR_TYPE_CNAME && type != LDNS_RR_TYPE_DNAME) ||
            ldns_rr_rdf(rr, 0) == NULL) {
            continue;
        }
        if (answer->alias_count == CAA__DNS_ALIASES_MAX) {
            break;
        }
        st = alias_add(answer, ldns_rr_owner(rr), ldns_rr_rdf(rr, 0));
    }
    return st;
}

/* The records of qtype in the answer section, whatever their owner (a CNAME chain's end), and
 * the TTL to cache the outcome for: the smallest answer TTL, or the negative TTL (RFC 2308 §5). */
static enum caa_status read_records(struct caa__dns_answer *ans, const ldns_pkt *pkt,
                                    uint16_t qtype)
{
    const ldns_rr_list *answer = ldns_pkt_answer(pkt);
    const ldns_rr_list *auth = ldns_pkt_authority(pkt);
    size_t n = 0;
    uint32_t ttl = UINT32_MAX;

    for (size_t i = 0; i < ldns_rr_list_rr_count(answer); i++) {
        const ldns_rr *rr = ldns_rr_list_rr(answer, i);
        ttl = ldns_rr_ttl(rr) < ttl ? ldns_rr_ttl(rr) : ttl;
        n += ldns_rr_get_type(rr) == (ldns_rr_type)qtype;
    }
    for (size_t i = 0; n == 0 && i < ldns_rr_list_rr_count(auth); i++) {
        const ldns_rr *rr = ldns_rr_list_rr(auth, i);
        if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA) {
            ttl = ldns_rr_ttl(rr) < ttl ? ldns_rr_ttl(rr) : ttl;
        }
    }
    ans->ttl = ttl == UINT32_MAX ? 0 : ttl;
    n = n > CAA__ANSWER_RDATA_MAX ? CAA__ANSWER_RDATA_MAX : n;
    ans->rdata = calloc(n + 1, sizeof(*ans->rdata));
    ans->rdata_len = calloc(n + 1, sizeof(*ans->rdata_len));
    if (ans->rdata == NULL || ans->rdata_len == NULL) {
        return CAA_E_NOMEM;
    }
    for (size_t i = 0; i < ldns_rr_list_rr_count(answer) && ans->rdata_count < n; i++) {
        const ldns_rr *rr = ldns_rr_list_rr(answer, i);
        ldns_buffer *buf;
        if (ldns_rr_get_type(rr) != (ldns_rr_type)qtype) {
            continue;
        }
        buf = ldns_buffer_new(512);
        if (buf == NULL || ldns_rr_rdata2buffer_wire(buf, rr) != LDNS_STATUS_OK) {
            ldns_buffer_free(buf);
            return CAA_E_NOMEM;
        }
        ans->rdata_len[ans->rdata_count] = ldns_buffer_position(buf);
        ans->rdata[ans->rdata_count] = malloc(ldns_buffer_position(buf) + 1);
        if (ans->rdata[ans->rdata_count] == NULL) {
            ldns_buffer_free(buf);
            return CAA_E_NOMEM;
        }
        memcpy(ans->rdata[ans->rdata_count], ldns_buffer_begin(buf), ldns_buffer_position(buf));
        ans->rdata_count++;
        ldns_buffer_free(buf);
    }
    return CAA_OK;
}

enum caa__answer_read caa__dns_answer_read_ldns(const uint8_t *packet, size_t len, int qtype,
                                                struct caa__dns_answer *answer,
                                                struct caa__answer_head *head)
{
    enum caa__answer_read r = CAA__ANSWER_READ_MALFORMED;
    ldns_pkt *pkt = NULL;

    if (ldns_wire2pkt(&pkt, packet, len) == LDNS_STATUS_OK) {
        head->rcode = (int)ldns_pkt_get_rcode(pkt);
        head->ad = ldns_pkt_ad(pkt);
        answer->truncated = ldns_pkt_tc(pkt);
        r = (qtype < 0 || read_records(answer, pkt, (uint16_t)qtype) == CAA_OK) &&
                    aliases_from(answer, ldns_pkt_answer(pkt)) == CAA_OK
                ? CAA__ANSWER_READ_OK
                : CAA__ANSWER_READ_NOMEM;
    }
    ldns_pkt_free(pkt);
    return r;
}

enum caa__answer_read caa__dns_answer_read(const uint8_t *packet, size_t len, int qtype,
                                           struct caa__dns_answer *answer,
                                           struct caa__answer_head *head)
{
    enum caa__answer_read r = caa__answer_wire_read(packet, len, qtype, answer, head);

    return r == CAA__ANSWER_READ_DECLINED
               ? caa__dns_answer_read_ldns(packet, len, qtype, answer, head)
               : r;
}

enum caa_status caa__dns_answer_from_packet(struct caa__dns_answer *answer, const uint8_t *packet,
                                            size_t packet_len)
{
    struct caa__answer_head head;

    return caa__dns_answer_read(packet, packet_len, -1, answer, &head) == CAA__ANSWER_READ_NOMEM
               ? CAA_E_NOMEM
               : CAA_OK;
}
