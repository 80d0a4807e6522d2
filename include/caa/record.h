/* SPDX-License-Identifier: MIT */
#ifndef CAA_RECORD_H
#define CAA_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/export.h>
#include <caa/status.h>

/*
 * One CAA resource record's RDATA (RFC 8659 §4.1): flags, tag, value.
 * Thread rule: records and RRsets are plain data; use one from one thread at a time.
 */

#define CAA_TAG_MAX 255
/* A value is bounded by RDLENGTH: 65535 - 2 - tag length. */
#define CAA_VALUE_MAX 65533

/* Bit 0 of the flags octet, value 128 (RFC 8659 §4.1). */
#define CAA_FLAG_CRITICAL 128

/*
 * Caller-owned. `tag` holds tag_len bytes as published (case kept) and a NUL after them; `value`
 * is heap memory owned by the record, value_len bytes plus a NUL after them (a value may itself
 * contain NUL bytes: always use value_len). Release with caa_record_cleanup().
 */
struct caa_record {
    uint8_t flags;
    uint8_t tag_len;
    char tag[CAA_TAG_MAX + 1];
    size_t value_len;
    uint8_t *value;
};

/* Parser options (bit set). */
enum caa_parse_flags {
    CAA_PARSE_STRICT = 0,
    /* Accept an empty or non-alphanumeric tag, as CA software built on miekg/dns does, so a
     * verdict can be computed for what a CA really receives. */
    CAA_PARSE_LENIENT_TAG = 1,
};

/** Zeroes *rec: an empty record that cleanup accepts. */
CAA_API void caa_record_init(struct caa_record *rec);
/** Frees the value and re-initialises *rec. NULL is a no-op. */
CAA_API void caa_record_cleanup(struct caa_record *rec);
/** Deep copy into *out (initialised by this call). */
CAA_API enum caa_status caa_record_copy(const struct caa_record *src, struct caa_record *out);
/** Builds a record from parts; the tag must be 1-255 bytes (alphanumeric unless lenient). */
CAA_API enum caa_status caa_record_set(struct caa_record *out, uint8_t flags, const char *tag,
                                       const uint8_t *value, size_t value_len, unsigned parse_flags,
                                       struct caa_error *err);

/**
 * Wire RDATA -> record. On CAA_E_SYNTAX, err (may be NULL) says which byte is wrong: truncated
 * RDATA, tag length 0, a tag longer than the RDATA, a non-alphanumeric tag byte (strict only).
 * *out is initialised and filled only on success.
 */
CAA_API enum caa_status caa_record_from_wire(const uint8_t *rdata, size_t rdata_len,
                                             unsigned parse_flags, struct caa_record *out,
                                             struct caa_error *err);
/** Record -> wire RDATA into buf (cap bytes). *len_out is the RDATA length. CAA_E_LIMIT if cap is
 * too small (then *len_out still says how much is needed). */
CAA_API enum caa_status caa_record_to_wire(const struct caa_record *rec, uint8_t *buf, size_t cap,
                                           size_t *len_out);

/**
 * Presentation text -> record (RFC 8659 §4.1.1): `<flags> <tag> <value>` with the value quoted or
 * not, RFC 1035 escapes (\" \\ \DDD), any length; or the RFC 3597 generic form `\# <len> <hex>`.
 * `text` is the RDATA part only (no owner, TTL, class or type), `len` bytes. On CAA_E_SYNTAX,
 * err->offset is the byte column in text.
 */
CAA_API enum caa_status caa_record_from_text(const char *text, size_t len, unsigned parse_flags,
                                             struct caa_record *out, struct caa_error *err);
/** Record -> `0 issue "letsencrypt.org"` (tag as published; value quoted, with `"`, `\` and bytes
 * outside 0x20-0x7E escaped so the text parses back to the same bytes). *out is malloc'd: free().
 */
CAA_API enum caa_status caa_record_to_text(const struct caa_record *rec, char **out);
/** Record -> RFC 3597 generic RDATA `\# 22 0005697373...` (upper-case hex). *out: free(). */
CAA_API enum caa_status caa_record_to_generic(const struct caa_record *rec, char **out);

/** True if the tag, compared case-insensitively, equals `name` (lower-case). */
CAA_API bool caa_record_tag_is(const struct caa_record *rec, const char *name);

/*
 * An RRset: the records at one owner name, in the order given. Opaque; everything it holds is
 * released by caa_rrset_free(). At most 65535 records (CAA_E_LIMIT past that).
 */
struct caa_rrset;

CAA_API enum caa_status caa_rrset_new(struct caa_rrset **out);
/** NULL is a no-op. */
CAA_API void caa_rrset_free(struct caa_rrset *set);
/** The owner name the RRset was found at (copied). */
CAA_API enum caa_status caa_rrset_set_owner(struct caa_rrset *set, const char *owner);
/** Borrowed until the next set_owner or free; "" when none was set. */
CAA_API const char *caa_rrset_owner(const struct caa_rrset *set);
/** Appends a deep copy of rec. */
CAA_API enum caa_status caa_rrset_add(struct caa_rrset *set, const struct caa_record *rec);
CAA_API size_t caa_rrset_count(const struct caa_rrset *set);
/** Borrowed until the RRset is freed. i < caa_rrset_count(). */
CAA_API const struct caa_record *caa_rrset_record(const struct caa_rrset *set, size_t i);

#endif
