/* SPDX-License-Identifier: MIT */
#ifndef CAA_CODE_H
#define CAA_CODE_H

#include <stdbool.h>

#include <caa/export.h>

/*
 * Every stable code the library reports: verdicts, lint findings and (later) DNS outcomes and
 * diagnoses. Names ("CAA_ISSUER_NOT_LISTED") are API for JSON and scripts; each has a message and
 * an entry in docs/codes.md, and a test keeps the three in step.
 */
enum caa_code {
    /* Verdict: allowed. */
    CAA_CODE_NO_RECORDS = 0,
    CAA_CODE_NO_RELEVANT_PROPERTY = 1,
    CAA_CODE_AUTHORIZED = 2,
    /* Verdict: denied. */
    CAA_CODE_ISSUER_NOT_LISTED = 3,
    CAA_CODE_EMPTY_ISSUER = 4,
    CAA_CODE_UNKNOWN_CRITICAL = 5,
    CAA_CODE_ACCOUNTURI_MISMATCH = 6,
    CAA_CODE_METHOD_NOT_ALLOWED = 7,
    CAA_CODE_MALFORMED = 8,
    CAA_CODE_DUPLICATE_PARAMETER = 9,
    /* Lint findings. */
    CAA_CODE_RECORD_SYNTAX = 10,
    CAA_CODE_ZONE_SYNTAX = 11,
    CAA_CODE_ISSUER_TRAILING_DOT = 12,
    CAA_CODE_ISSUER_UPPERCASE = 13,
    CAA_CODE_ISSUER_NOT_A_DOMAIN = 14,
    CAA_CODE_ISSUER_UNKNOWN_CA = 15,
    CAA_CODE_VALUE_QUOTED = 16,
    CAA_CODE_MULTIPLE_ISSUERS = 17,
    CAA_CODE_FLAG_1_AS_CRITICAL = 18,
    CAA_CODE_RESERVED_FLAGS = 19,
    CAA_CODE_CRITICAL_ON_IODEF = 20,
    CAA_CODE_CRITICAL_ON_CONTACT = 21,
    CAA_CODE_CRITICAL_UNKNOWN_TAG = 22,
    CAA_CODE_UNKNOWN_TAG = 23,
    CAA_CODE_TAG_UPPERCASE = 24,
    CAA_CODE_TAG_TOO_LONG = 25,
    CAA_CODE_PARAMETER_MALFORMED = 26,
    CAA_CODE_PARAMETER_TAG_HYPHEN = 27,
    CAA_CODE_PARAMETER_TAG_CASE = 28,
    CAA_CODE_TRAILING_SEMICOLON = 29,
    CAA_CODE_ACCOUNTURI_INVALID = 30,
    CAA_CODE_METHODS_INVALID = 31,
    CAA_CODE_METHOD_UNKNOWN = 32,
    CAA_CODE_ISSUEWILD_WITHOUT_ISSUE = 33,
    CAA_CODE_IODEF_BAD_SCHEME = 34,
    CAA_CODE_CONTACT_INVALID = 35,
    CAA_CODE_NON_ASCII_VALUE = 36,
    CAA_CODE_CAA_AT_WILDCARD_OWNER = 37,
    CAA_CODE_EMPTY_ISSUER_SET = 38,
    /* Lookup outcomes (verdict: error), and the BR 3.2.2.8 exception (allowed). */
    CAA_CODE_DNS_SERVFAIL = 39,
    CAA_CODE_DNS_TIMEOUT = 40,
    CAA_CODE_DNS_BOGUS = 41,
    CAA_CODE_DNS_NXDOMAIN_TLD = 42,
    CAA_CODE_DNS_TRUNCATED = 43,
    CAA_CODE_DNS_REFUSED = 44,
    CAA_CODE_DNS_RCODE = 45,
    CAA_CODE_DNS_NETWORK = 46,
    CAA_CODE_DNS_RESOLVER = 47,
    CAA_CODE_DNS_MALFORMED = 48,
    CAA_CODE_BR_EXCEPTION = 49,
    /* Diagnosis findings (caa diagnose). */
    CAA_CODE_NS_NOTIMP_CAA = 50,
    CAA_CODE_NS_REFUSED = 51,
    CAA_CODE_NS_FORMERR = 52,
    CAA_CODE_NS_SERVFAIL = 53,
    CAA_CODE_NS_DROPS_CAA = 54,
    CAA_CODE_NS_UNREACHABLE = 55,
    CAA_CODE_NS_LAME = 56,
    CAA_CODE_NODATA_WITHOUT_SOA = 57,
    CAA_CODE_CASE_NOT_PRESERVED = 58,
    CAA_CODE_TRUNCATED_NO_TCP = 59,
    CAA_CODE_EDNS_NONCOMPLIANT = 60,
    CAA_CODE_NS_INCONSISTENT = 61,
    CAA_CODE_SOA_SERIAL_MISMATCH = 62,
    CAA_CODE_DELEGATION_MISMATCH = 63,
    CAA_CODE_DNSSEC_EXPIRED = 64,
    CAA_CODE_DNSSEC_NOT_YET_VALID = 65,
    CAA_CODE_DNSSEC_BAD_SIGNATURE = 66,
    CAA_CODE_DNSSEC_BAD_DENIAL = 67,
    CAA_CODE_DNSSEC_DS_MISMATCH = 68,
    CAA_CODE_DNSSEC_STRIPPED = 69,
    CAA_CODE_CNAME_LOOP = 70,
    CAA_CODE_PARENT_LOOKUP_FAILED = 71,
    CAA_CODE_NS_PRIVATE_ADDRESS = 72,
    CAA_CODE_NS_INTERMITTENT = 73,
    CAA_CODE_DNS01_TXT_MISMATCH = 74,
    CAA_CODE_NO_PROBLEM_FOUND = 75,
    /* Bulk input. */
    CAA_CODE_INPUT_INVALID = 76,
    /* More lint findings. */
    CAA_CODE_NO_ZONE_DATA = 77,
    CAA_CODE_CNAME_WITH_CAA = 78,
    CAA_CODE_EMPTY_ISSUER_BESIDE_OTHERS = 79,
    CAA_CODE_PARAMETER_MISSPELLED = 80,
    CAA_CODE_DUPLICATE_RECORD = 81,
    /* What a CA reported (caa explain). */
    CAA_CODE_DNS01_TXT_FAILED = 82,
    /* Diagnosis, issue 11. */
    CAA_CODE_DNSSEC_NSEC3_ITERATIONS = 83,
    CAA_CODE_NS_MALFORMED_REPLY = 84,
    CAA_CODE_NS_WRONG_ID = 85,
    CAA_CODE_NS_WRONG_QUESTION = 86,
    CAA_CODE_NS_BAD_HEADER = 87,
    CAA_CODE_CNAME_CHAIN_TOO_LONG = 88,
    CAA_CODE_CAA_RECORD_MALFORMED = 89,
    /* Append only. Numbers are API: never reuse or renumber. */
    CAA_CODE_COUNT_ /* not a code */
};

enum caa_code_kind {
    CAA_CODE_KIND_ALLOWED = 0,   /* a verdict code meaning issuance is allowed */
    CAA_CODE_KIND_DENIED = 1,    /* a verdict code meaning issuance is denied */
    CAA_CODE_KIND_LINT = 2,      /* a finding about how records are written */
    CAA_CODE_KIND_DNS = 3,       /* a lookup outcome (verdict: error) */
    CAA_CODE_KIND_DIAGNOSIS = 4, /* a finding of caa diagnose about a server or zone */
};

enum caa_severity {
    CAA_SEVERITY_INFO = 0,
    CAA_SEVERITY_WARNING = 1,
    CAA_SEVERITY_ERROR = 2,
};

/** "CAA_ISSUER_NOT_LISTED". Never NULL, static storage; "CAA_UNKNOWN_CODE" out of range. */
CAA_API const char *caa_code_name(enum caa_code code);
/** One sentence for people. Never NULL, static storage. */
CAA_API const char *caa_code_message(enum caa_code code);
CAA_API enum caa_code_kind caa_code_kind(enum caa_code code);
/** Default severity of a lint code (verdict codes: denied = error, allowed = info). */
CAA_API enum caa_severity caa_code_severity(enum caa_code code);
/** Looks a code up by name; returns 0 on success, -1 if unknown. */
CAA_API int caa_code_from_name(const char *name, enum caa_code *out);
/** "info" / "warning" / "error". */
CAA_API const char *caa_severity_name(enum caa_severity severity);

#endif
