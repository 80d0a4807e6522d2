#!/usr/bin/env bats
# caa diagnose and caa explain against the hermetic DNS lab: every finding code of
# docs/diagnosis-codes.md is produced by a lab scenario built for it (issue 4), including a zone
# whose one nameserver of four is broken in each way (the quad-* zones). Runs only inside the lab:
#   CAA=build/src/cli/caa tests/lab/in-namespace.sh bats --tap tests/lab/diagnose.bats
# Every call passes --root-hints and --trust-anchor (without them libunbound would ask the real
# root servers) and, except where NS_PRIVATE_ADDRESS is the point, --allow-private (every lab
# address is loopback). What each lab zone does: tests/lab/README.md and tests/lab/scenarios.

# shellcheck disable=SC2154 # stderr is set by bats' run --separate-stderr
bats_require_minimum_version 1.5.0
load lab_helpers

setup_file() {
	: "${CAA:?set CAA to the caa binary}"
	: "${LAB_HINTS:?run inside the lab (tests/lab/in-namespace.sh)}"
	: "${LAB_TA:?run inside the lab (tests/lab/in-namespace.sh)}"
}

# lab_diag ARGS...: caa diagnose --allow-private --json.
lab_diag() {
	lab_caa diagnose --allow-private --json "$@"
}

# finding CODE FIELD [SERVER]: FIELD of the one finding with CODE (and SERVER, when given).
finding() {
	/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
code, field = sys.argv[1], sys.argv[2]
hits = [f for f in d["findings"] if f["code"] == code and (len(sys.argv) < 4 or f["server"] == sys.argv[3])]
if len(hits) != 1:
    sys.exit("want one %s finding%s, have %s" % (code, " for " + sys.argv[3] if len(sys.argv) > 3 else "",
             [(f["code"], f["server"]) for f in d["findings"]]))
v = hits[0][field]
print(v if isinstance(v, str) else json.dumps(v))
' "$@" <<<"$output"
}

# expect_finding CODE SERVER FIELD=VALUE...: the finding exists, its fields are as given, its
# summary, evidence and fix are not empty.
expect_finding() {
	local code=$1 server=$2 kv field want got
	shift 2
	for kv in "$@" evidence fix summary; do
		field=${kv%%=*}
		got=$(finding "$code" "$field" "$server") || return 1
		if [[ "$kv" == *=* ]]; then
			want=${kv#*=}
			if [ "$got" != "$want" ]; then
				printf '%s (%s) %s: expected [%s], got [%s]\n' "$code" "$server" "$field" "$want" \
					"$got" >&2
				return 1
			fi
		elif [ -z "$got" ]; then
			printf '%s (%s): empty %s\n%s\n' "$code" "$server" "$field" "$output" >&2
			return 1
		fi
	done
}

# no_finding CODE: no finding has CODE.
no_finding() {
	/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
if any(f["code"] == sys.argv[1] for f in d["findings"]):
    sys.exit("unexpected %s finding: %s" % (sys.argv[1], [f["code"] for f in d["findings"]]))
' "$1" <<<"$output"
}

# only_server_findings SERVER: every finding about a server is about SERVER (the good servers
# of a quad zone must not be blamed).
only_server_findings() {
	/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
bad = [(f["code"], f["server"]) for f in d["findings"] if f["server"] not in ("", sys.argv[1])]
if bad:
    sys.exit("findings about other servers: %s" % bad)
' "$1" <<<"$output"
}

# expect_exit N VERDICT: the CA's verdict is VERDICT (N: 0 allowed, 1 denied, 2 error), and the
# exit status follows the README's rule (issue 11): the worse of N and the findings' severities
# (2 for an error finding, 1 for a warning).
expect_exit() {
	local want
	want=$(/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
rank = {"error": 2, "warning": 1}
# The finding that restates a denial is the denial (exit 1), not an error besides it.
denial = d["check"]["verdict"] == "denied" and d["check"]["code"]
print(max([int(sys.argv[1])] + [rank.get(f["severity"], 0) for f in d["findings"] if f["code"] != denial]))
' "$1" <<<"$output")
	if [ "$status" -ne "$want" ]; then
		printf 'exit: expected %s, got %s\noutput: %s\nstderr: %s\n' "$want" "$status" "$output" \
			"$stderr" >&2
		return 1
	fi
	expect type diagnosis
	expect check.verdict "$2"
}

# quad ZONE CODE SERVER ADDRESS BLAME RETRYABLE: one server of four is broken; the CA still gets
# its answer from the other three (denied by the zone's `issue "ca.example"`, or allowed), so the
# finding does not block issuance, and nothing is said about the three good servers.
quad() {
	local zone=$1 code=$2 server=$3 address=$4 blame=$5 retryable=$6
	lab_diag "$zone"
	expect name "$zone"
	if [ "$(jf check.verdict)" = allowed ]; then expect_exit 0 allowed; else expect_exit 1 denied; fi
	expect_finding "$code" "$server" zone="$zone" address="$address" blame="$blame" \
		retryable="$retryable" blocks_issuance=false
	only_server_findings "$server"
	# The zone's data is the same everywhere: the servers are not inconsistent.
	no_finding NS_INCONSISTENT
	no_finding SOA_SERIAL_MISMATCH
}

# --- one nameserver of four broken in each way ------------------------------------------------

@test "quad: NS_NOTIMP_CAA (one server of four answers NOTIMP)" {
	quad quad-notimp.test NS_NOTIMP_CAA nsbad.test 127.53.0.10 dns-operator false
	expect_finding NS_NOTIMP_CAA nsbad.test severity=error
	[[ "$(finding NS_NOTIMP_CAA evidence)" == *"NOTIMP"* ]]
}

@test "quad: NS_REFUSED" {
	quad quad-refused.test NS_REFUSED nsbad.test 127.53.0.10 dns-operator false
	[[ "$(finding NS_REFUSED evidence)" == *"REFUSED"* ]]
}

@test "quad: NS_SERVFAIL" {
	quad quad-servfail.test NS_SERVFAIL nsbad.test 127.53.0.10 dns-operator false
	[[ "$(finding NS_SERVFAIL evidence)" == *"SERVFAIL"* ]]
}

@test "quad: NS_FORMERR (with and without EDNS)" {
	quad quad-formerr.test NS_FORMERR nsbad.test 127.53.0.10 dns-operator false
	no_finding EDNS_NONCOMPLIANT
}

@test "quad: NS_DROPS_CAA (SOA answered, CAA never)" {
	quad quad-drop.test NS_DROPS_CAA nsbad.test 127.53.0.10 dns-operator false
	no_finding NS_UNREACHABLE
}

@test "quad: NS_UNREACHABLE, port unreachable (nsdead)" {
	quad quad-dead.test NS_UNREACHABLE nsdead.test 127.53.0.11 network true
	[[ "$(finding NS_UNREACHABLE summary)" == *"port unreachable"* ]]
}

@test "quad: NS_UNREACHABLE, silent (nsblackhole)" {
	quad quad-silent.test NS_UNREACHABLE nsblackhole.test 127.53.0.12 network true
	[[ "$(finding NS_UNREACHABLE summary)" == *"silent"* ]]
}

@test "quad: NS_LAME (the fourth server refuses the zone)" {
	quad quad-lame.test NS_LAME nsbad.test 127.53.0.10 dns-operator false
	no_finding NS_REFUSED
}

@test "quad: NODATA_WITHOUT_SOA" {
	quad quad-nosoa.test NODATA_WITHOUT_SOA nsbad.test 127.53.0.10 dns-operator false
	expect_exit 0 allowed
}

@test "quad: NS_LAME (answers without AA)" {
	quad quad-noaa.test NS_LAME nsbad.test 127.53.0.10 dns-operator false
	[[ "$(finding NS_LAME summary)" == *"AA flag"* ]]
}

@test "quad: CASE_NOT_PRESERVED" {
	quad quad-nocase.test CASE_NOT_PRESERVED nsbad.test 127.53.0.10 dns-operator false
}

@test "quad: EDNS_NONCOMPLIANT (FORMERR with EDNS only)" {
	quad quad-ednsformerr.test EDNS_NONCOMPLIANT nsbad.test 127.53.0.10 dns-operator false
	no_finding NS_FORMERR
}

@test "quad: TRUNCATED_NO_TCP" {
	quad quad-tcfail.test TRUNCATED_NO_TCP nsbad.test 127.53.0.10 dns-operator false
	expect_exit 0 allowed
}

# --- the only server broken: the finding is why the CA fails ----------------------------------

# alone ZONE CODE CHECK_CODE: the zone's only server is broken; the CA's lookup fails (exit 2)
# and the finding blocks issuance.
alone() {
	lab_diag "$1"
	expect_exit 2 error
	expect check.code "$3"
	expect_finding "$2" nsbad.test zone="$1" address=127.53.0.10 blame=dns-operator \
		retryable=false blocks_issuance=true severity=error
	# What blocks issuance comes first.
	expect findings.0.code "$2"
}

@test "alone: NS_NOTIMP_CAA is why the CA says SERVFAIL" {
	alone notimp.test NS_NOTIMP_CAA DNS_SERVFAIL
}

@test "alone: NS_REFUSED" {
	alone refused.test NS_REFUSED DNS_SERVFAIL
}

@test "alone: NS_SERVFAIL" {
	alone servfail.test NS_SERVFAIL DNS_SERVFAIL
}

@test "alone: NS_FORMERR" {
	alone formerr.test NS_FORMERR DNS_SERVFAIL
}

@test "alone: TRUNCATED_NO_TCP" {
	alone tcfail.test TRUNCATED_NO_TCP DNS_SERVFAIL
}

@test "alone: NS_UNREACHABLE blocks issuance (nsdead only)" {
	lab_diag dead.test
	expect_exit 2 error
	expect_finding NS_UNREACHABLE nsdead.test zone=dead.test address=127.53.0.11 blame=network \
		retryable=true blocks_issuance=true
}

# --- zones whose servers disagree --------------------------------------------------------------

@test "NS_INCONSISTENT and SOA_SERIAL_MISMATCH (inconsistent.test: NSD and Knot differ)" {
	lab_diag inconsistent.test
	expect_exit 1 denied
	expect_finding NS_INCONSISTENT "" zone=inconsistent.test blame=dns-operator retryable=true \
		blocks_issuance=false
	# The records per server, not counts (issue 11).
	[[ "$(finding NS_INCONSISTENT evidence)" == *'nsa.test (127.53.0.3): 0 issue "ca-a.example"'* ]]
	[[ "$(finding NS_INCONSISTENT evidence)" == *'nsb.test (127.53.0.4): 0 issue "ca-b.example"'* ]]
	expect_finding SOA_SERIAL_MISMATCH "" zone=inconsistent.test severity=warning \
		blame=dns-operator retryable=true blocks_issuance=false
	[[ "$(finding SOA_SERIAL_MISMATCH evidence)" == *"nsa.test: 1"*"nsb.test: 2"* ]]
}

@test "DELEGATION_MISMATCH (the zone lists nsc.test, the parent does not)" {
	lab_diag delegmismatch.test
	expect_exit 0 allowed
	expect_finding DELEGATION_MISMATCH "" zone=delegmismatch.test severity=warning \
		blame=domain-owner retryable=false blocks_issuance=false
	[[ "$(finding DELEGATION_MISMATCH evidence)" == *"nsc.test"* ]]
	no_finding NS_INCONSISTENT
}

@test "NS_INTERMITTENT with --repeat (flaky: SERVFAIL on every other CAA query)" {
	lab_diag --repeat 6 flaky.test
	expect_exit 1 denied
	expect_finding NS_INTERMITTENT nsbad.test zone=flaky.test address=127.53.0.10 \
		blame=dns-operator retryable=true blocks_issuance=false
	[[ "$(finding NS_INTERMITTENT evidence)" =~ ^[1-5]\ of\ 6\ answers\ failed ]]
	only_server_findings nsbad.test
}

@test "NS_INTERMITTENT needs --repeat: one round sees no pattern" {
	lab_diag flaky.test
	expect_exit 1 denied
	no_finding NS_INTERMITTENT
}

@test "DNS01_TXT_MISMATCH with --dns01 (the servers serve different _acme-challenge TXT)" {
	lab_diag --dns01 dns01.test
	expect_exit 0 allowed
	expect_finding DNS01_TXT_MISMATCH "" zone=dns01.test blame=dns-operator retryable=true \
		blocks_issuance=false
	[[ "$(finding DNS01_TXT_MISMATCH evidence)" == *'nsa.test (127.53.0.3): "token-new-'* ]]
	[[ "$(finding DNS01_TXT_MISMATCH evidence)" == *'nsb.test (127.53.0.4): "token-old-'* ]]
	no_finding NS_INCONSISTENT
	lab_diag dns01.test
	expect_exit 0 allowed
	no_finding DNS01_TXT_MISMATCH
}

# --- DNSSEC -----------------------------------------------------------------------------------

# dnssec ZONE CODE BLAME: a DNSSEC fault at the zone's server; the CA gets bogus (exit 2).
dnssec() {
	lab_diag "$1"
	expect_exit 2 error
	expect check.code DNS_BOGUS
	expect_finding "$2" nsa.test zone="$1" address=127.53.0.3 blame="$3" retryable=false \
		blocks_issuance=true severity=error
	expect findings.0.code "$2"
}

@test "DNSSEC_EXPIRED (expired.test: signed in 2020)" {
	dnssec expired.test DNSSEC_EXPIRED dns-operator
}

@test "DNSSEC_EXPIRED (expiredcaa.test: only the CAA signature is old)" {
	dnssec expiredcaa.test DNSSEC_EXPIRED dns-operator
	[[ "$(finding DNSSEC_EXPIRED summary)" == *"CAA answer"* ]]
}

@test "DNSSEC_NOT_YET_VALID (future.test)" {
	dnssec future.test DNSSEC_NOT_YET_VALID dns-operator
}

@test "DNSSEC_BAD_SIGNATURE (bogussig.test)" {
	dnssec bogussig.test DNSSEC_BAD_SIGNATURE dns-operator
}

@test "DNSSEC_BAD_DENIAL (badnsec.test: NSEC signatures tampered)" {
	dnssec badnsec.test DNSSEC_BAD_DENIAL dns-operator
}

@test "DNSSEC_BAD_DENIAL (badnsec3.test: NSEC3 signatures tampered)" {
	dnssec badnsec3.test DNSSEC_BAD_DENIAL dns-operator
}

@test "DNSSEC_DS_MISMATCH (dsmismatch.test)" {
	dnssec dsmismatch.test DNSSEC_DS_MISMATCH domain-owner
}

@test "DNSSEC_STRIPPED (stripped.test: DS in the parent, served unsigned)" {
	lab_diag stripped.test
	expect_exit 2 error
	expect check.code DNS_BOGUS
	expect_finding DNSSEC_STRIPPED nsbad.test zone=stripped.test address=127.53.0.10 \
		blame=dns-operator retryable=false blocks_issuance=true
}

@test "no DNSSEC finding for a correctly signed zone (signed.test, NSD and Knot)" {
	lab_diag signed.test
	expect_exit 1 denied
	/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
bad = [f["code"] for f in d["findings"] if f["code"].startswith("DNSSEC_") or f["server"]]
sys.exit("unexpected findings: %s" % bad if bad else 0)
' <<<"$output"
}

# --- the failure is elsewhere -----------------------------------------------------------------

@test "CNAME_LOOP (loop1.cname.test <-> loop2)" {
	lab_diag loop1.cname.test
	expect_exit 2 error
	expect check.code DNS_SERVFAIL
	expect_finding CNAME_LOOP "" zone=cname.test blame=domain-owner retryable=false \
		blocks_issuance=true
	[[ "$(finding CNAME_LOOP evidence)" == *"loop1.cname.test -> loop2.cname.test"* ]]
}

@test "PARENT_LOOKUP_FAILED (www.kid.notimpparent.test: the parent zone answers NOTIMP)" {
	lab_diag www.kid.notimpparent.test
	expect_exit 2 error
	expect check.code DNS_SERVFAIL
	expect_finding PARENT_LOOKUP_FAILED "" zone=notimpparent.test blame=parent-zone-operator \
		retryable=true blocks_issuance=true
	[[ "$(finding PARENT_LOOKUP_FAILED summary)" == *"kid.notimpparent.test"* ]]
	# The server at fault is in the parent zone; the user's own zone is fine.
	expect_finding NS_NOTIMP_CAA nsbad.test zone=notimpparent.test blocks_issuance=true
	only_server_findings nsbad.test
}

@test "DNS_NXDOMAIN_TLD (example.gonetld: the TLD does not exist)" {
	lab_diag example.gonetld
	expect_exit 2 error
	expect check.code DNS_NXDOMAIN_TLD
	expect_finding DNS_NXDOMAIN_TLD "" zone=gonetld blame=domain-owner retryable=false \
		blocks_issuance=true
}

@test "NS_PRIVATE_ADDRESS without --allow-private: reported, not probed" {
	lab_caa diagnose --json signed.test
	expect_exit 1 denied
	expect_finding NS_PRIVATE_ADDRESS ns1.nic.test zone=test address=127.53.0.2 severity=warning \
		blocks_issuance=false
	[[ "$(finding NS_PRIVATE_ADDRESS evidence)" == *"127.53.0.2"* ]]
	# The walk stops at the private delegation: signed.test's servers are never asked.
	expect zones.-1.zone test
	[ -n "$(jf walk_problem)" ]
	[[ "$(jf zones)" != *signed.test* ]]
}

@test "NS_PRIVATE_ADDRESS is not reported with --allow-private" {
	lab_diag signed.test
	no_finding NS_PRIVATE_ADDRESS
}

# --- nothing wrong with the servers -----------------------------------------------------------

@test "NO_PROBLEM_FOUND (allowed.tour.test)" {
	lab_diag allowed.tour.test
	expect_exit 0 allowed
	expect findings.0.code NO_PROBLEM_FOUND
	expect findings.0.blocks_issuance false
	expect findings.0.severity info
	[ "$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))' <<<"$output")" = 1 ]
	[[ "$(jf findings.0.summary)" == *"allowed"* ]]
}

# --- policy and lint tie-ins ------------------------------------------------------------------

@test "policy: a denied name gives its CAA_* code with the record that would allow issuance" {
	lab_diag denied.tour.test
	expect_exit 1 denied
	expect findings.0.code CAA_ISSUER_NOT_LISTED
	expect_finding CAA_ISSUER_NOT_LISTED "" zone=denied.tour.test blame=domain-owner \
		blocks_issuance=true record='denied.tour.test. IN CAA 0 issue "letsencrypt.org"'
	[[ "$(finding CAA_ISSUER_NOT_LISTED evidence)" == *"CAA record for denied.tour.test prevents issuance"* ]]
}

@test "policy: empty issuer (CAA_EMPTY_ISSUER) with a record fix" {
	lab_diag empty.signed.test
	expect_exit 1 denied
	expect_finding CAA_EMPTY_ISSUER "" blocks_issuance=true \
		record='empty.signed.test. IN CAA 0 issue "letsencrypt.org"'
}

@test "policy: unknown critical tag, and lint says so (CRITICAL_UNKNOWN_TAG)" {
	lab_diag critical.signed.test
	expect_exit 1 denied
	expect findings.0.code CAA_UNKNOWN_CRITICAL
	# Issue 11: the fix is the critical record un-flagged, not an issue record that cannot help.
	expect_finding CAA_UNKNOWN_CRITICAL "" blocks_issuance=true \
		record='critical.signed.test. IN CAA 0 tbs "unknown-critical"'
	[[ "$(finding CAA_UNKNOWN_CRITICAL fix)" == "remove the critical record, or clear its critical flag:" ]]
	expect_finding CRITICAL_UNKNOWN_TAG "" zone=critical.signed.test severity=error \
		blocks_issuance=false
}

@test "lint: flags 1 (FLAG_1_AS_CRITICAL) and issuewild without issue" {
	lab_diag flag1.signed.test
	expect_exit 1 denied
	expect_finding FLAG_1_AS_CRITICAL "" zone=flag1.signed.test severity=warning \
		blocks_issuance=false
	lab_diag wildonly.signed.test
	expect_exit 0 allowed
	expect_finding ISSUEWILD_WITHOUT_ISSUE "" zone=wildonly.signed.test severity=warning \
		blocks_issuance=false
	no_finding NO_PROBLEM_FOUND
}

# --- caa explain ------------------------------------------------------------------------------

@test "explain: Boulder's SERVFAIL message diagnoses the name it names" {
	lab_caa explain --allow-private \
		"DNS problem: SERVFAIL looking up CAA for notimp.test - the domain's nameservers may be malfunctioning"
	[ "$status" -eq 2 ]
	[[ "$output" == *"notimp.test"* ]]
	[[ "$output" == *"NS_NOTIMP_CAA"* ]]
	[[ "$output" == *"nsbad.test (127.53.0.10)"* ]]
}

@test "explain: an ACME problem document on standard input (-)" {
	local doc='{"type":"urn:ietf:params:acme:error:caa","detail":"Error finalizing order :: While processing CAA for denied.tour.test: CAA record for denied.tour.test prevents issuance","status":403}'
	# shellcheck disable=SC2016 # expanded by the inner bash
	run --separate-stderr bash -c 'printf "%s" "$1" | "$CAA" explain --root-hints "$LAB_HINTS" \
		--trust-anchor "$LAB_TA" --allow-private --json -' _ "$doc"
	assert_clean_stderr
	expect_exit 1 denied
	expect name denied.tour.test
	expect findings.0.code CAA_ISSUER_NOT_LISTED
}

@test "explain: a problem document with a subproblem naming a broken zone" {
	local doc='{"type":"urn:ietf:params:acme:error:compound","detail":"Error creating new order","status":400,"subproblems":[{"type":"urn:ietf:params:acme:error:dns","detail":"While processing CAA for servfail.test: DNS problem: SERVFAIL looking up CAA for servfail.test - the domain'"'"'s nameservers may be malfunctioning","identifier":{"type":"dns","value":"servfail.test"}}]}'
	# shellcheck disable=SC2016 # expanded by the inner bash
	run --separate-stderr bash -c 'printf "%s" "$1" | "$CAA" explain --root-hints "$LAB_HINTS" \
		--trust-anchor "$LAB_TA" --allow-private --json -' _ "$doc"
	assert_clean_stderr
	expect_exit 2 error
	expect name servfail.test
	expect_finding NS_SERVFAIL nsbad.test blocks_issuance=true
}

@test "explain: a wildcard is judged as the wildcard, and issuewild is named as the cause" {
	# signed.test: issue "ca.example" and issuewild ";": ca.example may issue for the name, not *.
	lab_caa explain --allow-private --ca ca.example \
		'Cannot issue for "*.signed.test": CAA record for signed.test prevents issuance'
	[ "$status" -eq 1 ]
	[[ "$output" == *"The CA's message is about *.signed.test:"* ]]
	[[ "$output" == *'cause: issuewild ";" at signed.test forbids every CA for wildcard names'* ]]
	# wildonly.signed.test: issuewild "letsencrypt.org" only: the name is open, the wildcard is not.
	lab_caa explain --allow-private --ca ca.example \
		'While processing CAA for *.wildonly.signed.test: CAA record for wildonly.signed.test prevents issuance'
	[ "$status" -eq 1 ]
	[[ "$output" == *"cause: for the wildcard *.wildonly.signed.test the issuewild records at wildonly.signed.test decide"* ]]
}

@test "explain: today's DNS allows what the CA refused: what may have changed since" {
	lab_caa explain --allow-private --ca ca.example 'CAA record for signed.test prevents issuance'
	# Allowed today, with one warning (ca.example is not in the CA table): exit 1 by the rule.
	[ "$status" -eq 1 ]
	[[ "$output" == *"today's DNS allows what the CA refused; what may have changed since:"* ]]
	[[ "$output" == *"- records: "*"dig CAA signed.test"* ]]
	[[ "$output" == *"- another CA: this check is for ca.example;"* ]]
	[[ "$output" == *"- wildcard: the records have issuewild"* ]]
	# An account binding the check was not told about.
	lab_caa explain --allow-private 'CAA record for bound.signed.test prevents issuance'
	[ "$status" -eq 1 ]
	[[ "$output" == *"cause: the record naming the CA at bound.signed.test binds it to one ACME account"*"run again with --account-uri URL"* ]]
}

@test "explain: the real cause of a denial: account binding, critical tag" {
	lab_caa explain --allow-private --account-uri https://acme-v02.api.letsencrypt.org/acme/acct/124 \
		--method dns-01 'CAA record for bound.signed.test prevents issuance'
	[ "$status" -eq 1 ]
	[[ "$output" == *"cause: the record naming the CA at bound.signed.test binds it to another ACME account"* ]]
	lab_caa explain --allow-private 'While processing CAA for critical.signed.test: CAA record for critical.signed.test prevents issuance'
	# Denied, and the record itself is an error (lint's CRITICAL_UNKNOWN_TAG): 2 by the rule.
	[ "$status" -eq 2 ]
	[[ "$output" == *"cause: a record at critical.signed.test marks a property the CA does not know as critical"* ]]
	[[ "$output" == *'fix: remove the critical record, or clear its critical flag:'*'critical.signed.test. IN CAA 0 tbs "unknown-critical"'* ]]
}

@test "explain: certbot output with two domains: each one diagnosed, the worst exit" {
	local text
	text=$(printf '%s\n' \
		'Certbot failed to authenticate some domains (authenticator: standalone). The Certificate Authority reported these problems:' \
		'  Domain: denied.tour.test' \
		'  Type:   caa' \
		'  Detail: CAA record for denied.tour.test prevents issuance' \
		'' \
		'  Domain: servfail.test' \
		'  Type:   dns' \
		"  Detail: DNS problem: SERVFAIL looking up CAA for servfail.test - the domain's nameservers may be malfunctioning")
	lab_caa explain --allow-private "$text"
	[ "$status" -eq 2 ]
	[[ "$output" == *"The CA's message is about denied.tour.test: "*"(CAA_ISSUER_NOT_LISTED)"* ]]
	[[ "$output" == *"The CA's message is about servfail.test: "*"(DNS_SERVFAIL)"* ]]
	[[ "$output" == *"NS_SERVFAIL"* ]]
	lab_caa explain --allow-private --json "$text"
	[ "$(/usr/bin/python3 -c 'import json,sys; print([d["name"] for d in json.load(sys.stdin)])' <<<"$output")" = "['denied.tour.test', 'servfail.test']" ]
}

@test "explain: a DNS-01 TXT error diagnoses the name and compares the servers' TXT answers" {
	lab_caa explain --allow-private 'Incorrect TXT record "abc" found at _acme-challenge.dns01.test'
	[[ "$output" == *"The CA's message is about dns01.test; it names _acme-challenge.dns01.test:"*"(DNS01_TXT_FAILED)"* ]]
	[[ "$output" == *"DNS01_TXT_MISMATCH"* ]]
	[[ "$output" == *"the CA looked for the DNS-01 TXT record at _acme-challenge.dns01.test"* ]]
}

# --- text output and colour -------------------------------------------------------------------

@test "text: no colour when piped, none with NO_COLOR, colour with --color always" {
	lab_caa diagnose --allow-private notimp.test
	[ "$status" -eq 2 ]
	[[ "$output" == *"NS_NOTIMP_CAA"* ]]
	[[ "$output" != *$'\e['* ]]
	NO_COLOR=1 lab_caa diagnose --allow-private notimp.test
	[ "$status" -eq 2 ]
	[[ "$output" != *$'\e['* ]]
	lab_caa diagnose --allow-private --color always notimp.test
	[ "$status" -eq 2 ]
	[[ "$output" == *$'\e['*"NS_NOTIMP_CAA"* ]]
	lab_caa diagnose --allow-private --color never notimp.test
	[[ "$output" != *$'\e['* ]]
}

# --- bounded time -----------------------------------------------------------------------------

@test "time: one silent nameserver of four costs one timeout (quad-silent < 4 s)" {
	lab_diag quad-silent.test
	expect_exit 1 denied
	expect_finding NS_UNREACHABLE nsblackhole.test blocks_issuance=false
	echo "elapsed: $elapsed_ms ms" >&2
	[ "$elapsed_ms" -lt 4000 ]
}

@test "time: a fully silent zone is diagnosed in bounded time (blackhole.test < 6 s)" {
	lab_diag blackhole.test
	expect_exit 2 error
	expect_finding NS_UNREACHABLE nsblackhole.test zone=blackhole.test blame=network \
		retryable=true blocks_issuance=true
	[[ "$(finding NS_UNREACHABLE summary)" == *"silent"* ]]
	echo "elapsed: $elapsed_ms ms" >&2
	[ "$elapsed_ms" -lt 6000 ]
}
