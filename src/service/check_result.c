/* SPDX-License-Identifier: MIT */
#include "check_result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The relevant label's distance from the name: 0 = at the name itself (as `caa check`). */
static unsigned depth_of(const struct caa_report *rep, size_t i)
{
    unsigned used = 0;

    for (size_t j = 0; j < caa_report_lookup_count(rep, i); j++) {
        used += caa_report_lookup(rep, i, j)->used;
    }
    return used > 0 ? used - 1 : 0;
}

static int render(struct check_result *res, const struct caa_report *rep)
{
    res->verdict = caa_report_verdict(rep);
    res->name_count = caa_report_name_count(rep);
    res->name_json = calloc(res->name_count > 0 ? res->name_count : 1, sizeof(char *));
    if (res->name_json == NULL) {
        return -1;
    }
    for (size_t i = 0; i < res->name_count; i++) {
        if (caa_report_name_to_json(rep, i, 0, &res->name_json[i]) != CAA_OK) {
            return -1;
        }
    }
    /* The order document around the names' (each rendered once: JSON was a third of a fresh
     * check's CPU). */
    if (caa_report_order_json_from(rep, 0, (const char *const *)res->name_json, &res->order_json) !=
        CAA_OK) {
        return -1;
    }
    if (res->name_count > 0) {
        res->dnssec_secure = caa_report_rrset_dnssec(rep, 0) == CAA_DNSSEC_SECURE;
        res->lookup_error = caa_report_name_verdict(rep, 0) == CAA_VERDICT_ERROR;
        res->depth = depth_of(rep, 0);
        for (size_t k = 0; k < caa_report_warning_count(rep); k++) {
            res->warnings += caa_report_warning(rep, k)->name_index == 0;
        }
    }
    return 0;
}

struct check_result *check_result_new(const struct caa_report *rep, enum caa_status st,
                                      const struct caa_error *err, double duration_s)
{
    struct check_result *res = calloc(1, sizeof(*res));

    if (res == NULL) {
        return NULL;
    }
    atomic_init(&res->refs, 1);
    res->status = st;
    res->duration_s = duration_s;
    if (st != CAA_OK || rep == NULL) {
        (void)snprintf(res->error, sizeof(res->error), "%s",
                       err != NULL && err->message[0] != '\0' ? err->message
                                                              : caa_status_message(st));
        res->verdict = CAA_VERDICT_ERROR;
        return res;
    }
    if (render(res, rep) != 0) {
        check_result_unref(res);
        return NULL;
    }
    return res;
}

struct check_result *check_result_ref(struct check_result *res)
{
    atomic_fetch_add(&res->refs, 1);
    return res;
}

void check_result_unref(struct check_result *res)
{
    if (res == NULL || atomic_fetch_sub(&res->refs, 1) != 1) {
        return;
    }
    for (size_t i = 0; res->name_json != NULL && i < res->name_count; i++) {
        free(res->name_json[i]);
    }
    free(res->name_json);
    free(res->order_json);
    free(res);
}
