"""Issue 22, deliverables a consultant hands over: charts that survive grey print, the plan's workbook, DOCX,
document control and the layout of the example's PDFs."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pytest

from conftest import ROOT
from dibcyber.app.pipeline import assess
from dibcyber.io.registry import Registry
from dibcyber.models.result import Result
from dibcyber.report import Options, charts, render

EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"
ALL = {s: i + 1 for i, s in enumerate(charts.STATUS_ORDER)}  # every status present, in distinct numbers


@pytest.fixture(scope="module")
def example() -> Result:
    return assess(Registry(), EXAMPLE)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of #rrggbb."""
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: float, b: float) -> float:
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


MIN_STEP = 1.25
"""The smallest contrast ratio between two statuses (or gauge bands) next to each other in lightness: what
tells them apart in grey print, besides their patterns."""


def swatches() -> dict[str, float]:
    """Relative luminance of each status as drawn: the mean colour of its legend swatch in the PNG chart
    (pattern included, outline left out), which is what a grey printer averages a status's area to."""
    from PIL import Image, ImageStat

    from dibcyber.report import raster
    from dibcyber.report.pdf import find_fonts

    png, width = raster.status_bar(ALL, {s: s for s in charts.STATUS_ORDER}, "t", find_fonts(None))
    img = Image.open(io.BytesIO(png)).convert("RGB")
    s = raster.SCALE
    out = {}
    for i, status in enumerate(charts.STATUS_ORDER):
        lx, ly = (i % 3) * (width / 3), 44 + (i // 3) * 18
        box = (round((lx + 1) * s), round((ly - 9) * s), round((lx + 11) * s), round((ly + 1) * s))
        r, g, b = ImageStat.Stat(img.crop(box)).mean
        out[status] = luminance(f"#{round(r):02x}{round(g):02x}{round(b):02x}")
    return out


def test_every_status_has_its_own_grey_and_pattern() -> None:
    pytest.importorskip("PIL")
    printed = swatches()
    levels = sorted(printed.values())
    steps = [contrast(a, b) for a, b in itertools.pairwise(levels)]
    assert min(steps) >= MIN_STEP, printed
    # the palette itself keeps that order, so the SVG charts (the same colours and patterns) print alike
    base = sorted(charts.STATUS_ORDER, key=lambda st: luminance(charts.COLOURS[st]))
    assert base == sorted(charts.STATUS_ORDER, key=printed.__getitem__)
    assert len({charts.PATTERN[s] for s in charts.STATUS_ORDER}) == len(charts.STATUS_ORDER)
    bands = sorted(luminance(c) for c, _ in charts.GAUGE_ZONES)
    assert min(contrast(a, b) for a, b in itertools.pairwise(bands)) >= MIN_STEP


@pytest.mark.parametrize("chart", ["mix", "families"])
def test_svg_charts_draw_each_status_with_its_pattern(chart: str) -> None:
    labels = {s: s for s in charts.STATUS_ORDER}
    svg = (charts.status_bar(ALL, labels, "t") if chart == "mix"
           else charts.family_bars([("X-1 family", ALL, "50%")], "t"))
    fills = re.findall(r'<rect x="[^"]*" y="[^"]*" width="[^"]*" height="[^"]*" fill="([^"]+)" stroke', svg)
    per_status = fills[:len(ALL)]  # the bar's segments, in STATUS_ORDER
    assert len(set(per_status)) == len(ALL), per_status
    for status, fill in zip(charts.STATUS_ORDER, per_status, strict=True):
        kind = charts.PATTERN[status]
        if kind in ("solid", "outline"):
            assert fill == charts.COLOURS[status]
        else:
            assert fill.endswith(f"-{kind})") and f'id="{fill[5:-1]}"' in svg  # the pattern is defined


def test_family_labels_fit_their_column(example: Result) -> None:
    """ORG-AUD lost its first letter: a label longer than the column ran off the chart's left edge."""
    svg = render(example, Options(kind="gap", fmt="html", lang="ja"))
    assert isinstance(svg, str)
    labels = re.findall(r'class="label" font-size="11" text-anchor="end">([^<]+)</text>', svg)
    assert any(x.startswith("ORG-AUD") for x in labels)
    for label in labels:
        assert charts.text_width(label, 11) <= 290 - 8, label
    long = "ORG-AUD " + "監査" * 40
    assert charts.fit_width(long, 282).endswith("…") and charts.text_width(charts.fit_width(long, 282), 11) <= 282


def test_objectives_singular_and_plural(example: Result) -> None:
    en = assess(Registry(), EXAMPLE, lang="en")
    reasons = [x.text.en for r in en.requirements for x in r.reasons if x.code == "objectives-not-met"]
    assert reasons
    for text in reasons:
        keys = re.match(r"Objectives? (.+) not met\.", text)
        assert keys, text
        assert text.startswith("Objectives " if "," in keys.group(1) else "Objective "), text


def html_sections(html: str) -> dict[str, list[str]]:
    """Requirement IDs listed in each <section id=...> of an HTML report, in order."""
    out = {}
    for sid, body in re.findall(r'<section id="([a-z-]+)"[^>]*>(.*?)</section>', html, flags=re.S):
        out[sid.replace("-", "_")] = re.findall(r'<td class="id">([^<]+)</td>', body)
    return out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_plan_workbook_is_the_plan(example: Result, lang: str) -> None:
    """The XLSX holds what the plan (HTML, and the PDF made from it) lists, part by part, and no POA&M column."""
    import openpyxl

    from dibcyber.report.messages import messages

    html = render(example, Options(kind="plan", fmt="html", lang=lang))  # type: ignore[arg-type]
    assert isinstance(html, str)
    sections = html_sections(html)
    data = render(example, Options(kind="plan", fmt="xlsx", lang=lang))  # type: ignore[arg-type]
    assert isinstance(data, bytes)
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[1]
    rows = list(ws.iter_rows(values_only=True))
    m = messages(lang)  # type: ignore[arg-type]
    header = rows[0]
    assert m["column"]["eligible"] not in header and "POA&M" not in " ".join(str(h) for h in header)
    part, ident = header.index(m["column"]["part"]), header.index(m["column"]["id"])
    parts = ("planned", "unplanned", "implemented", "not_applicable")
    for key in parts:
        listed = [r[ident] for r in rows[1:] if r[part] == m["section"][key]]
        assert listed == sections[key], key
    # every requirement once: 25 gaps (22 planned, 3 without a plan), 98 implemented, 2 N/A with their reasons
    assert len(rows) - 1 == sum(len(sections[k]) for k in parts) == 125
    assert len(sections["not_applicable"]) == 2
    assert sorted(r[ident] for r in rows[1:]) == sorted(r.id for r in example.requirements)


# --- the example's PDFs, page by page -----------------------------------------------------------------

def pdf_pages(result: Result, kind: str, lang: str) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as e:
        pytest.skip(f"WeasyPrint does not load: {e}")
    from dibcyber.report.pdf import render_pdf

    warnings: list[str] = []
    pdf = render_pdf(result, Options(kind=kind, fmt="pdf", lang=lang), warnings)  # type: ignore[arg-type]
    assert warnings == []
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")).split("+")[-1])
    # English PDFs drew the page numbers in DejaVu-Serif: the margin boxes did not inherit the body's font
    assert fonts <= {"dibcyber-jp", "dibcyber-jp-Bold"}, fonts
    return [p.extract_text() for p in reader.pages]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_gap_pdf_layout(example: Result, lang: str) -> None:
    pages = pdf_pages(example, "gap", lang)
    cover = pages[0]
    assert "取扱注意" in cover and f"1 / {len(pages)}" in cover  # the cover has the header and its number
    # the families table (20 rows) is kept on one page: its first and last family are on the same page
    first, last = "ORG-GOV", "SYS-SI"
    table_pages = [i for i, p in enumerate(pages) if first in p and last in p and "%" in p]
    assert table_pages, "no page holds the whole families table"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_poam_pdf_says_eligibility_once(example: Result, lang: str) -> None:
    from dibcyber.report.messages import messages

    text = "\n".join(pdf_pages(example, "poam", lang))
    common = messages(lang)["eligible"]["not_eligible"]  # type: ignore[arg-type]
    assert text.replace("\n", "").count(common) == 1, common
    assert "Objectives f " not in text and "Objective f not met" in text if lang == "en" else True


# --- DOCX ----------------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_of(result: Result, kind: str, lang: str, **options: str) -> bytes:
    pytest.importorskip("docx")
    data = render(result, Options(kind=kind, fmt="docx", lang=lang, **options))  # type: ignore[arg-type]
    assert isinstance(data, bytes)
    return data


@pytest.mark.parametrize("kind", ["gap", "plan", "poam"])
def test_docx_uses_word_styles_and_a4_pages(example: Result, kind: str) -> None:
    import docx
    from docx.shared import Mm

    data = docx_of(example, kind, "ja")
    doc = docx.Document(io.BytesIO(data))
    used = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 3", "Normal"} <= used, used
    if kind == "gap":
        assert "Caption" in used and len(doc.inline_shapes) == 3  # gauge, status mix, families: as PNG
    normal = doc.styles["Normal"].element.rPr.find(f"{W}rFonts")
    assert normal.get(f"{W}eastAsia") == "Noto Sans CJK JP" and normal.get(f"{W}ascii") == "Noto Sans CJK JP"
    section = doc.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    assert round(section.left_margin / Mm(1)) == 16
    header = section.header.paragraphs[0].text
    assert "株式会社サンプル精機" in header and "取扱注意" in header
    footer = section.footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    for table in doc.tables:
        assert table.style.name == "dibcyber Table"
        for row in table.rows:
            assert row._tr.trPr.find(f"{W}cantSplit") is not None  # a row never splits over two pages
    item_tables = [t for t in doc.tables if "番号" in [c.text for c in t.rows[0].cells]]
    assert item_tables and all(t.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None for t in item_tables)
    ids = {c.text for t in item_tables for row in t.rows for c in row.cells}
    assert set(example.gaps) <= ids  # every gap is in a table cell, not flattened into text
    has_toc = " TOC " in doc.element.body.xml
    assert has_toc == (kind in ("gap", "plan"))
    assert docx_of(example, kind, "ja") == data  # the same answers, the same bytes (no clock in the zip)


def test_docx_document_control(example: Result) -> None:
    import docx

    doc = docx.Document(io.BytesIO(docx_of(example, "plan", "en", document_number="SSP-2026-014",
                                           firm="Example Consulting K.K.")))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "SSP-2026-014" in cells and "Example Consulting K.K." in cells
    assert {"Prepared", "Reviewed", "Approved"} <= set(cells)  # empty approval boxes to sign
    assert "First issue" in cells and "1 November 2026" in cells  # the first issue, on the assessment date
    assert doc.core_properties.identifier == "SSP-2026-014"


PAGE_TOLERANCE = 0.25
"""DOCX printed by LibreOffice and the WeasyPrint PDF differ in page count by at most a quarter (and at
least 2 pages are allowed): different line breaking and table layout, the same content."""


@pytest.fixture(scope="module")
def converted(example: Result, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, Path]]:
    """Every report in both languages as DOCX converted to PDF by LibreOffice, beside the WeasyPrint PDF."""
    import os
    import shutil
    import subprocess

    pytest.importorskip("docx")
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice Writer is missing in CI (apt-get install libreoffice-writer-nogui)")
        pytest.skip("LibreOffice is not installed")
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as e:
        pytest.skip(f"WeasyPrint does not load: {e}")
    import noto_cjk_sans_jp_bold
    import noto_cjk_sans_jp_regular

    from dibcyber.report.pdf import render_pdf

    tmp = tmp_path_factory.mktemp("lo")
    dirs = "".join(f"<dir>{Path(str(m.FONT_PATH)).parent}</dir>" for m in (noto_cjk_sans_jp_regular,
                                                                          noto_cjk_sans_jp_bold))
    conf = tmp / "fonts.conf"  # the bundled font, visible to LibreOffice as it is on a desktop that has it
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"{dirs}<cachedir>{tmp / 'fc-cache'}</cachedir></fontconfig>", "utf-8")
    out: dict[tuple[str, str], tuple[Path, Path]] = {}
    sources = []
    for kind in ("gap", "plan", "poam"):
        for lang in ("ja", "en"):
            src = tmp / f"{kind}.{lang}.docx"
            src.write_bytes(docx_of(example, kind, lang))
            sources.append(str(src))
            ref = tmp / f"{kind}.{lang}.weasy.pdf"
            ref.write_bytes(render_pdf(example, Options(kind=kind, fmt="pdf", lang=lang)))  # type: ignore[arg-type]
            out[kind, lang] = (tmp / f"{kind}.{lang}.pdf", ref)
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
                           "--convert-to", "pdf", "--outdir", str(tmp), *sources],
                          env={**os.environ, "FONTCONFIG_FILE": str(conf)}, capture_output=True, text=True,
                          timeout=300, check=False)
    missing = [p for p, _ in out.values() if not p.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}: {proc.stdout} {proc.stderr}"
    return out


def flat(text: str) -> str:
    """Text without any white space: the two PDFs break lines in different places."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("kind", ["gap", "plan", "poam"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_docx_converts_with_libreoffice_like_the_pdf(example: Result, converted: dict, kind: str,
                                                     lang: str) -> None:
    pypdf = pytest.importorskip("pypdf")
    from dibcyber.report.context import build

    lo_pdf, weasy_pdf = converted[kind, lang]
    lo = pypdf.PdfReader(str(lo_pdf))
    weasy = pypdf.PdfReader(str(weasy_pdf))
    lo_text = flat("\n".join(p.extract_text() for p in lo.pages))
    weasy_text = flat("\n".join(p.extract_text() for p in weasy.pages))
    ctx = build(example, Options(kind=kind, fmt="docx", lang=lang))  # type: ignore[arg-type]
    m = ctx["m"]
    expected = [f"{i}.{flat(m['section'][k])}" for i, k in enumerate(ctx["sections"], 1)]  # the headings
    expected += [flat(s) for s in ctx["summary"]]  # the summary sentences
    ids = ({r.id for r in example.requirements} if kind == "plan" else set(example.gaps))
    expected += sorted(ids)  # every requirement the report lists
    expected += [flat(ctx["title"]), flat(m["document"]["revisions"]), flat(m["document"]["approvals"])]
    for text in expected:
        assert text in weasy_text, f"the PDF lacks {text}"
        assert text in lo_text, f"the DOCX, printed by LibreOffice, lacks {text}"
    pages, ref_pages = len(lo.pages), len(weasy.pages)
    assert abs(pages - ref_pages) <= max(2, PAGE_TOLERANCE * ref_pages), (pages, ref_pages)
    assert "株式会社サンプル精機" in lo.pages[1].extract_text() and "取扱注意" in lo.pages[1].extract_text()
    assert f"2 / {pages}" in lo.pages[1].extract_text()  # the footer's page fields, computed


def test_report_cli_docx_and_document_control(tmp_path: Path) -> None:
    from conftest import run_cli

    answers = tmp_path / "answers.yaml"
    answers.write_text(EXAMPLE.read_text("utf-8").replace("\nrequirements:", """
document:
  number: SSP-2026-014
  firm: 株式会社サンプルコンサルティング
  revisions:
    - {rev: "1.0", date: 2026-10-01, description: 初版発行, author: 山田 太郎}
    - {rev: "1.1", date: 2026-11-01, description: 是正計画を反映, author: 山田 太郎}
  approvals:
    - {role: 作成, name: 山田 太郎, date: 2026-11-01}
    - {role: 承認, name: 佐藤 一郎}
requirements:""", 1), "utf-8")
    html = run_cli("report", answers, "--kind", "plan", "--format", "html")
    assert html.code == 0, html.err
    for text in ("SSP-2026-014", "株式会社サンプルコンサルティング", "改訂履歴", "是正計画を反映", "令和8年10月1日",
                 "承認欄", "佐藤 一郎", "目次"):
        assert text in html.out, text
    out = tmp_path / "plan.docx"
    r = run_cli("report", answers, "--kind", "plan", "-o", out, "--document-number", "SSP-2026-015",
                "--firm", "Other Firm")
    assert r.code == 0, r.err
    pytest.importorskip("docx")
    import docx

    cells = {c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells}
    assert {"SSP-2026-015", "Other Firm", "是正計画を反映", "佐藤 一郎"} <= cells  # the options win
    assert "SSP-2026-014" not in cells
    assert run_cli("report", answers, "--format", "docx").code == 2  # a DOCX cannot go to standard output
    batch = run_cli("report", "--batch", answers, "--out", tmp_path / "b", "--document-number", "X")
    assert batch.code == 2 and "document-number" in batch.err


def test_docx_holds_hostile_answers_as_text(tmp_path: Path) -> None:
    """Control characters (an escape sequence pasted from a terminal) cannot be written into XML: python-docx
    refused the whole document. They are dropped; markup and formulas stay plain text."""
    import docx

    path = tmp_path / "answers.yaml"
    path.write_text('format: dibcyber/answers@1\nprofile: cmmc-l2\n'
                    'organization: {name: "Evil\\x07 & <b>Co</b>"}\n'
                    'assessment: {date: 2026-11-01, marking: "\\x1b[31m取扱注意"}\n'
                    'document: {number: "\\x00N-1", firm: "=HYPERLINK(1)"}\n'
                    'requirements:\n'
                    '  "3.1.1": {status: not_implemented, narrative: "bell\\u0007", planned_measure: "x\\ufffe",'
                    ' target_date: 2027-01-01}\n'
                    '  "3.12.4": {status: implemented}\n', "utf-8")
    result = assess(Registry(), path)
    for kind in ("gap", "plan", "poam"):
        doc = docx.Document(io.BytesIO(docx_of(result, kind, "en")))
        header = doc.sections[0].header.paragraphs[0].text
        assert header == "Evil & <b>Co</b>\t[31m取扱注意"
        cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
        assert "N-1" in cells and "=HYPERLINK(1)" in cells
