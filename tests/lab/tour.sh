#!/usr/bin/env bash
# A short tour of `caa check` on the lab, for newcomers (scripts/setup.sh runs it through
# tests/lab/in-namespace.sh). Every lookup goes to the lab's own root: nothing leaves the namespace.
set -uo pipefail
: "${LAB_HINTS:?run me through tests/lab/in-namespace.sh}" "${LAB_TA:?}"
caa=${CAA:-build/src/cli/caa}

show() {
    printf '\n$ caa check %s\n' "$*"
    "$caa" check --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" "$@"
    printf '(exit %d)\n' "$?"
}

show allowed.tour.test
show denied.tour.test
show '*.signed.test'
show expired.test
show notimp.test
show --timeout 2 drop.test
show --format nagios allowed.tour.test

printf '\n$ caa diagnose --allow-private notimp.test\n'
"$caa" diagnose --allow-private --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" notimp.test
printf '(exit %d)\n' "$?"

printf '\n$ printf "allowed.tour.test\\ndenied.tour.test\\nnotimp.test\\n" | caa bulk --format text\n'
printf 'allowed.tour.test\ndenied.tour.test\nnotimp.test\n' |
    "$caa" bulk --quiet --format text --root-hints "$LAB_HINTS" --trust-anchor "$LAB_TA" -
printf '(exit %d)\n' "$?"
