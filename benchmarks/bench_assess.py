#!/usr/bin/env python3
"""`dibcyber assess` of the bundled example, next to the bare start-up cost of its two main libraries.

    python benchmarks/bench_assess.py [--repeat N]

Baseline, measured in the same run: `python -c "import pydantic, ruamel.yaml"` — what any Python tool
built on these libraries pays before doing anything. Target: assess within 2.5x of it (warm cache).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"


def timed(cmd: list[str], env: dict[str, str], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    env = {**os.environ, "DIBCYBER_CACHE_DIR": tempfile.mkdtemp(prefix="dibcyber-bench-")}
    py = sys.executable
    baseline = [py, "-c", "import pydantic, ruamel.yaml"]
    runs = {
        "import pydantic, ruamel.yaml (baseline)": baseline,
        "dibcyber --version": [py, "-m", "dibcyber", "--version"],
        "dibcyber assess example --format json": [py, "-m", "dibcyber", "assess", str(EXAMPLE), "--format", "json"],
        "dibcyber assess example (summary)": [py, "-m", "dibcyber", "assess", str(EXAMPLE)],
    }
    subprocess.run(runs["dibcyber assess example --format json"], check=True, stdout=subprocess.DEVNULL, env=env)
    base = timed(baseline, env, args.repeat)[0]
    print(f"best of {args.repeat}, warm catalog cache")
    for name, cmd in runs.items():
        best, med = timed(cmd, env, args.repeat)
        print(f"{name:42} {best * 1000:7.0f} ms  (median {med * 1000:.0f})  {best / base:5.2f}x")
    best = timed(runs["dibcyber assess example --format json"], env, args.repeat)[0]
    print(f"target: assess <= 2.5x baseline -> {'met' if best <= 2.5 * base else 'NOT met'} ({best / base:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
