#!/usr/bin/python3
"""Validates caa's JSON output (stdin: one document, or NDJSON) against docs/caa-1.schema.json.

Usage: validate_json.py SCHEMA [WHAT] < output. Exit 0 when every document validates; 1 with
each error (the document's path and the reason) on stderr otherwise.
"""
import json
import sys

import jsonschema


def documents(text):
    try:
        return [json.loads(text)]
    except ValueError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    what = sys.argv[2] if len(sys.argv) > 2 else "stdin"
    validator = jsonschema.Draft202012Validator(schema)
    docs = documents(sys.stdin.read())
    failed = 0
    if not docs:
        print("%s: no JSON document" % what, file=sys.stderr)
        return 1
    for n, doc in enumerate(docs, 1):
        for err in validator.iter_errors(doc):
            failed += 1
            path = "/".join(str(p) for p in err.absolute_path)
            print("%s: document %d at /%s: %s" % (what, n, path, err.message), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
