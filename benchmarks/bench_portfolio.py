#!/usr/bin/env python3
"""The supply-chain portfolio and batch reports at scale, with baselines measured in the same run.

    python benchmarks/bench_portfolio.py [--suppliers 1000] [--memory 100,2000] [--batch-html 100]
                                         [--batch-pdf 12]

Generates synthetic suppliers (benchmarks/make_suppliers.py), then times, each as a whole command:
- baselines: parsing every generated file with dibcyber's YAML loader in one process (the floor: reading
  and parsing, no validation, no scoring), and one `dibcyber assess` of one of them;
- `dibcyber portfolio DIR --format json` and `-o portfolio.html` on every core, and the JSON on one;
- peak RSS of the largest process of the portfolio at two sizes (memory must not grow with N);
- `report --batch` as HTML and as PDF with one worker and with two (the speed-up of the second core).
Aims (issue 9): 1,000 suppliers' HTML portfolio under 10 s; ≤ 10 ms per supplier; batch ≥ 1.7× with 2.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_suppliers import generate  # noqa: E402 - the generator lives beside this script


def run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr.decode("utf-8", "replace")[-2000:])
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}")
    return elapsed


def peak_rss_mb(cmd: list[str], env: dict[str, str]) -> float:
    """Largest resident set of any process of ``cmd`` (the CLI and its workers), in MB."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], env=env, capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def parse_all(files: list[Path]) -> float:
    from dibcyber.io.encoding import read_text
    from dibcyber.io.yamlio import parse

    start = time.perf_counter()
    for f in files:
        parse(read_text(f), str(f))
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--suppliers", type=int, default=1000)
    ap.add_argument("--memory", default="100,2000")
    ap.add_argument("--batch-html", type=int, default=100)
    ap.add_argument("--batch-pdf", type=int, default=12)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dibcyber-bench-portfolio-"))
    env = {**os.environ, "DIBCYBER_CACHE_DIR": str(work / "cache")}
    cli = [sys.executable, "-m", "dibcyber"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        big = work / "suppliers"
        files = generate(args.suppliers, big)
        n = len(files)
        run([*cli, "catalog", "list"], env)  # warm the catalog cache, as on any machine after first use
        print(f"{n} synthetic suppliers ({sum(f.stat().st_size for f in files) / n / 1024:.0f} KB each), "
              f"{cores} cores, warm catalog cache\n")
        parse_s = parse_all(files)
        one = min(run([*cli, "assess", str(files[0]), "--format", "json"], env) for _ in range(3))
        pf_json = run([*cli, "portfolio", str(big), "--format", "json", "-o", str(work / "p.json")], env)
        pf_json_1 = run([*cli, "portfolio", str(big), "--format", "json", "-o", str(work / "p1.json"), "-j", "1"],
                        env)
        pf_html = run([*cli, "portfolio", str(big), "-o", str(work / "p.html")], env)
        rows = [
            ("parse every file (baseline, 1 process)", parse_s, parse_s / n),
            ("one `dibcyber assess` (baseline)", one, one),
            ("portfolio --format json, 1 worker", pf_json_1, pf_json_1 / n),
            (f"portfolio --format json, {cores} workers", pf_json, pf_json / n),
            (f"portfolio -o portfolio.html, {cores} workers", pf_html, pf_html / n),
        ]
        for label, total, per in rows:
            print(f"{label:46} {total:8.2f} s  {per * 1000:7.2f} ms/supplier  {total / parse_s:6.2f}x parse  "
                  f"{total / one:7.1f}x one assess")
        print(f"aim: {n} suppliers' HTML portfolio < 10 s -> {'met' if pf_html < 10 else 'NOT met'} "
              f"({pf_html:.1f} s, {pf_html / n * 1000:.1f} ms per supplier; aim <= 10 ms)\n")

        sizes = [int(s) for s in args.memory.split(",") if s]
        for size in sizes:
            folder = work / f"mem-{size}"
            generate(size, folder, seed=2)
            mb = peak_rss_mb([*cli, "portfolio", str(folder), "--format", "json", "-o", str(work / "m.json")], env)
            print(f"peak RSS of the largest process, portfolio of {size:5} suppliers: {mb:7.1f} MB")
            shutil.rmtree(folder)
        print()

        for fmt, count in (("html", args.batch_html), ("pdf", args.batch_pdf)):
            if count < 1:
                continue  # --batch-html 0 / --batch-pdf 0 skip that part
            subset = work / f"batch-{fmt}"
            generate(count, subset, seed=3)
            times = {}
            for workers in (1, 2):
                out = work / f"out-{fmt}-{workers}"
                times[workers] = run([*cli, "report", "--batch", str(subset), "--out", str(out), "--format", fmt,
                                      "-j", str(workers)], env)
            speed = times[1] / times[2]
            print(f"report --batch {fmt:4} x{count:4}: 1 worker {times[1]:6.2f} s, 2 workers {times[2]:6.2f} s "
                  f"-> {speed:.2f}x ({'met' if speed >= 1.7 else 'NOT met'}, aim >= 1.7x); "
                  f"{times[2] / count * 1000:.0f} ms per report")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
