"""Reports as DOCX (the ``docx`` extra: python-docx), for consultants who edit a report before handing it over.

Built from the same report context as the HTML and PDF, with real Word styles so that editing keeps the
look: Title, Heading 1–3, Caption, Normal with a Japanese east-Asian font, a named table style, tables
whose header row repeats on every page, A4 with margins, a running header (company, marking) and page
numbers, a table of contents field, and the charts as PNG images (``raster.py``).

python-docx writes the Office Open XML itself: the alternative, hand-written WordprocessingML in a zip,
would have to get numbering, styles, relationships and content types right by hand, which python-docx
has done and kept working with Word and LibreOffice for a decade.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dibcyber.errors import Msg
from dibcyber.models.result import Result
from dibcyber.report import Options
from dibcyber.report.context import build
from dibcyber.report.pdf import MissingComponentError, find_fonts

FONT = "Noto Sans CJK JP"
"""The east-Asian and Latin font of every style: the font the PDF embeds. Word without it substitutes
another Japanese gothic (the font table says it is a Japanese sans-serif: 游ゴシック, then ＭＳ ゴシック)."""
FONT_ALT = "游ゴシック"
TABLE_STYLE = "dibcyber Table"
ACCENT, MUTED, BAD, SOFT = "0B4F8A", "52606D", "C62828", "F5F7FA"
TEXT_WIDTH_MM = 210 - 2 * 16
DOCX_EXTRA = Msg("report.docx_extra")


def render_docx(result: Result, options: Options) -> bytes:
    try:
        import docx  # noqa: F401
        import PIL  # noqa: F401
    except ImportError as e:
        raise MissingComponentError(Msg("report.no_docx_pillow", error=str(e)),
                                    hint=DOCX_EXTRA) from e
    ctx = build(result, options)
    return _Writer(ctx, find_fonts(options.font)).render()


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: object) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/F):
    an answer's stray escape sequence would otherwise make python-docx refuse the whole document."""
    return _NOT_XML.sub("", str(text))


def _restamp(data: bytes, day: Any) -> bytes:
    """The same package with every entry dated the assessment day: python-docx stamps the zip entries with
    the clock, and the same answers must give the same bytes."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            stamped = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            stamped.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(stamped, src.read(info.filename))
    return out.getvalue()


def _rfonts(element: Any, font: str = FONT) -> None:
    """Set every font slot of a run or style's rPr (Latin, east-Asian, complex script); drop theme fonts."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme"):
            del rfonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), font)


class _Writer:
    def __init__(self, ctx: dict[str, Any], fonts: tuple[Path, Path]) -> None:
        from docx import Document

        self.ctx, self.m, self.fonts = ctx, ctx["m"], fonts
        self.doc = Document()
        self.heading_no = 0

    # --- document setup ---------------------------------------------------------------------------

    def render(self) -> bytes:
        self._styles()
        self._page()
        self._properties()
        self._cover()
        kind = self.ctx["kind"]
        if kind in ("gap", "plan"):
            self._toc()
        getattr(self, f"_{kind}")()
        buf = io.BytesIO()
        self.doc.save(buf)
        return _restamp(buf.getvalue(), self.ctx["assessment"].date)

    def _styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml.ns import qn
        from docx.shared import Pt, RGBColor

        styles = self.doc.styles
        lang = "ja-JP" if self.ctx["lang"] == "ja" else "en-GB"
        normal = styles["Normal"]
        normal.font.size = Pt(9.5)
        _rfonts(normal.element)
        rpr = normal.element.get_or_add_rPr()
        lang_el = rpr.makeelement(qn("w:lang"), {qn("w:val"): lang, qn("w:eastAsia"): "ja-JP"})
        rpr.append(lang_el)
        normal.paragraph_format.space_after = Pt(4)
        for name, size in (("Title", 24), ("Subtitle", 13), ("Heading 1", 15), ("Heading 2", 12.5),
                           ("Heading 3", 11), ("Caption", 8.5), ("TOC Heading", 15), ("Header", 8),
                           ("Footer", 8)):
            style = styles[name]
            _rfonts(style.element)
            style.font.size = Pt(size)
            if name.startswith(("Heading", "Title", "TOC")):
                style.font.color.rgb = RGBColor.from_string(ACCENT)
                style.font.bold = True
            elif name in ("Subtitle", "Caption", "Header", "Footer"):
                style.font.color.rgb = RGBColor.from_string(MUTED)
                style.font.italic = False
        styles["Heading 1"].paragraph_format.space_before = Pt(14)
        styles["Heading 1"].paragraph_format.keep_with_next = True
        table = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
        table.base_style = styles["Table Grid"]
        table.font.size = Pt(8.5)
        self._font_table()

    def _font_table(self) -> None:
        """Tell Word what kind of font Noto Sans CJK JP is, so that without it Word picks a Japanese gothic."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml.ns import qn
        from lxml import etree

        part = next(r.target_part for r in self.doc.part.rels.values() if r.reltype == RT.FONT_TABLE)
        root = etree.fromstring(part.blob)
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): FONT})
        etree.SubElement(font, qn("w:altName"), {qn("w:val"): FONT_ALT})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "80"})  # SHIFTJIS_CHARSET
        etree.SubElement(font, qn("w:family"), {qn("w:val"): "swiss"})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _page(self) -> None:
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Mm, RGBColor

        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(18)
        section.left_margin = section.right_margin = Mm(16)
        section.header_distance = section.footer_distance = Mm(8)
        right = Mm(TEXT_WIDTH_MM)
        marking = self.ctx["marking"]

        for name in ("Header", "Footer"):  # the built-in styles' centre and right tabs are for Letter paper
            self.doc.styles[name].paragraph_format.tab_stops.clear_all()
        head = section.header.paragraphs[0]
        head.style = self.doc.styles["Header"]
        head.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
        head.add_run(xml_text(self.ctx["org"].name))
        if marking:
            head.add_run("\t")
            run = head.add_run(xml_text(marking))
            run.bold, run.font.color.rgb = True, RGBColor.from_string(BAD)
        foot = section.footer.paragraphs[0]
        foot.style = self.doc.styles["Footer"]
        foot.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
        if marking:
            run = foot.add_run(xml_text(marking))
            run.bold, run.font.color.rgb = True, RGBColor.from_string(BAD)
        foot.add_run("\t")
        self._field(foot, "PAGE", "1")
        foot.add_run(" / ")
        self._field(foot, "NUMPAGES", "1")

    def _properties(self) -> None:
        """Title, author and dates from the assessment (never the clock), as the PDF's metadata."""
        import datetime as dt

        props = self.doc.core_properties
        props.title = xml_text(f"{self.ctx['title']} — {self.ctx['org'].name}")
        props.author = xml_text(self.ctx["document"]["firm"] or self.ctx["org"].name)
        props.last_modified_by = props.author
        props.comments = xml_text(self.m["cover"]["generated"].format(generator=self.ctx["generator"]))
        day = self.ctx["assessment"].date
        when = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        props.created = props.modified = when
        props.revision = 1
        if self.ctx["document"]["number"]:
            props.identifier = xml_text(self.ctx["document"]["number"])

    # --- building blocks --------------------------------------------------------------------------

    def _field(self, paragraph: Any, instruction: str, shown: str) -> None:
        """A field (PAGE, NUMPAGES) as begin / instruction / separate / shown result / end runs."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        def char(kind: str) -> None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            paragraph.add_run()._r.append(el)

        char("begin")
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        paragraph.add_run()._r.append(instr)
        char("separate")
        paragraph.add_run(xml_text(shown))
        char("end")

    def _p(self, text: str = "", style: str | None = None) -> Any:
        return self.doc.add_paragraph(xml_text(text), style=style)

    def _h(self, text: str, level: int) -> Any:
        return self.doc.add_heading(xml_text(text), level=level)

    def _heading(self, key: str, level: int = 1, numbered: bool = True) -> None:
        text = self.m["section"].get(key, key)
        if numbered and level == 1:
            self.heading_no += 1
            text = f"{self.heading_no}. {text}"
        self._h(text, level=level)

    def _note(self, text: str) -> None:
        from docx.shared import RGBColor

        para = self._p()
        run = para.add_run(xml_text(text))
        run.font.color.rgb = RGBColor.from_string(MUTED)

    def _bullets(self, items: list[str]) -> None:
        for item in items:
            self._p(item, style="List Bullet")

    def _table(self, headers: list[str] | None, rows: list[list[str | list[str]]], widths: Sequence[float],
               numeric: set[int] | None = None, keep: bool = False) -> None:
        """A table in the named style, header row shaded and repeated on each page, rows never split.
        ``widths`` are shares of the text width; a cell given a list holds one paragraph per item."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm

        numeric = numeric or set()
        table = self.doc.add_table(rows=1 if headers else 0, cols=len(widths), style=self.doc.styles[TABLE_STYLE])
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        total = sum(widths)
        sizes = [Mm(TEXT_WIDTH_MM * w / total) for w in widths]
        for col, size in zip(table.columns, sizes, strict=True):  # the grid: what LibreOffice lays out by
            col.width = size
        margins = OxmlElement("w:tblCellMar")  # narrow cell padding (1 mm), as in the PDF's tables
        for side in ("left", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), "57")
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        table._tbl.tblPr.append(margins)

        def row_props(row: Any, header: bool) -> None:
            tr_pr = row._tr.get_or_add_trPr()
            if header:
                tr_pr.append(OxmlElement("w:tblHeader"))  # repeat on every page
            tr_pr.append(OxmlElement("w:cantSplit"))

        def fill(cell: Any, value: str | list[str], col: int, bold: bool = False) -> None:
            cell.width = sizes[col]
            values = value if isinstance(value, list) else [value]
            para = cell.paragraphs[0]
            for i, text in enumerate(values or [""]):
                if i:
                    para = cell.add_paragraph()
                run = para.add_run(xml_text(text))
                run.bold = bold
                para.paragraph_format.space_after = 0
                if col in numeric:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if keep:
                    para.paragraph_format.keep_with_next = True

        for col, text in enumerate(headers or []):
            head = table.rows[0]
            if col == 0:
                row_props(head, header=True)
            cell = head.cells[col]
            fill(cell, text, col, bold=True)
            shade = OxmlElement("w:shd")
            shade.set(qn("w:val"), "clear")
            shade.set(qn("w:fill"), SOFT)
            cell._tc.get_or_add_tcPr().append(shade)
        for values in rows:
            row = table.add_row()
            row_props(row, header=False)
            for col, value in enumerate(values):
                fill(row.cells[col], value, col, bold=not headers and col == 0)
        self._p()  # space after the table, and a paragraph between two tables

    def _kv(self, pairs: list[tuple[str, str]]) -> None:
        self._table(None, [[k, v] for k, v in pairs], [28, 72], keep=True)

    def _chart(self, name: str) -> None:
        from docx.shared import Mm

        from dibcyber.report import raster

        data = self.ctx["chart_data"].get(name)
        if data is None:
            return
        draw: Any = {"mix": raster.status_bar, "families": raster.family_bars, "gauge": raster.gauge}[name]
        png, width_px = draw(*data, self.fonts)
        width = min(width_px * 25.4 / 96, TEXT_WIDTH_MM)
        self.doc.add_picture(io.BytesIO(png), width=Mm(width))
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        self._p(data[-1], style="Caption")

    # --- the parts every report has ----------------------------------------------------------------

    def _cover(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
        from docx.shared import Mm, Pt, RGBColor

        ctx, m = self.ctx, self.m
        if ctx["marking"]:
            para = self._p()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = para.add_run(xml_text(ctx["marking"]))
            run.bold, run.font.size, run.font.color.rgb = True, Pt(12), RGBColor.from_string(BAD)
        logo = ctx["logo_bytes"]
        if logo is not None and ctx["logo_type"] in ("image/png", "image/jpeg", "image/gif"):
            self.doc.add_picture(io.BytesIO(logo), height=Mm(14))
        self._p(ctx["title"], style="Title")
        self._p(ctx["subtitle"], style="Subtitle")
        org, a = ctx["org"], ctx["assessment"]
        name = org.name + (f" ({org.name_en})" if org.name_en and ctx["lang"] == "en" else "")
        pairs = [(m["cover"]["organization"], name)]
        pairs += [(m["cover"][k], v) for k, v in (("cage", org.cage_code), ("prime", org.prime),
                                                    ("scope", a.scope), ("system", a.system),
                                                    ("assessor", a.assessor)) if v]
        pairs += [(m["cover"]["date"], ctx["cover_date"]), (m["cover"]["profile"], ctx["profile"])]
        doc = ctx["document"]
        if doc["number"]:
            pairs.insert(0, (m["document"]["number"], doc["number"]))
        if doc["firm"]:
            pairs.append((m["document"]["firm"], doc["firm"]))
        self._kv(pairs)
        self._note(m["cover"]["generated"].format(generator=ctx["generator"]))
        self._document_control()
        self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    def _document_control(self) -> None:
        doc, m = self.ctx["document"], self.m
        self._h(m["document"]["revisions"], level=3)
        self._table([m["document"][k] for k in ("rev", "date", "description", "author")],
                    [[r["rev"], r["date"], r["description"], r["author"]] for r in doc["revisions"]],
                    [12, 22, 44, 22], keep=True)
        self._h(m["document"]["approvals"], level=3)
        approvals = doc["approvals"]
        self._table([a["role"] for a in approvals],
                    [[a["name"] or "\n\n" for a in approvals],
                     [f"{m['document']['signed']}{m['sep']}{a['date']}" for a in approvals]],
                    [1] * len(approvals), keep=True)

    def _toc(self) -> None:
        """A table of contents field: its entries are written in (LibreOffice and a printout show them);
        Word fills in the page numbers when it updates the field (it asks when the document opens)."""
        from docx.enum.text import WD_BREAK
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self._p(self.m["toc"], style="TOC Heading")
        entries = [f"{i}. {self.m['section'][k]}" for i, k in enumerate(self.ctx["sections"], 1)]
        first = self._p()
        self._field_begin(first, 'TOC \\o "1-1" \\h \\z \\u')
        first.add_run(xml_text(entries[0]))
        last = first
        for entry in entries[1:]:
            last = self._p(entry)
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        last.add_run()._r.append(end)
        last.add_run().add_break(WD_BREAK.PAGE)
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)

    def _field_begin(self, paragraph: Any, instruction: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        paragraph.add_run()._r.append(begin)
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        paragraph.add_run()._r.append(instr)
        sep = OxmlElement("w:fldChar")
        sep.set(qn("w:fldCharType"), "separate")
        paragraph.add_run()._r.append(sep)

    def _summary(self, panel: bool = True) -> None:
        self._heading("summary")
        for p in self.ctx["summary"]:
            self._p(p)
        if panel:
            self._scores()

    def _scores(self) -> None:
        ctx, m = self.ctx, self.m
        conf = ctx["conformance"]
        lines = [(m["score"]["conformance"], f"{conf['ratio']} — {conf['detail']}")]
        if conf["organizational"]:
            lines.append((m["score"]["organizational"], conf["organizational"]))
        if conf["technical"]:
            lines.append((m["score"]["technical"], conf["technical"]))
        if ctx["sprs"]:
            lines.append((m["score"]["sprs"], f"{ctx['sprs']['value']} {m['score']['sprs_range']}"
                          + (f" — {ctx['sprs']['reason']}" if ctx["sprs"]["reason"] else "")))
        if ctx["cmmc"]:
            lines.append((m["score"]["cmmc"], ctx["cmmc"]["verdict"]
                          + (f" — {ctx['cmmc']['closeout']}" if ctx["cmmc"]["closeout"] else "")))
        self._kv(lines)

    def _method(self, provenance_heading: bool = True, provenance: bool = True) -> None:
        self._heading("method")
        for p in self.ctx["method"]:
            self._p(p)
        if provenance and self.ctx["provenance"]:
            if provenance_heading:
                self._h(self.m["method"]["provenance"], level=3)
            for p in self.ctx["provenance"]:
                self._note(p)

    def _cols(self, *keys: str) -> list[str]:
        return [self.m["column"][k] for k in keys]

    @staticmethod
    def _points(g: dict[str, Any]) -> str:
        return f"−{g['points']}" if g["points"] else ""

    def _target(self, g: dict[str, Any]) -> str:
        return str(g["target"]) + (f" ({self.m['column']['overdue']})" if g["overdue"] else "")

    def _reasons(self, g: dict[str, Any]) -> list[str]:
        return [f"• {x}" for x in g["reasons"]]

    # --- the three reports ------------------------------------------------------------------------

    def _gap(self) -> None:
        ctx, m = self.ctx, self.m
        self._summary(panel=False)
        if ctx["top_gaps"]:
            self._p(m["summary"]["top"])
            self._bullets([f"{g['id']} {g['title']} — {g['status_text']}"
                           + (f" {m['points_paren'].format(n=g['points'])}" if g["points"] else "")
                           + (f" → {g['target']}" if g["target"] else "") for g in ctx["top_gaps"]])
        self._heading("scores")
        self._scores()
        if ctx["show_no_score_note"]:
            self._note(m["score"]["no_numeric_score"])
        self._chart("gauge")
        self._chart("mix")
        if ctx["cmmc"] and ctx["cmmc"]["blockers"]:
            self._h(m["score"]["cmmc_blockers"], level=3)
            self._bullets(ctx["cmmc"]["blockers"])
        if ctx["sprs"] and ctx["sprs"]["deductions"]:
            self._h(m["score"]["points_lost"], level=3)
            self._table(self._cols("id", "points", "reason"),
                        [[d["id"], f"−{d['points']}", d["reason"]] for d in ctx["sprs"]["deductions"]],
                        [12, 8, 80], numeric={1})
        self._heading("families")
        self._chart("families")
        self._table(self._cols("category", "implemented", "applicable", "ratio"),
                    [[f"{f['id']} {f['title']}", str(f["implemented"]), str(f["applicable"]), f["ratio"]]
                     for f in ctx["families"]], [64, 12, 12, 12], numeric={1, 2, 3}, keep=True)
        self._heading("gaps")
        if ctx["gaps"]:
            sprs = ctx["sprs"] is not None
            headers = self._cols("id", "title", "status", *(["points"] if sprs else []), "reason", "owner", "target")
            rows: list[list[str | list[str]]] = []
            for g in ctx["gaps"]:
                reason = self._reasons(g) + ([f"{m['column']['measure']}{m['sep']}{g['measure']}"]
                                             if g["measure"] else [])
                rows.append([g["id"], g["title"], g["status_text"], *([self._points(g)] if sprs else []),
                             reason, g["owner"], self._target(g)])
            widths = [11, 15, 14, *([8] if sprs else []), 23, 14, 15]
            self._table(headers, rows, widths, numeric={3} if sprs else set())
        else:
            self._p(m["summary"]["none"])
        if ctx["organizational"]:
            self._heading("organizational")
            self._table(self._cols("id", "title", "status", "narrative", "target"),
                        [[r["id"], r["title"], r["status_text"], r["narrative"], self._target(r)]
                         for r in ctx["organizational"]], [11, 18, 11, 45, 15])
        if ctx["evidence"]:
            self._heading("evidence")
            self._p(m["evidence_note"])
            self._table(self._cols("requirement", "item", "kind"),
                        [[e["id"], [e["label"], e["ref"]] if e["label"] else e["ref"], e["kind"]]
                         for e in ctx["evidence"]], [14, 72, 14])
        if ctx["issues"]:
            self._heading("issues")
            self._bullets(ctx["issues"])
        self._method()

    def _plan(self) -> None:
        ctx, m = self.ctx, self.m
        self._summary()
        self._heading("planned")
        if ctx["planned"]:
            self._table(self._cols("target", "id", "title", "status", "measure", "owner"),
                        [[self._target(g), g["id"], g["title"], g["status_text"],
                          [g["measure"], *([g["narrative"]] if g["narrative"] else [])], g["owner"]]
                         for g in ctx["planned"]], [15, 11, 14, 11, 35, 14])
        else:
            self._p(m["none"])
        if ctx["unplanned"]:
            self._heading("unplanned")
            self._table(self._cols("id", "title", "status", "reason", "owner"),
                        [[g["id"], g["title"], g["status_text"], self._reasons(g), g["owner"]]
                         for g in ctx["unplanned"]], [11, 18, 11, 46, 14])
        self._heading("implemented")
        self._table(self._cols("id", "title", "status", "narrative", "evidence"),
                    [[r["id"], r["title"], r["status_text"], r["narrative"], ", ".join(r["evidence"])]
                     for r in ctx["implemented"]], [11, 18, 11, 40, 20])
        if ctx["not_applicable"]:  # their own heading, with their reasons, as in the PDF
            self._heading("not_applicable")
            self._table(self._cols("id", "title", "reason", "evidence"),
                        [[r["id"], r["title"], r["narrative"], ", ".join(r["evidence"])]
                         for r in ctx["not_applicable"]], [11, 18, 51, 20])
        self._method(provenance_heading=False)

    def _poam(self) -> None:
        ctx, m = self.ctx, self.m
        self._summary()
        if ctx["cmmc"] and ctx["cmmc"]["blockers"]:
            self._h(m["score"]["cmmc_blockers"], level=3)
            self._bullets(ctx["cmmc"]["blockers"])
        self._heading("poam")
        if ctx["gaps"]:
            if ctx["eligible_common"]:
                self._note(m["poam_eligible_note"].format(value=ctx["eligible_common"]))
            sprs = ctx["sprs"] is not None
            closeout = bool(ctx["cmmc"] and ctx["cmmc"]["closeout_date"])
            headers = self._cols("id", "title", "status", *(["points"] if sprs else []), "measure", "owner",
                                 "target", *(["closeout"] if closeout else []))
            rows: list[list[str | list[str]]] = []
            for g in ctx["gaps"]:
                eligible = ([f"{m['column']['eligible']}{m['sep']}{g['eligible_note']}"]
                            if g["eligible_note"] else [])
                rows.append([g["id"], [g["title"], *self._reasons(g), *eligible], g["status_text"],
                             *([self._points(g)] if sprs else []), g["measure"], g["owner"], self._target(g),
                             *([ctx["cmmc"]["closeout_date"] if g["poam_ok"] else ""] if closeout else [])])
            widths = [11, 18, 14, *([8] if sprs else []), 21, 13, 15, *([15] if closeout else [])]
            self._table(headers, rows, widths, numeric={3} if sprs else set())
        else:
            self._p(m["summary"]["none"])
        self._method(provenance=False)
