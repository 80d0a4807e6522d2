/* SPDX-License-Identifier: MIT */
#ifndef CAA_VALUE_H
#define CAA_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/export.h>
#include <caa/profile.h>
#include <caa/status.h>

/*
 * Property values: the `issue`/`issuewild`/`issuemail` grammar (RFC 8659 §4.2, RFC 8657) and the
 * checks for `iodef`, `contactemail`, `contactphone`. Pure functions, no allocation.
 */

#define CAA_ISSUE_PARAMS_MAX 64

/* A slice of the value being parsed: pointers borrow from the caller's value buffer. */
struct caa_slice {
    const uint8_t *ptr;
    size_t len;
};

struct caa_issue_param {
    struct caa_slice tag;   /* trimmed of SP/HTAB */
    struct caa_slice value; /* trimmed of SP/HTAB; may be empty */
};

/*
 * A parsed issue-value. `issuer` is the text before the first `;`, trimmed (empty: no CA may
 * issue). Filled even for a malformed value as far as parsing got, so callers can say "this
 * record names your CA but is malformed".
 */
struct caa_issue_value {
    bool well_formed;
    struct caa_slice issuer;
    size_t param_count;
    struct caa_issue_param params[CAA_ISSUE_PARAMS_MAX];
};

/**
 * Parses an issue/issuewild/issuemail value under `profile`:
 *  - letsencrypt: split on `;`; every piece after the issuer needs `=`, except one empty piece
 *    right after the issuer (`ca.example;`); parameter tags [A-Za-z0-9]+; values bytes
 *    0x21-0x3A, 0x3C-0x7E; the issuer is not checked (matched byte for byte later).
 *  - rfc8659: the §4.2 ABNF exactly (LDH issuer labels, tags with interior hyphens, no trailing
 *    `;` after a parameter).
 * Returns CAA_OK with out->well_formed false when the value breaks the grammar (err, if not NULL,
 * says where: err->offset is the byte in value); CAA_E_LIMIT (and well_formed false) past
 * CAA_ISSUE_PARAMS_MAX parameters. value may contain any bytes.
 */
CAA_API enum caa_status caa_issue_value_parse(const uint8_t *value, size_t value_len,
                                              enum caa_profile profile, struct caa_issue_value *out,
                                              struct caa_error *err);

/** Parameters named `name` (letsencrypt: byte-exact; rfc8659: case-insensitive). */
CAA_API size_t caa_issue_value_param_count(const struct caa_issue_value *v, const char *name,
                                           enum caa_profile profile);
/** The first parameter named `name`, or NULL. Borrowed from v. */
CAA_API const struct caa_issue_param *
caa_issue_value_param(const struct caa_issue_value *v, const char *name, enum caa_profile profile);

/** True if s is an RFC 8659 issuer-domain-name: LDH labels joined by dots, no trailing dot. */
CAA_API bool caa_is_issuer_domain(const uint8_t *s, size_t len);

/** RFC 8657 §4 validationmethods value: `label *("," label)`, label = 1*(ALPHA / DIGIT / "-"). */
CAA_API bool caa_is_method_list(const uint8_t *s, size_t len);
/** The i-th ACME validation method Let's Encrypt knows ("http-01", "dns-01", "tls-alpn-01",
 * "dns-account-01", "dns-persist-01"); NULL past the end. Static storage. */
CAA_API const char *caa_validation_method_at(size_t i);
/** True if the `len` bytes at s are exactly one of those methods (case-sensitive, as Boulder). */
CAA_API bool caa_validation_method_known(const uint8_t *s, size_t len);
/** RFC 8657 §3 accounturi value: an absolute RFC 3986 URI (scheme ":" hier-part, no spaces). */
CAA_API bool caa_is_account_uri(const uint8_t *s, size_t len);

/** RFC 8659 §4.4: iodef must be a mailto:, http: or https: URL. On false, err explains. */
CAA_API bool caa_iodef_valid(const uint8_t *value, size_t len, struct caa_error *err);
/** CA/B BR App. A: contactemail holds exactly one email address (RFC 6532 §3.2 addr-spec). */
CAA_API bool caa_contactemail_valid(const uint8_t *value, size_t len, struct caa_error *err);
/** CA/B BR App. A: contactphone is an RFC 3966 global number (leading `+`). */
CAA_API bool caa_contactphone_valid(const uint8_t *value, size_t len, struct caa_error *err);

#endif
