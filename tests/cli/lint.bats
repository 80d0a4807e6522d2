#!/usr/bin/env bats
# placeholder until the command lands

@test "placeholder" {
    skip "not yet"
}
