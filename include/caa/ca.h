/* SPDX-License-Identifier: MIT */
#ifndef CAA_CA_H
#define CAA_CA_H

#include <stdbool.h>
#include <stddef.h>

#include <caa/export.h>

/*
 * The dated table of common CAs and the issuer domain names they look for in CAA records
 * (data/cas). Pure. <caa/generate.h> includes this header.
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
/** The CA a value of --ca (or a bulk line's CA column) names when it is a short name, not a
 * domain: a value without a dot that caa_ca_find() finds ("sectigo", "Let's Encrypt") stands for
 * all the CA's issuer domains. NULL otherwise: a value with a dot is an issuer domain name, even
 * one of the table's. */
CAA_API const struct caa_ca_info *caa_ca_named(const char *value);

/** True if `issuer_domain` is an issuer domain name of a CA in the table. */
CAA_API bool caa_ca_issuer_known(const char *issuer_domain);
/** The table's issuer domain `issuer_domain` was most likely meant to be (a name below it, the
 * same brand under another suffix or with hyphens, a CA's alias, a typing slip of at most two
 * edits: letsencrypt.com -> letsencrypt.org); NULL when it is known already or nothing is close.
 * Static storage. */
CAA_API const char *caa_ca_suggest(const char *issuer_domain);

#endif
