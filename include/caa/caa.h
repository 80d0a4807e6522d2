/* SPDX-License-Identifier: MIT */
#ifndef CAA_CAA_H
#define CAA_CAA_H

/*
 * libcaa: may this CA issue for this name under its DNS CAA records?
 *
 * Typical use (offline verdict on records you already have):
 *
 *     struct caa_rrset *set = NULL;
 *     struct caa_record rec;
 *     struct caa_evaluation *ev = NULL;
 *     const char *issuers[] = {"letsencrypt.org"};
 *     struct caa_request req;
 *
 *     caa_rrset_new(&set);
 *     caa_record_from_text("0 issue \"letsencrypt.org\"", 25, CAA_PARSE_STRICT, &rec, NULL);
 *     caa_rrset_add(set, &rec);
 *     caa_record_cleanup(&rec);
 *     caa_request_init(&req);
 *     req.name = "example.com";
 *     req.issuers = issuers;
 *     req.issuer_count = 1;
 *     if (caa_evaluate(set, &req, &ev) == CAA_OK) {
 *         puts(caa_evaluation_reason(ev));
 *     }
 *     caa_evaluation_free(ev);
 *     caa_rrset_free(set);
 */

#include <caa/bulk.h>
#include <caa/ca.h>
#include <caa/check.h>
#include <caa/code.h>
#include <caa/context.h>
#include <caa/diagnose.h>
#include <caa/dnssec.h>
#include <caa/escape.h>
#include <caa/evaluate.h>
#include <caa/export.h>
#include <caa/generate.h>
#include <caa/lint.h>
#include <caa/name.h>
#include <caa/profile.h>
#include <caa/record.h>
#include <caa/status.h>
#include <caa/value.h>
#include <caa/version.h>
#include <caa/zone.h>

#endif
