#!/usr/bin/env bash
# Installs every package caa needs to build, test and run its DNS lab, if missing (Debian 12).
# Called by scripts/setup.sh and scripts/test.sh; safe to run again.
set -euo pipefail

packages=(
    # build
    meson ninja-build pkg-config gcc clang libclang-rt-14-dev clang-format clang-tidy scdoc
    libunbound-dev libldns-dev libjansson-dev libidn2-dev libevent-dev dns-root-data
    libpsl-dev publicsuffix
    # caa serve (caa-serve): HTTP server, permalinks (SQLite, HMAC ids)
    libmicrohttpd-dev libsqlite3-dev libssl-dev
    # tests
    libcmocka-dev bats curl python3-jsonschema
    # tests/service/browser: caa serve's pages in headless Chromium, driven by Selenium
    chromium chromium-driver python3-selenium
    # tests/service/lab-serve.sh: the lab's web page in a browser on the host
    socat
    # bench/serve
    wrk
    # the DNS lab (tests/lab): authoritative servers, signing tools, the misbehaving server
    nsd knot knot-dnsutils ldnsutils python3 python3-dnslib bind9-dnsutils iproute2 util-linux
    unbound-host unbound dnsperf
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
