/* SPDX-License-Identifier: MIT */
/* caa_issue_value_parse under both profiles, with the invariants every caller relies on. */
#include <stdlib.h>
#include <string.h>

#include <caa/value.h>

#include "fuzz.h"

static void check_slice(struct caa_slice s, const uint8_t *data, size_t size)
{
    if (s.len > size) {
        abort();
    }
    if (s.len > 0 && (s.ptr < data || s.ptr + s.len > data + size)) {
        abort();
    }
}

static void check_one(const uint8_t *data, size_t size, enum caa_profile profile)
{
    struct caa_issue_value v;
    struct caa_error err = {0, ""};
    enum caa_status st = caa_issue_value_parse(data, size, profile, &v, &err);

    if (st != CAA_OK && st != CAA_E_LIMIT) {
        abort();
    }
    if (st == CAA_E_LIMIT && v.well_formed) {
        abort();
    }
    if (v.param_count > CAA_ISSUE_PARAMS_MAX) {
        abort();
    }
    check_slice(v.issuer, data, size);
    for (size_t i = 0; i < v.param_count; i++) {
        check_slice(v.params[i].tag, data, size);
        check_slice(v.params[i].value, data, size);
        /* A ';' never survives into a tag or a value. */
        if ((v.params[i].tag.len > 0 && memchr(v.params[i].tag.ptr, ';', v.params[i].tag.len)) ||
            (v.params[i].value.len > 0 &&
             memchr(v.params[i].value.ptr, ';', v.params[i].value.len))) {
            abort();
        }
    }
    if (!v.well_formed && (err.offset > size || err.message[0] == '\0' ||
                           memchr(err.message, '\0', sizeof(err.message)) == NULL)) {
        abort();
    }
    if (profile == CAA_PROFILE_RFC8659 && v.well_formed && v.issuer.len > 0 &&
        !caa_is_issuer_domain(v.issuer.ptr, v.issuer.len)) {
        abort();
    }
    (void)caa_issue_value_param_count(&v, "accounturi", profile);
    (void)caa_issue_value_param(&v, "validationmethods", profile);
    for (size_t i = 0; i < v.param_count; i++) {
        (void)caa_is_method_list(v.params[i].value.ptr, v.params[i].value.len);
        (void)caa_is_account_uri(v.params[i].value.ptr, v.params[i].value.len);
    }
}

/* The other value checks read the same bytes: they must not crash and must explain a "no". */
static void check_property_values(const uint8_t *data, size_t size)
{
    static bool (*const checks[])(const uint8_t *, size_t, struct caa_error *) = {
        caa_iodef_valid,
        caa_contactemail_valid,
        caa_contactphone_valid,
    };

    for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
        struct caa_error err = {0, ""};
        if (!checks[i](data, size, &err) && (err.message[0] == '\0' || err.offset > size)) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct caa_issue_value le;
    struct caa_issue_value rfc;

    check_one(data, size, CAA_PROFILE_LETSENCRYPT);
    check_one(data, size, CAA_PROFILE_RFC8659);
    check_property_values(data, size);
    /* The RFC reading is the stricter one: what it accepts, Boulder accepts too, with the same
     * issuer and parameters. */
    (void)caa_issue_value_parse(data, size, CAA_PROFILE_LETSENCRYPT, &le, NULL);
    (void)caa_issue_value_parse(data, size, CAA_PROFILE_RFC8659, &rfc, NULL);
    if (rfc.well_formed) {
        if (le.issuer.len != rfc.issuer.len || le.issuer.ptr != rfc.issuer.ptr) {
            abort();
        }
        if (!le.well_formed) {
            /* Only a hyphen in a tag separates them. */
            int hyphen = 0;
            for (size_t i = 0; i < rfc.param_count; i++) {
                if (memchr(rfc.params[i].tag.ptr, '-', rfc.params[i].tag.len) != NULL) {
                    hyphen = 1;
                }
            }
            if (!hyphen) {
                abort();
            }
        } else if (le.param_count != rfc.param_count) {
            abort();
        }
    }
    return 0;
}
