/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_WEB_HTML_BUF_H
#define CAA_SERVICE_WEB_HTML_BUF_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A growing HTML document with a ceiling and a sticky error: append as much as you like, check
 * once at the end (web_buf_finish). Markup the page wrote itself goes in with web_buf_raw; text
 * from anywhere else goes in with web_buf_text, which escapes it for element content and for
 * quoted attribute values alike.
 */
#define WEB_BUF_MAX ((size_t)8 * 1024 * 1024)

struct web_buf {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
};

void web_buf_init(struct web_buf *b);
void web_buf_cleanup(struct web_buf *b);
/** Trusted markup, appended as is. */
void web_buf_raw(struct web_buf *b, const char *s);
void web_buf_rawn(struct web_buf *b, const char *s, size_t n);
/** Untrusted text: & < > " ' escaped; C0 controls other than tab, LF and CR, DEL and bytes that
 * are not valid UTF-8 become U+FFFD. NULL appends nothing. */
void web_buf_text(struct web_buf *b, const char *s);
void web_buf_textn(struct web_buf *b, const char *s, size_t n);
/** Untrusted text as one URL query component (RFC 3986 unreserved kept, the rest %XX). */
void web_buf_query(struct web_buf *b, const char *s);
void web_buf_uint(struct web_buf *b, unsigned long long v);
/** The document (caller frees), or NULL if any append failed; the buffer is left empty. */
char *web_buf_finish(struct web_buf *b);

#endif
