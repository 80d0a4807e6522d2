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

# heap_calls N: runs caa bulk on the first N input lines; prints the process's heap calls and
# how many lookups it handed to libunbound. A label cache of 2000 fills within the first N
# names, so the second N evict and reuse its entries, as a long run does. --timeout 10 gives the
# wire 1.5 s per question, so that a loaded machine hands over fewer lookups.
heap_calls() {
	local n=$1 rc=0 fallbacks
	head -n "$n" "$W/input.txt" >"$W/in.$n"
	LD_PRELOAD=$MALLOC_COUNT MALLOC_COUNT_OUT="$W/count.$n" \
		"$CAA" bulk --root-hints "$W/root.hints" --trust-anchor "$W/root.ds" --format ndjson \
		--engine=wire --cache 2000 --timeout 10 "$W/in.$n" >"$W/out.$n" 2>"$W/err.$n" || rc=$?
	if [ $rc -gt 2 ] || [ "$(grep -c '"verdict"' "$W/out.$n")" -ne "$n" ]; then
		echo "caa bulk on $n names: exit $rc, $(grep -c '"verdict"' "$W/out.$n") rows" >&2
		head -5 "$W/err.$n" >&2
		return 1
	fi
	grep -o '"wire":{[^}]*}' "$W/out.$n" | sed "s/^/   $n names: /" >&2
	fallbacks=$(grep -o '"fallbacks":[0-9]*' "$W/out.$n" | cut -d: -f2)
	echo "$(awk '/^malloc_count/ { print $3 }' "$W/count.$n") ${fallbacks:-0}"
	rm -f "$W/count.$n"
}

# A lookup handed to libunbound (a datagram lost on a loaded machine, then a timeout) costs a
# few hundred heap calls and is not the steady state measured here: such a pair is run again,
# up to three times.
for attempt in 1 2 3; do
	first=$(heap_calls "$names") || exit 1
	second=$(heap_calls $((2 * names))) || exit 1
	read -r one fb_one <<<"$first"
	read -r two fb_two <<<"$second"
	case $one$two in '' | *[!0-9]*) echo "FAIL - no count from the heap-call counter" && exit 1 ;; esac
	[ "$fb_one" = 0 ] && [ "$fb_two" = 0 ] && break
	echo "attempt $attempt: $fb_one and $fb_two lookups handed to libunbound"
done
per_name=$(awk -v a="$one" -v b="$two" -v n="$names" 'BEGIN { printf "%.3f", (b - a) / n }')
echo "heap calls: $one for $names names, $two for $((2 * names)): $per_name per further name"
if awk -v p="$per_name" -v m="$max" 'BEGIN { exit !(p < m) }'; then
	echo "ok - $per_name heap calls per name in the steady state (< $max)"
else
	echo "FAIL - $per_name heap calls per name in the steady state (want < $max)"
	exit 1
fi
