/* SPDX-License-Identifier: MIT */
/* caa_name_registrable: the Public Suffix List's grouping of names, by libpsl. */
#include <caa/name.h>

#include <libpsl.h>
#include <stddef.h>
#include <string.h>

const char *caa_name_registrable(const char *name)
{
    /* psl_builtin() is libpsl's own immutable table: nothing to create, free or share. */
    const psl_ctx_t *psl = psl_builtin();
    const char *reg;

    if (name == NULL) {
        return NULL;
    }
    if (strncmp(name, "*.", 2) == 0) {
        name += 2;
    }
    reg = psl != NULL ? psl_registrable_domain(psl, name) : NULL;
    return reg != NULL ? reg : name;
}
