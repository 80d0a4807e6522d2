#!/usr/bin/env bats
# caa generate: policy -> records in each format; exit 0 / 64 usage / 65 bad policy.

LE_ACCT="https://acme-v02.api.letsencrypt.org/acme/acct/123"

@test "the issue's example prints issue, issuewild and iodef with parameters" {
    run "$CAA" generate --ca letsencrypt.org --wildcard-ca digicert.com \
        --iodef mailto:sec@example.com --account-uri "$LE_ACCT" --methods dns-01 example.com
    [ "$status" -eq 0 ]
    [ "${#lines[@]}" -eq 3 ]
    [ "${lines[0]}" = "example.com. IN CAA 0 issue \"letsencrypt.org; accounturi=$LE_ACCT; validationmethods=dns-01\"" ]
    [ "${lines[1]}" = "example.com. IN CAA 0 issuewild \"digicert.com; accounturi=$LE_ACCT; validationmethods=dns-01\"" ]
    [ "${lines[2]}" = 'example.com. IN CAA 0 iodef "mailto:sec@example.com"' ]
}

@test "zone format with a TTL and a CA table name" {
    run "$CAA" generate --ca "Let's Encrypt" --ttl 3600 --format zone example.com
    [ "$status" -eq 0 ]
    [ "$output" = 'example.com. 3600 IN CAA 0 issue "letsencrypt.org"' ]
}

@test "rfc3597 generic format" {
    run "$CAA" generate --ca le --format rfc3597 example.com
    [ "$status" -eq 0 ]
    [ "$output" = 'example.com. IN TYPE257 \# 22 000569737375656C657473656E63727970742E6F7267' ]
}

@test "tinydns format: every RDATA byte in octal" {
    run "$CAA" generate --ca le --ttl 300 --format tinydns example.com
    [ "$status" -eq 0 ]
    [ "$output" = ':example.com:257:\000\005\151\163\163\165\145\154\145\164\163\145\156\143\162\171\160\164\056\157\162\147:300' ]
}

@test "dnsmasq format" {
    run "$CAA" generate --ca le --format dnsmasq example.com
    [ "$status" -eq 0 ]
    [ "$output" = 'dns-rr=example.com,257,000569737375656C657473656E63727970742E6F7267' ]
}

@test "dnscontrol format uses CAA_BUILDER when it can" {
    run "$CAA" generate --ca le --no-wildcard --iodef sec@example.com --format dnscontrol example.com
    [ "$status" -eq 0 ]
    [[ "${lines[0]}" == "//"* ]]
    [ "${lines[1]}" = 'CAA_BUILDER({' ]
    [ "${lines[2]}" = '    label: "@",' ]
    [ "${lines[3]}" = '    iodef: "mailto:sec@example.com",' ]
    [ "${lines[4]}" = '    issue: ["letsencrypt.org"],' ]
    [ "${lines[5]}" = '    issuewild: "none",' ]
    [ "${lines[6]}" = '}),' ]
}

@test "dnscontrol format falls back to CAA() for parameters" {
    run "$CAA" generate --ca le --methods dns-01 --format dnscontrol example.com
    [ "$status" -eq 0 ]
    [ "${lines[1]}" = 'CAA("@", "issue", "letsencrypt.org; validationmethods=dns-01"),' ]
}

@test "octodns format" {
    run "$CAA" generate --ca le --ttl 3600 --format octodns example.com
    [ "$status" -eq 0 ]
    [[ "${lines[0]}" == "# octoDNS records for the zone example.com."*"apex"* ]]
    [ "${lines[1]}" = "'':" ]
    [ "${lines[2]}" = "  ttl: 3600" ]
    [ "${lines[3]}" = "  type: CAA" ]
    [ "${lines[4]}" = "  values:" ]
    [ "${lines[5]}" = "  - flags: 0" ]
    [ "${lines[6]}" = "    tag: issue" ]
    [ "${lines[7]}" = "    value: letsencrypt.org" ]
}

@test "json format and --json" {
    run "$CAA" generate --ca le --wildcard-ca gts --format json example.com
    [ "$status" -eq 0 ]
    [ "$output" = '[{"flags":0,"tag":"issue","value":"letsencrypt.org"},{"flags":0,"tag":"issuewild","value":"pki.goog"}]' ]
    run "$CAA" generate --json --ca le --wildcard-ca gts example.com
    [ "$status" -eq 0 ]
    [ "$output" = '[{"flags":0,"tag":"issue","value":"letsencrypt.org"},{"flags":0,"tag":"issuewild","value":"pki.goog"}]' ]
}

@test "a table name expands to every issuer domain of the CA" {
    run "$CAA" generate --ca amazon example.com
    [ "$status" -eq 0 ]
    [ "${#lines[@]}" -eq 4 ]
    [ "${lines[3]}" = 'example.com. IN CAA 0 issue "amazonaws.com"' ]
}

@test "--no-issuance, --no-wildcard, wildcard-only and --critical" {
    run "$CAA" generate --no-issuance example.com
    [ "$status" -eq 0 ]
    [ "$output" = 'example.com. IN CAA 0 issue ";"' ]
    run "$CAA" generate --no-wildcard example.com
    [ "$status" -eq 0 ]
    [ "$output" = 'example.com. IN CAA 0 issuewild ";"' ]
    run "$CAA" generate --wildcard-ca digicert.com example.com
    [ "$status" -eq 0 ]
    [ "$output" = 'example.com. IN CAA 0 issuewild "digicert.com"' ]
    run "$CAA" generate --critical --ca le example.com
    [ "$status" -eq 0 ]
    [ "$output" = 'example.com. IN CAA 128 issue "letsencrypt.org"' ]
}

@test "contact records" {
    run "$CAA" generate --ca le --contact-email hostmaster@example.com --contact-phone +1.555.0100 example.com
    [ "$status" -eq 0 ]
    [ "${lines[1]}" = 'example.com. IN CAA 0 contactemail "hostmaster@example.com"' ]
    [ "${lines[2]}" = 'example.com. IN CAA 0 contactphone "+1.555.0100"' ]
}

@test "--list-cas prints the dated table" {
    run "$CAA" generate --list-cas
    [ "$status" -eq 0 ]
    [[ "${lines[0]}" == *"2026-11-01"* ]]
    [[ "$output" == *"letsencrypt  "*"Let's Encrypt"*"letsencrypt.org"* ]]
    [[ "$output" == *"sectigo.com comodoca.com comodo.com usertrust.com trust-provider.com"* ]]
    run "$CAA" generate --list-cas --json
    [ "$status" -eq 0 ]
    [[ "$output" == '{"date":"2026-11-01","cas":[{"id":"letsencrypt","name":"Let'"'"'s Encrypt","issuer_domains":["letsencrypt.org"]'* ]]
}

@test "--help exits 0" {
    run "$CAA" generate --help
    [ "$status" -eq 0 ]
    [[ "$output" == "usage: caa generate"* ]]
}

@test "usage errors exit 64" {
    run "$CAA" generate --ca le
    [ "$status" -eq 64 ]
    [[ "$output" == *"missing NAME"* ]]
    run "$CAA" generate --bogus --ca le example.com
    [ "$status" -eq 64 ]
    run "$CAA" generate --ca le --format xml example.com
    [ "$status" -eq 64 ]
    [[ "$output" == *"unknown format 'xml'"* ]]
    run "$CAA" generate --ca le --ttl 1h example.com
    [ "$status" -eq 64 ]
    run "$CAA" generate --ca le example.com example.net
    [ "$status" -eq 64 ]
    run "$CAA" generate --ca
    [ "$status" -eq 64 ]
}

@test "invalid or contradictory policy exits 65 with the reason" {
    run "$CAA" generate example.com
    [ "$status" -eq 65 ]
    [[ "$output" == *"nothing to generate: give --ca, --no-issuance or --wildcard-ca"* ]]
    run "$CAA" generate --no-issuance --ca le example.com
    [ "$status" -eq 65 ]
    [[ "$output" == *"contradictory policy"* ]]
    run "$CAA" generate --no-issuance --account-uri "$LE_ACCT" example.com
    [ "$status" -eq 65 ]
    [[ "$output" == *"contradictory policy"* ]]
    run "$CAA" generate --no-wildcard --wildcard-ca le example.com
    [ "$status" -eq 65 ]
    run "$CAA" generate --ca "Let's Encrypt Authority X3" example.com
    [ "$status" -eq 65 ]
    [[ "$output" == *"unknown CA 'Let's Encrypt Authority X3'"* ]]
    [[ "$output" == *"--list-cas"* ]]
    run "$CAA" generate --ca le --methods dns-01,dns-01 example.com
    [ "$status" -eq 65 ]
    [[ "$output" == *"given twice"* ]]
    run "$CAA" generate --ca le --methods dns-01, example.com
    [ "$status" -eq 65 ]
    run "$CAA" generate --ca le --account-uri "not a uri" example.com
    [ "$status" -eq 65 ]
    run "$CAA" generate --ca le --iodef nowhere example.com
    [ "$status" -eq 65 ]
    run "$CAA" generate --ca le '*.example.com'
    [ "$status" -eq 65 ]
    [[ "$output" == *"wildcard owner"* ]]
}

@test "--format zone output parses back: caa lint finds no error or warning" {
    run bash -c '"$CAA" generate --ca letsencrypt.org --wildcard-ca digicert.com \
        --iodef mailto:sec@example.com --account-uri "$1" --methods dns-01 \
        --contact-email hostmaster@example.com --contact-phone +1.555.0100 --critical \
        --ttl 300 --format zone example.com | "$CAA" lint -' _ "$LE_ACCT"
    [ "$status" -eq 0 ]
    [[ "$output" == *"0 errors, 0 warnings"* ]]
    run bash -c '"$CAA" generate --no-issuance --iodef sec@example.com example.com | "$CAA" lint -'
    [ "$status" -eq 0 ]
    [[ "$output" == *"0 errors, 0 warnings"* ]]
    # Every issuer domain of the table lints clean: lint and generate share the CA table.
    run bash -c '"$CAA" generate --ca Sectigo --ca DigiCert --ca amazon --no-wildcard example.com | "$CAA" lint -'
    [ "$status" -eq 0 ]
    [[ "$output" == *"0 errors, 0 warnings"* ]]
}
