#!/usr/bin/env bash
# Runs every libFuzzer target for N minutes each (default 10) and prints, per target, the
# executions, the coverage (libFuzzer's "cov" edges and "ft" features) and whether it crashed
# (a crash's reproducer and log are copied to fuzz-findings/<target>/; exit status 1).
# The corpus grows in a scratch copy; the seeds in fuzz/corpus/<target>/ are not touched (add a
# crash's reproducer there by hand, with a regression fix).
#
#   bench/fuzz/run.sh [-m MINUTES] [-j JOBS] [-b BUILD_DIR] [TARGET...]
#
# Needs a clang build with -Dfuzzers=true (made in BUILD_DIR, default build-fuzz, if missing:
# CC=clang meson setup build-fuzz -Dfuzzers=true -Db_sanitize=address,undefined -Db_lundef=false).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
minutes=10
jobs=1
build=$ROOT/build-fuzz
while getopts "m:j:b:" opt; do
	case $opt in
	m) minutes=$OPTARG ;;
	j) jobs=$OPTARG ;;
	b) build=$OPTARG ;;
	*) sed -n '2,10p' "$0" >&2; exit 64 ;;
	esac
done
shift $((OPTIND - 1))
case $minutes in '' | *[!0-9.]*) echo "run.sh: -m takes minutes" >&2; exit 64 ;; esac

if [ ! -d "$build" ]; then
	CC=clang meson setup "$build" "$ROOT" -Dfuzzers=true -Db_sanitize=address,undefined \
		-Db_lundef=false >/dev/null
fi
build=$(cd "$build" && pwd)
nice ninja -C "$build" >/dev/null
if [ $# -eq 0 ]; then
	set --
	for c in "$ROOT"/fuzz/fuzz_*.c; do
		t=$(basename "$c" .c)
		set -- "$@" "${t#fuzz_}"
	done
fi

seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
printf '%-14s %12s %8s %8s %s\n' target executions cov ft result
for t in "$@"; do
	bin=$build/fuzz/fuzz_$t
	[ -x "$bin" ] || { echo "run.sh: no $bin (is -Dfuzzers=true set?)" >&2; exit 1; }
	mkdir -p "$scratch/$t"
	cp -r "$ROOT/fuzz/corpus/$t/." "$scratch/$t/" 2>/dev/null || true
	log=$scratch/$t.log
	result=ok
	# -timeout: one input may not take more than 10 s (the work caps are part of the contract).
	# With -jobs libFuzzer writes each job's output to fuzz-N.log in the working directory.
	parallel=()
	[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
	if ! (cd "$scratch" && "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		"${parallel[@]}" -print_final_stats=1 "$scratch/$t" >"$log" 2>&1); then
		mkdir -p "$ROOT/fuzz-findings/$t"
		cp "$log" "$scratch"/crash-* "$scratch"/timeout-* "$scratch"/oom-* "$ROOT/fuzz-findings/$t/" \
			2>/dev/null || true
		result="CRASH (reproducer and log in fuzz-findings/$t/)"
		status=1
	fi
	[ "$jobs" -gt 1 ] && cat "$scratch"/fuzz-*.log >>"$log" 2>/dev/null
	execs=$(awk '/stat::number_of_executed_units:/ { s += $2 } END { print s + 0 }' "$log")
	last=$(grep -E '#[0-9]+.*cov: [0-9]+' "$log" | tail -1 || true)
	cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last" || true)
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last" || true)
	printf '%-14s %12s %8s %8s %s\n' "$t" "$execs" "${cov:-?}" "${ft:-?}" "$result"
done
exit $status
