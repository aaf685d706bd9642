"""Evidence integrity: lock each cited file's SHA-256 and size, and check files against the lock, their
``expires`` date, a maximum age, and the repository root. URLs are listed, never fetched."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from dibcyber.errors import InvalidInputError, Msg, Noun, Problem, cap, location, os_reason
from dibcyber.io import gitio
from dibcyber.io.atomic import atomic_write
from dibcyber.io.encoding import read_text
from dibcyber.io.locator import Locator
from dibcyber.io.safeio import (
    ENV_MAX_EVIDENCE_SIZE,
    NotRegularFileError,
    check_output,
    describe_path_problem,
    human_size,
    limits,
    open_regular,
)
from dibcyber.io.yamledit import EditableYaml, set_key
from dibcyber.io.yamlio import dump_roundtrip, parse
from dibcyber.models.answers import Answers
from dibcyber.models.evidence import EvidenceIndex, EvidenceIndexRow, EvidenceItem, EvidenceProblemKind, EvidenceReport
from dibcyber.models.result import EvidenceState

LOCK_FORMAT = "dibcyber/evidence-lock@1"


def root_of(answers_path: Path) -> Path:
    """Evidence may not leave the git repository holding the answers file (or, outside git, its folder)."""
    return gitio.repo_root(answers_path.resolve()) or answers_path.resolve().parent


def lock_path(answers_path: Path) -> Path:
    return answers_path.with_name(answers_path.stem + ".evidence-lock.yaml")


class EvidenceFileError(Exception):
    """An evidence file that cannot be hashed: what it is, in words, and the problem kind."""

    def __init__(self, kind: EvidenceProblemKind, why: Msg) -> None:
        super().__init__(why.render())
        self.kind: EvidenceProblemKind = kind
        self.why = why
        self.detail = why.render()  # the evidence table's words (English, like the rest of the result data)


def _digest(path: Path, limit: int | None = None) -> tuple[str, int]:
    """SHA-256 and size of a regular evidence file, streamed in 1 MB chunks, at most ``limit`` bytes
    (``DIBCYBER_MAX_EVIDENCE_SIZE``). A folder, FIFO, device or socket is never opened for reading
    (a FIFO would block), and a file over the limit is refused before a byte is read. On a terminal,
    hashing a large file shows its progress on standard error."""
    limit = limits().max_evidence_size if limit is None else limit
    why = describe_path_problem(path)
    if why is not None:
        raise EvidenceFileError("missing" if why.id == "path.missing" else "not-a-file", why)
    try:
        fd = open_regular(path)  # safeio's one way of opening a file that is read: never blocks on a FIFO
    except NotRegularFileError as e:
        raise EvidenceFileError("not-a-file", Msg("path.not_regular", kind=Noun(str(e.strerror)))) from None
    except OSError as e:
        raise EvidenceFileError("unreadable", Msg("evidence.unreadable", reason=os_reason(e))) from None
    h = hashlib.sha256()
    size = 0
    try:
        st = os.fstat(fd)
        if st.st_size > limit:
            raise EvidenceFileError("too-large", Msg("evidence.too_large", size=human_size(st.st_size),
                                                     limit=human_size(limit), variable=ENV_MAX_EVIDENCE_SIZE))
        progress = st.st_size >= _PROGRESS_FROM and sys.stderr.isatty()
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise EvidenceFileError("too-large", Msg("evidence.grew", limit=human_size(limit)))
            h.update(chunk)
            if progress and size // _PROGRESS_STEP != (size - len(chunk)) // _PROGRESS_STEP:
                sys.stderr.write(f"\rhashing {cap(path.name, 40)}: {size * 100 // max(st.st_size, 1)}%")
                sys.stderr.flush()
        if progress:
            sys.stderr.write("\r" + " " * 60 + "\r")
    except OSError as e:
        raise EvidenceFileError("unreadable", Msg("evidence.unreadable", reason=os_reason(e))) from None
    finally:
        os.close(fd)
    return h.hexdigest(), size


_PROGRESS_FROM = 64 << 20
"""Files at least this large show their hashing progress on a terminal, every ``_PROGRESS_STEP`` bytes."""
_PROGRESS_STEP = 64 << 20


_WINDOWS_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:|[\\/]{2})")
r"""A drive letter (C:) or a UNC share (\server): absolute on Windows, never under the answers file."""


def windows_absolute(rel: str) -> bool:
    return bool(_WINDOWS_ABSOLUTE.match(rel))


def _resolve(answers_path: Path, rel: str, root: Path) -> Path | None:
    r"""The evidence file, or None when the path leaves the root (never read such a file).

    Paths written on Windows work everywhere: a backslash is a folder separator on every platform
    (``evidence\規程.md``); a drive letter or UNC share (``C:\…``, ``\\server\…``) is absolute and so
    outside the root."""
    if any(ord(c) < 32 for c in rel) or windows_absolute(rel):
        return None
    rel = rel.replace("\\", "/")
    try:
        target = (answers_path.resolve().parent / rel).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a name too long
        target = Path(os.path.normpath(answers_path.resolve().parent / rel))
    return target if target.is_relative_to(root) else None


def read_lock(answers_path: Path) -> dict[str, dict[str, Any]]:
    path = lock_path(answers_path)
    if not path.exists() and not path.is_symlink():
        return {}
    data = parse(read_text(path, "evidence lock file"), str(path))
    if not isinstance(data, dict) or data.get("format") != LOCK_FORMAT or not isinstance(data.get("files"), dict):
        raise InvalidInputError(Problem(Msg("evidence.not_lock_file", format=LOCK_FORMAT), file=str(path)))
    return {str(k): v for k, v in data["files"].items() if isinstance(v, dict)}


def check(answers: Answers, answers_path: Path, today: dt.date, max_age_days: int | None = None,
          text: str | None = None, name: str | None = None, ages: bool = True) -> EvidenceReport:
    """Check every cited evidence file. With the answers' ``text``, each problem carries the place in
    the answers file that cites it (``file:line:column``). ``ages=False`` (for evidence states alone, as
    ``assess`` needs them) skips asking git when each file last changed."""
    git_root = gitio.repo_root(answers_path.resolve())
    root = git_root or answers_path.resolve().parent  # as root_of, without asking git twice
    lock = read_lock(answers_path)
    locator = Locator(text, name or str(answers_path)) if text is not None else None
    items: list[EvidenceItem] = []
    changes = _LastChanges(root if git_root is not None else None)
    for answer in answers.requirements.values():
        for ev in answer.evidence if answer else []:
            cited = _resolve(answers_path, ev.path, root) if ev.path else None
            if cited is not None:
                changes.wanted.append(cited)

    def where(rid: str, index: int, problems: list[Any]) -> str | None:
        if not problems or locator is None:
            return None
        line, col = locator.position(("requirements", rid, "evidence", index))
        return location(locator.name, line, col)

    for rid, answer in answers.requirements.items():
        for index, ev in enumerate(answer.evidence if answer else []):
            if ev.url:
                problems_url: list[Any] = ["expired"] if ev.expires and ev.expires < today else []
                items.append(EvidenceItem(requirement=rid, url=ev.url, title=ev.title, expires=ev.expires,
                                          problems=problems_url, location=where(rid, index, problems_url)))
                continue
            assert ev.path is not None
            problems: list[Any] = []
            detail = None
            sha = size = age = None
            target = _resolve(answers_path, ev.path, root)
            expected = ev.sha256 or lock.get(ev.path, {}).get("sha256")
            if target is None:
                problems.append("outside-root")
                detail = (f"an absolute Windows path; write it relative to the answers file, under {root}"
                          if windows_absolute(ev.path) else f"outside {root}")
            else:
                try:
                    sha, size = _digest(target)
                except EvidenceFileError as e:
                    problems.append(e.kind)
                    detail = None if e.kind == "missing" else e.detail
                else:
                    if expected and expected != sha:
                        problems.append("changed")
                        detail = f"sha256 {sha[:12]}… differs from the locked {str(expected)[:12]}…"
                    if ages or max_age_days is not None:
                        changed = changes.get(target) or _mtime_date(target)
                        age = (today - changed).days
                        if max_age_days is not None and age > max_age_days:
                            problems.append("too-old")
            if ev.expires and ev.expires < today:
                problems.append("expired")
            items.append(EvidenceItem(requirement=rid, path=ev.path, title=ev.title, sha256=sha, size=size,
                                      expires=ev.expires, age_days=age, problems=problems, detail=detail,
                                      location=where(rid, index, problems), locked=bool(expected)))
    return EvidenceReport(root=str(root), today=today, items=items)


def state_of(items: list[EvidenceItem]) -> EvidenceState:
    """One requirement's evidence state from the check of its cited entries (see ``EvidenceState``)."""
    if not items:
        return "none"
    problems = {p for i in items for p in i.problems}
    for worst in ("missing", "changed", "expired"):
        if worst in problems:
            return worst
    if any(i.path and i.locked and not i.problems for i in items):
        return "locked"
    return "cited"


def states(report: EvidenceReport, keys: dict[str, str]) -> dict[str, EvidenceState]:
    """Evidence state per requirement: ``keys`` maps each requirement ID to the answers-file key its answer
    came from (``Resolved.answers``)."""
    by_key: dict[str, list[EvidenceItem]] = {}
    for item in report.items:
        by_key.setdefault(item.requirement, []).append(item)
    return {rid: state_of(by_key.get(key, [])) for rid, key in keys.items()}


class _LastChanges:
    """When each evidence file last changed in git: one ``git log`` for the whole check, asked for the
    files the answers cite (not two git processes per entry), on first use."""

    def __init__(self, git_root: Path | None) -> None:
        self.root = git_root
        self.dates: dict[Path, dt.date] | None = None
        self.wanted: list[Path] = []

    def get(self, target: Path) -> dt.date | None:
        if self.dates is None:
            self.dates = gitio.last_changes(self.root, self.wanted or [target]) if self.root else {}
        return self.dates.get(target)


def _mtime_date(target: Path) -> dt.date:
    """The file's modification date, clamped to the dates Python can hold (a forged mtime is no crash)."""
    try:
        return dt.date.fromtimestamp(target.stat().st_mtime)
    except (OSError, OverflowError, ValueError):
        return dt.date.min


def lock(answers_path: Path, *, to_lock_file: bool = False) -> tuple[int, int]:
    """Record SHA-256 and size of every cited evidence file; returns (entries locked, distinct files).

    Every problem is reported at once, located at the evidence entry in the answers file. The lock file
    may not be one of the evidence files or the answers file itself (``check_output``)."""
    editable = EditableYaml.open(answers_path)
    root = root_of(answers_path)
    doc = editable.doc
    reqs = doc.get("requirements") if isinstance(doc, dict) else None
    files: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    name = str(answers_path)
    cited: list[Path] = []
    entries = 0
    for rid, node in (reqs or {}).items() if isinstance(reqs, dict) else []:
        evidence = node.get("evidence") if isinstance(node, dict) else None
        for index, ev in enumerate(evidence if isinstance(evidence, list) else []):
            if not isinstance(ev, dict) or not ev.get("path"):
                continue
            rel = str(ev["path"])
            line, col = _node_position(evidence, index, ev)
            target = _resolve(answers_path, rel, root)
            shown = cap(rel)
            if target is None:
                why = (Msg("evidence.control_character") if any(ord(c) < 32 for c in rel)
                       else Msg("evidence.outside_repository", root=str(root)))
                problems.append(Problem(Msg("evidence.cited_colon", path=shown, id=cap(rid), why=why), file=name,
                                        line=line, column=col, hint=Msg("evidence.outside.hint")))
                continue
            try:
                sha, size = _digest(target)
            except EvidenceFileError as e:
                problems.append(Problem(Msg("evidence.cited", path=shown, id=cap(rid), why=e.why), file=name,
                                        line=line, column=col))
                continue
            cited.append(target)
            entries += 1
            files[rel] = {"sha256": sha, "size": size}
            if not to_lock_file:
                set_key(ev, "sha256", sha)
                set_key(ev, "size", size)
    if problems:
        raise InvalidInputError(problems)
    if to_lock_file:
        target_lock = lock_path(answers_path)
        check_output(target_lock, [answers_path, *cited], option="the evidence lock file")
        body = CommentedMap(format=LOCK_FORMAT, files=CommentedMap(sorted(files.items())))
        atomic_write(target_lock, dump_roundtrip(body))
    else:
        check_output(answers_path, cited, option="the answers file")
        editable.save()
    return entries, len(files)


def _node_position(seq: Any, index: int, node: Any) -> tuple[int | None, int | None]:
    """1-based line and column of an evidence entry in a round-trip document."""
    for obj, how in ((node, None), (seq, index)):
        lc = getattr(obj, "lc", None)
        if lc is None:
            continue
        try:
            if how is None:
                return lc.line + 1, lc.col + 1
            line, col = lc.item(how)
            return line + 1, col + 1
        except (AttributeError, KeyError, IndexError, TypeError):
            continue
    return None, None


def index(answers: Answers, answers_file: Path, today: dt.date, *, text: str | None = None) -> EvidenceIndex:
    """Every evidence entry with its hash, size, expiry and problems, as ``evidence index`` lists them."""
    report = check(answers, answers_file, today, text=text)
    fields = EvidenceIndexRow.model_fields
    return EvidenceIndex([EvidenceIndexRow(**{f: getattr(i, f) for f in fields}) for i in report.items])
