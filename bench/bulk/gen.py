#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Generate the `caa bulk` benchmark lab: zones, an input list and the expected verdicts.

    bench/bulk/gen.py --out DIR [--names N] [--seed S] [--prefix 127.53.0]

Names are hN.cM.zK.test in four zones z0..z3.test, delegated (insecurely: no DS) from a
signed test. that bench/bulk/lab.sh signs at start. The zK.test zones are unsigned.

Mix (fractions of the input names, exact up to rounding):
   9%  own CAA at the name                        hN.cM.zK.test CAA
   5%  CNAME to eJ.cdn.zK'.test in another zone   (80% of targets carry CAA; 20% are
       "trap" targets with no CAA whose parent does: the climb must continue on the
       requested name's tree, never the target's)
   5%  NXDOMAIN: hosts that do not exist (80% under a real customer, 20% under a
       customer that does not exist either); the climb continues
  17%  CAA at the customer node cM.zK.test (parent)
  32%  CAA only at the zone apex (z0: letsencrypt.org, z1: letsencrypt.org + digicert.com,
       z2: digicert.com)
  32%  no CAA anywhere (z3.test has no apex CAA; test. has none): climb to the TLD
CAA RRsets: letsencrypt.org (allowed), digicert.com (denied), ";" (denied), both CAs (allowed).

Files written to DIR:
  zones/zK.test.zone   child zones (served by Knot at PREFIX.4)
  zones/test.src       test. unsigned: SOA, NS, glue, delegations (lab.sh signs it)
  zones/root.src       the root, unsigned (lab.sh adds the DS of test. and signs it)
  zones.list           "zone file" per child zone
  input.txt            one name per line; customers shuffled, siblings kept together
  queries.txt          "name CAA" per input line (dnsperf)
  expected.tsv         name<TAB>verdict<TAB>code as `caa check --ca letsencrypt.org` decides
  classes.tsv          name<TAB>where the relevant RRset is (name, customer, apex, ...)
  mix.txt              counts by class and by expected code
"""

import argparse
import collections
import os
import random
import sys

# RRset kinds: records and the verdict/code of `caa check --ca letsencrypt.org`.
KINDS = {
    "le": (['0 issue "letsencrypt.org"'], "allowed", "CAA_AUTHORIZED"),
    "dc": (['0 issue "digicert.com"'], "denied", "CAA_ISSUER_NOT_LISTED"),
    "semi": (['0 issue ";"'], "denied", "CAA_EMPTY_ISSUER"),
    "both": (['0 issue "letsencrypt.org"', '0 issue "digicert.com"'], "allowed", "CAA_AUTHORIZED"),
}
NONE = ("allowed", "CAA_NO_RECORDS")
APEX = {0: "le", 1: "both", 2: "dc", 3: None}  # zone -> apex CAA kind
NZONES = 4
TTL = 3600  # one hour, and the same negative TTL: nothing expires during a run


def pick_kind(rng):
    r = rng.random()
    if r < 0.80:
        return "le"
    if r < 0.90:
        return "dc"
    if r < 0.96:
        return "semi"
    return "both"


class Customer:
    def __init__(self, zone, num, caa, ghost=False):
        self.zone = zone
        self.num = num
        self.caa = caa  # kind or None
        self.ghost = ghost  # does not exist in DNS
        self.hosts = []  # (label, type, arg)

    @property
    def node(self):
        return "c%d.z%d.test" % (self.num, self.zone)


def split_counts(n):
    own = round(n * 0.09)
    cname = round(n * 0.05)
    nx = round(n * 0.05)
    cust = round(n * 0.17)
    apex = round(n * 0.32)
    none = n - own - cname - nx - cust - apex
    return own, cname, nx, cust, apex, none


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--names", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--prefix", default="127.53.0")
    a = ap.parse_args()
    if a.names < 100:
        ap.error("--names must be at least 100")
    rng = random.Random(a.seed)
    n_own, n_cname, n_nx, n_cust, n_apex, n_none = split_counts(a.names)

    next_num = [0] * NZONES
    customers = []

    def new_customer(zone, caa, ghost=False):
        c = Customer(zone, next_num[zone], caa, ghost)
        next_num[zone] += 1
        customers.append(c)
        return c

    def size():
        # 1..24 hosts per customer, most small (real customer lists are lumpy).
        return min(24, 1 + int(rng.expovariate(1 / 5.0)))

    def fill(count, zone_choice, caa_choice):
        while count > 0:
            c = new_customer(zone_choice(), caa_choice())
            k = min(count, size())
            for _ in range(k):
                c.hosts.append(["", "plain", None])
            count -= k

    fill(n_cust, lambda: rng.randrange(NZONES), lambda: pick_kind(rng))
    fill(n_apex, lambda: rng.randrange(3), lambda: None)
    fill(n_none, lambda: 3, lambda: None)
    real = list(customers)

    # Own-CAA hosts and CNAMEs join existing customers: they sit among their siblings.
    for _ in range(n_own):
        rng.choice(real).hosts.append(["", "own", pick_kind(rng)])

    # CNAME targets: eJ.cdn.zK.test (CAA at the name) and eJ.trap.zK.test (no CAA; CAA
    # ";" at trap.zK.test, which a correct climb never reaches).
    n_targets = max(8, n_cname // 8)
    targets = []  # (name, zone, kind or None)
    for j in range(n_targets):
        z = j % NZONES
        if j % 5 == 4:
            targets.append(("e%d.trap.z%d.test" % (j, z), z, None))
        else:
            targets.append(("e%d.cdn.z%d.test" % (j, z), z, pick_kind(rng)))
    for _ in range(n_cname):
        c = rng.choice(real)
        t = rng.choice([t for t in rng.sample(targets, min(4, len(targets))) if t[1] != c.zone] or
                       [t for t in targets if t[1] != c.zone])
        c.hosts.append(["", "cname", t])

    # NXDOMAIN: 80% under real customers, 20% under ghost customers (cM does not exist).
    n_ghost_names = n_nx // 5
    for _ in range(n_nx - n_ghost_names):
        rng.choice(real).hosts.append(["", "nx", None])
    while n_ghost_names > 0:
        c = new_customer(rng.randrange(NZONES), None, ghost=True)
        k = min(n_ghost_names, size())
        c.hosts.extend(["", "nx", None] for _ in range(k))
        n_ghost_names -= k

    # Host labels: existing hosts first, NXDOMAIN ones numbered after them.
    for c in customers:
        rng.shuffle(c.hosts)
        existing = [h for h in c.hosts if h[1] != "nx"]
        missing = [h for h in c.hosts if h[1] == "nx"]
        for i, h in enumerate(existing + missing):
            h[0] = "h%d.%s" % (i, c.node)

    def climb_parent(c):
        if c.caa and not c.ghost:
            return KINDS[c.caa][1:], "customer"
        ak = APEX[c.zone]
        if ak:
            return KINDS[ak][1:], "apex"
        return NONE, "none"

    expected = {}
    klass = {}
    where = collections.Counter()
    for c in customers:
        for name, typ, arg in c.hosts:
            if typ == "own":
                res, w = KINDS[arg][1:], "name"
            elif typ == "cname" and arg[2]:
                res, w = KINDS[arg[2]][1:], "cname-target"
            else:
                res, w = climb_parent(c)
                if typ == "cname":
                    w = "cname-trap+" + w
                elif typ == "nx":
                    w = "nxdomain+" + w
            expected[name] = res
            klass[name] = w
            where[w] += 1

    out = a.out
    os.makedirs(os.path.join(out, "zones"), exist_ok=True)

    # Child zones.
    by_zone = collections.defaultdict(list)
    for c in customers:
        if c.ghost:
            continue
        if c.caa:
            for r in KINDS[c.caa][0]:
                by_zone[c.zone].append("c%d CAA %s" % (c.num, r))
        for name, typ, arg in c.hosts:
            rel = name[: -len(".z%d.test" % c.zone)]
            if typ == "plain":
                by_zone[c.zone].append("%s A 192.0.2.1" % rel)
            elif typ == "own":
                for r in KINDS[arg][0]:
                    by_zone[c.zone].append("%s CAA %s" % (rel, r))
            elif typ == "cname":
                by_zone[c.zone].append("%s CNAME %s." % (rel, arg[0]))
    for name, z, kind in targets:
        rel = name[: -len(".z%d.test" % z)]
        if kind:
            for r in KINDS[kind][0]:
                by_zone[z].append("%s CAA %s" % (rel, r))
        else:
            by_zone[z].append("%s A 192.0.2.1" % rel)
    for z in range(NZONES):
        if any(t[1] == z and t[2] is None for t in targets):
            by_zone[z].append("trap CAA %s" % KINDS["semi"][0][0])
    with open(os.path.join(out, "zones.list"), "w") as zl:
        for z in range(NZONES):
            fn = os.path.join(out, "zones", "z%d.test.zone" % z)
            with open(fn, "w") as f:
                f.write("$ORIGIN z%d.test.\n$TTL %d\n" % (z, TTL))
                f.write("@ SOA nsk.test. hostmaster.nic.test. 1 3600 600 86400 %d\n" % TTL)
                f.write("@ NS nsk.test.\n")
                if APEX[z]:
                    for r in KINDS[APEX[z]][0]:
                        f.write("@ CAA %s\n" % r)
                f.write("\n".join(by_zone[z]))
                f.write("\n")
            zl.write("z%d.test. %s\n" % (z, fn))

    # test. and the root, unsigned (lab.sh signs them).
    p = a.prefix
    with open(os.path.join(out, "zones", "test.src"), "w") as f:
        f.write("$ORIGIN test.\n$TTL %d\n" % TTL)
        f.write("@ SOA ns1.nic.test. hostmaster.nic.test. 1 3600 600 86400 %d\n" % TTL)
        f.write("@ NS ns1.nic.test.\n")
        f.write("a.root-servers A %s.1\nns1.nic A %s.2\nnsk A %s.4\n" % (p, p, p))
        for z in range(NZONES):
            f.write("z%d NS nsk.test.\n" % z)
    with open(os.path.join(out, "zones", "root.src"), "w") as f:
        f.write("$ORIGIN .\n$TTL %d\n" % TTL)
        f.write(". SOA a.root-servers.test. hostmaster.nic.test. 1 3600 600 86400 %d\n" % TTL)
        f.write(". NS a.root-servers.test.\n")
        f.write("a.root-servers.test. A %s.1\nns1.nic.test. A %s.2\n" % (p, p))
        f.write("test. NS ns1.nic.test.\n")

    # Input: customers shuffled, each customer's hosts together.
    order = list(customers)
    rng.shuffle(order)
    names = [h[0] for c in order for h in c.hosts]
    assert len(names) == a.names == len(set(names)), (len(names), a.names)
    with open(os.path.join(out, "input.txt"), "w") as f:
        f.write("\n".join(names) + "\n")
    with open(os.path.join(out, "queries.txt"), "w") as f:
        f.write("".join("%s CAA\n" % n for n in names))
    with open(os.path.join(out, "expected.tsv"), "w") as f:
        for n in names:
            v, code = expected[n]
            f.write("%s\t%s\t%s\n" % (n, v, code))
    with open(os.path.join(out, "classes.tsv"), "w") as f:
        f.write("".join("%s\t%s\n" % (n, klass[n]) for n in names))

    codes = collections.Counter("%s %s" % expected[n] for n in names)
    with open(os.path.join(out, "mix.txt"), "w") as f:
        f.write("names %d, seed %d, customers %d (%d non-existent), cname targets %d\n" %
                (len(names), a.seed, len(customers), sum(c.ghost for c in customers), len(targets)))
        f.write("where the relevant RRset is:\n")
        for k, v in sorted(where.items(), key=lambda kv: -kv[1]):
            f.write("  %-26s %7d  %5.1f%%\n" % (k, v, 100.0 * v / len(names)))
        f.write("expected:\n")
        for k, v in sorted(codes.items(), key=lambda kv: -kv[1]):
            f.write("  %-32s %7d  %5.1f%%\n" % (k, v, 100.0 * v / len(names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
