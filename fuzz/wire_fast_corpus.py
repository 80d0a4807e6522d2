#!/usr/bin/python3
"""Writes the seed corpus of fuzz_wire_fast (fuzz/corpus/wire_fast/): replies to a CAA
question from a server of the insecure zone z.test, ordinary and malformed. The unit test
tests/unit/test_wire_fast.c reads them by name.

usage: fuzz/wire_fast_corpus.py [DIR]
"""
import os
import struct
import sys

CAA, NS, CNAME, SOA, A, AAAA, OPT, DNAME, TXT = 257, 2, 5, 6, 1, 28, 41, 39, 16


def name(text):
    out = b""
    for label in text.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def ptr(off):
    return struct.pack("!H", 0xC000 | off)


QNAME = "a.Z.tEst"  # 0x20 as the transport sends it
Q_AT = 12  # the question name's offset: owners point there


def header(rcode=0, aa=True, qd=1, an=0, ns=0, ar=0, flags_extra=0):
    flags = 0x8000 | (0x0400 if aa else 0) | rcode | flags_extra
    return struct.pack("!HHHHHH", 0x1234, flags, qd, an, ns, ar)


def question(text=QNAME):
    return name(text) + struct.pack("!HH", CAA, 1)


def rr(owner, rtype, rdata, ttl=600, rdlen=None):
    return owner + struct.pack("!HHIH", rtype, 1, ttl, len(rdata) if rdlen is None else rdlen) + rdata


def caa(value=b"ca.example", tag=b"issue", flags=0):
    return bytes([flags, len(tag)]) + tag + value


def soa(mname="ns.z.test", rname="h.z.test"):
    return name(mname) + name(rname) + struct.pack("!IIIII", 1, 2, 3, 4, 60)


def opt():
    return b"\0" + struct.pack("!HHIH", OPT, 1232, 0, 0)


def msg(rcode=0, aa=True, an=(), ns=(), ar=(), qname=QNAME, **kw):
    counts = dict(an=len(an), ns=len(ns), ar=len(ar))
    counts.update(kw)
    return header(rcode, aa, **counts) + question(qname) + b"".join(an) + b"".join(ns) + b"".join(ar)


Z_SOA_OWNER = ptr(Q_AT + 2)  # "Z.tEst" inside the question
CASES = {
    "positive": msg(an=[rr(ptr(Q_AT), CAA, caa())], ar=[opt()]),
    "positive_two": msg(an=[rr(ptr(Q_AT), CAA, caa()), rr(ptr(Q_AT), CAA, caa(b"ca2.example"), ttl=300)]),
    "positive_uncompressed": msg(an=[rr(name("a.z.test"), CAA, caa(b"", b"iodef"))]),
    "nodata": msg(ns=[rr(Z_SOA_OWNER, SOA, soa(), ttl=300)], ar=[opt()]),
    "nxdomain": msg(rcode=3, ns=[rr(Z_SOA_OWNER, SOA, soa(), ttl=300)]),
    "nodata_soa_above": msg(ns=[rr(name("test"), SOA, soa())]),
    "nodata_without_soa": msg(),
    "referral": msg(aa=False, qname="a.SUB.z.test",
                    ns=[rr(ptr(Q_AT + 2), NS, name("ns.sub.z.test"))],
                    ar=[rr(name("ns.sub.z.test"), A, bytes([127, 0, 0, 1])),
                        rr(name("ns.sub.z.test"), AAAA, bytes(15) + b"\1"), opt()]),
    "referral_sideways": msg(aa=False, ns=[rr(name("other.z.test"), NS, name("ns.other.z.test"))]),
    "referral_zone_case": msg(aa=False, qname="a.sub.z.test", ns=[rr(name("Z.TEST"), NS, name("ns.z.test"))]),
    "cname": msg(an=[rr(ptr(Q_AT), CNAME, name("b.Y.test"))]),
    "cname_compressed_target": msg(an=[rr(ptr(Q_AT), CNAME, b"\1b" + ptr(Q_AT + 2))]),
    "cname_and_target": msg(an=[rr(ptr(Q_AT), CNAME, name("b.y.test")), rr(name("b.y.test"), CAA, caa())]),
    "caa_then_cname": msg(an=[rr(ptr(Q_AT), CAA, caa()), rr(ptr(Q_AT), CNAME, name("b.y.test"))]),
    "two_cnames": msg(an=[rr(ptr(Q_AT), CNAME, name("b.y.test")), rr(ptr(Q_AT), CNAME, name("c.y.test"))]),
    "dname": msg(an=[rr(name("z.test"), DNAME, name("y.test")), rr(ptr(Q_AT), CNAME, name("a.y.test"))]),
    "foreign_owner": msg(an=[rr(name("b.z.test"), CAA, caa())]),
    "foreign_type": msg(an=[rr(ptr(Q_AT), TXT, b"\3abc")]),
    "records_with_nxdomain": msg(rcode=3, an=[rr(ptr(Q_AT), CAA, caa())], ns=[rr(Z_SOA_OWNER, SOA, soa())]),
    "servfail": msg(rcode=2),
    "refused": msg(rcode=5, aa=False),
    "not_authoritative": msg(aa=False, an=[rr(ptr(Q_AT), CAA, caa())]),
    # Malformed: the fast reader must decline (and ldns either fails or reads it its way).
    "pointer_loop": msg(an=[rr(b"\1x" + ptr(Q_AT + 14), CAA, caa())]),  # back to its own start
    "pointer_self": header(an=1) + question() + ptr(Q_AT + 14) + struct.pack("!HHIH", CAA, 1, 60, 0),
    "pointer_forward": msg(an=[rr(ptr(200), CAA, caa())]),
    "pointer_to_header": msg(an=[rr(ptr(2), CAA, caa())]),
    "rdlength_past_end": msg(an=[rr(ptr(Q_AT), CAA, caa(), rdlen=400)]),
    "rdlength_short_cname": msg(an=[rr(ptr(Q_AT), CNAME, name("b.y.test"), rdlen=3)]),
    "rdlength_long_a": msg(aa=False, ar=[rr(name("ns.z.test"), A, bytes(5))]),
    "caa_tag_past_rdata": msg(an=[rr(ptr(Q_AT), CAA, bytes([0, 9]) + b"iss")]),
    "soa_short": msg(ns=[rr(Z_SOA_OWNER, SOA, soa()[:-4])]),
    "count_too_high": header(an=2) + question() + rr(ptr(Q_AT), CAA, caa()),
    "count_too_low": header(an=0) + question() + rr(ptr(Q_AT), CAA, caa()),
    "no_question": header(qd=0, an=1) + rr(name("a.z.test"), CAA, caa()),
    "label_too_long": header(an=1) + question() + rr(b"\x50" + b"a" * 80 + b"\0", CAA, caa()),
    "name_too_long": header(an=1) + question() + rr(b"\x3f" + b"a" * 63 + b"\x3f" + b"b" * 63 + b"\x3f" + b"c" * 63 + b"\x3f" + b"d" * 63 + b"\0", CAA, caa()),
    "header_only": header(),
    "empty": b"",
}
# Truncated in the middle of the answer's RDATA.
CASES["truncated"] = CASES["positive"][:-20]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "wire_fast")
    os.makedirs(out, exist_ok=True)
    for case, data in CASES.items():
        with open(os.path.join(out, case), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
