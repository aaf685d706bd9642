"""``dibcyber init``: a complete, commented answers file for a profile, ready to fill in by hand.

Every requirement is present with empty fields; its title, statement and objectives stand above it as
YAML comments in the chosen language. A fresh file assesses without error (everything not assessed).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

from dibcyber.engine.checks import selected
from dibcyber.engine.resolve import objective_key, rev2_id
from dibcyber.i18n import tables
from dibcyber.models.answers import PARTIAL_CREDIT
from dibcyber.models.base import Lang
from dibcyber.models.catalog import METHOD_KINDS, Catalog, Requirement
from dibcyber.models.profile import Profile

_H = {
    "ja": [
        "dibcyber 回答ファイル（dibcyber/answers@1）",
        "プロファイル：{profile} — {title}",
        "",
        "各要件のstatusに次のいずれかを記入する:",
        "  implemented（実施済み） | partially_implemented（一部実施）",
        "  planned（計画中） | not_implemented（未実施） | not_applicable（該当なし）",
        "objectives（評価目標）にmet | not_met | not_applicableを記入すれば、statusは省略できる。",
        "未実施の要件にはplanned_measure（予定する措置）とtarget_date（目標日、例: 2027-03-31）を記入する。",
        "not_applicable（該当なし）にはnarrativeに理由を書く。理由がないと未実施として採点される。",
        "何も記入しない要件は「未評価」となり、未実施として扱われる。",
        "画面で一つずつ答えるには: dibcyber assess {file} --interactive",
        "記入後: dibcyber assess {file}",
    ],
    "en": [
        "dibcyber answers file (dibcyber/answers@1)",
        "Profile: {profile} — {title}",
        "",
        "Set each requirement's status to one of:",
        "  implemented | partially_implemented | planned | not_implemented | not_applicable",
        "Or record objective findings (met | not_met | not_applicable) and leave status empty.",
        "For anything not implemented, add planned_measure and target_date (e.g. 2027-03-31).",
        "not_applicable needs its reason in narrative; without one it is scored not implemented.",
        "Requirements left empty are 'not assessed' and count as not implemented.",
        "To answer one by one at the terminal: dibcyber assess {file} --interactive",
        "Then: dibcyber assess {file}",
    ],
}
_L = tables.QUESTIONNAIRE
WIDTH = 80


def display_width(s: str) -> int:
    """Columns ``s`` takes in a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


_NO_LINE_START = set("。、，．）」』】〕・ー？！,.);:!?ぁぃぅぇぉっゃゅょァィゥェォッャュョ々")
_NO_LINE_END = set("（「『【〔(")


def _tokens(text: str) -> list[str]:
    """Words of Latin text and single characters of Japanese text, with the spaces between them."""
    return re.findall(r"\s+|[\x21-\x7e]+|.", text)


def wrap(text: str, indent: str, width: int = WIDTH, hang: str = "") -> list[str]:
    """Lines of at most ``width`` columns (full-width characters count two): Latin text breaks at spaces and
    is never split inside a word, Japanese text anywhere except before closing punctuation or small kana
    (kinsoku) and after an opening bracket. Continuation lines get ``hang`` after ``indent``."""
    out: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        lead = indent + para[: len(para) - len(para.lstrip(" "))]
        rest = lead + hang
        for token in _tokens(para):
            tok = token
            if line.strip() and display_width(lead + line + tok) > width and not tok.isspace():
                moved = ""
                while len(line) > 1 and len(moved) < 12:
                    start = (moved or tok)[0]
                    if start not in _NO_LINE_START and line[-1] not in _NO_LINE_END:
                        break
                    word = re.search(r"[\x21-\x7e]+$", line)  # a Latin word moves whole, never split
                    cut = word.start() if word and line[-1] not in _NO_LINE_END else len(line) - 1
                    if cut == 0 or line[:cut].isspace():
                        break
                    moved = line[cut:] + moved
                    line = line[:cut]
                out.append(lead + line.rstrip())
                lead = rest
                line = ""
                tok = moved + tok
            if line or not tok.isspace():
                line += tok
        out.append(lead + line.rstrip())
    return out


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def render(profile: Profile, catalog: Catalog, lang: Lang, today: dt.date, file_name: str,
           profile_ref: str | None = None) -> str:
    """The questionnaire text; ``profile_ref`` is what the file's ``profile`` key says (an ID, or a path
    to a profile file relative to the answers file)."""
    text = _L[lang]
    lines = []
    for h in _H[lang]:
        lines += wrap(h.format(profile=profile.id, title=profile.title.get(lang), file=file_name), "# ",
                      hang="  ") if h else ["#"]

    def note(key: str, indent: str = "  ") -> list[str]:
        return wrap(text[key].format(today=today.isoformat()), indent + "# ")

    lines += [
        "format: dibcyber/answers@1",
        f"profile: {_q(profile_ref or profile.id)}",
        "organization:",
        f"  name: {_q('（' + text['org'] + '）' if lang == 'ja' else '(' + text['org'] + ')')}",
        *note("name_en"), "  name_en:",
        *note("cage_code"), "  cage_code:",
        "  address:",
        "assessment:",
        *note("date"), f"  date: {today.isoformat()}",
        "  assessor:",
        *note("scope"), "  scope:",
        *note("system"), "  system:",
        *note("marking"), "  marking:",
        *note("document", ""), "# document: {number: , firm: }",
        "requirements:",
    ]
    atla = not any(r.weight is not None for r in catalog.requirements)
    chosen = set(selected(profile, catalog))
    for fam in catalog.families:
        reqs = [r for r in catalog.requirements if r.family == fam.id and r.id in chosen]
        if not reqs:
            continue
        lines += ["", *wrap(f"━━ {fam.id} {fam.title.get(lang)} ━━", "  # ")]
        for req in reqs:
            lines += _requirement(req, profile, lang, atla)
    return "\n".join(lines) + "\n"


def _requirement(req: Requirement, profile: Profile, lang: Lang, atla: bool = False) -> list[str]:
    lines = ["", *wrap(f"{req.id} {req.title.get(lang)}", "  # ", hang="  ")]
    lines += wrap(req.statement.get(lang), "  #   ")
    if req.objectives:
        lines.append(f"  # {_L[lang]['objectives']}:")
        for o in req.objectives:
            lines += wrap(f"{objective_key(req.id, o.id)}: {o.text.get(lang)}", "  #   ", hang="   ")
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
            lines += wrap(hint, "      # ")
            lines.append(f"      {_q(p.id)}:{value}")
    lines += ["    narrative:", "    evidence: []", "    owner:", "    planned_measure:", "    target_date:"]
    case = PARTIAL_CREDIT.get(rev2_id(req) or "")
    if case:  # the DoD methodology's partial case: recorded, not assumed (see the README)
        lines.append("    # " + _L[lang]["partial_atla" if atla else "partial"])  # one line: removed when answered
        lines.append(f"    # partial_credit: {case}")
    return lines


def _methods(req: Requirement, lang: Lang) -> list[str]:
    """What an assessor will examine, whom they interview and what they test, one wrapped line per method."""
    m = req.methods
    if m is None:
        return []
    t = _L[lang]
    if not m.count():
        return wrap(t["none"], "  # ")
    derived = any(o.source.basis == "derived" for k in METHOD_KINDS for o in m.of(k))
    lines = wrap(t["derived" if derived else "methods"] + ":", "  # ")
    for kind in METHOD_KINDS:
        if m.of(kind):
            wrapped = wrap(f"{t[kind]}: " + t["sep"].join(o.get(lang) for o in m.of(kind)), "  #     ")
            lines += ["  #   " + wrapped[0].removeprefix("  #     "), *wrapped[1:]]
    return lines
