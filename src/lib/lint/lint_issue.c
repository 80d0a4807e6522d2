/* SPDX-License-Identifier: MIT */
/* Lint of issue / issuewild / issuemail / issuevmc values: the issuer-domain-name (RFC 8659
 * §4.2) and the parameters (RFC 8657), judged as Let's Encrypt's Boulder reads them. */
#include <stdio.h>
#include <string.h>

#include <caa/ca.h>
#include <caa/value.h>

#include "lib/lint/lint_rules.h"
#include "lib/util/ascii.h"
#include "lib/util/edit_distance.h"

#define PARAMS_MAX 64
#define PARAM_TAG_MAX 63
#define REWRITE_MAX 512
#define ISSUER_MAX 253
#define SHOWN_MAX 400

static const char *const known_params[] = {"accounturi", "validationmethods"};

struct param {
    const uint8_t *raw; /* the piece between ';', trimmed */
    size_t raw_len;
    bool has_eq;
    bool dropped;
    char tag[PARAM_TAG_MAX + 1]; /* as corrected */
    const uint8_t *value;        /* as corrected */
    size_t value_len;
    char rewritten[REWRITE_MAX]; /* storage for a corrected value */
};

/* The value being corrected: slices borrow from `src` or from the structure itself. */
struct issue {
    const uint8_t *src;
    size_t src_len;
    const uint8_t *issuer;
    size_t issuer_len;
    char issuer_buf[ISSUER_MAX + 1];
    const uint8_t *params_raw; /* after the first ';', or NULL */
    size_t params_raw_len;
    struct param params[PARAMS_MAX];
    size_t param_count;
};

static bool is_known_param(const char *tag)
{
    return strcmp(tag, known_params[0]) == 0 || strcmp(tag, known_params[1]) == 0;
}

static bool is_known_method(const uint8_t *s, size_t len)
{
    return caa_validation_method_known(s, len);
}

static void trim(const uint8_t **p, size_t *len)
{
    while (*len > 0 && caa__ascii_is_wsp((*p)[0])) {
        (*p)++;
        (*len)--;
    }
    while (*len > 0 && caa__ascii_is_wsp((*p)[*len - 1])) {
        (*len)--;
    }
}

static bool has_upper(const uint8_t *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (caa__ascii_is_upper(s[i])) {
            return true;
        }
    }
    return false;
}

/* Renders the corrected value. skip_name/keep: for DUPLICATE_PARAMETER, keep only the
 * occurrence `keep` of parameter `skip_name`. */
static void render(const struct issue *v, struct caa__buf *out, const char *skip_name, size_t keep)
{
    size_t shown = 0;
    size_t seen = 0;

    caa__buf_append(out, v->issuer, v->issuer_len);
    for (size_t i = 0; i < v->param_count; i++) {
        const struct param *p = &v->params[i];

        if (p->dropped || (!p->has_eq && p->raw_len == 0)) {
            continue;
        }
        if (skip_name != NULL && p->has_eq && strcmp(p->tag, skip_name) == 0 && seen++ != keep) {
            continue;
        }
        caa__buf_append_str(out, "; ");
        if (p->has_eq) {
            caa__buf_printf(out, "%s=", p->tag);
            caa__buf_append(out, p->value, p->value_len);
        } else {
            caa__buf_append(out, p->raw, p->raw_len);
        }
        shown++;
    }
    if (v->issuer_len == 0 && shown == 0) {
        caa__buf_append_byte(out, ';');
    }
}

static void add_value_fix(struct caa__lint_record *r, const struct issue *v, enum caa_code code,
                          const char *message)
{
    struct caa__buf value;

    caa__buf_init(&value, (size_t)1 << 20);
    render(v, &value, NULL, 0);
    if (value.status != CAA_OK) {
        caa__lint_fail(r->rep, value.status);
    } else {
        caa__lint_add_fixed(r, code, value.data, value.len, "%s", message);
    }
    caa__buf_cleanup(&value);
}

static void quote(const uint8_t *p, size_t n, char *out)
{
    caa__lint_quote(p, n, out, SHOWN_MAX);
}

static bool set_issuer(struct issue *v, const char *s, size_t len)
{
    if (len > ISSUER_MAX) {
        return false;
    }
    memmove(v->issuer_buf, s, len);
    v->issuer_buf[len] = '\0';
    v->issuer = (const uint8_t *)v->issuer_buf;
    v->issuer_len = len;
    return true;
}

/* ---- The issuer ------------------------------------------------------------------------------ */

/* "letsencrypt.org, digicert.com" or "letsencrypt.org digicert.com": one record per issuer. */
static bool lint_multiple(struct caa__lint_record *r, const struct issue *v)
{
    struct caa__buf fix;
    size_t pieces = 0;
    size_t dotted = 0;
    size_t i = 0;
    char shown[SHOWN_MAX];
    char message[1024];

    while (i < v->issuer_len) {
        size_t start;

        while (i < v->issuer_len && (v->issuer[i] == ',' || caa__ascii_is_wsp(v->issuer[i]))) {
            i++;
        }
        start = i;
        while (i < v->issuer_len && v->issuer[i] != ',' && !caa__ascii_is_wsp(v->issuer[i])) {
            i++;
        }
        pieces += i > start ? 1 : 0;
        dotted += memchr(v->issuer + start, '.', i - start) != NULL ? 1 : 0;
    }
    /* "Let's Encrypt" has a blank too, but no dotted names: that is ISSUER_NOT_A_DOMAIN. */
    if (pieces < 2 || dotted < 2) {
        return false;
    }
    caa__buf_init(&fix, (size_t)1 << 20);
    for (i = 0; i < v->issuer_len;) {
        size_t start;
        size_t end;

        while (i < v->issuer_len && (v->issuer[i] == ',' || caa__ascii_is_wsp(v->issuer[i]))) {
            i++;
        }
        start = i;
        while (i < v->issuer_len && v->issuer[i] != ',' && !caa__ascii_is_wsp(v->issuer[i])) {
            i++;
        }
        end = i;
        while (end > start && v->issuer[end - 1] == '.') {
            end--;
        }
        if (end > start) {
            struct caa__buf one;

            caa__buf_init(&one, (size_t)1 << 20);
            caa__buf_append(&one, v->issuer + start, end - start);
            caa__ascii_lower_in_place(one.data, one.len);
            if (v->params_raw != NULL && v->params_raw_len > 0) {
                caa__buf_append_str(&one, "; ");
                caa__buf_append(&one, v->params_raw, v->params_raw_len);
            }
            if (fix.len > 0) {
                caa__buf_append_byte(&fix, '\n');
            }
            caa__lint_format_record(&fix, r->entry->owner, r->fix_flags, r->fix_tag,
                                    one.data != NULL ? one.data : "", one.len);
            if (one.status != CAA_OK) {
                fix.status = one.status;
            }
            caa__buf_cleanup(&one);
        }
    }
    quote(v->issuer, v->issuer_len, shown);
    (void)snprintf(message, sizeof(message),
                   "one record names %zu issuers (%s); a value holds one issuer domain name, so "
                   "this record matches no CA",
                   pieces, shown);
    if (fix.status != CAA_OK) {
        caa__lint_fail(r->rep, fix.status);
    } else {
        caa__lint_add(r, CAA_CODE_MULTIPLE_ISSUERS, fix.data, "%s", message);
    }
    caa__buf_cleanup(&fix);
    return true;
}

/* What a non-domain issuer most likely meant: a URL's host, a CA's display name, the name
 * without stray punctuation. NULL if nothing fits. */
static const char *guess_domain(const struct issue *v, char *buf, size_t cap)
{
    const uint8_t *s = v->issuer;
    size_t len = v->issuer_len;
    const uint8_t *scheme = NULL;
    const char *named;

    for (size_t i = 0; i + 3 <= len; i++) {
        if (memcmp(s + i, "://", 3) == 0) {
            scheme = s + i + 3;
            break;
        }
    }
    if (scheme != NULL) {
        len -= (size_t)(scheme - s);
        s = scheme;
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '/' || s[i] == ':' || s[i] == '?' || s[i] == '#') {
                len = i;
                break;
            }
        }
    }
    while (len > 0 && strchr("'<>,;", s[0]) != NULL) {
        s++;
        len--;
    }
    while (len > 0 && strchr("'<>,;.", s[len - 1]) != NULL) {
        len--;
    }
    if (len > 0 && len < cap && caa_is_issuer_domain(s, len)) {
        memcpy(buf, s, len);
        buf[len] = '\0';
        caa__ascii_lower_in_place(buf, len);
        return buf;
    }
    named = caa__lint_ca_from_name(v->issuer, v->issuer_len);
    return named;
}

/* Returns false when the issuer is beyond repair, so later issuer checks are pointless. */
static bool lint_issuer(struct caa__lint_record *r, struct issue *v)
{
    char shown[SHOWN_MAX];
    char message[1024];

    if (v->issuer_len == 0) {
        return false;
    }
    if (v->issuer_len > 1 && v->issuer[v->issuer_len - 1] == '.') {
        size_t len = v->issuer_len;

        quote(v->issuer, v->issuer_len, shown);
        while (len > 0 && v->issuer[len - 1] == '.') {
            len--;
        }
        if (len > 0 && set_issuer(v, (const char *)v->issuer, len)) {
            (void)snprintf(message, sizeof(message),
                           "issuer %s ends with a dot; CAs compare the issuer byte for byte, so it "
                           "matches no CA (RFC 8659 section 4.2 has no final dot)",
                           shown);
            add_value_fix(r, v, CAA_CODE_ISSUER_TRAILING_DOT, message);
        }
    }
    if (!caa_is_issuer_domain(v->issuer, v->issuer_len)) {
        char buf[ISSUER_MAX + 1];
        const char *guess = guess_domain(v, buf, sizeof(buf));

        quote(v->issuer, v->issuer_len, shown);
        if (guess == NULL) {
            caa__lint_add(r, CAA_CODE_ISSUER_NOT_A_DOMAIN,
                          "use the issuer domain name your CA documents for CAA, e.g. "
                          "issue \"letsencrypt.org\"",
                          "issuer \"%s\" is not a domain name, so it matches no CA", shown);
            return false;
        }
        (void)snprintf(message, sizeof(message),
                       "issuer \"%s\" is not a domain name, so it matches no CA; CAA wants the "
                       "CA's issuer domain name (%s)",
                       shown, guess);
        (void)set_issuer(v, guess, strlen(guess));
        add_value_fix(r, v, CAA_CODE_ISSUER_NOT_A_DOMAIN, message);
    }
    if (has_upper(v->issuer, v->issuer_len) &&
        set_issuer(v, (const char *)v->issuer, v->issuer_len)) {
        quote(v->issuer, v->issuer_len, shown);
        caa__ascii_lower_in_place(v->issuer_buf, v->issuer_len);
        (void)snprintf(message, sizeof(message),
                       "issuer %s has upper-case letters; Let's Encrypt compares it byte for byte "
                       "with letsencrypt.org, so it does not match",
                       shown);
        add_value_fix(r, v, CAA_CODE_ISSUER_UPPERCASE, message);
    }
    return true;
}

/* Nothing is close: the steps, with the issuer domains a record most often means. */
static void unknown_ca_steps(struct caa__lint_record *r, const char *name)
{
    struct caa__buf fix;

    caa__buf_init(&fix, (size_t)1 << 16);
    caa__buf_printf(&fix,
                    "if %s is your CA's own CAA identifier (a private or regional CA), keep the "
                    "record and check it against the CA's CP/CPS; otherwise write the issuer "
                    "domain of your CA:",
                    name);
    for (size_t i = 0; i < caa_ca_count(); i++) {
        const char *domain = caa_ca_at(i)->issuer_domains[0];

        bool seen = false;

        /* ZeroSSL documents sectigo.com: each domain once. */
        for (size_t k = 0; k < i && !seen; k++) {
            seen = strcmp(caa_ca_at(k)->issuer_domains[0], domain) == 0;
        }
        if (!seen) {
            caa__buf_printf(&fix, "%s %s", i == 0 ? "" : ",", domain);
        }
    }
    caa__buf_append_str(&fix, " (caa generate --list-cas)");
    if (fix.status != CAA_OK) {
        caa__lint_fail(r->rep, fix.status);
    } else {
        caa__lint_add(r, CAA_CODE_ISSUER_UNKNOWN_CA, fix.data,
                      "issuer %s is not one of the issuer domains well-known CAs use", name);
    }
    caa__buf_cleanup(&fix);
}

static void lint_unknown_ca(struct caa__lint_record *r, struct issue *v)
{
    char name[ISSUER_MAX + 1];
    char message[1024];
    const char *guess;

    memcpy(name, v->issuer, v->issuer_len);
    name[v->issuer_len] = '\0';
    if (caa__lint_ca_known(name)) {
        return;
    }
    guess = caa__lint_ca_suggest(name);
    if (guess == NULL) {
        unknown_ca_steps(r, name);
        return;
    }
    (void)snprintf(message, sizeof(message),
                   "issuer %s is not one of the issuer domains well-known CAs use; did you mean "
                   "%s?",
                   name, guess);
    (void)set_issuer(v, guess, strlen(guess));
    add_value_fix(r, v, CAA_CODE_ISSUER_UNKNOWN_CA, message);
}

/* ---- Parameters --------------------------------------------------------------------------- */

static void split_params(struct issue *v)
{
    size_t i = 0;

    while (v->params_raw != NULL && i <= v->params_raw_len && v->param_count < PARAMS_MAX) {
        const uint8_t *start = v->params_raw + i;
        const uint8_t *semi = memchr(start, ';', v->params_raw_len - i);
        size_t len = semi != NULL ? (size_t)(semi - start) : v->params_raw_len - i;
        struct param *p = &v->params[v->param_count++];
        const uint8_t *eq;

        memset(p, 0, sizeof(*p));
        p->raw = start;
        p->raw_len = len;
        trim(&p->raw, &p->raw_len);
        eq = memchr(p->raw, '=', p->raw_len);
        if (eq != NULL) {
            const uint8_t *tag = p->raw;
            size_t tag_len = (size_t)(eq - p->raw);

            trim(&tag, &tag_len);
            p->has_eq = tag_len <= PARAM_TAG_MAX;
            if (p->has_eq) {
                memcpy(p->tag, tag, tag_len);
                p->tag[tag_len] = '\0';
                p->value = eq + 1;
                p->value_len = (size_t)(p->raw + p->raw_len - (eq + 1));
                trim(&p->value, &p->value_len);
            }
        }
        i += len + 1;
    }
}

static void drop_param(struct caa__lint_record *r, struct issue *v, struct param *p,
                       enum caa_code code, const char *message)
{
    p->dropped = true;
    add_value_fix(r, v, code, message);
}

static bool valid_value_byte(uint8_t c)
{
    return c >= 0x21 && c <= 0x7E && c != ';';
}

/* An unknown tag a known one was most likely meant to be ("validationmethod", "acounturi"): Boulder
 * ignores unknown parameters (RFC 8659 section 4.2), so the restriction silently does not apply.
 * Tags further than two edits from both are taken as some CA's own parameter. */
static bool lint_param_misspelled(struct caa__lint_record *r, struct issue *v, struct param *p,
                                  const char *folded)
{
    char shown[SHOWN_MAX];
    char message[1024];
    const char *meant = NULL;

    for (size_t i = 0; i < sizeof(known_params) / sizeof(known_params[0]); i++) {
        if (caa__edit_distance(folded, known_params[i]) <= 2) {
            meant = known_params[i];
        }
    }
    if (meant == NULL) {
        return true;
    }
    quote((const uint8_t *)p->tag, strlen(p->tag), shown);
    (void)snprintf(message, sizeof(message),
                   "parameter %s is not one CAs know, so Let's Encrypt ignores it and the record "
                   "places no %s restriction; did you mean %s?",
                   shown, strcmp(meant, "accounturi") == 0 ? "account" : "validation-method",
                   meant);
    (void)snprintf(p->tag, sizeof(p->tag), "%s", meant);
    add_value_fix(r, v, CAA_CODE_PARAMETER_MISSPELLED, message);
    return true;
}

/* Parameter tags: Boulder accepts [A-Za-z0-9]+ and matches them case-sensitively. */
static bool lint_param_tag(struct caa__lint_record *r, struct issue *v, struct param *p)
{
    char shown[SHOWN_MAX];
    char message[1024];
    char folded[PARAM_TAG_MAX + 1];
    size_t n = 0;
    bool alnum_or_hyphen = true;
    bool hyphen = false;

    quote((const uint8_t *)p->tag, strlen(p->tag), shown);
    for (const char *c = p->tag; *c != '\0'; c++) {
        hyphen = hyphen || *c == '-';
        alnum_or_hyphen = alnum_or_hyphen && (caa__ascii_is_alnum((uint8_t)*c) || *c == '-');
        if (*c != '-') {
            folded[n++] = (char)caa__ascii_lower((uint8_t)*c);
        }
    }
    folded[n] = '\0';
    if (p->tag[0] == '\0' || !alnum_or_hyphen) {
        (void)snprintf(message, sizeof(message),
                       "parameter tag \"%s\" must be letters and digits, so the record "
                       "authorizes nobody",
                       shown);
        drop_param(r, v, p, CAA_CODE_PARAMETER_MALFORMED, message);
        return false;
    }
    if (hyphen) {
        bool rename = is_known_param(folded);

        (void)snprintf(message, sizeof(message),
                       "parameter tag %s has a hyphen; Let's Encrypt rejects the record, so it "
                       "authorizes nobody%s%s%s",
                       shown, rename ? "; did you mean " : "", rename ? folded : "",
                       rename ? "?" : "");
        if (!rename) {
            drop_param(r, v, p, CAA_CODE_PARAMETER_TAG_HYPHEN, message);
            return false;
        }
        memcpy(p->tag, folded, n + 1);
        add_value_fix(r, v, CAA_CODE_PARAMETER_TAG_HYPHEN, message);
        return true;
    }
    if (!is_known_param(folded)) {
        return lint_param_misspelled(r, v, p, folded);
    }
    if (has_upper((const uint8_t *)p->tag, strlen(p->tag)) && is_known_param(folded)) {
        (void)snprintf(message, sizeof(message),
                       "parameter tag %s is not lower-case; Let's Encrypt matches %s exactly, so "
                       "it ignores this one and the binding does not apply",
                       shown, folded);
        memcpy(p->tag, folded, n + 1);
        add_value_fix(r, v, CAA_CODE_PARAMETER_TAG_CASE, message);
    }
    return true;
}

static bool rewrite(struct param *p, const uint8_t *s, size_t len)
{
    if (len >= sizeof(p->rewritten)) {
        return false;
    }
    memmove(p->rewritten, s, len);
    p->value = (const uint8_t *)p->rewritten;
    p->value_len = len;
    return true;
}

/* Joins the labels of a method list with ',', dropping blanks and empty labels. */
static size_t normalise_methods(const struct param *p, char *out, size_t cap)
{
    size_t n = 0;

    for (size_t i = 0; i < p->value_len;) {
        size_t start;

        while (i < p->value_len && (p->value[i] == ',' || caa__ascii_is_wsp(p->value[i]))) {
            i++;
        }
        start = i;
        while (i < p->value_len && p->value[i] != ',' && !caa__ascii_is_wsp(p->value[i])) {
            i++;
        }
        if (i > start) {
            if (n + (i - start) + 2 > cap) {
                return 0;
            }
            if (n > 0) {
                out[n++] = ',';
            }
            memcpy(out + n, p->value + start, i - start);
            n += i - start;
        }
    }
    return n;
}

/* "http-01, dns-01, ...": the methods table, for messages. */
static void known_methods_list(char *out, size_t cap)
{
    size_t used = 0;

    out[0] = '\0';
    for (size_t i = 0; caa_validation_method_at(i) != NULL; i++) {
        int w = snprintf(out + used, cap - used, "%s%s", i > 0 ? ", " : "",
                         caa_validation_method_at(i));

        if (w < 0 || (size_t)w >= cap - used) {
            return;
        }
        used += (size_t)w;
    }
}

/* The known method a label was meant to be ("HTTP-01", "http01"), or NULL. */
static const char *method_guess(const uint8_t *s, size_t len)
{
    char folded[64];
    size_t n = 0;

    for (size_t i = 0; i < len && n + 1 < sizeof(folded); i++) {
        if (s[i] != '-' && s[i] != '_') {
            folded[n++] = (char)caa__ascii_lower(s[i]);
        }
    }
    folded[n] = '\0';
    for (size_t i = 0; caa_validation_method_at(i) != NULL; i++) {
        const char *known = caa_validation_method_at(i);
        char k[64];
        size_t m = 0;

        for (const char *c = known; *c != '\0'; c++) {
            if (*c != '-') {
                k[m++] = *c;
            }
        }
        k[m] = '\0';
        if (strcmp(k, folded) == 0) {
            return known;
        }
    }
    return NULL;
}

#define LABELS_MAX 32

struct method_label {
    const char *text; /* into the copy of the list */
    size_t len;
    const char *replacement; /* a known method, or NULL */
    bool dropped;
};

/* Rebuilds p's value from the labels; false if nothing is left or it does not fit. */
static bool rebuild_methods(struct param *p, const struct method_label *labels, size_t count)
{
    char out[REWRITE_MAX];
    size_t n = 0;

    for (size_t i = 0; i < count; i++) {
        const char *t = labels[i].replacement != NULL ? labels[i].replacement : labels[i].text;
        size_t len = labels[i].replacement != NULL ? strlen(t) : labels[i].len;

        if (labels[i].dropped) {
            continue;
        }
        if (n + len + 2 > sizeof(out)) {
            return false;
        }
        if (n > 0) {
            out[n++] = ',';
        }
        memcpy(out + n, t, len);
        n += len;
    }
    return n > 0 && rewrite(p, (const uint8_t *)out, n);
}

/* RFC 8657 §4 labels; Boulder knows five methods and skips the rest. */
static void lint_method_labels(struct caa__lint_record *r, struct issue *v, struct param *p)
{
    char list[REWRITE_MAX];
    struct method_label labels[LABELS_MAX];
    size_t count = 0;
    char message[1024];

    if (p->value_len >= sizeof(list)) {
        return;
    }
    memcpy(list, p->value, p->value_len);
    for (size_t i = 0; i <= p->value_len && count < LABELS_MAX;) {
        const char *comma = memchr(list + i, ',', p->value_len - i);
        size_t len = comma != NULL ? (size_t)(comma - (list + i)) : p->value_len - i;

        labels[count].text = list + i;
        labels[count].len = len;
        labels[count].replacement = NULL;
        labels[count].dropped = false;
        count++;
        i += len + 1;
    }
    for (size_t i = 0; i < count; i++) {
        struct method_label *l = &labels[i];
        char shown[SHOWN_MAX];

        if (is_known_method((const uint8_t *)l->text, l->len)) {
            continue;
        }
        quote((const uint8_t *)l->text, l->len, shown);
        l->replacement = method_guess((const uint8_t *)l->text, l->len);
        l->dropped = l->replacement == NULL;
        if (l->replacement != NULL) {
            (void)snprintf(message, sizeof(message),
                           "validation method %s is not one CAs know; did you mean %s?", shown,
                           l->replacement);
        } else {
            char known[256];

            known_methods_list(known, sizeof(known));
            (void)snprintf(message, sizeof(message),
                           "validation method %s is not one Let's Encrypt knows (%s), so it is "
                           "skipped",
                           shown, known);
        }
        if (rebuild_methods(p, labels, count)) {
            add_value_fix(r, v, CAA_CODE_METHOD_UNKNOWN, message);
        } else {
            caa__lint_add(r, CAA_CODE_METHOD_UNKNOWN,
                          "list known methods, e.g. validationmethods=http-01,dns-01, or remove "
                          "the parameter",
                          "%s", message);
        }
    }
}

static void lint_param_value(struct caa__lint_record *r, struct issue *v, struct param *p)
{
    char shown[SHOWN_MAX];
    char message[1024];
    bool bytes_ok = true;

    for (size_t i = 0; i < p->value_len; i++) {
        bytes_ok = bytes_ok && valid_value_byte(p->value[i]);
    }
    quote(p->value, p->value_len, shown);
    if (strcmp(p->tag, "validationmethods") == 0) {
        char out[REWRITE_MAX];
        size_t n;

        if (caa_is_method_list(p->value, p->value_len)) {
            lint_method_labels(r, v, p);
            return;
        }
        n = normalise_methods(p, out, sizeof(out));
        (void)snprintf(message, sizeof(message),
                       "validationmethods=%s is not a comma-separated list of method labels "
                       "(RFC 8657 section 4)",
                       shown);
        if (n > 0 && caa_is_method_list((const uint8_t *)out, n) &&
            rewrite(p, (const uint8_t *)out, n)) {
            add_value_fix(r, v, CAA_CODE_METHODS_INVALID, message);
            lint_method_labels(r, v, p);
            return;
        }
        caa__lint_add(r, CAA_CODE_METHODS_INVALID,
                      "list methods without blanks, e.g. validationmethods=http-01,dns-01", "%s",
                      message);
        return;
    }
    if (strcmp(p->tag, "accounturi") == 0) {
        if (!bytes_ok || !caa_is_account_uri(p->value, p->value_len)) {
            caa__lint_add(r, CAA_CODE_ACCOUNTURI_INVALID,
                          "use the full ACME account URL, e.g. accounturi=https://acme-v02.api."
                          "letsencrypt.org/acme/acct/123456789",
                          "accounturi=%s is not a URI (RFC 8657 section 3), so the record "
                          "authorizes nobody",
                          shown);
        }
        return;
    }
    if (!bytes_ok) {
        (void)snprintf(message, sizeof(message),
                       "the value of parameter %s (%s) has blanks or bytes outside 0x21-0x7E, so "
                       "the record authorizes nobody",
                       p->tag, shown);
        drop_param(r, v, p, CAA_CODE_PARAMETER_MALFORMED, message);
    }
}

static void lint_duplicates(struct caa__lint_record *r, struct issue *v)
{
    for (size_t k = 0; k < sizeof(known_params) / sizeof(known_params[0]); k++) {
        size_t count = 0;
        struct caa__buf fix;

        for (size_t i = 0; i < v->param_count; i++) {
            count += !v->params[i].dropped && v->params[i].has_eq &&
                             strcmp(v->params[i].tag, known_params[k]) == 0
                         ? 1
                         : 0;
        }
        if (count < 2) {
            continue;
        }
        /* Separate records are additive (RFC 8659 §4.2): one record per value. */
        caa__buf_init(&fix, (size_t)1 << 20);
        for (size_t keep = 0; keep < count; keep++) {
            struct caa__buf value;

            caa__buf_init(&value, (size_t)1 << 20);
            render(v, &value, known_params[k], keep);
            if (keep > 0) {
                caa__buf_append_byte(&fix, '\n');
            }
            caa__lint_format_record(&fix, r->entry->owner, r->fix_flags, r->fix_tag,
                                    value.data != NULL ? value.data : "", value.len);
            if (value.status != CAA_OK) {
                fix.status = value.status;
            }
            caa__buf_cleanup(&value);
        }
        if (fix.status != CAA_OK) {
            caa__lint_fail(r->rep, fix.status);
        } else {
            caa__lint_add(r, CAA_CODE_DUPLICATE_PARAMETER, fix.data,
                          "%s appears %zu times in one record; Let's Encrypt treats the record "
                          "as unsatisfiable (RFC 8657; boulder#7565): use one record per value",
                          known_params[k], count);
        }
        caa__buf_cleanup(&fix);
    }
}

static void lint_params(struct caa__lint_record *r, struct issue *v)
{
    char message[1024];

    split_params(v);
    /* RFC 8659 §4.2 allows `issuer;` with nothing after it; Boulder too. */
    if (v->param_count == 1 && v->params[0].raw_len == 0) {
        v->params[0].dropped = true;
        return;
    }
    for (size_t i = 0; i < v->param_count; i++) {
        struct param *p = &v->params[i];
        char shown[SHOWN_MAX];

        quote(p->raw, p->raw_len, shown);
        if (p->raw_len == 0) {
            if (i + 1 == v->param_count && i > 0 && v->params[i - 1].raw_len == 0) {
                p->dropped = true; /* the ';;' before it is already reported */
            } else if (i + 1 == v->param_count) {
                drop_param(r, v, p, CAA_CODE_TRAILING_SEMICOLON,
                           "a ';' after the last parameter leaves an empty parameter, which the "
                           "grammar forbids (RFC 8659 section 4.2), so the record authorizes "
                           "nobody");
            } else {
                drop_param(r, v, p, CAA_CODE_PARAMETER_MALFORMED,
                           "an empty parameter (';;') makes the record malformed, so it "
                           "authorizes nobody");
            }
            continue;
        }
        if (!p->has_eq) {
            (void)snprintf(message, sizeof(message),
                           "parameter \"%s\" is not tag=value, so the record authorizes nobody",
                           shown);
            drop_param(r, v, p, CAA_CODE_PARAMETER_MALFORMED, message);
            continue;
        }
        if (lint_param_tag(r, v, p)) {
            lint_param_value(r, v, p);
        }
    }
    lint_duplicates(r, v);
}

/* ---- The value ------------------------------------------------------------------------------ */

static bool lint_quotes_and_bytes(struct caa__lint_record *r, struct caa__buf *src)
{
    const struct caa_record *rec = &r->entry->record;
    char shown[SHOWN_MAX];
    bool quoted = memchr(rec->value, '"', rec->value_len) != NULL;

    for (size_t i = 0; i < rec->value_len; i++) {
        if (rec->value[i] != '"') {
            caa__buf_append_byte(src, rec->value[i]);
        }
    }
    if (src->status != CAA_OK) {
        caa__lint_fail(r->rep, src->status);
        return false;
    }
    quote(rec->value, rec->value_len, shown);
    if (quoted) {
        const uint8_t *p = (const uint8_t *)src->data;
        size_t len = src->len;

        trim(&p, &len);
        caa__lint_add_fixed(r, CAA_CODE_VALUE_QUOTED, (const char *)p, len,
                            "the value %s contains quote characters; they become part of the "
                            "issuer, so it matches no CA",
                            shown);
    }
    for (size_t i = 0; i < src->len; i++) {
        if ((uint8_t)src->data[i] >= 0x80) {
            caa__lint_add(r, CAA_CODE_NON_ASCII_VALUE,
                          "write the issuer domain name as an A-label (xn--...), e.g. with "
                          "idn2 --lookup",
                          "the value %s has non-ASCII bytes; issuer domain names must be written "
                          "as A-labels",
                          shown);
            return false;
        }
    }
    return true;
}

void caa__lint_issue_value(struct caa__lint_record *r)
{
    const struct caa_record *rec = &r->entry->record;
    struct caa__buf src;
    struct issue v;
    size_t errors_before = r->errors;
    const uint8_t *semi;

    memset(&v, 0, sizeof(v));
    caa__buf_init(&src, CAA_VALUE_MAX + 1);
    caa__buf_append(&src, "", 0);
    if (!lint_quotes_and_bytes(r, &src)) {
        goto out;
    }
    v.src = (const uint8_t *)src.data;
    v.src_len = src.len;
    semi = memchr(v.src, ';', v.src_len);
    v.issuer = v.src;
    v.issuer_len = semi != NULL ? (size_t)(semi - v.src) : v.src_len;
    trim(&v.issuer, &v.issuer_len);
    if (semi != NULL) {
        v.params_raw = semi + 1;
        v.params_raw_len = v.src_len - (size_t)(semi + 1 - v.src);
        trim(&v.params_raw, &v.params_raw_len);
    }
    if (lint_multiple(r, &v)) {
        goto out;
    }
    if (lint_issuer(r, &v) &&
        (strcmp(r->tag_lower, "issue") == 0 || strcmp(r->tag_lower, "issuewild") == 0)) {
        lint_unknown_ca(r, &v);
    }
    lint_params(r, &v);
    /* Whatever the rules above missed, Boulder's own reading has the last word. */
    if (r->errors == errors_before) {
        struct caa_issue_value parsed;
        struct caa_error err;

        memset(&err, 0, sizeof(err));
        if (caa_issue_value_parse(rec->value, rec->value_len, CAA_PROFILE_LETSENCRYPT, &parsed,
                                  &err) != CAA_OK ||
            !parsed.well_formed) {
            caa__lint_add(r, CAA_CODE_PARAMETER_MALFORMED,
                          "write the value as issuer[; tag=value]..., e.g. "
                          "\"letsencrypt.org; validationmethods=dns-01\"",
                          "Let's Encrypt cannot parse the value (%s), so the record authorizes "
                          "nobody",
                          err.message);
        }
    }
out:
    caa__buf_cleanup(&src);
}
