#!/usr/bin/env python3
"""Start-up of the commands a person types most, as ratios to the bare start-up of dibcyber's libraries.

    python benchmarks/bench_startup.py [--repeat N] [--phases]

Baseline, measured in the same run: `python -c "import pydantic, ruamel.yaml"`. Every command runs as a
fresh process with a warm catalog cache, the runs interleaved so that a busy moment hurts all alike; the
best of N is reported (the least disturbed run). Targets (issue 20): assess <= 2.5x, --help <= 1.5x.

Floors, measured in the same run: `import typer` alone, and an empty typer command with assess's options
(startup_floor.py). They show what typer, pydantic and ruamel cost before dibcyber does
anything, so the lines say both the ratio and dibcyber's own share above its floor.

--phases also times, in one process, where `assess` spends its time: the imports, the catalogs, the
answers, scoring and the summary.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"
FLOOR = ROOT / "benchmarks" / "startup_floor.py"
BASELINE = "baseline: import pydantic, ruamel.yaml"


def commands() -> dict[str, list[str]]:
    py, ex = sys.executable, str(EXAMPLE)
    dib = [py, "-m", "dibcyber"]
    return {
        "baseline: import pydantic, ruamel.yaml": [py, "-c", "import pydantic, ruamel.yaml"],
        "floor: import typer": [py, "-c", "import typer"],
        "floor: empty typer command, assess's options": [py, str(FLOOR), "assess", ex],
        "dibcyber --version": [*dib, "--version"],
        "dibcyber --help": [*dib, "--help"],
        "dibcyber assess --help": [*dib, "assess", "--help"],
        "dibcyber assess example": [*dib, "assess", ex],
        "dibcyber assess example --format json": [*dib, "assess", ex, "--format", "json"],
        "dibcyber check example": [*dib, "check", ex],
        "dibcyber report example --format md": [*dib, "report", ex, "--format", "md"],
    }


def run(cmd: list[str], env: dict[str, str]) -> None:
    code = subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, env=env).returncode
    if code not in (0, 1):  # check exits 1 when the example fails a gate
        raise SystemExit(f"{' '.join(cmd)} exited {code}")


def measure(runs: dict[str, list[str]], env: dict[str, str], repeat: int) -> dict[str, float]:
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, cmd in runs.items():
            start = time.perf_counter()
            run(cmd, env)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def phases() -> None:
    """One `assess` in this process, phase by phase (imports are first imports: run this alone)."""
    marks: list[tuple[str, float]] = [("start", time.perf_counter())]

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter()))

    import pydantic  # noqa: F401
    import ruamel.yaml  # noqa: F401

    mark("import pydantic, ruamel.yaml (the baseline)")
    import typer

    mark("import typer")
    import typer._adapters  # noqa: F401 - typer imports it to validate a command's options, before the command runs

    mark("typer's option validators (pydantic's machinery)")
    import dibcyber.cli  # noqa: F401

    mark("import dibcyber.cli (commands declared)")
    from dibcyber.app import pipeline
    from dibcyber.io.registry import Registry

    mark("import pipeline, loading, scoring, models")
    reg = Registry([])
    loaded = pipeline.load_answers(EXAMPLE)
    mark("read and validate the answers")
    prof = pipeline.profile_for(reg, loaded, None)
    reg.catalog(prof.catalog)
    mark("profile and catalog (from the cache)")
    result = pipeline.assess(reg, loaded, default_lang="ja")
    mark("score")
    from dibcyber.cli import terminal

    mark("import rich and the terminal views")
    with contextlib.redirect_stdout(io.StringIO()):
        terminal.assessment_summary(result, result.language)
    mark("print the summary")
    print("phases of one `assess` in one process (ms):")
    for (_, before), (name, after) in itertools.pairwise(marks):
        print(f"  {name:50} {(after - before) * 1000:7.1f}")
    print(f"  {'total':50} {(marks[-1][1] - marks[0][1]) * 1000:7.1f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--phases", action="store_true", help="time the phases of one assess in this process")
    args = ap.parse_args()
    env = {**os.environ, "DIBCYBER_CACHE_DIR": tempfile.mkdtemp(prefix="dibcyber-bench-")}
    # An installed wheel has its bytecode compiled by pip; without it every run compiles dibcyber's
    # modules from source (50 ms here), which no user pays. PYTHONDONTWRITEBYTECODE would hide that.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    import dibcyber

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(dibcyber.__file__).parent)], check=True,
                   env=env, stdout=subprocess.DEVNULL)
    if args.phases:
        os.environ.update(env)
        subprocess.run([sys.executable, "-m", "dibcyber", "assess", str(EXAMPLE)], check=True,
                       stdout=subprocess.DEVNULL, env=env)  # warm the cache
        phases()
        return 0
    runs = commands()
    for cmd in runs.values():  # warm the cache and the OS's file cache
        run(cmd, env)
    best = measure(runs, env, args.repeat)
    base = best[BASELINE]
    print(f"best of {args.repeat}, interleaved, warm catalog cache; Python {sys.version.split()[0]}")
    for name, t in best.items():
        print(f"{name:46} {t * 1000:7.0f} ms  {t / base:5.2f}x")
    for command, floor, aim in (("dibcyber --help", "floor: import typer", 1.5),
                                ("dibcyber assess example", "floor: empty typer command, assess's options", 2.5)):
        ratio, own = best[command] / base, (best[command] - best[floor]) * 1000
        print(f"target: {command} <= {aim}x baseline -> {'met' if ratio <= aim else 'NOT met'} ({ratio:.2f}x; "
              f"the floor is {best[floor] / base:.2f}x, dibcyber's own share {own:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
