#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Load run of `caa serve` against the hermetic DNS lab, with wrk (README: "caa serve").
#
#   bench/serve/run.sh [--caa PATH] [--seconds S] [--connections C] [--serve-opt OPT]...
#
# In a fresh network + PID namespace (tests/lab/in-namespace.sh; nothing leaves it):
#   (a) cached: one lab name asked over and over (the result cache answers): requests/s,
#       p50/p99 latency;
#   (b) fresh: a distinct lab name per request (limits lifted): checks/s, p50/p99;
#   (c) single checks, 100 sequential with curl: fresh=1 of one lab name (the worker's
#       resolver starts cold), and distinct lab names (result-cache miss, warm resolver): p50/p99;
#   (d) caa bulk on as many distinct names as (b) answered, for comparison: names/s, with the
#       default (wire) engine and with --engine unbound;
#   (e) flood, twice: the default limits, a distinct name per request from one client: how
#       many were refused with 429, that none got a 5xx, and RSS after each run;
# peak RSS (VmHWM) after each phase, and RSS before and after the flood. Each wrk run lasts
# --seconds (default 10) with --connections (default 32) over 2 threads.
# --serve-opt adds one argument to the measured service's command line (e.g. --serve-opt
# --no-compare-servers), after the bench's own. The caa binary is --caa, else $CAA, else build/src/cli/caa; benchmark a release build.
# Exit: 0, 1 a phase failed (a 5xx in the flood, wrk errors), 64 usage.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
caa=${CAA:-$REPO/build/src/cli/caa}
seconds=10
conns=32
serve_opts=()

while [ $# -gt 0 ]; do
	case $1 in
	--caa) caa=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--connections) conns=$2; shift 2 ;;
	--serve-opt) [ $# -ge 2 ] || exit 64; serve_opts+=("$2"); shift 2 ;;
	*) sed -n '/^#   bench/,/^# Exit/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64 ;;
	esac
done
case $seconds in '' | *[!0-9]*) exit 64 ;; esac
case $conns in '' | *[!0-9]*) exit 64 ;; esac

if [ -z "${LAB_HINTS:-}" ]; then
	export CAA=$(realpath "$caa")
	again=(--seconds "$seconds" --connections "$conns")
	for opt in ${serve_opts[@]+"${serve_opts[@]}"}; do
		again+=(--serve-opt "$opt")
	done
	exec "$REPO/tests/lab/in-namespace.sh" "$0" "${again[@]}"
fi
command -v wrk >/dev/null || { echo "run.sh: wrk is missing (apt install wrk)" >&2; exit 1; }

work=$(mktemp -d)
port=18053
url=http://127.0.0.1:$port
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

start() {
	"$CAA" serve --listen 127.0.0.1:$port --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" \
		--allow-private 127.53.0.0/24 --state-dir "$work/state" --log "$work/access.log" \
		"$@" 2>"$work/serve.err" &
	pid=$!
	for _ in $(seq 100); do
		curl -sf "$url/healthz" >/dev/null && return 0
		sleep 0.1
	done
	cat "$work/serve.err" >&2
	return 1
}

stop() {
	kill -TERM "$pid"
	wait "$pid"
	pid=""
}

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
# The service's CPU so far (user + system, all threads), in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hwm_kb() { awk '/^VmHWM/ { print $2 }' "/proc/$pid/status"; }

run_wrk() { # label, env..., then wrk runs; prints its summary lines
	local label=$1
	shift
	env "$@" wrk -t2 -c"$conns" -d"${seconds}s" --timeout 15s -s "$HERE/status.lua" "$url/" \
		>"$work/wrk.$label" 2>&1 || true
	grep -E '^(STATUS|LATENCY)' "$work/wrk.$label" | sed "s/^/$label: /"
}

unlimited=(--client-rate 1000000/1000000 --domain-rate 1000000/1000000
	--fresh-rate 1000000/1000000 --workers 16 --queue 4096 ${serve_opts[@]+"${serve_opts[@]}"})

echo "caa serve ${unlimited[*]} on the lab; wrk -t2 -c$conns -d${seconds}s; $(nproc) CPUs; load: $(uptime)"
start "${unlimited[@]}"
curl -sf "$url/api/v1/check?name=le.test" >/dev/null
run_wrk cached PATH_Q="/api/v1/check?name=le.test"
echo "cached: peak RSS $(($(hwm_kb) / 1024)) MiB"
ticks0=$(cpu_ticks)
run_wrk fresh FRESH=1 ZONE=le.test
ticks1=$(cpu_ticks)
echo "fresh: peak RSS $(($(hwm_kb) / 1024)) MiB"
fresh_ok=$(sed -n 's/^STATUS ok=\([0-9]*\).*/\1/p' "$work/wrk.fresh")
awk -v t=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" -v n="${fresh_ok:-0}" -v s="$seconds" 'BEGIN {
	if (n > 0) printf "fresh: service CPU %.2f CPUs, %.0f us per check\n", t / hz / s, t / hz / n * 1e6 }'

: >"$work/single"
for _ in $(seq 100); do
	curl -s -o /dev/null -w '%{time_total}\n' "$url/api/v1/check?name=le.test&fresh=1" >>"$work/single"
done
sort -n "$work/single" | awk '{ t[NR] = $1 } END {
	printf "single fresh=1 check, cold resolver (sequential): p50_ms=%.2f p99_ms=%.2f\n", t[int(NR * 0.5)] * 1000, t[int(NR * 0.99)] * 1000 }'
: >"$work/warm"
for i in $(seq 100); do
	curl -s -o /dev/null -w '%{time_total}\n' "$url/api/v1/check?name=w$i.le.test" >>"$work/warm"
done
sort -n "$work/warm" | awk '{ t[NR] = $1 } END {
	printf "single check, cache miss, warm resolver (sequential): p50_ms=%.2f p99_ms=%.2f\n", t[int(NR * 0.5)] * 1000, t[int(NR * 0.99)] * 1000 }'
stop

n=${fresh_ok:-1000}
[ "$n" -ge 100 ] || n=100
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "b%d.le.test\n", i }' >"$work/names"
# The default (wire) engine, then libunbound's, the one the service's checks resemble.
for engine in wire unbound; do
	start_ns=$(date +%s%N)
	"$CAA" bulk --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" --engine "$engine" "$work/names" >/dev/null
	end_ns=$(date +%s%N)
	awk -v n="$n" -v ns=$((end_ns - start_ns)) -v e="$engine" 'BEGIN {
		printf "caa bulk --engine %s, %d distinct names: %.0f names/s\n", e, n, n / (ns / 1e9) }'
done

start
rss0=$(rss_kb)
run_wrk flood FRESH=1 ZONE=signed.test
rss1=$(rss_kb)
run_wrk flood2 FRESH=1 ZONE=signed.test
rss2=$(rss_kb)
echo "flood: RSS before $((rss0 / 1024)) MiB, after one run $((rss1 / 1024)) MiB, after two $((rss2 / 1024)) MiB, peak $(($(hwm_kb) / 1024)) MiB"
stop
if grep -q 'server_error=[1-9]' "$work/wrk.flood" "$work/wrk.flood2"; then
	echo "run.sh: the flood got 5xx answers" >&2
	exit 1
fi
