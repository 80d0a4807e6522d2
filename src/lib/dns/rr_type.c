/* SPDX-License-Identifier: MIT */
/* RR type mnemonics from ldns's table (rr_type.h). */
#include "lib/dns/rr_type.h"

#include <stdio.h>
#include <stdlib.h>

#include <ldns/ldns.h>

/* ldns_rr_type2str() also names the QTYPEs 251-255 (IXFR, AXFR, MAILB, MAILA, ANY): they are never
 * the type of an RRset, and our messages have always spelled them TYPE251-TYPE255, as for any
 * type without a record mnemonic, so those keep that spelling. */
void caa__rr_type_name(uint16_t rrtype, char *buf, size_t size)
{
    char *text = NULL;

    if (rrtype < LDNS_RR_TYPE_IXFR || rrtype > LDNS_RR_TYPE_ANY) {
        text = ldns_rr_type2str((ldns_rr_type)rrtype);
    }
    if (text != NULL) {
        (void)snprintf(buf, size, "%s", text);
    } else {
        (void)snprintf(buf, size, "TYPE%u", (unsigned)rrtype);
    }
    free(text);
}
