#!/usr/bin/env bats
# The HTML routes of `caa serve` (the pages are src/service/web's; the routes, the check that
# ends in a permalink, and the store wiring are tested here; tests/service/browser drives them
# in Chromium). Runs inside the lab: tests/lab/run-tests.sh tests/service/pages.bats

bats_require_minimum_version 1.5.0
load ../lab/lab_helpers
load serve_helpers

PORT=18180

setup_file() {
	: "${CAA:?set CAA to the caa binary}"
	: "${LAB_HINTS:?run inside the lab (tests/lab/in-namespace.sh)}"
	serve_start $PORT --client-rate 1000/1000 --domain-rate 1000/1000 --timeout 3
}

teardown_file() {
	serve_stop $PORT
}

setup() {
	http $PORT GET /
	if [ "$status" = 501 ]; then
		skip "this build has no web pages (-Dweb=disabled)"
	fi
}

@test "home: an HTML form that submits to /check, under the strict CSP" {
	http $PORT GET /
	expect_status 200
	[[ "$(header Content-Type)" == text/html* ]]
	[[ "$output" == *'action="/check"'* ]]
	[[ "$(header Content-Security-Policy)" == *"script-src 'self'"* ]]
	[[ "$output" != *"<script>"* ]] # no inline script
}

@test "check: the form's GET ends in a 303 to a permalink that renders the verdict" {
	http $PORT GET '/check?names=servfail.test+le.test&ca=letsencrypt'
	expect_status 303
	local loc
	loc=$(header Location)
	[[ "$loc" =~ ^/r/[a-z0-9]{32}$ ]]
	http $PORT GET "$loc"
	expect_status 200
	[[ "$output" == *servfail.test* ]]
	[[ "$output" == *le.test* ]]
	echo "$loc" >"$BATS_FILE_TMPDIR/permalink"
}

@test "check: an allowed name whose servers disagree shows the warning and each server's answer" {
	http $PORT GET '/check?names=disagree.test'
	expect_status 303
	http $PORT GET "$(header Location)"
	expect_status 200
	[[ "$output" == *'<div class="banner allowed"'* ]]
	[[ "$output" == *'<div class="notice warning">'* ]]
	[[ "$output" == *'<code>NS_INCONSISTENT</code>'* ]]
	[[ "$output" == *'<li><code>nsb.test</code> (127.53.0.4): NOERROR: 0 iodef'* ]]
}

@test "permalinks: unknown and malformed ids are 404 pages; a permalink survives a restart" {
	http $PORT GET /r/0123456789abcdef0123456789abcdef
	expect_status 404
	[[ "$(header Content-Type)" == text/html* ]]
	http $PORT GET '/r/..%2F..%2Fetc%2Fpasswd'
	expect_status 404
	local loc
	loc=$(cat "$BATS_FILE_TMPDIR/permalink")
	# Another process on the same state directory, started twice: the link is still there.
	serve_start 18182 --state-dir "$BATS_FILE_TMPDIR/state.$PORT"
	http 18182 GET "$loc"
	expect_status 200
	serve_stop 18182
	serve_start 18182 --state-dir "$BATS_FILE_TMPDIR/state.$PORT"
	http 18182 GET "$loc"
	expect_status 200
	[[ "$output" == *servfail.test* ]]
	serve_stop 18182
}

@test "what the user typed comes back escaped: <script> and \"onmouseover= are text" {
	http $PORT GET '/check?names=%3Cscript%3Ealert(1)%3C%2Fscript%3E'
	expect_status 400
	[[ "$output" == *'&lt;script&gt;'* ]]
	[[ "$output" != *'<script>alert'* ]]
	http $PORT GET '/check?names=%22onmouseover%3Dalert(1)%20x'
	expect_status 400
	[[ "$output" != *'"onmouseover=alert'* ]]
	[[ "$output" == *'&quot;onmouseover='* ]]
}

@test "static files, lint, generate and explain pages" {
	http $PORT GET /static/caa.css
	expect_status 200
	[[ "$(header Content-Type)" == text/css* ]]
	http $PORT GET /static/caa.js
	expect_status 200
	http $PORT GET /static/nothing
	expect_status 404
	http $PORT GET /lint
	expect_status 200
	http $PORT POST /lint --data-urlencode 'zone=example.com. 300 IN CAA 0 issue "letsencrpyt.org"'
	expect_status 200
	[[ "$output" == *letsencrypt.org* ]]
	http $PORT GET '/generate?name=example.com&ca=letsencrypt'
	expect_status 200
	[[ "$output" == *'issue'* ]]
	http $PORT POST /explain --data-urlencode 'text=CAA record for signed.test prevents issuance'
	expect_status 200
	[[ "$output" == *signed.test* ]]
}

@test "rate limits and overload answer pages on HTML routes" {
	serve_start 18181 --client-rate 0.01/1
	http 18181 GET '/check?names=le.test'
	expect_status 303
	http 18181 GET '/check?names=signed.test'
	expect_status 429
	[[ "$(header Content-Type)" == text/html* ]]
	[ "$(header Retry-After)" -ge 1 ]
	serve_stop 18181
}
