"""The supplier questionnaire exported as an Excel workbook (the vocabulary and the canonical form of an
answer it shares with the import are in ``workbook``).

Four sheets: instructions, the company and assessment (基本情報), the requirements (one row each,
objectives as rows beneath where asked), and a very hidden metadata sheet that records what was exported
(format, profile, catalog and its version, a hash of the exported texts, and the answers as they were),
so that the import can tell a supplier's change from a conflict.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dibcyber import __version__
from dibcyber.engine.resolve import objective_key, rev2_id
from dibcyber.exchange.workbook import (
    ANSWER_COLUMNS,
    COLUMNS,
    FINDING_LABELS,
    FORMAT,
    META_SHEET,
    ORG_FIELDS,
    PARTIAL_LABELS,
    STATUS_LABELS,
    is_placeholder_name,
    odp_short,
    org_values,
    shown,
    texts_hash,
)
from dibcyber.exchange.xlsxio import column_letter, set_text
from dibcyber.models.answers import PARTIAL_CREDIT, Answer, Answers
from dibcyber.models.base import Lang
from dibcyber.models.catalog import Catalog, Requirement
from dibcyber.models.profile import Profile

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SHEETS: dict[Lang, dict[str, str]] = {
    "ja": {"instructions": "記入方法", "org": "基本情報", "reqs": "要求事項"},
    "en": {"instructions": "Instructions", "org": "Organization", "reqs": "Requirements"},
}

_INSTRUCTIONS: dict[Lang, list[str]] = {
    "ja": [
        "{title}",
        "",
        "この質問票はdibcyber（防衛産業サイバーセキュリティ基準・NIST SP 800-171の自己評価ツール）が作成しました。"
        "dibcyberをお持ちでなくてもExcel（又はLibreOffice）だけで記入できます。",
        "プロファイル：{profile}　カタログ：{catalog}（版{version}）",
        "",
        "記入の手順",
        "1．「{org}」シートに会社名と評価日（必須）、連絡先などを記入してください。",
        "2．「{reqs}」シートの各行（要求事項）について、「実施状況」をドロップダウンから選んでください。",
        "3．実施内容の説明、証跡（文書名・ファイルのパス又はURL。1行に1件、「パス | 表題」の形でも可）、"
        "担当者を記入してください。",
        "4．実施済みでない項目には、予定する措置と目標日（YYYY-MM-DD）を記入してください。",
        "{objectives_line}",
        "{odp_line}",
        "5．灰色の列（ID・分類・項目名・要求事項）は変更できません。行や列の追加・削除・並べ替えはしないでください。",
        "6．記入が終わったら、ファイル名を変えずに（又は会社名を付けて）保存し、{return_to}へ返送してください。",
        "",
        "実施状況の意味",
        *[f"・{label}（{key}）: {{status_{key}}}" for key, label in STATUS_LABELS["ja"].items()],
        "",
        "注意：記入欄に「=」「+」「-」「@」で始まる文字を入力しても数式としては扱われません"
        "（文字として読み取ります）。",
        "マクロ・外部リンク・数式は読み取り時に無視されます。",
    ],
    "en": [
        "{title}",
        "",
        "This questionnaire was made by dibcyber (self-assessment against Japan's defence-industry cybersecurity "
        "standard and NIST SP 800-171). You can fill it in with Excel or LibreOffice alone; no dibcyber needed.",
        "Profile: {profile}   Catalog: {catalog} (version {version})",
        "",
        "How to answer",
        "1. On the '{org}' sheet, enter the company name and the assessment date (both required) and a contact.",
        "2. On the '{reqs}' sheet, choose each requirement's Status from the drop-down list.",
        "3. Describe what is in place (Narrative), list evidence (document, file path or URL; one per line, "
        "optionally 'path | title'), and name an owner.",
        "4. For anything not implemented, give the planned measure and a target date (YYYY-MM-DD).",
        "{objectives_line}",
        "{odp_line}",
        "5. Grey columns (ID, category, title, requirement) are locked. Do not add, delete or reorder rows or columns.",
        "6. When done, save the file (keep the name, or add your company's) and return it to {return_to}.",
        "",
        "What each status means",
        *[f"- {label}: {{status_{key}}}" for key, label in STATUS_LABELS["en"].items()],
        "",
        "Note: text starting with '=', '+', '-' or '@' in an answer cell is read as text, never as a formula.",
        "Macros, external links and formulas are ignored when the workbook is read.",
    ],
}
_STATUS_MEANING: dict[Lang, dict[str, str]] = {
    "ja": {"implemented": "要求事項の全てを満たしている。",
           "partially_implemented": "一部を満たしている（未実施として扱われる）。",
           "planned": "未実施だが、予定する措置と目標日が決まっている。",
           "not_implemented": "実施しておらず、計画もない。",
           "not_applicable": "自社の環境には該当しない（説明欄に理由を記入する）。"},
    "en": {"implemented": "every part of the requirement is met.",
           "partially_implemented": "some of it is met (counts as not implemented).",
           "planned": "not implemented yet, with a planned measure and a target date.",
           "not_implemented": "not implemented and no plan yet.",
           "not_applicable": "does not apply to your environment (give the reason in the narrative)."},
}
_OBJECTIVES_LINE: dict[Lang, str] = {
    "ja": "評価目標の行（IDに[a]などが付いた行）では「判定」を選んでください。"
          "実施状況を空欄にすると判定から決まります。",
    "en": "On objective rows (IDs ending in [a], [b], …) choose a Finding; leave Status empty to let the findings "
          "decide.",
}
_ODP_LINE: dict[Lang, str] = {
    "ja": "組織定義パラメータ（ODP）の欄は「01: 値」の形で1行に1件記入してください。",
    "en": "Parameter values (ODPs): one per line as '01: value'.",
}
_RETURN_TO: dict[Lang, str] = {"ja": "送付元のご担当者", "en": "the person who sent it to you"}
# --- export -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportSpec:
    profile: Profile
    catalog: Catalog
    ids: tuple[str, ...]
    lang: Lang
    objectives: bool = False
    answers: Answers | None = None
    resolved: dict[str, Answer] = field(default_factory=dict)
    """Existing answers by requirement ID (keys already resolved through aliases)."""
    return_to: str | None = None
    source: str | None = None


def export(spec: ExportSpec) -> bytes:
    """The questionnaire workbook: instructions, the organisation sheet, the requirements sheet (with its
    drop-downs and date check) and the hidden sheet the import reads back."""
    from openpyxl import Workbook

    from dibcyber.exchange.xlsxio import save

    names = SHEETS[spec.lang]
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = names["instructions"]
    org = wb.create_sheet(names["org"])
    ws = wb.create_sheet(names["reqs"])
    meta = wb.create_sheet(META_SHEET)
    layout = _Layout.of(spec)
    _instructions_sheet(guide, spec, layout)
    base_org = org_values(spec.answers)
    _org_sheet(org, base_org, spec.lang)
    base = _requirements_sheet(ws, spec, layout)
    _meta_sheet(meta, spec, base_org, base)
    wb.active = 1 if spec.answers is None else 2
    for sheet in (guide, org, ws):
        sheet.sheet_view.tabSelected = sheet is wb.active
    return save(wb, spec.answers.assessment.date if spec.answers is not None else None)


@dataclass(frozen=True)
class _Layout:
    """Which columns the requirements sheet has (objectives, ODPs and partial credit only where they apply)."""

    columns: list[tuple[str, str, str, int]]
    col: dict[str, int]
    has_odps: bool
    partial: frozenset[str]

    @classmethod
    def of(cls, spec: ExportSpec) -> _Layout:
        cat = spec.catalog
        has_odps = any(cat.by_id[r].odps for r in spec.ids)
        partial = frozenset(r for r in spec.ids if PARTIAL_CREDIT.get(rev2_id(cat.by_id[r]) or ""))
        columns = [c for c in COLUMNS if (c[0] != "finding" or spec.objectives) and (c[0] != "odp" or has_odps)
                   and (c[0] != "partial_credit" or partial)]
        return cls(columns, {c[0]: i for i, c in enumerate(columns, 1)}, has_odps, partial)


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    return {"wrap": Alignment(wrap_text=True, vertical="top"), "locked": PatternFill("solid", fgColor="EEEEEE"),
            "header_fill": PatternFill("solid", fgColor="1F3864"), "header_font": Font(bold=True, color="FFFFFF"),
            "open": Protection(locked=False)}


def _instructions_sheet(guide: Any, spec: ExportSpec, layout: _Layout) -> None:
    from openpyxl.styles import Alignment, Font

    lang, cat, names = spec.lang, spec.catalog, SHEETS[spec.lang]
    title = f"{spec.profile.title.get(lang)} — {'自己評価質問票' if lang == 'ja' else 'self-assessment questionnaire'}"
    values = {"title": title, "profile": spec.profile.id, "catalog": cat.id,
              "version": cat.version_text.get(lang) if cat.version_text else cat.version,
              "org": names["org"], "reqs": names["reqs"], "return_to": spec.return_to or _RETURN_TO[lang],
              "objectives_line": _OBJECTIVES_LINE[lang] if spec.objectives else "",
              "odp_line": _ODP_LINE[lang] if layout.has_odps else "",
              **{f"status_{k}": v for k, v in _STATUS_MEANING[lang].items()}}
    font_name = "Meiryo UI" if lang == "ja" else "Calibri"
    for n, line in enumerate(_INSTRUCTIONS[lang], 1):
        cell = guide.cell(row=n, column=1)
        set_text(cell, line.format(**values))
        cell.font = Font(name=font_name, bold=n == 1, size=14 if n == 1 else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide.column_dimensions["A"].width = 110
    print_setup(guide, landscape=True, header_row=False)
    guide.protection.sheet = True


def _org_sheet(org: Any, base_org: dict[str, Any], lang: Lang) -> None:
    """Organisation and assessment: one field per row, the key in a hidden column for the import."""
    st = _styles()
    shown_org = _without_prefills(base_org)
    for n, (key, ja, en) in enumerate(ORG_FIELDS, 2):
        set_text(org.cell(row=n, column=1), ja if lang == "ja" else en)
        org.cell(row=n, column=1).fill = st["locked"]
        value = shown_org.get(key)
        target = org.cell(row=n, column=2)
        _put_value(target, value, date=key == "assessment.date")
        target.protection = st["open"]
        target.alignment = st["wrap"]
        set_text(org.cell(row=n, column=3), key)
    for c, text in enumerate(("項目", "記入欄", "key") if lang == "ja" else ("Field", "Value", "key"), 1):
        cell = org.cell(row=1, column=c)
        set_text(cell, text)
        cell.font, cell.fill = st["header_font"], st["header_fill"]
    org.column_dimensions["A"].width = 34
    org.column_dimensions["B"].width = 70
    org.column_dimensions["C"].hidden = True
    org.freeze_panes = "B2"
    print_setup(org, landscape=False)
    org.protection.sheet = True


def _requirements_sheet(ws: Any, spec: ExportSpec, layout: _Layout) -> dict[str, dict[str, Any]]:
    """One row per requirement (and per objective with ``spec.objectives``); returns what each row showed,
    the base a returned workbook is compared with."""
    from openpyxl.styles import Alignment

    st, lang, cat, col = _styles(), spec.lang, spec.catalog, layout.col
    for key, ja, en, width in layout.columns:
        cell = ws.cell(row=1, column=col[key])
        set_text(cell, ja if lang == "ja" else en)
        cell.font, cell.fill = st["header_font"], st["header_fill"]
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[column_letter(col[key])].width = width
    rows = _Rows()
    base: dict[str, dict[str, Any]] = {}
    for rid in spec.ids:
        req = cat.by_id[rid]
        row = rows.next(rows.status)
        fam = cat.family_by_id.get(req.family)
        cells = {"id": rid, "family": f"{fam.abbrev or fam.id} {fam.title.get(lang)}" if fam else req.family,
                 "title": req.title.get(lang), "statement": req.statement.get(lang)}
        current = shown(req, spec.resolved.get(rid), spec.objectives)
        base[rid] = current
        cells.update(_answer_cells(req, current, lang))
        open_keys = {k for k in ANSWER_COLUMNS if k != "finding" and (k != "partial_credit" or rid in layout.partial)}
        _write_row(ws, row, col, cells, st["locked"], st["wrap"], st["open"], open_keys=open_keys)
        if rid in layout.partial:
            rows.partial.append((row, PARTIAL_CREDIT[rev2_id(req) or ""]))
        for o in req.objectives if spec.objectives else []:
            found = current.get("objectives", {}).get(objective_key(req.id, o.id))
            _write_row(ws, rows.next(rows.finding), col,
                       {"id": o.id, "statement": o.text.get(lang),
                        "finding": FINDING_LABELS[lang][found] if found else None},
                       st["locked"], st["wrap"], st["open"], open_keys={"finding"})
    last = max(rows.last, 2)
    ws.freeze_panes = ws.cell(row=2, column=col["title"])
    ws.auto_filter.ref = f"A1:{column_letter(len(layout.columns))}{last}"
    ws.row_dimensions[1].height = 32
    _validations(ws, spec, layout, rows, last)
    print_setup(ws, landscape=True)
    ws.protection.sheet = True
    ws.protection.autoFilter = False  # filtering stays possible on the protected sheet
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    return base


@dataclass
class _Rows:
    """Row numbers of the requirements sheet as it is written, by what each row holds."""

    last: int = 1
    status: list[int] = field(default_factory=list)
    finding: list[int] = field(default_factory=list)
    partial: list[tuple[int, str]] = field(default_factory=list)

    def next(self, kind: list[int]) -> int:
        self.last += 1
        kind.append(self.last)
        return self.last


def _validations(ws: Any, spec: ExportSpec, layout: _Layout, rows: _Rows, last: int) -> None:
    """Drop-downs for status, findings and each row's own partial case; a date check on target dates."""
    from openpyxl.worksheet.datavalidation import DataValidation

    lang, col = spec.lang, layout.col
    sv = choice_list(STATUS_LABELS[lang].values(), lang)
    for rng in _ranges(column_letter(col["status"]), rows.status):
        sv.add(rng)
    ws.add_data_validation(sv)
    if spec.objectives and rows.finding:
        fv = choice_list(FINDING_LABELS[lang].values(), lang)
        for rng in _ranges(column_letter(col["finding"]), rows.finding):
            fv.add(rng)
        ws.add_data_validation(fv)
    for prow, case in rows.partial:  # each row offers only its own partial case
        pv = choice_list([PARTIAL_LABELS[lang][case]], lang)
        pv.add(f"{column_letter(col['partial_credit'])}{prow}")
        ws.add_data_validation(pv)
    dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                        showErrorMessage=True, errorTitle="dibcyber",
                        error="YYYY-MM-DD" if lang == "en" else "日付をYYYY-MM-DDで入力してください")
    dv.add(f"{column_letter(col['target_date'])}2:{column_letter(col['target_date'])}{last}")
    ws.add_data_validation(dv)


def _meta_sheet(meta: Any, spec: ExportSpec, base_org: dict[str, Any], base: dict[str, dict[str, Any]]) -> None:
    """What the import needs to recognise the workbook, and what each row showed (hidden, protected)."""
    cat, names = spec.catalog, SHEETS[spec.lang]
    info = {"format": FORMAT, "generator": f"dibcyber {__version__}", "profile": spec.profile.id,
            "catalog": cat.id, "catalog_version": cat.version, "lang": spec.lang,
            "objectives": "yes" if spec.objectives else "no",
            "texts_sha256": texts_hash(spec.profile, cat, spec.ids, spec.lang, spec.objectives),
            "sheet_org": names["org"], "sheet_requirements": names["reqs"], "source": spec.source or "",
            "base_org": json.dumps(base_org, ensure_ascii=False, sort_keys=True)}
    rows = [*info.items()] + [(f"base:{rid}", json.dumps(snapshot, ensure_ascii=False, sort_keys=True))
                              for rid, snapshot in base.items()]
    for n, (k, v) in enumerate(rows, 1):
        set_text(meta.cell(row=n, column=1), k)
        set_text(meta.cell(row=n, column=2), v)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True


_CHOICE_WARNING: dict[Lang, tuple[str, str]] = {
    "ja": ("選択肢にない値", "この値はドロップダウンの選択肢にありません。取り込み時にエラーになるため、"
                             "「いいえ」を押して選択肢から選んでください。"),
    "en": ("Not one of the choices", "This value is not in the drop-down list and will be refused on import. "
                                     "Choose No and pick a value from the list."),
}


def choice_list(labels: Iterable[str], lang: Lang) -> Any:
    """A drop-down of ``labels``: typing another word is warned about in the workbook's language (Excel's
    'warning' style lets a person keep it; the import then names the cell). A label may not hold a comma or a
    double quote, which the list formula would split or end on, and the list must fit Excel's 255 characters."""
    from openpyxl.worksheet.datavalidation import DataValidation

    items = list(labels)
    for item in items:
        if "," in item or '"' in item:
            raise ValueError(f"drop-down label {item!r} holds a comma or a quote")
    formula = '"' + ",".join(items) + '"'
    if len(formula) > 257:
        raise ValueError("drop-down list longer than Excel's 255 characters")
    title, text = _CHOICE_WARNING[lang]
    return DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                          errorStyle="warning", errorTitle=title, error=text)


def print_setup(ws: Any, *, landscape: bool, header_row: bool = True) -> None:
    """A4, fitted to the page width (as many pages down as needed), the header row repeated on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if header_row:
        ws.print_title_rows = "1:1"


def _ranges(letter: str, numbers: list[int]) -> list[str]:
    """Consecutive rows as ranges: E2:E5, E7:E9."""
    out: list[str] = []
    start = prev = None
    for n in [*numbers, -1]:
        if start is not None and n == (prev or 0) + 1:
            prev = n
            continue
        if start is not None:
            out.append(f"{letter}{start}" if start == prev else f"{letter}{start}:{letter}{prev}")
        start = prev = n
    return out


def _put_value(cell: Any, value: Any, *, date: bool) -> None:
    """A value into an answer cell: a date column gets a real date cell (shown as YYYY-MM-DD, so Excel's date
    check applies); anything else is text that can never become a formula."""
    if date and value:
        cell.value = dt.date.fromisoformat(value)
    else:
        set_text(cell, value)
    if date:
        cell.number_format = "yyyy-mm-dd"


def _write_row(ws: Worksheet, row: int, col: dict[str, int], cells: dict[str, Any], locked_fill: Any, wrap: Any,
               open_cell: Any, open_keys: set[str]) -> None:
    for key, c in col.items():
        cell = ws.cell(row=row, column=c)
        _put_value(cell, cells.get(key), date=key == "target_date")
        cell.alignment = wrap
        if key in open_keys:
            cell.protection = open_cell
        else:
            cell.fill = locked_fill


def _answer_cells(req: Requirement, current: dict[str, Any], lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "status" in current:
        out["status"] = STATUS_LABELS[lang][current["status"]]
    for key in ("narrative", "owner", "planned_measure", "target_date"):
        out[key] = current.get(key)
    out["evidence"] = "\n".join(current.get("evidence", [])) or None
    if "partial_credit" in current:
        out["partial_credit"] = PARTIAL_LABELS[lang][current["partial_credit"]]
    if req.odps:
        values = current.get("odp_values", {})
        out["odp"] = "\n".join(f"{odp_short(o.id)}: {values.get(odp_short(o.id), '')}".rstrip()
                               for o in req.odps)
    return out

def _without_prefills(org: dict[str, str]) -> dict[str, str]:
    """What the company sheet shows: a file still carrying the placeholder name `init` writes is a fresh
    template, so neither that name nor the date `init` filled in (the day the file was made, not the
    supplier's assessment) is shown. Both are required, so the supplier must enter them; the metadata keeps
    the file's values as the merge base."""
    out = dict(org)
    if is_placeholder_name(out.get("organization.name")):
        out.pop("organization.name")
        out.pop("assessment.date", None)
    return out
