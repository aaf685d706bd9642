#!/usr/bin/env python3
"""Report rendering times: the example's gap report as HTML and PDF, and a synthetic report of about 30
PDF pages, next to a baseline measured in the same run (scoring the example, which every report pays).

    python benchmarks/bench_reports.py [--repeat N]

Aim: HTML well under a second; the 30-page PDF in a few seconds with Debian's libharfbuzz-subset0
(WeasyPrint subsets the embedded Japanese font much faster with it).
"""

from __future__ import annotations

import argparse
import ctypes.util
import datetime as dt
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), out


def synthetic() -> object:
    """Every Rev.2 requirement open, with a Japanese narrative and planned measure: about 30 pages."""
    from dibcyber.engine.resolve import resolve
    from dibcyber.engine.scoring import score
    from dibcyber.io.registry import Registry
    from dibcyber.models.answers import Answers

    reg = Registry()
    prof = reg.profile("cmmc-l2")
    cats = {c: reg.catalog(c) for c in prof.catalogs}
    text = ("保護すべき情報を取り扱う全ての端末及びサーバについて、現状の設定を棚卸しし、差異を記録した上で"
            "是正の手順を定める。担当部署は四半期ごとに進捗を確認し、経営層に報告する。")
    reqs = {r.id: {"status": "partially_implemented", "narrative": text, "planned_measure": text,
                   "owner": "情報システム課", "target_date": dt.date(2027, 1 + i % 12, 1 + i % 28)}
            for i, r in enumerate(cats["nist-800-171r2"].requirements)}
    reqs["3.12.4"] = {"status": "implemented"}
    answers = Answers.model_validate({"format": "dibcyber/answers@1", "profile": "cmmc-l2",
                                      "organization": {"name": "株式会社ベンチマーク"},
                                      "assessment": {"date": dt.date(2026, 11, 1), "marking": "取扱注意"},
                                      "requirements": reqs})
    resolved, _ = resolve(cats[prof.catalog], answers)
    return score(prof, cats, answers, resolved, lang="ja", generator="benchmark")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from pypdf import PdfReader

    from dibcyber.app.pipeline import assess
    from dibcyber.io.registry import Registry
    from dibcyber.report import Options, render

    subset = "yes" if ctypes.util.find_library("harfbuzz-subset") else "NO (apt-get install libharfbuzz-subset0)"
    print(f"libharfbuzz-subset: {subset}; best of {args.repeat}")
    base, base_med, result = timed(lambda: assess(Registry(), EXAMPLE), args.repeat)
    print(f"{'score the example (baseline)':36} {base * 1000:8.0f} ms  (median {base_med * 1000:.0f})   1.00x")
    big = synthetic()
    runs: list[tuple[str, Callable[[], object]]] = [
        ("example gap report, Markdown", lambda: render(result, Options(kind="gap", fmt="md", lang="ja"))),
        ("example gap report, HTML", lambda: render(result, Options(kind="gap", fmt="html", lang="ja"))),
        ("example gap report, PDF", lambda: render(result, Options(kind="gap", fmt="pdf", lang="ja"))),
        ("synthetic gap report, PDF", lambda: render(big, Options(kind="gap", fmt="pdf", lang="ja"))),
    ]
    for name, fn in runs:
        best, med, out = timed(fn, args.repeat)
        pages = f" ({len(PdfReader(io.BytesIO(out)).pages)} pages)" if isinstance(out, bytes) else ""
        print(f"{name + pages:36} {best * 1000:8.0f} ms  (median {med * 1000:.0f})  {best / base:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
