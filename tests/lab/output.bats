#!/usr/bin/env bats
# Output that can't be forged or lost (issue 11): bytes from the DNS that are not UTF-8, or that
# are terminal control sequences, reach every output escaped. Runs only inside the lab:
#   CAA=build/src/cli/caa tests/lab/run-tests.sh tests/lab/output.bats
# bytes.tour.test:    0 issue "le\255tsencrypt.org"     (0xFF: not UTF-8)
# controls.tour.test: 0 issue "evil.example\010fake: allowed (CAA_AUTHORIZED)\027[2J"

# shellcheck disable=SC2154 # stderr is set by bats' run --separate-stderr
bats_require_minimum_version 1.5.0
load lab_helpers

setup_file() {
	: "${CAA:?set CAA to the caa binary}"
	: "${LAB_HINTS:?run inside the lab (tests/lab/in-namespace.sh)}"
	: "${LAB_TA:?run inside the lab (tests/lab/in-namespace.sh)}"
}

# The one rule of <caa/json.h>: byte 0xFF becomes U+00FF.
MAPPED='leÿtsencrypt.org'

@test "check --json: a value that is not UTF-8 gives the verdict, never exit 70" {
	lab_caa check --json bytes.tour.test
	[ "$status" -eq 1 ]
	expect verdict denied
	expect code CAA_ISSUER_NOT_LISTED
	expect relevant_rrset.records.0.value "$MAPPED"
	expect relevant_rrset.records.0.value_escaped true
	[[ "$(jf message)" == *"$MAPPED"* ]]
}

@test "the same escaping in check, eval, diagnose and bulk" {
	lab_caa check --format ndjson bytes.tour.test
	[ "$status" -eq 1 ]
	expect relevant_rrset.records.0.value "$MAPPED"
	lab_caa diagnose --json bytes.tour.test
	expect check.relevant_rrset.records.0.value "$MAPPED"
	run --separate-stderr "$CAA" eval --json --record $'0 issue "le\xfftsencrypt.org"' example.com
	[ "$status" -eq 1 ]
	expect relevant_rrset.records.0.value "$MAPPED"
	run --separate-stderr bash -c 'echo bytes.tour.test | "$CAA" bulk --root-hints "$LAB_HINTS" \
		--trust-anchor "$LAB_TA" -q --format ndjson 2>/dev/null | head -1'
	expect records.0.value "$MAPPED"
}
