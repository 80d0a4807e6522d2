#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# CI version of bench/bulk/run.sh: 20000 names, correctness only (no speed assertion).
# In a fresh network namespace: generate and serve the bulk lab, run `caa bulk` once, and
# compare every verdict+code with expected.tsv; check a stratified sample of expected.tsv
# against `caa check`. Prints one `ok`/`FAIL` line per check; exit 0 iff every verdict is equal.
#
#   CAA=build/src/cli/caa bench/bulk/ci_check.sh [--names N] [--bulk-opt OPT]...
#
# --bulk-opt goes to run.sh (e.g. --bulk-opt --engine=unbound: libunbound's engine as the main one).
#
# meson: `meson test -C build --suite lab bulk_correctness` (bench/bulk/meson.build).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
names=20000
extra=()
while [ $# -ge 2 ]; do
	case $1 in
	--names) names=$2 ;;
	--bulk-opt) extra+=(--bulk-opt "$2") ;;
	*) break ;;
	esac
	shift 2
done
: "${CAA:?set CAA to the caa binary}"

log=$(mktemp "${TMPDIR:-/tmp}/caa-bulk-ci.XXXXXX")
trap 'rm -f "$log"' EXIT
start=$SECONDS
rc=0
"$HERE/run.sh" --check-only --names "$names" --caa "$CAA" ${extra[@]+"${extra[@]}"} >"$log" 2>&1 || rc=$?
cat "$log"
took=$((SECONDS - start))

verdicts=$(grep -m1 -E '^   [0-9]+/[0-9]+ verdicts equal' "$log" | sed 's/^ *//')
oracle=$(grep -m1 -E 'sampled names: caa check agrees' "$log" | sed 's/^ *//')
if [ "${verdicts%% *}" = "$names/$names" ] &&
	! grep -qE '^     (MISMATCH|MISSING|DUPLICATE|EXTRA)|not JSON|summary lines \(want 1\)' "$log"; then
	echo "ok - caa bulk: $verdicts (${took}s)"
else
	echo "FAIL - caa bulk: ${verdicts:-no comparison (see above)}"
	rc=1
fi
if [ -n "$oracle" ] && ! grep -q 'ORACLE MISMATCH' "$log"; then
	echo "ok - expected.tsv: $oracle"
else
	echo "FAIL - expected.tsv: ${oracle:-no oracle run (see above)}"
	rc=1
fi
[ $rc = 0 ] || echo "FAIL - bench/bulk/run.sh exit $rc"
exit $rc
