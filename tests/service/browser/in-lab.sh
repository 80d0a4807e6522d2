#!/usr/bin/env bash
# Stage 2 of run.sh, inside the lab's namespaces (LAB_HINTS, LAB_TA set): serve, test, stop.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${CAA:?}" "${OUT:?}" "${LAB_HINTS:?}" "${LAB_TA:?}"
PORT=18053
BASE=http://127.0.0.1:$PORT
state=$(mktemp -d "${TMPDIR:-/tmp}/caa-serve-state.XXXXXX")
serve_pid=

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	if [ -n "$serve_pid" ]; then
		kill -TERM "$serve_pid" 2>/dev/null || true
		wait "$serve_pid" 2>/dev/null || true
	fi
	rm -rf "$state"
}
trap cleanup EXIT

"$CAA" serve --listen "127.0.0.1:$PORT" --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" \
	--allow-private 127.53.0.0/24 --state-dir "$state" >"$OUT/serve.log" 2>&1 &
serve_pid=$!

# Up when /healthz answers; a bound, not a timing assertion.
if ! /usr/bin/python3 - "$BASE/healthz" <<'PY'; then
import sys, time, urllib.request
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=2) as r:
            if r.status == 200:
                sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
PY
	echo "1..1"
	echo "not ok 1 - caa serve answers /healthz within 30 s"
	sed 's/^/# /' "$OUT/serve.log"
	exit 1
fi

rc=0
/usr/bin/python3 "$HERE/browser_test.py" "$BASE" "$OUT" || rc=$?
exit $rc
