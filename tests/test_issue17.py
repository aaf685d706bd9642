"""Issue 17 (hardening, third list): guards that need more than a corpus case — real processes with a
timeout, closed and full output streams, forged git dates, cache edits, injected kills."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ANSWERS = """format: dibcyber/answers@1
profile: cmmc-l2
organization: {name: 検証株式会社}
assessment: {date: 2026-11-01}
requirements:
  "3.1.1": {status: implemented}
"""


def dibcyber(*args: str, cwd: Path, timeout: float = 60, **kw: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **kw.pop("env", {})}  # type: ignore[dict-item]
    return subprocess.run([sys.executable, "-m", "dibcyber", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=timeout, check=False, **kw)  # type: ignore[call-overload,no-any-return]


@pytest.mark.parametrize("command", [["portfolio", "sup", "--format", "json"],
                                     ["report", "--batch", "sup", "--out", "out", "--format", "md"]])
def test_folder_scans_never_open_a_fifo_in_a_real_process(tmp_path: Path, command: list[str]) -> None:
    sup = tmp_path / "sup"
    (sup / "deep").mkdir(parents=True)
    (sup / "a.yaml").write_text(ANSWERS, "utf-8")
    for name in ("p.yaml", "q.yml", "r.xlsx", "deep/s.yaml"):
        os.mkfifo(sup / name)
    r = dibcyber(*command, cwd=tmp_path, timeout=60)  # before issue 17 this hung until killed
    assert r.returncode == 0, r.stderr.decode()
