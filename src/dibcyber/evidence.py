"""Evidence integrity: lock each cited file's SHA-256 and size, and check files against the lock, their
``expires`` date, a maximum age, and the repository root. URLs are listed, never fetched."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from dibcyber import gitio
from dibcyber.errors import InvalidInputError, Problem
from dibcyber.models.answers import Answers
from dibcyber.models.check import EvidenceItem, EvidenceReport
from dibcyber.yamlio import EditableYaml, atomic_write, dump_roundtrip, parse, read_text, set_key

LOCK_FORMAT = "dibcyber/evidence-lock@1"


def root_of(answers_path: Path) -> Path:
    """Evidence may not leave the git repository holding the answers file (or, outside git, its folder)."""
    return gitio.repo_root(answers_path.resolve()) or answers_path.resolve().parent


def lock_path(answers_path: Path) -> Path:
    return answers_path.with_name(answers_path.stem + ".evidence-lock.yaml")


def _digest(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _resolve(answers_path: Path, rel: str, root: Path) -> Path | None:
    """The evidence file, or None when the path leaves the root (never read such a file)."""
    target = (answers_path.resolve().parent / rel).resolve()
    return target if target.is_relative_to(root) else None


def read_lock(answers_path: Path) -> dict[str, dict[str, Any]]:
    path = lock_path(answers_path)
    if not path.exists():
        return {}
    data = parse(read_text(path), str(path))
    if not isinstance(data, dict) or data.get("format") != LOCK_FORMAT or not isinstance(data.get("files"), dict):
        raise InvalidInputError(Problem(f"not a {LOCK_FORMAT} file", file=str(path)))
    return {str(k): v for k, v in data["files"].items() if isinstance(v, dict)}


def check(answers: Answers, answers_path: Path, today: dt.date, max_age_days: int | None = None) -> EvidenceReport:
    root = root_of(answers_path)
    lock = read_lock(answers_path)
    items: list[EvidenceItem] = []
    for rid, answer in answers.requirements.items():
        for ev in (answer.evidence if answer else []):
            if ev.url:
                items.append(EvidenceItem(requirement=rid, url=ev.url, title=ev.title, expires=ev.expires,
                                          problems=["expired"] if ev.expires and ev.expires < today else []))
                continue
            assert ev.path is not None
            problems: list[Any] = []
            detail = None
            sha = size = age = None
            target = _resolve(answers_path, ev.path, root)
            expected = ev.sha256 or lock.get(ev.path, {}).get("sha256")
            if target is None:
                problems.append("outside-root")
                detail = f"outside {root}"
            elif not target.is_file():
                problems.append("missing")
            else:
                sha, size = _digest(target)
                if expected and expected != sha:
                    problems.append("changed")
                    detail = f"sha256 {sha[:12]}… differs from the locked {str(expected)[:12]}…"
                changed = gitio.last_change(target) or dt.date.fromtimestamp(target.stat().st_mtime)
                age = (today - changed).days
                if max_age_days is not None and age > max_age_days:
                    problems.append("too-old")
            if ev.expires and ev.expires < today:
                problems.append("expired")
            items.append(EvidenceItem(requirement=rid, path=ev.path, title=ev.title, sha256=sha, size=size,
                                      expires=ev.expires, age_days=age, problems=problems, detail=detail))
    return EvidenceReport(root=str(root), today=today, items=items)


def lock(answers_path: Path, *, to_lock_file: bool = False) -> int:
    """Record SHA-256 and size of every cited evidence file; returns how many were locked."""
    editable = EditableYaml.open(answers_path)
    root = root_of(answers_path)
    doc = editable.doc
    reqs = doc.get("requirements") if isinstance(doc, dict) else None
    files: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for rid, node in (reqs or {}).items():
        for ev in ((node or {}).get("evidence") or []) if isinstance(node, dict) else []:
            if not isinstance(ev, dict) or not ev.get("path"):
                continue
            target = _resolve(answers_path, str(ev["path"]), root)
            if target is None or not target.is_file():
                why = "leaves the repository" if target is None else "does not exist"
                problems.append(Problem(f"evidence {ev['path']} of {rid} {why}", file=str(answers_path)))
                continue
            sha, size = _digest(target)
            files[str(ev["path"])] = {"sha256": sha, "size": size}
            if not to_lock_file:
                set_key(ev, "sha256", sha)
                set_key(ev, "size", size)
    if problems:
        raise InvalidInputError(problems)
    if to_lock_file:
        body = CommentedMap(format=LOCK_FORMAT, files=CommentedMap(sorted(files.items())))
        atomic_write(lock_path(answers_path), dump_roundtrip(body))
    else:
        editable.save()
    return len(files)
