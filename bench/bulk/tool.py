#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Helpers for bench/bulk/run.sh.

  tool.py compare EXPECTED.tsv OUT.ndjson [--copies K] [--input FILE]
      Every result line's verdict+code against expected.tsv, by name. Each expected name
      must appear exactly K times (K = how often the input was repeated). Prints
      "N/N verdicts equal", up to 20 mismatches, missing/extra/duplicate names; exit 1 on any.
  tool.py oracle DIR CAA [--per-class K] [--bulk OUT.ndjson]
      `caa check` (one process per name) on K names of every class in classes.tsv: proves
      expected.tsv says what caa check says; with --bulk, also that caa bulk gave each of them
      caa check's verdict, code, relevant owner and DNSSEC state. Exit 1 on any difference.
  tool.py agree A.ndjson B.ndjson
      Two caa bulk outputs over the same input: the same verdict, code, relevant owner and
      DNSSEC state for every name. Exit 1 on any difference.
  tool.py timev FILE
      /usr/bin/time -v output as shell assignments: wall_s, cpu_s, rss_kb.
  tool.py dnsperf FILE
      dnsperf output as shell assignments: dp_qps, dp_sent, dp_completed, dp_lost, dp_rcodes.
  tool.py table KEY=VALUE...
      The Markdown table for the README.
"""

import collections
import concurrent.futures
import json
import os
import random
import re
import subprocess
import sys


def norm(name):
    return name.strip().rstrip(".").lower()


def cmd_compare(args):
    exp_path, out_path = args[0], args[1]
    copies = 1
    input_path = None
    i = 2
    while i < len(args):
        if args[i] == "--copies":
            copies = int(args[i + 1])
            i += 2
        elif args[i] == "--input":
            input_path = args[i + 1]
            i += 2
        else:
            sys.exit("compare: unknown argument " + args[i])
    expected = {}
    with open(exp_path) as f:
        for line in f:
            n, v, c = line.rstrip("\n").split("\t")
            expected[n] = (v, c)
    inputs = None
    if input_path:
        with open(input_path) as f:
            inputs = [norm(x) for x in f if x.strip() and not x.lstrip().startswith("#")]
    seen = collections.Counter()
    mismatches = []
    extra = []
    bad_json = 0
    summaries = 0
    index_ok = [0, 0]  # results whose index is the 0-based / 1-based input position
    results = 0
    codes = collections.Counter()
    with open(out_path, "rb") as f:
        for raw in f:
            try:
                o = json.loads(raw)
            except ValueError:
                bad_json += 1
                continue
            t = o.get("type")
            if t == "summary":
                summaries += 1
                continue
            if t != "result":
                continue
            results += 1
            n = norm(str(o.get("name") or ""))
            got = (o.get("verdict"), o.get("code"))
            codes["%s %s" % got] += 1
            if inputs is not None:
                idx = o.get("index")
                for base in (0, 1):
                    if isinstance(idx, int) and 0 <= idx - base < len(inputs) and inputs[idx - base] == n:
                        index_ok[base] += 1
            if n not in expected:
                extra.append(n)
                continue
            seen[n] += 1
            if got != expected[n]:
                mismatches.append((n, expected[n], got))
    total = len(expected) * copies
    missing = [n for n in expected if seen[n] < copies]
    dups = [n for n in expected if seen[n] > copies]
    equal = results - len(mismatches) - len(extra)
    print("%d/%d verdicts equal" % (equal, total))
    print("  result codes: " + ", ".join("%s %d" % kv for kv in codes.most_common()))
    for n, e, g in mismatches[:20]:
        print("  MISMATCH %s: expected %s %s, got %s %s" % (n, e[0], e[1], g[0], g[1]))
    if len(mismatches) > 20:
        print("  ... %d mismatches in all" % len(mismatches))
    if missing:
        print("  MISSING %d names (no or too few result lines), e.g. %s" % (len(missing), ", ".join(missing[:5])))
    if dups:
        print("  DUPLICATE %d names (more result lines than input lines), e.g. %s" % (len(dups), ", ".join(dups[:5])))
    if extra:
        print("  EXTRA %d result lines for names not in the input, e.g. %s" % (len(extra), ", ".join(extra[:5])))
    if bad_json:
        print("  %d output lines are not JSON" % bad_json)
    if summaries != 1:
        print("  %d summary lines (want 1)" % summaries)
    if inputs is not None:
        base = 1 if index_ok[1] > index_ok[0] else 0
        print("  index: %d/%d result lines name the input line at their index (%d-based)%s" %
              (index_ok[base], results, base,
               "" if index_ok[base] == results else " (not counted as a verdict mismatch)"))
    ok = not mismatches and not missing and not dups and not extra and not bad_json and summaries == 1
    return 0 if ok and equal == total else 1


def bulk_views(path):
    """name -> (verdict, code, relevant owner, dnssec) of a caa bulk NDJSON output."""
    out = {}
    with open(path, "rb") as f:
        for raw in f:
            o = json.loads(raw)
            if o.get("type") == "result":
                out[norm(str(o.get("name", "")))] = (o.get("verdict"), o.get("code"),
                                                     o.get("relevant_owner") or "", o.get("dnssec"))
    return out


def cmd_agree(args):
    a, b = bulk_views(args[0]), bulk_views(args[1])
    bad = [(n, a.get(n), b.get(n)) for n in sorted(set(a) | set(b)) if a.get(n) != b.get(n)]
    print("%d/%d names: the same verdict, code, relevant owner and DNSSEC state in %s and %s" %
          (len(set(a) | set(b)) - len(bad), len(set(a) | set(b)), os.path.basename(args[0]),
           os.path.basename(args[1])))
    for n, x, y in bad[:20]:
        print("  DISAGREE %s: %s vs %s" % (n, x, y))
    return 1 if bad or not a else 0


def cmd_oracle(args):
    d, caa = args[0], args[1]
    per, bulk_path = 10, None
    for i in range(2, len(args) - 1, 2):
        if args[i] == "--per-class":
            per = int(args[i + 1])
        elif args[i] == "--bulk":
            bulk_path = args[i + 1]
    expected = {}
    with open(os.path.join(d, "expected.tsv")) as f:
        for line in f:
            n, v, c = line.rstrip("\n").split("\t")
            expected[n] = (v, c)
    byclass = collections.defaultdict(list)
    with open(os.path.join(d, "classes.tsv")) as f:
        for line in f:
            n, k = line.rstrip("\n").split("\t")
            byclass[k].append(n)
    rng = random.Random(7)
    sample = []
    for k in sorted(byclass):
        sample += rng.sample(byclass[k], min(per, len(byclass[k])))
    base = [caa, "check", "--root-hints", os.path.join(d, "root.hints"),
            "--trust-anchor", os.path.join(d, "root.ds"), "--format", "ndjson"]

    def one(n):
        p = subprocess.run(base + [n], capture_output=True, text=True, timeout=60)
        for line in p.stdout.splitlines():
            try:
                o = json.loads(line)
            except ValueError:
                continue
            if o.get("type") == "result":
                rr = o.get("relevant_rrset") or {}
                return n, (o.get("verdict"), o.get("code"), rr.get("owner") or "", rr.get("dnssec"))
        return n, ("no-result", "exit %d: %s" % (p.returncode, p.stderr.strip()[:120]), "", "")

    bad = []
    bulk_bad = []
    bulk = bulk_views(bulk_path) if bulk_path else None
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
        for n, got in ex.map(one, sample):
            if got[:2] != expected[n]:
                bad.append((n, expected[n], got))
            if bulk is not None and bulk.get(norm(n)) != got:
                bulk_bad.append((n, got, bulk.get(norm(n))))
    print("%d/%d sampled names: caa check agrees with expected.tsv (%d classes)" %
          (len(sample) - len(bad), len(sample), len(byclass)))
    for n, e, g in bad[:20]:
        print("  ORACLE MISMATCH %s: expected.tsv %s %s, caa check %s %s" % (n, e[0], e[1], g[0], g[1]))
    if bulk is not None:
        print("%d/%d sampled names: caa bulk gives caa check's verdict, code, relevant owner and "
              "DNSSEC state" % (len(sample) - len(bulk_bad), len(sample)))
        for n, c, b in bulk_bad[:20]:
            print("  BULK MISMATCH %s: caa check %s, caa bulk %s" % (n, c, b))
    return 1 if bad or bulk_bad else 0


def cmd_timev(args):
    text = open(args[0]).read()

    def field(label):
        m = re.search(r"^\s*" + re.escape(label) + r":\s*(.+)$", text, re.M)
        return m.group(1).strip() if m else None

    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    secs = 0.0
    if wall:
        for part in wall.split(":"):
            secs = secs * 60 + float(part)
    user = float(field("User time (seconds)") or 0)
    sys_ = float(field("System time (seconds)") or 0)
    rss = int(field("Maximum resident set size (kbytes)") or 0)
    status = field("Exit status") or "?"
    print("wall_s=%.3f cpu_s=%.3f rss_kb=%d exit_status=%s" % (secs, user + sys_, rss, status))
    return 0


def cmd_dnsperf(args):
    text = open(args[0]).read()

    def num(label):
        m = re.search(re.escape(label) + r"\s*([0-9.]+)", text)
        return m.group(1) if m else "0"

    rc = re.search(r"Response codes:\s*(.*)", text)
    print("dp_qps=%s dp_sent=%s dp_completed=%s dp_lost=%s dp_runtime=%s dp_rcodes=%s" % (
        num("Queries per second:"), num("Queries sent:"), num("Queries completed:"),
        num("Queries lost:"), num("Run time (s):"),
        "'" + (rc.group(1).strip() if rc else "").replace("'", "") + "'"))
    return 0


CPUS = os.cpu_count() or 1


def cmd_table(args):
    kv = dict(a.split("=", 1) for a in args)
    f = lambda k: float(kv.get(k) or 0)  # noqa: E731
    n = int(f("names"))
    qps = f("dp_qps")
    rows = []

    def ratio(r):
        return "%.2f×" % (r / qps) if qps else "–"

    if qps:
        ub_cpu = f("ub_cpu_s")
        rows.append(("unbound 1.17 daemon + dnsperf, cold, 1 CAA query per name (no climb)",
                     n, qps, ratio(qps), "%.1f (unbound)" % (1e6 * ub_cpu / n) if ub_cpu else "–",
                     "%.0f MiB (unbound)" % (f("ub_rss_kb") / 1024) if f("ub_rss_kb") else "–"))
    if f("dp_mt_qps"):
        r = f("dp_mt_qps")
        ub_cpu = f("ub_mt_cpu_s")
        rows.append(("the same with one unbound thread per CPU (`num-threads: %d`)" % CPUS,
                     n, r, ratio(r), "%.1f (unbound)" % (1e6 * ub_cpu / n) if ub_cpu else "–",
                     "%.0f MiB (unbound)" % (f("ub_mt_rss_kb") / 1024) if f("ub_mt_rss_kb") else "–"))
    if f("cold_wall_s"):
        r = n / f("cold_wall_s")
        rows.append(("`caa bulk`, cold cache (%s engine, one worker per CPU: the defaults)"
                     % kv.get("engine", "wire"), n, r, ratio(r),
                     "%.1f" % (1e6 * f("cold_cpu_s") / n), "%.0f MiB" % (f("cold_rss_kb") / 1024)))
    if f("cold1_wall_s"):
        r = n / f("cold1_wall_s")
        rows.append(("`caa bulk --threads 1`, cold cache", n, r, ratio(r),
                     "%.1f" % (1e6 * f("cold1_cpu_s") / n), "%.0f MiB" % (f("cold1_rss_kb") / 1024)))
    if f("other_wall_s"):
        r = n / f("other_wall_s")
        rows.append(("`caa bulk --engine %s`, cold (one worker per CPU)" % kv.get("other_engine"),
                     n, r, ratio(r), "%.1f" % (1e6 * f("other_cpu_s") / n),
                     "%.0f MiB" % (f("other_rss_kb") / 1024)))
    if f("twice_wall_s"):
        r = 2 * n / f("twice_wall_s")
        rows.append(("`caa bulk`, input twice (cold + warm pass)", 2 * n, r, ratio(r),
                     "%.1f" % (1e6 * f("twice_cpu_s") / (2 * n)), "%.0f MiB" % (f("twice_rss_kb") / 1024)))
        dw = f("twice_wall_s") - f("cold_wall_s")
        dc = f("twice_cpu_s") - f("cold_cpu_s")
        if dw > 0:
            r = n / dw
            rows.append(("`caa bulk`, warm pass (derived: second run minus first)", n, r, ratio(r),
                         "%.1f" % (1e6 * dc / n) if dc > 0 else "–", "–"))
    if f("raw_qps"):
        r = f("raw_qps")
        rows.append(("ceiling: raw UDP sender (bench/raw_sender.c, massdns-style), 1 CAA query per "
                     "name to the authoritative server, 50 in flight, no climb", n, r, ratio(r),
                     "–", "–"))
    print("| tool / mode | names | names/s | ratio to dnsperf | CPU µs/name | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|")
    for t, nn, r, ra, cpu, rss in rows:
        print("| %s | %d | %s | %s | %s | %s |" % (t, nn, "{:,.0f}".format(r), ra, cpu, rss))
    return 0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    fn = {"compare": cmd_compare, "oracle": cmd_oracle, "agree": cmd_agree, "timev": cmd_timev,
          "dnsperf": cmd_dnsperf, "table": cmd_table}.get(cmd)
    if not fn:
        sys.exit(__doc__)
    return fn(args)


if __name__ == "__main__":
    sys.exit(main())
