#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Serve the `caa bulk` benchmark lab that bench/bulk/gen.py wrote into DIR.
#
#   bench/bulk/lab.sh start DIR    sign root and test., start the servers, wait for them
#   bench/bulk/lab.sh stop DIR     stop exactly the processes listed in DIR/pids
#
# Servers (all port 53, prefix BULK_PREFIX, default 127.53.0):
#   .1  NSD  the root, signed (a.root-servers.test)
#   .2  NSD  test., signed; delegates z0..z3.test insecurely (no DS)
#   .4  Knot z0..z3.test, unsigned (nsk.test); one UDP worker
# Files: DIR/root.hints, DIR/root.ds and DIR/root.key (trust anchor, DS and DNSKEY forms),
# DIR/pids, DIR/nsd-*/nsd.log, DIR/knot/knot.log.
#
# Must run inside a network namespace whose only interface is an up `lo` (bench/bulk/run.sh
# makes one): the zones name loopback addresses and nothing here may reach a real network.
# Process and namespace helpers come from tests/lab/procs.sh.
set -euo pipefail

P=${BULK_PREFIX:-127.53.0}
READY_TIMEOUT_S=60 # Knot loads ~200k names in a few seconds

die() {
	echo "bulk/lab.sh: $*" >&2
	exit 1
}
say() { echo "bulk/lab.sh: $*" >&2; }

# Namespace and process helpers (check_namespace, record_pid, cmd_stop, ...).
# shellcheck disable=SC2034 # read by procs.sh
LAB_NAMESPACE_HINT=bench/bulk/run.sh
# shellcheck source-path=SCRIPTDIR source=../../tests/lab/procs.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../tests/lab" && pwd)/procs.sh"

new_key() {
	local base
	base=$(cd "$D/keys" && ldns-keygen -a ECDSAP256SHA256 -k -r /dev/urandom "$1") ||
		die "ldns-keygen failed for $1"
	echo "$D/keys/$base"
}

# Sign zone $1 from $2 into $3 (NSEC, valid from now-1h to now+30d); prints the key base.
sign() {
	local zone=$1 in=$2 out=$3 key now
	now=$(date +%s)
	key=$(new_key "$zone")
	ldns-signzone -o "$zone" -i $((now - 3600)) -e $((now + 30 * 86400)) -f "$out" "$in" "$key" ||
		die "ldns-signzone failed for $zone"
	echo "$key"
}

generate() {
	local key
	if [ ! -s "$D/zones.list" ] || [ ! -s "$D/zones/test.src" ] || [ ! -s "$D/zones/root.src" ]; then
		die "$D has no generated lab (run bench/bulk/gen.py --out $D first)"
	fi
	rm -rf "$D/keys"
	mkdir -p "$D/keys" "$D/knot"
	key=$(sign test. "$D/zones/test.src" "$D/zones/test.signed")
	cp "$D/zones/root.src" "$D/zones/root.unsigned"
	cat "$key.ds" >>"$D/zones/root.unsigned"
	key=$(sign . "$D/zones/root.unsigned" "$D/zones/root.signed")
	cp "$key.ds" "$D/root.ds"
	sed 's/ *;.*$//' "$key.key" | awk '$3 == "DNSKEY" || $4 == "DNSKEY"' >"$D/root.key"
	printf '.\t3600000\tNS\ta.root-servers.test.\na.root-servers.test.\t3600000\tA\t%s.1\n' "$P" >"$D/root.hints"
}

write_nsd_conf() {
	local name=$1 addr=$2 zone=$3 file=$4 dir="$D/nsd-$1"
	mkdir -p "$dir"
	cat >"$dir/nsd.conf" <<-EOF
		server:
		    ip-address: $addr@53
		    do-ip4: yes
		    do-ip6: no
		    username: ""
		    chroot: ""
		    database: ""
		    zonelistfile: "$dir/zone.list"
		    xfrdfile: "$dir/xfrd.state"
		    xfrdir: "$dir"
		    pidfile: "$dir/nsd.pid"
		    logfile: "$dir/nsd.log"
		    server-count: 1
		    tcp-count: 20
		    minimal-responses: no
		    hide-version: yes
		    hide-identity: no
		    identity: "bulk:$D:$name"
		    rrl-ratelimit: 0
		    reuseport: no
		    zonefiles-write: 0
		    verbosity: 1
		remote-control:
		    control-enable: no
		zone:
		    name: "$zone"
		    zonefile: "$file"
	EOF
}

write_knot_conf() {
	local zone file
	{
		cat <<-EOF
			server:
			    rundir: "$D/knot"
			    pidfile: "$D/knot/knot.pid"
			    listen: $P.4@53
			    identity: "bulk:$D:knot"
			    version: ""
			    background-workers: 1
			    udp-workers: 1
			    tcp-workers: 1
			database:
			    storage: "$D/knot"
			log:
			  - target: "$D/knot/knot.log"
			    any: info
			template:
			  - id: default
			    storage: "$D/knot"
			    zonefile-sync: -1
			    zonefile-load: whole
			    journal-content: none
			    semantic-checks: off
			zone:
		EOF
		while read -r zone file; do
			printf '  - domain: "%s"\n    file: "%s"\n' "$zone" "$file"
		done <"$D/zones.list"
	} >"$D/knot/knot.conf"
}

start_servers() {
	local pid
	: >"$D/pids"
	write_nsd_conf root "$P.1" . "$D/zones/root.signed"
	write_nsd_conf tld "$P.2" test. "$D/zones/test.signed"
	write_knot_conf
	# A pid file left by a lab whose namespace was torn down would make knotd refuse to start
	# ($D/pids did not exist, so nothing of this lab runs).
	rm -f "$D/knot/knot.pid" "$D"/nsd-*/nsd.pid
	start_nsd root
	start_nsd tld
	knotd -c "$D/knot/knot.conf" -d || die "knotd failed to start (see $D/knot/knot.log)"
	pid=$(pid_from_file "$D/knot/knot.pid") || die "knotd wrote no pid file"
	record_pid "$pid" knot
}

# Ready = each server answers with this lab's identity, and Knot answers every child
# zone's SOA authoritatively (it loads zones after it starts answering).
wait_ready() {
	local deadline=$((SECONDS + READY_TIMEOUT_S)) pending entry addr want zone
	pending="$P.1=bulk:$D:root $P.2=bulk:$D:tld $P.4=bulk:$D:knot"
	while read -r zone _; do pending="$pending soa:$zone"; done <"$D/zones.list"
	while [ -n "$pending" ]; do
		local still=""
		for entry in $pending; do
			case $entry in
			soa:*)
				zone=${entry#soa:}
				dig +norec +tries=1 +time=1 SOA "$zone" @"$P.4" 2>/dev/null |
					grep -q 'flags: qr aa' || still="$still $entry"
				;;
			*)
				addr=${entry%%=*} want=${entry#*=}
				[ "$(identity_of "$addr")" = "$want" ] || still="$still $entry"
				;;
			esac
		done
		pending=${still# }
		[ -z "$pending" ] && break
		if [ $SECONDS -ge $deadline ]; then
			say "not ready after ${READY_TIMEOUT_S}s: $pending"
			return 1
		fi
		sleep 0.1
	done
}

cmd_start() {
	local t0=$SECONDS tool
	[ ! -s "$D/pids" ] || die "$D/pids exists: a lab may be running there (lab.sh stop $D)"
	for tool in nsd knotd ldns-keygen ldns-signzone dig; do
		command -v $tool >/dev/null || die "missing $tool (apt-get install nsd knot ldnsutils bind9-dnsutils)"
	done
	generate
	trap 'say "start failed: stopping what was started; logs in $D"; cmd_stop' EXIT
	start_servers
	wait_ready || exit 1
	trap - EXIT
	say "lab up in $D ($((SECONDS - t0)) s): hints $D/root.hints, trust anchor $D/root.ds"
}

main() {
	[ $# -eq 2 ] || die "usage: lab.sh start|stop DIR"
	local cmd=$1
	[ "$cmd" != start ] || check_namespace
	[ -d "$2" ] || die "no directory $2"
	D=$(cd "$2" && pwd)
	case $cmd in
	start) cmd_start ;;
	stop) cmd_stop ;;
	*) die "unknown command $cmd (start|stop)" ;;
	esac
}

main "$@"
