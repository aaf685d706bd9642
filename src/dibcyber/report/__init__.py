"""Reports: gap analysis, implementation plan, POA&M and evidence request list, as HTML, PDF, DOCX,
Markdown, JSON, CSV and XLSX.

Every renderer sees only the ``Result`` and the report ``Options`` and returns ``str`` or ``bytes``; the
CLI writes the file. Fixed wording comes from the message catalogs in ``templates/messages``; the time and
the order of everything come from the result, so the same answers give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from dibcyber.models.base import Lang
from dibcyber.models.catalog import Catalog
from dibcyber.models.result import Result

Kind = Literal["gap", "plan", "poam", "evidence-request"]
Format = Literal["html", "pdf", "md", "json", "csv", "xlsx", "docx"]
KINDS: tuple[Kind, ...] = ("gap", "plan", "poam", "evidence-request")
FORMATS: tuple[Format, ...] = ("html", "pdf", "md", "json", "csv", "xlsx", "docx")


@dataclass(frozen=True)
class Options:
    kind: Kind
    fmt: Format
    lang: Lang
    marking: str | None = None
    """Handling marking on every page, e.g. 取扱注意; defaults to the assessment's marking."""
    logo: bytes | None = None
    logo_type: str | None = None
    """MIME type of the logo (image/png, image/jpeg, image/svg+xml)."""
    templates: Path | None = None
    """A folder whose templates and message catalogs override the built-in ones."""
    font: Path | None = None
    """A Japanese font file for PDF output (and DOCX charts), tried before the bundled and system fonts."""
    document_number: str | None = None
    """The document number on the cover and in the header; overrides the answers file's ``document.number``."""
    firm: str | None = None
    """The consultant's firm that prepared the report; overrides the answers file's ``document.firm``."""


def render(result: Result, options: Options, catalog: Catalog | None = None) -> str | bytes:
    """The report of ``options.kind`` in ``options.fmt``. The evidence request list also needs the result's
    ``catalog`` (its assessment objects are the catalog's, not the result's)."""
    if options.kind == "evidence-request":
        from dibcyber.report.request_render import render_request

        if catalog is None:
            raise ValueError("the evidence request list needs the result's catalog")
        return render_request(result, catalog, options)
    if options.fmt == "pdf":
        from dibcyber.report.pdf import render_pdf

        return render_pdf(result, options)
    if options.fmt == "docx":
        from dibcyber.report.word import render_docx

        return render_docx(result, options)
    if options.fmt == "xlsx":
        from dibcyber.report.spreadsheet import render_xlsx

        return render_xlsx(result, options)
    if options.fmt in ("json", "csv"):
        from dibcyber.report.tabular import render_tabular

        return render_tabular(result, options)
    from dibcyber.report.templating import render_text

    return render_text(result, options)
