"""The supplier questionnaire as an Excel workbook: export for people without dibcyber, import back. This
module holds what both directions share: the sheets' vocabulary (columns, status and finding words in both
languages) and the canonical form of one answer; ``workbook_export`` writes a workbook and
``workbook_import`` reads one back.

A workbook has four sheets: instructions, the company and assessment (基本情報), the requirements (one row
each, objectives as rows beneath where asked), and a very hidden metadata sheet that tells the import what
it is reading (format, profile, catalog and its version, a hash of the exported texts, and the answers as
they were exported, so that ``--into`` can tell a supplier's change from a conflict).

Import reads cells into the same data an answers YAML file holds and validates it with the same models and
checks; every bad cell is reported at once as ``Sheet!C12``. The metadata sheet is untrusted like the rest
of the workbook: it only helps recognise the workbook, it is never believed over the catalog.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from dibcyber.engine.resolve import PARTIAL_CASE, objective_key, odp_index, rev2_id, roll_up
from dibcyber.i18n import tables
from dibcyber.models.answers import PARTIAL_CREDIT, STATUSES, Answer, Answers
from dibcyber.models.base import Lang
from dibcyber.models.catalog import Catalog, Requirement
from dibcyber.models.profile import Profile

FORMAT = "dibcyber/questionnaire@1"
META_SHEET = "_dibcyber"

# --- vocabulary ---------------------------------------------------------------------------------


def norm(value: str) -> str:
    """A typed word as the vocabulary tables hold it: NFKC, trimmed, lower case, runs of spaces, hyphens
    and underscores as one underscore."""
    return re.sub(r"[\s\-_]+", "_", unicodedata.normalize("NFKC", value).strip().lower())


STATUS_LABELS: dict[Lang, dict[str, str]] = {lang: {k: names[k] for k in STATUSES}
                                              for lang, names in tables.STATUS_NAMES.items()}
"""The drop-down of the status column: the names of the statuses an answer can have (not 'not assessed')."""
FINDING_LABELS = tables.FINDING_NAMES
# Words people type instead of the drop-down values, in the form ``norm`` gives them.
_STATUS_WORDS: dict[str, str] = {
    **{s: s for s in STATUSES},
    **{norm(v): k for lang in tables.STATUS_NAMES for k, v in STATUS_LABELS[lang].items()},
    **{norm(k): v for k, v in tables.STATUS_WORDS.items()},
}
_FINDING_WORDS: dict[str, str] = {
    **{s: s for s in FINDING_LABELS["en"]},
    **{norm(v): k for lang in FINDING_LABELS for k, v in FINDING_LABELS[lang].items()},
    **{norm(k): v for k, v in tables.FINDING_WORDS.items()},
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
PARTIAL_LABELS = tables.PARTIAL_NAMES
# Labels an earlier dibcyber wrote, still read on import. The old English 3.13.11 label held a comma, which a
# list validation's formula splits into two choices that no import accepted.
PARTIAL_OLD_LABELS = {"encrypted, not FIPS-validated": "encryption_not_fips_validated"}
# Headers an earlier dibcyber wrote, still read: a workbook sent down the chain comes back weeks later.
_OLD_HEADERS = {"完了予定日": "target_date", "部分実施の内容（DoD 評価方法）": "partial_credit"}
HEADER_KEYS = {**_OLD_HEADERS, **{h: k for k, ja, en, _ in COLUMNS for h in (ja, en, k)}}


def status_word(value: str) -> str | None:
    """A status as people type it (English key, label, Japanese word, full-width) → the status key."""
    n = norm(value)
    return _STATUS_WORDS.get(n) or _STATUS_WORDS.get(n.replace("_", ""))


def finding_word(value: str) -> str | None:
    n = norm(value)
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
    odps = {odp_short(index.get(k, k)): v for k, v in answer.odp_values.items() if v}
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


def odp_short(odp_id: str) -> str:
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


def is_placeholder_name(name: str | None) -> bool:
    """The company name ``dibcyber init`` writes for a person to replace (「（会社名を記入）」, "(company name)")."""
    if not name:
        return False
    core = unicodedata.normalize("NFKC", name).strip().strip("()（）[]「」").strip().lower()
    return core in ("会社名を記入", "company name")


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
