"""A returned questionnaire workbook read back into answers data (the vocabulary and the canonical form of
an answer it shares with the export are in ``workbook``).

Cells become the same data an answers YAML file holds and are validated with the same models and checks;
every bad cell is reported at once as ``Sheet!C12``. The metadata sheet is untrusted like the rest of the
workbook: it only helps recognise the workbook, it is never believed over the catalog.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dibcyber.engine.resolve import objective_key
from dibcyber.errors import InvalidInputError, Msg, Problem
from dibcyber.exchange.workbook import (
    ANSWER_COLUMNS,
    FINDING_LABELS,
    FORMAT,
    HEADER_KEYS,
    META_SHEET,
    ORG_FIELDS,
    PARTIAL_LABELS,
    PARTIAL_OLD_LABELS,
    STATUS_LABELS,
    finding_word,
    is_placeholder_name,
    norm,
    odp_short,
    parse_evidence_line,
    status_word,
    tags_dict,
    texts_hash,
)
from dibcyber.exchange.xlsxio import column_letter, rows
from dibcyber.models.base import Lang
from dibcyber.models.catalog import Catalog, Requirement

if TYPE_CHECKING:
    pass

# --- import -------------------------------------------------------------------------------------------


@dataclass
class Imported:
    """What a workbook says, as answers-file data, with the cell each value came from."""

    meta: dict[str, str]
    org: dict[str, Any]
    """Dotted key (organization.name) → value."""
    answers: dict[str, dict[str, Any]]
    """Requirement ID → canonical answer (see ``canonical``), in sheet order."""
    cells: dict[str, str]
    """Dotted path inside the answers data (requirements.3.1.1.status) → 'Sheet!E12'."""
    base: dict[str, dict[str, Any]]
    base_org: dict[str, str]
    problems: list[Problem]
    warnings: list[Msg]
    """Said to the user in their language (not the workbook's)."""
    lang: Lang
    name: str = ""
    """How messages name the workbook."""
    carried: set[str] = field(default_factory=set)
    """Answer fields the workbook has columns for; a merge leaves the others as they are."""
    force: bool = False
    """--force: read rows by their IDs, with warnings instead of refusals where the workbook was altered."""
    texts_checked: bool = False
    """The workbook's texts are this catalog's (its hash matched): each row's locked texts must then belong
    to the ID in its first column, or an answer would move to another requirement."""

    def deleted_rows(self) -> list[str]:
        """Requirements the workbook was exported with and no longer has a row for."""
        return [rid for rid in self.base if rid not in self.answers]

    def deleted_warning(self) -> Msg | None:
        rows = self.deleted_rows()
        if not rows:
            return None
        return Msg("xlsx.rows_deleted", count=len(rows), ids=rows[:10], more="…" if len(rows) > 10 else "")

    def unexplained_na(self) -> list[Msg]:
        """'Not applicable' answers without a reason, each as a warning at its cell: they score as not
        implemented (DoD Assessment Methodology 5.j), which a supplier should hear from the import."""
        out = []
        for rid, answer in self.answers.items():
            objs = answer.get("objectives", {})
            na = answer.get("status") == "not_applicable" or (
                not answer.get("status") and objs and all(v == "not_applicable" for v in objs.values()))
            if na and not answer.get("narrative"):
                cell = self.cells.get(f"requirements.{rid}.status") or self.cells.get(f"requirements.{rid}", "")
                out.append(Msg("xlsx.na_without_reason", cell=cell, requirement=rid))
        return out


def read(path: Path, name: str, catalog_for: Any, *, force: bool, fallback_profile: str | None) -> Imported:
    """Read a questionnaire workbook. ``catalog_for(profile_id)`` gives (profile, catalog, selected IDs).

    Long because it is one sequence of decisions about the metadata sheet (ours? which profile? which
    catalog and texts?), each refusing or, with ``force``, warning, before the sheets are read.

    Raises InvalidInputError for a workbook that is not dibcyber's, of another profile or catalog version
    (unless ``force``), or unreadable; cell problems are collected in ``problems`` for the caller to
    report together with validation problems.
    """
    from dibcyber.exchange.xlsxio import max_cells, open_untrusted

    wb, warnings = open_untrusted(path, name)
    budget = [max_cells()]
    try:
        where: dict[str, int] = {}
        meta = _read_meta(wb, budget, name, where)
        ours = bool(meta)  # a metadata sheet, so a catalog and texts to check (a row deleted is no pass)
        if ours:
            _refuse_path_like(meta.get("profile", ""), f"{META_SHEET}!B{where.get('profile', '?')}", name)
        if not meta:
            if not force:
                raise InvalidInputError(Problem(Msg("xlsx.not_ours"), file=name, hint=Msg("xlsx.not_ours.hint")))
            if not fallback_profile:
                raise InvalidInputError(Problem(Msg("xlsx.not_ours_needs_into"), file=name,
                                                hint=Msg("xlsx.not_ours_needs_into.hint")))
            warnings.append(Msg("xlsx.read_foreign"))
            meta = {"profile": fallback_profile}
        elif meta.get("format") != FORMAT:
            raise InvalidInputError(Problem(Msg("xlsx.unknown_format", format=_cap(meta.get("format", "")),
                                                expected=FORMAT), file=name, hint=Msg("xlsx.export_again.hint")))
        lang: Lang = "ja" if meta.get("lang") == "ja" else "en"
        profile_id = meta.get("profile", "")
        if fallback_profile and profile_id != fallback_profile:
            if not force:
                raise InvalidInputError(Problem(
                    Msg("xlsx.other_profile", workbook=_cap(profile_id), answers=fallback_profile),
                    file=name, hint=Msg("xlsx.other_profile.hint")))
            warnings.append(Msg("xlsx.read_other_profile", workbook=_cap(profile_id), answers=fallback_profile))
            profile_id = fallback_profile
        profile, catalog, ids = catalog_for(profile_id)
        texts_ok = False
        if ours:
            objectives = meta.get("objectives") == "yes"
            expected = texts_hash(profile, catalog, ids, lang, objectives)
            texts_ok = meta.get("texts_sha256") == expected
            if meta.get("catalog") != catalog.id or meta.get("catalog_version") != catalog.version \
                    or meta.get("texts_sha256") != expected:
                what = (f"catalog '{_cap(meta.get('catalog', ''))}' version '{_cap(meta.get('catalog_version', ''))}'"
                        if meta.get("catalog_version") != catalog.version or meta.get("catalog") != catalog.id
                        else "requirement texts")
                if not force:
                    made = (Msg("xlsx.made_from_catalog", catalog=_cap(meta.get("catalog", "")),
                                version=_cap(meta.get("catalog_version", "")))
                            if what != "requirement texts" else Msg("xlsx.made_from_texts"))
                    raise InvalidInputError(Problem(
                        Msg("xlsx.made_from_other", made=made, catalog=catalog.id, version=catalog.version,
                            profile=profile.id), file=name, hint=Msg("xlsx.made_from_other.hint")))
                warnings.append(Msg("xlsx.read_other_catalog", what=(
                    Msg("xlsx.made_from_texts") if what == "requirement texts" else
                    Msg("xlsx.made_from_catalog", catalog=_cap(meta.get("catalog", "")),
                        version=_cap(meta.get("catalog_version", ""))))))
        sheet_name = meta.get("sheet_requirements")
        ws = _find_sheet(wb, sheet_name, budget, name)
        org_ws = wb[meta["sheet_org"]] if meta.get("sheet_org") in wb.sheetnames else None
        result = Imported(meta=meta, org={}, answers={}, cells={}, base={}, base_org={}, problems=[],
                          warnings=warnings, lang=lang, name=name,
                          texts_checked=texts_ok, force=force)
        for key, value in meta.items():
            if key.startswith("base:"):
                result.base[key[5:]] = _json_dict(value)
        result.base_org = {k: str(v) for k, v in _json_dict(meta.get("base_org", "{}")).items()}
        if org_ws is not None:
            _read_org(org_ws, result, budget, name)
        _read_requirements(ws, result, catalog, budget, name)
        return result
    finally:
        wb.close()


def _not_one_of(result: Imported, value: str, what: str, choices: Iterable[str], ref: str,
                path: str) -> Problem:
    """A cell holding something other than one of its drop-down's words."""
    return Problem(Msg(what, value=_cap(value)), file=result.name, cell=ref, path=path,
                   hint=Msg("xlsx.choose_one.hint", choices=[Msg("value.choice", value=c) for c in choices]))


def _cap(text: str, limit: int = 60) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _json_dict(value: str) -> dict[str, Any]:
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _read_meta(wb: Any, budget: list[int], name: str, where: dict[str, int] | None = None) -> dict[str, str]:
    if META_SHEET not in wb.sheetnames:
        return {}
    out: dict[str, str] = {}
    for number, values in rows(wb[META_SHEET], budget, name):
        if len(values) >= 2 and isinstance(values[0], str) and values[1] is not None:
            out[values[0]] = str(values[1])
            if where is not None:
                where[values[0]] = number
    return out


_REGISTRY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*")


def _refuse_path_like(value: str, cell: str, name: str) -> None:
    """A workbook comes from another company: its metadata may name a profile of the registry (an ID such
    as ``atla-standard``), never a file of this machine (``/etc/passwd``, ``../x.yaml``). Refused without
    echoing the value, which could be anything read from the workbook."""
    if len(value) <= 64 and _REGISTRY_NAME.fullmatch(value) and not value.lower().endswith((".yaml", ".yml")):
        return
    raise InvalidInputError(Problem(Msg("xlsx.profile_path"), file=name, cell=cell,
                                    hint=Msg("xlsx.profile_path.hint")))


def _find_sheet(wb: Any, preferred: str | None, budget: list[int], name: str) -> Any:
    if preferred and preferred in wb.sheetnames:
        return wb[preferred]
    for ws in wb.worksheets:
        for _, values in rows(ws, budget, name):
            if values and any(isinstance(v, str) and v.strip() == "ID" for v in values):
                return ws
            break
    raise InvalidInputError(Problem(Msg("xlsx.no_id_sheet"), file=name, hint=Msg("xlsx.no_id_sheet.hint")))


def _ref(ws: Any, row: int, column: int) -> str:
    return f"{ws.title}!{column_letter(column)}{row}"


def _read_org(ws: Any, result: Imported, budget: list[int], name: str) -> None:
    known = {k for k, _, _ in ORG_FIELDS}
    for number, values in rows(ws, budget, name):
        if number == 1 or len(values) < 3 or values[2] not in known:
            continue
        key = str(values[2])
        ref = _ref(ws, number, 2)
        path = key.split(".")
        result.cells[key] = ref
        if key == "assessment.date":
            day = _date(values[1], ref, result, key) if values[1] not in (None, "") else None
            if day:
                result.org[key] = day
        else:
            text = _text(values[1])
            if key == "organization.name" and is_placeholder_name(text):
                result.problems.append(Problem(Msg("xlsx.placeholder_name"), file=result.name, cell=ref, path=key,
                                               hint=Msg("xlsx.placeholder_name.hint")))
                continue
            if text is not None:
                result.org[key] = text
        for i in range(1, len(path)):
            result.cells.setdefault(".".join(path[:i]), ref)


@dataclass
class _Sheet:
    """What reading the requirements sheet has learnt so far: its header, the IDs seen, the last row's."""

    ws: Any
    name: str
    header: dict[int, str] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)
    last_rid: str | None = None

    def column(self, key: str) -> int:
        return next(i for i, k in self.header.items() if k == key) + 1


def _read_requirements(ws: Any, result: Imported, catalog: Catalog, budget: list[int], name: str) -> None:
    objective_owner: dict[str, tuple[str, str]] = {}
    for req in catalog.requirements:
        for o in req.objectives:
            objective_owner[o.id] = (req.id, objective_key(req.id, o.id))
    sheet = _Sheet(ws, name)
    for number, values in rows(ws, budget, name):
        if number == 1:
            sheet.header = {i: HEADER_KEYS[str(v).strip()] for i, v in enumerate(values)
                            if isinstance(v, str) and str(v).strip() in HEADER_KEYS}
            names = {"finding": "objectives", "odp": "odp_values"}
            result.carried = {names.get(k, k) for k in sheet.header.values() if k in ANSWER_COLUMNS}
            if "id" not in sheet.header.values():
                raise InvalidInputError(Problem(Msg("xlsx.no_id_column"), file=name, cell=f"{ws.title}!1",
                                                hint=Msg("xlsx.no_id_column.hint")))
            continue
        cells = {key: values[i] for i, key in sheet.header.items() if i < len(values)}
        raw_id = cells.get("id")
        if raw_id in (None, ""):
            if any(k in ANSWER_COLUMNS and v not in (None, "") for k, v in cells.items()):
                result.problems.append(Problem(Msg("xlsx.row_without_id"), file=name,
                                               cell=_ref(ws, number, sheet.column("id")),
                                               hint=Msg("xlsx.row_without_id.hint")))
            continue
        ident = unicodedata.normalize("NFKC", str(raw_id)).strip()
        # a requirement with one unlettered objective has the same ID twice: its row, then the objective's
        if ident in objective_owner and (ident not in catalog.alias_index or (
                ident == sheet.last_rid and "finding" in sheet.header.values())):
            _read_objective_row(sheet, number, cells, ident, objective_owner[ident], result, catalog)
        else:
            _read_requirement_row(sheet, number, cells, ident, result, catalog)


def _read_objective_row(sheet: _Sheet, number: int, cells: dict[str, Any], ident: str, owner: tuple[str, str],
                        result: Imported, catalog: Catalog) -> None:
    rid, short = owner
    value = cells.get("finding")
    if value in (None, ""):
        return
    id_ref = _ref(sheet.ws, number, sheet.column("id"))
    if result.texts_checked and not _texts_match(cells, None, _objective_text(catalog, ident, result.lang)) \
            and not _moved_row(result, ident, id_ref):
        return
    ref = _ref(sheet.ws, number, sheet.column("finding"))
    word = finding_word(str(value)) if not isinstance(value, bool) else None
    path = f"requirements.{rid}.objectives.{short}"
    result.cells[path] = ref
    if word is None:
        result.problems.append(_not_one_of(result, str(value), "xlsx.not_a_finding",
                                           FINDING_LABELS[result.lang].values(), ref, path))
        return
    result.answers.setdefault(rid, {}).setdefault("objectives", {})[short] = word


def _read_requirement_row(sheet: _Sheet, number: int, cells: dict[str, Any], ident: str, result: Imported,
                          catalog: Catalog) -> None:
    found = catalog.alias_index.get(ident)
    ref_id = _ref(sheet.ws, number, sheet.column("id"))
    if found is None:
        from dibcyber.engine.checks import did_you_mean

        result.problems.append(Problem(Msg("answers.unknown_requirement", id=_cap(ident), catalog=catalog.id),
                                       file=sheet.name, cell=ref_id, hint=did_you_mean(ident, catalog.alias_index)))
        return
    rid = found
    if rid in sheet.seen:
        result.problems.append(Problem(Msg("xlsx.twice", id=rid, other=sheet.seen[rid]), file=sheet.name,
                                       cell=ref_id, hint=Msg("xlsx.twice.hint")))
        return
    sheet.seen[rid] = ref_id
    sheet.last_rid = rid
    req = catalog.by_id[rid]
    texts = (req.title.get(result.lang), req.statement.get(result.lang))
    if result.texts_checked and not _texts_match(cells, *texts) and not _moved_row(result, rid, ref_id):
        return
    answer = result.answers.setdefault(rid, {})
    prefix = f"requirements.{rid}"
    result.cells[prefix] = ref_id
    for key, value in cells.items():
        if key not in ANSWER_COLUMNS or value in (None, ""):
            continue
        ref = _ref(sheet.ws, number, sheet.column(key))
        result.cells[f"{prefix}.{'odp_values' if key == 'odp' else key}"] = ref
        _cell_value(req, key, value, ref, answer, result, f"{prefix}.{key}")


def _texts_match(cells: dict[str, Any], title: str | None, statement: str | None) -> bool:
    """Whether a row's locked texts are those of the ID in its first column (cells not shown are no proof
    either way)."""
    for key, expected in (("title", title), ("statement", statement)):
        if expected is not None and key in cells and _text(cells[key]) != _text(expected):
            return False
    return True


def _objective_text(catalog: Catalog, oid: str, lang: Lang) -> str | None:
    for req in catalog.requirements:
        for o in req.objectives:
            if o.id == oid:
                return o.text.get(lang)
    return None


def _moved_row(result: Imported, ident: str, ref: str) -> bool:
    """A row whose ID does not match its texts: a problem (the row is not read), or with --force a warning
    (the row is read by its ID, as asked). Returns whether to read the row."""
    problem = _moved(result, ident, ref)
    if result.force:
        result.warnings.append(Msg("xlsx.at_cell", cell=ref, message=problem.message))
        return True
    result.problems.append(problem)
    return False


def _moved(result: Imported, ident: str, ref: str) -> Problem:
    return Problem(Msg("xlsx.moved", id=ident), file=result.name, cell=ref, hint=Msg("xlsx.moved.hint"))


def cell_text(value: Any) -> str | None:
    """What a cell holding ``value`` reads back as (the import's reading of a text cell)."""
    return _text(value)


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None if value is None else str(value).lower()
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("_x000D_", "").strip()
    return text or None


def _date(value: Any, ref: str, result: Imported, path: str) -> str | None:
    """A date cell (a real date, or text typed as a date) → YYYY-MM-DD; anything else a located problem."""
    hint = Msg("xlsx.date.hint", example="2027-03-31")
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            result.problems.append(Problem(Msg("validation.date_without_time",
                                               got=Msg("value.datetime", value=f"{value:%Y-%m-%d %H:%M}")),
                                           file=result.name, cell=ref, path=path, hint=hint))
            return None
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        result.problems.append(Problem(Msg("validation.date", got=Msg("value.number", value=value)), file=result.name,
                                       cell=ref,
                                       path=path, hint=hint))
        return None
    from dibcyber.dates import DateError, parse_date

    try:
        return parse_date(str(value)).isoformat()
    except DateError as e:
        result.problems.append(Problem(e.msg, file=result.name, cell=ref, path=path, hint=hint))
    return None


def _cell_value(req: Requirement, key: str, value: Any, ref: str, answer: dict[str, Any], result: Imported,
                path: str) -> None:
    if key == "status":
        word = status_word(str(value)) if isinstance(value, str) else None
        if word is None:
            result.problems.append(_not_one_of(result, str(value), "xlsx.not_a_status",
                                               STATUS_LABELS[result.lang].values(), ref, path))
        else:
            answer["status"] = word
    elif key == "target_date":
        day = _date(value, ref, result, path)
        if day:
            answer["target_date"] = day
    elif key == "evidence":
        text = _text(value)
        if text:
            answer["evidence"] = [line.strip() for line in text.split("\n") if line.strip()]
    elif key == "odp":
        text = _text(value) or ""
        odps: dict[str, str] = {}
        known = {odp_short(o.id) for o in req.odps}
        last: str | None = None
        for line in text.split("\n"):
            if not line.strip():
                continue
            k, sep, v = line.partition(":")
            short = odp_short(unicodedata.normalize("NFKC", k).strip())
            if last is not None and (not sep or short not in known):
                odps[last] = f"{odps.get(last, '')}\n{line.strip()}".strip()  # a value of several lines
                continue
            if not sep:
                result.problems.append(Problem(Msg("xlsx.odp_line", line=_cap(line)), file=result.name, cell=ref,
                                               path=path, hint=Msg("xlsx.odp_line.hint")))
                continue
            last = short
            if v.strip():
                odps[short] = v.strip()
        if odps:
            answer["odp_values"] = odps
    elif key == "partial_credit":
        text = _text(value) or ""
        n = norm(text)
        found = next((k for lang_labels in (*PARTIAL_LABELS.values(), {v: k for k, v in PARTIAL_OLD_LABELS.items()})
                      for k, label in lang_labels.items() if n in (norm(label), k)), None)
        if found is None:
            result.problems.append(_not_one_of(result, text, "xlsx.not_a_partial_case",
                                               PARTIAL_LABELS[result.lang].values(), ref, path))
        else:
            answer["partial_credit"] = found
    elif key in ("narrative", "owner", "planned_measure"):
        text = _text(value)
        if text:
            answer[key] = text


def to_answer_data(canon: dict[str, Any]) -> dict[str, Any]:
    """A canonical answer → the mapping an answers file holds."""
    out: dict[str, Any] = {}
    for key in ("status", "objectives", "narrative"):
        if key in canon:
            out[key] = canon[key]
    if "evidence" in canon:
        out["evidence"] = [parse_evidence_line(line) for line in canon["evidence"]]
    for key in ("owner", "planned_measure"):
        if key in canon:
            out[key] = canon[key]
    if "target_date" in canon:
        out["target_date"] = dt.date.fromisoformat(canon["target_date"])
    if "partial_credit" in canon:
        out["partial_credit"] = canon["partial_credit"]
    if "odp_values" in canon:
        out["odp_values"] = canon["odp_values"]
    return out


def org_data(flat: dict[str, Any]) -> dict[str, Any]:
    """Dotted keys → nested organization/assessment mappings."""
    out: dict[str, Any] = {"organization": {}, "assessment": {}}
    for key, text in flat.items():
        node = out
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        value: Any = text
        if key == "assessment.date":
            value = dt.date.fromisoformat(text)
        elif key == "organization.tags":
            value = tags_dict(text)
        node[parts[-1]] = value
    return out
