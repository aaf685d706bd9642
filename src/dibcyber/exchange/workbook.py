"""The supplier questionnaire as an Excel workbook: export for people without dibcyber, import back.

A workbook has four sheets: instructions, the company and assessment (基本情報), the requirements (one row
each, objectives as rows beneath where asked), and a very hidden metadata sheet that tells the import what
it is reading (format, profile, catalog and its version, a hash of the exported texts, and the answers as
they were exported, so that ``--into`` can tell a supplier's change from a conflict).

Import reads cells into the same data an answers YAML file holds and validates it with the same models and
checks; every bad cell is reported at once as ``Sheet!C12``. The metadata sheet is untrusted like the rest
of the workbook: it only helps recognise the workbook, it is never believed over the catalog.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dibcyber import __version__
from dibcyber.engine.resolve import PARTIAL_CASE, objective_key, odp_index, rev2_id, roll_up
from dibcyber.errors import InvalidInputError, Msg, Problem
from dibcyber.exchange.xlsxio import column_letter, rows, set_text
from dibcyber.models.answers import PARTIAL_CREDIT, STATUSES, Answer, Answers
from dibcyber.models.base import Lang
from dibcyber.models.catalog import Catalog, Requirement
from dibcyber.models.profile import Profile

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORMAT = "dibcyber/questionnaire@1"
META_SHEET = "_dibcyber"

# --- vocabulary ---------------------------------------------------------------------------------

STATUS_LABELS: dict[Lang, dict[str, str]] = {
    "ja": {"implemented": "実施済み", "partially_implemented": "一部実施", "planned": "計画中",
           "not_implemented": "未実施", "not_applicable": "該当なし"},
    "en": {"implemented": "implemented", "partially_implemented": "partially implemented", "planned": "planned",
           "not_implemented": "not implemented", "not_applicable": "not applicable"},
}
FINDING_LABELS: dict[Lang, dict[str, str]] = {
    "ja": {"met": "適合", "not_met": "不適合", "not_applicable": "該当なし"},
    "en": {"met": "met", "not_met": "not met", "not_applicable": "not applicable"},
}
# Words people type instead of the drop-down values, after NFKC and lower-casing. Only unambiguous ones.
_STATUS_WORDS = {
    **{s: s for s in STATUSES},
    **{v.replace(" ", "_"): k for k, v in STATUS_LABELS["en"].items()},
    **{v: k for k, v in STATUS_LABELS["ja"].items()},
    "実施済": "implemented", "実装済み": "implemented", "実装済": "implemented", "対応済み": "implemented",
    "対応済": "implemented",
    "一部実施済み": "partially_implemented", "一部実装": "partially_implemented", "一部実施中": "partially_implemented",
    "部分的に実施": "partially_implemented", "一部対応": "partially_implemented", "partial": "partially_implemented",
    "計画": "planned", "予定": "planned", "実施予定": "planned", "計画あり": "planned",
    "未実装": "not_implemented", "未対応": "not_implemented", "未実施(計画なし)": "not_implemented",
    "非該当": "not_applicable", "対象外": "not_applicable", "適用外": "not_applicable", "n/a": "not_applicable",
    "na": "not_applicable",
}
_FINDING_WORDS = {
    "met": "met", "not_met": "not_met", "not_applicable": "not_applicable", "n/a": "not_applicable",
    "na": "not_applicable", "適合": "met", "充足": "met", "満たす": "met", "満たしている": "met",
    "不適合": "not_met", "未充足": "not_met", "満たさない": "not_met", "満たしていない": "not_met",
    "該当なし": "not_applicable", "非該当": "not_applicable", "対象外": "not_applicable",
}

ORG_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("organization.name", "会社名（必須）", "Company name (required)"),
    ("organization.name_en", "会社名（英語）", "Company name in English"),
    ("organization.cage_code", "CAGEコード", "CAGE code"),
    ("organization.address", "所在地", "Address"),
    ("organization.prime", "元請（納入先）", "Prime contractor"),
    ("organization.tags", "タグ（1行に1件「名前: 値」、例：tier: 2）",
     "Tags (one per line, 'name: value', e.g. tier: 2)"),
    ("organization.contact.name", "連絡先 氏名", "Contact name"),
    ("organization.contact.role", "連絡先 役職", "Contact role"),
    ("organization.contact.email", "連絡先 メール", "Contact e-mail"),
    ("organization.contact.phone", "連絡先 電話", "Contact phone"),
    ("assessment.date", "評価日（必須、YYYY-MM-DD）", "Assessment date (required, YYYY-MM-DD)"),
    ("assessment.assessor", "評価者", "Assessor"),
    ("assessment.scope", "評価範囲", "Scope"),
    ("assessment.system", "対象システム", "System"),
    ("assessment.marking", "表示（例：取扱注意）", "Marking"),
)

# (key, Japanese header, English header, width)
COLUMNS: tuple[tuple[str, str, str, int], ...] = (
    ("id", "ID", "ID", 16),
    ("family", "分類", "Category", 18),
    ("title", "項目名", "Title", 26),
    ("statement", "要求事項", "Requirement", 60),
    ("status", "実施状況", "Status", 14),
    ("finding", "判定（評価目標）", "Objective finding", 14),
    ("narrative", "実施内容の説明", "Narrative", 48),
    ("evidence", "証跡（1行に1件）", "Evidence (one per line)", 30),
    ("owner", "担当者", "Owner", 16),
    ("planned_measure", "予定する措置", "Planned measure", 36),
    ("target_date", "目標日", "Target date", 13),
    ("partial_credit", "部分点の条件（DoD評価方法論）", "Partial credit (DoD methodology)", 22),
    ("odp", "組織定義パラメータ（1行に1件）", "Parameter values (one per line)", 30),
)
ANSWER_COLUMNS = ("status", "finding", "narrative", "evidence", "owner", "planned_measure", "target_date",
                  "partial_credit", "odp")
PARTIAL_LABELS: dict[Lang, dict[str, str]] = {
    "ja": {"mfa_remote_and_privileged_only": "MFAはリモート・特権のみ",
           "encryption_not_fips_validated": "暗号化済み（FIPS認証なし）"},
    "en": {"mfa_remote_and_privileged_only": "MFA for remote and privileged only",
           "encryption_not_fips_validated": "encrypted (not FIPS-validated)"},
}
# Labels an earlier dibcyber wrote, still read on import. The old English 3.13.11 label held a comma, which a
# list validation's formula splits into two choices that no import accepted.
_PARTIAL_OLD_LABELS = {"encrypted, not FIPS-validated": "encryption_not_fips_validated"}
# Headers an earlier dibcyber wrote, still read: a workbook sent down the chain comes back weeks later.
_OLD_HEADERS = {"完了予定日": "target_date", "部分実施の内容（DoD 評価方法）": "partial_credit"}
_HEADER_KEYS = {**_OLD_HEADERS, **{h: k for k, ja, en, _ in COLUMNS for h in (ja, en, k)}}

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


def _norm(value: str) -> str:
    return re.sub(r"[\s\-_]+", "_", unicodedata.normalize("NFKC", value).strip().lower())


def status_word(value: str) -> str | None:
    """A status as people type it (English key, label, Japanese word, full-width) → the status key."""
    n = _norm(value)
    return _STATUS_WORDS.get(n) or _STATUS_WORDS.get(n.replace("_", ""))


def finding_word(value: str) -> str | None:
    n = _norm(value)
    return _FINDING_WORDS.get(n) or _FINDING_WORDS.get(n.replace("_", ""))


# --- the canonical form of one answer, for pre-filling and three-way merging ----------------------------


def canonical(req: Requirement, answer: Answer | None) -> dict[str, Any]:
    """An answer as comparable plain data: objective and ODP keys normalised, empties dropped."""
    if answer is None:
        return {}
    out: dict[str, Any] = {}
    if answer.status:
        out["status"] = answer.status
    objs = {objective_key(req.id, _objective_id(req, k)): v for k, v in answer.objectives.items() if v}
    if objs:
        out["objectives"] = dict(sorted(objs.items()))
    for key in ("narrative", "owner", "planned_measure"):
        value = getattr(answer, key)
        if value:
            out[key] = value
    if answer.evidence:
        out["evidence"] = [evidence_line(e.path or e.url or "", e.title) for e in answer.evidence]
    if answer.target_date:
        out["target_date"] = answer.target_date.isoformat()
    if answer.partial_credit:
        out["partial_credit"] = answer.partial_credit
    index = odp_index(req)
    odps = {_odp_short(index.get(k, k)): v for k, v in answer.odp_values.items() if v}
    if odps:
        out["odp_values"] = dict(sorted(odps.items()))
    return out


def shown(req: Requirement, answer: Answer | None, objectives: bool) -> dict[str, Any]:
    """An answer as a workbook's row shows it (with or without objective rows): its canonical form, or
    without objective rows the status (and partial case) the objectives give."""
    current = canonical(req, answer)
    if not objectives:
        current.pop("objectives", None)  # not in this workbook: the import leaves them as they are
        rolled = roll_up(req, answer) if answer is not None and not answer.status else None
        if rolled is not None:
            current["status"] = rolled  # what the objectives give, shown as the status
        nist = rev2_id(req) or ""
        partial = answer is not None and nist in PARTIAL_CASE and all(
            canonical(req, answer).get("objectives", {}).get(k) == "met" for k in PARTIAL_CASE[nist])
        if partial and current.get("status") == "partially_implemented":
            current["partial_credit"] = PARTIAL_CREDIT[nist]  # the partial case the findings show
    if not req.odps:
        current.pop("odp_values", None)
    return current


def _objective_id(req: Requirement, key: str) -> str:
    for o in req.objectives:
        if key in (o.id, objective_key(req.id, o.id)):
            return o.id
    return key


def _odp_short(odp_id: str) -> str:
    m = re.search(r"ODP\.?\[?(\d+)\]?$", odp_id)
    return m.group(1) if m else odp_id


def evidence_line(target: str, title: str | None) -> str:
    """One line of the evidence cell: a title of several lines is put on one (a line is an entry)."""
    return f"{target} | {' '.join(title.split())}" if title and title.strip() else target


def parse_evidence_line(line: str) -> dict[str, str]:
    target, _, title = line.partition(" | ")
    target = target.strip()
    key = "url" if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", target) else "path"
    entry = {key: target}
    if title.strip():
        entry["title"] = title.strip()
    return entry


def texts_hash(profile: Profile, catalog: Catalog, ids: Iterable[str], lang: Lang, objectives: bool) -> str:
    """What the workbook's locked cells say, as a hash: a workbook made from other texts (another catalog
    version, a changed profile selection) is recognised on import."""
    h = hashlib.sha256()
    h.update(json.dumps([profile.id, catalog.id, catalog.version, lang, objectives], ensure_ascii=False).encode())
    for rid in ids:
        req = catalog.by_id[rid]
        parts = [rid, req.title.get(lang), req.statement.get(lang)]
        if objectives:
            parts += [o.id + o.text.get(lang) for o in req.objectives]
        h.update(json.dumps(parts, ensure_ascii=False).encode())
    return h.hexdigest()


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
    return save(wb)


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
        if key == "assessment.date" and value:
            target.value = dt.date.fromisoformat(value)
        else:
            set_text(target, value)
        if key == "assessment.date":
            target.number_format = "yyyy-mm-dd"
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


def _write_row(ws: Worksheet, row: int, col: dict[str, int], cells: dict[str, Any], locked_fill: Any, wrap: Any,
               open_cell: Any, open_keys: set[str]) -> None:
    for key, c in col.items():
        cell = ws.cell(row=row, column=c)
        value = cells.get(key)
        if key == "target_date" and value:
            cell.value = dt.date.fromisoformat(value)
        else:
            set_text(cell, value)
        if key == "target_date":
            cell.number_format = "yyyy-mm-dd"
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
        out["odp"] = "\n".join(f"{_odp_short(o.id)}: {values.get(_odp_short(o.id), '')}".rstrip()
                               for o in req.odps)
    return out


def is_placeholder_name(name: str | None) -> bool:
    """The company name ``dibcyber init`` writes for a person to replace (「（会社名を記入）」, "(company name)")."""
    if not name:
        return False
    core = unicodedata.normalize("NFKC", name).strip().strip("()（）[]「」").strip().lower()
    return core in ("会社名を記入", "company name")


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


def org_values(answers: Answers | None) -> dict[str, str]:
    if answers is None:
        return {}
    data = {"organization": answers.organization.model_dump(mode="json", exclude_none=True),
            "assessment": answers.assessment.model_dump(mode="json", exclude_none=True)}
    out = {}
    for key, _, _ in ORG_FIELDS:
        node: Any = data
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node = tags_text(node) or None
        if node not in (None, ""):
            out[key] = str(node)
    return out


def tags_text(tags: dict[str, str]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in tags.items())


def tags_dict(text: str) -> dict[str, str]:
    """'tier: 2' lines → {"tier": "2"}; a line without ':' is a tag with an empty value."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip():
            k, _, v = line.partition(":")
            out[unicodedata.normalize("NFKC", k).strip()] = v.strip()
    return out


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
            sheet.header = {i: _HEADER_KEYS[str(v).strip()] for i, v in enumerate(values)
                            if isinstance(v, str) and str(v).strip() in _HEADER_KEYS}
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
        known = {_odp_short(o.id) for o in req.odps}
        last: str | None = None
        for line in text.split("\n"):
            if not line.strip():
                continue
            k, sep, v = line.partition(":")
            short = _odp_short(unicodedata.normalize("NFKC", k).strip())
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
        n = _norm(text)
        found = next((k for lang_labels in (*PARTIAL_LABELS.values(), {v: k for k, v in _PARTIAL_OLD_LABELS.items()})
                      for k, label in lang_labels.items() if n in (_norm(label), k)), None)
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
