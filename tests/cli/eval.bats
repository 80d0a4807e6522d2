#!/usr/bin/env bash
# caa eval: the verdict for records given on the command line or stdin.

json_get() { # json_get EXPR: evaluates a Python expression on the JSON document in $output
    /usr/bin/python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print($1)" <<<"$output"
}

@test "authorised record: allowed, exit 0" {
    run "$CAA" eval --record '0 issue "letsencrypt.org"' example.com
    [ "$status" -eq 0 ]
    [[ "$output" == *"example.com: allowed (CAA_AUTHORIZED)"* ]]
}

@test "other CA: denied, exit 1, with Boulder's message" {
    run "$CAA" eval --record '0 issue "digicert.com"' example.com
    [ "$status" -eq 1 ]
    [[ "$output" == *"denied (CAA_ISSUER_NOT_LISTED)"* ]]
    [[ "$output" == *"While processing CAA for example.com: CAA record for example.com prevents issuance"* ]]
}

@test "zone lines on stdin are climbed like DNS: the closest owner wins" {
    run "$CAA" eval --ca letsencrypt.org '*.www.example.com' <<'ZONE'
$ORIGIN example.com.
@        3600 IN CAA 0 issue "letsencrypt.org"
www      3600 IN CAA 0 issue "digicert.com"
www      3600 IN A   192.0.2.1
ZONE
    [ "$status" -eq 1 ]
    [[ "$output" == *"relevant RRset at www.example.com"* ]]
}

@test "issuewild governs wildcards, issue plain names" {
    records=('0 issue "letsencrypt.org"' '0 issuewild ";"')
    run "$CAA" eval --record "${records[0]}" --record "${records[1]}" '*.example.com'
    [ "$status" -eq 1 ]
    [[ "$output" == *"CAA_EMPTY_ISSUER"* ]]
    run "$CAA" eval --record "${records[0]}" --record "${records[1]}" example.com
    [ "$status" -eq 0 ]
}

@test "no records: allowed with CAA_NO_RECORDS" {
    run "$CAA" eval --record 'other.example. IN CAA 0 issue ";"' example.com
    [ "$status" -eq 0 ]
    [[ "$output" == *"CAA_NO_RECORDS"* ]]
}

@test "--json: one caa/1 document with the relevant RRset and both profiles" {
    run "$CAA" eval --json --record '9 tbs "x"' --record '0 issue "letsencrypt.org"' example.com
    [ "$status" -eq 1 ]
    [ "$(json_get 'd["schema"], d["verdict"], d["code"], d["profiles_differ"]')" = "caa/1 denied CAA_UNKNOWN_CRITICAL True" ]
    # The same shape as caa check's "profiles" (one JSON shape per type, issue 11).
    [ "$(json_get 'd["profiles"]["other"]["profile"], d["profiles"]["other"]["verdict"]')" = "rfc8659 allowed" ]
    [ "$(json_get 'len(d["relevant_rrset"]["records"])')" = "2" ]
}

@test "text output notes where the rfc8659 profile differs" {
    run "$CAA" eval --record '0 issue "LetsEncrypt.org"' example.com
    [ "$status" -eq 1 ]
    [[ "$output" == *"note: under the rfc8659 profile: allowed"* ]]
    run "$CAA" eval --profile rfc8659 --record '0 issue "LetsEncrypt.org"' example.com
    [ "$status" -eq 0 ]
}

@test "account and method binding (RFC 8657)" {
    rec='0 issue "letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/42; validationmethods=dns-01"'
    run "$CAA" eval --record "$rec" --account-uri https://acme-v02.api.letsencrypt.org/acme/acct/42 --method dns-01 example.com
    [ "$status" -eq 0 ]
    run "$CAA" eval --record "$rec" --account-uri https://acme-v02.api.letsencrypt.org/acme/acct/43 --method dns-01 example.com
    [ "$status" -eq 1 ]
    [[ "$output" == *"CAA_ACCOUNTURI_MISMATCH"* ]]
    run "$CAA" eval --record "$rec" --account-uri https://acme-v02.api.letsencrypt.org/acme/acct/42 --method http-01 example.com
    [ "$status" -eq 1 ]
    [[ "$output" == *"CAA_METHOD_NOT_ALLOWED"* ]]
}

@test "a CA named as in the table expands to all its issuer domains" {
    run "$CAA" eval --ca sectigo --record '0 issue "comodoca.com"' example.com
    [ "$status" -eq 0 ]
    run "$CAA" eval --ca "Let's Encrypt" --record '0 issue "letsencrypt.org"' example.com
    [ "$status" -eq 0 ]
}

@test "U-label names are evaluated as A-labels" {
    run "$CAA" eval --record 'xn--bcher-kva.example. IN CAA 0 issue ";"' 'Bücher.example'
    [ "$status" -eq 1 ]
    [[ "$output" == *"xn--bcher-kva.example: denied"* ]]
}

@test "several names: an order, JSON verdict is the worst" {
    run "$CAA" eval --json --record 'a.example. CAA 0 issue "letsencrypt.org"' --record 'b.example. CAA 0 issue ";"' a.example b.example
    [ "$status" -eq 1 ]
    [ "$(json_get 'd["type"], d["verdict"], len(d["results"])')" = "order denied 2" ]
}

@test "a malformed record is reported with its position; the rest still counts; exit 65" {
    run "$CAA" eval example.com <<'ZONE'
example.com. IN CAA 0 issue "letsencrypt.org"
example.com. IN CAA 0 issue "unterminated
ZONE
    [ "$status" -eq 65 ]
    [[ "$output" == *"<stdin>:2:"* ]]
    [[ "$output" == *"example.com: allowed (CAA_AUTHORIZED)"* ]]
}

@test "usage errors exit 64" {
    run "$CAA" eval --record '0 issue ";"'
    [ "$status" -eq 64 ]
    run "$CAA" eval --profile strict --record '0 issue ";"' example.com
    [ "$status" -eq 64 ]
    run "$CAA" eval --ca "Not A CA Name" --record '0 issue ";"' example.com
    [ "$status" -eq 64 ]
    run "$CAA" eval --bogus example.com
    [ "$status" -eq 64 ]
}

@test "a bad name is bad input data (65)" {
    run "$CAA" eval --record '0 issue ";"' 'exa mple.com'
    [ "$status" -eq 65 ]
    [[ "$output" == *"not allowed"* ]]
}

@test "--help exits 0 and shows an example" {
    run "$CAA" eval --help
    [ "$status" -eq 0 ]
    [[ "$output" == *"example: caa eval"* ]]
}

@test "unknown critical property: the fix is the exact record with the flag cleared" {
    run "$CAA" eval example.com <<'ZONE'
example.com. IN CAA 128 tbs "Unknown"
example.com. IN CAA 0 issue "letsencrypt.org"
ZONE
    [ "$status" -eq 1 ]
    [[ "$output" == *"denied (CAA_UNKNOWN_CRITICAL)"* ]]
    [[ "$output" == *"  fix: remove the critical record, or clear its critical flag:"* ]]
    [[ "$output" == *'       example.com. IN CAA 0 tbs "Unknown"'* ]]
}

@test "--ca close to a known issuer: a did-you-mean note on stderr, the check still runs" {
    run --separate-stderr "$CAA" eval --ca letsencrypt.com --record '0 issue "letsencrypt.org"' example.com
    [ "$status" -eq 1 ]
    [[ "$stderr" == *"--ca letsencrypt.com is not the issuer domain of any CA caa knows; did you mean letsencrypt.org?"* ]]
    [[ "$output" == *"letsencrypt.com is not listed"* ]]
    run --separate-stderr "$CAA" eval --ca letsencrypt.org --record '0 issue "letsencrypt.org"' example.com
    [ "$status" -eq 0 ]
    [ -z "$stderr" ]
}

@test "unknown --method: usage error 64 in eval, check, bulk, diagnose and generate" {
    run "$CAA" eval --method dns-02 --record '0 issue "letsencrypt.org"' example.com
    [ "$status" -eq 64 ]
    [[ "$output" == *"unknown --method 'dns-02' (known: http-01, dns-01, tls-alpn-01"* ]]
    run "$CAA" eval --method DNS-01 --record '0 issue "letsencrypt.org"' example.com
    [ "$status" -eq 64 ]
    [[ "$output" == *"did you mean dns-01?"* ]]
    # Refused while reading the options: no lookup is made.
    run "$CAA" check --method http01 example.com
    [ "$status" -eq 64 ]
    [[ "$output" == *"caa check: unknown --method 'http01'; did you mean http-01?"* ]]
    run "$CAA" bulk --method tls-sni-01 /dev/null
    [ "$status" -eq 64 ]
    run "$CAA" diagnose --method foo example.com
    [ "$status" -eq 64 ]
    run "$CAA" generate --ca le --methods dns-01,dns-02 example.com
    [ "$status" -eq 64 ]
    [[ "$output" == *"unknown --methods value 'dns-02'"* ]]
    run "$CAA" eval --method dns-account-01 --record '0 issue "letsencrypt.org; validationmethods=dns-account-01"' example.com
    [ "$status" -eq 0 ]
}

@test "--json: a value that is not UTF-8 gives the verdict, by the one escaping (byte 0xFF is U+00FF)" {
    run "$CAA" eval --json --record $'0 issue "le\xfftsencrypt.org"' example.com
    [ "$status" -eq 1 ]
    [ "$(json_get 'd["verdict"], d["code"]')" = "denied CAA_ISSUER_NOT_LISTED" ]
    [ "$(json_get 'd["relevant_rrset"]["records"][0]["value"] == "le\u00fftsencrypt.org"')" = "True" ]
    [ "$(json_get 'd["relevant_rrset"]["records"][0]["value_escaped"]')" = "True" ]
    [ "$(json_get '"le\u00fftsencrypt.org" in d["message"]')" = "True" ]
}
