"""The hostile-input corpus: every folder in cases/hostile is one attack on dibcyber, run through the real CLI.

A case folder holds its input files and ``case.yaml``::

    what: one line, and the issue it guards (issue 10, issue 13)
    args: [report, answers.yaml, -o, answers.yaml]   # run in a copy of the folder (the working directory)
    exit: 4                                          # the expected exit code (never 70)
    stderr: ["is an input of this command"]          # fragments the error output must contain
    stdout: [...]                                    # optional fragments of standard output
    absent: ["datetime.datetime"]                    # optional: must appear in neither output
    max_stderr: 2000                                 # optional: error output at most this many characters
    env: {DIBCYBER_MAX_FILE_SIZE: 1K}                # optional environment
    seconds: 10                                      # optional time bound (default 10)
    changes: [answers.yaml]                          # files the command may change; all others must not
    special:                                         # files git cannot store, made by this runner
      - {path: pipe.yaml, kind: fifo}                # also: dir, socket, symlink (`to`), unreadable,
      - {path: big.bin, kind: sparse, size: 2147483648}   # sparse, repeat (head/body/times/tail, {i})
    git: true                                        # optional: make the copy a git repository
                                                     # ({date: "@253402300800 +0000"}: commit dated so)

Add a regression case by adding a folder, not Python.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import yaml_helper
from conftest import CASES, run_cli
from test_messages import english_runs

HOSTILE = sorted(p for p in (CASES / "hostile").iterdir() if p.is_dir())


def _make_special(root: Path, spec: dict[str, Any]) -> None:
    path = root / spec["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = spec["kind"]
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dir":
        path.mkdir()
    elif kind == "symlink":
        path.symlink_to(spec["to"])
    elif kind == "socket":
        import socket

        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    elif kind == "symlink-loop":
        path.symlink_to(path.name)
    elif kind == "unreadable":
        if os.geteuid() == 0:
            pytest.skip("root reads every file")
        path.write_text("format: dibcyber/answers@1\n", "utf-8")
        path.chmod(0)
    elif kind == "sparse":
        with path.open("wb") as f:
            f.truncate(int(spec["size"]))
    elif kind == "repeat":  # head, body repeated (with {i} replaced by 0, 1, 2…), tail
        repeated = "".join(spec["body"].replace("{i}", str(i)) for i in range(int(spec["times"])))
        path.write_bytes((spec["head"] + repeated + spec.get("tail", "")).encode("utf-8"))
    else:  # pragma: no cover - a typo in a case
        raise AssertionError(f"unknown special kind {kind!r}")


def _snapshot(root: Path) -> dict[str, str]:
    """Hashes of the regular files in the copy (special files are left alone: reading a FIFO blocks)."""
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_symlink() or not stat.S_ISREG(p.lstat().st_mode) or ".git" in p.parts:
            continue
        if p.stat().st_size > 1 << 20:
            out[str(p.relative_to(root))] = f"size {p.stat().st_size}"
            continue
        out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


class TimeBound(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise TimeBound("the command ran past its time bound")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    for p in tmp_path.rglob("*"):  # let pytest clean up unreadable files
        if not p.is_symlink():
            p.chmod(0o700)


def test_corpus_is_large_enough() -> None:
    assert len(HOSTILE) >= 160  # issue 17 added 42 to the 119 before


JA = {"LANG": "ja_JP.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
_ENGLISH_WORD = re.compile(r"(?<![\w./\-])[A-Za-z]+(?![\w./\-])")
STILL_ENGLISH = {
}
"""Cases whose standard error, for a Japanese user, still holds English that is not an error or a hint."""


def _neutral(needle: str) -> bool:
    """A fragment without English words or quotes (a path, a location, an escaped character, Japanese):
    looked for in the Japanese run too."""
    return not (_ENGLISH_WORD.search(needle) or "'" in needle)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("case", HOSTILE, ids=[p.name for p in HOSTILE])
def test_hostile(case: Path, lang: str, workdir: Path) -> None:
    """Each case as written, and again for a Japanese user (a Japanese locale): the same exit code and
    files, and no English sentence on standard error (the English fragments are not looked for then)."""
    spec = yaml_helper.load(case / "case.yaml")
    cli_env = {k: str(v) for k, v in spec.get("env", {}).items()}
    if lang == "ja":
        if "--lang" in spec["args"] or {"LANG", "LC_ALL"} & set(cli_env):
            pytest.skip("the case chooses its language")
        if case.name in STILL_ENGLISH:
            pytest.xfail(STILL_ENGLISH[case.name])
        cli_env = {**JA, **cli_env}
    for item in case.iterdir():
        if item.name == "case.yaml":
            continue
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, workdir / item.name)
    for special in spec.get("special", []):
        _make_special(workdir, special)
    if spec.get("git"):
        env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
        if isinstance(spec["git"], dict) and "date" in spec["git"]:  # a forged commit date (year 10000)
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = str(spec["git"]["date"])
        for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "case"]):
            subprocess.run(cmd, cwd=workdir, check=True, env=env, capture_output=True)
    before = _snapshot(workdir)
    devnull = Path("/dev/null").stat()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, float(spec.get("seconds", 10)))
    try:
        result = run_cli(*[str(a) for a in spec["args"]], env=cli_env)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    both = result.out + result.err
    assert result.code != 70, result.err
    assert "Traceback" not in both
    assert result.code == spec["exit"], f"exit {result.code}:\n{result.err}\n{result.out[:2000]}"
    for needle in spec.get("stderr", []):
        if lang == "en" or _neutral(needle):
            assert needle in result.err, f"{needle!r} not in:\n{result.err}"
    if lang == "ja" and not (result.code == 2 and "Usage:" in result.err):  # click's own usage errors
        assert english_runs(result.err) == [], result.err
    for needle in spec.get("stdout", []):
        if lang == "en" or _neutral(needle):
            assert needle in result.out, f"{needle!r} not in:\n{result.out[:4000]}"
    for needle in spec.get("absent", []):
        assert needle not in both, f"{needle!r} printed:\n{both[:4000]}"
    if "max_stderr" in spec:
        assert len(result.err) <= spec["max_stderr"], result.err[:4000]
    after = _snapshot(workdir)
    for name in spec.get("changes", []):
        before.pop(name, None)
        after.pop(name, None)
    assert after == before, "a file that is not an output changed or appeared"
    now = Path("/dev/null").stat()
    assert stat.S_ISCHR(now.st_mode) and now.st_rdev == devnull.st_rdev
