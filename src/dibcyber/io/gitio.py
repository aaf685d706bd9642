"""Reading an answers file's history with git itself (``git show``, ``git log``). Nothing is written.

A repository is input like any other: blobs are read up to the file-size limit and decoded like files
(``--encoding`` applies), paths are exchanged NUL-separated and unquoted (``-z``, ``core.quotepath=off``,
so ``回答.yaml`` is found), and a commit date that Python cannot hold (git accepts the year 10000) is
clamped to the nearest date it can, never a crash.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from dibcyber.errors import InvalidInputError, Msg, Problem, os_reason

_GIT = ["git", "-c", "core.quotepath=off"]


def _need_git() -> None:
    if shutil.which("git") is None:
        raise InvalidInputError(Problem(Msg("git.missing"), hint=Msg("git.missing.hint")))


def _git(args: list[str], cwd: Path) -> str:
    return _git_bytes(args, cwd).decode("utf-8", errors="replace")


def _git_bytes(args: list[str], cwd: Path, limit: int | None = None) -> bytes:
    """git's standard output as bytes; with ``limit``, at most that many bytes are read (more is refused)."""
    _need_git()
    try:
        proc = subprocess.Popen([*_GIT, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise InvalidInputError(Problem(Msg("git.cannot_run", folder=str(cwd), reason=os_reason(e)))) from None
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read(limit + 1) if limit is not None else proc.stdout.read()
    if limit is not None and len(out) > limit:
        proc.kill()
        proc.communicate()
        from dibcyber.io.safeio import ENV_MAX_FILE_SIZE, human_size

        raise InvalidInputError(Problem(Msg("git.too_large", limit=human_size(limit)),
                                        hint=Msg("git.too_large.hint", variable=ENV_MAX_FILE_SIZE)))
    _, err = proc.communicate()
    if proc.returncode != 0:
        from dibcyber.errors import cap

        message = " ".join(err.decode("utf-8", errors="replace").split())
        command = f"git {' '.join(args[:2])}"
        raise InvalidInputError(Problem(Msg("git.failed", command=command, output=cap(message, 200)) if message
                                        else Msg("git.failed_silently", command=command)))
    return out


def repo_root(path: Path) -> Path | None:
    folder = path if path.is_dir() else path.parent
    if shutil.which("git") is None or not (folder or Path()).is_dir():
        return None
    try:
        proc = subprocess.run([*_GIT, "rev-parse", "--show-toplevel"], cwd=folder or Path(), capture_output=True,
                              check=False)
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    return Path(proc.stdout.decode("utf-8", errors="surrogateescape").rstrip("\n")).resolve()


def _relative(path: Path) -> tuple[Path, str]:
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError, ValueError):
        resolved = path.absolute()
    if not resolved.parent.is_dir():
        raise InvalidInputError(Problem(Msg("git.no_folder"), file=str(path), hint=Msg("git.no_folder.hint")))
    root = repo_root(resolved)
    if root is None or not resolved.is_relative_to(root):
        raise InvalidInputError(Problem(Msg("git.not_in_repository"), file=str(path),
                                        hint=Msg("git.not_in_repository.hint")))
    return root, resolved.relative_to(root).as_posix()


class NotAtRevision(InvalidInputError):
    """The file did not exist at that revision (for instance the pull request that adds it)."""


def check_ref(ref: str) -> str:
    """A revision name as git would take it, never an option: 'HEAD~1', 'origin/main', a commit id."""
    if not ref or ref.startswith("-") or any(c.isspace() or ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in ref):
        from dibcyber.errors import cap

        raise InvalidInputError(Problem(Msg("git.bad_revision", ref=cap(ref)), hint=Msg("git.bad_revision.hint")))
    return ref


def _decode(data: bytes, name: str) -> str:
    from dibcyber.io.encoding import decode_input

    return decode_input(data, name)


def show(path: Path, ref: str) -> str:
    """The file's content at ``ref``, decoded like a file (UTF-8, or ``--encoding``)."""
    from dibcyber.io.safeio import limits

    root, rel = _relative(path)
    rev = f"{check_ref(ref)}^{{commit}}"
    commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", rev], root).strip()
    listing = _git_bytes(["ls-tree", "-z", "--name-only", commit, "--", rel], root)
    if not listing.strip(b"\0"):
        raise NotAtRevision(Problem(Msg("git.not_at_revision", path=rel, ref=ref), file=str(path)))
    data = _git_bytes(["cat-file", "blob", f"{commit}:{rel}"], root, limits().max_file_size)
    return _decode(data, f"git:{ref}:{path}")


def commit_date(text: str) -> dt.date:
    """A commit date from git (``%ct``, seconds since 1970), clamped to the dates Python can hold."""
    try:
        seconds = int(text.strip())
    except ValueError:
        return dt.date.min
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    except (OverflowError, ValueError, OSError):
        return dt.date.max if seconds > 0 else dt.date.min


_MARK = "\x01dibcyber-commit\x01"


def log(path: Path) -> list[tuple[str, dt.date, str, str]]:
    """(commit, commit date, subject, the file's path at that commit) of every commit that changed the
    file, following renames, oldest first."""
    if not path.is_file():
        from dibcyber.errors import Noun
        from dibcyber.io.safeio import describe_path_problem

        why = describe_path_problem(path) or Msg("path.not_regular", kind=Noun("not a regular file"))
        raise InvalidInputError(Problem(Msg("file.not_found", what=Noun("file")) if why.id == "path.missing"
                                        else Msg("file.unusable", what=Noun("answers file"), problem=why),
                                        file=str(path)))
    root, rel = _relative(path)
    out = _git(["log", "--follow", "--name-only", "-z", f"--format={_MARK}%H%x09%ct%x09%s", "--", rel], root)
    rows = []
    current: list[str] | None = None
    for raw in out.split("\0"):
        token = raw.lstrip("\n")
        if token.startswith(_MARK):
            commit, seconds, subject = [*token[len(_MARK):].split("\t", 2), "", ""][:3]
            current = [commit, seconds, subject, ""]
            rows.append(current)
        elif token and current is not None and not current[3]:
            current[3] = token
    result = [(c, commit_date(s), subj, at or rel) for c, s, subj, at in rows]
    if not result:
        raise InvalidInputError(Problem(Msg("git.no_history"), file=str(path), hint=Msg("git.no_history.hint")))
    return list(reversed(result))


def show_at(root_file: Path, commit: str, rel: str) -> str:
    """The blob at ``commit:rel`` (``rel`` relative to the repository of ``root_file``)."""
    from dibcyber.io.safeio import limits

    root, _ = _relative(root_file)
    data = _git_bytes(["cat-file", "blob", f"{check_ref(commit)}:{rel}"], root, limits().max_file_size)
    return _decode(data, f"git:{commit[:10]}:{rel}")


def last_changes(root: Path, paths: Iterable[Path]) -> dict[Path, dt.date]:
    """The date of the last commit that changed each of ``paths`` (files under ``root``, a repository),
    for those git tracks — from one ``git log`` over the history, read only until every path is found."""
    wanted: dict[str, Path] = {}
    for p in paths:
        try:
            wanted[p.resolve().relative_to(root).as_posix()] = p
        except (OSError, RuntimeError, ValueError):
            continue
    found: dict[Path, dt.date] = {}
    if not wanted or shutil.which("git") is None:
        return found
    try:
        proc = subprocess.Popen([*_GIT, "log", "-z", "--name-only", "--no-renames", f"--format={_MARK}%ct"],
                                cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return found
    assert proc.stdout is not None
    day = dt.date.min
    pending = b""
    try:
        while wanted and (chunk := proc.stdout.read(1 << 16)):
            *tokens, pending = (pending + chunk).split(b"\0")
            for raw in tokens:
                token = raw.lstrip(b"\n").decode("utf-8", errors="surrogateescape")
                if token.startswith(_MARK):
                    day = commit_date(token[len(_MARK):])
                elif token in wanted:
                    found[wanted.pop(token)] = day
    finally:
        proc.kill()
        proc.communicate()
    return found


def last_change(path: Path) -> dt.date | None:
    """The date of the last commit that changed ``path``, if it is tracked by git."""
    root = repo_root(path)
    if root is None:
        return None
    return last_changes(root, [path]).get(path)
