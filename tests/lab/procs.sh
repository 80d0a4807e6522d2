#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Process and namespace helpers shared by the lab scripts (tests/lab/lab.sh, bench/bulk/lab.sh).
# Sourced, not run: the caller defines die, say and D (the lab directory) and may set
# LAB_NAMESPACE_HINT (how to get a namespace) before calling check_namespace.

# Refuse to run unless the only interface is an up `lo`: that is what makes the
# lab unable to send a packet anywhere else.
check_namespace() {
	local links names
	command -v ip >/dev/null || die "need iproute2 (ip) to check the namespace"
	links=$(ip -o link show) || die "cannot list interfaces"
	names=$(printf '%s\n' "$links" | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }')
	if [ "$names" != "lo" ]; then
		die "refusing to run: interfaces other than lo exist ($(echo "$names" | tr '\n' ' ')); use ${LAB_NAMESPACE_HINT:-tests/lab/in-namespace.sh}"
	fi
	case $(printf '%s\n' "$links" | sed -n 's/^[0-9]*: lo: <\([^>]*\)>.*/\1/p') in
	UP,* | *,UP,* | *,UP) ;;
	*) die "refusing to run: lo is down (ip link set lo up)" ;;
	esac
}

# Record "pid name" so stop can end exactly what we started.
record_pid() { echo "$1 $2" >>"$D/pids"; }

# Wait (bounded) for a pid file written by a daemonising server.
pid_from_file() {
	local f=$1
	for _ in $(seq 200); do
		if [ -s "$f" ]; then
			head -n1 "$f"
			return 0
		fi
		sleep 0.05
	done
	return 1
}

# Starts the NSD whose config is $D/nsd-NAME/nsd.conf and records its PID.
start_nsd() {
	local name=$1 pid
	nsd -c "$D/nsd-$name/nsd.conf" || die "nsd $name failed to start (see $D/nsd-$name/nsd.log)"
	pid=$(pid_from_file "$D/nsd-$name/nsd.pid") || die "nsd $name wrote no pid file"
	record_pid "$pid" "nsd-$name"
}

# dig's answer to CH TXT id.server at $1, or nothing.
identity_of() {
	dig +norec +tries=1 +time=1 +short CH TXT id.server @"$1" 2>/dev/null | tr -d '"' || true
}

# Process state letter (Z = zombie), or nothing when gone. NSD renames its
# processes, so take the field after the last ')'.
proc_state() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
	stat=${stat##*) }
	echo "${stat%% *}"
}

alive() {
	local s
	s=$(proc_state "$1")
	[ -n "$s" ] && [ "$s" != Z ]
}

# Direct children of $1 (NSD's xfrd and server processes).
children_of() {
	local parent=$1 f s
	for f in /proc/[0-9]*/stat; do
		s=$(cat "$f" 2>/dev/null) || continue
		s=${s##*) } # "state ppid ...": fields after the command name
		s=${s#* }
		if [ "${s%% *}" = "$parent" ]; then
			f=${f#/proc/}
			echo "${f%/stat}"
		fi
	done
}

cmd_stop() {
	local pid name all="" p
	[ -f "$D/pids" ] || {
		say "no $D/pids: nothing to stop"
		return 0
	}
	while read -r pid name; do
		[ -n "$pid" ] || continue
		alive "$pid" || continue
		# Guard against PID reuse: every lab process has DIR on its command line.
		if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$D"; then
			say "pid $pid ($name) is no longer ours: left alone"
			continue
		fi
		all="$all $pid $(children_of "$pid" | tr '\n' ' ')"
		kill -TERM "$pid" 2>/dev/null || true
	done <"$D/pids"
	for _ in $(seq 100); do # 5 s
		local left=""
		for p in $all; do alive "$p" && left="$left $p"; done
		[ -z "$left" ] && break
		sleep 0.05
	done
	for p in $all; do
		if alive "$p"; then
			say "pid $p ignored SIGTERM for 5 s: SIGKILL"
			kill -KILL "$p" 2>/dev/null || true
		fi
	done
	mv "$D/pids" "$D/pids.stopped"
}
