"""``dibcyber init``: a complete, commented answers file for a profile, ready to fill in by hand.

Every requirement is present with empty fields; its title, statement and objectives stand above it as
YAML comments in the chosen language. A fresh file assesses without error (everything not assessed).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

from dibcyber.checks import selected
from dibcyber.models.answers import PARTIAL_CREDIT
from dibcyber.models.base import Lang
from dibcyber.models.catalog import METHOD_KINDS, Catalog, Requirement
from dibcyber.models.profile import Profile
from dibcyber.scoring import objective_key, rev2_id

_H = {
    "ja": [
        "dibcyber 回答ファイル（dibcyber/answers@1）",
        "プロファイル: {profile} — {title}",
        "",
        "各要件の status に次のいずれかを記入する:",
        "  implemented（実施済み） | partially_implemented（一部実施）",
        "  planned（計画中） | not_implemented（未実施） | not_applicable（該当なし）",
        "objectives（評価目標）に met | not_met | not_applicable を記入すれば、",
        "status は省略できる。",
        "未実施の要件には planned_measure（予定する措置）と target_date（YYYY-MM-DD）",
        "を記入する。",
        "何も記入しない要件は「未評価」となり、未実施として扱われる。",
        "記入後: dibcyber assess {file}",
    ],
    "en": [
        "dibcyber answers file (dibcyber/answers@1)",
        "Profile: {profile} — {title}",
        "",
        "Set each requirement's status to one of:",
        "  implemented | partially_implemented | planned | not_implemented |",
        "  not_applicable",
        "Or record objective findings (met | not_met | not_applicable) and leave status",
        "empty. For anything not implemented, add planned_measure and target_date",
        "(YYYY-MM-DD).",
        "Requirements left empty are 'not assessed' and count as not implemented.",
        "Then: dibcyber assess {file}",
    ],
}
_L = {
    "ja": {"methods": "評価の方法及び対象（SP 800-171A）",
           "derived": "評価の方法及び対象（Rev.3のSP 800-171Aから導出）",
           "examine": "検査", "interview": "インタビュー", "test": "テスト", "sep": "、",
           "none": "評価の方法及び対象: なし（dibcyber catalog showで理由を確認）",
           "objectives": "評価目標", "odps": "組織定義パラメータ（ODP）", "org": "会社名を記入",
           "partial": "DoD評価方法論の部分点の条件に当たる一部実施なら、次の行の#を外す:"},
    "en": {"methods": "Assessment methods and objects (SP 800-171A)",
           "derived": "Assessment methods and objects (derived from SP 800-171A Rev.3)",
           "examine": "Examine", "interview": "Interview", "test": "Test", "sep": "; ",
           "none": "Assessment methods and objects: none (dibcyber catalog show says why)",
           "objectives": "Objectives", "odps": "Organization-defined parameters (ODPs)", "org": "company name",
           "partial": "If partially implemented in the DoD methodology's partial case, uncomment the next line:"},
}
WIDTH = 80
"""Comment lines stay within 80 columns (full-width characters count two)."""


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


_NO_LINE_START = set("。、，．）」』】〕・ー？！,.);:!?")


def _tokens(text: str) -> list[str]:
    """Words of Latin text and single characters of Japanese text, with the spaces between them."""
    return re.findall(r"\s+|[\x21-\x7e]+|.", text)


def _wrap(text: str, indent: str, width: int = WIDTH) -> list[str]:
    """Wrap for comments: Latin text at spaces, Japanese anywhere but before closing punctuation;
    full-width characters count as two columns."""
    out: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for token in _tokens(para):
            tok = token
            if line and _width(indent + line + tok) > width and not tok.isspace():
                if tok[0] in _NO_LINE_START and len(line) > 1:
                    tok, line = line[-1] + tok, line[:-1]
                out.append(indent + line.rstrip())
                line = ""
            if line or not tok.isspace():
                line += tok
        out.append(indent + line.rstrip())
    return out


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def render(profile: Profile, catalog: Catalog, lang: Lang, today: dt.date, file_name: str,
           profile_ref: str | None = None) -> str:
    """The questionnaire text; ``profile_ref`` is what the file's ``profile`` key says (an ID, or a path
    to a profile file relative to the answers file)."""
    lines = []
    for h in _H[lang]:
        head = ("# " + h.format(profile=profile.id, title=profile.title.get(lang), file=file_name)).rstrip()
        lines += [head] if _width(head) <= WIDTH else _wrap(head.removeprefix("# "), "# ")
    lines += [
        "format: dibcyber/answers@1",
        f"profile: {_q(profile_ref or profile.id)}",
        "organization:",
        f"  name: {_q('（' + _L[lang]['org'] + '）' if lang == 'ja' else '(' + _L[lang]['org'] + ')')}",
        "  name_en:",
        "  cage_code:",
        "  address:",
        "assessment:",
        f"  date: {today.isoformat()}",
        "  assessor:",
        "  scope:",
        "  system:",
        "  marking:",
        "requirements:",
    ]
    chosen = set(selected(profile, catalog))
    for fam in catalog.families:
        reqs = [r for r in catalog.requirements if r.family == fam.id and r.id in chosen]
        if not reqs:
            continue
        lines += ["", *_wrap(f"━━ {fam.id} {fam.title.get(lang)} ━━", "  # ")]
        for req in reqs:
            lines += _requirement(req, profile, lang)
    return "\n".join(lines) + "\n"


def _requirement(req: Requirement, profile: Profile, lang: Lang) -> list[str]:
    lines = ["", f"  # {req.id} {req.title.get(lang)}"]
    lines += _wrap(req.statement.get(lang), "  #   ")
    if req.objectives:
        lines.append(f"  # {_L[lang]['objectives']}:")
        for o in req.objectives:
            lines += _wrap(f"{objective_key(req.id, o.id)}: {o.text.get(lang)}", "  #   ")
    lines += _methods(req, lang)
    lines += [f"  {_q(req.id)}:", "    status:"]
    if req.objectives:
        lines.append("    objectives:")
        lines += [f"      {_q(objective_key(req.id, o.id))}:" for o in req.objectives]
    if req.odps:
        lines.append(f"    # {_L[lang]['odps']}")
        lines.append("    odp_values:")
        for p in req.odps:
            desc = p.text or p.usage
            hint = desc.get(lang) if desc else " | ".join(c.get(lang) for c in p.choices)
            preset = profile.odp_values.get(p.id)
            value = f" {_q(preset)}" if preset else ""
            lines += _wrap(hint, "      # ")
            lines.append(f"      {_q(p.id)}:{value}")
    lines += ["    narrative:", "    evidence: []", "    owner:", "    planned_measure:", "    target_date:"]
    case = PARTIAL_CREDIT.get(rev2_id(req) or "")
    if case:  # the DoD methodology's partial case: recorded, not assumed (see the README)
        lines += _wrap(_L[lang]["partial"], "    # ")
        lines.append(f"    # partial_credit: {case}")
    return lines


def _methods(req: Requirement, lang: Lang) -> list[str]:
    """What an assessor will examine, whom they interview and what they test, one wrapped line per method."""
    m = req.methods
    if m is None:
        return []
    t = _L[lang]
    if not m.count():
        return _wrap(t["none"], "  # ")
    derived = any(o.source.basis == "derived" for k in METHOD_KINDS for o in m.of(k))
    lines = _wrap(t["derived" if derived else "methods"] + ":", "  # ")
    for kind in METHOD_KINDS:
        if m.of(kind):
            wrapped = _wrap(f"{t[kind]}: " + t["sep"].join(o.get(lang) for o in m.of(kind)), "  #     ")
            lines += ["  #   " + wrapped[0].removeprefix("  #     "), *wrapped[1:]]
    return lines
