"""The migration worklist for people: Markdown, HTML (one self-contained file), XLSX, or JSON.

Like the reports, it sees only its model (``migrate.Worklist``); wording for each kind of item is here in
both languages, the item texts come from the worklist.
"""

from __future__ import annotations

import json
from typing import Any

from dibcyber.models.base import Lang
from dibcyber.models.migration import KINDS, Worklist

LABELS: dict[Lang, dict[str, str]] = {
    "ja": {"title": "移行作業リスト", "merged": "統合された要件", "split": "分割された要件",
           "no_counterpart": "移行先のない回答", "new": "新しい要件（回答が必要）", "odp": "組織定義パラメータの設定",
           "review": "移行した回答の見直し", "outside": "プロファイルの対象外", "carried": "そのまま移行",
           "target": "移行先", "sources": "移行元の回答", "todo": "必要な作業", "status": "実施状況",
           "from": "移行元", "to": "移行先", "carried_count": "そのまま移行した要件", "n_items": "作業項目",
           "written": "移行先ファイルの要件", "merged_count": "統合した要件",
           "kind": "区分", "none": "—"},
    "en": {"title": "Migration worklist", "merged": "Merged requirements", "split": "Split requirements",
           "no_counterpart": "Answers with no counterpart", "new": "New requirements (answer them)",
           "odp": "Parameters to define", "review": "Carried answers to review", "outside": "Outside the profile",
           "carried": "Carried as they were", "target": "Target", "sources": "Source answers", "todo": "To do",
           "status": "Status", "from": "From", "to": "To", "carried_count": "Carried one-to-one",
           "written": "Requirements in the new file", "merged_count": "Merged from several",
           "n_items": "Items", "kind": "Kind", "none": "—"},
}


def context(worklist: Worklist, lang: Lang) -> dict[str, Any]:
    from dibcyber.report.messages import messages

    labels = LABELS[lang]
    words = messages(lang)["status"]  # the reports' status words: never a raw key on a person's page
    groups = []
    for kind in KINDS:
        rows = [{"target": w.target or labels["none"],
                 "title": w.target_title.get(lang) if w.target_title else "",
                 "sources": [f"{s.id}: {words.get(s.status, s.status) if s.status else '—'}" for s in w.sources],
                 "todo": w.detail.get(lang)} for w in worklist.items if w.kind == kind]
        if rows:
            groups.append({"kind": kind, "label": labels[kind], "rows": rows})
    return {"w": worklist, "l": labels, "lang": lang, "groups": groups, "item_count": len(worklist.items)}


def render(worklist: Worklist, fmt: str, lang: Lang) -> str | bytes:
    if fmt == "json":
        return json.dumps(worklist.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    if fmt == "xlsx":
        return _xlsx(worklist, lang)
    from dibcyber.report.templating import environment

    env = environment(None, "md" if fmt == "md" else "html")
    return env.get_template(f"worklist.{'md' if fmt == 'md' else 'html'}.j2").render(**context(worklist, lang))


def _xlsx(worklist: Worklist, lang: Lang) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from dibcyber.exchange.xlsxio import column_letter, save, set_text

    labels = LABELS[lang]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = labels["title"]
    headers = (labels["kind"], labels["target"], "", labels["sources"], labels["todo"])
    widths = (24, 14, 36, 30, 80)
    for c, (text, width) in enumerate(zip(headers, widths, strict=True), 1):
        cell = ws.cell(row=1, column=c)
        set_text(cell, text)
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F3864")
        ws.column_dimensions[column_letter(c)].width = width
    row = 1
    for group in context(worklist, lang)["groups"]:
        for item in group["rows"]:
            row += 1
            values = (group["label"], item["target"], item["title"], "\n".join(item["sources"]), item["todo"])
            for c, value in enumerate(values, 1):
                cell = ws.cell(row=row, column=c)
                set_text(cell, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:E{max(row, 2)}"
    return save(wb, None)  # a worklist is of no one day
