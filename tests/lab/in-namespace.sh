#!/usr/bin/env bash
# Run CMD inside a fresh network + PID namespace with the DNS lab up.
#
#   tests/lab/in-namespace.sh CMD [ARGS...]     e.g. tests/lab/in-namespace.sh bash
#
# CMD sees LAB_DIR (the lab directory), LAB_HINTS (root hints) and LAB_TA (root
# DS trust anchor). The lab is stopped and its directory removed afterwards; the
# exit status is CMD's. Only `lo` exists in the namespace, so nothing can leave
# the host, and when the namespace's PID 1 exits the kernel ends whatever is left.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ $# -eq 0 ]; then
	echo "usage: in-namespace.sh CMD [ARGS...]" >&2
	exit 2
fi

# Stage 2: we are PID 1 of the new namespaces (re-invoked below).
if [ "${LAB_IN_NAMESPACE:-}" = 1 ]; then
	unset LAB_IN_NAMESPACE
	ip link set lo up
	dir=$(mktemp -d "${TMPDIR:-/tmp}/caa-lab.XXXXXX") # $$ repeats across PID namespaces
	# shellcheck disable=SC2317 # called by the EXIT trap
	cleanup() {
		"$HERE/lab.sh" stop "$dir" || true
		rm -rf "$dir"
	}
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	"$HERE/lab.sh" start "$dir"
	export LAB_DIR=$dir LAB_HINTS=$dir/root.hints LAB_TA=$dir/root.ds
	rc=0
	"$@" || rc=$?
	exit $rc
fi

# Stage 1: make the namespaces. Unprivileged users also need a user namespace.
flags=(--net --pid --fork --mount-proc)
[ "$(id -u)" -eq 0 ] || flags+=(-r)
export LAB_IN_NAMESPACE=1
exec unshare "${flags[@]}" "$HERE/in-namespace.sh" "$@"
