#!/usr/bin/env bash
# Builds and runs every test twice: gcc with warnings as errors, and clang with ASan + UBSan.
# Ends with "N passed, N failed" (meson tests over both builds) and exits non-zero on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh || exit 1

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

status=0
run_build() {
    local dir=$1 compiler=$2
    shift 2
    rm -rf "$dir"
    if ! CC=$compiler meson setup "$dir" -Dwerror=true "$@" >"$dir.setup.log" 2>&1; then
        cat "$dir.setup.log"
        echo "test.sh: meson setup failed for $dir" >&2
        status=1
        return
    fi
    if ! ninja -C "$dir" >"$dir.build.log" 2>&1; then
        tail -50 "$dir.build.log"
        echo "test.sh: build failed for $dir" >&2
        status=1
        return
    fi
    meson test -C "$dir" --print-errorlogs --num-processes 2 || status=1
}

run_build build-test-gcc gcc
run_build build-test-asan clang -Db_sanitize=address,undefined -Db_lundef=false

/usr/bin/python3 - build-test-gcc build-test-asan <<'PY'
import json, sys, os
passed = failed = 0
for d in sys.argv[1:]:
    path = os.path.join(d, "meson-logs", "testlog.json")
    if not os.path.exists(path):
        failed += 1  # the build itself failed
        continue
    for line in open(path):
        r = json.loads(line)
        if r["result"] in ("OK", "EXPECTEDFAIL", "SKIP"):
            passed += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed")
PY
exit $status
