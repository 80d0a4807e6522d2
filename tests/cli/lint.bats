#!/usr/bin/env bash
# caa lint: findings with positions and fixes, exit codes, JSON, stdin.

bats_require_minimum_version 1.5.0

setup() {
    ZONE="$BATS_TEST_TMPDIR/example.zone"
}

write_zone() { # write_zone: stdin -> $ZONE
    cat >"$ZONE"
}

json_get() { # json_get EXPR: evaluates a Python expression on the JSON document in $output
    /usr/bin/python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print($1)" <<<"$output"
}

@test "clean zone: exit 0, no findings, summary on stderr" {
    write_zone <<'ZONE'
$ORIGIN example.com.
$TTL 3600
@   IN SOA ns1 hostmaster ( 2024010101 7200 3600
                            1209600 3600 )
@   IN NS  ns1
@   IN CAA 0 issue "letsencrypt.org"
@   IN CAA 0 iodef "mailto:security@example.com"
ZONE
    run --separate-stderr "$CAA" lint "$ZONE"
    [ "$status" -eq 0 ]
    [ -z "$output" ]
    [[ "$stderr" == *"0 errors, 0 warnings, 0 info"* ]]
}

@test "info only still exits 0" {
    write_zone <<'ZONE'
example.com. IN CAA 0 issue ";"
ZONE
    run "$CAA" lint "$ZONE"
    [ "$status" -eq 0 ]
    [[ "$output" == *"info: EMPTY_ISSUER_SET:"* ]]
}

@test "warnings: exit 1; --strict makes it 2" {
    write_zone <<'ZONE'
example.com. IN CAA 0 issue "letsencrypt.com"
ZONE
    run "$CAA" lint "$ZONE"
    [ "$status" -eq 1 ]
    [[ "$output" == *"warning: ISSUER_UNKNOWN_CA: "*"did you mean letsencrypt.org?"* ]]
    run "$CAA" lint --strict "$ZONE"
    [ "$status" -eq 2 ]
}

@test "errors: exit 2, FILE:LINE:COL: severity: CODE: message, then the fix" {
    write_zone <<'ZONE'
$ORIGIN example.com.
@ 300 IN CAA 0 issue "letsencrypt.org."
ZONE
    run --separate-stderr "$CAA" lint "$ZONE"
    [ "$status" -eq 2 ]
    [ "${lines[0]}" = "$ZONE:2:14: error: ISSUER_TRAILING_DOT: issuer letsencrypt.org. ends with a dot; CAs compare the issuer byte for byte, so it matches no CA (RFC 8659 section 4.2 has no final dot)" ]
    [ "${lines[1]}" = '    fix: example.com. IN CAA 0 issue "letsencrypt.org"' ]
    [ "${#lines[@]}" -eq 2 ]
    [[ "$stderr" == *"1 error, 0 warnings, 0 info"* ]]
}

@test "a malformed line is reported with its position and later records are still linted" {
    write_zone <<'ZONE'
example.com. IN CAA 0 issue "letsencrypt.org
example.com. IN CAA 0 is_sue "letsencrypt.org"
example.com. IN CAA 1 issue "letsencrypt.org"
ZONE
    run "$CAA" lint "$ZONE"
    [ "$status" -eq 2 ]
    [[ "${lines[0]}" == "$ZONE:1:29: error: RECORD_SYNTAX: unbalanced quote"* ]]
    [[ "$output" == *"$ZONE:2:25: error: RECORD_SYNTAX: CAA: tag byte 0x5F"* ]]
    [[ "$output" == *"$ZONE:3:21: warning: FLAG_1_AS_CRITICAL:"* ]]
}

@test "other record types are skipped, even malformed or in parentheses" {
    write_zone <<'ZONE'
$ORIGIN example.com.
@    IN MX   10 mail
@    IN TXT  ( "v=spf1"
               " -all" )
www  IN A    192.0.2.1
bad  IN A
@    IN CAA  0 issue "letsencrypt.org"
ZONE
    run --separate-stderr "$CAA" lint "$ZONE"
    [ "$status" -eq 0 ]
    [ -z "$output" ]
}

@test "--json: a caa/1 lint document that parses, with summary counts" {
    write_zone <<'ZONE'
example.com. IN CAA 128 foo "bar"
example.com. IN CAA 0 issue "LetsEncrypt.org"
example.com. IN CAA 0 tbs "x"
ZONE
    run --separate-stderr "$CAA" lint --json "$ZONE"
    [ "$status" -eq 2 ]
    /usr/bin/python3 -m json.tool <<<"$output" >/dev/null
    [ "$(json_get 'd["schema"], d["type"]')" = "caa/1 lint" ]
    [ "$(json_get 'd["source"]')" = "$ZONE" ]
    [ "$(json_get 'len(d["findings"])')" = "3" ]
    [ "$(json_get 'd["findings"][0]["code"], d["findings"][0]["line"], d["findings"][0]["column"]')" = "CRITICAL_UNKNOWN_TAG 1 21" ]
    [ "$(json_get 'list(d["findings"][1].keys())')" = "['code', 'severity', 'line', 'column', 'owner', 'record', 'message', 'fix']" ]
    [ "$(json_get 'd["findings"][1]["fix"]')" = 'example.com. IN CAA 0 issue "letsencrypt.org"' ]
    [ "$(json_get 'd["summary"]')" = "{'errors': 2, 'warnings': 1, 'infos': 0}" ]
}

@test "stdin via -, with --origin for relative owners" {
    run "$CAA" lint --origin example.org - <<'ZONE'
www IN CAA 0 issue "letsencrypt.org, pki.goog"
ZONE
    [ "$status" -eq 2 ]
    [[ "${lines[0]}" == "<stdin>:1:12: error: MULTIPLE_ISSUERS:"* ]]
    [ "${lines[1]}" = '    fix: www.example.org. IN CAA 0 issue "letsencrypt.org"' ]
    [ "${lines[2]}" = '         www.example.org. IN CAA 0 issue "pki.goog"' ]
}

@test "no origin: a relative owner is relative to the root" {
    run "$CAA" lint - <<'ZONE'
host IN CAA 0 issue "letsencrypt.org."
ZONE
    [ "$status" -eq 2 ]
    [[ "$output" == *'fix: host. IN CAA 0 issue "letsencrypt.org"'* ]]
}

@test "CRLF zone files are read" {
    printf 'example.com. IN CAA 0 issue "letsencrypt.org"\r\nexample.com. IN CAA 4 issue "letsencrypt.org"\r\n' >"$ZONE"
    run "$CAA" lint "$ZONE"
    [ "$status" -eq 1 ]
    [[ "$output" == *"$ZONE:2:21: warning: RESERVED_FLAGS:"* ]]
}

@test "bad option: usage error 64" {
    run "$CAA" lint --frobnicate
    [ "$status" -eq 64 ]
    [[ "$output" == *"unknown option '--frobnicate'"* ]]
    run "$CAA" lint --origin
    [ "$status" -eq 64 ]
    run "$CAA" lint a.zone b.zone
    [ "$status" -eq 64 ]
}

@test "unreadable file: exit 65 with the file named" {
    run "$CAA" lint "$BATS_TEST_TMPDIR/does-not-exist.zone"
    [ "$status" -eq 65 ]
    [[ "$output" == *"does-not-exist.zone"* ]]
}

@test "--help prints usage and exits 0" {
    run "$CAA" lint --help
    [ "$status" -eq 0 ]
    [[ "$output" == *"usage: caa lint [--json] [--origin NAME] [--strict] [FILE|-]"* ]]
}

@test "a NUL byte is an error at its position, not a skipped record" {
    printf 'example.com. IN CAA 0 issue "letsencrypt.org"\nexample.com. IN CA\0A 0 issue "pki.goog"\n' >"$ZONE"
    run --separate-stderr "$CAA" lint "$ZONE"
    [ "$status" -eq 2 ]
    [[ "${lines[0]}" == "$ZONE:2:19: error: ZONE_SYNTAX: a NUL byte (\\000) at column 19"* ]]
    [[ "$stderr" == *"1 error, 0 warnings"* ]]
}

@test "input that is no zone: 'no zone data found', exit 65, never clean" {
    printf '\x89PNG\r\n\x1a\n' >"$ZONE"
    run --separate-stderr "$CAA" lint "$ZONE"
    [ "$status" -eq 65 ]
    [[ "$stderr" == *"$ZONE: no zone data found"* ]]
    [[ "$output" == *"NO_ZONE_DATA"* ]]
    : >"$ZONE"
    run --separate-stderr "$CAA" lint --json "$ZONE"
    [ "$status" -eq 65 ]
    [ "$(json_get 'd["findings"][0]["code"]')" = "NO_ZONE_DATA" ]
    run --separate-stderr "$CAA" lint - <<<'{"records": [{"type": "CAA"}]}'
    [ "$status" -eq 65 ]
}

@test "owner names: a label over 63 octets, or a name over 255, loses the record" {
    long=$(printf 'a%.0s' {1..64})
    printf '%s.example.com. IN CAA 0 issue "letsencrypt.org"\n' "$long" >"$ZONE"
    run "$CAA" lint "$ZONE"
    [ "$status" -eq 2 ]
    [[ "$output" == *"RECORD_SYNTAX: label 1 of the owner name is 64 octets"* ]]
    printf '%s.example.com. IN CAA 0 issue "letsencrypt.org"\n' "$(printf 'a.%.0s' {1..130})x" >"$ZONE"
    run "$CAA" lint "$ZONE"
    [ "$status" -eq 2 ]
    [[ "$output" == *"RECORD_SYNTAX: the owner name has 133 labels"* ]]
}

@test "CNAME and CAA at one name, issue \";\" beside a CA, misspelt parameter, duplicate" {
    write_zone <<'ZONE'
$ORIGIN example.com.
www   IN CNAME example.net.
www   IN CAA 0 issue "letsencrypt.org"
@     IN CAA 0 issue "letsencrypt.org"
@     IN CAA 0 issue ";"
api   IN CAA 0 issue "letsencrypt.org; validationmethod=dns-01"
@     IN CAA 0 issue "letsencrypt.org"
ZONE
    run --separate-stderr "$CAA" lint "$ZONE"
    [ "$status" -eq 2 ]
    [[ "${lines[0]}" == "$ZONE:3:"*": error: CNAME_WITH_CAA: www.example.com has a CNAME (line 2)"* ]]
    [[ "$output" == *"$ZONE:5:"*": warning: EMPTY_ISSUER_BESIDE_OTHERS: issue \";\" at example.com forbids nothing"* ]]
    [[ "$output" == *"$ZONE:6:"*": error: PARAMETER_MISSPELLED: "*"did you mean validationmethods?"* ]]
    [[ "$output" == *'fix: api.example.com. IN CAA 0 issue "letsencrypt.org; validationmethods=dns-01"'* ]]
    [[ "$output" == *"$ZONE:7:"*": warning: DUPLICATE_RECORD: this record repeats the one on line 4"* ]]
    [[ "$stderr" == *"2 errors, 2 warnings, 0 info"* ]]
}

@test "ISSUER_UNKNOWN_CA: the nearest known issuer, or the steps and the known issuers" {
    write_zone <<'ZONE'
example.com. IN CAA 0 issue "le.org"
example.com. IN CAA 0 issue "mycompany-ca.example"
ZONE
    run "$CAA" lint "$ZONE"
    [ "$status" -eq 1 ]
    [[ "$output" == *"issuer le.org is not one of the issuer domains well-known CAs use; did you mean letsencrypt.org?"* ]]
    [[ "$output" == *'fix: example.com. IN CAA 0 issue "letsencrypt.org"'* ]]
    [[ "$output" == *"fix: if mycompany-ca.example is your CA's own CAA identifier"*"letsencrypt.org, digicert.com, sectigo.com, pki.goog"*"(caa generate --list-cas)"* ]]
}

@test "--json: bytes that are not UTF-8 by the one escaping (byte 0xFF is U+00FF)" {
    printf 'example.com. IN CAA 0 issue "le\xfftsencrypt.org"\n' >"$ZONE"
    run --separate-stderr "$CAA" lint --json "$ZONE"
    [ "$status" -eq 2 ]
    [ "$(json_get 'd["findings"][0]["record"]')" = 'example.com. IN CAA 0 issue "leÿtsencrypt.org"' ]
}
