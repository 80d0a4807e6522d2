# Helpers shared by the lab's bats files (check.bats, diagnose.bats, bulk.bats): `load lab_helpers`.
# shellcheck shell=bash
# shellcheck disable=SC2154 # output and stderr are set by bats' run --separate-stderr

# No sanitizer (ASan, LSan, UBSan) report may appear on stderr.
assert_clean_stderr() {
	if [[ "$stderr" == *"Sanitizer"* || "$stderr" == *"runtime error:"* ]]; then
		echo "sanitizer report: $stderr" >&2
		return 1
	fi
}

# lab_caa SUBCOMMAND ARGS...: caa against the lab; sets status, output (stdout), stderr and
# elapsed_ms (wall clock of the whole command).
lab_caa() {
	local cmd=$1 start end
	shift
	start=$(date +%s%N)
	run --separate-stderr "$CAA" "$cmd" --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" "$@"
	end=$(date +%s%N)
	elapsed_ms=$(((end - start) / 1000000))
	assert_clean_stderr
}

# jf PATH: a field of the JSON in $output ("verdict", "check.verdict", "findings.0.code", "lookups.-1.used").
# Strings print raw; null/true/false as in JSON; lists and objects as compact JSON.
jf() {
	/usr/bin/python3 -c '
import json, sys
v = json.loads(sys.stdin.read())
for key in sys.argv[1].split("."):
    v = v[int(key)] if isinstance(v, list) else v[key]
print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
' "$1" <<<"$output"
}

expect() {
	local got
	got=$(jf "$1")
	if [ "$got" != "$2" ]; then
		printf '%s: expected [%s], got [%s]\n' "$1" "$2" "$got" >&2
		return 1
	fi
}
