#!/usr/bin/env python3
"""Time to load every shipped catalog, next to the time to merely parse the same YAML, in one run.

    python benchmarks/bench_catalogs.py [--repeat N]

Baseline: parsing the files with ruamel.yaml's safe loader (the C parser when installed) — the least any
YAML-based loader must pay. Measured: dibcyber's full load (parse, validate, consistency checks) with a
cold cache and with a warm compiled cache. The target is a warm load within 1.5x of parsing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent


def best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    os.environ["DIBCYBER_CACHE_DIR"] = tempfile.mkdtemp(prefix="dibcyber-bench-")
    from dibcyber.io import cache
    from dibcyber.io.registry import Registry
    from dibcyber.io.resources import data_dir

    files = sorted(data_dir("controls").glob("*.yaml"))
    size = sum(f.stat().st_size for f in files)

    def parse_only() -> None:
        for f in files:
            YAML(typ="safe").load(f.read_text(encoding="utf-8"))

    def load_all() -> None:
        reg = Registry()
        for e in reg.entries("catalog"):
            reg.catalog(e.id)

    def load_cold() -> None:
        os.environ["DIBCYBER_NO_CACHE"] = "1"
        try:
            load_all()
        finally:
            del os.environ["DIBCYBER_NO_CACHE"]

    parser = "C (ruamel.yaml.clib)" if "_ruamel_yaml" in sys.modules or _has_clib() else "pure Python"
    print(f"{len(files)} catalogs, {size / 1e6:.2f} MB of YAML; parser: {parser}; best of {args.repeat}")
    base, base_med = best(parse_only, args.repeat)
    load_all()  # fill the cache
    assert cache.cache_dir() is not None
    warm, warm_med = best(load_all, args.repeat)
    cold, cold_med = best(load_cold, max(1, args.repeat // 2))
    print(f"{'parse only (baseline)':28} {base * 1000:8.1f} ms  (median {base_med * 1000:.1f})  1.00x")
    print(f"{'load, warm compiled cache':28} {warm * 1000:8.1f} ms  (median {warm_med * 1000:.1f})  {warm / base:.2f}x")
    print(f"{'load, no cache':28} {cold * 1000:8.1f} ms  (median {cold_med * 1000:.1f})  {cold / base:.2f}x")
    print(f"target: warm load <= 1.5x parse -> {'met' if warm <= 1.5 * base else 'NOT met'}")
    return 0


def _has_clib() -> bool:
    try:
        import _ruamel_yaml  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
