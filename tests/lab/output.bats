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

# --- no raw control bytes or forged lines in text -----------------------------------------

# no_raw_controls: $output holds no control byte but newline, and no byte 0xFF.
no_raw_controls() {
	if LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f\xff]' <<<"$output"; then
		printf 'raw control bytes in output:\n%s\n' "$output" | cat -A >&2
		return 1
	fi
}

@test "check text: control bytes and newlines in a value are \\DDD, never a forged line" {
	lab_caa check controls.tour.test
	[ "$status" -eq 1 ]
	no_raw_controls
	# The value's "\n...allowed (CAA_AUTHORIZED)" stays inside the why: line.
	[[ "$output" == *'why: the issue records at controls.tour.test allow only "evil.example\010fake: allowed (CAA_AUTHORIZED)\027[2J"'* ]]
	! grep -q '^fake: allowed' <<<"$output"
	lab_caa check bytes.tour.test
	no_raw_controls
	[[ "$output" == *'allow only "le\255tsencrypt.org"'* ]]
}

@test "check --format nagios: one status line, escaped" {
	lab_caa check --format nagios controls.tour.test
	[ "$status" -eq 2 ]
	no_raw_controls
	[[ "${lines[0]}" == "CAA CRITICAL - controls.tour.test: "*'\010fake: allowed (CAA_AUTHORIZED)\027[2J'*" | time="* ]]
	[ "${#lines[@]}" -eq 2 ]
}

@test "diagnose and explain text: escaped" {
	lab_caa diagnose controls.tour.test
	no_raw_controls
	[[ "$output" == *'\010fake'* ]]
	lab_caa explain $'CAA record for controls.tour.test prevents issuance\x1b[2J'
	no_raw_controls
	[[ "$output" == *'\010fake'* ]]
}

@test "bulk text and csv: escaped, one line per name" {
	for format in text csv; do
		run --separate-stderr bash -c 'printf "controls.tour.test\nbytes.tour.test\n" |
			"$CAA" bulk --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" -q --format '"$format"
		no_raw_controls
		[[ "$output" == *'\010fake'* ]]
		[[ "$output" == *'le\255tsencrypt.org'* ]]
		[ "$(grep -c 'tour.test' <<<"$output")" -eq 2 ]
	done
}

# --- a write error on stdout is reported and exits 70 ---------------------------------------

@test "write error: check, diagnose, explain and bulk exit 70 and say so" {
	for cmd in "check allowed.tour.test" "check --json allowed.tour.test" \
		"check --format nagios allowed.tour.test" "diagnose allowed.tour.test" \
		"diagnose --json allowed.tour.test" \
		"explain 'CAA record for allowed.tour.test prevents issuance'"; do
		run --separate-stderr bash -c "\"\$CAA\" ${cmd%% *} --root-hints \"\$LAB_HINTS\" \
			--trust-anchor \"\$LAB_TA\" ${cmd#* } >/dev/full"
		echo "$cmd: $status $stderr" >&2
		[ "$status" -eq 70 ]
		[[ "$stderr" == *"cannot write the output"* ]]
	done
	for format in ndjson csv text; do
		run --separate-stderr bash -c 'printf "allowed.tour.test\ndenied.tour.test\n" |
			"$CAA" bulk --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" -q --format '"$format"' >/dev/full'
		echo "bulk $format: $status $stderr" >&2
		[ "$status" -eq 70 ]
		[[ "$stderr" == *"caa bulk: cannot write the output"* ]]
	done
}

# --- one JSON shape per type ----------------------------------------------------------------

@test "JSON of check, diagnose, explain and bulk validates against docs/caa-1.schema.json" {
	local schema="$CAA_SOURCE_ROOT/docs/caa-1.schema.json"
	local validate="$CAA_SOURCE_ROOT/tests/support/validate_json.py"
	local name
	for name in allowed.tour.test denied.tour.test bytes.tour.test controls.tour.test \
		critical.signed.test cname.test servfail.test expired.test nxdomain.tour.test; do
		lab_caa check --json "$name"
		"$validate" "$schema" "check $name" <<<"$output"
		lab_caa check --format ndjson "$name" allowed.tour.test
		"$validate" "$schema" "check ndjson $name" <<<"$output"
		lab_caa check --json "$name" allowed.tour.test
		"$validate" "$schema" "check order $name" <<<"$output"
	done
	for name in denied.tour.test bytes.tour.test notimp.test; do
		lab_caa diagnose --json --allow-private "$name"
		"$validate" "$schema" "diagnose $name" <<<"$output"
	done
	lab_caa explain --json 'CAA record for denied.tour.test prevents issuance'
	"$validate" "$schema" "explain" <<<"$output"
	run --separate-stderr bash -c 'printf "allowed.tour.test\nbytes.tour.test\nnotimp.test\n1.2.3.4\n" |
		"$CAA" bulk --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" -q --timeout 3'
	"$validate" "$schema" "bulk" <<<"$output"
}
