"""Reading an answers file's history with git itself (``git show``, ``git log``). Nothing is written."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from dibcyber.errors import InvalidInputError, Problem


def _git(args: list[str], cwd: Path) -> str:
    if shutil.which("git") is None:
        raise InvalidInputError(Problem("git is not installed", hint="install git to use git:REF, diff or history"))
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False,
                          encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        raise InvalidInputError(Problem(f"git {' '.join(args[:2])}: {proc.stderr.strip() or 'failed'}"))
    return proc.stdout


def repo_root(path: Path) -> Path | None:
    folder = path if path.is_dir() else path.parent
    if shutil.which("git") is None:
        return None
    proc = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder or Path(), capture_output=True,
                          text=True, check=False)
    return Path(proc.stdout.strip()).resolve() if proc.returncode == 0 else None


def _relative(path: Path) -> tuple[Path, str]:
    root = repo_root(path.resolve())
    if root is None:
        raise InvalidInputError(Problem("is not inside a git repository", file=str(path),
                                        hint="git:REF reads the file at a revision of its repository"))
    return root, path.resolve().relative_to(root).as_posix()


def show(path: Path, ref: str) -> str:
    """The file's content at ``ref`` (as git stores it)."""
    root, rel = _relative(path)
    try:
        return _git(["show", f"{ref}:{rel}"], root)
    except InvalidInputError as e:
        raise InvalidInputError(Problem(f"cannot read {rel} at git revision '{ref}'", file=str(path),
                                        hint=e.problems[0].message)) from None


def log(path: Path) -> list[tuple[str, dt.date, str]]:
    """(commit, commit date, subject) of every commit that changed the file, oldest first."""
    root, rel = _relative(path)
    out = _git(["log", "--follow", "--format=%H%x09%cs%x09%s", "--", rel], root)
    rows = []
    for line in out.splitlines():
        commit, day, subject = [*line.split("\t", 2), "", ""][:3]
        rows.append((commit, dt.date.fromisoformat(day), subject))
    return list(reversed(rows))


def last_change(path: Path) -> dt.date | None:
    """The date of the last commit that changed ``path``, if it is tracked by git."""
    root = repo_root(path)
    if root is None:
        return None
    proc = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(path.resolve())], cwd=root,
                          capture_output=True, text=True, check=False)
    day = proc.stdout.strip()
    return dt.date.fromisoformat(day) if proc.returncode == 0 and day else None
