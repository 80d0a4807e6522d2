#!/usr/bin/env bash
# Fails if any C file of the tree is not clang-formatted (config: .clang-format).
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
mapfile -t files < <(find include src tests fuzz bench examples -name '*.[ch]' -not -path '*/build*' | sort)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! clang-format --dry-run --Werror "${files[@]}" 2>"$log"; then
    head -40 "$log"
    echo "not formatted: run clang-format -i on the files above"
    exit 1
fi
echo "${#files[@]} files formatted"
