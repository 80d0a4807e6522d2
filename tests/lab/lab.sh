#!/usr/bin/env bash
# Hermetic DNS lab: generate, sign and serve the scenario zones on 127.53.0.x:53.
#
#   lab.sh start DIR     generate keys and zones into DIR, start the servers, wait for them
#   lab.sh status DIR    show which lab processes run and answer
#   lab.sh stop DIR      stop exactly the processes listed in DIR/pids
#
# Must run inside a network namespace that has only `lo` (see in-namespace.sh):
# the servers bind port 53 and the zones name loopback addresses, and nothing
# here may ever be reachable from, or talk to, a real network.
#
# Environment: LAB_PREFIX (default 127.53.0) to run a second lab in the same
# namespace; CAA_SHARED (default <repo>/../shared) for the caatestsuite files;
# LAB_SLOW_MS (default 1500) for the slow.test delay; LAB_V6=0 to skip the ::1
# server (ipv6only.caatestsuite.com), e.g. for a second lab in one namespace.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
P=${LAB_PREFIX:-127.53.0}
PY=/usr/bin/python3 # Debian's python3-dnslib is only visible to this interpreter
READY_TIMEOUT_S=10

die() {
	echo "lab.sh: $*" >&2
	exit 1
}
say() { echo "lab.sh: $*" >&2; }

# Namespace and process helpers (check_namespace, record_pid, cmd_stop, ...).
# shellcheck disable=SC2034 # read by procs.sh
LAB_NAMESPACE_HINT=tests/lab/in-namespace.sh
# shellcheck source-path=SCRIPTDIR source=procs.sh
. "$HERE/procs.sh"

# --- helpers -----------------------------------------------------------------

# Address of a name-server token used in the scenarios table.
ns_addr() {
	case $1 in
	root) echo "$P.1" ;;
	tld) echo "$P.2" ;;
	nsa) echo "$P.3" ;;
	nsb) echo "$P.4" ;;
	nsc) echo "$P.5" ;; # the kids NSD again: a third good server for the quad zones
	nsd) echo "$P.6" ;; # Knot again
	nsbad) echo "$P.10" ;;
	nsdead) echo "$P.11" ;;
	nsblackhole) echo "$P.12" ;;
	nshostile) echo "$P.13" ;; # the hostile zones: their floods never slow nsbad's
	nstc) echo "$P.14" ;;      # tc.test: its TCP queries never ride on a connection tcfail closes
	*) die "unknown name server token $1" ;;
	esac
}

# Host name of a name-server token, or the token itself if it is already a name.
ns_host() {
	case $1 in
	*.) echo "$1" ;;
	*) echo "$1.test." ;;
	esac
}

# Zone file header: origin, TTL, SOA (unless the template has its own) and NS.
# $1 zone (with trailing dot), $2 comma list of NS, $3 template file
zone_header() {
	local zone=$1 nslist=$2 tmpl=$3 first ns
	first=$(ns_host "${nslist%%,*}")
	# shellcheck disable=SC2016 # $ORIGIN is zone-file syntax, not shell
	printf '$ORIGIN %s\n$TTL 300\n' "$zone"
	if ! grep -Eq '^[^;]*[[:space:]]SOA[[:space:]]' "$tmpl"; then
		printf '@ SOA %s hostmaster.nic.test. 1 3600 600 86400 60\n' "$first"
	fi
	for ns in ${nslist//,/ }; do
		printf '@ NS %s\n' "$(ns_host "$ns")"
	done
}

# Render template $3 for zone $1 with name servers $2 into $4.
render() {
	local zone=$1 nslist=$2 tmpl=$3 out=$4
	[ -f "$tmpl" ] || die "missing template $tmpl"
	{
		zone_header "$zone" "$nslist" "$tmpl"
		sed "s/@P@/$P/g" "$tmpl"
	} >"$out"
}

# New ECDSAP256SHA256 key (flags 257, used as CSK) for zone $1; prints its base path.
new_key() {
	local base
	base=$(cd "$D/keys" && ldns-keygen -a ECDSAP256SHA256 -k -r /dev/urandom "$1") ||
		die "ldns-keygen failed for $1"
	echo "$D/keys/$base"
}

# Flip one base64 character of the signature in every RRSIG covering type $1.
tamper_rrsig() {
	local covered=$1 file=$2
	awk -v t="$covered" 'BEGIN { OFS = "\t" }
		$4 == "RRSIG" && $5 == t {
			s = $NF; c = substr(s, 10, 1)
			$NF = substr(s, 1, 9) (c == "A" ? "B" : "A") substr(s, 11)
		}
		{ print }' "$file" >"$file.t" && mv "$file.t" "$file"
}

# Sign $3 (zone $1) into $4 according to variant $2; write the DS that the
# parent must publish to $D/ds/<zone>.ds.
sign_zone() {
	local zone=$1 variant=$2 in=$3 out=$4 key now
	now=$(date +%s)
	local inc=$((now - 3600)) exp=$((now + 30 * 86400)) # 1 h back for clock skew
	local -a sign=(ldns-signzone -o "$zone")
	key=$(new_key "$zone")
	case $variant in
	nsec) "${sign[@]}" -i $inc -e $exp -f "$out" "$in" "$key" ;;
	nsec3) "${sign[@]}" -n -t 0 -i $inc -e $exp -f "$out" "$in" "$key" ;; # RFC 9276: 0 iterations
	# RFC 9276 §3.2: validators treat NSEC3 above 150 iterations as insecure (issue 11).
	nsec3iter) "${sign[@]}" -n -t 500 -s 0123abcd -i $inc -e $exp -f "$out" "$in" "$key" ;;
	expired) "${sign[@]}" -i 20200101000000 -e 20200201000000 -f "$out" "$in" "$key" ;;
	future) "${sign[@]}" -i $((now + 10 * 86400)) -e $((now + 40 * 86400)) -f "$out" "$in" "$key" ;;
	expiredcaa)
		# Same key twice: fresh signatures everywhere except RRSIG CAA from 2020.
		"${sign[@]}" -i $inc -e $exp -f "$out.fresh" "$in" "$key"
		"${sign[@]}" -i 20200101000000 -e 20200201000000 -f "$out.old" "$in" "$key"
		{
			awk '!($4 == "RRSIG" && $5 == "CAA")' "$out.fresh"
			awk '$4 == "RRSIG" && $5 == "CAA"' "$out.old"
		} >"$out"
		rm -f "$out.fresh" "$out.old"
		;;
	bogussig)
		"${sign[@]}" -i $inc -e $exp -f "$out" "$in" "$key"
		tamper_rrsig CAA "$out"
		;;
	badnsec)
		"${sign[@]}" -i $inc -e $exp -f "$out" "$in" "$key"
		tamper_rrsig NSEC "$out"
		;;
	badnsec3)
		"${sign[@]}" -n -t 0 -i $inc -e $exp -f "$out" "$in" "$key"
		tamper_rrsig NSEC3 "$out"
		;;
	dsmismatch)
		# Signed with one key; the parent gets the DS of another, unused key.
		"${sign[@]}" -i $inc -e $exp -f "$out" "$in" "$key"
		key=$(new_key "$zone")
		;;
	stripped) cp "$in" "$out" ;; # parent has the DS; the server serves it unsigned
	*) die "unknown dnssec variant $variant for $zone" ;;
	esac
	cp "$key.ds" "$D/ds/${zone%.}.ds"
}

# --- zone generation ---------------------------------------------------------

# Knot signs ksigned.test itself; its key must exist before test. is signed.
knot_keygen() {
	local zone=$1
	keymgr -c "$D/knot/knot.conf" "$zone" generate algorithm=ecdsap256sha256 ksk=yes zsk=yes >/dev/null ||
		die "keymgr generate failed for $zone"
	keymgr -c "$D/knot/knot.conf" "$zone" ds | awk '$2 == "DS" && $4 == 13 && $5 == 2' >"$D/ds/${zone%.}.ds"
	[ -s "$D/ds/${zone%.}.ds" ] || die "keymgr gave no SHA-256 DS for $zone"
}

# One scenario row: render, sign, and hand the zone to each of its servers.
build_scenario() {
	local label=$1 tmpl=$2 nslist=$3 dnssec=$4 behaviour=$5
	local zone="$label.test." ns t src signed=""
	for ns in ${nslist//,/ }; do
		t="$HERE/zones/$tmpl.zone"
		[ -f "$HERE/zones/$tmpl.$ns.zone" ] && t="$HERE/zones/$tmpl.$ns.zone"
		src="$D/src/$label.$ns.zone"
		render "$zone" "$nslist" "$t" "$src"
		case $dnssec in
		none | knot) signed=$src ;;
		*)
			# Sign once: every server of the zone serves the same signed data.
			if [ -z "$signed" ]; then
				signed="$D/zones/$label.test.signed"
				sign_zone "$zone" "$dnssec" "$src" "$signed"
			fi
			;;
		esac
		case $ns in
		nsa | nsc) grep -q "^$zone " "$D/kids.list" || echo "$zone $signed" >>"$D/kids.list" ;;
		nsb | nsd) grep -q "^$zone " "$D/knot.list" || echo "$zone $signed $dnssec" >>"$D/knot.list" ;;
		nsbad)
			# Without a behaviour badserver is not configured for the zone and
			# answers REFUSED: a lame delegation (lame.test).
			[ "$behaviour" = - ] || echo "$zone $behaviour $signed" >>"$D/badserver.conf"
			;;
		nshostile) echo "$zone $behaviour $signed" >>"$D/hostile.conf" ;;
		nstc) echo "$zone $behaviour $signed" >>"$D/tc.conf" ;;
		nsdead | nsblackhole) ;; # nothing serves it there, by design
		*) die "scenario $label: unknown ns $ns" ;;
		esac
	done
	# A label with a dot (kid.notimpparent) lives below another scenario zone, whose template
	# delegates it: nothing goes into test.
	case $label in *.*) return 0 ;; esac
	# Delegation in test.: NS (+ DS when the child is meant to be signed).
	for ns in ${nslist//,/ }; do echo "$label NS $(ns_host "$ns")"; done >>"$D/src/test.delegations"
	if [ "$dnssec" = knot ]; then knot_keygen "$zone"; fi
	if [ "$dnssec" != none ]; then cat "$D/ds/$label.test.ds" >>"$D/src/test.delegations"; fi
}

# caatestsuite: the upstream files, replanted (see replant.py).
build_caatestsuite() {
	local src=${CAA_SHARED:-$REPO/../shared}/conformance/caatestsuite c key
	if [ ! -f "$src/caatestsuite.com." ]; then
		say "no caatestsuite files at $src: caatestsuite.com not served"
		return 0
	fi
	local dn=caatestsuite-dnssec.com
	# Children of caatestsuite-dnssec.com: each gets a local key whose DS the
	# parent publishes. Only `expired` is signed (with 2020 dates); `missing` is
	# served unsigned; blackhole/servfail/refused never answer properly.
	local expired_key=""
	for c in expired missing blackhole servfail refused; do
		key=$(new_key "$c.$dn.")
		cp "$key.ds" "$D/ds/$c.$dn.ds"
		[ $c = expired ] && expired_key=$key
	done
	$PY "$HERE/replant.py" --prefix "$P" --ds-dir "$D/ds" "$src/expired.$dn." "$D/src/expired.$dn"
	ldns-signzone -o "expired.$dn." -i 20200101000000 -e 20200201000000 -f "$D/zones/expired.$dn" \
		"$D/src/expired.$dn" "$expired_key"
	$PY "$HERE/replant.py" --prefix "$P" --ds-dir "$D/ds" "$src/missing.$dn." "$D/zones/missing.$dn"
	$PY "$HERE/replant.py" --prefix "$P" --ds-dir "$D/ds" "$src/$dn." "$D/src/$dn"
	sign_zone "$dn." nsec "$D/src/$dn" "$D/zones/$dn"
	$PY "$HERE/replant.py" --prefix "$P" --ds-dir "$D/ds" "$src/caatestsuite.com." "$D/zones/caatestsuite.com"
	$PY "$HERE/replant.py" --prefix "$P" --ds-dir "$D/ds" "$src/ipv6only.caatestsuite.com." \
		"$D/zones/ipv6only.caatestsuite.com"
	{
		echo "caatestsuite.com. $D/zones/caatestsuite.com"
		echo "$dn. $D/zones/$dn"
		echo "expired.$dn. $D/zones/expired.$dn"
		echo "missing.$dn. $D/zones/missing.$dn"
	} >>"$D/kids.list"
	# ::1 is one address per namespace: a second lab there sets LAB_V6=0.
	if [ "${LAB_V6:-1}" = 1 ]; then
		echo "ipv6only.caatestsuite.com. $D/zones/ipv6only.caatestsuite.com" >"$D/v6.list"
	fi
	# servfail.caatestsuite-dnssec.com: badserver answers SERVFAIL to everything.
	render "servfail.$dn." nsservfail.$dn. "$HERE/zones/empty.zone" "$D/src/servfail.$dn"
	echo "servfail.$dn. servfailall $D/src/servfail.$dn" >>"$D/badserver.conf"
	# Delegations in com.: both zones on the kids NSD, like upstream (one host).
	{
		for c in caatestsuite.com "$dn"; do
			echo "$c. NS ns0.$c."
			echo "$c. NS ns1.$c."
			echo "ns0.$c. A $P.3"
			echo "ns1.$c. A $P.3"
		done
		cat "$D/ds/$dn.ds"
	} >>"$D/src/com.delegations"
}

# Parents last: test. and com. carry the children's DS, the root carries theirs.
build_parents() {
	render test. ns1.nic.test. "$HERE/zones/test.zone" "$D/src/test"
	cat "$D/src/test.delegations" >>"$D/src/test"
	sign_zone test. nsec "$D/src/test" "$D/zones/test"
	render com. ns1.nic.test. "$HERE/zones/com.zone" "$D/src/com"
	cat "$D/src/com.delegations" >>"$D/src/com"
	sign_zone com. nsec "$D/src/com" "$D/zones/com"
	render . a.root-servers.test. "$HERE/zones/root.zone" "$D/src/root"
	{
		echo "test. NS ns1.nic.test."
		cat "$D/ds/test.ds"
		echo "com. NS ns1.nic.test."
		cat "$D/ds/com.ds"
	} >>"$D/src/root"
	sign_zone . nsec "$D/src/root" "$D/zones/root"
	# Trust anchor (DS and DNSKEY forms) and root hints for resolvers.
	cp "$D/ds/.ds" "$D/root.ds"
	awk '$3 == "DNSKEY" || $4 == "DNSKEY"' "$D"/keys/K.+013+*.key | sed 's/ *;.*$//' >"$D/root.key"
	printf '.\t3600000\tNS\ta.root-servers.test.\na.root-servers.test.\t3600000\tA\t%s.1\n' "$P" >"$D/root.hints"
}

generate() {
	local label tmpl nslist dnssec behaviour
	mkdir -p "$D/keys" "$D/src" "$D/zones" "$D/ds" "$D/knot"
	: >"$D/kids.list"
	: >"$D/knot.list"
	: >"$D/badserver.conf"
	: >"$D/v6.list"
	: >"$D/src/test.delegations"
	: >"$D/src/com.delegations"
	write_knot_conf # keymgr needs the config (kasp-db) before test. is signed
	while read -r label tmpl nslist dnssec behaviour; do
		case $label in '' | '#'*) continue ;; esac
		build_scenario "$label" "$tmpl" "$nslist" "$dnssec" "$behaviour"
	done <"$HERE/scenarios"
	build_caatestsuite
	build_parents
	write_knot_conf # again, now with the zone list
}

# --- server configuration ----------------------------------------------------

# NSD instance $1 listening on $2 (and $4, if given), serving "zone file" lines from $3.
write_nsd_conf() {
	local name=$1 addr=$2 list=$3 extra=${4:-} dir="$D/nsd-$1" zone file ip4=yes ip6=no
	case $addr in *:*) ip4=no ip6=yes ;; esac
	mkdir -p "$dir"
	{
		cat <<-EOF
			server:
			    ip-address: $addr@53
			    ${extra:+ip-address: $extra@53}
			    do-ip4: $ip4
			    do-ip6: $ip6
			    username: ""
			    chroot: ""
			    database: ""
			    zonesdir: "$D/zones"
			    zonelistfile: "$dir/zone.list"
			    xfrdfile: "$dir/xfrd.state"
			    xfrdir: "$dir"
			    pidfile: "$dir/nsd.pid"
			    logfile: "$dir/nsd.log"
			    server-count: 1
			    tcp-count: 20
			    round-robin: no
			    minimal-responses: no
			    hide-version: yes
			    hide-identity: no
			    identity: "lab:$D:$name"
			    rrl-ratelimit: 0
			    reuseport: no
			    zonefiles-write: 0
			    verbosity: 1
			remote-control:
			    control-enable: no
		EOF
		while read -r zone file; do
			printf 'zone:\n    name: "%s"\n    zonefile: "%s"\n' "$zone" "$file"
		done <"$list"
	} >"$dir/nsd.conf"
}

write_knot_conf() {
	local zone file dnssec
	{
		cat <<-EOF
			server:
			    rundir: "$D/knot"
			    pidfile: "$D/knot/knot.pid"
			    listen: [ $P.4@53, $P.6@53 ]
			    identity: "lab:$D:knot"
			    version: ""
			    background-workers: 1
			    udp-workers: 1
			    tcp-workers: 1
			database:
			    storage: "$D/knot"
			    kasp-db: "$D/knot/kasp"
			log:
			  - target: "$D/knot/knot.log"
			    any: info
			policy:
			  - id: lab
			    algorithm: ecdsap256sha256
			    single-type-signing: on
			    manual: on
			    nsec3: off
			    rrsig-lifetime: 30d
			    rrsig-refresh: 7d
			template:
			  - id: default
			    storage: "$D/knot"
			    zonefile-sync: -1
			    zonefile-load: whole
			    journal-content: none
			    semantic-checks: off
			zone:
		EOF
		while read -r zone file dnssec; do
			printf '  - domain: "%s"\n    file: "%s"\n' "$zone" "$file"
			if [ "$dnssec" = knot ]; then
				printf '    dnssec-signing: on\n    dnssec-policy: lab\n'
			fi
		done <"$D/knot.list"
	} >"$D/knot/knot.conf"
}

# --- processes ---------------------------------------------------------------

start_servers() {
	local pid
	: >"$D/pids"
	write_nsd_conf root "$P.1" <(echo ". $D/zones/root")
	write_nsd_conf tld "$P.2" <(printf 'test. %s\ncom. %s\n' "$D/zones/test" "$D/zones/com")
	write_nsd_conf kids "$P.3" "$D/kids.list" "$P.5"
	start_nsd root
	start_nsd tld
	start_nsd kids
	if [ -s "$D/v6.list" ]; then
		ip -6 addr show dev lo | grep -q 'inet6 ::1/' || die "::1 is missing on lo (needed for ipv6only.caatestsuite.com)"
		write_nsd_conf v6 "::1" "$D/v6.list"
		start_nsd v6
	fi
	# knotd -d exits 0 before it binds: readiness below is what counts.
	knotd -c "$D/knot/knot.conf" -d || die "knotd failed to start (see $D/knot/knot.log)"
	pid=$(pid_from_file "$D/knot/knot.pid") || die "knotd wrote no pid file"
	record_pid "$pid" knot
	# Background jobs of a non-interactive shell ignore SIGINT, so Ctrl-C in an
	# interactive lab shell does not kill them.
	$PY "$HERE/badserver.py" --addr "$P.10" --config "$D/badserver.conf" --log "$D/badserver.log" \
		--identity "lab:$D:bad" --slow-ms "${LAB_SLOW_MS:-1500}" --ready "$D/bad.ready" \
		</dev/null >>"$D/badserver.err" 2>&1 &
	record_pid $! badserver
	# The hostile zones (issue 11) on their own address: a resolver that backs off from a
	# flooding or trickling server must not back off from nsbad's other scenarios too.
	touch "$D/hostile.conf"
	$PY "$HERE/badserver.py" --addr "$P.13" --config "$D/hostile.conf" --log "$D/hostile.log" \
		--identity "lab:$D:hostile" --ready "$D/hostile.ready" \
		</dev/null >>"$D/hostile.err" 2>&1 &
	record_pid $! hostile
	# tc.test (TCP fallback that works) on an address of its own: libunbound sends a TCP query
	# down a connection it already has open to the same address, and nsbad closes its
	# connections on tcfail's queries, taking any query queued behind them along.
	touch "$D/tc.conf"
	$PY "$HERE/badserver.py" --addr "$P.14" --config "$D/tc.conf" --log "$D/tc.log" \
		--identity "lab:$D:tc" --ready "$D/tc.ready" \
		</dev/null >>"$D/tc.err" 2>&1 &
	record_pid $! tc
	$PY "$HERE/badserver.py" --blackhole --addr "$P.12" --log "$D/blackhole.log" --ready "$D/blackhole.ready" \
		</dev/null >>"$D/blackhole.err" 2>&1 &
	record_pid $! blackhole
}

# Readiness is the identity string, so a clashing lab is never mistaken for ours.
wait_ready() {
	local deadline=$((SECONDS + READY_TIMEOUT_S)) pending entry addr want
	pending="$P.1=lab:$D:root $P.2=lab:$D:tld $P.3=lab:$D:kids $P.4=lab:$D:knot $P.10=lab:$D:bad"
	pending="$pending $P.5=lab:$D:kids $P.6=lab:$D:knot $P.13=lab:$D:hostile $P.14=lab:$D:tc"
	[ -s "$D/v6.list" ] && pending="$pending ::1=lab:$D:v6"
	while [ -n "$pending" ]; do
		local still=""
		for entry in $pending; do
			addr=${entry%%=*} want=${entry#*=}
			[ "$(identity_of "$addr")" = "$want" ] || still="$still $entry"
		done
		pending=${still# }
		[ -z "$pending" ] && break
		if [ $SECONDS -ge $deadline ]; then
			say "servers not ready after ${READY_TIMEOUT_S}s: $pending"
			return 1
		fi
		sleep 0.05
	done
	# The blackhole answers nothing, not even id.server: it signals by file.
	while [ ! -s "$D/blackhole.ready" ]; do
		[ $SECONDS -lt $deadline ] || {
			say "blackhole not ready"
			return 1
		}
		sleep 0.05
	done
}

cmd_status() {
	local pid name rc=0 addr
	[ -f "$D/pids" ] || die "no lab running in $D"
	while read -r pid name; do
		if alive "$pid"; then echo "$name pid $pid running"; else
			echo "$name pid $pid NOT running"
			rc=1
		fi
	done <"$D/pids"
	for addr in "$P.1" "$P.2" "$P.3" "$P.4" "$P.5" "$P.6" "$P.10" "$P.13" "$P.14"; do
		echo "$addr id.server: $(identity_of "$addr")"
	done
	return $rc
}

cmd_start() {
	local t0=$SECONDS
	[ ! -s "$D/pids" ] || die "$D/pids exists: a lab may be running there (lab.sh stop $D)"
	for tool in nsd knotd keymgr ldns-keygen ldns-signzone dig; do
		command -v $tool >/dev/null || die "missing $tool (apt-get install nsd knot knot-dnsutils ldnsutils bind9-dnsutils)"
	done
	$PY -c 'import dnslib' 2>/dev/null || die "missing python3-dnslib for $PY"
	mkdir -p "$D"
	generate
	# Whatever goes wrong from here on, stop what this run started.
	trap 'say "start failed: stopping what was started; logs in $D"; cmd_stop' EXIT
	start_servers
	wait_ready || exit 1
	trap - EXIT
	say "lab up in $D ($((SECONDS - t0)) s): root $P.1, hints $D/root.hints, trust anchor $D/root.ds"
}

main() {
	[ $# -eq 2 ] || die "usage: lab.sh start|stop|status DIR"
	local cmd=$1
	# Check before touching anything, even the directory.
	[ "$cmd" != start ] || check_namespace
	D=$(mkdir -p "$2" && cd "$2" && pwd) || die "bad directory $2"
	case $cmd in
	start) cmd_start ;;
	stop) cmd_stop ;;
	status) cmd_status ;;
	*) die "unknown command $cmd (start|stop|status)" ;;
	esac
}

main "$@"
