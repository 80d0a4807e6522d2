#!/usr/bin/env bats
# caa bulk: input lines, output formats, --shard and --resume. Nothing here needs DNS: every run
# that could start a resolver gets loopback-only root hints and a short timeout.

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
        "--threads 0" "--threads 65" \
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
    [ "${lines[0]}" = "index,name,verdict,code,owner,message" ]
    [ "${lines[1]}" = "1,a.example,error,CAA_INPUT_INVALID,,line 1: CA column is neither an issuer domain nor a known CA: 'nosuchca'" ]
    [ "${#lines[@]}" -eq 2 ]
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

@test "a valid name fails fast against loopback-only hints: verdict error, exit 2" {
    run "$CAA" bulk "${SAFE[@]}" --format ndjson <<<'example.com'
    [ "$status" -eq 2 ]
    [ "$(py "(lines[0]['index'], lines[0]['name'], lines[0]['verdict'])")" = "(1, 'example.com', 'error')" ]
}
