#!/usr/bin/env bats
# caa bulk: input lines, output formats, --shard and --resume. Nothing here needs DNS: every run
# that could start a resolver gets loopback-only root hints and a short timeout.

bats_require_minimum_version 1.5.0

setup() {
    HINTS="$CAA_SOURCE_ROOT/tests/cli/fixtures/loopback.hints"
    SAFE=(--root-hints "$HINTS" --timeout 1 --quiet)
    TMP="$BATS_TEST_TMPDIR"
}

# py EXPR: evaluates a Python expression over `lines` (the NDJSON objects in $output).
py() {
    /usr/bin/python3 -c "import json,sys; lines=[json.loads(l) for l in sys.stdin.read().splitlines() if l]; print($1)" <<<"$output"
}

# Lines the CLI itself rejects: bad CA column, too many columns, a name over 253 characters, no
# name; and one the engine rejects (empty label). Blank lines and comments yield nothing.
malformed_list() {
    local long
    long=$(printf 'a%.0s' {1..254})
    printf '# only malformed lines\n\n'
    printf 'a.example nosuchca\n'          # 3
    printf 'b.example letsencrypt dns-01 extra\r\n' # 4
    printf '   # indented comment\n'
    printf '%s\n' "$long"                  # 6
    printf ',letsencrypt\n'                # 7
    printf 'bad..example # trailing comment\n' # 8
}

@test "--help shows usage, an example and the exit codes" {
    run "$CAA" bulk --help
    [ "$status" -eq 0 ]
    [[ "$output" == *"usage: caa bulk [options] [FILE|-]"* ]]
    [[ "$output" == *"example:"* ]]
    [[ "$output" == *"exit: 0 all allowed"* ]]
    [[ "$output" == *"stable across"* ]]
}

@test "usage errors exit 64" {
    for args in "--shard 2/2" "--shard x" "--format xml" "--window 0" "--zone-limit -1" \
        "--threads 0" "--threads 65" "--engine" "--engine nope" \
        "--engine wire --resolver 127.0.0.1" \
        "--trust-ad" "--lookup-failure never" "--nonsense" "a b"; do
        run "$CAA" bulk "${SAFE[@]}" $args
        echo "args: $args -> $status"
        [ "$status" -eq 64 ]
    done
}

@test "an unreadable input or resume file exits 65" {
    run "$CAA" bulk "${SAFE[@]}" "$TMP/missing.txt"
    [ "$status" -eq 65 ]
    [[ "$output" == *"missing.txt"* ]]
    echo "x.example nosuchca" >"$TMP/in.txt"
    run "$CAA" bulk "${SAFE[@]}" --resume "$TMP/missing.ndjson" "$TMP/in.txt"
    [ "$status" -eq 65 ]
}

@test "every malformed line yields one CAA_INPUT_INVALID result at its line number; exit 2" {
    malformed_list >"$TMP/in.txt"
    run "$CAA" bulk "${SAFE[@]}" --format ndjson "$TMP/in.txt"
    [ "$status" -eq 2 ]
    [ "$(py "[l['index'] for l in lines if l['type'] == 'result']")" = "[3, 4, 6, 7, 8]" ]
    [ "$(py "{l['code'] for l in lines if l['type'] == 'result'}")" = "{'CAA_INPUT_INVALID'}" ]
    [ "$(py "{l['verdict'] for l in lines if l['type'] == 'result'}")" = "{'error'}" ]
    [ "$(py "lines[0]['message']")" = "line 3: CA column is neither an issuer domain nor a known CA: 'nosuchca'" ]
    [ "$(py "lines[1]['message']")" = "line 4: too many columns (expected NAME [CA [METHOD]])" ]
    [ "$(py "lines[2]['message']")" = "line 6: name longer than 253 characters" ]
    [ "$(py "lines[3]['message']")" = "line 7: no name in the first column" ]
    [ "$(py "lines[4]['input']")" = "bad..example" ]
    [[ "$(py "lines[4]['message']")" == "line 8: "* ]]
    [ "$(py "{l['dnssec'] for l in lines if l['type'] == 'result'}")" = "{'unknown'}" ]
    [ "$(py "(lines[-1]['type'], lines[-1]['names'], lines[-1]['verdicts'])")" = "('summary', 5, {'allowed': 0, 'denied': 0, 'error': 5})" ]
    [ "$(py "lines[-1]['codes']")" = "{'CAA_INPUT_INVALID': 5}" ]
}

@test "stdin is the default input; text and csv formats" {
    run "$CAA" bulk "${SAFE[@]}" --format text <<<'a.example nosuchca'
    [ "$status" -eq 2 ]
    [[ "${lines[0]}" == "1 a.example: error (CAA_INPUT_INVALID) line 1: CA column is neither an issuer domain nor a known CA: 'nosuchca'" ]]
    [[ "$output" == *"1 names: 0 allowed, 0 denied, 1 error"* ]]
    run "$CAA" bulk "${SAFE[@]}" --format csv - <<<'a.example nosuchca'
    [ "$status" -eq 2 ]
    [ "${lines[0]}" = "index,name,verdict,code,owner,message,ca,failing_label,culprit" ]
    [ "${lines[1]}" = "1,a.example,error,CAA_INPUT_INVALID,,line 1: CA column is neither an issuer domain nor a known CA: 'nosuchca',,," ]
    [ "${#lines[@]}" -eq 2 ]
}

@test "csv: the CA each name was checked for and the label whose lookup failed" {
    run --separate-stderr "$CAA" bulk --root-hints "$HINTS" --timeout 1 --format csv --ca letsencrypt.org \
        - <<<$'example.com sectigo\nexample.net'
    [ "$status" -eq 2 ]
    [ "${lines[1]}" = '1,example.com,error,DNS_TIMEOUT,,"the CAA lookup for example.com failed (DNS_TIMEOUT), so the CA cannot check CAA and will not issue",sectigo,example.com,' ]
    [[ "${lines[2]}" == "2,example.net,error,"*",letsencrypt.org,example.net," ]]
}

@test "the summary is shown on stderr when the results go to a file" {
    run --separate-stderr bash -c '"$CAA" bulk --root-hints "$1" --timeout 1 --format ndjson - \
        <<<"a.example nosuchca" >"$2/out.ndjson"' _ "$HINTS" "$TMP"
    [ "$status" -eq 2 ]
    [[ "$stderr" == *"1 names: 0 allowed, 0 denied, 1 error"* ]]
    [[ "$(cat "$TMP/out.ndjson")" == *'"type":"summary"'* ]]
    run --separate-stderr "$CAA" bulk "${SAFE[@]}" --format ndjson - <<<"a.example nosuchca"
    [ -z "$stderr" ]
}

@test "--shard I/N splits a list into disjoint parts whose union is the whole" {
    for i in $(seq 1 60); do echo "name$i.example nosuchca"; done >"$TMP/in.txt"
    all=""
    for shard in 0 1 2; do
        run "$CAA" bulk "${SAFE[@]}" --format ndjson --shard "$shard/3" "$TMP/in.txt"
        [ "$status" -eq 2 ]
        part=$(py "' '.join(str(l['index']) for l in lines if l['type'] == 'result')")
        [ -n "$part" ]
        all="$all $part"
    done
    [ "$(echo $all | tr ' ' '\n' | sort -n | uniq | wc -l)" -eq 60 ]
    [ "$(echo $all | wc -w)" -eq 60 ]
    # The hash is an interface: these names land in these shards in every version.
    printf 'example.com nosuchca\nExample.COM. nosuchca\n' >"$TMP/two.txt"
    run "$CAA" bulk "${SAFE[@]}" --format ndjson --shard "$(( 0x576846634e2714c6 % 7 ))/7" "$TMP/two.txt"
    [ "$(py "[l['index'] for l in lines if l['type'] == 'result']")" = "[1, 2]" ]
}

@test "--resume skips the lines a previous (cut) output answered" {
    malformed_list >"$TMP/in.txt"
    run "$CAA" bulk "${SAFE[@]}" --format ndjson "$TMP/in.txt"
    # Keep the first two results and half of the third, as if the run had been killed.
    printf '%s\n%s\n%s' "${lines[0]}" "${lines[1]}" "${lines[2]:0:40}" >"$TMP/prev.ndjson"
    run "$CAA" bulk "${SAFE[@]}" --format ndjson --resume "$TMP/prev.ndjson" "$TMP/in.txt"
    [ "$status" -eq 2 ]
    [ "$(py "[l['index'] for l in lines if l['type'] == 'result']")" = "[6, 7, 8]" ]
    [ "$(py "(lines[-1]['names'], lines[-1]['resumed'])")" = "(3, 2)" ]
}

@test "--resume takes several files, warns about a torn line in the middle, and the parts join" {
    malformed_list >"$TMP/in.txt"
    run "$CAA" bulk "${SAFE[@]}" --format ndjson "$TMP/in.txt"
    full=("${lines[@]}")
    # Part one answered lines 3 and 4, then was cut inside line 6's result.
    printf '%s\n%s\n%s' "${full[0]}" "${full[1]}" "${full[2]:0:40}" >"$TMP/part1.ndjson"
    # Part two, appended to a file by mistake after a cut (a torn line), answered line 7.
    printf '%s%s\n%s\n' "${full[4]:0:30}" "${full[3]}" "${full[3]}" >"$TMP/part2.ndjson"
    run --separate-stderr "$CAA" bulk --root-hints "$HINTS" --timeout 1 --format ndjson \
        --resume "$TMP/part1.ndjson" --resume "$TMP/part2.ndjson" "$TMP/in.txt"
    echo "$stderr"
    [ "$status" -eq 2 ]
    [ "$(py "[l['index'] for l in lines if l['type'] == 'result']")" = "[6, 8]" ]
    [ "$(py "(lines[-1]['names'], lines[-1]['resumed'])")" = "(2, 3)" ]
    [[ "$stderr" == *"warning: --resume $TMP/part2.ndjson: 1 torn line in the middle of the file (first at line 1)"* ]]
    [[ "$stderr" != *"part1.ndjson: "*"torn"* ]]
    # The README's join: every result once, in input order.
    printf '%s\n' "${lines[@]}" >"$TMP/part3.ndjson"
    run bash -c "cat '$TMP/part1.ndjson' <(echo) '$TMP/part2.ndjson' '$TMP/part3.ndjson' |
        grep '\"type\":\"result\"' | /usr/bin/python3 -c '
import json, sys
seen = {}
for line in sys.stdin:
    try:
        d = json.loads(line)
    except ValueError:
        continue
    seen.setdefault(d[\"index\"], d)
print(sorted(seen))'"
    [ "$output" = "[3, 4, 6, 7, 8]" ]
}

@test "IP addresses, localhost, a bare xn-- and a hyphen label are input errors at their line" {
    printf '192.0.2.1\nlocalhost\nxn--.example\n-\n[2001:db8::1]\n' >"$TMP/in.txt"
    run "$CAA" bulk "${SAFE[@]}" --format ndjson "$TMP/in.txt"
    [ "$status" -eq 2 ]
    [ "$(py "[(l['index'], l['code']) for l in lines if l['type'] == 'result']")" = "[(1, 'CAA_INPUT_INVALID'), (2, 'CAA_INPUT_INVALID'), (3, 'CAA_INPUT_INVALID'), (4, 'CAA_INPUT_INVALID'), (5, 'CAA_INPUT_INVALID')]" ]
    [ "$(py "lines[0]['message']")" = "line 1: an IP address, not a domain name: '192.0.2.1'" ]
    [ "$(py "lines[1]['message']")" = "line 2: localhost is not a public domain name (RFC 6761): 'localhost'" ]
    [ "$(py "lines[3]['message']")" = "line 4: a label of hyphens only is not a host name: '-'" ]
}

@test "a valid name fails fast against loopback-only hints: verdict error, exit 2" {
    for engine in unbound wire; do
        run "$CAA" bulk "${SAFE[@]}" --engine "$engine" --format ndjson <<<'example.com'
        echo "engine $engine: $status"
        [ "$status" -eq 2 ]
        [ "$(py "(lines[0]['index'], lines[0]['name'], lines[0]['verdict'])")" = "(1, 'example.com', 'error')" ]
    done
}
