#!/usr/bin/env bats
# The top-level command: dispatch, help, version, usage errors.

bats_require_minimum_version 1.5.0

@test "no command is a usage error (64)" {
    run "$CAA"
    [ "$status" -eq 64 ]
    [[ "$output" == *"usage: caa"* ]]
}

@test "unknown command is a usage error (64)" {
    run "$CAA" frobnicate
    [ "$status" -eq 64 ]
    [[ "$output" == *"unknown command 'frobnicate'"* ]]
}

@test "help lists every command and exits 0" {
    run "$CAA" --help
    [ "$status" -eq 0 ]
    [[ "$output" == *"eval"* ]]
    [[ "$output" == *"lint"* ]]
    [[ "$output" == *"generate"* ]]
}

@test "version prints the version" {
    run "$CAA" version
    [ "$status" -eq 0 ]
    [[ "$output" =~ ^caa\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
}

@test "the man page documents every command and every exit code" {
    page="$CAA_SOURCE_ROOT/docs/man/caa.1.scd"
    for verb in $("$CAA" --help | awk '/^commands:/{on=1; next} on && /^  [a-z]/ {print $1}'); do
        grep -q "^\*$verb\*" "$page" || { echo "caa.1 does not document '$verb'"; return 1; }
    done
    for code in $(grep -oE '= [0-9]+,' "$CAA_SOURCE_ROOT/src/cli/cli.h" | tr -dc '0-9\n'); do
        grep -q "^\*$code\*$" "$page" || { echo "caa.1 does not document exit code $code"; return 1; }
    done
}

@test "write error on stdout: reported, exit 70, for every command that runs offline" {
    zone="$BATS_TEST_TMPDIR/z.zone"
    echo 'example.com. IN CAA 0 issue ";"' >"$zone"
    for cmd in "version" "--help" "check --help" "eval --record '0 issue \"letsencrypt.org\"' example.com" \
        "eval --json --record '0 issue \"letsencrypt.org\"' example.com" "lint $zone" "lint --json $zone" \
        "generate --ca letsencrypt example.com" "generate --list-cas"; do
        run --separate-stderr bash -c "\"\$CAA\" $cmd >/dev/full"
        echo "$cmd: $status $stderr" >&2
        [ "$status" -eq 70 ]
        [[ "$stderr" == *"cannot write the output"* ]]
    done
}

@test "eval text: control bytes and newlines in a value are \\DDD, never a forged line" {
    run "$CAA" eval --record '0 issue "evil.example\010fake: allowed (CAA_AUTHORIZED)\027[2J"' example.com
    [ "$status" -eq 1 ]
    ! LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' <<<"$output"
    [[ "$output" == *'allow only "evil.example\010fake: allowed (CAA_AUTHORIZED)\027[2J"'* ]]
    ! grep -q '^fake' <<<"$output"
}

@test "JSON of the offline commands validates against docs/caa-1.schema.json" {
    schema="$CAA_SOURCE_ROOT/docs/caa-1.schema.json"
    validate="$CAA_SOURCE_ROOT/tests/support/validate_json.py"
    hints="$CAA_SOURCE_ROOT/tests/cli/fixtures/loopback.hints"
    zone="$BATS_TEST_TMPDIR/z.zone"
    printf 'example.com. IN CAA 0 issue "le\xfftsencrypt.org"\nexample.com. IN CAA 128 tbad "x"\n' >"$zone"
    run bash -c "\"\$CAA\" lint --json '$zone' | '$validate' '$schema' lint"
    [ "$status" -eq 0 ]
    for records in '0 issue "letsencrypt.org"' $'0 issue "le\xfftsencrypt.org"' '128 tbad "x"'; do
        run bash -c "\"\$CAA\" eval --json --record '$records' example.com | '$validate' '$schema' eval"
        [ "$status" -eq 0 ]
        run bash -c "\"\$CAA\" eval --json --record '$records' a.example '*.b.example' | '$validate' '$schema' eval-order"
        [ "$status" -eq 0 ]
    done
    run bash -c "printf '192.0.2.1\nexample.com nosuchca\n' | \"\$CAA\" bulk --root-hints '$hints' -q --timeout 1 | '$validate' '$schema' bulk"
    [ "$status" -eq 0 ]
    # The schema is strict: a field it does not know fails.
    run bash -c "echo '{\"schema\":\"caa/1\",\"type\":\"summary\",\"names\":1}' | '$validate' '$schema' bad"
    [ "$status" -eq 1 ]
}

@test "--help gives the exit codes and says where the manual is, without promising man caa" {
    run "$CAA" --help
    [ "$status" -eq 0 ]
    [[ "$output" == *"64 usage"* ]]
    [[ "$output" == *"70 internal error or output not written"* ]]
    [[ "$output" == *"man caa once installed (meson install)"* ]]
    [[ "$output" != *"man caa for exit codes"* ]]
}

@test "serve runs caa-serve from beside caa, and says so (69) when there is none" {
    run "$CAA" serve --help
    [ "$status" -eq 0 ]
    [[ "$output" == *"--listen"* ]]

    # A copy of caa alone in a directory (its library found through the same relative rpath).
    tmp=$(mktemp -d)
    mkdir -p "$tmp/src/cli"
    cp "$CAA" "$tmp/src/cli/caa"
    ln -s "$(cd "$(dirname "$CAA")/../lib" && pwd)" "$tmp/src/lib"
    run "$tmp/src/cli/caa" serve --help
    rm -rf "$tmp"
    if [ "$status" -eq 0 ]; then
        skip "a caa-serve is installed where caa looks next"
    fi
    [ "$status" -eq 69 ]
    [[ "$output" == *"caa-serve is not installed (looked beside caa and in "* ]]
}

@test "check with root hints that do not parse: the resolver did not start (69), no lookup" {
    hints="$BATS_TEST_TMPDIR/garbage.hints"
    printf 'this is not a zone file\n' >"$hints"
    run --separate-stderr "$CAA" check --root-hints "$hints" --trust-anchor "$hints" example.com
    [ "$status" -eq 69 ]
    [[ "$stderr" == *"resolver did not start"*"check the root hints and trust anchor"* ]]
}
