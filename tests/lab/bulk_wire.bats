#!/usr/bin/env bats
# caa bulk's engines against caa check over every scenario of the lab: the same verdict, code,
# relevant owner and DNSSEC state, name by name (bulk_agree.py); and the wire engine's transport
# against forged answers (the `spoof` scenario). Runs only inside the lab (run-tests.sh).

bats_require_minimum_version 1.5.0
load lab_helpers

# Names the lab's tests ask about beyond "<scenario>.test" and "www.<scenario>.test".
EXTRA=(allowed.tour.test denied.tour.test nallowed.tour.test ndenied.tour.test
	'*.allowed.tour.test' '*.denied.tour.test' a.b.c.signed.test b.c.signed.test c.signed.test
	'*.signed.test' '*.www.signed.test' '*.wildonly.signed.test' wildonly.signed.test
	bound.signed.test cher.signed.test critical.signed.test empty.signed.test flag1.signed.test
	i.signed.test other.signed.test xn--bcher-kva.signed.test chain.cname.test chain2.cname.test
	dangling.cname.test loop1.cname.test tobad.cname.test tounsigned.cname.test
	www.cname-target.test www.sub.dname.test x.sub.dname.test sub.dname.test www.nxcaa.test
	nexpired.test nnotimp.test nrefused.test nservfail.test example.gonetld nsbad.test
	kid.notimpparent.test www.kid.notimpparent.test)

setup_file() {
	: "${CAA:?set CAA to the caa binary}"
	: "${LAB_HINTS:?run inside the lab (tests/lab/in-namespace.sh)}"
	export WORK
	WORK=$(mktemp -d)
	local zone
	{
		while read -r zone _; do
			case $zone in '#'* | '') continue ;; esac
			# spoofcase: libunbound, so caa check, believes the forgery (see its test below).
			[ "$zone" = spoofcase ] && continue
			# Not the hostile zones (issue 11): one libunbound context serves a whole bulk run
			# (both engines hand such lookups to it) and remembers each server's timeouts, so
			# the hostile server's floods and trickles make it give up sooner on that server's
			# other zones: DNS_TIMEOUT where a fresh caa check says DNS_SERVFAIL, both lookup
			# failures. hostile.bats checks bulk's verdict on each hostile zone alone.
			case $zone in hostile-*) continue ;; esac
			# Nor lame.test: one silent, one dead, one refusing and one good server, so whether
			# caa check's 3 s lookup ends in time depends on which servers libunbound tries
			# first. It has a test of its own below, with 10 s for both.
			[ "$zone" = lame ] && continue
			echo "$zone.test"
			echo "www.$zone.test"
		done <"$BATS_TEST_DIRNAME/scenarios"
		printf '%s\n' "${EXTRA[@]}"
		caatestsuite_names
	} | sort -u >"$WORK/names.txt"
	# caa check, one process per name, four at a time: the reference.
	mkdir "$WORK/check"
	# shellcheck disable=SC2016 # expanded by the inner shell
	xargs -P 4 -I{} -d '\n' sh -c '"$CAA" check --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" \
		--timeout 3 --format ndjson -- "$1" >"$WORK/check/$1" 2>/dev/null; true' _ {} \
		<"$WORK/names.txt"
}

teardown_file() {
	rm -rf "$WORK"
}

# SSLMate's caatestsuite names, when the lab serves them (lab.sh: build_caatestsuite).
caatestsuite_names() {
	local readme=${CAA_SHARED:-$CAA_SOURCE_ROOT/../shared}/conformance/caatestsuite/README.md
	[ -r "$readme" ] || return 0
	/usr/bin/python3 - "$readme" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 3 and re.fullmatch(r"(\*\.)?[a-z0-9.-]+\.[a-z]+", cells[0]):
        print(cells[0])
PY
}

agree() {
	local engine=$1
	lab_caa bulk --quiet --timeout 3 --format ndjson --engine "$engine" "$WORK/names.txt"
	[ "$status" -le 2 ]
	printf '%s\n' "$output" >"$WORK/bulk.$engine.ndjson"
	run /usr/bin/python3 "$BATS_TEST_DIRNAME/bulk_agree.py" "$WORK/check" "$WORK/bulk.$engine.ndjson"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(wc -l <"$WORK/names.txt")" -ge 150 ]
}

@test "wire engine: every scenario name gets caa check's verdict, code, owner and DNSSEC state" {
	agree wire
}

@test "unbound engine: every scenario name gets caa check's verdict, code, owner and DNSSEC state" {
	agree unbound
}

# lame.test: NS nsa (good), nsbad (REFUSED), nsdead (port unreachable) and nsblackhole
# (silent). With 10 s, caa check always gets there (check.bats); the wire engine must give the
# same verdict, code, owner and DNSSEC state, and from its own transport: a server that is late
# makes it ask the next one of the zone (a REFUSED one is left out), not give up on the zone.
# Over the wire for at least one of the two names: on cores starved by a parallel run under ASan
# the transport's budget (at most 1.5 s a lookup) once ran out for one name, which then went to
# libunbound by design (a full run: answers 1, fallbacks 1), still with check's answer.
@test "wire engine: lame.test (one good server of four) gets caa check's answer, over the wire" {
	mkdir -p "$WORK/lame"
	printf '%s\n' lame.test www.lame.test >"$WORK/lame.txt"
	for name in lame.test www.lame.test; do
		lab_caa check --timeout 10 --format ndjson -- "$name"
		printf '%s\n' "$output" >"$WORK/lame/$name"
	done
	lab_caa bulk --quiet --timeout 10 --format ndjson --engine wire --threads 1 "$WORK/lame.txt"
	[ "$status" -le 2 ]
	printf '%s\n' "$output" >"$WORK/bulk.lame.ndjson"
	run /usr/bin/python3 "$BATS_TEST_DIRNAME/bulk_agree.py" "$WORK/lame" "$WORK/bulk.lame.ndjson"
	echo "$output"
	[ "$status" -eq 0 ]
	/usr/bin/python3 - "$WORK/bulk.lame.ndjson" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
summary = [d for d in lines if d["type"] == "summary"][0]
assert summary["wire"]["answers"] >= 1 and summary["wire"]["fallbacks"] <= 1, summary
PY
}

# ipv6only.caatestsuite.com: its one name server has only an IPv6 address (::1). The wire engine
# learns AAAA glue beside A and asks it over its own IPv6 transport: caa check's answer, with
# nothing handed to libunbound (before IPv6 the zone went to libunbound whole).
@test "wire engine: a zone served only over IPv6 is answered over the wire, as caa check says" {
	local name=ipv6only.caatestsuite.com
	lab_caa check --timeout 3 --format ndjson -- "$name"
	mkdir -p "$WORK/v6"
	printf '%s\n' "$output" >"$WORK/v6/$name"
	[[ "$output" == *'"code":"CAA_'* ]]
	printf '%s\n' "$name" >"$WORK/v6.txt"
	lab_caa bulk --quiet --timeout 3 --format ndjson --engine wire --threads 1 "$WORK/v6.txt"
	printf '%s\n' "$output" >"$WORK/bulk.v6.ndjson"
	run /usr/bin/python3 "$BATS_TEST_DIRNAME/bulk_agree.py" "$WORK/v6" "$WORK/bulk.v6.ndjson"
	echo "$output"
	[ "$status" -eq 0 ]
	/usr/bin/python3 - "$WORK/bulk.v6.ndjson" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
summary = [d for d in lines if d["type"] == "summary"][0]
assert summary["wire"]["answers"] >= 1 and summary["wire"]["fallbacks"] <= 1, summary
PY
}

# Forgery scenarios: before the real answer (issue "ca.example": letsencrypt.org denied),
# badserver sends forged answers saying letsencrypt.org may issue. Believing one turns the
# verdict to allowed. The real answer must come over the wire engine's own transport (not via
# libunbound), with every forgery of the first query counted as ignored.
# The engine is the third argument, "" for caa bulk's default.
forged() {
	local zone=$1 forgeries=$2 engine=(${3:+--engine "$3"})
	printf '%s\nwww.%s\n' "$zone" "$zone" >"$WORK/$zone.txt"
	lab_caa bulk --quiet --timeout 3 --format ndjson ${engine[@]+"${engine[@]}"} --threads 1 \
		"$WORK/$zone.txt"
	echo "$output"
	[ "$status" -eq 1 ] # denied
	/usr/bin/python3 - "$output" "$zone" "$forgeries" <<'PY'
import json, sys
lines = [json.loads(l) for l in sys.argv[1].splitlines()]
zone, forgeries = sys.argv[2], int(sys.argv[3])
results = [d for d in lines if d["type"] == "result"]
summary = [d for d in lines if d["type"] == "summary"][0]
assert len(results) == 2, results
for d in results:
    assert (d["verdict"], d["code"], d["relevant_owner"]) == \
        ("denied", "CAA_ISSUER_NOT_LISTED", zone), d
assert summary["wire"]["answers"] >= 1, summary
assert summary["wire"]["ignored"] >= forgeries, summary
PY
	grep -qi "$zone.*forger" "$LAB_DIR/badserver.log"
}

@test "wire engine: forgeries with the wrong ID, port or address are ignored, the real answer taken" {
	forged spoof.test 3 wire
}

@test "caa check is not fooled by forgeries with the wrong ID, port or address either" {
	lab_caa check --timeout 3 --format ndjson spoof.test
	[ "$status" -eq 1 ]
	[[ "$output" == *'"code":"CAA_ISSUER_NOT_LISTED"'* ]]
}

# The one scenario where the engines part: a forgery with the right ID and port but the qname's
# 0x20 case flipped. The wire engine ignores it and takes the real answer. libunbound (so caa
# check and --engine unbound) runs without 0x20 (resolver_unbound.c says why; with it, its caps
# fallback accepted the forgery anyway) and believes it. Not part of the agreement above.
@test "wire engine: a forgery with the 0x20 case flipped is ignored, the real answer taken" {
	forged spoofcase.test 1 wire
}

# The default engine is the wire engine (it agrees with caa check on every scenario above, and is
# 3.5x faster): so caa bulk without --engine is not fooled by the case-flipped forgery either.
@test "caa bulk's default engine is the wire engine: the case-flipped forgery is ignored" {
	forged spoofcase.test 1 ""
}

# NXDOMAIN in a signed zone is libunbound's to judge (the wire engine checks no proofs of
# nonexistence). Asking the servers first and then libunbound made such names cost twice a
# libunbound engine's: after 8 replies handed over in a row, a zone's next lookups go straight
# to libunbound (wire_lookup.c: UNUSUAL_STREAK), so with 20 in flight most of 300 are handed
# over unasked (about 40 are asked: the first window, the streak, one per renewed pause), and
# every one still gets caa check's answer.
@test "wire engine: a signed zone's NXDOMAINs go straight to libunbound once they keep coming" {
	local zone=nsec3.test
	mkdir -p "$WORK/nx"
	lab_caa check --timeout 3 --format ndjson -- "nx0.$zone"
	printf '%s\n' "$output" >"$WORK/nx/nx0.$zone"
	[[ "$output" == *'"code":"CAA_ISSUER_NOT_LISTED"'* && "$output" == *'"dnssec":"secure"'* ]]
	awk -v z="$zone" 'BEGIN { for (i = 0; i < 300; i++) printf "nx%d.%s\n", i, z }' >"$WORK/nx.txt"
	lab_caa bulk --quiet --timeout 3 --format ndjson --threads 1 --window 20 "$WORK/nx.txt"
	[ "$status" -eq 1 ] # denied: the apex's CAA names another CA
	printf '%s\n' "$output" >"$WORK/bulk.nx.ndjson"
	/usr/bin/python3 - "$WORK/bulk.nx.ndjson" "$WORK/nx/nx0.$zone" "$BATS_TEST_DIRNAME" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[3])
from bulk_agree import bulk_view, check_view
want = check_view(sys.argv[2])
got = bulk_view(sys.argv[1])
assert len(got) == 300 and all(v == want for v in got.values()), (want, list(got.items())[:2])
summary = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if '"summary"' in l][0]
wire = summary["wire"]
# The apex's own lookup (answered over the wire, or handed over in a pause) comes on top.
assert wire["answers"] <= 1 and wire["fallbacks"] >= 300, wire
assert wire["unasked"] >= 200, wire
PY
}
