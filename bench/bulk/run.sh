#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Benchmark and correctness harness for `caa bulk` (bench/bulk/README.md).
#
#   bench/bulk/run.sh [--names N] [--seed S] [--caa PATH] [--bulk-opt OPT]... [--check-only]
#                     [--keep DIR]
#
# In one fresh network + PID namespace (only `lo`; nothing leaves it): generate a lab of N
# names (default 200000; gen.py), serve it (lab.sh: NSD root and test., signed; Knot for
# z0..z3.test, unsigned), then, all caches cold:
#   (a) baseline: a fresh unbound daemon on 127.0.0.1@5353 fed by dnsperf, one CAA query
#       per name (what a validating resolver gives a tool that does not climb); unbound's
#       default of one thread, then (a2) one thread per CPU
#   (b) caa bulk on the input, under /usr/bin/time -v: names/s, CPU µs per name, peak RSS;
#       (b2) the same with one worker thread; (b3) the other engine (--engine unbound, or
#       wire when --bulk-opt --engine=unbound made libunbound's the main one)
#   (g) the raw ceiling: bench/raw_sender, one CAA query per name, no climb
#   (c) caa bulk on the input given twice (a fresh process): warm rate derived
#   (d) every result's verdict+code against expected.tsv (by name), for (b), (b3) and (c)
#   (e) caa check, one process per name, on a stratified sample: expected.tsv is right
#   (f) (b) against (b3): the engines agree on verdict, code, owner and DNSSEC of every name
# and print a Markdown table. --check-only (CI) does only (b) and (b3) without timing, (d),
# (e) and (f).
# The caa binary is --caa, else $CAA, else build/src/cli/caa; benchmark a release build.
# --bulk-opt adds one argument to every `caa bulk` command (e.g. --bulk-opt --cache=400000).
# --keep DIR keeps the lab, outputs and logs in DIR (must not exist) instead of a temp dir.
# Exit: 0 all verdicts equal, 1 a mismatch or a failed step, 2 unbound/dnsperf missing, 64 usage.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3
names=200000
seed=1
caa=${CAA:-$REPO/build/src/cli/caa}
check_only=0
keep=""
bulk_opts=()

usage() {
	sed -n '/^#   bench/,/^# Exit/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	exit 64
}

args=("$@")
while [ $# -gt 0 ]; do
	case $1 in
	--names) [ $# -ge 2 ] || usage; names=$2; shift 2 ;;
	--seed) [ $# -ge 2 ] || usage; seed=$2; shift 2 ;;
	--caa) [ $# -ge 2 ] || usage; caa=$2; shift 2 ;;
	--keep) [ $# -ge 2 ] || usage; keep=$2; shift 2 ;;
	--bulk-opt) [ $# -ge 2 ] || usage; bulk_opts+=("$2"); shift 2 ;;
	--check-only) check_only=1; shift ;;
	-h | --help) usage ;;
	*) usage ;;
	esac
done
case $names in '' | *[!0-9]*) usage ;; esac
case $seed in '' | *[!0-9]*) usage ;; esac

# --- stage 1: outside the namespace ------------------------------------------
if [ "${BULK_IN_NAMESPACE:-}" != 1 ]; then
	if [ $check_only = 0 ]; then
		for t in unbound dnsperf; do
			if ! command -v $t >/dev/null 2>&1; then
				echo "run.sh: $t not found: apt-get install unbound dnsperf (or use --check-only)" >&2
				exit 2
			fi
		done
	fi
	for t in nsd knotd ldns-signzone dig unshare ip; do
		command -v $t >/dev/null 2>&1 || {
			echo "run.sh: $t not found: apt-get install nsd knot ldnsutils bind9-dnsutils iproute2 util-linux" >&2
			exit 1
		}
	done
	[ -x /usr/bin/time ] || [ $check_only = 1 ] || {
		echo "run.sh: /usr/bin/time not found: apt-get install time" >&2
		exit 1
	}
	[ -x "$caa" ] || {
		echo "run.sh: no caa binary at $caa (build one, or set CAA / --caa)" >&2
		exit 1
	}
	if [ -n "$keep" ]; then
		[ ! -e "$keep" ] || { echo "run.sh: --keep $keep exists" >&2; exit 64; }
		mkdir -p "$keep"
		keep=$(cd "$keep" && pwd)
	fi
	caa=$(cd "$(dirname "$caa")" && pwd)/$(basename "$caa")
	flags=(--net --pid --fork --mount-proc)
	[ "$(id -u)" -eq 0 ] || flags+=(-r)
	export BULK_IN_NAMESPACE=1 BULK_CAA=$caa BULK_KEEP=$keep
	exec unshare "${flags[@]}" "$HERE/run.sh" "${args[@]}"
fi

# --- stage 2: PID 1 of a namespace that has only lo --------------------------
unset BULK_IN_NAMESPACE
caa=$BULK_CAA
ip link set lo up
if [ -n "${BULK_KEEP:-}" ]; then W=$BULK_KEEP; else W=$(mktemp -d "${TMPDIR:-/tmp}/caa-bulkbench.XXXXXX"); fi
unbound_pid=""
# Filled by `eval "$(tool.py timev|dnsperf FILE)"`.
wall_s=0 cpu_s=0 rss_kb=0 dp_qps=0 dp_sent=0 dp_completed=0 dp_lost=0 dp_runtime=0 dp_rcodes=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	if [ -n "$unbound_pid" ] && kill -0 "$unbound_pid" 2>/dev/null; then kill -TERM "$unbound_pid" || true; fi
	"$HERE/lab.sh" stop "$W" >/dev/null 2>&1 || true
	[ -n "${BULK_KEEP:-}" ] || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "## $*"; }
metrics=(names="$names")

t0=$SECONDS
$PY "$HERE/gen.py" --out "$W" --names "$names" --seed "$seed"
"$HERE/lab.sh" start "$W" 2>&1 | sed 's/^/   /'
[ -s "$W/pids" ] || { echo "run.sh: lab did not start (logs in $W)" >&2; exit 1; }
say "lab: $names names, seed $seed, generated and up in $((SECONDS - t0)) s ($W)"
sed 's/^/   /' "$W/mix.txt"

# (a) unbound + dnsperf ---------------------------------------------------------
# baseline LABEL THREADS SUFFIX: a fresh unbound daemon (cold) with THREADS threads, fed by
# dnsperf; metrics dp<SUFFIX>_qps, ub<SUFFIX>_cpu_s, ub<SUFFIX>_rss_kb.
baseline() {
	local label=$1 threads=$2 suffix=$3
	rm -rf "$W/unbound"
	mkdir -p "$W/unbound"
	cat >"$W/unbound/unbound.conf" <<-EOF
		server:
		    interface: 127.0.0.1
		    port: 5353
		    do-ip6: no
		    username: ""
		    chroot: ""
		    directory: "$W/unbound"
		    pidfile: "$W/unbound/unbound.pid"
		    logfile: "$W/unbound/unbound.log"
		    use-syslog: no
		    verbosity: 1
		    num-threads: $threads
		    root-hints: "$W/root.hints"
		    trust-anchor-file: "$W/root.ds"
		    trust-anchor-signaling: no
		    root-key-sentinel: no
		    do-not-query-localhost: no
		    local-zone: "test." transparent
		    qname-minimisation: no
		    rrset-cache-size: 512m
		    msg-cache-size: 256m
		    key-cache-size: 16m
		    num-queries-per-thread: 4096
		    outgoing-range: 8192
		    so-rcvbuf: 4m
		    so-sndbuf: 4m
		    hide-identity: no
		    identity: "bulkbench:$W:unbound"
		    access-control: 127.0.0.0/8 allow
		remote-control:
		    control-enable: no
	EOF
	unbound -d -c "$W/unbound/unbound.conf" </dev/null >"$W/unbound/stderr" 2>&1 &
	unbound_pid=$!
	for _ in $(seq 100); do
		[ "$(dig +tries=1 +time=1 +short -p 5353 @127.0.0.1 CH TXT id.server 2>/dev/null | tr -d '"')" = "bulkbench:$W:unbound" ] && break
		kill -0 $unbound_pid 2>/dev/null || { cat "$W/unbound/stderr" "$W/unbound/unbound.log" >&2; exit 1; }
		sleep 0.1
	done
	say "($label) dnsperf -> unbound, $threads thread(s) (cold, one CAA query per name, no climb)"
	/usr/bin/time -v -o "$W/dnsperf$threads.time" \
		dnsperf -s 127.0.0.1 -p 5353 -d "$W/queries.txt" -q 1000 -c 1 -t 10 -n 1 >"$W/dnsperf$threads.out" 2>&1
	eval "$($PY "$HERE/tool.py" dnsperf "$W/dnsperf$threads.out")"
	# unbound's own CPU (utime+stime, clock ticks) and peak RSS, read before it is stopped.
	read -r -a st <<<"$(sed 's/.*) //' "/proc/$unbound_pid/stat")"
	ub_cpu_s=$(awk -v u="${st[11]}" -v s="${st[12]}" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", (u + s) / hz }')
	ub_rss_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$unbound_pid/status")
	kill -TERM "$unbound_pid"
	wait "$unbound_pid" 2>/dev/null || true
	unbound_pid=""
	eval "$($PY "$HERE/tool.py" timev "$W/dnsperf$threads.time")"
	echo "   $dp_completed/$dp_sent answered, $dp_lost lost, ${dp_runtime} s: $dp_qps queries/s"
	echo "   response codes: $dp_rcodes"
	echo "   unbound CPU $ub_cpu_s s, peak RSS $((ub_rss_kb / 1024)) MiB; dnsperf CPU $cpu_s s"
	metrics+=("dp${suffix}_qps=$dp_qps" "ub${suffix}_cpu_s=$ub_cpu_s" "ub${suffix}_rss_kb=$ub_rss_kb")
}
if [ $check_only = 0 ]; then
	# unbound's default (one thread) is the issue's baseline; one thread per CPU, as caa bulk
	# uses by default, is shown beside it.
	baseline a 1 ""
	[ "$(nproc)" -le 1 ] || baseline a2 "$(nproc)" _mt
fi

# (b) caa bulk, cold ------------------------------------------------------------
bulk=("$caa" bulk --root-hints "$W/root.hints" --trust-anchor "$W/root.ds" --format ndjson --quiet
	${bulk_opts[@]+"${bulk_opts[@]}"})
rc=0
say "(b) caa bulk, cold: ${bulk[*]} input.txt"
if [ $check_only = 0 ]; then
	/usr/bin/time -v -o "$W/cold.time" "${bulk[@]}" "$W/input.txt" >"$W/out.ndjson" 2>"$W/cold.err" || rc=$?
	eval "$($PY "$HERE/tool.py" timev "$W/cold.time")"
	echo "   exit $rc, wall $wall_s s, CPU $cpu_s s, peak RSS $((rss_kb / 1024)) MiB"
	metrics+=(cold_wall_s="$wall_s" cold_cpu_s="$cpu_s" cold_rss_kb="$rss_kb")
else
	s=$SECONDS
	"${bulk[@]}" "$W/input.txt" >"$W/out.ndjson" 2>"$W/cold.err" || rc=$?
	echo "   exit $rc, ~$((SECONDS - s)) s"
fi
case $rc in 0 | 1 | 2) ;; *) echo "   caa bulk failed (exit $rc):" && head -5 "$W/cold.err" | sed 's/^/   /' ;; esac
if [ $check_only = 0 ] && [ "$(nproc)" -gt 1 ]; then
	say "(b2) caa bulk, cold, one worker thread: --threads 1"
	rc1=0
	/usr/bin/time -v -o "$W/cold1.time" "${bulk[@]}" --threads 1 "$W/input.txt" >"$W/out1.ndjson" 2>"$W/cold1.err" || rc1=$?
	eval "$($PY "$HERE/tool.py" timev "$W/cold1.time")"
	echo "   exit $rc1, wall $wall_s s, CPU $cpu_s s, peak RSS $((rss_kb / 1024)) MiB"
	metrics+=(cold1_wall_s="$wall_s" cold1_cpu_s="$cpu_s" cold1_rss_kb="$rss_kb")
fi

# (b3) the other engine, (g) the raw ceiling -----------------------------------------
# The wire engine is the default; --bulk-opt --engine=unbound makes libunbound's the main one.
engine=wire other=unbound
case " ${bulk_opts[*]-} " in *" --engine=unbound "* | *" --engine unbound "*) engine=unbound other=wire ;; esac
metrics+=(engine=$engine other_engine=$other)
if [ $check_only = 0 ]; then
	say "(b3) caa bulk --engine=$other, cold (one worker per CPU)"
	rco=0
	/usr/bin/time -v -o "$W/other.time" "${bulk[@]}" --engine=$other "$W/input.txt" >"$W/out_other.ndjson" 2>"$W/other.err" || rco=$?
	eval "$($PY "$HERE/tool.py" timev "$W/other.time")"
	echo "   exit $rco, wall $wall_s s, CPU $cpu_s s, peak RSS $((rss_kb / 1024)) MiB"
	grep -o '"wire":{[^}]*}' "$W/out_other.ndjson" | sed 's/^/   /' || true
	metrics+=(other_wall_s="$wall_s" other_cpu_s="$cpu_s" other_rss_kb="$rss_kb")
	raw=${RAW_SENDER:-$(dirname "$caa")/../../bench/raw_sender}
	if [ -x "$raw" ]; then
		say "(g) raw UDP sender (massdns-style): one CAA query per name straight to Knot, 50 in flight, no climb"
		read -r raw_sent raw_answered raw_lost raw_s raw_qps <<<"$("$raw" "${BULK_PREFIX:-127.53.0}.4" "$W/input.txt" 50 500)"
		echo "   $raw_answered/$raw_sent answered, $raw_lost lost, $raw_s s: $raw_qps queries/s"
		metrics+=(raw_qps="$raw_qps")
	else
		echo "   (no raw_sender at $raw: build bench/raw_sender or set RAW_SENDER)"
	fi
fi

# (c) caa bulk, input twice ----------------------------------------------------
if [ $check_only = 0 ]; then
	cat "$W/input.txt" "$W/input.txt" >"$W/input2.txt"
	say "(c) caa bulk, the input twice in one run (fresh process)"
	rc2=0
	/usr/bin/time -v -o "$W/twice.time" "${bulk[@]}" "$W/input2.txt" >"$W/out2.ndjson" 2>"$W/twice.err" || rc2=$?
	eval "$($PY "$HERE/tool.py" timev "$W/twice.time")"
	echo "   exit $rc2, wall $wall_s s, CPU $cpu_s s, peak RSS $((rss_kb / 1024)) MiB"
	echo "   warm pass = this run minus run (b): $names names in $(awk -v a="$wall_s" -v b="$(printf '%s\n' "${metrics[@]}" | sed -n 's/^cold_wall_s=//p')" 'BEGIN { printf "%.3f", a - b }') s"
	metrics+=(twice_wall_s="$wall_s" twice_cpu_s="$cpu_s" twice_rss_kb="$rss_kb")
fi

# (d) correctness ---------------------------------------------------------------
fail=0
# Run a tool.py step, indent its output, remember a failure (without set -e ending the run).
step() {
	local out r=0 tool=$1
	shift
	out=$($PY "$HERE/$tool" "$@" 2>&1) || r=$?
	printf '%s\n' "$out" | sed 's/^/   /'
	[ $r = 0 ] || fail=1
}
say "(d) correctness: every verdict+code against expected.tsv"
step tool.py compare "$W/expected.tsv" "$W/out.ndjson" --input "$W/input.txt"
if [ -s "$W/out1.ndjson" ]; then
	echo "   one worker thread:"
	step tool.py compare "$W/expected.tsv" "$W/out1.ndjson" --input "$W/input.txt"
fi
# (f) below runs the other engine in --check-only runs.
if [ ! -s "$W/out_other.ndjson" ]; then
	"${bulk[@]}" --engine=$other "$W/input.txt" >"$W/out_other.ndjson" 2>"$W/other.err" || true
fi
echo "   --engine=$other:"
step tool.py compare "$W/expected.tsv" "$W/out_other.ndjson" --input "$W/input.txt"
if [ $check_only = 0 ]; then
	echo "   input twice:"
	step tool.py compare "$W/expected.tsv" "$W/out2.ndjson" --copies 2 --input "$W/input2.txt"
fi

# (e) oracle ----------------------------------------------------------------------
say "(e) expected.tsv against caa check (one process per name, stratified sample)"
step tool.py oracle "$W" "$caa" --per-class 10 --bulk "$W/out.ndjson"

# (f) the two engines, every name --------------------------------------------------
say "(f) --engine $engine against --engine $other: verdict, code, owner, DNSSEC of every name"
step tool.py agree "$W/out.ndjson" "$W/out_other.ndjson"
cat "$W/out.ndjson" "$W/out_other.ndjson" | grep -o '"wire":{[^}]*}' | sed 's/^/   wire engine: /' || true

if [ $check_only = 0 ]; then
	say "table ($(nproc) CPUs; server, resolver and client share them)"
	$PY "$HERE/tool.py" table "${metrics[@]}"
fi
if [ $fail = 0 ]; then say "PASS: all verdicts equal"; else say "FAIL: see above${BULK_KEEP:+ (files kept in $W)}"; fi
exit $fail
