#!/usr/bin/env bash
# The browser test of caa serve: starts the lab in fresh namespaces, `caa serve` on loopback
# inside them, and headless Chromium (Selenium) against it. Prints TAP; screenshots and the
# server's log go to OUT_DIR.
#
#   tests/service/browser/run.sh CAA_BINARY OUT_DIR
#
# Packages (Debian 12): chromium chromium-driver python3-selenium (scripts/install-deps.sh).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)

if [ $# -ne 2 ]; then
	echo "usage: run.sh CAA_BINARY OUT_DIR" >&2
	exit 2
fi
for need in /usr/bin/chromium /usr/bin/chromedriver; do
	if [ ! -x "$need" ]; then
		echo "1..0 # SKIP $need is not installed (scripts/install-deps.sh installs it)"
		exit 0
	fi
done
if ! /usr/bin/python3 -c 'import selenium' 2>/dev/null; then
	echo "1..0 # SKIP python3-selenium is not installed (scripts/install-deps.sh installs it)"
	exit 0
fi
CAA=$(realpath "$1")
mkdir -p "$2"
OUT=$(realpath "$2")
export CAA OUT
# The lab's own messages go to stderr; stdout is TAP only.
exec "$ROOT/tests/lab/in-namespace.sh" "$HERE/in-lab.sh"
