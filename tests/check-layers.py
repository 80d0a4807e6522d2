#!/usr/bin/python3
"""Fails when a file includes or calls upward.

The folders of src/lib/ are layers, bottom up (LAYERS below); a file may include headers of its
own layer and of the layers below it, never above. Public headers (<caa/X.h>) belong to the layer
that implements them (PUBLIC_HEADERS); the umbrella <caa/caa.h> is for clients only. The clients
(src/cli/, src/service/) include public headers and their own headers, nothing of src/lib/;
the tool (src/cli/) may include the service's entry point, "service/serve.h", for `caa serve`.

ldns stays in the layer made for it (LDNS_LAYERS, dns/): only its files include <ldns/...>, no header
outside them names an ldns type, and a header of theirs that does is included only by files of its
own folder, so ldns objects never reach a layer above.

Calls are checked on what the build made: every symbol a layer's static library leaves undefined
and another layer defines must be defined by a lower layer; the layer's meson link_with names
exactly the layers it calls; the clients call only public (caa_, not
caa__) functions.

usage: check-layers.py SOURCE_ROOT BUILD_ROOT [NM]
"""
import os
import re
import subprocess
import sys

LAYERS = ["util", "base", "caa", "dns", "wire", "zone", "lint", "generate", "check", "diag", "bulk"]
CLIENTS = ["cli", "service"]  # src/<client>/, above every layer
TOP = len(LAYERS)

# enum caa_status and struct caa_error are what every layer returns, util included, so their
# header is util's; the functions status.h declares are base's (status.c), and the symbol check
# keeps util from calling them.
PUBLIC_HEADERS = {
    "export": "util", "status": "util", "escape": "util", "code": "base", "dnssec": "base", "profile": "base", "version": "base",
    "record": "caa", "value": "caa", "evaluate": "caa", "name": "caa", "ca": "caa",
    "zone": "zone",
    "lint": "lint",
    "generate": "generate",
    "context": "check", "check": "check",
    "diagnose": "diag",
    "bulk": "bulk",
}

# The folders of src/lib/ whose files may use ldns: dns/ alone, and it keeps its ldns objects
# to itself (the wire engine's reply and signature checks live there too).
LDNS_LAYERS = ["dns"]
LDNS_INCLUDE = re.compile(r'^\s*#\s*include\s*<ldns/', re.M)
LDNS_TYPE = re.compile(r"\b(?:ldns_\w+|struct\s+ldns_struct_\w+)")
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def rank(layer):
    return LAYERS.index(layer) if layer in LAYERS else TOP


def header_layer(header):
    """The layer a header belongs to, None for system headers, or an error string."""
    m = re.fullmatch(r"caa/(\w+)\.h", header)
    if m:
        if m.group(1) == "caa":
            return "umbrella"
        return PUBLIC_HEADERS.get(m.group(1), "unknown public header")
    m = re.fullmatch(r"lib/(\w+)/.*", header)
    if m:
        return m.group(1)
    return None


def check_includes(root):
    problems = []
    lib = os.path.join(root, "src", "lib")
    sources = []
    for layer in sorted(os.listdir(lib)):
        folder = os.path.join(lib, layer)
        if not os.path.isdir(folder):
            continue
        if layer not in LAYERS:
            problems.append(f"src/lib/{layer}/: a folder that is not a layer (add it to LAYERS)")
            continue
        sources += [(layer, os.path.join(folder, f)) for f in sorted(os.listdir(folder))]
    public = os.path.join(root, "include", "caa")
    for f in sorted(os.listdir(public)):
        name = f[:-2]
        sources.append((PUBLIC_HEADERS.get(name, "cli" if name == "caa" else "?"),
                        os.path.join(public, f)))
    for client in CLIENTS:
        folder = os.path.join(root, "src", client)
        if os.path.isdir(folder):
            sources += [(client, os.path.join(folder, f)) for f in sorted(os.listdir(folder))]

    for layer, path in sources:
        if not path.endswith((".c", ".h")):
            continue
        rel = os.path.relpath(path, root)
        if layer == "?":
            problems.append(f"{rel}: a public header with no layer (add it to PUBLIC_HEADERS)")
            continue
        with open(path, encoding="utf-8") as fp:
            text = fp.read()
        for quote, header in INCLUDE.findall(text):
            if layer in CLIENTS:
                # `caa serve` is a subcommand: the tool may call the service's entry point.
                if quote == '"' and "/" in header and not (
                        layer == "cli" and header.startswith("service/") and "/" not in header[8:]):
                    problems.append(f"{rel}: includes \"{header}\": clients include only "
                                    "<caa/...> and their own headers")
                continue
            target = header_layer(header)
            if target is None:
                continue
            if target == "umbrella":
                if layer != "cli":
                    problems.append(f"{rel}: includes the umbrella <caa/caa.h>; include the "
                                    "headers it uses")
            elif target not in LAYERS:
                problems.append(f"{rel}: includes {header} ({target})")
            elif rank(target) > rank(layer):
                problems.append(f"{rel}: includes {header}, of layer {target}, above {layer}")
    return problems


def ldns_folder(rel):
    """The LDNS_LAYERS folder rel (a path from the source root) lies in, or None."""
    parts = rel.split(os.sep)
    if len(parts) > 3 and parts[0] == "src" and parts[1] == "lib" and parts[2] in LDNS_LAYERS:
        return parts[2]
    return None


def check_ldns(root):
    problems = []
    texts = {}
    for top in ("src", "include"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for f in sorted(files):
                if f.endswith((".c", ".h")):
                    path = os.path.join(dirpath, f)
                    with open(path, encoding="utf-8") as fp:
                        texts[os.path.relpath(path, root)] = fp.read()
    exposing = set()  # "lib/dns/x.h" for the headers of LDNS_LAYERS that name ldns types
    for rel, text in sorted(texts.items()):
        folder = ldns_folder(rel)
        if folder is None and LDNS_INCLUDE.search(text):
            problems.append(f"{rel}: includes <ldns/...>; only src/lib/{{"
                            + ",".join(LDNS_LAYERS) + "}/ may")
        if rel.endswith(".h") and LDNS_TYPE.search(COMMENT.sub("", text)):
            if folder is None:
                problems.append(f"{rel}: a header outside src/lib/{{" + ",".join(LDNS_LAYERS)
                                + "}/ names an ldns type")
            else:
                exposing.add(rel[len("src/"):])
    for rel, text in sorted(texts.items()):
        for quote, header in INCLUDE.findall(text):
            if quote == '"' and header in exposing and ldns_folder(rel) != header.split("/")[1]:
                problems.append(f"{rel}: includes {header}, which names ldns types: ldns "
                                f"objects stay inside src/lib/{header.split('/')[1]}/")
    return problems


def symbols(nm, path, flag):
    out = subprocess.run([nm, flag, path], check=True, capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        fields = line.split()
        if not fields or fields[-1].endswith(":"):
            continue  # "member.o:" headers of an archive
        if flag == "-u":
            names.add(fields[-1])
        elif len(fields) == 3 and fields[1] in "TDRBVW":
            names.add(fields[2])
    return names


def declared_links(root, layer):
    """The layers named in link_with of src/lib/<layer>/meson.build's caa_<layer> library."""
    with open(os.path.join(root, "src", "lib", layer, "meson.build"), encoding="utf-8") as fp:
        text = fp.read()
    m = re.search(r"caa_" + layer + r"\s*=\s*static_library\(", text)
    links = re.search(r"link_with\s*:\s*\[([^\]]*)\]", text[m.end():]) if m else None
    if links is None:
        return set()
    return {name.strip()[len("caa_"):] for name in links.group(1).split(",") if name.strip()}


def check_calls(root, build, nm):
    problems = []
    defined_in = {}
    undefined = {}
    for layer in LAYERS:
        path = os.path.join(build, "src", "lib", layer, f"libcaa_{layer}.a")
        if not os.path.exists(path):
            problems.append(f"{os.path.relpath(path, build)}: missing (each layer is one "
                            "static library named after its folder)")
            continue
        for name in symbols(nm, path, "--defined-only"):
            defined_in.setdefault(name, layer)
        undefined[layer] = symbols(nm, path, "-u")
    for layer, names in undefined.items():
        calls = set()
        for name in sorted(names):
            target = defined_in.get(name)
            if target is None or target == layer:
                continue
            calls.add(target)
            if rank(target) > rank(layer):
                problems.append(f"libcaa_{layer}.a calls {name}, of layer {target}, above "
                                f"{layer}")
        declared = declared_links(root, layer)
        if declared != calls:
            problems.append(f"src/lib/{layer}/meson.build: link_with {sorted(declared)}, but "
                            f"the library calls {sorted(calls)}")
    for client in CLIENTS:
        objects = os.path.join(build, "src", client)
        for dirpath, _, files in os.walk(objects):
            for f in sorted(files):
                if not f.endswith(".o"):
                    continue
                for name in sorted(symbols(nm, os.path.join(dirpath, f), "-u")):
                    if name.startswith("caa__") or name in defined_in and \
                            not name.startswith("caa_"):
                        problems.append(f"{client}/{f}: calls the library-internal {name}")
    return problems


def main():
    root, build = sys.argv[1], sys.argv[2]
    nm = sys.argv[3] if len(sys.argv) > 3 else "nm"
    problems = check_includes(root) + check_ldns(root) + check_calls(root, build, nm)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} upward includes or calls, or ldns outside its layers: layers, bottom up: " + " < ".join(LAYERS)
              + " < " + ", ".join(CLIENTS))
        return 1
    print("layers clean: " + " < ".join(LAYERS) + " < " + ", ".join(CLIENTS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
