#!/usr/bin/env bash
# The lab suite: caa check against the hermetic DNS lab (check.bats: every outcome;
# conformance.bats: SSLMate's caatestsuite; diagnose.bats: caa diagnose, every finding code).
# Starts the lab in fresh namespaces, prints TAP.
#
#   CAA=build/src/cli/caa [CAA_BUILD_ROOT=build] tests/lab/run-tests.sh [BATS_FILE...]
#   ... tests/lab/run-tests.sh --filter REGEX BATS_FILE...   (bats options go first)
#
# meson runs it as `meson test --suite lab`; works as root (CI) and unprivileged (user ns).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${CAA:?set CAA to the caa binary}"
CAA=$(realpath "$CAA")
export CAA
export CAA_SOURCE_ROOT=${CAA_SOURCE_ROOT:-$(cd "$HERE/../.." && pwd)}
# The build root holds the example and the thread test; derived from CAA when not given.
export CAA_BUILD_ROOT=${CAA_BUILD_ROOT:-$(cd "$(dirname "$CAA")/../.." && pwd)}

if [ $# -eq 0 ]; then
	set -- "$HERE/check.bats" "$HERE/conformance.bats" "$HERE/bulk.bats" "$HERE/diagnose.bats" \
		"$HERE/hostile.bats"
fi
# The lab's own messages go to stderr; stdout is TAP only.
exec "$HERE/in-namespace.sh" bats --tap "$@"
