"""Reports as XLSX workbooks, for primes and consultants who track remediation in spreadsheets.

Two sheets: a summary (company, date, profile, scores) and the items (gaps, the whole plan, or POA&M items)
with the same columns and order as the other formats, a header row that stays in view, filters, and
real date cells. Every text goes through ``xlsxio.set_text``, so no answer can become a formula.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dibcyber.models.result import Result
from dibcyber.report import Options
from dibcyber.report.context import build

COLUMNS = ("id", "title", "status", "points", "reasons", "owner", "target", "measure", "eligible")
PLAN_COLUMNS = ("part", "target", "id", "title", "status", "measure", "narrative", "reasons", "owner", "evidence")
"""The plan's sheet is the plan: its three parts in the PDF's order (planned by target date, open items
without a plan, measures in place), and no POA&M column, which an ATLA plan does not have."""
WIDTHS = {"id": 14, "title": 44, "status": 14, "points": 8, "reasons": 60, "owner": 16, "target": 12,
          "measure": 44, "eligible": 22, "part": 20, "narrative": 60, "evidence": 30}


def render_xlsx(result: Result, options: Options) -> bytes:
    """A summary sheet, then one table of the report's items (gaps, POA&M items, or the plan's parts)."""
    from openpyxl import Workbook

    from dibcyber.exchange.xlsxio import save

    ctx = build(result, options)
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    _summary_sheet(summary, result, ctx)
    _items_sheet(wb, ctx, options.kind)
    return save(wb, result.assessment.date)


def _summary_sheet(sheet: Any, result: Result, ctx: dict[str, Any]) -> None:
    from openpyxl.styles import Alignment, Font

    from dibcyber.exchange.xlsxio import set_text

    m: dict[str, Any] = ctx["m"]
    sheet.title = _sheet_name(m["section"]["summary"])
    cover = m["cover"]
    lines: list[tuple[str, Any]] = [
        (ctx["title"], ctx["subtitle"]),
        (cover["organization"], result.organization.name),
        (cover["date"], result.assessment.date),
        (cover["scope"], result.assessment.scope),
        (cover["system"], result.assessment.system),
        (cover["assessor"], result.assessment.assessor),
        (cover["profile"], ctx["profile"]),
        (m["score"]["conformance"], f"{ctx['conformance']['ratio']} — {ctx['conformance']['detail']}"),
    ]
    if ctx["sprs"]:
        lines.append((m["score"]["sprs"], ctx["sprs"]["value"]))
    if ctx["cmmc"]:
        lines.append((m["score"]["cmmc"], ctx["cmmc"]["verdict"]))
    lines.append(("", ctx["marking"]))
    lines.append(("", cover["generated"].format(generator=ctx["generator"])))
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, (label, value) in enumerate(lines, 1):
        set_text(sheet.cell(row=n, column=1), label)
        cell = sheet.cell(row=n, column=2)
        set_text(cell, value)
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        cell.alignment = wrap
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 80


def _items_sheet(wb: Any, ctx: dict[str, Any], kind: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    from dibcyber.exchange.xlsxio import column_letter, set_text

    m: dict[str, Any] = ctx["m"]
    if kind == "plan":
        items = [{**g, "part": m["section"][part]}
                 for part in ("planned", "unplanned", "implemented", "not_applicable") for g in ctx[part]]
        ws = wb.create_sheet(_sheet_name(ctx["title"]))
        columns = list(PLAN_COLUMNS)
    else:
        items = ctx["gaps"]
        ws = wb.create_sheet(_sheet_name(m["section"][{"gap": "gaps", "poam": "poam"}[kind]]))
        columns = [c for c in COLUMNS if c != "eligible" or ctx["sprs"]]
    header_font, header_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F3864")
    for c, key in enumerate(columns, 1):
        cell = ws.cell(row=1, column=c)
        set_text(cell, m["column"].get(key if key != "reasons" else "reason", key))
        cell.font, cell.fill = header_font, header_fill
        ws.column_dimensions[column_letter(c)].width = WIDTHS[key]
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, g in enumerate(items, 2):
        values = {"id": g["id"], "title": g["title"], "status": g["status_text"], "points": g["points"] or None,
                  "reasons": "\n".join(g["reasons"]), "owner": g["owner"],
                  "target": dt.date.fromisoformat(g["target_iso"]) if g["target_iso"] else None,
                  "measure": g["measure"], "eligible": g["eligible"], "part": g.get("part", ""),
                  "narrative": g["narrative"], "evidence": "\n".join(g["evidence"])}
        for c, key in enumerate(columns, 1):
            cell = ws.cell(row=r, column=c)
            set_text(cell, values[key])
            cell.alignment = wrap
            if key == "target":
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "D2" if kind == "plan" else "C2"
    ws.auto_filter.ref = f"A1:{column_letter(len(columns))}{max(len(items) + 1, 2)}"


def _sheet_name(text: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    clean = "".join("_" if c in "[]:*?/\\" else c for c in str(text))
    return clean[:31] or "Sheet"
