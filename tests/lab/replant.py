#!/usr/bin/python3
"""Replant one caatestsuite zone file into the lab (called by lab.sh).

  replant.py --prefix 127.53.0 --ds-dir DIR/ds IN OUT

The upstream files name real public addresses and keys.  We keep every test
record unchanged and rewrite only what ties the zone to the live deployment:

* `$INCLUDE K*.key` lines are dropped (the live public keys are not ours);
* NS records pointing outside caatestsuite*.com (e.g. `_acme-challenge NS
  3.dns-approval.sslmate.com.`) are dropped: they would be lame in the lab;
* A records become lab addresses: nsblackhole -> .12 (never answers),
  nsrefused -> .10 (badserver, not configured: REFUSED), everything else -> .3
  (the NSD that serves the suite); AAAA records become ::1;
* `servfail NS ns0/ns1` becomes `servfail NS nsservfail` with `nsservfail A .10`
  (badserver answers SERVFAIL for that zone);
* the DS RRset of each child is replaced by the DS of a locally generated key,
  read from DS_DIR/<child>.<origin>.ds, if that file exists.
"""

import argparse
import os
import re
import sys

TYPES = {"A", "AAAA", "NS", "DS", "SOA", "CAA", "CNAME", "DNAME", "MX", "TXT"}


def split_rr(line):
    """Return (owner, type, rest-tokens) for a record line that starts with an
    owner, else None (comments, directives, continuation lines)."""
    if not line.strip() or line[0] in " \t;$(":
        return None
    toks = line.split()
    for i, t in enumerate(toks[1:], 1):
        if t.upper() in TYPES:
            return toks[0], t.upper(), toks[i + 1:]
    return None


def caa_generic(owner, line, rdata):
    """NSD 4.6 rejects CAA tags with capitals or longer than 15 characters in
    presentation format (the suite has ISSUE, IsSuE and a 25-character tag).
    Write such records in RFC 3597 generic form: the same bytes on the wire."""
    flags, tag = int(rdata[0]), rdata[1]
    value = line.split(tag, 1)[1].strip()
    if value.startswith('"') and value.endswith('"'):
        value = value[1:-1]
    wire = bytes([flags, len(tag)]) + tag.encode() + value.encode()
    return "%s\tIN\tCAA\t\\# %d %s\t; (lab) generic form of: %s\n" % (
        owner, len(wire), wire.hex(), line.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--ds-dir", required=True)
    ap.add_argument("src")
    ap.add_argument("dst")
    a = ap.parse_args()

    origin = os.path.basename(a.src).rstrip(".") + "."
    special_a = {"nsblackhole": a.prefix + ".12", "nsrefused": a.prefix + ".10"}
    out, ds_done, servfail_done = [], set(), False
    with open(a.src) as f:
        for line in f:
            if line.startswith("$INCLUDE"):
                out.append("; (lab) dropped: " + line)
                continue
            rr = split_rr(line)
            if rr is None:
                out.append(line)
                continue
            owner, rtype, rdata = rr
            if rtype == "NS":
                target = rdata[0] if rdata else ""
                if target.endswith(".") and not re.search(r"caatestsuite(-dnssec)?\.com\.$", target):
                    out.append("; (lab) dropped, points outside the lab: " + line)
                    continue
                if owner == "servfail":
                    if not servfail_done:
                        out.append("servfail\tIN\tNS\tnsservfail\t; (lab) badserver: SERVFAIL\n")
                        out.append("nsservfail\tIN\tA\t%s.10\n" % a.prefix)
                        servfail_done = True
                    continue
                out.append(line)
            elif rtype == "A":
                addr = special_a.get(owner, a.prefix + ".3")
                out.append("%s\tIN\tA\t%s\t; (lab) was %s\n" % (owner, addr, rdata[0]))
            elif rtype == "AAAA":
                out.append("%s\tIN\tAAAA\t::1\t; (lab) was %s\n" % (owner, rdata[0]))
            elif rtype == "DS":
                dsfile = os.path.join(a.ds_dir, "%s.%s.ds" % (owner, origin.rstrip(".")))
                if not os.path.exists(dsfile):
                    out.append("; (lab) dropped DS of the live key: " + line)
                    continue
                if owner not in ds_done:
                    with open(dsfile) as d:
                        out.append("; (lab) DS of a locally generated key\n")
                        out.extend(d.readlines())
                    ds_done.add(owner)
            elif rtype == "CAA" and not re.fullmatch(r"[a-z0-9]{1,15}", rdata[1]):
                out.append(caa_generic(owner, line, rdata))
            else:
                out.append(line)
    with open(a.dst, "w") as f:
        f.write("$ORIGIN %s\n" % origin)
        f.writelines(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
