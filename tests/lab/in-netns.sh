#!/usr/bin/env bash
# Runs CMD ARGS... in a fresh network namespace whose only interface is an up `lo` (plus a user
# namespace when not root): for tests that bring their own servers on loopback and need no lab.
#
#   tests/lab/in-netns.sh CMD ARGS...
set -euo pipefail

if [ "${CAA_IN_NETNS:-}" != 1 ]; then
	flags=(--net)
	[ "$(id -u)" -eq 0 ] || flags+=(-r)
	export CAA_IN_NETNS=1
	exec unshare "${flags[@]}" "$0" "$@"
fi
unset CAA_IN_NETNS
ip link set lo up
# Refuse to run anywhere a packet could leave the machine.
if [ "$(ip -o link show | awk -F': ' '{ print $2 }' | tr '\n' ' ')" != "lo " ]; then
	echo "in-netns.sh: not in a namespace with only lo" >&2
	exit 1
fi
exec "$@"
