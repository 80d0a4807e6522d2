#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# What `caa check`'s server comparison (issue 11) costs: one `caa check` process end to end on
# lab names with the comparison (--allow-private: the lab's servers are on loopback) and without
# (--no-compare-servers), runs interleaved; wall time per process, median.
#
# Runs only inside the hermetic lab (tests/lab/README.md): without LAB_HINTS it re-executes itself
# through tests/lab/in-namespace.sh, and caa always gets the lab's root hints and trust anchor.
#
#   bench/check_compare_servers.sh [-n RUNS] [--caa PATH]
#
# RUNS defaults to 21. The caa binary is --caa, else $CAA, else build/src/cli/caa.
# Exit: 0 done, 1 a run failed, 64 usage.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=21
caa=${CAA:-$repo/build/src/cli/caa}

while [ $# -gt 0 ]; do
    case $1 in
    -n) runs=$2; shift 2 ;;
    --caa) caa=$2; shift 2 ;;
    *) sed -n '/^#   bench/,/^# Exit/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 64 ;;
    esac
done
caa=$(realpath "$caa")

if [ -z "${LAB_HINTS:-}" ]; then
    exec "$repo/tests/lab/in-namespace.sh" "${BASH_SOURCE[0]}" -n "$runs" --caa "$caa"
fi

lab=(--root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA")
ms() {
    local s e
    s=$(date +%s%N)
    "$caa" check "${lab[@]}" "$@" >/dev/null || [ $? -eq 1 ]
    e=$(date +%s%N)
    echo $(((e - s) / 1000000))
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

for name in disagree.test signed.test; do
    on=() off=()
    for _ in $(seq "$runs"); do
        on+=("$(ms --allow-private "$name")")
        off+=("$(ms --no-compare-servers "$name")")
    done
    echo "$name: compared $(printf '%s\n' "${on[@]}" | median) ms, not compared" \
        "$(printf '%s\n' "${off[@]}" | median) ms (median of $runs)"
done
