/* SPDX-License-Identifier: MIT */
#ifndef CAA_GENERATE_H
#define CAA_GENERATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <caa/export.h>
#include <caa/status.h>

/*
 * From a policy ("these CAs, for wildcards those, report to here") to records, in the formats
 * DNS software and provisioning tools read. Pure; knows common CAs by name from a dated table.
 */

/* One CA of the built-in table (data/cas: the date is CAA_CA_TABLE_DATE). Static storage. */
struct caa_ca_info {
    const char *id;                    /* "letsencrypt" */
    const char *display_name;          /* "Let's Encrypt" */
    const char *const *issuer_domains; /* NULL-terminated: "letsencrypt.org", ... */
    const char *const *aliases; /* NULL-terminated names people type: "let's encrypt", "le" */
};

/** The table's date ("2026-11-01"). */
CAA_API const char *caa_ca_table_date(void);
CAA_API size_t caa_ca_count(void);
CAA_API const struct caa_ca_info *caa_ca_at(size_t i);
/** Finds a CA by id, alias or display name (case-, space- and punctuation-insensitive) or by one
 * of its issuer domain names; NULL if unknown. */
CAA_API const struct caa_ca_info *caa_ca_find(const char *name);
/** True if `issuer_domain` is an issuer domain name of a CA in the table. */
CAA_API bool caa_ca_issuer_known(const char *issuer_domain);
/** The table's issuer domain `issuer_domain` was most likely meant to be (a name below it, the
 * same brand under another suffix or with hyphens, a CA's alias, a typing slip of at most two
 * edits: letsencrypt.com -> letsencrypt.org); NULL when it is known already or nothing is close.
 * Static storage. */
CAA_API const char *caa_ca_suggest(const char *issuer_domain);

enum caa_format {
    CAA_FORMAT_ZONE = 0,       /* example.com. 3600 IN CAA 0 issue "letsencrypt.org" */
    CAA_FORMAT_RFC3597 = 1,    /* example.com. 3600 IN TYPE257 \# 22 0005... */
    CAA_FORMAT_TINYDNS = 2,    /* :example.com:257:\000\005...:3600 */
    CAA_FORMAT_DNSMASQ = 3,    /* dns-rr=example.com,257,0005... */
    CAA_FORMAT_DNSCONTROL = 4, /* CAA_BUILDER({...}) */
    CAA_FORMAT_OCTODNS = 5,    /* YAML */
    CAA_FORMAT_JSON = 6,       /* [{"flags":0,"tag":"issue","value":"letsencrypt.org"}] */
};
/** "zone", "rfc3597", "tinydns", "dnsmasq", "dnscontrol", "octodns", "json". */
CAA_API const char *caa_format_name(enum caa_format format);
CAA_API int caa_format_from_name(const char *name, enum caa_format *out);

/* Caller-owned; every pointer is borrowed for the duration of the call. */
struct caa_policy {
    const char *owner; /* "example.com" */
    uint32_t ttl;      /* 0: format default / omitted */
    /* CAs allowed to issue (names from the table or issuer domain names). Empty with
     * no_issuance: `0 issue ";"`. */
    const char *const *cas;
    size_t ca_count;
    bool no_issuance;
    /* Wildcard policy: when wildcard_set is false, wildcards follow `cas`. When true,
     * wildcard_cas (possibly none: `issuewild ";"`) governs wildcards. */
    bool wildcard_set;
    const char *const *wildcard_cas;
    size_t wildcard_ca_count;
    const char *const *iodef; /* URLs; a bare address gets mailto: */
    size_t iodef_count;
    const char *account_uri;    /* RFC 8657 accounturi on every issue/issuewild record, or NULL */
    const char *const *methods; /* RFC 8657 validationmethods, or none */
    size_t method_count;
    const char *contact_email;
    const char *contact_phone;
    bool critical; /* set flag 128 on issue/issuewild records */
};

CAA_API void caa_policy_init(struct caa_policy *policy);

/**
 * Renders the policy. On CAA_E_INVALID_ARG (contradictory or malformed input: an unknown CA
 * name that is not a domain, no_issuance with CAs, methods that are not RFC 8657 labels, ...)
 * err says why. *out: free().
 */
CAA_API enum caa_status caa_generate(const struct caa_policy *policy, enum caa_format format,
                                     char **out, struct caa_error *err);

#endif
