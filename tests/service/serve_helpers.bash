# Helpers for the `caa serve` tests (tests/service/*.bats): start the service on the lab, ask it
# over HTTP, stop it. Runs only inside the lab (tests/lab/run-tests.sh).
# shellcheck shell=bash
# shellcheck disable=SC2154 # status and output are set by bats' run

# serve_start PORT [OPTIONS...]: `caa serve` on 127.0.0.1:PORT against the lab (its pid in
# $BATS_FILE_TMPDIR/serve.PORT.pid, its log in serve.PORT.log); waits for /healthz.
serve_start() {
	local port=$1 i
	shift
	"$CAA" serve --listen "127.0.0.1:$port" --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" \
		--allow-private 127.53.0.0/24 --state-dir "$BATS_FILE_TMPDIR/state.$port" \
		--log "$BATS_FILE_TMPDIR/serve.$port.log" "$@" \
		2>"$BATS_FILE_TMPDIR/serve.$port.err" &
	echo $! >"$BATS_FILE_TMPDIR/serve.$port.pid"
	for i in $(seq 100); do
		if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.1
	done
	echo "caa serve on port $port did not come up: $(cat "$BATS_FILE_TMPDIR/serve.$port.err")" >&2
	return 1
}

# serve_stop PORT: SIGTERM; the service must exit 0 without a sanitizer report.
serve_stop() {
	local port=$1 pid rc=0
	pid=$(cat "$BATS_FILE_TMPDIR/serve.$port.pid")
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	if grep -q 'Sanitizer\|runtime error:' "$BATS_FILE_TMPDIR/serve.$port.err"; then
		cat "$BATS_FILE_TMPDIR/serve.$port.err" >&2
		return 1
	fi
	return "$rc"
}

# http PORT METHOD PATH [CURL ARGS...]: sets status (HTTP code), output (body) and the file
# $BATS_TEST_TMPDIR/headers (response headers).
http() {
	local port=$1 method=$2 path=$3
	shift 3
	status=$(curl -s -X "$method" -o "$BATS_TEST_TMPDIR/body" -D "$BATS_TEST_TMPDIR/headers" \
		-w '%{http_code}' "$@" "http://127.0.0.1:$port$path")
	output=$(cat "$BATS_TEST_TMPDIR/body")
}

# header NAME: the value of a response header of the last http call ("" if absent).
header() {
	grep -i "^$1:" "$BATS_TEST_TMPDIR/headers" | head -1 | cut -d: -f2- | sed 's/^ *//; s/\r$//'
}

expect_status() {
	if [ "$status" != "$1" ]; then
		printf 'expected HTTP %s, got %s: %s\n' "$1" "$status" "$output" >&2
		return 1
	fi
}

# metric NAME_WITH_LABELS PORT: the value of one series of /metrics.
metric() {
	curl -s "http://127.0.0.1:$2/metrics" | awk -v k="$1" '$1 == k { print $2 }'
}
