#!/usr/bin/env bash
# One command for a newcomer on Debian 12: install what caa needs, build it, and show it working.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
if [ ! -d build ]; then
    meson setup build >/dev/null
fi
ninja -C build >/dev/null
caa=build/src/cli/caa
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT

show() {
    printf '\n$ %s\n' "$*"
    "$@" || printf '(exit %d)\n' "$?"
}

cat >"$demo/example.com.zone" <<'ZONE'
$ORIGIN example.com.
$TTL 3600
@        IN CAA 0 issue "letsencrypt.org"
@        IN CAA 0 issuewild "digicert.com."
@        IN CAA 1 iodef "security@example.com"
shop     IN CAA 0 issue "Let's Encrypt"
www      IN A   192.0.2.1
ZONE

echo "== caa $("$caa" version | cut -d' ' -f2) built in ./build: offline commands =="
show "$caa" generate --ca letsencrypt.org --wildcard-ca digicert.com --iodef mailto:sec@example.com example.com
show cat "$demo/example.com.zone"
show "$caa" lint "$demo/example.com.zone"
show "$caa" eval --ca letsencrypt.org www.example.com <"$demo/example.com.zone"
show "$caa" eval --ca letsencrypt.org '*.example.com' <"$demo/example.com.zone"
show "$caa" eval --ca letsencrypt.org shop.example.com <"$demo/example.com.zone"

echo
echo "== caa check on the built-in DNS lab (a private root, NSD, Knot and a misbehaving server"
echo "   in a network namespace of its own: nothing here reaches the Internet) =="
CAA="$caa" tests/lab/in-namespace.sh tests/lab/tour.sh

echo
echo "== caa serve on the lab: the JSON API and the Prometheus probe (tests/service/lab-serve.sh"
echo "   without --demo serves the web page to a browser on this machine) =="
CAA="$caa" tests/service/lab-serve.sh --demo
