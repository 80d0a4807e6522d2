/* SPDX-License-Identifier: MIT */
/* A finding's fix record, read back into a policy and written in the other generate formats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "page.h"

static const struct {
    const char *record;
    bool is_record;
    /* in the rendered block; NULL: no block at all */
    const char *want;
    const char *want2;
} cases[] = {
    {"denied.tour.test. IN CAA 0 issue \"letsencrypt.org\"", true,
     "[{&quot;flags&quot;:0,&quot;tag&quot;:&quot;issue&quot;,&quot;value&quot;:&quot;"
     "letsencrypt.org&quot;}]",
     ":denied.tour.test:257:\\000\\005"},
    {"x.example. 3600 IN CAA 0 issue \"letsencrypt.org\"", true, "<h5>dnsmasq</h5>",
     "dns-rr=x.example,257,"},
    /* RFC 8657 parameters and the critical flag survive the round trip */
    {"x.example. IN CAA 128 issue \"letsencrypt.org; accounturi=https://a.example/acct/1; "
     "validationmethods=dns-01,http-01\"",
     true, "accounturi=https://a.example/acct/1", "validationmethods=dns-01,http-01"},
    {"x.example. IN CAA 0 issuewild \";\"", true, "issuewild", "<h5>octodns</h5>"},
    {"x.example. IN CAA 0 issue \";\"", true, "&quot;value&quot;:&quot;;&quot;",
     "<h5>rfc3597</h5>"},
    /* records a policy cannot say alone, advice in words, and garbage: no block */
    {"x.example. IN CAA 0 iodef \"mailto:a@b.example\"", true, NULL, NULL},
    {"x.example. IN CAA 0 tbs \"x\"", true, NULL, NULL},
    {"check the CAA issuer domain name in your CA's documentation", false, NULL, NULL},
    {"publish the record below", false, NULL, NULL},
    {"x.example. IN CAA", false, NULL, NULL},
    {"x.example. IN CAA 0 issue \"unterminated", true, NULL, NULL},
    {"", false, NULL, NULL},
};

static void test_fix_formats(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct web_buf b;
        char *html;

        web_buf_init(&b);
        web_fix_formats(&b, cases[i].record);
        html = web_buf_finish(&b);
        assert_non_null(html);
        if (web_is_record(cases[i].record) != cases[i].is_record) {
            fail_msg("web_is_record(%s) != %d", cases[i].record, cases[i].is_record);
        }
        if (cases[i].want == NULL) {
            if (html[0] != '\0') {
                fail_msg("%s: expected nothing, got %s", cases[i].record, html);
            }
        } else if (strstr(html, cases[i].want) == NULL || strstr(html, cases[i].want2) == NULL) {
            fail_msg("%s: lacks %s or %s in %s", cases[i].record, cases[i].want, cases[i].want2,
                     html);
        }
        free(html);
    }
    assert_false(web_is_record(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fix_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
