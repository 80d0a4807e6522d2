/* SPDX-License-Identifier: MIT */
#ifndef CAA_CLI_TEXT_OUT_H
#define CAA_CLI_TEXT_OUT_H

/* Text for people that carries bytes we did not write. Every string argument (%s) is escaped by
 * the library's text rule (<caa/escape.h>: controls, newlines and bytes that are not UTF-8
 * become \DDD), so nothing from the network acts on a terminal or forges a line; the format
 * itself, which we wrote, is printed as it is. */

#include <stdbool.h>
#include <stdio.h>

/* Whether s is printable ASCII, which the text rule leaves as it is: such strings (most names
 * and messages) are printed without the escaped copy, so a bulk line costs no malloc. */
bool text_is_plain(const char *s);

/* fprintf() with each %s argument escaped. Supports the conversions the CLI uses: flags, width
 * and precision (digits or *), the length modifiers hh, h, l, ll, z, j, and d i u x X c s f g
 * e %. */
__attribute__((format(printf, 2, 3))) void text_printf(FILE *fp, const char *fmt, ...);
/* fputs() of `s` escaped. */
void text_puts(FILE *fp, const char *s);

#endif
