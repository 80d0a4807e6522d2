#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Issue 12's allocation-free steady state, checked: `caa bulk --engine=wire` on the first N and
# the first 2N names of the bulk lab, each under the heap-call counter (bench/malloc_count.c);
# the second N names, answered over the wire once the pools and the (deliberately small) label
# cache are full, must cost fewer than MAX heap calls per name, whoever makes them: caa's own
# code, libunbound, ldns, jansson, libc. Not timing-based.
#
#   CAA=build/src/cli/caa MALLOC_COUNT=build/bench/malloc_count.so \
#       bench/bulk/alloc_check.sh [--names N] [--max PER_NAME]
#
# Exit 0 pass, 1 fail, 77 skipped (no counter: a sanitizer build, whose runtime owns malloc).
# meson: `meson test -C build --suite lab bulk_alloc_wire` (bench/bulk/meson.build).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
names=5000
max=0.5
while [ $# -ge 2 ]; do
	case $1 in
	--names) names=$2 ;;
	--max) max=$2 ;;
	*) break ;;
	esac
	shift 2
done
: "${CAA:?set CAA to the caa binary}"

if [ "${BULK_IN_NAMESPACE:-}" != 1 ]; then
	if [ -z "${MALLOC_COUNT:-}" ] || [ ! -r "$MALLOC_COUNT" ]; then
		echo "SKIP: no heap-call counter (a sanitizer build: its runtime owns malloc)"
		exit 77
	fi
	for t in nsd knotd ldns-signzone dig unshare ip; do
		command -v $t >/dev/null 2>&1 || {
			echo "alloc_check.sh: $t not found: apt-get install nsd knot ldnsutils bind9-dnsutils iproute2 util-linux" >&2
			exit 1
		}
	done
	flags=(--net --pid --fork --mount-proc)
	[ "$(id -u)" -eq 0 ] || flags+=(-r)
	export BULK_IN_NAMESPACE=1
	exec unshare "${flags[@]}" "${BASH_SOURCE[0]}" --names "$names" --max "$max"
fi

# PID 1 of a namespace that has only lo.
unset BULK_IN_NAMESPACE
ip link set lo up
W=$(mktemp -d "${TMPDIR:-/tmp}/caa-bulkalloc.XXXXXX")
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	"$HERE/lab.sh" stop "$W" >/dev/null 2>&1 || true
	rm -rf "$W"
}
trap cleanup EXIT

/usr/bin/python3 "$HERE/gen.py" --out "$W" --names $((2 * names)) --seed 1 >/dev/null
"$HERE/lab.sh" start "$W" 2>&1 | sed 's/^/   /'

# heap_calls FORMAT N: runs caa bulk on the first N input lines, writing FORMAT; prints the
# process's heap calls. A label cache of 2000 fills within the first N names, so the second N
# evict and reuse its entries, as a long run does. --timeout 10 gives the wire 1.5 s per
# question, so that a loaded machine hands fewer lookups to libunbound.
heap_calls() {
	local format=$1 n=$2 rc=0 rows
	head -n "$n" "$W/input.txt" >"$W/in.$n"
	LD_PRELOAD=$MALLOC_COUNT MALLOC_COUNT_OUT="$W/count" \
		"$CAA" bulk --root-hints "$W/root.hints" --trust-anchor "$W/root.ds" --format "$format" \
		--engine=wire --cache 2000 --timeout 10 "$W/in.$n" >"$W/out" 2>"$W/err" || rc=$?
	rows=$(grep -c -E "^([0-9]+[ ,]h|\{\"schema\":\"caa/1\",\"type\":\"result\")" "$W/out" || true)
	if [ $rc -gt 2 ] || [ "$rows" -ne "$n" ]; then
		echo "caa bulk --format $format on $n names: exit $rc, $rows rows" >&2
		head -5 "$W/err" >&2
		return 1
	fi
	grep -o '"wire":{[^}]*}' "$W/out" | sed "s/^/   $n names: /" >&2 || true
	awk '/^malloc_count/ { print $3 }' "$W/count"
	rm -f "$W/count"
}

# Every output format: the line's strings are escaped differently in each. A lookup handed to
# libunbound (a datagram lost on a loaded machine, then a timeout) costs a few hundred heap
# calls and is not the steady state measured here: a pair over the bound is run again, up to
# three times.
fail=0
for format in ndjson csv text; do
	for attempt in 1 2 3; do
		one=$(heap_calls "$format" "$names") || exit 1
		two=$(heap_calls "$format" $((2 * names))) || exit 1
		case $one$two in '' | *[!0-9]*) echo "FAIL - no count from the heap-call counter" && exit 1 ;; esac
		per_name=$(awk -v a="$one" -v b="$two" -v n="$names" 'BEGIN { printf "%.3f", (b - a) / n }')
		echo "--format $format, attempt $attempt: $one heap calls for $names names, $two for $((2 * names)): $per_name per further name"
		awk -v p="$per_name" -v m="$max" 'BEGIN { exit !(p < m) }' && break
	done
	if awk -v p="$per_name" -v m="$max" 'BEGIN { exit !(p < m) }'; then
		echo "ok - --format $format: $per_name heap calls per name in the steady state (< $max)"
	else
		echo "FAIL - --format $format: $per_name heap calls per name in the steady state (want < $max)"
		fail=1
	fi
done
exit $fail
