"""No data loss: `evidence lock`, `assess --interactive` and `import xlsx --into` killed (SIGKILL) at each
named point of a write, and at random moments, leave each file they write as the old or the new complete
version, never a mix, never empty — and the same check fails when the write is a plain one."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ITERATIONS = 50
ANSWERS = "".join([
    "# answers under test: comments and order must survive the rewrite\n",
    "format: dibcyber/answers@1\nprofile: cmmc-l2\norganization: {name: 検証株式会社}\n",
    "assessment: {date: 2026-11-01}\nrequirements:\n",
    *(f'  "3.1.{i}":\n    status: implemented\n    evidence:\n      - path: evidence/e{i}.txt  # 証跡 {i}\n'
      for i in range(1, 23)),
])


def _command(*extra: str) -> list[str]:
    return [sys.executable, "-m", "dibcyber", "evidence", "lock", "answers.yaml", *extra]


ENV = {**os.environ, "DIBCYBER_NO_CACHE": "1"}


def _setup(folder: Path) -> None:
    (folder / "evidence").mkdir(parents=True)
    for i in range(1, 23):
        (folder / "evidence" / f"e{i}.txt").write_bytes(os.urandom(256 * 1024))  # some hashing work
    (folder / "answers.yaml").write_text(ANSWERS, "utf-8")


# --- deterministic kills: each window of a write, hit by name -----------------------------------------------
#
# A random kill rarely lands in the microseconds between writing and renaming, so the random tests below
# pass even with a plain write. Here the writer kills itself (SIGKILL) at a named point of atomic_write
# (DIBCYBER_TEST_KILL_AT, see atomic.test_kill_point): half the bytes written; written but not renamed;
# renamed but the folder not yet synced. Each command must leave the old file at the first two and the new
# one at the last. The same commands run with atomic_write replaced by a plain write (tests/plain_writer.py)
# must leave a half-written file at the first point — proof that the check can fail.

POINTS = [("mid-write", "old"), ("before-rename", "old"), ("before-dir-sync", "new")]
PLAIN = Path(__file__).resolve().parent / "plain_writer.py"


def _old_or_new(now: bytes | None, old: bytes | None, new: bytes) -> str:
    """'old' or 'new', or 'lost' for anything else (half-written, empty, missing)."""
    return "old" if now == old else "new" if now == new else "lost"


def _killed_at(point: str | None, cmd: list[str], cwd: Path, plain: bool = False) -> subprocess.CompletedProcess[bytes]:
    env = {**ENV, **({"DIBCYBER_TEST_KILL_AT": point} if point else {})}
    argv = [sys.executable, str(PLAIN), *cmd[3:]] if plain else cmd  # cmd is [python, -m, dibcyber, …]
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, timeout=60, check=False)


def _lock_case(tmp_path: Path, lock_file: bool) -> tuple[Path, list[str], str]:
    reference = tmp_path / "reference"
    _setup(reference)
    return reference, _command(*(("--lock-file",) if lock_file else ())), (
        "answers.evidence-lock.yaml" if lock_file else "answers.yaml")


def _import_case(tmp_path: Path) -> tuple[Path, list[str], str]:
    import openpyxl

    reference = tmp_path / "reference"
    reference.mkdir()
    text = ANSWERS.replace("    evidence:\n", "    owner: 情報システム課\n    evidence:\n")
    (reference / "answers.yaml").write_text(text, "utf-8")
    export = subprocess.run([sys.executable, "-m", "dibcyber", "export", "xlsx", "answers.yaml", "-o", "q.xlsx"],
                            cwd=reference, env=ENV, capture_output=True, timeout=60, check=False)
    assert export.returncode == 0, export.stderr.decode()
    wb = openpyxl.load_workbook(reference / "q.xlsx")
    ws = wb["Requirements"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 6).value = f"供給者が更新した説明 {row}"
    wb.save(reference / "q.xlsx")
    return reference, [sys.executable, "-m", "dibcyber", "import", "xlsx", "q.xlsx", "--into", "answers.yaml"], \
        "answers.yaml"


CASES = {"evidence-lock": lambda t: _lock_case(t, False), "evidence-lock-file": lambda t: _lock_case(t, True),
         "import-into": _import_case}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_kill_at_each_point_of_a_write_leaves_old_or_new(tmp_path: Path, case: str) -> None:
    reference, cmd, target = CASES[case](tmp_path)
    old = (reference / target).read_bytes() if (reference / target).exists() else None
    work = tmp_path / "done"
    shutil.copytree(reference, work)
    done = _killed_at(None, cmd, work)
    assert done.returncode == 0, done.stderr.decode()
    new = (work / target).read_bytes()
    assert new != old
    for point, expected in POINTS:
        work = tmp_path / point
        shutil.copytree(reference, work)
        proc = _killed_at(point, cmd, work)
        assert proc.returncode == -signal.SIGKILL, (point, proc.returncode, proc.stderr.decode())
        now = (work / target).read_bytes() if (work / target).exists() else None
        assert _old_or_new(now, old, new) == expected, (point, now[:200] if now else now)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_kill_check_fails_on_a_plain_write(tmp_path: Path, case: str) -> None:
    """The check above detects a loss when the writer is not atomic: it can fail."""
    reference, cmd, target = CASES[case](tmp_path)
    old = (reference / target).read_bytes() if (reference / target).exists() else None
    work = tmp_path / "done"
    shutil.copytree(reference, work)
    assert _killed_at(None, cmd, work).returncode == 0
    new = (work / target).read_bytes()
    work = tmp_path / "plain"
    shutil.copytree(reference, work)
    proc = _killed_at("mid-write", cmd, work, plain=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    now = (work / target).read_bytes() if (work / target).exists() else None
    assert _old_or_new(now, old, new) == "lost"


@pytest.mark.parametrize(("point", "plain", "expected"),
                         [*((p, False, e) for p, e in POINTS), ("mid-write", True, "lost")])
def test_interactive_save_killed_at_each_point(tmp_path: Path, point: str, plain: bool, expected: str) -> None:
    """`assess --interactive` saving an answer, killed at each named point (and, as proof, with a plain
    write at the first)."""
    import pexpect

    from conftest import run_cli

    reference = tmp_path / "answers.yaml"
    assert run_cli("init", "-p", "atla-standard", "-o", reference, "--lang", "ja").code == 0
    old = reference.read_bytes()

    def session(path: Path, kill_at: str | None) -> pexpect.spawn:
        env = {**os.environ, "COLUMNS": "200", "LANG": "C.UTF-8",
               **({"DIBCYBER_TEST_KILL_AT": kill_at} if kill_at else {})}
        args = [str(PLAIN)] if plain else ["-m", "dibcyber"]
        child = pexpect.spawn(sys.executable, [*args, "assess", str(path), "--interactive", "--lang", "en"],
                              env=env, encoding="utf-8", timeout=30)
        # decline the family offer (one by one), then answer the first requirement
        for prompt, reply in (("One status for all", ""), ("> ", ""), ("> ", "1"), ("Narrative", "方針を制定済み"),
                              ("Evidence", ""), ("Owner", "総務部")):
            child.expect_exact(prompt)
            child.sendline(reply)
        return child

    child = session(reference, None)
    child.expect_exact("saved")
    child.close(force=True)
    new = reference.read_bytes()
    path = tmp_path / "work.yaml"
    path.write_bytes(old)
    child = session(path, point)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL, (child.exitstatus, child.before)
    assert _old_or_new(path.read_bytes(), old, new) == expected


@pytest.mark.slow
@pytest.mark.parametrize(("lock_file", "iterations"), [(False, ITERATIONS), (True, 20)],
                         ids=["in-answers", "lock-file"])
def test_killed_evidence_lock_leaves_old_or_new(tmp_path: Path, lock_file: bool, iterations: int) -> None:
    extra = ("--lock-file",) if lock_file else ()
    reference = tmp_path / "reference"
    _setup(reference)
    target = "answers.evidence-lock.yaml" if lock_file else "answers.yaml"
    old = (reference / target).read_bytes() if (reference / target).exists() else None
    start = time.monotonic()
    done = subprocess.run(_command(*extra), cwd=reference, env=ENV, capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    duration = time.monotonic() - start
    new = (reference / target).read_bytes()
    assert new != old
    rng = random.Random(13)
    outcomes = {"old": 0, "new": 0}
    work = tmp_path / "work"
    for _ in range(iterations):
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(reference, work, symlinks=True)
        if old is None:
            (work / target).unlink()
        else:
            (work / target).write_bytes(old)
        proc = subprocess.Popen(_command(*extra), cwd=work, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        # most of a run is start-up: aim at its end, and past it, since a loaded machine (other jobs on
        # two cores) can make the measured run faster than the ones that follow
        time.sleep(rng.uniform(0.3, 1.6) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait(60)
        now = (work / target).read_bytes() if (work / target).exists() else None
        assert now in (old, new), f"half-written {target} after a kill:\n{now!r:.400}"
        outcomes["old" if now == old else "new"] += 1
        leftovers = [p.name for p in work.iterdir() if p.name.endswith(".tmp")]
        assert all(name.startswith(f".{target}.") for name in leftovers)  # at most an orphaned temporary file
    assert outcomes["old"] and outcomes["new"], outcomes  # kills landed both before and after the rename


@pytest.mark.slow
def test_killed_interactive_save_leaves_old_or_new(tmp_path: Path) -> None:
    """`assess --interactive` killed at random moments around the save of an answer, 50 times."""
    import pexpect

    from conftest import run_cli

    reference = tmp_path / "answers.yaml"
    assert run_cli("init", "-p", "atla-standard", "-o", reference, "--lang", "ja").code == 0
    old = reference.read_bytes()
    env = {**os.environ, "COLUMNS": "200", "LANG": "C.UTF-8"}  # the session's cache: start-up is most of a run

    def session(path: Path) -> pexpect.spawn:
        child = pexpect.spawn(sys.executable, ["-m", "dibcyber", "assess", str(path), "--interactive", "--lang",
                                               "en"], env=env, encoding="utf-8", timeout=30)
        for prompt, reply in (("One status for all", ""), ("> ", ""), ("> ", "1"), ("Narrative", "方針を制定済み"),
                              ("Evidence", ""), ("Owner", "総務部")):
            child.expect_exact(prompt)
            child.sendline(reply)
        return child  # the save of the answer starts now

    child = session(reference)
    start = time.monotonic()
    child.expect_exact("saved")
    save = time.monotonic() - start  # how long a save takes here: kills are spread over twice that
    child.close(force=True)
    new = reference.read_bytes()
    assert new != old
    rng = random.Random(10)
    outcomes = {"old": 0, "new": 0}
    path = tmp_path / "work.yaml"
    for _ in range(ITERATIONS):
        path.write_bytes(old)
        child = session(path)
        time.sleep(rng.uniform(0, 2 * save))
        child.kill(signal.SIGKILL)
        child.close(force=True)
        now = path.read_bytes()
        assert now in (old, new), f"half-written answers after a kill:\n{now!r:.400}"
        outcomes["old" if now == old else "new"] += 1
    assert outcomes["old"] and outcomes["new"], outcomes


@pytest.mark.slow
def test_killed_import_into_leaves_old_or_new(tmp_path: Path) -> None:
    """`import xlsx --into` killed at random moments: the answers file is the old or the merged version."""
    import openpyxl

    reference = tmp_path / "reference"
    reference.mkdir()
    text = ANSWERS.replace("    evidence:\n", "    owner: 情報システム課\n    evidence:\n")
    (reference / "answers.yaml").write_text(text, "utf-8")
    export = subprocess.run([sys.executable, "-m", "dibcyber", "export", "xlsx", "answers.yaml", "-o", "q.xlsx"],
                            cwd=reference, env=ENV, capture_output=True, timeout=60, check=False)
    assert export.returncode == 0, export.stderr.decode()
    wb = openpyxl.load_workbook(reference / "q.xlsx")
    ws = wb["Requirements"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 6).value = f"供給者が更新した説明 {row}"  # the narrative column of every requirement
    wb.save(reference / "q.xlsx")
    command = [sys.executable, "-m", "dibcyber", "import", "xlsx", "q.xlsx", "--into", "answers.yaml"]
    old = (reference / "answers.yaml").read_bytes()
    start = time.monotonic()
    done = subprocess.run(command, cwd=reference, env=ENV, capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    duration = time.monotonic() - start
    new = (reference / "answers.yaml").read_bytes()
    assert new != old and "供給者が更新した説明".encode() in new and "# 証跡 1".encode() in new
    rng = random.Random(17)
    outcomes = {"old": 0, "new": 0}
    work = tmp_path / "work"
    for _ in range(ITERATIONS):
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(reference, work)
        (work / "answers.yaml").write_bytes(old)
        proc = subprocess.Popen(command, cwd=work, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.6) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait(60)
        now = (work / "answers.yaml").read_bytes()
        assert now in (old, new), f"half-written answers after a kill:\n{now!r:.400}"
        outcomes["old" if now == old else "new"] += 1
    assert outcomes["old"] and outcomes["new"], outcomes
