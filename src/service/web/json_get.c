/* SPDX-License-Identifier: MIT */
/* Pages read documents the library wrote, but through a store and a request they are data like
 * any other: a missing or mistyped member must render as nothing, never crash. */
#include "page.h"

const char *web_jstr(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

long long web_jint(const json_t *obj, const char *key)
{
    return (long long)json_integer_value(json_object_get(obj, key));
}

bool web_jbool(const json_t *obj, const char *key)
{
    return json_is_true(json_object_get(obj, key));
}

const json_t *web_jarr(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);

    return json_is_array(v) ? v : NULL;
}

const json_t *web_jobj(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);

    return json_is_object(v) ? v : NULL;
}
