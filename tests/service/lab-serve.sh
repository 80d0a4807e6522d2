#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `caa serve` on the DNS lab, for a person with a browser (README: "caa serve"):
#
#   tests/service/lab-serve.sh [--demo] [PORT]      (default PORT 8053)
#
# The lab lives in a network namespace of its own, so its service cannot listen on the host's
# network. socat carries the connections over a Unix socket instead: the service listens on
# 127.0.0.1:8053 inside the namespace, and the host gets http://127.0.0.1:PORT/ (loopback
# only). All DNS traffic stays inside the namespace. Ctrl-C stops everything.
# --demo: no bridge; one request and its answer, then exit (scripts/setup.sh).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
demo=0
if [ "${1:-}" = --demo ]; then
	demo=1
	shift
fi
port=${1:-8053}
export CAA=${CAA:-$REPO/build/src/cli/caa}
CAA=$(realpath "$CAA")

if [ -z "${LAB_HINTS:-}" ]; then
	sock_dir=$(mktemp -d)
	export CAA_SERVE_SOCKET=$sock_dir/serve.sock
	if [ $demo = 0 ]; then
		command -v socat >/dev/null || { echo "lab-serve.sh: needs socat (apt install socat)" >&2; exit 1; }
		socat "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" "UNIX-CONNECT:$CAA_SERVE_SOCKET" &
		bridge=$!
		trap 'kill $bridge 2>/dev/null; rm -rf "$sock_dir"' EXIT
		echo "lab-serve.sh: open http://127.0.0.1:$port/ (try signed.test, servfail.test, expired.test)" >&2
	else
		trap 'rm -rf "$sock_dir"' EXIT
	fi
	"$REPO/tests/lab/in-namespace.sh" "$0" $([ $demo = 1 ] && echo --demo) "$port"
	exit
fi

state=$(mktemp -d)
"$CAA" serve --listen 127.0.0.1:8053 --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" \
	--allow-private 127.53.0.0/24 --state-dir "$state" --log "$state/access.log" &
serve=$!
trap 'kill $serve 2>/dev/null; wait $serve 2>/dev/null; rm -rf "$state"' EXIT
for _ in $(seq 100); do
	curl -sf http://127.0.0.1:8053/healthz >/dev/null && break
	sleep 0.1
done
if [ $demo = 1 ]; then
	show() {
		printf '\n$ %s\n' "$*"
		"$@"
		echo
	}
	printf '\n$ curl -s "http://127.0.0.1:8053/api/v1/check?name=www.signed.test&ca=ca.example" | python3 -m json.tool | head -20\n'
	# The whole document goes through json.tool before it is cut: `| head` would close the pipe
	# early, json.tool would die of EPIPE, and pipefail would end the demo (and setup.sh) there.
	answer=$(curl -s 'http://127.0.0.1:8053/api/v1/check?name=www.signed.test&ca=ca.example' |
		/usr/bin/python3 -m json.tool)
	printf '%s\n' "$answer" | sed -n '1,20p'
	show curl -s 'http://127.0.0.1:8053/probe?target=servfail.test'
	exit 0
fi
socat "UNIX-LISTEN:$CAA_SERVE_SOCKET,fork" TCP:127.0.0.1:8053 &
wait $serve
