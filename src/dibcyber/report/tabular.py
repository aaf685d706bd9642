"""The gap list (or plan, or POA&M items) as JSON or CSV, for spreadsheets and other tools.

CSV cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return)
are prefixed with an apostrophe, so an answer can never become a formula.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from dibcyber.models.result import Result
from dibcyber.report import Options
from dibcyber.report.context import build

FIELDS = ("id", "title", "status", "points", "reasons", "owner", "target_date", "planned_measure", "cmmc_poam")


def rows(result: Result, options: Options) -> list[dict[str, Any]]:
    ctx = build(result, options)
    by_id = {r.id: r for r in result.requirements}
    items = ctx["planned"] + ctx["unplanned"] if options.kind == "plan" else ctx["gaps"]
    return [{
        "id": g["id"], "title": g["title"], "status": g["status"], "points": g["points"],
        "reasons": g["reasons"], "owner": g["owner"], "target_date": g["target_iso"] or None,
        "planned_measure": g["measure"], "cmmc_poam": by_id[g["id"]].cmmc_poam,
    } for g in items]


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r", "\n") or text.lstrip()[:1] in ("=", "+", "-", "@"):
        return "'" + text
    return text


def render_tabular(result: Result, options: Options) -> str:
    data = rows(result, options)
    if options.fmt == "json":
        doc = {"format": "dibcyber/gaps@1", "kind": options.kind, "profile": result.profile,
               "organization": result.organization.name, "date": result.assessment.date.isoformat(), "items": data}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in data:
        writer.writerow([safe_cell(" / ".join(row[f]) if f == "reasons" else row[f]) for f in FIELDS])
    return "\ufeff" + buf.getvalue()  # a BOM so that spreadsheet programs read the Japanese as UTF-8
