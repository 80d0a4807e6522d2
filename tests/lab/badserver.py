#!/usr/bin/python3
"""Scripted misbehaving authoritative DNS server for the hermetic lab.

Run with /usr/bin/python3 (Debian's python3-dnslib).  Two modes:

  badserver.py --addr 127.53.0.10 --config DIR/badserver.conf --log DIR/badserver.log \
               --identity lab:DIR:bad [--slow-ms 1500] [--ready DIR/bad.ready]
  badserver.py --blackhole --addr 127.53.0.12 --log DIR/blackhole.log [--ready FILE]

The config file has one zone per line:  <zone> <behaviour> <zonefile>
(blank lines and '#' comments ignored).  The zone file is plain master format
and is what the server "has"; behaviours change only how CAA queries are
answered (except `ednsformerr` and `servfailall`, see BEHAVIOURS), so that
delegations, qname minimisation and A/SOA lookups keep working and only the
CAA lookup shows the fault.  Queries for zones not in the config get REFUSED
(a lame delegation).  Every query is logged with a millisecond timestamp so
tests can measure retry schedules.
"""

import argparse
import ipaddress
import os
import signal
import socket
import struct
import sys
import threading
import time

from dnslib import (CLASS, DNSRecord, EDNS0, QTYPE, RCODE, RD, RR, TXT,
                    DNSLabel)

# Behaviour -> what reproduces it (also the list of accepted names).
BEHAVIOURS = {
    "normal": "answer from the zone data (use for the stripped zone)",
    "stripped": "zone served unsigned although the parent has a DS",
    "notimp": "CAA -> NOTIMP (RFC 8659 6.2 unknown-qtype bug)",
    "refused": "CAA -> REFUSED",
    "servfail": "CAA -> SERVFAIL",
    "servfailall": "every query in the zone -> SERVFAIL (broken server)",
    "formerr": "CAA -> FORMERR",
    "drop": "CAA silently dropped (firewall filtering qtype 257)",
    "slow": "CAA answered after --slow-ms",
    "tc": "UDP CAA -> empty TC=1; TCP -> full RRset",
    "tcfail": "UDP CAA -> empty TC=1; TCP connection closed without answer",
    "nxcaa": "CAA -> NXDOMAIN although the name exists",
    "badcaa": "CAA RR with 1-byte (malformed) RDATA",
    "nodata-nosoa": "CAA -> NOERROR, empty answer, no SOA in authority",
    "noaa": "CAA answers without the AA bit",
    "nocase": "CAA answers echo the qname lowercased (no 0x20 preservation)",
    "ednsformerr": "any query carrying an OPT RR -> FORMERR",
    "flaky": "CAA answered normally and with SERVFAIL in turn (counted per transport and EDNS)",
    # Hostile servers (issue 11): every command must stay within its deadline and byte caps.
    "comploop": "CAA answer whose owner name is a compression pointer to itself",
    "empty": "CAA reply of zero bytes (an empty datagram; a zero-length frame over TCP)",
    "rdlenpast": "CAA answer whose RDLENGTH runs past the end of the message",
    "wrongid": "CAA replies carry another message ID (UDP and TCP)",
    "wrongq": "CAA replies echo another question name",
    "wrongtype": "CAA replies echo the question as type TXT",
    "qr0": "CAA replies with QR=0 (look like queries)",
    "opcode": "CAA replies with opcode 3 (unassigned)",
    "tctcp": "CAA replies empty with TC=1 over UDP and over TCP",
    "trickle": "UDP CAA -> TC=1; TCP: the reply one byte every 300 ms",
    "flood": "UDP CAA -> 3000 wrong-ID datagrams; TCP: wrong-ID frames until the client leaves",
    "many": "CAA -> 1,000 records (the last issue \"letsencrypt.org\"); TC over UDP",
    "big64k": "CAA -> an answer of about 64 KiB; TC over UDP",
    "badutf8": "CAA values with invalid UTF-8 beside issue \"letsencrypt.org\"",
    "ctrlbytes": "CAA values with newlines, escape sequences and NUL beside issue \"letsencrypt.org\"",
    "spoof": "UDP CAA: first three forged answers authorizing letsencrypt.org (wrong ID, from "
             "another port, from another address), then the real answer",
    "spoofcase": "UDP CAA: first a forged answer authorizing letsencrypt.org with the qname's "
                 "0x20 case flipped (ID and port right), then the real answer",
}

CAA = QTYPE.CAA
MAX_UDP_NO_EDNS = 512
MAX_UDP_EDNS = 1232  # same ceiling as NSD, so TC behaviour matches the note


def now_ms():
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(t)) + ".%03d" % (int(t * 1000) % 1000)


class Logger:
    """Line-buffered, thread-safe query log."""

    def __init__(self, path):
        self.lock = threading.Lock()
        self.f = open(path, "a", buffering=1) if path else sys.stderr

    def log(self, msg):
        with self.lock:
            self.f.write("%s %s\n" % (now_ms(), msg))


class Zone:
    def __init__(self, name, behaviour, path):
        self.name = DNSLabel(name)
        self.behaviour = behaviour
        with open(path) as f:
            text = f.read()
        # dnslib needs the origin to resolve '@' and relative names.
        if "$ORIGIN" not in text:
            text = "$ORIGIN %s\n" % str(self.name) + text
        self.rrs = list(RR.fromZone(text))
        self.soa = [r for r in self.rrs if r.rtype == QTYPE.SOA]
        if not self.soa:
            raise SystemExit("zone %s (%s) has no SOA" % (name, path))
        # Zone cuts: NS records below the apex delegate a child (notimpparent -> kid).
        self.cuts = [r for r in self.rrs if r.rtype == QTYPE.NS and r.rname != self.name]
        # flaky: CAA queries seen so far, per (transport, EDNS or not).
        self.counts = {}
        self.count_lock = threading.Lock()

    def cut_for(self, qname):
        """NS records of the delegation at or above qname, or [] when qname is in the zone."""
        for r in self.cuts:
            if qname.matchSuffix(r.rname):
                return [c for c in self.cuts if c.rname == r.rname]
        return []

    def take_turn(self, key):
        """flaky: the number of earlier CAA queries of this kind (0, 1, 2, ...)."""
        with self.count_lock:
            n = self.counts.get(key, 0)
            self.counts[key] = n + 1
            return n

    def lookup(self, qname, qtype):
        """Return (rcode, answers) from the zone data, following no CNAMEs
        beyond returning the CNAME itself (like an authoritative server)."""
        owner_rrs = [r for r in self.rrs if r.rname == qname]
        if not owner_rrs:
            # An empty non-terminal exists if some owner lies below qname.
            below = any(r.rname.matchSuffix(qname) for r in self.rrs)
            return (RCODE.NOERROR if below else RCODE.NXDOMAIN), []
        cname = [r for r in owner_rrs if r.rtype == QTYPE.CNAME]
        if cname and qtype != QTYPE.CNAME:
            return RCODE.NOERROR, cname
        return RCODE.NOERROR, [r for r in owner_rrs if r.rtype == qtype or qtype == QTYPE.ANY]


class Server:
    def __init__(self, args, log):
        self.args = args
        self.log = log
        self.zones = []
        if args.config:
            self.load_config(args.config)

    def load_config(self, path):
        with open(path) as f:
            for n, line in enumerate(f, 1):
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                parts = line.split()
                if len(parts) != 3 or parts[1] not in BEHAVIOURS:
                    raise SystemExit("%s:%d: want '<zone> <behaviour> <file>', behaviours: %s"
                                     % (path, n, " ".join(sorted(BEHAVIOURS))))
                self.zones.append(Zone(parts[0], parts[1], parts[2]))
        # Longest zone first, so the closest enclosing zone wins.
        self.zones.sort(key=lambda z: -len(z.name.label))

    def find_zone(self, qname):
        for z in self.zones:
            if qname.matchSuffix(z.name):
                return z
        return None

    # --- answering -------------------------------------------------------

    def respond(self, data, transport, peer):
        """Return (wire bytes or None to stay silent, close_tcp flag)."""
        try:
            req = DNSRecord.parse(data)
        except Exception as e:  # garbage: a real server would drop it too
            self.log.log("%s %s unparsable (%s): dropped" % (transport, peer, e))
            return None, False
        if req.header.qr or not req.questions:
            self.log.log("%s %s id=%d not a query: dropped" % (transport, peer, req.header.id))
            return None, False
        q = req.questions[0]
        qname, qtype, qclass = q.qname, q.qtype, q.qclass
        edns = [r for r in req.ar if r.rtype == QTYPE.OPT]
        what = "%s %s id=%d %s %s %s%s" % (transport, peer, req.header.id, qname,
                                           CLASS.get(qclass), QTYPE.get(qtype),
                                           " +edns" if edns else "")

        reply = req.reply(ra=0, aa=1)
        reply.header.rd = req.header.rd
        reply.header.ad = 0  # dnslib copies the query's flags; we never validate
        if edns:
            reply.add_ar(EDNS0(udp_len=MAX_UDP_EDNS))

        if qclass == CLASS.CH:
            return self.chaos(req, reply, qname, qtype, what), False

        zone = self.find_zone(qname)
        if zone is None:
            reply.header.aa = 0
            reply.header.rcode = RCODE.REFUSED
            self.log.log(what + " -> REFUSED (not authoritative)")
            return self.finish(reply, req, transport), False

        cut = zone.cut_for(qname)
        if cut and not (qtype == QTYPE.DS and qname == cut[0].rname):
            # Below a zone cut: a referral, as an authoritative server gives (not authoritative).
            reply.header.aa = 0
            for rr in cut:
                reply.add_auth(rr)
            self.log.log("%s [%s] -> referral to %s" % (what, zone.behaviour, cut[0].rname))
            return self.finish(reply, req, transport), False

        b = zone.behaviour
        if b == "ednsformerr" and edns:
            reply = req.reply(ra=0, aa=0)
            reply.header.rcode = RCODE.FORMERR
            self.log.log(what + " [ednsformerr] -> FORMERR")
            return reply.pack(), False
        if b == "servfailall":
            reply.header.aa = 0
            reply.header.rcode = RCODE.SERVFAIL
            self.log.log(what + " [servfailall] -> SERVFAIL")
            return self.finish(reply, req, transport), False

        if qtype == CAA:
            handled = self.caa_fault(zone, req, reply, qname, transport, what)
            if handled is not None:
                return handled
        self.fill(zone, reply, qname, qtype)
        self.log.log("%s [%s] -> %s an=%d" % (what, b, RCODE.get(reply.header.rcode), len(reply.rr)))
        return self.finish(reply, req, transport), False

    def chaos(self, req, reply, qname, qtype, what):
        if qtype == QTYPE.TXT and str(qname).lower() in ("id.server.", "hostname.bind."):
            reply.add_answer(RR(qname, QTYPE.TXT, CLASS.CH, 0, TXT(self.args.identity)))
        else:
            reply.header.aa = 0
            reply.header.rcode = RCODE.REFUSED
        self.log.log(what + " -> " + RCODE.get(reply.header.rcode))
        return reply.pack()

    def fill(self, zone, reply, qname, qtype):
        rcode, answers = zone.lookup(qname, qtype)
        reply.header.rcode = rcode
        for rr in answers:
            reply.add_answer(rr)
        if not answers:
            reply.add_auth(zone.soa[0])  # RFC 2308: negative answers carry the SOA

    def caa_fault(self, zone, req, reply, qname, transport, what):
        """Apply the zone's CAA fault. Return (bytes, close) or None to answer normally."""
        b = zone.behaviour
        rcodes = {"notimp": RCODE.NOTIMP, "refused": RCODE.REFUSED,
                  "servfail": RCODE.SERVFAIL, "formerr": RCODE.FORMERR}
        if b in rcodes:
            reply.header.aa = 0
            reply.header.rcode = rcodes[b]
            self.log.log("%s [%s] -> %s" % (what, b, RCODE.get(rcodes[b])))
            return self.finish(reply, req, transport), False
        if b == "flaky":
            n = zone.take_turn((transport, any(r.rtype == QTYPE.OPT for r in req.ar)))
            if n % 2 == 1:
                reply.header.aa = 0
                reply.header.rcode = RCODE.SERVFAIL
                self.log.log("%s [flaky] -> SERVFAIL (turn %d)" % (what, n))
                return self.finish(reply, req, transport), False
            return None  # then answer normally
        if b == "drop":
            self.log.log(what + " [drop] -> (silence)")
            return None, False
        if b == "slow":
            self.log.log("%s [slow] -> delayed %d ms" % (what, self.args.slow_ms))
            time.sleep(self.args.slow_ms / 1000.0)
            return None  # then answer normally
        if b in ("tc", "tcfail") and transport == "udp":
            reply.header.tc = 1
            self.log.log("%s [%s] -> TC=1 empty" % (what, b))
            return reply.pack(), False
        if b == "tcfail":
            self.log.log(what + " [tcfail] -> TCP closed without answer")
            return None, True
        if b == "nxcaa":
            reply.header.rcode = RCODE.NXDOMAIN
            reply.add_auth(zone.soa[0])
            self.log.log(what + " [nxcaa] -> NXDOMAIN")
            return self.finish(reply, req, transport), False
        if b == "badcaa":
            reply.add_answer(RR(qname, CAA, CLASS.IN, 300, RD(b"\x00")))
            self.log.log(what + " [badcaa] -> 1-byte CAA RDATA")
            return self.finish(reply, req, transport), False
        if b in HOSTILE:
            return self.hostile(zone, req, reply, qname, transport, what)
        if b == "nodata-nosoa":
            self.log.log(what + " [nodata-nosoa] -> NOERROR empty, no SOA")
            return self.finish(reply, req, transport), False
        if b == "noaa":
            self.fill(zone, reply, qname, CAA)
            reply.header.aa = 0
            self.log.log("%s [noaa] -> %s aa=0" % (what, RCODE.get(reply.header.rcode)))
            return self.finish(reply, req, transport), False
        if b == "nocase":
            self.fill(zone, reply, qname, CAA)
            low = DNSLabel(str(qname).lower())
            reply.questions[0].qname = low
            for rr in reply.rr:
                if rr.rname == qname:  # DNSLabel compares case-insensitively
                    rr.rname = low
            self.log.log("%s [nocase] -> qname echoed as %s" % (what, low))
            return self.finish(reply, req, transport), False
        return None

    def hostile(self, zone, req, reply, qname, transport, what):
        """The issue-11 faults. Return (bytes or a stream function, close) or None."""
        b = zone.behaviour
        data = req.pack()
        if b == "empty":
            self.log.log("%s [empty] -> 0-byte reply" % what)
            return b"", False
        if b in ("comploop", "rdlenpast"):
            q = question_bytes(data)
            hdr = struct.pack("!HHHHHH", req.header.id, 0x8400 | (data[2] & 1) << 8, 1, 1, 0, 0)
            rdata = caa_rdata(0, b"issue", b"letsencrypt.org")
            if b == "comploop":
                # The owner is a pointer to its own offset: a decoder that follows it loops.
                off = 12 + len(q)
                rr = struct.pack("!HHHIH", 0xC000 | off, CAA, 1, 300, len(rdata)) + rdata
            else:
                rr = struct.pack("!HHHIH", 0xC00C, CAA, 1, 300, 400) + rdata
            self.log.log("%s [%s] -> crafted reply" % (what, b))
            return hdr + q + rr, False
        self.fill(zone, reply, qname, CAA)
        if b in ("wrongid", "wrongq", "wrongtype", "qr0", "opcode"):
            if b == "wrongq":
                reply.questions[0].qname = DNSLabel("other." + str(zone.name))
            if b == "wrongtype":
                reply.questions[0].qtype = QTYPE.TXT
            if b == "qr0":
                reply.header.qr = 0
            wire = bytearray(self.finish(reply, req, transport))
            if b == "wrongid":
                wire[0] ^= 0x5A
            if b == "opcode":
                wire[2] = (wire[2] & 0x87) | (3 << 3)
            self.log.log("%s [%s] -> altered reply" % (what, b))
            return bytes(wire), False
        if b == "tctcp" or (b == "trickle" and transport == "udp"):
            reply.rr, reply.auth = [], []
            reply.header.tc = 1
            self.log.log("%s [%s] -> TC=1 empty" % (what, b))
            return reply.pack(), False
        if b == "trickle":
            wire = reply.pack()
            self.log.log("%s [trickle] -> one byte every 300 ms" % what)
            return trickle(struct.pack("!H", len(wire)) + wire), False
        if b == "flood":
            bad = bytearray(reply.pack())
            bad[0] ^= 0x5A
            bad += b"\0" * (1200 - len(bad)) if len(bad) < 1200 else b""
            self.log.log("%s [flood] -> wrong-ID stream" % what)
            return flood(bytes(bad), transport), False
        if b in ("many", "big64k", "badutf8", "ctrlbytes"):
            reply.rr, reply.auth = [], []
            for rd in hostile_caa(b):
                reply.add_answer(RR(qname, CAA, CLASS.IN, 300, RD(rd)))
            self.log.log("%s [%s] -> %d CAA records" % (what, b, len(reply.rr)))
            return self.finish(reply, req, transport), False
        return None

    def finish(self, reply, req, transport):
        """Pack, truncating over-long UDP answers like a real server."""
        wire = reply.pack()
        if transport == "udp":
            opt = [r for r in req.ar if r.rtype == QTYPE.OPT]
            limit = max(MAX_UDP_NO_EDNS, min(opt[0].rclass, MAX_UDP_EDNS)) if opt else MAX_UDP_NO_EDNS
            if len(wire) > limit:
                reply.rr, reply.auth = [], []
                reply.header.tc = 1
                wire = reply.pack()
        return wire

    # --- transports ------------------------------------------------------

    def serve_udp(self, sock):
        while True:
            data, peer = sock.recvfrom(65535)
            # A thread per query so a slow answer never delays the others.
            threading.Thread(target=self.udp_one, args=(sock, data, peer), daemon=True).start()

    def udp_one(self, sock, data, peer):
        wire, _ = self.respond(data, "udp", "%s#%d" % peer[:2])
        if callable(wire):
            wire(lambda b: sock.sendto(b, peer))
        elif wire is not None:
            if self.spoofed(data):
                self.send_forgeries(sock, wire, peer)
                time.sleep(0.03)  # the forgeries arrive first, as an off-path attacker's would
            sock.sendto(wire, peer)

    def spoofed(self, data):
        try:
            q = DNSRecord.parse(data).questions[0]
        except Exception:
            return False
        zone = self.find_zone(q.qname)
        return zone is not None and zone.behaviour in ("spoof", "spoofcase") and q.qtype == CAA

    def send_forgeries(self, sock, wire, peer):
        """Answers a resolver must not believe, each saying letsencrypt.org may issue."""
        real = DNSRecord.parse(wire)
        qname = real.questions[0].qname
        forged = DNSRecord.parse(wire)
        forged.rr = [RR(qname, CAA, CLASS.IN, 300, RD(b"\x00\x05issueletsencrypt.org"))]
        forged.auth = []
        exact = forged.pack()
        wrong_id = DNSRecord.parse(exact)
        wrong_id.header.id = (real.header.id + 1) & 0xFFFF
        wrong_case = DNSRecord.parse(exact)
        flipped = DNSLabel(str(qname).swapcase())
        wrong_case.questions[0].qname = flipped
        wrong_case.rr[0].rname = flipped
        if self.find_zone(qname).behaviour == "spoofcase":
            sock.sendto(wrong_case.pack(), peer)
            self.log.log("udp %s#%d %s [spoofcase] -> forgery with the case flipped first"
                         % (peer[0], peer[1], qname))
            return
        sock.sendto(wrong_id.pack(), peer)
        other_port = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        other_port.bind((self.args.addr, 0))
        other_port.sendto(exact, peer)
        other_port.close()
        other_addr = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        other_addr.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # queries in parallel
        other_addr.bind((self.args.addr.rsplit(".", 1)[0] + ".99", 53))
        other_addr.sendto(exact, peer)
        other_addr.close()
        self.log.log("udp %s#%d %s [spoof] -> 3 forgeries (id, port, address) first"
                     % (peer[0], peer[1], qname))

    def serve_tcp(self, sock):
        while True:
            conn, peer = sock.accept()
            threading.Thread(target=self.tcp_conn, args=(conn, peer), daemon=True).start()

    def tcp_conn(self, conn, peer):
        conn.settimeout(10)
        try:
            while True:
                hdr = recv_exact(conn, 2)
                if hdr is None:
                    return
                data = recv_exact(conn, struct.unpack("!H", hdr)[0])
                if data is None:
                    return
                wire, close = self.respond(data, "tcp", "%s#%d" % peer[:2])
                if close:
                    return
                if callable(wire):
                    wire(conn)
                    return
                if wire is not None:
                    conn.sendall(struct.pack("!H", len(wire)) + wire)
        except OSError:
            return
        finally:
            conn.close()


HOSTILE = ("empty", "comploop", "rdlenpast", "wrongid", "wrongq", "wrongtype", "qr0", "opcode", "tctcp",
           "trickle", "flood", "many", "big64k", "badutf8", "ctrlbytes")
FLOOD_SECONDS = 60  # a TCP flood ends when the client leaves, or after this


def question_bytes(data):
    """The question section of a query as sent (names in queries are never compressed)."""
    pos = 12
    while pos < len(data) and data[pos] != 0:
        pos += data[pos] + 1
    return data[12:pos + 5]


def caa_rdata(flags, tag, value):
    return bytes([flags, len(tag)]) + tag + value


def hostile_caa(behaviour):
    """The CAA RDATA list of the record-content faults."""
    le = caa_rdata(0, b"issue", b"letsencrypt.org")
    if behaviour == "many":
        return [caa_rdata(0, b"issue", b"ca%d.example" % i) for i in range(999)] + [le]
    if behaviour == "big64k":
        # 240 records of ~260 bytes: about 63 KiB on the wire, just under the 64 KiB limit.
        pad = b"letsencrypt.org; pad=" + b"a" * 230
        return [caa_rdata(0, b"issue", pad[:-3] + b"%03d" % i) for i in range(240)] + [le]
    if behaviour == "badutf8":
        return [caa_rdata(0, b"issue", b"ca\xff\xfe.example"),
                caa_rdata(0, b"iodef", b"mailto:\xc3\x28@example.test"), le]
    # ctrlbytes: what would forge a line of output on a terminal if printed raw.
    return [caa_rdata(0, b"issue", b"evil.example\nverdict: ALLOWED\x1b[32m"),
            caa_rdata(0, b"iodef", b"mailto:a@example.test\r\x00\x07"), le]


def trickle(framed):
    """TCP: the framed reply a byte at a time, 300 ms apart (slow loris in reverse)."""
    def run(conn):
        for i in range(len(framed)):
            conn.sendall(framed[i:i + 1])
            time.sleep(0.3)
    return run


def flood(bad, transport):
    """UDP: a burst of wrong-ID datagrams. TCP: wrong-ID frames until the peer is gone."""
    def run_udp(send):
        for _ in range(3000):
            send(bad)

    def run_tcp(conn):
        frame = struct.pack("!H", len(bad)) + bad
        end = time.time() + FLOOD_SECONDS
        while time.time() < end:
            conn.sendall(frame * 16)
    return run_udp if transport == "udp" else run_tcp


def recv_exact(conn, n):
    buf = b""
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def blackhole_udp(sock, log):
    while True:
        data, peer = sock.recvfrom(65535)
        try:
            q = DNSRecord.parse(data).questions[0]
            what = "%s %s" % (q.qname, QTYPE.get(q.qtype))
        except Exception:
            what = "unparsable"
        log.log("udp %s#%d %s -> (blackhole: never answered)" % (peer[0], peer[1], what))


def blackhole_tcp(sock, log):
    # Accept and hold the connection open, reading but never answering.
    held = []
    while True:
        conn, peer = sock.accept()
        held.append(conn)
        log.log("tcp %s#%d connection accepted -> (blackhole: never answered)" % peer[:2])


def bind(addr, port):
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    u = socket.socket(fam, socket.SOCK_DGRAM)
    u.bind((addr, port))
    t = socket.socket(fam, socket.SOCK_STREAM)
    # No SO_REUSEPORT: a second lab on the same address must fail to bind.
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind((addr, port))
    t.listen(64)
    return u, t


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--addr", required=True, help="loopback address to bind")
    ap.add_argument("--port", type=int, default=53)
    ap.add_argument("--config", help="zone/behaviour table")
    ap.add_argument("--log", help="query log file (default stderr)")
    ap.add_argument("--identity", default="lab:badserver", help="answer to CH TXT id.server")
    ap.add_argument("--slow-ms", type=int, default=1500, help="delay for the 'slow' behaviour")
    ap.add_argument("--blackhole", action="store_true", help="read queries, never answer")
    ap.add_argument("--ready", help="file to create once the sockets are bound")
    args = ap.parse_args()

    # Safety: this server must never be reachable from a real network.
    if not ipaddress.ip_address(args.addr).is_loopback:
        ap.error("refusing to bind non-loopback address %s" % args.addr)
    if not args.blackhole and not args.config:
        ap.error("--config is required unless --blackhole")

    log = Logger(args.log)
    server = None if args.blackhole else Server(args, log)
    udp, tcp = bind(args.addr, args.port)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

    if args.blackhole:
        targets = [(blackhole_udp, udp), (blackhole_tcp, tcp)]
        log.log("blackhole listening on %s@%d" % (args.addr, args.port))
    else:
        targets = [(server.serve_udp, udp), (server.serve_tcp, tcp)]
        log.log("listening on %s@%d, zones: %s" % (args.addr, args.port, ", ".join(
            "%s=%s" % (z.name, z.behaviour) for z in server.zones)))
    threads = []
    for fn, sock in targets:
        th = threading.Thread(target=fn, args=(sock,) if server else (sock, log), daemon=True)
        th.start()
        threads.append(th)
    if args.ready:
        with open(args.ready, "w") as f:
            f.write("%d\n" % os.getpid())
    for th in threads:
        th.join()


if __name__ == "__main__":
    main()
