"""The evidence index as CSV (for spreadsheet programs: a BOM, CRLF, no formulas) or a Markdown table."""

from __future__ import annotations

import csv
import io

from dibcyber.exchange.markdown import md_escape
from dibcyber.models.evidence import EvidenceIndex
from dibcyber.report.tabular import safe_cell

FIELDS = ("requirement", "path", "url", "title", "sha256", "size", "expires", "problems")


def _cells(row: dict[str, object]) -> list[object]:
    return [" ".join(row[f]) if f == "problems" else row[f] for f in FIELDS]  # type: ignore[arg-type]


def render(index: EvidenceIndex, fmt: str) -> str:
    """``fmt`` is ``csv`` or ``md``."""
    rows = [r.model_dump(mode="json") for r in index.root]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(FIELDS)
        for r in rows:
            writer.writerow([safe_cell(v) for v in _cells(r)])
        return "\ufeff" + buf.getvalue()  # a BOM, as in report CSVs, for spreadsheet programs
    lines = ["| " + " | ".join(FIELDS) + " |", "|" + "---|" * len(FIELDS)]
    for r in rows:
        lines.append("| " + " | ".join(md_escape("" if v is None else v) for v in _cells(r)) + " |")
    return "\n".join(lines) + "\n"
