/* SPDX-License-Identifier: MIT */
/* Text for people with every foreign string escaped (text_out.h). */
#include "text_out.h"

#include <caa/caa.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool text_is_plain(const char *s)
{
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F) {
            return false;
        }
    }
    return true;
}

void text_puts(FILE *fp, const char *s)
{
    char *safe = NULL;

    if (s != NULL && text_is_plain(s)) {
        fputs(s, fp);
        return;
    }
    if (caa_text_escape(s, &safe) == CAA_OK) {
        fputs(safe, fp);
    } else {
        /* Out of memory: say so in place rather than print the raw bytes. */
        fputs("(text not shown: out of memory)", fp);
    }
    free(safe);
}

/* One conversion: the spec as written (e.g. "%-40s"), copied so it can be handed to fprintf. */
struct spec {
    char text[32];
    char conversion;
    int length; /* 0 none, 'H' hh, 'h', 'l', 'L' ll, 'z', 'j' */
    int stars;  /* '*' width or precision: each takes an int argument */
};

static const char *parse_spec(const char *p, struct spec *sp)
{
    size_t n = 0;

    memset(sp, 0, sizeof(*sp));
    sp->text[n++] = *p++; /* '%' */
    while (*p != '\0' && strchr("-+ #0123456789.*", *p) != NULL && n < sizeof(sp->text) - 4) {
        sp->stars += *p == '*';
        sp->text[n++] = *p++;
    }
    if (p[0] == 'h' && p[1] == 'h') {
        sp->length = 'H';
    } else if (p[0] == 'l' && p[1] == 'l') {
        sp->length = 'L';
    } else if (*p != '\0' && strchr("hlzj", *p) != NULL) {
        sp->length = (unsigned char)*p;
    }
    while (*p != '\0' && strchr("hlzj", *p) != NULL && n < sizeof(sp->text) - 2) {
        sp->text[n++] = *p++;
    }
    sp->conversion = *p;
    if (*p != '\0') {
        sp->text[n++] = *p++;
    }
    sp->text[n] = '\0';
    return p;
}

/* Prints one conversion, taking its arguments from ap. */
static void print_spec(FILE *fp, const struct spec *sp, va_list *ap)
{
    int star[2] = {0, 0};
    char *safe = NULL;

    for (int i = 0; i < sp->stars && i < 2; i++) {
        star[i] = va_arg(*ap, int);
    }
#define PRINT(value)                                                                               \
    do {                                                                                           \
        if (sp->stars == 2) {                                                                      \
            (void)fprintf(fp, sp->text, star[0], star[1], value);                                  \
        } else if (sp->stars == 1) {                                                               \
            (void)fprintf(fp, sp->text, star[0], value);                                           \
        } else {                                                                                   \
            (void)fprintf(fp, sp->text, value);                                                    \
        }                                                                                          \
    } while (0)
    /* The format is ours and checked by the compiler at every call (format attribute). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    switch (sp->conversion) {
    case 's': {
        const char *s = va_arg(*ap, const char *);
        if (s != NULL && text_is_plain(s)) {
            PRINT(s);
        } else if (caa_text_escape(s != NULL ? s : "(null)", &safe) != CAA_OK) {
            PRINT("(text not shown: out of memory)");
        } else {
            PRINT(safe);
        }
        free(safe);
        break;
    }
    case 'd':
    case 'i':
    case 'c':
        if (sp->length == 'l') {
            PRINT(va_arg(*ap, long));
        } else if (sp->length == 'L') {
            PRINT(va_arg(*ap, long long));
        } else if (sp->length == 'z') {
            PRINT(va_arg(*ap, ptrdiff_t));
        } else if (sp->length == 'j') {
            PRINT(va_arg(*ap, intmax_t));
        } else {
            PRINT(va_arg(*ap, int));
        }
        break;
    case 'u':
    case 'x':
    case 'X':
        if (sp->length == 'l') {
            PRINT(va_arg(*ap, unsigned long));
        } else if (sp->length == 'L') {
            PRINT(va_arg(*ap, unsigned long long));
        } else if (sp->length == 'z') {
            PRINT(va_arg(*ap, size_t));
        } else if (sp->length == 'j') {
            PRINT(va_arg(*ap, uintmax_t));
        } else {
            PRINT(va_arg(*ap, unsigned));
        }
        break;
    case 'f':
    case 'g':
    case 'e':
        PRINT(va_arg(*ap, double));
        break;
    case '%':
        fputc('%', fp);
        break;
    default:
        /* Not a conversion the CLI uses: show the spec rather than guess at its argument. */
        fputs(sp->text, fp);
        break;
    }
#pragma GCC diagnostic pop
#undef PRINT
}

void text_printf(FILE *fp, const char *fmt, ...)
{
    va_list ap;
    const char *p = fmt;

    va_start(ap, fmt);
    while (*p != '\0') {
        const char *pct = strchr(p, '%');
        struct spec sp;

        if (pct == NULL) {
            fputs(p, fp);
            break;
        }
        fwrite(p, 1, (size_t)(pct - p), fp);
        p = parse_spec(pct, &sp);
        print_spec(fp, &sp, &ap);
    }
    va_end(ap);
}
