/* SPDX-License-Identifier: MIT */
#ifndef CAA_ZONE_H
#define CAA_ZONE_H

#include <stddef.h>
#include <stdint.h>

#include <caa/export.h>
#include <caa/record.h>
#include <caa/status.h>

/*
 * The CAA records in zone-file text (RFC 1035 §5 master-file syntax: $ORIGIN, $TTL, owner
 * inheritance, parentheses, comments, quoted strings), with the line each came from. Records of
 * other types are skipped, not errors. A line that cannot be read is kept as an error with its
 * position and reading goes on. Thread rule: immutable once parsed.
 */

enum caa_zone_flags {
    CAA_ZONE_DEFAULT = 0,
    /* Also accept a bare RDATA line (`0 issue "ca.example"`), owned by the origin: for `eval`. */
    CAA_ZONE_BARE_RDATA = 1,
};

/* Borrowed from the zone; valid until caa_zone_free(). */
struct caa_zone_entry {
    const char *owner; /* absolute, lower-case, no trailing dot ("" for the root) */
    size_t line;       /* 1-based line where the record starts */
    size_t column;     /* 1-based column of the RDATA (the flags field) */
    uint32_t ttl;
    const char *rdata_text; /* the RDATA as written in the file */
    struct caa_record record;
};

struct caa_zone_error {
    size_t line;         /* 1-based */
    size_t column;       /* 1-based */
    const char *message; /* "unbalanced quote", "CAA: tag must be alphanumeric", ... */
    const char *text;    /* the offending line as written */
    int is_caa;          /* the line was a CAA record (so the record is lost, not just skipped) */
};

struct caa_zone;

/**
 * Parses `len` bytes of zone text. `origin` (may be NULL or "") is the initial $ORIGIN, used for
 * relative owners and `@`. *out: free with caa_zone_free(). Fails only on CAA_E_NOMEM,
 * CAA_E_LIMIT or bad arguments; syntax problems are kept in the zone as errors.
 */
CAA_API enum caa_status caa_zone_parse(const char *text, size_t len, const char *origin,
                                       unsigned flags, struct caa_zone **out);
/** NULL is a no-op. */
CAA_API void caa_zone_free(struct caa_zone *zone);

CAA_API size_t caa_zone_entry_count(const struct caa_zone *zone);
CAA_API const struct caa_zone_entry *caa_zone_entry(const struct caa_zone *zone, size_t i);
CAA_API size_t caa_zone_error_count(const struct caa_zone *zone);
CAA_API const struct caa_zone_error *caa_zone_error(const struct caa_zone *zone, size_t i);

/**
 * The relevant RRset for `name` among the zone's records, found by the RFC 8659 §3 climb (the
 * name, then each parent; a leading "*." is stripped first). *out is an RRset owned by the
 * caller (caa_rrset_free); it is empty, with no owner, when no owner on the climb has CAA.
 */
CAA_API enum caa_status caa_zone_relevant_rrset(const struct caa_zone *zone, const char *name,
                                                struct caa_rrset **out);

#endif
