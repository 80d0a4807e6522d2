#!/usr/bin/env bats
# Conformance: SSLMate's caatestsuite (caatestsuite.com), replanted in the lab. Every record there
# names the issuer caatestsuite.com, so for CA letsencrypt.org every FQDN in the suite's table must
# be refused (denied, or a lookup failure), and the two controls must be allowed. The names and
# expectations are read from the suite's README at run time, so this stays in step with it:
#   ${CAA_SHARED:-$CAA_SOURCE_ROOT/../shared}/conformance/caatestsuite/README.md
# Runs only inside the lab (tests/lab/run-tests.sh).

# shellcheck disable=SC2154 # stderr is set by bats' run --separate-stderr
bats_require_minimum_version 1.5.0

setup_file() {
	: "${CAA:?set CAA to the caa binary}"
	: "${LAB_HINTS:?run inside the lab (tests/lab/in-namespace.sh)}"
	: "${LAB_TA:?run inside the lab (tests/lab/in-namespace.sh)}"
	export CAA_SOURCE_ROOT=${CAA_SOURCE_ROOT:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}
	export SUITE_README=${CAA_SHARED:-$CAA_SOURCE_ROOT/../shared}/conformance/caatestsuite/README.md
	# One run per FQDN, shared by the tests below: "FQDN<TAB>expected<TAB>exit<TAB>verdict<TAB>code".
	export RESULTS=$BATS_FILE_TMPDIR/results.tsv
	[ -r "$SUITE_README" ] || return 0 # the first test reports it
	local fqdn expected out rc
	while IFS=$'\t' read -r fqdn expected; do
		rc=0
		out=$("$CAA" check --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" --timeout 3 \
			--ca letsencrypt.org --format ndjson "$fqdn" 2>"$BATS_FILE_TMPDIR/stderr.$fqdn") ||
			rc=$?
		printf '%s\t%s\t%s\t%s\n' "$fqdn" "$expected" "$rc" \
			"$(/usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read() or "{}")
print("%s\t%s" % (d.get("verdict"), d.get("code")))' <<<"$out")" >>"$RESULTS"
	done < <(suite_names)
	for fqdn in $(control_names); do
		rc=0
		out=$("$CAA" check --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" --timeout 3 \
			--ca letsencrypt.org --format ndjson "$fqdn" 2>"$BATS_FILE_TMPDIR/stderr.$fqdn") ||
			rc=$?
		printf '%s\t%s\t%s\t%s\n' "$fqdn" control "$rc" \
			"$(/usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read() or "{}")
print("%s\t%s" % (d.get("verdict"), d.get("code")))' <<<"$out")" >>"$RESULTS"
	done
}

# The suite's table: "FQDN<TAB>expected" (expected: "denied" or "refused (lookup failure)").
suite_names() {
	/usr/bin/python3 - "$SUITE_README" <<'EOF'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 3 and re.fullmatch(r"(\*\.)?[a-z0-9.-]+\.[a-z]+", cells[0]):
        print("%s\t%s" % (cells[0], cells[2]))
EOF
}

# The controls named after "controls that must be **allowed**".
control_names() {
	/usr/bin/python3 - "$SUITE_README" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
para = text[text.index("controls that must be **allowed**"):].split("\n\n")[0]
print("\n".join(re.findall(r"[a-z0-9*-]+(?:\.[a-z0-9-]+)+\.[a-z]+", para)))
EOF
}

@test "the suite's README is there and lists at least 26 FQDNs and 2 controls" {
	[ -r "$SUITE_README" ]
	run suite_names
	echo "$output" >&2
	[ "${#lines[@]}" -ge 26 ]
	run control_names
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = auto-www-san.caatestsuite.com ]
	[ "${lines[1]}" = www.auto-base-san.caatestsuite.com ]
	[ "$(grep -vc $'\tcontrol\t' "$RESULTS")" -ge 26 ]
}

@test "no sanitizer report from any run" {
	# grep exits 1 when nothing matched, 2 when there were no files to read
	run grep -l -e Sanitizer -e 'runtime error:' "$BATS_FILE_TMPDIR"/stderr.*
	echo "$output" >&2
	[ "$status" -eq 1 ]
}

@test "every caatestsuite FQDN is refused for letsencrypt.org (exit 1 or 2)" {
	local fqdn expected rc verdict code bad=0
	while IFS=$'\t' read -r fqdn expected rc verdict code; do
		[ "$expected" != control ] || continue
		echo "# $fqdn: exit $rc, $verdict ($code)" >&3
		if ! { [ "$rc" -eq 1 ] && [ "$verdict" = denied ]; } &&
			! { [ "$rc" -eq 2 ] && [ "$verdict" = error ]; }; then
			echo "NOT REFUSED: $fqdn: exit $rc, $verdict ($code)" >&2
			bad=$((bad + 1))
		fi
	done <"$RESULTS"
	[ "$bad" -eq 0 ]
}

@test "each FQDN is refused the way the suite expects (denied by policy / lookup failure)" {
	local fqdn expected rc verdict code want bad=0
	while IFS=$'\t' read -r fqdn expected rc verdict code; do
		case $expected in
		denied) want="1 denied" ;;
		refused*) want="2 error" ;;
		control) continue ;;
		*)
			echo "unknown expectation '$expected' for $fqdn" >&2
			bad=$((bad + 1))
			continue
			;;
		esac
		if [ "$rc $verdict" != "$want" ]; then
			echo "$fqdn: expected $want, got exit $rc, $verdict ($code)" >&2
			bad=$((bad + 1))
		fi
	done <"$RESULTS"
	[ "$bad" -eq 0 ]
}

@test "the controls are allowed for letsencrypt.org" {
	local fqdn expected rc verdict code n=0
	while IFS=$'\t' read -r fqdn expected rc verdict code; do
		[ "$expected" = control ] || continue
		echo "# control $fqdn: exit $rc, $verdict ($code)" >&3
		[ "$rc" -eq 0 ]
		[ "$verdict" = allowed ]
		n=$((n + 1))
	done <"$RESULTS"
	[ "$n" -eq 2 ]
}

@test "xss: the script in the issue value comes back as data, JSON-escaped" {
	run --separate-stderr "$CAA" check --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" \
		--json xss.caatestsuite.com
	[[ "$stderr" != *Sanitizer* && "$stderr" != *"runtime error:"* ]]
	[ "$status" -eq 1 ]
	/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
assert d["verdict"] == "denied", d["verdict"]
assert d["relevant_rrset"]["records"][0]["value"] == "<script>alert('"'"'Wheeeeee'"'"')</script>"
' <<<"$output"
}

@test "ipv6only: served only by the ::1 name server, denied" {
	run --separate-stderr "$CAA" check --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" \
		--json ipv6only.caatestsuite.com
	[[ "$stderr" != *Sanitizer* && "$stderr" != *"runtime error:"* ]]
	[ "$status" -eq 1 ]
	[[ "$output" == *'"code": "CAA_ISSUER_NOT_LISTED"'* ]]
}
