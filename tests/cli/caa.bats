#!/usr/bin/env bats
# The top-level command: dispatch, help, version, usage errors.

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
