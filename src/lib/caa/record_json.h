/* SPDX-License-Identifier: MIT */
#ifndef CAA_CAA_RECORD_JSON_H
#define CAA_CAA_RECORD_JSON_H

#include <jansson.h>

#include <caa/record.h>

/* {"flags":0,"critical":false,"tag":"issue","value":"letsencrypt.org"}: the provider shape. Bytes
 * that are not UTF-8 are written by the rule of <caa/json.h>, and then "value_escaped" is true.
 * NULL on allocation failure. */
json_t *caa__record_json(const struct caa_record *rec);

#endif
