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
