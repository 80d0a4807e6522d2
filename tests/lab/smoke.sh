#!/usr/bin/env bash
# Smoke test of the DNS lab: every scenario behaves as dns-lab.md §10 says and
# every caatestsuite name resolves as its README says.
#
#   tests/lab/in-namespace.sh tests/lab/smoke.sh
#
# Two views: dig +norec against each authoritative server (what the server
# does), and unbound-host (libunbound, the library our C code uses) for the
# validated, recursive result. All lookups run in parallel, each in its own
# process (so a fresh resolver context), then the results are checked in order.
# Output: one line per check, `ok NAME` or `FAIL NAME: why`, then `N passed, N failed`.
set -euo pipefail

: "${LAB_DIR:?run me via tests/lab/in-namespace.sh}"
P=${LAB_PREFIX:-127.53.0}
OUT=$(mktemp -d "$LAB_DIR/smoke.XXXXXX")
HAVE_UH=0
command -v unbound-host >/dev/null && HAVE_UH=1
passed=0 failed=0
declare -a CHECKS=()
SEP=$'\x1f' # field separator in CHECKS: regexes contain |

ok() {
	echo "ok $1"
	passed=$((passed + 1))
}
bad() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}

# --- resolver configurations -------------------------------------------------

# Options from dns-lab.md §9: our hints and anchor only, test. not a local zone.
write_ub_conf() {
	local file=$1 extra=$2
	cat >"$file" <<-EOF
		server:
		    root-hints: "$LAB_HINTS"
		    trust-anchor-file: "$LAB_TA"
		    local-zone: "test." transparent
		    do-not-query-localhost: no
		    trust-anchor-signaling: no
		    module-config: "validator iterator"
		    val-log-level: 2
		$extra
	EOF
}
write_ub_conf "$OUT/ub.conf" "    do-ip6: no"
write_ub_conf "$OUT/ub6.conf" "    do-ip6: yes"
# Silent servers: libunbound waits 17.3 s by default; this profile gives up in ~1.4 s.
write_ub_conf "$OUT/ubfast.conf" "    do-ip6: no
    infra-cache-max-rtt: 500
    unknown-server-time-limit: 100"

# --- launching ---------------------------------------------------------------

# dig check: ID REGEX DIG-ARGS...  (REGEX, extended, must match dig's output)
d() {
	local id=$1 re=$2
	shift 2
	CHECKS+=("dig$SEP$id$SEP$re")
	(dig "$@" >"$OUT/$id" 2>&1 || true) &
}

# Negated dig check: the output must NOT match REGEX.
dn() {
	local id=$1 re=$2
	shift 2
	CHECKS+=("notdig$SEP$id$SEP$re")
	(dig "$@" >"$OUT/$id" 2>&1 || true) &
}

# unbound-host check: ID CONF NAME "RCODE SECURITY COUNT" [why_bogus substring]
u() {
	local id=$1 conf=$2 name=$3 want=$4 why=${5:-}
	CHECKS+=("ub$SEP$id$SEP$want$SEP$why")
	[ $HAVE_UH = 1 ] || return 0
	(unbound-host -C "$OUT/$conf.conf" -t CAA -v "$name" >"$OUT/$id" 2>&1 || true) &
}

# --- per-server checks (dig) -------------------------------------------------

NR=(+norec +tries=1 +time=2)
for a in 1 2 3 4 10 13 14; do
	d "id.server@$P.$a" "lab:$LAB_DIR:" "${NR[@]}" +short CH TXT id.server @"$P.$a"
done
d "root SOA aa" "flags: qr aa;.*" "${NR[@]}" @"$P.1" . SOA
d "root refers test." "AUTHORITY: [1-9].*|test\..*IN.*NS.*ns1.nic.test" "${NR[@]}" @"$P.1" signed.test CAA
d "tld DS signed.test" "signed\.test\..*IN.*DS.*13 2" "${NR[@]}" @"$P.2" signed.test DS
d "tld DS stripped.test" "stripped\.test\..*IN.*DS.*13 2" "${NR[@]}" @"$P.2" stripped.test DS
d "tld DS ksigned.test" "ksigned\.test\..*IN.*DS.*13 2" "${NR[@]}" @"$P.2" ksigned.test DS
d "tld lame NS set" "NS.nsa\.test\..*NS.nsbad\.test\..*NS.nsdead\.test\..*NS.nsblackhole\.test\." "${NR[@]}" @"$P.2" lame.test NS
d "nsa signed.test CAA" "ANSWER: 3," "${NR[@]}" @"$P.3" signed.test CAA
d "knot signed.test CAA" "ANSWER: 3," "${NR[@]}" @"$P.4" signed.test CAA
d "knot ksigned online RRSIG" "ksigned\.test\..*RRSIG.*CAA 13" "${NR[@]}" +dnssec @"$P.4" ksigned.test CAA
d "nsa inconsistent A" "ca-a\.example" "${NR[@]}" @"$P.3" inconsistent.test CAA
d "knot inconsistent B" "ca-b\.example" "${NR[@]}" @"$P.4" inconsistent.test CAA
d "nsa large UDP TC" "flags: qr aa tc;" "${NR[@]}" +ignore +bufsize=1232 @"$P.3" large.test CAA
d "nsa large TCP 40" "ANSWER: 40," "${NR[@]}" +tcp @"$P.3" large.test CAA
d "nsa expiredcaa RRSIG CAA 2020" "RRSIG.*CAA 13 2 300 20200201000000" "${NR[@]}" +dnssec @"$P.3" expiredcaa.test CAA
d "nsa lame answers" "status: NOERROR.*|flags: qr aa;" "${NR[@]}" @"$P.3" lame.test CAA
d "nsbad lame REFUSED" "status: REFUSED" "${NR[@]}" @"$P.10" lame.test CAA
d "nsdead port unreachable" "connection refused|communications error" +norec +tries=1 +time=1 @"$P.11" lame.test CAA
d "nsblackhole silent" "timed out|no servers could be reached" +norec +tries=1 +time=1 @"$P.12" lame.test CAA
for b in notimp refused servfail formerr; do
	rc=$(echo $b | tr '[:lower:]' '[:upper:]')
	d "bad $b CAA" "status: $rc" "${NR[@]}" @"$P.10" $b.test CAA
	d "bad $b A still works" "status: NOERROR" "${NR[@]}" @"$P.10" $b.test A
done
d "bad drop CAA silent" "timed out|no servers could be reached" +norec +tries=1 +time=1 @"$P.10" drop.test CAA
d "bad drop A works" "status: NOERROR" "${NR[@]}" @"$P.10" drop.test A
d "bad slow CAA ~1.5 s" "Query time: 1[4-9][0-9][0-9] msec" +norec +tries=1 +time=4 @"$P.10" slow.test CAA
# tc.test on nstc alone (a TCP connection tcfail's server closes must not carry its queries).
d "tld tc NS nstc" "NS.nstc\.test\." "${NR[@]}" @"$P.2" tc.test NS
d "tc UDP TC=1" "flags: qr aa tc;" "${NR[@]}" +ignore @"$P.14" tc.test CAA
d "tc TCP 40" "ANSWER: 40," "${NR[@]}" +tcp @"$P.14" tc.test CAA
d "tc tcfail not there" "status: REFUSED" "${NR[@]}" @"$P.14" tcfail.test CAA
d "bad tc not there" "status: REFUSED" "${NR[@]}" @"$P.10" tc.test CAA
d "bad tcfail TCP closed" "end of file|communications error|connection reset|no servers" +norec +tries=1 +time=1 +tcp @"$P.10" tcfail.test CAA
d "bad nxcaa NXDOMAIN" "status: NXDOMAIN" "${NR[@]}" @"$P.10" nxcaa.test CAA
d "bad badcaa 1-byte RDATA" "malformed message packet" "${NR[@]}" @"$P.10" badcaa.test CAA
d "bad nodata-nosoa" "status: NOERROR.*ANSWER: 0, AUTHORITY: 0," "${NR[@]}" @"$P.10" nodata-nosoa.test CAA
d "bad noaa" "flags: qr;" "${NR[@]}" @"$P.10" noaa.test CAA
d "bad nocase" "^;nocase\.test\..*IN.*CAA" "${NR[@]}" @"$P.10" NoCaSe.TeSt CAA
d "bad ednsformerr +edns" "status: FORMERR" "${NR[@]}" +noednsnegotiation @"$P.10" ednsformerr.test CAA
d "bad ednsformerr noedns" "status: NOERROR" "${NR[@]}" +noedns @"$P.10" ednsformerr.test CAA
d "bad stripped no DNSKEY" "ANSWER: 0," "${NR[@]}" @"$P.10" stripped.test DNSKEY
d "bad unknown zone REFUSED" "status: REFUSED" "${NR[@]}" @"$P.10" signed.test CAA
# Hostile servers (issue 11, hostile.bats): the ones dig shows plainly.
d "bad many TCP 1000" "ANSWER: 1000," "${NR[@]}" +tcp @"$P.13" hostile-many.test CAA
d "bad big64k TCP 241" "ANSWER: 241," "${NR[@]}" +tcp @"$P.13" hostile-big64k.test CAA
d "bad tctcp TC=1 over TCP" "flags: qr aa tc;" "${NR[@]}" +tcp +ignore @"$P.13" hostile-tctcp.test CAA
d "bad wrongid A works" "status: NOERROR" "${NR[@]}" @"$P.13" hostile-wrongid.test A
d "nsa chain30 CNAME" "CNAME.*c1\.chain30\.test" "${NR[@]}" @"$P.3" www.chain30.test CAA
d "nsa nsec3iter 500 iterations" "NSEC3.*1 0 500 " "${NR[@]}" +dnssec @"$P.3" www.nsec3iter.test CAA
if [ -s "$LAB_DIR/v6.list" ]; then
	d "v6 ipv6only on ::1" "caatestsuite\.com" "${NR[@]}" +short @::1 ipv6only.caatestsuite.com CAA
	dn "ipv6only not on IPv4" "status: NOERROR.*flags: qr aa" "${NR[@]}" @"$P.3" ipv6only.caatestsuite.com CAA
fi

# --- resolver view (unbound-host) ----------------------------------------------

# Scenarios (dns-lab.md §10).
u signed ub signed.test "NOERROR secure 3"
u www.signed ub www.signed.test "NOERROR secure 0"
u a.b.c.signed ub a.b.c.signed.test "NOERROR secure 0"
u b.c.signed ub b.c.signed.test "NOERROR secure 0"
u critical.signed ub critical.signed.test "NOERROR secure 1"
u other.signed ub other.signed.test "NOERROR secure 1"
u empty.signed ub empty.signed.test "NOERROR secure 1"
u wildonly.signed ub wildonly.signed.test "NOERROR secure 1"
u bound.signed ub bound.signed.test "NOERROR secure 1"
u flag1.signed ub flag1.signed.test "NOERROR secure 1"
u nsec3 ub nsec3.test "NOERROR secure 3"
u www.nsec3 ub www.nsec3.test "NOERROR secure 0"
u ksigned ub ksigned.test "NOERROR secure 1"
u large ub large.test "NOERROR secure 40"
u unsigned ub unsigned.test "NOERROR insecure 1"
u expired ub expired.test "NOERROR bogus 3" "signature expired"
u expiredcaa ub expiredcaa.test "NOERROR bogus 3" "signature expired"
u future ub future.test "NOERROR bogus 3" "signature before inception"
u bogussig ub bogussig.test "NOERROR bogus 3" "signature verification failed"
u badnsec ub badnsec.test "NOERROR bogus 0" "NSEC IN"
u nx.badnsec ub nx.badnsec.test "NXDOMAIN bogus 0"
u badnsec3 ub badnsec3.test "NOERROR bogus 0" "NSEC3 IN"
u dsmismatch ub dsmismatch.test "NOERROR bogus 3" "no keys have a DS"
u stripped ub stripped.test "NOERROR bogus 1" "No DNSKEY record"
u www.cname ub www.cname.test "NOERROR secure 1"
u chain.cname ub chain.cname.test "NOERROR secure 1"
u dangling.cname ub dangling.cname.test "NXDOMAIN secure 0"
u loop1.cname ub loop1.cname.test "SERVFAIL - 0"
u tobad.cname ub tobad.cname.test "NOERROR bogus 0"
u tounsigned.cname ub tounsigned.cname.test "NOERROR insecure 1"
u www.sub.dname ub www.sub.dname.test "NOERROR secure 1"
u x.sub.dname ub x.sub.dname.test "NXDOMAIN secure 0"
u allowed.tour ub allowed.tour.test "NOERROR secure 1"
u denied.tour ub denied.tour.test "NOERROR secure 1"
u notimp ub notimp.test "SERVFAIL - 0"
u refused ub refused.test "SERVFAIL - 0"
u servfail ub servfail.test "SERVFAIL - 0"
u formerr ub formerr.test "SERVFAIL - 0"
u nxcaa ub nxcaa.test "NXDOMAIN insecure 0"
u badcaa ub badcaa.test "NOERROR insecure 1"
u tc ub tc.test "NOERROR insecure 40"
u tcfail ub tcfail.test "SERVFAIL - 0"
u inconsistent ub inconsistent.test "NOERROR insecure 1"
u nodata-nosoa ub nodata-nosoa.test "NOERROR insecure 0"
u noaa ub noaa.test "NOERROR insecure 1"
u nocase ub nocase.test "NOERROR insecure 1"
u ednsformerr ub ednsformerr.test "NOERROR insecure 1"
u example.gonetld ub example.gonetld "NXDOMAIN secure 0"
u slow-default ub slow.test "NOERROR insecure 1"
# Silent servers, short-timeout profile (dns-lab.md §11).
u drop ubfast drop.test "SERVFAIL - 0"
u blackhole ubfast blackhole.test "SERVFAIL - 0"
u dead ubfast dead.test "SERVFAIL - 0"
u slow-fast ubfast slow.test "SERVFAIL - 0"
u lame ubfast lame.test "NOERROR insecure 1"

# caatestsuite (conformance/caatestsuite/README.md): resolution as the suite means it.
if grep -q caatestsuite "$LAB_DIR/kids.list"; then
	C=caatestsuite.com
	u cts-apex ub $C "NOERROR insecure 0"
	u cts-empty ub empty.basic.$C "NOERROR insecure 1"
	u cts-deny ub deny.basic.$C "NOERROR insecure 1"
	u cts-uppercase ub uppercase-deny.basic.$C "NOERROR insecure 1"
	u cts-mixedcase ub mixedcase-deny.basic.$C "NOERROR insecure 1"
	u cts-big ub big.basic.$C "NOERROR insecure 1001"
	u cts-critical1 ub critical1.basic.$C "NOERROR insecure 1"
	u cts-critical2 ub critical2.basic.$C "NOERROR insecure 1"
	u cts-sub1.deny ub sub1.deny.basic.$C "NXDOMAIN insecure 0"
	u cts-sub2.sub1.deny ub sub2.sub1.deny.basic.$C "NXDOMAIN insecure 0"
	u cts-deny-wild ub deny-wild.basic.$C "NOERROR insecure 1"
	u cts-cname-deny ub cname-deny.basic.$C "NOERROR insecure 1"
	u cts-cname-cname-deny ub cname-cname-deny.basic.$C "NOERROR insecure 1"
	u cts-sub1.cname-deny ub sub1.cname-deny.basic.$C "NXDOMAIN insecure 0"
	u cts-dname-permit ub dname-permit.deny.basic.$C "NOERROR insecure 0"
	u cts-cname-permit-sub ub cname-permit-sub.deny.basic.$C "NXDOMAIN insecure 0"
	u cts-deny.permit ub deny.permit.basic.$C "NOERROR insecure 1"
	u cts-permit ub permit.basic.$C "NOERROR insecure 1"
	if [ -s "$LAB_DIR/v6.list" ]; then u cts-ipv6only ub6 ipv6only.$C "NOERROR insecure 1"; fi
	u cts-ipv6only-v4 ubfast ipv6only.$C "SERVFAIL - 0"
	u cts-xss ub xss.$C "NOERROR insecure 1"
	u cts-www.auto-www-san ub www.auto-www-san.$C "NOERROR insecure 1"
	u cts-auto-www-san ub auto-www-san.$C "NOERROR insecure 0"
	u cts-auto-base-san ub auto-base-san.$C "NOERROR insecure 1"
	u cts-www.auto-base-san ub www.auto-base-san.$C "NOERROR insecure 1"
	C=caatestsuite-dnssec.com
	u cts-dnssec-apex ub $C "NOERROR secure 0"
	u cts-expired ub expired.$C "NOERROR bogus 0" "signature expired"
	u cts-missing ub missing.$C "NOERROR bogus 0" "No DNSKEY record"
	u cts-blackhole ubfast blackhole.$C "SERVFAIL - 0"
	u cts-servfail ub servfail.$C "SERVFAIL - 0"
	u cts-refused ub refused.$C "SERVFAIL - 0"
else
	bad caatestsuite "not served (no files found; set CAA_SHARED)"
fi

wait

# --- evaluation ----------------------------------------------------------------

# "RCODE SECURITY COUNT" from unbound-host -v output.
ub_summary() {
	local f=$1 rcode=NOERROR sec=- n
	if grep -q 'not found: [0-9]*(' "$f"; then
		rcode=$(sed -n 's/.*not found: [0-9]*(\([A-Z]*\)).*/\1/p' "$f" | head -n1)
	fi
	if grep -q 'BOGUS' "$f"; then
		sec=bogus
	elif grep -q '(secure)' "$f"; then
		sec=secure
	elif grep -q '(insecure)' "$f"; then sec=insecure; fi
	n=$(grep -c ' has CAA record ' "$f" || true)
	echo "$rcode $sec $n"
}

for c in "${CHECKS[@]}"; do
	IFS=$SEP read -r kind id a b <<<"$c"
	case $kind in
	dig)
		if tr '\n' ' ' <"$OUT/$id" | grep -Eq -- "$a" || grep -Eq -- "$a" "$OUT/$id"; then ok "dig $id"; else
			bad "dig $id" "no match for /$a/: $(grep -E 'status:|flags:|error|timed out|refused' "$OUT/$id" | head -n2 | tr '\n' ' ')"
		fi
		;;
	notdig)
		if tr '\n' ' ' <"$OUT/$id" | grep -Eq -- "$a"; then bad "dig $id" "unexpected match for /$a/"; else ok "dig $id"; fi
		;;
	ub)
		if [ $HAVE_UH = 0 ]; then
			echo "ok ub $id # skipped: unbound-host not installed"
			continue
		fi
		got=$(ub_summary "$OUT/$id")
		if [ "$got" != "$a" ]; then
			bad "ub $id" "want '$a', got '$got' $(grep -m1 -E 'validation failure|not found' "$OUT/$id" || true)"
		elif [ -n "$b" ] && ! grep -qF -- "$b" "$OUT/$id"; then
			bad "ub $id" "why_bogus lacks '$b': $(grep -m1 'validation failure' "$OUT/$id" || true)"
		else
			ok "ub $id"
		fi
		;;
	esac
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
