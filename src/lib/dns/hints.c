/* SPDX-License-Identifier: MIT */
#include "lib/dns/hints.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <ldns/ldns.h>

#include "lib/util/error.h"

#define DEFAULT_HINTS "/usr/share/dns/root.hints"

/* The owner of rr as text without the trailing dot. */
static void owner_text(const ldns_rr *rr, char *out, size_t cap)
{
    char *text = ldns_rdf2str(ldns_rr_owner(rr));
    size_t len;

    (void)snprintf(out, cap, "%s", text != NULL ? text : "");
    LDNS_FREE(text);
    len = strlen(out);
    if (len > 1 && out[len - 1] == '.') {
        out[len - 1] = '\0';
    }
}

static void add_server(const ldns_rr *rr, struct caa__root_server *out, size_t cap, size_t *n)
{
    ldns_rr_type type = ldns_rr_get_type(rr);
    char *address;

    if ((type != LDNS_RR_TYPE_A && type != LDNS_RR_TYPE_AAAA) || *n == cap ||
        ldns_rr_rd_count(rr) != 1) {
        return;
    }
    address = ldns_rdf2str(ldns_rr_rdf(rr, 0));
    if (address != NULL) {
        owner_text(rr, out[*n].name, sizeof(out[*n].name));
        (void)snprintf(out[*n].address, sizeof(out[*n].address), "%s", address);
        (*n)++;
    }
    LDNS_FREE(address);
}

enum caa_status caa__root_hints_load(const char *path, struct caa__root_server *out, size_t cap,
                                     size_t *count_out, struct caa_error *err)
{
    const char *file = path != NULL ? path : DEFAULT_HINTS;
    FILE *fp = fopen(file, "r");
    uint32_t ttl = 3600;
    ldns_rdf *origin = NULL;
    ldns_rdf *prev = NULL;
    int line = 0;
    size_t n = 0;

    if (fp == NULL) {
        (void)caa__error_set(err, 0, "root hints %s: %s", file, strerror(errno));
        return CAA_E_IO;
    }
    while (!feof(fp)) {
        ldns_rr *rr = NULL;
        ldns_status s = ldns_rr_new_frm_fp_l(&rr, fp, &ttl, &origin, &prev, &line);
        if (s == LDNS_STATUS_OK) {
            add_server(rr, out, cap, &n);
        }
        ldns_rr_free(rr);
    }
    fclose(fp);
    ldns_rdf_deep_free(origin);
    ldns_rdf_deep_free(prev);
    if (n == 0) {
        (void)caa__error_set(err, 0, "root hints %s: no A or AAAA records", file);
        return CAA_E_IO;
    }
    *count_out = n;
    return CAA_OK;
}
