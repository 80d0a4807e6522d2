#!/usr/bin/env bats
# A context that keeps its resolver (caa_ctx_set_resolver_reuse): a CAA record changed in the
# lab's Knot (ksigned.test, knotc) is not seen from the cache within its TTL, and is seen after
# caa_ctx_reset_resolver or once the resolver is max_age old. tests/lab/reuse.c is the driver.

bats_require_minimum_version 1.5.0
load lab_helpers

setup_file() {
	: "${LAB_DIR:?run inside the lab (tests/lab/in-namespace.sh)}"
	export REUSE=$CAA_BUILD_ROOT/tests/lab/lab_reuse
}

# The shell command that makes LABEL.ksigned.test's CAA record (TTL 300) `0 issue "ISSUER"`.
set_caa() {
	local label=$1 issuer=$2 k="knotc -c $LAB_DIR/knot/knot.conf"
	echo "$k zone-begin ksigned.test >/dev/null &&" \
		"{ $k zone-unset ksigned.test $label CAA >/dev/null 2>&1 || true; } &&" \
		"$k zone-set ksigned.test $label 300 CAA 0 issue '\"$issuer\"' >/dev/null &&" \
		"$k zone-commit ksigned.test >/dev/null"
}

reuse() {
	run --separate-stderr "$REUSE" "$LAB_HINTS" "$LAB_TA" "$@"
	[ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
}

@test "reuse off: every check sees the record as it is now" {
	sh -c "$(set_caa off ca.example)"
	reuse 0 check off.ksigned.test run "$(set_caa off letsencrypt.org)" check off.ksigned.test
	[[ "${lines[0]}" == "off.ksigned.test allowed "* ]]
	[[ "${lines[1]}" == "off.ksigned.test denied "* ]]
}

@test "reuse: a changed record is not seen within its TTL, and is after a reset" {
	sh -c "$(set_caa kept ca.example)"
	reuse 3600 check kept.ksigned.test run "$(set_caa kept letsencrypt.org)" \
		check kept.ksigned.test reset check kept.ksigned.test
	[[ "${lines[0]}" == "kept.ksigned.test allowed "* ]]
	[[ "${lines[1]}" == "kept.ksigned.test allowed "* ]] # from the kept resolver's cache
	[[ "${lines[2]}" == "kept.ksigned.test denied "* ]]  # a cold resolver sees the change
}

@test "reuse: a changed record is seen once the resolver is max_age old" {
	sh -c "$(set_caa aged ca.example)"
	reuse 2 check aged.ksigned.test run "$(set_caa aged letsencrypt.org)" run "sleep 3" \
		check aged.ksigned.test
	[[ "${lines[0]}" == "aged.ksigned.test allowed "* ]]
	[[ "${lines[1]}" == "aged.ksigned.test denied "* ]]
}

@test "reuse: a check that times out with lookups in flight gives up the resolver; the next checks work" {
	# The kept resolver runs libunbound in event mode, whose lookups cannot be cancelled: one
	# still waiting on drop.test's silent server at the deadline goes with the resolver, and
	# its late answer must reach nothing (ASan and TSan runs watch this).
	reuse 3600 timeout 1000 check drop.test timeout 5000 check signed.test check a.signed.test \
		timeout 1000 check drop.test check signed.test
	[[ "${lines[0]}" == "drop.test error DNS_TIMEOUT "* ]]
	[[ "${lines[1]}" == "signed.test allowed "* ]]
	[[ "${lines[2]}" == "a.signed.test allowed "* ]]
	[[ "${lines[3]}" == "drop.test error DNS_TIMEOUT "* ]]
	[[ "${lines[4]}" == "signed.test allowed "* ]]
}

@test "reuse + comparison: servers that agreed are not asked again for a while; a disagreement is reported every time" {
	# quad-nocase.test's fourth server is the lab's scripted one, which logs every query.
	local asked="grep -c ' quad-nocase.test. IN CAA' $LAB_DIR/badserver.log"
	reuse 3600 compare check quad-nocase.test run "$asked >$BATS_TEST_TMPDIR/after1 || true" \
		check quad-nocase.test check a.quad-nocase.test run "$asked >$BATS_TEST_TMPDIR/after3 || true" \
		check disagree.test check disagree.test
	[[ "${lines[0]}" == "quad-nocase.test allowed CAA_AUTHORIZED warnings=0" ]]
	[[ "${lines[1]}" == "quad-nocase.test allowed CAA_AUTHORIZED warnings=0" ]]
	[[ "${lines[2]}" == "a.quad-nocase.test allowed CAA_AUTHORIZED warnings=0" ]]
	[ "$(cat "$BATS_TEST_TMPDIR/after1")" -ge 1 ]
	[ "$(cat "$BATS_TEST_TMPDIR/after3")" = "$(cat "$BATS_TEST_TMPDIR/after1")" ]
	[[ "${lines[3]}" == "disagree.test "*" warnings=1" ]]
	[[ "${lines[4]}" == "disagree.test "*" warnings=1" ]]
}
