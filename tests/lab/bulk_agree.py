#!/usr/bin/python3
"""caa bulk against caa check, name by name: verdict, code, relevant owner, DNSSEC state.

  bulk_agree.py CHECK_DIR BULK.ndjson

CHECK_DIR holds one `caa check --format ndjson` output per name, in a file named after the name
(as given). Prints one line per disagreement and a count; exits 1 on any disagreement, a name
missing from either side, or output that does not parse.
"""
import json
import os
import sys


def check_view(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("type") == "result":
                rr = d.get("relevant_rrset") or {}
                return (d["verdict"], d["code"], rr.get("owner") or "", rr.get("dnssec"))
    return None


def bulk_view(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("type") == "result":
                out[d["input"]] = (d["verdict"], d["code"], d.get("relevant_owner") or "",
                                   d.get("dnssec"))
    return out


def main():
    check_dir, bulk_path = sys.argv[1], sys.argv[2]
    bulk = bulk_view(bulk_path)
    bad = 0
    names = sorted(os.listdir(check_dir))
    for name in names:
        want = check_view(os.path.join(check_dir, name))
        got = bulk.get(name)
        if want is None or got != want:
            bad += 1
            print("DISAGREE %s: check %s, bulk %s" % (name, want, got))
    for name in sorted(set(bulk) - set(names)):
        bad += 1
        print("DISAGREE %s: in bulk output only" % name)
    print("%d/%d names: caa bulk agrees with caa check (verdict, code, owner, DNSSEC)"
          % (len(names) - bad, len(names)))
    return 1 if bad or not names else 0


if __name__ == "__main__":
    sys.exit(main())
