/* SPDX-License-Identifier: MIT */
#include <caa/code.h>

#include <string.h>

#define ALLOWED CAA_CODE_KIND_ALLOWED, CAA_SEVERITY_INFO
#define DENIED CAA_CODE_KIND_DENIED, CAA_SEVERITY_ERROR
#define LINT_E CAA_CODE_KIND_LINT, CAA_SEVERITY_ERROR
#define LINT_W CAA_CODE_KIND_LINT, CAA_SEVERITY_WARNING
#define LINT_I CAA_CODE_KIND_LINT, CAA_SEVERITY_INFO
#define DNS CAA_CODE_KIND_DNS, CAA_SEVERITY_ERROR

/* One table: names, messages, kinds and severities. docs/codes.md has an entry for each name
 * (tests/unit/test_code.c checks). */
static const struct {
    const char *name;
    const char *message;
    enum caa_code_kind kind;
    enum caa_severity severity;
} codes[] = {
    [CAA_CODE_NO_RECORDS] = {"CAA_NO_RECORDS", "no CAA records apply: any CA may issue", ALLOWED},
    [CAA_CODE_NO_RELEVANT_PROPERTY] = {"CAA_NO_RELEVANT_PROPERTY",
                                       "the CAA records do not restrict this kind of certificate",
                                       ALLOWED},
    [CAA_CODE_AUTHORIZED] = {"CAA_AUTHORIZED", "a CAA record authorizes this CA", ALLOWED},
    [CAA_CODE_ISSUER_NOT_LISTED] = {"CAA_ISSUER_NOT_LISTED",
                                    "the CAA records name other CAs, not this one", DENIED},
    [CAA_CODE_EMPTY_ISSUER] = {"CAA_EMPTY_ISSUER", "the CAA records forbid every CA (issue \";\")",
                               DENIED},
    [CAA_CODE_UNKNOWN_CRITICAL] = {"CAA_UNKNOWN_CRITICAL",
                                   "a critical CAA property the CA does not know forbids issuance",
                                   DENIED},
    [CAA_CODE_ACCOUNTURI_MISMATCH] = {"CAA_ACCOUNTURI_MISMATCH",
                                      "the CAA record for this CA is bound to another ACME account",
                                      DENIED},
    [CAA_CODE_METHOD_NOT_ALLOWED] = {"CAA_METHOD_NOT_ALLOWED",
                                     "the CAA record for this CA does not allow this validation "
                                     "method",
                                     DENIED},
    [CAA_CODE_MALFORMED] = {"CAA_MALFORMED",
                            "the CAA record naming this CA is malformed, so it authorizes nobody",
                            DENIED},
    [CAA_CODE_DUPLICATE_PARAMETER] = {"CAA_DUPLICATE_PARAMETER",
                                      "the CAA record for this CA repeats accounturi or "
                                      "validationmethods, which no request can satisfy",
                                      DENIED},
    [CAA_CODE_RECORD_SYNTAX] = {"RECORD_SYNTAX", "the CAA record cannot be parsed", LINT_E},
    [CAA_CODE_ZONE_SYNTAX] = {"ZONE_SYNTAX", "the zone-file line cannot be read", LINT_E},
    [CAA_CODE_ISSUER_TRAILING_DOT] = {"ISSUER_TRAILING_DOT",
                                      "the issuer domain name ends with a dot, so it matches no CA",
                                      LINT_E},
    [CAA_CODE_ISSUER_UPPERCASE] = {"ISSUER_UPPERCASE",
                                   "the issuer domain name has upper-case letters; CAs compare it "
                                   "byte for byte",
                                   LINT_E},
    [CAA_CODE_ISSUER_NOT_A_DOMAIN] = {"ISSUER_NOT_A_DOMAIN",
                                      "the issuer is not a domain name, so it matches no CA",
                                      LINT_E},
    [CAA_CODE_ISSUER_UNKNOWN_CA] = {"ISSUER_UNKNOWN_CA",
                                    "the issuer domain name is not one a known CA uses", LINT_W},
    [CAA_CODE_VALUE_QUOTED] = {"VALUE_QUOTED",
                               "the value contains literal quote characters, so it matches no CA",
                               LINT_E},
    [CAA_CODE_MULTIPLE_ISSUERS] = {"MULTIPLE_ISSUERS",
                                   "one record names several CAs; each CA needs its own record",
                                   LINT_E},
    [CAA_CODE_FLAG_1_AS_CRITICAL] = {"FLAG_1_AS_CRITICAL",
                                     "flags 1 is a reserved bit, not the critical flag (128)",
                                     LINT_W},
    [CAA_CODE_RESERVED_FLAGS] = {"RESERVED_FLAGS",
                                 "reserved flag bits are set; publishers must leave them clear",
                                 LINT_W},
    [CAA_CODE_CRITICAL_ON_IODEF] = {"CRITICAL_ON_IODEF",
                                    "iodef is marked critical; CAs that do not act on iodef may "
                                    "refuse to issue",
                                    LINT_W},
    [CAA_CODE_CRITICAL_ON_CONTACT] = {"CRITICAL_ON_CONTACT",
                                      "a contact property is marked critical; CAs that do not know "
                                      "it (Let's Encrypt) refuse to issue",
                                      LINT_E},
    [CAA_CODE_CRITICAL_UNKNOWN_TAG] = {"CRITICAL_UNKNOWN_TAG",
                                       "an unknown tag is marked critical: every CA refuses to "
                                       "issue",
                                       LINT_E},
    [CAA_CODE_UNKNOWN_TAG] = {"UNKNOWN_TAG", "the tag is not a registered CAA property", LINT_W},
    [CAA_CODE_TAG_UPPERCASE] = {"TAG_UPPERCASE",
                                "the tag has upper-case letters; registered tags are lower-case",
                                LINT_I},
    [CAA_CODE_TAG_TOO_LONG] = {"TAG_TOO_LONG", "the tag is longer than 15 characters", LINT_W},
    [CAA_CODE_PARAMETER_MALFORMED] = {"PARAMETER_MALFORMED",
                                      "a parameter is malformed, so the record authorizes nobody",
                                      LINT_E},
    [CAA_CODE_PARAMETER_TAG_HYPHEN] = {"PARAMETER_TAG_HYPHEN",
                                       "a parameter tag has a hyphen; Let's Encrypt then ignores "
                                       "the whole record",
                                       LINT_E},
    [CAA_CODE_PARAMETER_TAG_CASE] = {"PARAMETER_TAG_CASE",
                                     "a parameter tag is not lower-case; Let's Encrypt does not "
                                     "recognise it and ignores the binding",
                                     LINT_E},
    [CAA_CODE_TRAILING_SEMICOLON] = {"TRAILING_SEMICOLON",
                                     "a ';' after the last parameter makes the record malformed",
                                     LINT_E},
    [CAA_CODE_ACCOUNTURI_INVALID] = {"ACCOUNTURI_INVALID", "the accounturi value is not a URI",
                                     LINT_E},
    [CAA_CODE_METHODS_INVALID] = {"METHODS_INVALID",
                                  "the validationmethods value is not a comma-separated list of "
                                  "method labels",
                                  LINT_E},
    [CAA_CODE_METHOD_UNKNOWN] = {"METHOD_UNKNOWN", "a validation method label is not one CAs know",
                                 LINT_W},
    [CAA_CODE_ISSUEWILD_WITHOUT_ISSUE] = {"ISSUEWILD_WITHOUT_ISSUE",
                                          "the RRset has issuewild but no issue: any CA may issue "
                                          "for the plain name",
                                          LINT_W},
    [CAA_CODE_IODEF_BAD_SCHEME] = {"IODEF_BAD_SCHEME",
                                   "iodef must be a mailto:, http: or https: URL", LINT_W},
    [CAA_CODE_CONTACT_INVALID] = {"CONTACT_INVALID",
                                  "the contactemail or contactphone value is not valid", LINT_W},
    [CAA_CODE_NON_ASCII_VALUE] = {"NON_ASCII_VALUE",
                                  "the value has non-ASCII bytes; issuer names must be A-labels",
                                  LINT_E},
    [CAA_CODE_CAA_AT_WILDCARD_OWNER] = {"CAA_AT_WILDCARD_OWNER",
                                        "CAA at a DNS wildcard owner (*.name) is not what CAs "
                                        "check for wildcard certificates",
                                        LINT_W},
    [CAA_CODE_EMPTY_ISSUER_SET] = {"EMPTY_ISSUER_SET",
                                   "no CA may issue for this name (issue \";\")", LINT_I},
    [CAA_CODE_DNS_SERVFAIL] = {"DNS_SERVFAIL",
                               "the resolver answered SERVFAIL: the domain's nameservers may be "
                               "malfunctioning",
                               DNS},
    [CAA_CODE_DNS_TIMEOUT] = {"DNS_TIMEOUT", "the CAA lookup timed out", DNS},
    [CAA_CODE_DNS_BOGUS] = {"DNS_BOGUS", "the CAA answer failed DNSSEC validation", DNS},
    [CAA_CODE_DNS_NXDOMAIN_TLD] = {"DNS_NXDOMAIN_TLD", "the top-level domain does not exist", DNS},
    [CAA_CODE_DNS_TRUNCATED] = {"DNS_TRUNCATED", "the CAA answer was truncated", DNS},
    [CAA_CODE_DNS_REFUSED] = {"DNS_REFUSED", "the CAA query was refused", DNS},
    [CAA_CODE_DNS_RCODE] = {"DNS_RCODE", "the CAA lookup failed with an error response code", DNS},
    [CAA_CODE_DNS_NETWORK] = {"DNS_NETWORK", "a network error stopped the CAA lookup", DNS},
    [CAA_CODE_DNS_RESOLVER] = {"DNS_RESOLVER", "the resolver failed internally", DNS},
    [CAA_CODE_DNS_MALFORMED] = {"DNS_MALFORMED",
                                "the CAA answer holds a record that cannot be parsed", DNS},
    [CAA_CODE_BR_EXCEPTION] = {"CAA_BR_EXCEPTION",
                               "the lookup failed, but the zone is provably DNSSEC-insecure: the "
                               "BR 3.2.2.8 exception allows issuance",
                               ALLOWED},
    [CAA_CODE_NS_NOTIMP_CAA] =
        {"NS_NOTIMP_CAA", "a nameserver answers NOTIMP to CAA queries; it must answer NOERROR",
         CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NS_REFUSED] = {"NS_REFUSED",
                             "a nameserver refuses queries for a zone it is listed for",
                             CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NS_FORMERR] = {"NS_FORMERR", "a nameserver answers FORMERR to CAA queries",
                             CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NS_SERVFAIL] = {"NS_SERVFAIL", "a nameserver answers SERVFAIL to CAA queries",
                              CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NS_DROPS_CAA] =
        {"NS_DROPS_CAA",
         "a nameserver answers other queries but never CAA queries (a firewall drops them)",
         CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NS_UNREACHABLE] = {"NS_UNREACHABLE", "a nameserver address does not answer at all",
                                 CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NS_LAME] = {"NS_LAME", "a nameserver listed for the zone is not authoritative for it",
                          CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NODATA_WITHOUT_SOA] = {"NODATA_WITHOUT_SOA",
                                     "an empty answer carries no SOA record (RFC 2308)",
                                     CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_CASE_NOT_PRESERVED] =
        {"CASE_NOT_PRESERVED",
         "a nameserver does not echo the query name's letter case (breaks 0x20)",
         CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_WARNING},
    [CAA_CODE_TRUNCATED_NO_TCP] = {"TRUNCATED_NO_TCP",
                                   "a nameserver truncates the answer over UDP and fails over TCP",
                                   CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_EDNS_NONCOMPLIANT] = {"EDNS_NONCOMPLIANT", "a nameserver mishandles EDNS queries",
                                    CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NS_INCONSISTENT] = {"NS_INCONSISTENT",
                                  "the zone's nameservers give different CAA answers",
                                  CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_SOA_SERIAL_MISMATCH] = {"SOA_SERIAL_MISMATCH",
                                      "the zone's nameservers serve different SOA serials",
                                      CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_WARNING},
    [CAA_CODE_DELEGATION_MISMATCH] = {"DELEGATION_MISMATCH",
                                      "the parent's NS set and the zone's own NS set differ",
                                      CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_WARNING},
    [CAA_CODE_DNSSEC_EXPIRED] = {"DNSSEC_EXPIRED", "DNSSEC signatures have expired",
                                 CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_DNSSEC_NOT_YET_VALID] = {"DNSSEC_NOT_YET_VALID",
                                       "DNSSEC signatures are not valid yet",
                                       CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_DNSSEC_BAD_SIGNATURE] = {"DNSSEC_BAD_SIGNATURE",
                                       "a DNSSEC signature on the CAA answer does not verify",
                                       CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_DNSSEC_BAD_DENIAL] = {"DNSSEC_BAD_DENIAL",
                                    "the DNSSEC proof of an empty CAA answer does not verify",
                                    CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_DNSSEC_DS_MISMATCH] = {"DNSSEC_DS_MISMATCH",
                                     "the parent's DS record matches no key of the zone",
                                     CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_DNSSEC_STRIPPED] = {"DNSSEC_STRIPPED",
                                  "the parent publishes a DS but the zone is served unsigned",
                                  CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_CNAME_LOOP] = {"CNAME_LOOP", "the name's CNAME chain loops", CAA_CODE_KIND_DIAGNOSIS,
                             CAA_SEVERITY_ERROR},
    [CAA_CODE_PARENT_LOOKUP_FAILED] =
        {"PARENT_LOOKUP_FAILED", "the failing lookup is above your zone (a parent or the TLD)",
         CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_INFO},
    [CAA_CODE_NS_PRIVATE_ADDRESS] =
        {"NS_PRIVATE_ADDRESS",
         "a public delegation points to a private, loopback or link-local address",
         CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_WARNING},
    [CAA_CODE_NS_INTERMITTENT] = {"NS_INTERMITTENT", "a nameserver fails only some of the time",
                                  CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_WARNING},
    [CAA_CODE_DNS01_TXT_MISMATCH] =
        {"DNS01_TXT_MISMATCH", "the zone's nameservers serve different _acme-challenge TXT records",
         CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NO_PROBLEM_FOUND] = {"NO_PROBLEM_FOUND", "every nameserver answered CAA correctly",
                                   CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_INFO},
    [CAA_CODE_INPUT_INVALID] = {"CAA_INPUT_INVALID",
                                "the input line is not a name that can be checked", DNS},
    [CAA_CODE_NO_ZONE_DATA] = {"NO_ZONE_DATA",
                               "no zone data found: the input has no record or directive", LINT_E},
    [CAA_CODE_CNAME_WITH_CAA] = {"CNAME_WITH_CAA",
                                 "a name has both a CNAME and CAA records; a CNAME name has no "
                                 "other data",
                                 LINT_E},
    [CAA_CODE_EMPTY_ISSUER_BESIDE_OTHERS] = {"EMPTY_ISSUER_BESIDE_OTHERS",
                                             "issue \";\" beside issue records naming CAs forbids "
                                             "nothing",
                                             LINT_W},
    [CAA_CODE_PARAMETER_MISSPELLED] = {"PARAMETER_MISSPELLED",
                                       "a parameter tag is a misspelt accounturi or "
                                       "validationmethods, so CAs ignore it",
                                       LINT_E},
    [CAA_CODE_DNS01_TXT_FAILED] = {"DNS01_TXT_FAILED",
                                   "the CA found no _acme-challenge TXT record, or not the one it "
                                   "expected (DNS-01)",
                                   DNS},
    [CAA_CODE_DUPLICATE_RECORD] = {"DUPLICATE_RECORD",
                                   "the same CAA record appears twice at one name", LINT_W},
    [CAA_CODE_DNSSEC_NSEC3_ITERATIONS] =
        {"DNSSEC_NSEC3_ITERATIONS",
         "NSEC3 proofs use more than 150 iterations: validators treat the zone's empty answers as "
         "insecure (RFC 9276)",
         CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_WARNING},
    [CAA_CODE_NS_MALFORMED_REPLY] = {"NS_MALFORMED_REPLY",
                                     "a nameserver's replies to CAA queries do not parse as DNS",
                                     CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NS_WRONG_ID] = {"NS_WRONG_ID",
                              "a nameserver replies to CAA queries with another message ID",
                              CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NS_WRONG_QUESTION] = {"NS_WRONG_QUESTION",
                                    "a nameserver's CAA replies echo another question",
                                    CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_NS_BAD_HEADER] = {"NS_BAD_HEADER",
                                "a nameserver's CAA replies have QR=0 or another opcode",
                                CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_CNAME_CHAIN_TOO_LONG] = {"CNAME_CHAIN_TOO_LONG",
                                       "the name's CNAME chain is longer than resolvers follow",
                                       CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
    [CAA_CODE_CAA_RECORD_MALFORMED] = {"CAA_RECORD_MALFORMED",
                                       "a nameserver serves a CAA record whose data does not parse",
                                       CAA_CODE_KIND_DIAGNOSIS, CAA_SEVERITY_ERROR},
};

_Static_assert(sizeof(codes) / sizeof(codes[0]) == CAA_CODE_COUNT_, "every code has an entry");

static int in_range(enum caa_code code)
{
    return (unsigned)code < (unsigned)CAA_CODE_COUNT_ && codes[code].name != NULL;
}

const char *caa_code_name(enum caa_code code)
{
    return in_range(code) ? codes[code].name : "CAA_UNKNOWN_CODE";
}

const char *caa_code_message(enum caa_code code)
{
    return in_range(code) ? codes[code].message : "unknown code";
}

enum caa_code_kind caa_code_kind(enum caa_code code)
{
    return in_range(code) ? codes[code].kind : CAA_CODE_KIND_LINT;
}

enum caa_severity caa_code_severity(enum caa_code code)
{
    return in_range(code) ? codes[code].severity : CAA_SEVERITY_ERROR;
}

int caa_code_from_name(const char *name, enum caa_code *out)
{
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        if (codes[i].name != NULL && strcmp(codes[i].name, name) == 0) {
            *out = (enum caa_code)i;
            return 0;
        }
    }
    return -1;
}

const char *caa_severity_name(enum caa_severity severity)
{
    switch (severity) {
    case CAA_SEVERITY_INFO:
        return "info";
    case CAA_SEVERITY_WARNING:
        return "warning";
    case CAA_SEVERITY_ERROR:
        return "error";
    }
    return "error";
}
