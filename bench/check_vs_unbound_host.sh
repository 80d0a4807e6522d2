#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# One `caa check` process end to end on a lab name, next to `unbound-host -t CAA` on the same name
# in the same run (issue 3). Both are cold processes with a fresh resolver: start, read the root
# hints and trust anchor, resolve from the lab root with DNSSEC validation, print, exit.
# `caa check` climbs (RFC 8659 §3: one CAA query per label, in parallel, down to the TLD) and
# judges; unbound-host asks one query. Runs are interleaved; wall time per process, median and p90.
#
# Runs only inside the hermetic lab (tests/lab/README.md): without LAB_HINTS it re-executes itself
# through tests/lab/in-namespace.sh, and both tools always get the lab's root hints and trust
# anchor, so nothing leaves the namespace.
#
#   bench/check_vs_unbound_host.sh [-n RUNS] [--caa PATH]
#
# RUNS defaults to 50 per tool per name. The caa binary is --caa, else $CAA, else
# build/src/cli/caa; use a release build (`meson setup build-release --buildtype=release`).
# Exit: 0 done, 1 a run failed or gave an unexpected answer, 2 unbound-host missing, 64 usage.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=50
caa=${CAA:-$repo/build/src/cli/caa}

usage() {
    sed -n '/^#   bench/,/^# Exit/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 64
}

while [ $# -gt 0 ]; do
    case $1 in
    -n)
        [ $# -ge 2 ] || usage
        runs=$2
        shift 2
        ;;
    --caa)
        [ $# -ge 2 ] || usage
        caa=$2
        shift 2
        ;;
    -h | --help) usage ;;
    *) usage ;;
    esac
done
case $runs in
'' | *[!0-9]* | 0) usage ;;
esac

if ! command -v unbound-host >/dev/null 2>&1; then
    echo "unbound-host not found: apt-get install unbound-host" >&2
    exit 2
fi
if [ ! -x "$caa" ]; then
    echo "no caa binary at $caa (build one, or set CAA / --caa)" >&2
    exit 1
fi
caa=$(cd "$(dirname "$caa")" && pwd)/$(basename "$caa")

if [ -z "${LAB_HINTS:-}" ]; then
    exec "$repo/tests/lab/in-namespace.sh" "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")" -n "$runs" --caa "$caa"
fi
: "${LAB_TA:?LAB_TA unset: run through tests/lab/in-namespace.sh}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# dns-lab.md §9: hints (or the real root), test. made resolvable, loopback servers allowed; and
# caa check's resolver profile, option for option (ca_options in src/lib/dns/resolver_unbound.c).
# This file used to set `do-ip6: no`, which caa's resolver does not (a CA asks IPv6 servers
# too); in the lab unbound-host sends 7 queries per name either way.
cat >"$work/unbound-host.conf" <<EOF
server:
    root-hints: "$LAB_HINTS"
    trust-anchor-file: "$LAB_TA"
    local-zone: "test." transparent
    do-not-query-localhost: no
    qname-minimisation: no
    trust-anchor-signaling: no
    use-caps-for-id: no
    edns-buffer-size: 1232
    harden-dnssec-stripped: yes
    harden-glue: yes
    harden-below-nxdomain: yes
    val-log-level: 2
    root-key-sentinel: no
    aggressive-nsec: no
    rrset-roundrobin: no
EOF

exec /usr/bin/python3 - "$runs" "$caa" "$work/unbound-host.conf" "$LAB_HINTS" "$LAB_TA" <<'PY'
import json
import os
import statistics
import sys
import time

runs = int(sys.argv[1])
caa, ub_conf, hints, ta = sys.argv[2:6]

# name, what the climb does, caa check's exit status, what unbound-host must print
NAMES = [
    ("allowed.tour.test", "RRset at the name", 0, "has CAA record 0 issue \"letsencrypt.org\" (secure)"),
    ("a.b.c.signed.test", "climb: 4 labels + TLD, secure", 1, "has no CAA record (secure)"),
]


def caa_cmd(name):
    # The CA's lookup only: check's cross-check of the zone's servers (on by default in the
    # CLI, a warning a CA does not give) is extra work unbound-host has no counterpart for.
    return [caa, "check", "--no-compare-servers", "--root-hints", hints, "--trust-anchor", ta,
            name]


def ub_cmd(name):
    return ["unbound-host", "-C", ub_conf, "-v", "-t", "CAA", name]


def run(argv):
    """One process: wall ms (fork to reap), user+sys CPU ms, exit status, stdout."""
    r, w = os.pipe()
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.dup2(w, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    os.close(w)
    chunks = []
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(r)
    _, status, usage = os.wait4(pid, 0)
    wall_ms = (time.perf_counter() - t0) * 1000.0
    cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000.0
    return wall_ms, cpu_ms, os.waitstatus_to_exitcode(status), b"".join(chunks).decode(errors="replace")


def p90(xs):
    s = sorted(xs)
    # nearest rank
    return s[max(0, -(-len(s) * 90 // 100) - 1)]


def buildtype():
    # caa lives in BUILD/src/cli/caa; meson records the build type there.
    intro = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(caa))),
                         "meson-info", "intro-buildoptions.json")
    try:
        with open(intro) as f:
            for opt in json.load(f):
                if opt.get("name") == "buildtype":
                    return opt.get("value")
    except (OSError, ValueError):
        pass
    return "unknown"


def version(argv):
    try:
        _, _, _, out = run(argv)
        return out.strip().splitlines()[0] if out.strip() else "?"
    except OSError:
        return "?"


results = {}  # (tool, name) -> {"wall": [...], "cpu": [...]}
failures = 0
# One unmeasured round first: page cache, lab servers' first answers.
for name, _, _, _ in NAMES:
    run(caa_cmd(name))
    run(ub_cmd(name))

for i in range(runs):
    for name, _, want_caa, want_ub in NAMES:
        # Interleaved, and the order alternates so neither tool always goes first.
        order = [("caa check", caa_cmd(name)), ("unbound-host", ub_cmd(name))]
        if i % 2:
            order.reverse()
        for tool, argv in order:
            wall, cpu, code, out = run(argv)
            ok = code == want_caa if tool == "caa check" else (code == 0 and want_ub in out)
            if not ok:
                failures += 1
                sys.stderr.write("unexpected: %s -> exit %d\n%s\n" % (" ".join(argv), code, out))
                continue
            r = results.setdefault((tool, name), {"wall": [], "cpu": []})
            r["wall"].append(wall)
            r["cpu"].append(cpu)

print("# caa check vs unbound-host -t CAA (DNS lab, %d runs each, interleaved)" % runs)
print()
print("caa: %s (%s, buildtype %s)" % (caa, version([caa, "version"]), buildtype()))
print("unbound-host: %s" % version(["dpkg-query", "-W", "-f", "${Package} ${Version}", "unbound-host"]))
print("commands (LAB_HINTS=%s, LAB_TA=%s):" % (hints, ta))


def shown(argv):
    text = " ".join(argv)
    return text.replace(hints, "$LAB_HINTS").replace(ta, "$LAB_TA").replace(ub_conf, "$CONF")


for name, _, _, _ in NAMES:
    print("  " + shown(caa_cmd(name)))
    print("  " + shown(ub_cmd(name)))
print("CONF (%s):" % ub_conf)
with open(ub_conf) as f:
    for line in f:
        print("  " + shown([line.rstrip()]))
print()
print("| Name | Lookup | Tool | Wall median (ms) | Wall p90 (ms) | CPU user+sys median (ms) |")
print("|---|---|---|---:|---:|---:|")
for name, what, _, _ in NAMES:
    for tool in ("caa check", "unbound-host"):
        r = results.get((tool, name))
        if not r:
            print("| `%s` | %s | `%s` | failed | failed | failed |" % (name, what, tool))
            continue
        print("| `%s` | %s | `%s` | %.1f | %.1f | %.1f |" % (
            name, what, tool, statistics.median(r["wall"]), p90(r["wall"]),
            statistics.median(r["cpu"])))
print()
print("Wall: fork to exit of one cold process (resolver set-up, priming from the lab root, "
      "validation, output). caa check asks one CAA query per label of the climb, in parallel, "
      "and judges; unbound-host asks one query. CPU from wait4() rusage.")
if failures:
    print("\n%d run(s) failed or answered unexpectedly (see stderr); excluded above." % failures)
sys.exit(1 if failures else 0)
PY
