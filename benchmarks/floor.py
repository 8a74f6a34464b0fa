"""The floors hoso is measured against: the least work its commands could do, in one process.

    python benchmarks/floor.py SCHEMA FILE...        # read, PyYAML C load, jsonschema-rs validate
    python benchmarks/floor.py --bam FILE...         # read and hash (SHA-256) every file

The first is the floor of ``hoso check``: a single process that reads each file, loads it with
PyYAML's C loader (``yaml.CSafeLoader``, its own resolvers and constructors) and validates the
data with jsonschema-rs — no positions, no text checks, no rules, no messages. It prints the number
of files the schema refuses (PyYAML's resolvers type some values the schema wants as text; the
work is the same either way).

The second is the floor of a ``hoso render`` with nothing to do: every dossier read and its
content hash computed, which is what must happen to know that nothing changed.

Only the standard library, PyYAML and jsonschema-rs are imported: the floor has no start-up that
hoso could avoid.
"""

from __future__ import annotations

import sys


def check(schema_file: str, files: list[str]) -> int:
    import json

    import jsonschema_rs
    import yaml

    with open(schema_file, encoding="utf-8") as fh:
        validator = jsonschema_rs.Draft202012Validator(json.load(fh))
    refused = 0
    for name in files:
        with open(name, "rb") as fh:
            data = yaml.load(fh.read(), Loader=yaml.CSafeLoader)
        if not validator.is_valid(data):
            refused += 1
    print(refused)
    return 0


def hashes(files: list[str]) -> int:
    import hashlib

    total = 0
    for name in files:
        with open(name, "rb") as fh:
            total += len(hashlib.sha256(fh.read()).hexdigest())
    print(total // 64)
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--bam"]:
        return hashes(argv[1:])
    return check(argv[0], argv[1:])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
