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


def dibcyber(*args: str, cwd: Path, timeout: float = 60, stdout: object = subprocess.PIPE,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "dibcyber", *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}, timeout=timeout,
                          check=False)


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


@pytest.mark.parametrize("args", [("assess", "a.yaml"), ("assess", "a.yaml", "--format", "json"), ("--version",),
                                  ("--help",), ("schema",), ("catalog", "show", "nist-800-171r2"),
                                  ("check", "a.yaml", "--min-sprs", "110"), ("report", "a.yaml", "--format", "md")])
def test_a_full_disk_on_standard_output_is_a_write_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    (tmp_path / "a.yaml").write_text(ANSWERS, "utf-8")
    with Path("/dev/full").open("wb") as full:
        r = dibcyber(*args, cwd=tmp_path, stdout=full)
    err = r.stderr.decode()
    assert r.returncode == 4, err
    assert err.count("\n") == 1 and "cannot write to standard output" in err and "Traceback" not in err, err


@pytest.mark.parametrize("args", [("assess", "a.yaml"), ("--version",), ("report", "a.yaml", "--format", "md")])
def test_a_closed_standard_output_is_a_write_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "a.yaml").write_text(ANSWERS, "utf-8")
    r = subprocess.run(["sh", "-c", '"$0" -m dibcyber "$@" >&-', sys.executable, *args], cwd=tmp_path,
                       capture_output=False, stderr=subprocess.PIPE, timeout=60, check=False)
    err = r.stderr.decode()
    assert r.returncode == 4, err
    assert "cannot write to standard output" in err and "Traceback" not in err, err
