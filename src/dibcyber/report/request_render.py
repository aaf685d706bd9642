"""The evidence request list (``report --kind evidence-request``) in every report format.

``view`` turns the list built by ``evidence_request.build_request`` into words of one language, next to the
report context every report has (cover, document control, marking); the renderers below only lay that out:
Markdown and HTML through the templates ``evidence-request.{md,html}.j2`` (escaped as every report is), PDF
from the HTML, XLSX as one sortable table (one row per assessment object), JSON and CSV as the same rows,
DOCX in ``request_word.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import replace
from typing import Any

from markupsafe import Markup

from dibcyber.models.catalog import Catalog, MethodKind
from dibcyber.models.result import Result
from dibcyber.report import Options
from dibcyber.report.context import build
from dibcyber.report.evidence_request import Cited, EvidenceRequest, Item, build_request
from dibcyber.report.messages import format_date, format_ratio

COLUMNS = ("no", "id", "family", "title", "method", "object", "status", "cited", "state", "missing", "owner", "target",
           "reply")
"""The columns of one row, in the order of the XLSX, CSV and JSON (one row per assessment object)."""


def context(result: Result, catalog: Catalog, options: Options) -> dict[str, Any]:
    """The report context of every report (cover, document control, method) and the list, in words."""
    base = build(result, options)
    return {**base, **view(build_request(result, catalog), base, result)}


def _item(i: Item, m: dict[str, Any], t: Any, mark_derived: bool) -> dict[str, Any]:
    rq = m["request"]

    def cited(c: Cited) -> str:
        flags = [rq["link"]] * c.url + [rq["expired"]] * c.expired
        label = f"{m['paren_open']}{c.title}{m['paren_close']}" if c.title else ""
        return c.ref + label + "".join(f"{m['paren_open']}{f}{m['paren_close']}" for f in flags)

    missing = [rq["missing"][k] for k in i.missing]
    return {
        "id": i.id, "title": t(i.title), "status": i.status, "status_text": m["status"][i.status],
        "state": i.evidence_state or "unchecked",
        "state_text": m["evidence_state"][i.evidence_state] if i.evidence_state else rq["missing"]["unchecked"],
        "cited": [cited(c) for c in i.cited], "missing": missing, "complete": i.complete,
        "missing_text": m["summary"]["sep"].join(missing) if missing else rq["nothing"],
        "owner": i.owner, "target": format_date(m, i.target_date), "target_date": i.target_date,
        "narrative": i.narrative, "note": t(i.note),
        "objects": [{"method": o.method, "method_text": rq["method"][o.method],
                     "text": t(o.text) + (f"{m['paren_open']}{rq['derived']}{m['paren_close']}"
                                          if o.derived and mark_derived else "")} for o in i.objects],
    }


def view(req: EvidenceRequest, base: dict[str, Any], result: Result) -> dict[str, Any]:
    """The list in the words of ``base``'s language: families of requirements, the rows, the summary."""
    m, lang = base["m"], base["lang"]
    rq = m["request"]

    def t(text: Any) -> str:
        return text.get(lang) if text else ""

    objects = [o for i in req.items for o in i.objects]
    derived = sum(o.derived for o in objects)
    mark = 0 < derived < len(objects)  # all derived (ATLA, Rev.2) is said once, in the method section
    families = []
    for f in req.families:
        items = [_item(i, m, t, mark) for i in f.items]
        count = rq["family_count"].format(items=len(items), objects=sum(len(i["objects"]) for i in items))
        families.append({"id": f.id, "heading": f"{f.abbrev or f.id} {t(f.title)}", "items": items, "count": count,
                         "title": t(f.title)})
    rows = [{"family": f["heading"], "id": i["id"], "title": i["title"], "method": o["method_text"] if o else "",
             "object": o["text"] if o else rq["no_objects"], "status": i["status_text"],
             "cited": "\n".join(i["cited"]), "state": i["state_text"], "missing": i["missing_text"],
             "owner": i["owner"], "target": i["target_date"], "reply": ""}
            for f in families for i in f["items"] for o in (i["objects"] or [None])]
    for n, row in enumerate(rows, 1):
        row["no"] = n  # the list's own order, to sort back to
    by_method = req.objects_by_method()
    return {
        "families": families, "rows": rows,
        "not_applicable": [_item(i, m, t, mark) for i in req.not_applicable],
        "summary": _summary(req, m, base, by_method),
        "method_counts": [(rq["method"][k], n) for k, n in by_method.items()],
        "request_method": [rq["how"], *([rq["derived_some"]] if mark else [rq["derived_all"]] if derived else []),
                           *base["method"][1:3]],
        "sections": [],
    }


def _summary(req: EvidenceRequest, m: dict[str, Any], base: dict[str, Any],
             by_method: dict[MethodKind, int]) -> list[str]:
    rq = m["request"]
    number = str(m["number_format"])
    items = req.items
    lines = [
        rq["lead"].format(organization=base["org"].name, date=base["date"]),
        rq["counts"].format(items=len(items), objects=number.format(sum(by_method.values())),
                            by_method=m["summary"]["sep"].join(
                                rq["count"].format(method=rq["count_names"][k], n=number.format(n))
                                for k, n in by_method.items())),
        rq["complete"].format(complete=req.complete, incomplete=len(items) - req.complete),
    ]
    if req.without_objects:
        lines.append(rq["without_objects"].format(n=req.without_objects))
    if req.not_applicable:
        lines.append(rq["not_applicable"].format(n=len(req.not_applicable)))
    ev = req.coverage
    lines.append(rq["coverage"].format(ratio=format_ratio(m, ev.ratio), covered=ev.covered,
                                       implemented=ev.implemented) if ev else rq["unchecked"])
    return lines


def render_request(result: Result, catalog: Catalog, options: Options) -> str | bytes:
    if options.fmt == "xlsx":
        return _xlsx(context(result, catalog, options), result)
    if options.fmt == "docx":
        from dibcyber.report.request_word import render_request_docx

        return render_request_docx(context(result, catalog, options), options)
    if options.fmt in ("json", "csv"):
        return _tabular(context(result, catalog, options), result, options)
    if options.fmt == "pdf":
        from dibcyber.report.pdf import html_to_pdf

        html_options = replace(options, fmt="html")
        return html_to_pdf(lambda css: _text(result, catalog, html_options, css), options.font, options.templates)
    return _text(result, catalog, options)


def _text(result: Result, catalog: Catalog, options: Options, extra_css: str = "") -> str:
    from jinja2 import TemplateNotFound

    from dibcyber.errors import InvalidInputError, Msg, Problem
    from dibcyber.report.templating import environment

    fmt = "md" if options.fmt == "md" else "html"
    name = f"evidence-request.{fmt}.j2"
    try:
        template = environment(options.templates, fmt).get_template(name)
    except TemplateNotFound:
        raise InvalidInputError(Problem(Msg("report.no_template", name=name),
                                        hint=Msg("report.no_template.hint"))) from None
    text = template.render(**context(result, catalog, options), extra_css=Markup(extra_css))
    return re.sub(r"\n{3,}", "\n\n", text) if fmt == "md" else text


def _tabular(ctx: dict[str, Any], result: Result, options: Options) -> str:
    rows = [{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in r.items()} for r in ctx["rows"]]
    if options.fmt == "json":
        doc = {"format": "dibcyber/evidence-request@1", "profile": result.profile,
               "organization": result.organization.name, "date": result.assessment.date.isoformat(),
               "columns": {k: ctx["m"]["request"]["column"].get(k) or ctx["m"]["column"].get(k, k) for k in COLUMNS},
               "rows": rows}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    from dibcyber.report.tabular import safe_cell

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(_headers(ctx["m"]))
    for row in rows:
        writer.writerow([safe_cell(row[k]) for k in COLUMNS])
    return "\ufeff" + buf.getvalue()  # a BOM so that spreadsheet programs read the Japanese as UTF-8


def _headers(m: dict[str, Any]) -> list[str]:
    own = m["request"]["column"]
    return [own.get(k) or m["column"][k] for k in COLUMNS]


WIDTHS = {"no": 6, "family": 16, "id": 13, "title": 28, "method": 11, "object": 48, "status": 11, "cited": 30,
          "state": 16, "missing": 34, "owner": 16, "target": 12, "reply": 40}
"""Column widths in characters, wide enough for Japanese (a Japanese character is two of them)."""


def _xlsx(ctx: dict[str, Any], result: Result) -> bytes:
    """One sheet, one table: header frozen and repeated on every printed page, a filter on every column,
    A4 landscape fitted to the page width; every text through ``xlsxio.set_text`` (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from dibcyber.exchange.xlsxio import column_letter, save, set_text

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _sheet_name(ctx["title"])
    header_font, header_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F3864")
    wrap = Alignment(wrap_text=True, vertical="top")
    for c, (key, label) in enumerate(zip(COLUMNS, _headers(ctx["m"]), strict=True), 1):
        cell = ws.cell(row=1, column=c)
        set_text(cell, label)
        cell.font, cell.fill, cell.alignment = header_font, header_fill, wrap
        ws.column_dimensions[column_letter(c)].width = WIDTHS[key]
    for r, row in enumerate(ctx["rows"], 2):
        for c, key in enumerate(COLUMNS, 1):
            cell = ws.cell(row=r, column=c)
            set_text(cell, row[key])
            cell.alignment = wrap
            if key == "target":
                cell.number_format = "yyyy-mm-dd"
    last = f"{column_letter(len(COLUMNS))}{max(len(ctx['rows']) + 1, 2)}"
    ws.auto_filter.ref = f"A1:{last}"
    ws.freeze_panes = "C2"  # the header, the row number and the requirement ID stay in view
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.left.text = _header_text(f"{result.organization.name} — {ctx['title']}")
    ws.oddHeader.right.text = _header_text(ctx["marking"])
    ws.oddFooter.right.text = "&P / &N"
    wb.properties.creator = ctx["generator"]
    return save(wb, result.assessment.date)


def _header_text(text: str) -> str:
    """A page header's text: '&' starts a header code in Excel (&P, &D), so it is doubled."""
    return text.replace("&", "&&")


def _sheet_name(text: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    clean = "".join("_" if c in "[]:*?/\\" else c for c in str(text))
    return clean[:31] or "Sheet"
