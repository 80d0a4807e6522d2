#!/usr/bin/env bash
# Builds and runs every test twice: gcc with warnings as errors, and clang with ASan + UBSan;
# then the tests that run lookups on several threads (suites unit and threads) with
# ThreadSanitizer. Ends with "N passed, N failed" (meson tests over the three builds) and exits
# non-zero on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh || exit 1

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"

status=0
# run_build DIR COMPILER [MESON SETUP ARGS...] [-- MESON TEST ARGS...]
run_build() {
    local dir=$1 compiler=$2 setup_args=() test_args=()
    shift 2
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        setup_args+=("$1")
        shift
    done
    [ $# -eq 0 ] || shift
    test_args=("$@")
    rm -rf "$dir"
    if ! CC=$compiler meson setup "$dir" -Dwerror=true -Dtests=true ${setup_args[@]+"${setup_args[@]}"} >"$dir.setup.log" 2>&1; then
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
    meson test -C "$dir" --print-errorlogs --num-processes 2 ${test_args[@]+"${test_args[@]}"} || status=1
}

# lab_check and lab_diagnose already run the tests of suite threads in these two builds.
run_build build-test-gcc gcc -- --no-suite threads
run_build build-test-asan clang -Db_sanitize=address,undefined -Db_lundef=false -- --no-suite threads
run_build build-test-tsan clang -Db_sanitize=thread -Db_lundef=false -- --suite unit --suite threads

/usr/bin/python3 - build-test-gcc build-test-asan build-test-tsan <<'PY'
import json, sys, os
passed = failed = skipped = 0
for d in sys.argv[1:]:
    path = os.path.join(d, "meson-logs", "testlog.json")
    if not os.path.exists(path):
        failed += 1  # the build itself failed
        continue
    for line in open(path):
        r = json.loads(line)
        if r["result"] in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r["result"] == "SKIP":
            skipped += 1  # e.g. the heap-call counter under a sanitizer: neither passed nor failed
        else:
            failed += 1
if skipped:
    print(f"{skipped} skipped")
print(f"{passed} passed, {failed} failed")
PY
exit $status
