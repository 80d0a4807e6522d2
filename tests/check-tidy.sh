#!/usr/bin/env bash
# Runs clang-tidy (config: .clang-tidy) over every C file of src/, with the build's
# compile_commands.json; fails on any finding.
# usage: check-tidy.sh SOURCE_ROOT BUILD_ROOT
set -euo pipefail
root=$1
build=$2
cd "$root"
if [ ! -f "$build/compile_commands.json" ]; then
    echo "no $build/compile_commands.json"
    exit 1
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Two at a time: the machine is shared.
if ! find src -name '*.c' | sort | xargs -P2 -n8 clang-tidy -p "$build" --quiet >"$log" 2>&1; then
    grep -E 'error:|warning:' -A3 "$log" | head -80
    echo "clang-tidy found problems (checks: .clang-tidy)"
    exit 1
fi
echo "clang-tidy: $(find src -name '*.c' | wc -l) files clean"
