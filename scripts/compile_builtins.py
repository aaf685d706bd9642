#!/usr/bin/env python3
"""Compile the built-in catalogs into ``controls/compiled/*.json``, shipped with dibcyber.

    python scripts/compile_builtins.py            # regenerate after editing controls/*.yaml or the models
    python scripts/compile_builtins.py --check    # exit 1 if a compiled file is missing or stale

Why: built-in catalogs are trusted (they are part of dibcyber), the user's cache folder is not. Loading a
built-in catalog from the cache would let anyone who can write that folder change a built-in text; parsing
its YAML on every run costs about half a second. So the validated model of each built-in catalog ships in
the package, next to its YAML, with the SHA-256 of the YAML it was made from: the registry uses it only
when that hash matches the YAML beside it (else it parses the YAML, never the cache). tests/test_issue17.py
checks that every compiled file is fresh and equal to what the YAML gives.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def build() -> dict[Path, bytes]:
    os.environ["DIBCYBER_NO_CACHE"] = "1"
    from dibcyber.engine.checks import mapping_findings
    from dibcyber.io.registry import Registry, compiled_entry, compiled_path
    from dibcyber.models.catalog import Catalog

    reg = Registry([])
    out: dict[Path, bytes] = {}
    parsed = {}
    for entry in reg.entries("catalog"):
        if entry.builtin:
            parsed[entry.id] = (entry, entry.path.read_bytes())
            parsed[entry.id] += (reg.parse_builtin(entry.path, parsed[entry.id][1], Catalog),)
    for entry, raw, cat in parsed.values():
        # the registry skips the mapping check of a compiled built-in catalog whose targets are compiled
        # built-ins too: a mapping is checked here, before it is compiled, or the catalog is not compiled
        findings = mapping_findings(cat, lambda cid: parsed[cid][2] if cid in parsed else None, sorted(parsed))
        if findings:
            raise SystemExit(f"{entry.path.name}: " + "; ".join(f"{f.loc}: {f.message}" for f in findings[:5]))
        out[compiled_path(entry.path)] = compiled_entry(raw, cat.model_dump_json(exclude_defaults=True).encode())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a compiled file is missing or stale")
    args = parser.parse_args()
    stale = []
    for path, body in build().items():
        current = path.read_bytes() if path.is_file() else None
        if current == body:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(body)
            print(f"wrote {path.relative_to(ROOT)}")
    if args.check and stale:
        print("stale: " + ", ".join(str(p.relative_to(ROOT)) for p in stale) + "; run scripts/compile_builtins.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
