"""``dibcyber import xlsx``: a returned questionnaire back into answers — a new file, or merged into one.

The workbook's cells become the same data an answers YAML file holds and pass the same checks (the
``Answers`` model and ``resolve.resolve``), every problem located at its cell. Merging is three-way: the
workbook remembers the answers it was exported with, so a value the supplier changed is taken, a value only
the answers file changed since is kept, and a value both changed differently is a conflict that is refused
unless ``--force`` (then the workbook wins). Nothing is written unless the merged file validates.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dibcyber.engine.checks import selected
from dibcyber.engine.resolve import objective_index, odp_index, resolve
from dibcyber.errors import InvalidInputError, Lines, Msg, PathPart, Problem, WriteRefusedError, dotted
from dibcyber.exchange import workbook, workbook_import
from dibcyber.io.loading import problems_from_validation
from dibcyber.io.registry import Registry
from dibcyber.io.yamledit import EditableYaml, set_key
from dibcyber.models.answers import Answers
from dibcyber.models.catalog import Catalog
from dibcyber.models.profile import Profile

FIELDS = ("status", "objectives", "narrative", "evidence", "owner", "planned_measure", "target_date", "partial_credit",
          "odp_values")


@dataclass
class Change:
    requirement: str
    kind: str  # added | changed | conflict | overridden
    fields: list[str] = field(default_factory=list)
    detail: list[Msg] = field(default_factory=list)


@dataclass
class ImportOutcome:
    text: str
    """The answers file to write (new, or the merged file)."""
    changes: list[Change]
    unchanged: int
    warnings: list[Msg]
    conflicts: list[Change]


class _NoLines:
    """Workbooks have cells, not lines: validation problems are located by cell afterwards."""

    def __init__(self, name: str) -> None:
        self.name = name

    def position(self, _path: Sequence[PathPart]) -> tuple[None, None]:
        return (None, None)


def _catalog_for(registry: Registry) -> Any:
    def get(profile_id: str) -> tuple[Profile, Catalog, list[str]]:
        prof = registry.profile(profile_id)
        cat = registry.catalog(prof.catalog)
        return prof, cat, list(selected(prof, cat))

    return get


def _locate(problems: list[Problem], cells: dict[str, str]) -> list[Problem]:
    """Attach the cell each problem's dotted path came from (the longest known prefix)."""
    out = []
    keys = sorted(cells, key=len, reverse=True)
    for p in problems:
        path = p.path or ""
        cell = next((cells[k] for k in keys if path == k or path.startswith((k + ".", k + "["))), None)
        out.append(Problem(p.message, file=p.file, path=p.path, hint=p.hint, cell=cell or p.cell))
    return out


def validate(imported: workbook_import.Imported, profile: Profile, catalog: Catalog,
             fallback_org: dict[str, str] | None = None) -> Answers:
    """The workbook as validated answers, or every problem at once, each at its cell. Company and
    assessment fields the workbook has no cell for come from ``fallback_org`` (the file merged into)."""
    org = {k: v for k, v in (fallback_org or {}).items() if k not in imported.cells}
    org.update(imported.org)
    data: dict[str, Any] = {"format": "dibcyber/answers@1", "profile": profile.id,
                            **workbook_import.org_data(org),
                            "requirements": {rid: workbook_import.to_answer_data(c)
                                             for rid, c in imported.answers.items()}}
    problems = list(imported.problems)
    answers: Answers | None = None
    try:
        answers = Answers.model_validate(data)
    except ValidationError as e:
        found = problems_from_validation(e, Answers, _NoLines(imported.name))  # type: ignore[arg-type]
        problems += _locate(found, imported.cells)
    if answers is not None:
        _, errors = resolve(catalog, answers)
        problems += _locate([Problem(e.message, file=imported.name, path=dotted(e.loc), hint=e.hint) for e in errors],
                            imported.cells)
    if problems or answers is None:
        raise InvalidInputError(problems)
    return answers


def read(registry: Registry, path: Path, *, force: bool, into_profile: str | None) -> tuple[
        workbook_import.Imported, Profile, Catalog]:
    imported = workbook_import.read(path, str(path), _catalog_for(registry), force=force, fallback_profile=into_profile)
    prof = registry.profile(into_profile or imported.meta["profile"])
    return imported, prof, registry.catalog(prof.catalog)


def fresh(registry: Registry, path: Path, *, force: bool) -> ImportOutcome:
    """A new answers file from the workbook."""
    imported, prof, cat = read(registry, path, force=force, into_profile=None)
    validate(imported, prof, cat)
    deleted = imported.deleted_warning()
    if deleted:
        imported.warnings.append(deleted)
    imported.warnings.extend(imported.unexplained_na())
    from ruamel.yaml.comments import CommentedMap

    doc = CommentedMap()
    doc["format"] = "dibcyber/answers@1"
    doc["profile"] = prof.id
    nested = workbook_import.org_data(imported.org)
    for section in ("organization", "assessment"):
        doc[section] = _commented(nested[section])
    reqs = CommentedMap()
    for rid in cat.by_id:
        if imported.answers.get(rid):
            reqs[rid] = _answer_node(imported.answers[rid], None, cat, rid)
    doc["requirements"] = reqs
    doc.yaml_set_start_comment(f"dibcyber answers imported from the questionnaire {path.name}")
    from dibcyber.io.yamlio import roundtrip_yaml

    buf = io.StringIO()
    roundtrip_yaml().dump(doc, buf)
    from dibcyber.app import pipeline

    written = pipeline.load_answers(path, text=buf.getvalue(), name=f"{path} (as YAML)")
    pipeline.resolve_answers(written, cat, None)  # what is written must read back as valid answers
    count = len(reqs)
    return ImportOutcome(buf.getvalue(), [Change(r, "added") for r in reqs], len(cat.by_id) - count,
                         imported.warnings, [])


def _commented(data: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    for k, v in data.items():
        out[k] = _commented(v) if isinstance(v, dict) else v
    return out


def _flow(data: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    node = CommentedMap(data)
    node.fa.set_flow_style()
    return node


def _answer_node(canon: dict[str, Any], existing: Any, cat: Catalog, rid: str,
                 fields: Sequence[str] = FIELDS) -> Any:
    """A canonical answer written into a round-trip mapping (new, or the existing one kept in place, where
    only ``fields`` are touched: the others keep their spelling and style)."""
    from ruamel.yaml.comments import CommentedMap

    node = existing if isinstance(existing, CommentedMap) else CommentedMap()
    for key in FIELDS if node is not existing else fields:
        _set_field(node, key, canon.get(key), cat, rid)
    return node


def _set_field(node: Any, key: str, value: Any, cat: Catalog, rid: str) -> None:
    """Set one field of an answer mapping, keeping the user's spelling of objective and ODP keys and the
    hashes and expiry of evidence entries that stay."""
    from ruamel.yaml.comments import CommentedSeq

    if value is None or value in ({}, []):
        if key in node:
            del node[key]
        return
    req = cat.by_id[rid]
    if key == "target_date":
        set_key(node, key, dt.date.fromisoformat(value))
    elif key in ("objectives", "odp_values"):
        index = objective_index(req) if key == "objectives" else odp_index(req)
        current = node.get(key) if isinstance(node.get(key), dict) else None
        spelled = {index.get(str(k), str(k)): k for k in (current or {})}
        wanted: dict[Any, Any] = {}
        for short, v in value.items():
            full = index.get(short, short)
            wanted[spelled.get(full, short)] = v
        if current is not None:
            for k in list(current):
                if k not in wanted:
                    del current[k]
            for k, v in wanted.items():
                current[k] = v
        else:
            set_key(node, key, _flow(wanted) if key == "objectives" else _commented(wanted))
    elif key == "evidence":
        current = node.get(key) if isinstance(node.get(key), list) else []
        by_target: dict[str, list[Any]] = {}  # a target cited twice is two entries, each kept once
        for entry in current:
            if isinstance(entry, dict):
                by_target.setdefault(str(entry.get("path") or entry.get("url") or ""), []).append(entry)
        seq = CommentedSeq()
        for line in value:
            parsed = workbook.parse_evidence_line(line)
            target = parsed.get("path") or parsed.get("url") or ""
            old = by_target[target].pop(0) if by_target.get(target) else None
            if old is not None:
                if "title" in parsed:
                    if workbook.evidence_line(target, old.get("title")) != workbook.evidence_line(target,
                                                                                             parsed["title"]):
                        old["title"] = parsed["title"]  # a title of several lines, unchanged, stays as it was
                elif "title" in old:
                    del old["title"]
                seq.append(old)
            else:
                seq.append(_commented(parsed))  # block style: ruamel cannot read back a URL in a flow map
        if current and [id(e) for e in seq] == [id(e) for e in current]:
            return
        if isinstance(node.get(key), CommentedSeq):
            node[key].clear()
            node[key].extend(seq)
        else:
            set_key(node, key, seq)
    else:
        set_key(node, key, value)


def merge(registry: Registry, path: Path, into: Path, *, force: bool) -> tuple[ImportOutcome, EditableYaml]:
    """Merge the workbook into an existing answers file (comments, order and untouched answers kept).

    Three-way, field by field: what the workbook showed when exported (its hidden base), what the file says
    now, what the workbook says now. A field changed on one side takes that side; changed on both is a
    conflict, refused unless ``force`` (then the workbook wins and the conflict is reported)."""
    from dibcyber.app import pipeline

    loaded = pipeline.load_answers(into)
    imported, prof, cat = read(registry, path, force=force, into_profile=pipeline.profile_for(
        registry, loaded, None).id)
    ours_org = workbook.org_values(loaded.answers)
    validate(imported, prof, cat, ours_org)
    existing = pipeline.resolve_answers(loaded, cat, None).answers
    editable = EditableYaml.open(into)
    changes: list[Change] = []
    conflicts: list[Change] = []
    _merge_org(editable.doc, imported, ours_org, force, changes, conflicts)
    reqs = editable.doc.get("requirements")
    if reqs is None:
        from ruamel.yaml.comments import CommentedMap

        reqs = CommentedMap()
        set_key(editable.doc, "requirements", reqs)
    no_row = [rid for rid in cat.by_id if rid not in imported.answers and rid in imported.base]
    unchanged = 0  # a deleted row says nothing about the answer: it is no cleared one (no_row, warned below)
    for rid in (r for r in cat.by_id if r in imported.answers):
        change = _merge_requirement(reqs, rid, imported, existing.get(rid), cat, force, conflicts)
        if change is None:
            unchanged += 1
        else:
            changes.append(change)
    if no_row:
        imported.warnings.append(Msg("xlsx.rows_deleted_kept", count=len(no_row), into=str(into), ids=no_row[:10],
                                     more="…" if len(no_row) > 10 else ""))
    imported.warnings.extend(imported.unexplained_na())
    if conflicts and not force:
        raise WriteRefusedError(
            Msg("import.conflicts", count=len(conflicts), into=into, lines=Lines(
                Msg("import.conflict_line", requirement=c.requirement, detail=d) for c in conflicts for d in c.detail)),
            hint=Msg("import.conflicts.hint"))
    text = editable.render()
    _check_merged(text, into, cat, imported, existing, reqs)
    if force:
        for c in conflicts:
            c.kind = "overridden"
    return ImportOutcome(text, changes, unchanged, imported.warnings, conflicts), editable


def _merge_org(doc: Any, imported: workbook_import.Imported, ours_org: dict[str, Any], force: bool,
               changes: list[Change], conflicts: list[Change]) -> None:
    """The organisation and assessment fields, three-way."""
    org_change = Change("organization/assessment", "changed")
    for dotted_key, _, _ in workbook.ORG_FIELDS:
        if dotted_key not in imported.cells:
            continue  # the workbook has no such cell (not made by dibcyber): nothing to take from it
        base, ours, theirs = (imported.base_org.get(dotted_key), ours_org.get(dotted_key),
                              imported.org.get(dotted_key))
        decision = _three_way(base, ours, theirs)
        if decision == "conflict":
            org_change.detail.append(_conflict(dotted_key, ours, theirs))
            if not force:
                continue
        if decision in ("theirs", "conflict"):
            _set_dotted(doc, dotted_key, theirs)
            org_change.fields.append(dotted_key)
    if org_change.detail:
        conflicts.append(Change(org_change.requirement, "conflict", [], org_change.detail))
    if org_change.fields:
        changes.append(org_change)


def _merge_requirement(reqs: Any, rid: str, imported: workbook_import.Imported, existing: tuple[str, Any] | None,
                       cat: Catalog, force: bool, conflicts: list[Change]) -> Change | None:
    """One requirement's fields, three-way; the change made, or None when nothing changed."""
    key, answer = existing if existing is not None else (None, None)
    theirs_all = imported.answers[rid]
    # ours as this workbook would show it: without objective rows, the status the objectives give
    ours_all = workbook.shown(cat.by_id[rid], answer, "objectives" in imported.carried)
    base_all = imported.base.get(rid, {})
    changed: list[str] = []
    detail: list[Msg] = []
    target: dict[str, Any] = dict(ours_all)
    for f in (f for f in FIELDS if f in imported.carried):
        decision = _three_way(_as_read(base_all.get(f)), _as_read(ours_all.get(f)), theirs_all.get(f))
        if decision == "conflict":
            detail.append(_conflict(f, ours_all.get(f), theirs_all.get(f)))
            if not force:
                continue
        if decision in ("theirs", "conflict"):
            if theirs_all.get(f) is None:
                target.pop(f, None)
            else:
                target[f] = theirs_all[f]
            changed.append(f)
    if detail:
        conflicts.append(Change(rid, "conflict", [], detail))
    if not changed:
        return None
    if key is None:
        reqs[rid] = _answer_node(target, None, cat, rid)
        return Change(rid, "added", changed)
    node = reqs.get(key)
    new = _answer_node(target, node, cat, rid, changed)
    if new is not node:
        reqs[key] = new
    return Change(rid, "changed", changed)


def _conflict(name: str, ours: Any, theirs: Any) -> Msg:
    return Msg("import.conflict_field", field=name, ours=_show(ours), theirs=_show(theirs))


def _check_merged(text: str, into: Path, cat: Catalog, imported: workbook_import.Imported,
                  existing: dict[str, tuple[str, Any]], reqs: Any) -> None:
    """The merged file must be valid answers before anything is written; a problem is shown at the cell
    of the workbook that brought it (e.g. a status the file's objectives contradict)."""
    from dibcyber.app import pipeline

    merged = pipeline.load_answers(into, text=text, name=str(into))
    try:
        pipeline.resolve_answers(merged, cat, None)
    except InvalidInputError as e:
        spelled = {**{rid: rid for rid in cat.by_id}, **{k: rid for rid, (k, _) in existing.items()}}
        lines = {rid: _key_line(reqs, k) for rid, (k, _) in existing.items()}
        raise InvalidInputError(_at_cells(e.problems, imported, spelled, into, lines)) from None


def _key_line(mapping: Any, key: Any) -> int | None:
    try:
        return int(mapping.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None


def _at_cells(problems: list[Problem], imported: workbook_import.Imported, spelled: dict[str, str], into: Path,
              lines: dict[str, int | None]) -> list[Problem]:
    """Problems of the merged file at the workbook cells they came from: the merged file is not written,
    so its line numbers would point at lines the user's file does not have. A merged answer combines the
    workbook's cells with what only the answers file holds (objectives the workbook has no rows for, say),
    so the hint also names where that answer starts in the file: the cause may be on either side."""
    keys = sorted(spelled, key=len, reverse=True)
    out = []
    for p in problems:
        path = p.path or ""
        rid = None
        for k in keys:
            prefix = f"requirements.{k}"
            if path == prefix or path.startswith((prefix + ".", prefix + "[")):
                rid = spelled[k]
                path = f"requirements.{rid}{path[len(prefix):]}"
                break
        hint = p.hint
        line = lines.get(rid) if rid else None
        if line is not None:
            other = Msg("import.answer_at.hint", place=f"{into}:{line}")
            hint = Msg("import.hint_and", first=hint, second=other) if hint else other
        found = _locate([Problem(p.message, file=imported.name, path=path, hint=hint)], imported.cells)[0]
        out.append(found if found.cell else p)
    return out


def _three_way(base: Any, ours: Any, theirs: Any) -> str:
    """Whose value wins: 'ours' (keep the file), 'theirs' (take the workbook), or 'conflict'."""
    if theirs in (base, ours):
        return "ours"
    if ours == base:
        return "theirs"
    return "conflict"


def _as_read(value: Any) -> Any:
    """A value as its cell reads back: text loses surrounding blanks (a block scalar's final newline)."""
    if isinstance(value, str):
        return workbook_import.cell_text(value)
    if isinstance(value, dict):
        return {k: _as_read(v) for k, v in value.items()}
    return value


def _show(value: Any) -> Any:
    if value is None:
        return Msg("import.empty")
    text = str(value)
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _set_dotted(doc: Any, key: str, value: Any) -> None:
    from ruamel.yaml.comments import CommentedMap

    parts = key.split(".")
    node = doc
    for part in parts[:-1]:
        if not isinstance(node.get(part), dict):
            if value is None:
                return
            set_key(node, part, CommentedMap())
        node = node[part]
    last = parts[-1]
    if value is None:
        if last in node:
            del node[last]
    else:
        if key == "assessment.date":
            value = dt.date.fromisoformat(value)
        elif key == "organization.tags":
            value = _commented(workbook.tags_dict(value))
        set_key(node, last, value)
