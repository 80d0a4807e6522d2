#!/usr/bin/env bats
# caa bulk against the hermetic DNS lab: the same verdicts as caa check, one result per input
# line, in order, resumable, shardable. Runs only inside the lab (tests/lab/run-tests.sh).
# Every call passes --root-hints and --trust-anchor: without them libunbound asks the real root.

bats_require_minimum_version 1.5.0
load lab_helpers

# Names covering every kind of outcome the lab has.
NAMES=(allowed.tour.test denied.tour.test signed.test a.b.c.signed.test www.signed.test
	'*.signed.test' nsec3.test expired.test expiredcaa.test future.test bogussig.test
	badnsec.test badnsec3.test dsmismatch.test large.test www.cname.test dangling.cname.test
	loop1.cname.test www.sub.dname.test unsigned.test stripped.test notimp.test refused.test
	servfail.test formerr.test tc.test tcfail.test nxcaa.test badcaa.test nodata-nosoa.test
	noaa.test nocase.test ednsformerr.test example.gonetld drop.test)

setup_file() {
	: "${CAA:?set CAA to the caa binary}"
	: "${LAB_HINTS:?run inside the lab (tests/lab/in-namespace.sh)}"
	export WORK
	WORK=$(mktemp -d)
	printf '%s\n' "${NAMES[@]}" >"$WORK/names.txt"
}

teardown_file() {
	rm -rf "$WORK"
}

bulk() {
	lab_caa bulk --quiet --timeout 3 "$@"
}

# "index<TAB>name<TAB>verdict<TAB>code" per result line of $output.
results() {
	/usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    if d["type"] == "result":
        print("%s\t%s\t%s\t%s" % (d["index"], d["input"], d["verdict"], d["code"]))
' <<<"$output"
}

@test "every name: the same verdict and code as caa check" {
	bulk --format ndjson "$WORK/names.txt"
	[ "$status" -eq 2 ]
	results >"$WORK/bulk.tsv"
	[ "$(wc -l <"$WORK/bulk.tsv")" -eq "${#NAMES[@]}" ]
	# (not "i": bats' run uses that name)
	local line=0 bad=0 name verdict code
	for name in "${NAMES[@]}"; do
		line=$((line + 1))
		run --separate-stderr "$CAA" check --json --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" \
			--timeout 3 "$name"
		verdict=$(/usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["verdict"], d["code"])' <<<"$output")
		code=$(awk -F'\t' -v i="$line" '$1 == i {print $3, $4}' "$WORK/bulk.tsv")
		if [ "$verdict" != "$code" ]; then
			echo "$name (line $line): check says '$verdict', bulk says '$code'"
			bad=$((bad + 1))
		fi
	done
	[ "$bad" -eq 0 ]
}

@test "results come in input order, one per line, comments and blanks skipped" {
	printf '# header\n\nallowed.tour.test\r\nnotimp.test\n  # indented comment\ndenied.tour.test\n' >"$WORK/in.txt"
	bulk --format ndjson "$WORK/in.txt"
	[ "$status" -eq 2 ]
	[ "$(results | cut -f1 | tr '\n' ' ')" = "3 4 6 " ]
	[ "$(results | cut -f4 | tr '\n' ' ')" = "CAA_AUTHORIZED DNS_SERVFAIL CAA_ISSUER_NOT_LISTED " ]
}

@test "a malformed line is one result with its line number; the rest goes on" {
	printf 'allowed.tour.test\nexa mple..test\ndenied.tour.test\n' >"$WORK/in.txt"
	bulk --format ndjson "$WORK/in.txt"
	[ "$status" -eq 2 ]
	[ "$(results | wc -l)" -eq 3 ]
	[ "$(results | awk -F'\t' '$1 == 2 {print $4}')" = "CAA_INPUT_INVALID" ]
	[ "$(results | awk -F'\t' '$1 == 3 {print $4}')" = "CAA_ISSUER_NOT_LISTED" ]
}

@test "the summary names the nameserver behind the failures" {
	printf 'notimp.test\nrefused.test\nservfail.test\nallowed.tour.test\n' >"$WORK/in.txt"
	bulk --format ndjson "$WORK/in.txt"
	/usr/bin/python3 -c '
import json, sys
s = [json.loads(l) for l in sys.stdin][-1]
assert s["type"] == "summary", s
assert s["verdicts"] == {"allowed": 1, "denied": 0, "error": 3}, s["verdicts"]
# One server, three causes (issue 11): each on its own line, every failure attributed.
bad = [c for c in s["culprits"] if c["nameserver"] == "nsbad.test"]
assert sum(c["names"] for c in bad) == 3, s["culprits"]
assert sorted(c["code"] for c in bad) == ["NS_NOTIMP_CAA", "NS_REFUSED", "NS_SERVFAIL"], bad
assert s["failed"] == 3 and s["unattributed"] == 0, s
' <<<"$output"
}

# The CA/B BR 3.2.2.8 exception runs the one climb caa check runs (check/climb.c): the same
# retry and Insecure proof, so the same verdicts, the exception included.
@test "--lookup-failure br-exception: the same verdicts and codes as caa check under it" {
	local br=(notimp.test drop.test servfail.test servfail.caatestsuite-dnssec.com expired.test
		allowed.tour.test denied.tour.test www.signed.test)
	printf '%s\n' "${br[@]}" >"$WORK/br.txt"
	bulk --format ndjson --lookup-failure br-exception "$WORK/br.txt"
	results >"$WORK/br.tsv"
	[ "$(wc -l <"$WORK/br.tsv")" -eq "${#br[@]}" ]
	# the exception applies to a failure in an insecure zone
	[ "$(awk -F'\t' '$2 == "notimp.test" {print $3, $4}' "$WORK/br.tsv")" = "allowed CAA_BR_EXCEPTION" ]
	[ "$(awk -F'\t' '$2 == "expired.test" {print $3}' "$WORK/br.tsv")" = "error" ]
	local line=0 bad=0 name want got
	for name in "${br[@]}"; do
		line=$((line + 1))
		run --separate-stderr "$CAA" check --json --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" \
			--timeout 3 --lookup-failure br-exception "$name"
		want=$(/usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["verdict"], d["code"])' <<<"$output")
		got=$(awk -F'\t' -v i="$line" '$1 == i {print $3, $4}' "$WORK/br.tsv")
		if [ "$want" != "$got" ]; then
			echo "$name (line $line): check says '$want', bulk says '$got'"
			bad=$((bad + 1))
		fi
	done
	[ "$bad" -eq 0 ]
	# without it, bulk fails closed as before
	bulk --format ndjson "$WORK/br.txt"
	[ "$(results | awk -F'\t' '$2 == "notimp.test" {print $3, $4}')" = "error DNS_SERVFAIL" ]
}

@test "--shard I/N: disjoint parts whose union is the whole list" {
	local part all=""
	for part in 0 1 2; do
		bulk --format ndjson --shard "$part/3" "$WORK/names.txt"
		all+=$(results | cut -f1)$'\n'
	done
	[ "$(grep -c . <<<"$all")" -eq "${#NAMES[@]}" ]
	[ "$(grep . <<<"$all" | sort -n | uniq | wc -l)" -eq "${#NAMES[@]}" ]
}

@test "--resume continues a run that was cut short" {
	bulk --format ndjson "$WORK/names.txt"
	head -n 10 <<<"$output" >"$WORK/partial.ndjson"
	head -c 40 <<<"$(sed -n 11p <<<"$output")" >>"$WORK/partial.ndjson" # a line cut mid-way
	bulk --format ndjson --resume "$WORK/partial.ndjson" "$WORK/names.txt"
	[ "$(results | wc -l)" -eq $((${#NAMES[@]} - 10)) ]
	[ "$(results | head -n 1 | cut -f1)" = "11" ]
}

@test "exit codes: 0 all allowed, 1 some denied" {
	printf 'allowed.tour.test\n' | {
		bulk --format ndjson -
		[ "$status" -eq 0 ]
	}
	printf 'allowed.tour.test\ndenied.tour.test\n' >"$WORK/in.txt"
	bulk --format ndjson "$WORK/in.txt"
	[ "$status" -eq 1 ]
}

@test "the cache and coalescing: siblings share their parents' lookups" {
	for i in $(seq 1 50); do echo "h$i.signed.test"; done >"$WORK/siblings.txt"
	bulk --format ndjson "$WORK/siblings.txt"
	[ "$status" -eq 1 ]
	/usr/bin/python3 -c '
import json, sys
s = [json.loads(l) for l in sys.stdin][-1]
# 50 names and one shared parent: 50 + 1 lookups, not 100
assert s["queries"] <= 55, s
assert s["cache_hits"] + s["coalesced"] >= 45, s
' <<<"$output"
}

@test "the summary says what the culprit server really answers, not the resolver's SERVFAIL" {
	printf 'notimp.test\n' >"$WORK/in.txt"
	bulk --format ndjson "$WORK/in.txt"
	/usr/bin/python3 -c '
import json, sys
s = [json.loads(l) for l in sys.stdin][-1]
assert s["culprits"] == [{"nameserver": "nsbad.test", "code": "NS_NOTIMP_CAA", "names": 1}], s["culprits"]
' <<<"$output"
	bulk --format text "$WORK/in.txt"
	[[ "$output" == *"1 name fails because nsbad.test answers NOTIMP"* ]]
}

# Each row of a failed lookup says who is behind it (issue 11), found once per zone while the row
# waits: the zone's nameservers, each with what it answers when asked directly.
@test "every failed row carries its culprit server and code, with either engine" {
	printf 'a.notimp.test\nx.refused.test\nallowed.tour.test\nb.notimp.test\n' >"$WORK/in.txt"
	local engine
	for engine in unbound wire; do
		bulk --format ndjson --engine "$engine" "$WORK/in.txt"
		[ "$status" -eq 2 ]
		"$CAA_SOURCE_ROOT/tests/support/validate_json.py" "$CAA_SOURCE_ROOT/docs/caa-1.schema.json" \
			"bulk culprit $engine" <<<"$output"
		/usr/bin/python3 -c '
import json, sys
lines = [json.loads(l) for l in sys.stdin]
rows = {d["input"]: d for d in lines if d["type"] == "result"}
def servers(name):
    c = rows[name]["culprit"]
    assert c is not None, rows[name]
    return c["zone"], [(s["nameserver"], s["code"], s["address"] is not None) for s in c["servers"]]
assert servers("a.notimp.test") == ("notimp.test", [("nsbad.test", "NS_NOTIMP_CAA", True)]), rows
assert servers("b.notimp.test") == ("notimp.test", [("nsbad.test", "NS_NOTIMP_CAA", True)]), rows
assert servers("x.refused.test") == ("refused.test", [("nsbad.test", "NS_REFUSED", True)]), rows
assert rows["allowed.tour.test"]["culprit"] is None, rows
s = lines[-1]
# the summary sums the rows
assert sorted((c["nameserver"], c["code"], c["names"]) for c in s["culprits"]) == [
    ("nsbad.test", "NS_NOTIMP_CAA", 2), ("nsbad.test", "NS_REFUSED", 1)], s
assert s["failed"] == 3 and s["unattributed"] == 0, s
' <<<"$output"
		bulk --format csv --engine "$engine" "$WORK/in.txt"
		[ "${lines[0]}" = "index,name,verdict,code,owner,message,ca,failing_label,culprit" ]
		[[ "${lines[1]}" == "1,a.notimp.test,error,"*",a.notimp.test,nsbad.test=NS_NOTIMP_CAA" ]]
		[[ "${lines[2]}" == "2,x.refused.test,error,"*",x.refused.test,nsbad.test=NS_REFUSED" ]]
		[[ "${lines[3]}" == "3,allowed.tour.test,allowed,"*",letsencrypt.org,," ]]
	done
}

@test "many names failing under one zone cost one NS lookup and one probe round" {
	for i in $(seq 1 40); do echo "n$i.notimp.test"; done >"$WORK/many.txt"
	bulk --format ndjson "$WORK/many.txt"
	[ "$status" -eq 2 ]
	/usr/bin/python3 -c '
import json, sys
lines = [json.loads(l) for l in sys.stdin]
rows = [d for d in lines if d["type"] == "result"]
assert len(rows) == 40, len(rows)
for d in rows:
    assert d["culprit"]["servers"][0]["nameserver"] == "nsbad.test", d
    assert d["culprit"]["servers"][0]["code"] == "NS_NOTIMP_CAA", d
s = lines[-1]
assert s["culprit_zone_lookups"] == 1 and s["culprit_probe_rounds"] == 1, s
' <<<"$output"
}

# Stub mode: forward to a validating resolver (a local unbound daemon on the lab), as Let's
# Encrypt runs its checker against its own resolvers.
start_unbound() {
	command -v unbound >/dev/null || skip "unbound is not installed"
	mkdir -p "$WORK/unbound"
	cat >"$WORK/unbound/unbound.conf" <<CONF
server:
    interface: 127.0.0.1
    port: 5353
    do-ip6: no
    username: ""
    chroot: ""
    directory: "$WORK/unbound"
    pidfile: "$WORK/unbound/unbound.pid"
    use-syslog: no
    logfile: "$WORK/unbound/log"
    root-hints: "$LAB_HINTS"
    trust-anchor-file: "$LAB_TA"
    trust-anchor-signaling: no
    root-key-sentinel: no
    do-not-query-localhost: no
    local-zone: "test." transparent
    qname-minimisation: no
    access-control: 127.0.0.0/8 allow
remote-control:
    control-enable: no
CONF
	unbound -d -c "$WORK/unbound/unbound.conf" &
	UNBOUND_PID=$!
	for _ in $(seq 1 50); do
		dig +short +time=1 +tries=1 -p 5353 @127.0.0.1 SOA test. >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

@test "--resolver: stub mode through a validating resolver, with and without --trust-ad" {
	start_unbound
	printf 'allowed.tour.test\ndenied.tour.test\nnotimp.test\nexpired.test\n' >"$WORK/in.txt"
	run --separate-stderr "$CAA" bulk --quiet --format ndjson --resolver 127.0.0.1@5353 \
		--trust-anchor "$LAB_TA" --timeout 3 "$WORK/in.txt"
	own=$(results | cut -f3,4 | tr '\t\n' ' ')
	run --separate-stderr "$CAA" bulk --quiet --format ndjson --resolver 127.0.0.1@5353 \
		--trust-ad --timeout 3 "$WORK/in.txt"
	ad=$(results | cut -f3,4 | tr '\t\n' ' ')
	kill "$UNBOUND_PID"
	wait "$UNBOUND_PID" || true
	[ "$own" = "allowed CAA_AUTHORIZED denied CAA_ISSUER_NOT_LISTED error DNS_SERVFAIL error DNS_BOGUS " ]
	# The daemon answers SERVFAIL for bogus data: trusting it, the failure is a SERVFAIL.
	[ "$ad" = "allowed CAA_AUTHORIZED denied CAA_ISSUER_NOT_LISTED error DNS_SERVFAIL error DNS_SERVFAIL " ]
}

# Stub mode: the zone's NS set comes through the resolver, but its servers are not asked
# directly (the user reaches DNS through the resolver only): each carries the row's own code.
@test "--resolver: a failed row names the zone's servers with the resolver's code, unprobed" {
	start_unbound
	printf 'a.notimp.test\nallowed.tour.test\n' >"$WORK/in.txt"
	run --separate-stderr "$CAA" bulk --quiet --format ndjson --resolver 127.0.0.1@5353 \
		--trust-anchor "$LAB_TA" --timeout 3 "$WORK/in.txt"
	kill "$UNBOUND_PID"
	wait "$UNBOUND_PID" || true
	/usr/bin/python3 -c '
import json, sys
lines = [json.loads(l) for l in sys.stdin]
rows = {d["input"]: d for d in lines if d["type"] == "result"}
c = rows["a.notimp.test"]["culprit"]
assert c == {"zone": "notimp.test", "servers": [
    {"nameserver": "nsbad.test", "address": None, "code": "DNS_SERVFAIL"}]}, c
assert rows["allowed.tour.test"]["culprit"] is None, rows
assert lines[-1]["culprit_probe_rounds"] == 0, lines[-1]
' <<<"$output"
}

# A tiny cache evicts all the time: an entry must survive being made ready (it once evicted
# itself: a crash), and libunbound may answer inside ub_resolve_event from its own cache (the
# engine must already be waiting then).
@test "a cache of one entry: every answer still arrives (--cache 1)" {
	for i in $(seq 1 30); do echo "h$i.signed.test"; done >"$WORK/siblings.txt"
	bulk --format ndjson --cache 1 "$WORK/siblings.txt"
	[ "$status" -eq 1 ]
	[ "$(results | cut -f4 | sort -u)" = "CAA_ISSUER_NOT_LISTED" ]
}

# --cache N is the whole run's: one name at a time (one worker), a cache of one entry keeps only
# the last answer, so each of 30 siblings asks for itself and again for the evicted parent. (A
# floor of 256 entries per worker once made --cache 1 a large cache: 31 queries.)
@test "--cache 1 --window 1: the parent's answer is evicted between siblings" {
	for i in $(seq 1 30); do echo "h$i.signed.test"; done >"$WORK/siblings.txt"
	bulk --format ndjson --cache 1 --window 1 "$WORK/siblings.txt"
	[ "$status" -eq 1 ]
	/usr/bin/python3 -c '
import json, sys
s = [json.loads(l) for l in sys.stdin][-1]
assert s["queries"] - s["retries"] == 60, s
' <<<"$output"
}

# Worker threads: each worker has its own resolver and cache; the run's thread merges their
# results back into input order. Any number of workers gives the same results. (A longer
# deadline than the other tests: the lab's TCP-only name must not time out on a loaded
# machine.) Every name is compared whose answer does not depend on what else its worker's
# resolver asked, the scripted servers' zones included. Only drop.test is left out: it only ever
# times out, which is slow, and a resolver keeps what it learnt of a server's timeouts for its
# next queries there, so nsbad's other zones could then answer differently by whether drop.test
# fell to their worker (slow.test, the same case, is not in NAMES). tc.test has an address of
# its own (nstc in scenarios): libunbound sends a TCP query down a connection it has open to the
# same address, and nsbad closes connections on tcfail.test's queries, so a tc.test query queued
# behind one was lost (SERVFAIL in 8 of 240 runs of this test, with 2 or 4 workers only).
@test "threads: bulk with 1, 2 and 4 workers, ordered and unordered, gives the same results" {
	{ printf '%s\n' "${NAMES[@]}" | grep -vx drop.test; for i in $(seq 1 40); do echo "h$i.signed.test"; done; } >"$WORK/mixed.txt"
	grep -qx tc.test "$WORK/mixed.txt"
	grep -qx tcfail.test "$WORK/mixed.txt"
	bulk --format ndjson --timeout 8 --threads 1 "$WORK/mixed.txt"
	results >"$WORK/t1.tsv"
	[ "$(wc -l <"$WORK/t1.tsv")" -eq "$(wc -l <"$WORK/mixed.txt")" ]
	for args in "--threads 2" "--threads 4" "--threads 4 --unordered"; do
		bulk --format ndjson --timeout 8 $args "$WORK/mixed.txt"
		results >"$WORK/tn.tsv"
		case $args in
		*--unordered*) sort -n "$WORK/tn.tsv" >"$WORK/tn.sorted" && mv "$WORK/tn.sorted" "$WORK/tn.tsv" ;;
		esac
		if ! diff "$WORK/t1.tsv" "$WORK/tn.tsv"; then
			echo "results differ with $args"
			return 1
		fi
	done
}

# The run gives all children of a parent to one worker: with four workers, fifty siblings still
# ask their parent once (were names spread by their own hash, up to four workers would ask it).
@test "threads: with 4 bulk workers, siblings meet in one worker's cache" {
	for i in $(seq 1 50); do echo "h$i.signed.test"; done >"$WORK/siblings.txt"
	bulk --format ndjson --threads 4 "$WORK/siblings.txt"
	[ "$status" -eq 1 ]
	/usr/bin/python3 -c '
import json, sys
s = [json.loads(l) for l in sys.stdin][-1]
assert s["queries"] - s["retries"] == 51, s
' <<<"$output"
}
