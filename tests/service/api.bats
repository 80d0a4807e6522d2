#!/usr/bin/env bats
# `caa serve` against the hermetic DNS lab (issue 10): every JSON endpoint, every error, the
# cache, the rate limits, the overload path, the private-address refusal, signals and logs.
# Runs only inside the lab: tests/lab/run-tests.sh tests/service/api.bats (meson: suite service).

bats_require_minimum_version 1.5.0
load ../lab/lab_helpers
load serve_helpers

MAIN=18080 # the generously limited service most tests share

setup_file() {
	: "${CAA:?set CAA to the caa binary}"
	: "${LAB_HINTS:?run inside the lab (tests/lab/in-namespace.sh)}"
	serve_start $MAIN --client-rate 1000/1000 --domain-rate 1000/1000 --fresh-rate 1000/1000 \
		--timeout 3
}

teardown_file() {
	serve_stop $MAIN
}

@test "healthz answers ok with the security headers" {
	http $MAIN GET /healthz
	expect_status 200
	[ "$output" = ok ]
	[[ "$(header Content-Security-Policy)" == *"default-src 'none'"* ]]
	[[ "$(header Content-Security-Policy)" == *"frame-ancestors 'none'"* ]]
	[ "$(header X-Content-Type-Options)" = nosniff ]
	[ "$(header X-Frame-Options)" = DENY ]
	[ "$(header Referrer-Policy)" = no-referrer ]
}

@test "check: one name gives the same caa/1 result as caa check --json" {
	http $MAIN GET '/api/v1/check?name=signed.test&ca=ca.example'
	expect_status 200
	[[ "$(header Content-Type)" == application/json* ]]
	expect schema caa/1
	expect type result
	expect verdict allowed
	expect code CAA_AUTHORIZED
	expect relevant_rrset.owner signed.test
	local api=$output
	lab_caa check --json --ca ca.example signed.test
	[ "$(jf code)" = "$(output=$api jf code)" ]
	[ "$(jf relevant_rrset)" = "$(output=$api jf relevant_rrset)" ]
}

@test "check: a denied name and a SERVFAIL name" {
	http $MAIN GET '/api/v1/check?name=signed.test'
	expect_status 200
	expect verdict denied
	expect code CAA_ISSUER_NOT_LISTED
	http $MAIN GET '/api/v1/check?name=servfail.test'
	expect_status 200
	expect verdict error
}

@test "check: servers that disagree give caa check's warning; --no-compare-servers leaves it out" {
	http $MAIN GET '/api/v1/check?name=disagree.test'
	expect_status 200
	expect verdict allowed
	expect warnings.0.code NS_INCONSISTENT
	expect warnings.0.zone disagree.test
	local api=$output
	lab_caa check --json --allow-private disagree.test
	[ "$(jf warnings)" = "$(output=$api jf warnings)" ]
	run curl -s 'http://127.0.0.1:18080/probe?target=disagree.test'
	[[ "$output" == *$'\ncaa_probe_success 1\n'* ]]
	[[ "$output" == *$'\ncaa_check_warnings 1\n'* ]]

	serve_start 18085 --client-rate 1000/1000 --domain-rate 1000/1000 --no-compare-servers
	http 18085 GET '/api/v1/check?name=disagree.test'
	serve_stop 18085
	expect_status 200
	expect verdict allowed
	expect warnings '[]'
	run curl -s 'http://127.0.0.1:18080/probe?target=signed.test&ca=ca.example'
	[[ "$output" == *$'\ncaa_check_warnings 0\n'* ]]
}

@test "check: name repeated is one order, in the order given; CA, method and account pass through" {
	http $MAIN GET '/api/v1/check?name=www.signed.test&name=bound.signed.test&ca=ca.example&method=dns-01&account_uri=https://ca.example/acct/1'
	expect_status 200
	expect type order
	expect results.0.name www.signed.test
	expect results.1.name bound.signed.test
	expect results.0.ca.method dns-01
	expect results.0.ca.account_uri https://ca.example/acct/1
}

@test "check: NDJSON when asked, one result per line" {
	http $MAIN GET '/api/v1/check?name=signed.test&name=le.test' -H 'Accept: application/x-ndjson'
	expect_status 200
	[[ "$(header Content-Type)" == application/x-ndjson* ]]
	[ "$(printf '%s\n' "$output" | wc -l)" -eq 2 ]
	[ "$(printf '%s\n' "$output" | sed -n 2p | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["name"])')" = le.test ]
}

@test "POST check: {names} is one order; NDJSON too" {
	http $MAIN POST /api/v1/check -H 'Content-Type: application/json' \
		-d '{"names":["le.test","signed.test"],"ca":"letsencrypt"}'
	expect_status 200
	expect type order
	expect verdict denied
	expect results.0.verdict allowed
	expect results.1.verdict denied
	http $MAIN POST /api/v1/check -H 'Accept: application/x-ndjson' -d '{"names":["le.test"]}'
	expect_status 200
	[ "$(printf '%s\n' "$output" | wc -l)" -eq 1 ]
}

@test "POST check: more than 100 names, not JSON, wrong shapes: 400 problem documents" {
	local names
	names=$(/usr/bin/python3 -c 'import json; print(json.dumps({"names": ["n%d.le.test" % i for i in range(101)]}))')
	http $MAIN POST /api/v1/check -d "$names"
	expect_status 400
	[[ "$(header Content-Type)" == application/problem+json* ]]
	expect status 400
	[[ "$(jf detail)" == *"at most 100"* ]]
	http $MAIN POST /api/v1/check -d '{"names":'
	expect_status 400
	expect type urn:caa:problem:invalid-json
	http $MAIN POST /api/v1/check -d '{"names":"le.test"}'
	expect_status 400
	http $MAIN POST /api/v1/check -d '{"names":["le.test"],"ca":7}'
	expect_status 400
	http $MAIN POST /api/v1/check -d '{"names":["le\u0000.test"]}'
	expect_status 400
}

@test "bad names: malformed, 300-byte label, NUL, invalid UTF-8, invalid IDNA: 400 with the position" {
	local long
	long=$(printf 'a%.0s' $(seq 300))
	for q in 'name=a..b' "name=$long.test" 'name=a%00b.test' 'name=%FF.test' 'name=%CC%81b.test' \
		'name=a%20b.test' 'name=' '' 'name=le.test&method=HTTP%2001' 'name=le.test&profile=x' \
		'name=le.test&ca=not%20a%20ca!' 'name=le.test&account_uri=a%20b'; do
		http $MAIN GET "/api/v1/check?$q"
		expect_status 400
		[[ "$(header Content-Type)" == application/problem+json* ]]
		[ "$(jf status)" = 400 ]
		[ -n "$(jf detail)" ]
	done
	http $MAIN GET "/api/v1/check?name=a..b"
	[[ "$(jf detail)" == "name 1: at byte 2: "* ]]
}

@test "oversized body: 413; wrong method: 405 with Allow; unknown path: 404" {
	head -c 70000 /dev/zero | tr '\0' a >"$BATS_TEST_TMPDIR/big"
	http $MAIN POST /api/v1/check --data-binary "@$BATS_TEST_TMPDIR/big"
	expect_status 413
	expect type urn:caa:problem:too-large
	# No Content-Length to go by: refused once the cap is passed.
	http $MAIN POST /api/v1/check -H 'Transfer-Encoding: chunked' --data-binary "@$BATS_TEST_TMPDIR/big"
	expect_status 413
	http $MAIN GET /healthz
	expect_status 200
	http $MAIN DELETE /api/v1/check
	expect_status 405
	[ "$(header Allow)" = "GET, HEAD, POST" ]
	http $MAIN POST /healthz
	expect_status 405
	[ "$(header Allow)" = "GET, HEAD" ]
	http $MAIN GET /etc/passwd
	expect_status 404
	expect type urn:caa:problem:not-found
	[ "$(header Content-Security-Policy)" != "" ]
}

@test "cache: a repeat is answered from the cache; fresh=1 goes to DNS again" {
	local hits0 misses0
	http $MAIN GET '/api/v1/check?name=ksigned.test'
	expect_status 200
	hits0=$(metric caa_serve_cache_hits_total $MAIN)
	misses0=$(metric caa_serve_cache_misses_total $MAIN)
	http $MAIN GET '/api/v1/check?name=ksigned.test'
	expect_status 200
	[ "$(metric caa_serve_cache_hits_total $MAIN)" -eq $((hits0 + 1)) ]
	[ "$(metric caa_serve_cache_misses_total $MAIN)" -eq "$misses0" ]
	http $MAIN GET '/api/v1/check?name=ksigned.test&fresh=1'
	expect_status 200
	[ "$(metric caa_serve_cache_misses_total $MAIN)" -eq $((misses0 + 1)) ]
}

# Makes fresh.ksigned.test's CAA record (TTL 300) `0 issue "ISSUER"` in the lab's Knot.
knot_fresh_caa() {
	local k=(knotc -c "$LAB_DIR/knot/knot.conf")
	"${k[@]}" zone-begin ksigned.test >/dev/null
	"${k[@]}" zone-unset ksigned.test fresh CAA >/dev/null 2>&1 || true
	"${k[@]}" zone-set ksigned.test fresh 300 CAA 0 issue "\"$1\"" >/dev/null
	"${k[@]}" zone-commit ksigned.test >/dev/null
}

@test "cache: a worker's resolver answers from its DNS cache; fresh=1 sees a changed record" {
	knot_fresh_caa ca.example
	serve_start 18090 --workers 1 --fresh-rate 1000/1000
	http 18090 GET '/api/v1/check?name=fresh.ksigned.test&ca=ca.example'
	expect verdict allowed
	knot_fresh_caa letsencrypt.org
	# Not in the result cache, but the one worker's resolver has fresh.ksigned.test cached.
	http 18090 GET '/api/v1/check?name=www.fresh.ksigned.test&ca=ca.example'
	expect verdict allowed
	http 18090 GET '/api/v1/check?name=fresh.ksigned.test&ca=ca.example&fresh=1'
	expect verdict denied
	expect code CAA_ISSUER_NOT_LISTED
	serve_stop 18090
}

@test "cache: identical requests at the same time share one check" {
	local misses0 joined0 i
	misses0=$(metric caa_serve_cache_misses_total $MAIN)
	joined0=$(metric caa_serve_cache_joined_total $MAIN)
	# blackhole.test takes until the deadline (3 s): all five arrive while the first runs.
	for i in 1 2 3 4 5; do
		curl -s -o "$BATS_TEST_TMPDIR/r$i" 'http://127.0.0.1:18080/api/v1/check?name=blackhole.test' &
	done
	wait
	[ "$(metric caa_serve_cache_misses_total $MAIN)" -eq $((misses0 + 1)) ]
	[ "$(metric caa_serve_cache_joined_total $MAIN)" -eq $((joined0 + 4)) ]
	for i in 1 2 3 4 5; do
		output=$(cat "$BATS_TEST_TMPDIR/r$i")
		expect verdict error
	done
}

@test "metrics: requests by endpoint and status, latency histogram, pool gauges" {
	run curl -s http://127.0.0.1:18080/metrics
	[[ "$output" == *'caa_serve_requests_total{endpoint="api_check",code="200"}'* ]]
	[[ "$output" == *'caa_serve_requests_total{endpoint="api_check",code="400"}'* ]]
	[[ "$output" == *'caa_serve_request_duration_seconds_bucket{le="+Inf"}'* ]]
	[[ "$output" == *'caa_serve_checks_in_flight 0'* ]]
	[[ "$output" == *'caa_serve_queue_depth 0'* ]]
}

@test "rate limit per client: 429 with Retry-After once the bucket is empty; cached answers still flow" {
	serve_start 18081 --client-rate 0.01/2
	http 18081 GET '/api/v1/check?name=le.test'
	expect_status 200
	http 18081 GET '/api/v1/check?name=signed.test'
	expect_status 200
	http 18081 GET '/api/v1/check?name=unsigned.test'
	expect_status 429
	[ "$(header Retry-After)" -ge 1 ]
	expect type urn:caa:problem:rate-limited
	http 18081 GET '/api/v1/check?name=le.test'
	expect_status 200
	[ "$(metric 'caa_serve_rate_limited_total{limit="client"}' 18081)" -eq 1 ]
	serve_stop 18081
}

@test "rate limit per registrable domain: random subdomains of one zone share a bucket" {
	serve_start 18082 --domain-rate 0.01/2
	http 18082 GET '/api/v1/check?name=a.signed.test'
	expect_status 200
	http 18082 GET '/api/v1/check?name=b.signed.test'
	expect_status 200
	http 18082 GET '/api/v1/check?name=c.signed.test'
	expect_status 429
	[[ "$(jf detail)" == *"registrable domain"* ]]
	http 18082 GET '/api/v1/check?name=le.test'
	expect_status 200
	serve_stop 18082
}

@test "fresh=1 has its own, stricter limit" {
	serve_start 18083 --fresh-rate 0.01/1
	http 18083 GET '/api/v1/check?name=le.test&fresh=1'
	expect_status 200
	http 18083 GET '/api/v1/check?name=le.test&fresh=1'
	expect_status 429
	[[ "$(jf detail)" == *"fresh=1"* ]]
	http 18083 GET '/api/v1/check?name=le.test'
	expect_status 200
	serve_stop 18083
}

@test "X-Forwarded-For and Forwarded count only from --trusted-proxy" {
	serve_start 18084 --client-rate 0.01/1 --trusted-proxy 127.0.0.1/32
	http 18084 GET '/api/v1/check?name=le.test' -H 'X-Forwarded-For: 192.0.2.1'
	expect_status 200
	http 18084 GET '/api/v1/check?name=signed.test' -H 'X-Forwarded-For: 192.0.2.1'
	expect_status 429
	http 18084 GET '/api/v1/check?name=signed.test' -H 'X-Forwarded-For: 192.0.2.2'
	expect_status 200
	http 18084 GET '/api/v1/check?name=unsigned.test' -H 'Forwarded: for="[2001:db8::1]:4711"'
	expect_status 200
	# The same /64 is the same client.
	http 18084 GET '/api/v1/check?name=nsec3.test' -H 'Forwarded: for="[2001:db8::2]"'
	expect_status 429
	# The access log names the client the proxy reported.
	grep -q ' 192\.0\.2\.2 GET /api/v1/check 200 ' "$BATS_FILE_TMPDIR/serve.18084.log"
	grep -q ' 2001:db8::2 GET /api/v1/check 429 ' "$BATS_FILE_TMPDIR/serve.18084.log"
	serve_stop 18084
	# Not a trusted proxy: the headers are ignored, the peer is the client.
	serve_start 18085 --client-rate 0.01/1
	http 18085 GET '/api/v1/check?name=le.test' -H 'X-Forwarded-For: 192.0.2.1'
	expect_status 200
	http 18085 GET '/api/v1/check?name=signed.test' -H 'X-Forwarded-For: 192.0.2.9'
	expect_status 429
	serve_stop 18085
}

@test "overload: a full queue answers 503 with Retry-After, and every request is answered" {
	local i codes pids=()
	serve_start 18086 --workers 1 --queue 1 --timeout 2
	for i in 1 2 3 4 5 6; do
		curl -s -o /dev/null -D "$BATS_TEST_TMPDIR/h$i" -w '%{http_code}\n' \
			"http://127.0.0.1:18086/api/v1/check?name=n$i.blackhole.test" >"$BATS_TEST_TMPDIR/c$i" &
		pids+=($!)
	done
	wait "${pids[@]}" # not the service's pid
	codes=$(cat "$BATS_TEST_TMPDIR"/c? | sort | uniq -c | tr -s ' ' | tr '\n' ';')
	echo "codes: $codes" >&2
	[[ "$codes" == *" 503;"* ]]
	[[ "$codes" == *" 200;"* ]]
	[ "$(cat "$BATS_TEST_TMPDIR"/c? | grep -cv '^200$\|^503$')" -eq 0 ]
	grep -qi '^Retry-After: [0-9]' $(grep -l ' 503' "$BATS_TEST_TMPDIR"/h?)
	[ "$(metric caa_serve_overloaded_total 18086)" -ge 1 ]
	serve_stop 18086
}

@test "a delegation to the host's own 127.0.0.1 is never queried, while the lab's range is" {
	# A server on 127.0.0.1 that would answer loopback.test (allowed for letsencrypt.org).
	cat >"$BATS_TEST_TMPDIR/loopback.zone" <<-'ZONE'
		$ORIGIN loopback.test.
		$TTL 300
		@ SOA nsloopback.test. hostmaster.test. 1 3600 600 86400 300
		@ NS nsloopback.test.
		@ CAA 0 issue "letsencrypt.org"
	ZONE
	echo "loopback.test normal $BATS_TEST_TMPDIR/loopback.zone" >"$BATS_TEST_TMPDIR/lo.conf"
	/usr/bin/python3 "$CAA_SOURCE_ROOT/tests/lab/badserver.py" --addr 127.0.0.1 \
		--config "$BATS_TEST_TMPDIR/lo.conf" --log "$BATS_TEST_TMPDIR/lo.log" \
		--identity lo --ready "$BATS_TEST_TMPDIR/lo.ready" &
	local bad=$!
	for _ in $(seq 50); do [ -e "$BATS_TEST_TMPDIR/lo.ready" ] && break; sleep 0.1; done
	# The CLI asks loopback servers (labs): the server is there and answers.
	lab_caa check --json loopback.test
	expect verdict allowed
	local before
	before=$(grep -c 'loopback' "$BATS_TEST_TMPDIR/lo.log")
	[ "$before" -ge 1 ]
	http $MAIN GET '/api/v1/check?name=loopback.test&fresh=1'
	expect_status 200
	expect verdict error
	[ "$(grep -c 'loopback' "$BATS_TEST_TMPDIR/lo.log")" -eq "$before" ]
	# diagnose's direct probes obey the same refusal, and say why.
	http $MAIN GET '/api/v1/diagnose?name=loopback.test'
	expect_status 200
	[ "$(grep -c 'loopback' "$BATS_TEST_TMPDIR/lo.log")" -eq "$before" ]
	/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.argv[1])
f = [f for f in d["findings"] if f["code"] == "NS_PRIVATE_ADDRESS"]
assert f and "must never query" in f[0]["summary"], d["findings"]' "$output"
	# ... while the lab (127.53.0.0/24, --allow-private) is asked.
	http $MAIN GET '/api/v1/check?name=unsigned.test&ca=ca.example&fresh=1'
	expect verdict allowed
	kill "$bad"
	wait "$bad" || true
}

@test "diagnose: the caa/1 diagnosis of one name, as caa diagnose --json" {
	http $MAIN GET '/api/v1/diagnose?name=quad-servfail.test'
	expect_status 200
	expect schema caa/1
	expect type diagnosis
	expect name quad-servfail.test
	[[ "$output" == *'"NS_SERVFAIL"'* ]]
	http $MAIN GET '/api/v1/diagnose?name=a.test&name=b.test'
	expect_status 400
	http $MAIN GET '/api/v1/diagnose'
	expect_status 400
}

@test "explain: the CA's error text in, the diagnosis of the name it is about out" {
	http $MAIN POST /api/v1/explain --data-binary "DNS problem: SERVFAIL looking up CAA for servfail.test - the domain's nameservers may be malfunctioning"
	expect_status 200
	expect type diagnosis
	expect name servfail.test
	expect check.verdict error
	http $MAIN POST /api/v1/explain --data-binary 'nothing to see here'
	expect_status 400
	expect type urn:caa:problem:no-name-found
}

@test "lint: zone text in, findings with fixes out" {
	http $MAIN POST /api/v1/lint --data-binary $'example.com. 300 IN CAA 0 issue "letsencrypt.org"\nexample.com. 300 IN CAA 0 issue "letsencrpyt.org"\n'
	expect_status 200
	expect type lint
	expect findings.0.code ISSUER_UNKNOWN_CA
	expect findings.0.line 2
	[[ "$(jf findings.0.fix)" == *'"letsencrypt.org"'* ]]
}

@test "generate: every format as JSON, or one as text; a bad policy is a 400" {
	http $MAIN GET '/api/v1/generate?name=example.com&ca=letsencrypt&iodef=mailto:sec@example.com'
	expect_status 200
	expect type generate
	[[ "$(jf formats.zone)" == *'example.com. IN CAA 0 issue "letsencrypt.org"'* ]]
	[[ "$(jf formats.tinydns)" == *':example.com:257:'* ]]
	http $MAIN GET '/api/v1/generate?name=example.com&ca=letsencrypt&format=zone'
	expect_status 200
	[[ "$output" == 'example.com. IN CAA 0 issue "letsencrypt.org"'* ]]
	http $MAIN GET '/api/v1/generate?name=example.com&ca=letsencrypt&methods=NOT%20A%20METHOD!'
	expect_status 400
	http $MAIN GET '/api/v1/generate?ca=letsencrypt'
	expect_status 400
}

@test "probe: blackbox-style gauges; diagnose=1 adds one series per finding" {
	run curl -s 'http://127.0.0.1:18080/probe?target=signed.test&ca=ca.example'
	[[ "$output" == *$'\ncaa_probe_success 1\n'* ]]
	[[ "$output" == *$'\ncaa_issuance_allowed 1\n'* ]]
	[[ "$output" == *$'\ncaa_lookup_error 0\n'* ]]
	[[ "$output" == *$'\ncaa_dnssec_secure 1\n'* ]]
	[[ "$output" == *$'\ncaa_relevant_depth 0\n'* ]]
	[[ "$output" == *$'\ncaa_probe_duration_seconds '* ]]
	run curl -s 'http://127.0.0.1:18080/probe?target=www.signed.test&ca=ca.example'
	[[ "$output" == *$'\ncaa_relevant_depth 1\n'* ]]
	run curl -s 'http://127.0.0.1:18080/probe?target=servfail.test&diagnose=1'
	[[ "$output" == *$'\ncaa_probe_success 0\n'* ]]
	[[ "$output" == *$'\ncaa_lookup_error 1\n'* ]]
	[[ "$output" == *'caa_finding{code="NS_SERVFAIL",severity="error"} 1'* ]]
	http $MAIN GET '/probe'
	expect_status 400
	http $MAIN GET '/probe?target=a..b'
	expect_status 400
}

@test "SIGTERM: a request in flight is answered, then exit 0" {
	serve_start 18087 --timeout 2
	curl -s -o "$BATS_TEST_TMPDIR/inflight" 'http://127.0.0.1:18087/api/v1/check?name=blackhole.test' &
	local c=$!
	sleep 0.5
	serve_stop 18087
	wait "$c"
	output=$(cat "$BATS_TEST_TMPDIR/inflight")
	expect verdict error
	run curl -s -m 2 http://127.0.0.1:18087/healthz
	[ "$status" -ne 0 ]
}

@test "access log: one line per request; JSON with --log-format json; SIGHUP reopens it" {
	local log="$BATS_FILE_TMPDIR/serve.18088.log" pid
	serve_start 18088 --log-format json
	http 18088 GET '/api/v1/check?name=a..b'
	grep '"path":"/api/v1/check"' "$log" | tail -1 | /usr/bin/python3 -c '
import json, sys
line = json.loads(sys.stdin.read())
assert line["status"] == 400 and line["method"] == "GET" and line["client"] == "127.0.0.1", line
assert line["bytes"] > 0 and line["duration_s"] >= 0 and line["time"].endswith("Z"), line'
	mv "$log" "$log.1"
	pid=$(cat "$BATS_FILE_TMPDIR/serve.18088.pid")
	kill -HUP "$pid"
	sleep 0.3
	http 18088 GET /healthz
	grep -q '"path":"/healthz"' "$log"
	! grep -q '"path":"/healthz"' "$log.1"
	serve_stop 18088
}

@test "slow clients are cut off (connection timeout); one address gets a bounded number of connections" {
	serve_start 18089 --connection-timeout 1 --per-ip-connections 2
	/usr/bin/python3 - <<-'PY'
		import socket, time
		s = socket.create_connection(("127.0.0.1", 18089))
		s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never finished
		s.settimeout(5)
		t0 = time.time()
		assert s.recv(100) == b"", "the server should close an idle half request"
		assert time.time() - t0 < 4, time.time() - t0
		conns = [socket.create_connection(("127.0.0.1", 18089)) for _ in range(3)]
		conns[2].settimeout(3)
		conns[2].sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
		try:
		    got = conns[2].recv(100)
		except ConnectionResetError:
		    got = b""
		assert got == b"", got
	PY
	serve_stop 18089
}

@test "IPv6: --listen [::1]:PORT next to IPv4; a request with huge headers is refused" {
	local pid rc=0
	"$CAA" serve --listen "[::1]:18090" --listen 127.0.0.1:18090 --root-hints "$LAB_HINTS" \
		--trust-anchor "$LAB_TA" --state-dir "$BATS_TEST_TMPDIR/st" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	for _ in $(seq 100); do curl -sfg 'http://[::1]:18090/healthz' >/dev/null && break; sleep 0.1; done
	run curl -sg 'http://[::1]:18090/healthz'
	[ "$output" = ok ]
	run curl -s 'http://127.0.0.1:18090/healthz'
	[ "$output" = ok ]
	# 100 KB of headers: past the per-connection memory limit (64 KiB).
	run curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $(head -c 100000 /dev/zero | tr '\0' a)" \
		http://127.0.0.1:18090/healthz
	[[ "$output" == 4* || "$output" == 000 ]]
	run curl -s http://127.0.0.1:18090/healthz
	[ "$output" = ok ]
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	[ "$rc" -eq 0 ]
}

@test "usage errors: bad --listen, bad CIDR, unknown option" {
	run "$CAA" serve --listen nonsense
	[ "$status" -ne 0 ]
	run "$CAA" serve --allow-private 10.0.0.1/8
	[ "$status" -eq 64 ]
	[[ "$output" == *"CIDR"* ]]
	run "$CAA" serve --bogus
	[ "$status" -eq 64 ]
	run "$CAA" serve --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"--allow-private"* ]]
}

@test "setup.sh's demo (lab-serve.sh --demo) shows a check and a probe, and exits 0" {
	# It once died after the check's first 20 lines: `json.tool | head -20` under pipefail.
	run --separate-stderr "$CAA_SOURCE_ROOT/tests/service/lab-serve.sh" --demo
	[ "$status" -eq 0 ]
	[[ "$output" == *'"verdict": "allowed"'* ]]
	[[ "$output" == *'caa_lookup_error 1'* ]]
}
