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


class NotAtRevision(InvalidInputError):
    """The file did not exist at that revision (for instance the pull request that adds it)."""


def check_ref(ref: str) -> str:
    """A revision name as git would take it, never an option: 'HEAD~1', 'origin/main', a commit id."""
    if not ref or ref.startswith("-") or any(c.isspace() or ord(c) < 32 for c in ref):
        raise InvalidInputError(Problem(f"'{ref}' is not a git revision", hint="e.g. git:HEAD~1 or git:origin/main"))
    return ref


def show(path: Path, ref: str) -> str:
    """The file's content at ``ref`` (as git stores it)."""
    root, rel = _relative(path)
    rev = f"{check_ref(ref)}^{{commit}}"
    commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", rev], root).strip()
    listing = _git(["ls-tree", "--name-only", commit, "--", rel], root)
    if not listing.strip():
        raise NotAtRevision(Problem(f"{rel} does not exist at git revision '{ref}'", file=str(path)))
    return _git(["cat-file", "blob", f"{commit}:{rel}"], root)


def log(path: Path) -> list[tuple[str, dt.date, str, str]]:
    """(commit, commit date, subject, the file's path at that commit) of every commit that changed the
    file, following renames, oldest first."""
    if not path.is_file():
        from dibcyber.safeio import describe_path_problem

        why = describe_path_problem(path) or "not a regular file"
        raise InvalidInputError(Problem("file not found" if why == "does not exist" else f"answers file {why}",
                                        file=str(path)))
    root, rel = _relative(path)
    out = _git(["log", "--follow", "--name-only", "--format=%x00%H%x09%cs%x09%s", "--", rel], root)
    rows = []
    for block in out.split("\x00")[1:]:
        head, _, names = block.partition("\n")
        commit, day, subject = [*head.split("\t", 2), "", ""][:3]
        at = next((n for n in names.splitlines() if n.strip()), rel)
        rows.append((commit, dt.date.fromisoformat(day), subject, at))
    if not rows:
        raise InvalidInputError(Problem("has no git history", file=str(path), hint="commit it first"))
    return list(reversed(rows))


def show_at(root_file: Path, commit: str, rel: str) -> str:
    """The blob at ``commit:rel`` (``rel`` relative to the repository of ``root_file``)."""
    root, _ = _relative(root_file)
    return _git(["cat-file", "blob", f"{check_ref(commit)}:{rel}"], root)


def last_change(path: Path) -> dt.date | None:
    """The date of the last commit that changed ``path``, if it is tracked by git."""
    root = repo_root(path)
    if root is None:
        return None
    proc = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(path.resolve())], cwd=root,
                          capture_output=True, text=True, check=False)
    day = proc.stdout.strip()
    return dt.date.fromisoformat(day) if proc.returncode == 0 and day else None
