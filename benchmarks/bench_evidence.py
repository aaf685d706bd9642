#!/usr/bin/env python3
"""`evidence check` next to `evidence lock` over the same evidence files, in one run.

    python benchmarks/bench_evidence.py [--files 2000] [--repeat 3]

A git repository with N small evidence files (committed), and an answers file citing every one. Baseline:
`dibcyber evidence lock` (hashes every file, one git call to find the repository). Measured: `dibcyber
evidence check --max-age 365` (hashes every file and asks git when each last changed). Before issue 17
check started two git processes per file (about 8x lock for 2,000 files); the aim is about 1x. Prints
times and the ratio; no wall-clock threshold is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "dibcyber", *args], cwd=cwd, capture_output=True, check=False)
    took = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} exited {proc.returncode}: {proc.stderr.decode()[:2000]}")
    return took


def make_repo(root: Path, files: int) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.invalid",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.invalid"}
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    lines = ["format: dibcyber/answers@1", "profile: cmmc-l2", "organization: {name: ベンチ株式会社}",
             "assessment: {date: 2026-11-01}", "requirements:", '  "3.1.1":', "    status: implemented",
             "    evidence:"]
    for i in range(files):
        folder = root / "evidence" / f"d{i // 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"証跡{i:05d}.md").write_text(f"evidence {i}\n" * 20, "utf-8")
        lines.append(f"      - path: evidence/d{i // 100:02d}/証跡{i:05d}.md")
    (root / "answers.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "evidence"], cwd=root, check=True, env=env)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="dibcyber-bench-evidence-") as tmp:
        root = Path(tmp)
        make_repo(root, args.files)
        locks, checks = [], []
        for _ in range(args.repeat):  # interleaved, so a busy moment hits both
            locks.append(run(["evidence", "lock", "answers.yaml", "--lock-file"], root))
            checks.append(run(["evidence", "check", "answers.yaml", "--max-age", "365"], root))
        lock, check = min(locks), min(checks)
        print(f"{args.files} evidence files, best of {args.repeat}:")
        print(f"  evidence lock   {lock:6.2f} s  (baseline)")
        print(f"  evidence check  {check:6.2f} s  {check / lock:5.2f}x lock")
    return 0


if __name__ == "__main__":
    sys.exit(main())
