"""Reports: golden files, determinism, escaping, CSV safety, PDF text and fonts, and a real browser."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from dibcyber.app.pipeline import assess
from dibcyber.io.registry import Registry
from dibcyber.models.result import Result
from dibcyber.report import FORMATS, KINDS, Options, render

EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = bool(os.environ.get("DIBCYBER_UPDATE_GOLDEN"))


@pytest.fixture(scope="module")
def example() -> Result:
    return assess(Registry(), EXAMPLE)


@pytest.fixture(scope="module")
def example_cmmc() -> Result:
    return assess(Registry(), EXAMPLE, profile="cmmc-l2", lang="en")


def golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; DIBCYBER_UPDATE_GOLDEN=1 rewrites it. An HTML report's embedded
    stylesheet is left out of the comparison (it is tested on its own): a CSS change does not rewrite every
    golden file, and a golden file's diff shows what the report says."""
    if name.endswith(".html"):
        styles = re.findall(r"<style[^>]*>.*?</style>", text, flags=re.S)
        assert styles, "the report embeds its stylesheet (it fetches nothing)"
        text = re.sub(r"(<style[^>]*>).*?(</style>)", r"\1/* the report's CSS, not compared */\2", text, flags=re.S)
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.write_text(text, "utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {name} was missing and has been written; check it and commit it")
    assert text == path.read_text("utf-8"), f"{name} differs; rerun with DIBCYBER_UPDATE_GOLDEN=1 if intended"


@pytest.mark.parametrize(("kind", "fmt", "lang"), [
    ("gap", "md", "ja"), ("gap", "md", "en"), ("plan", "md", "ja"), ("gap", "html", "ja"), ("plan", "html", "en"),
    ("poam", "md", "ja"),
])
def test_golden_atla(example: Result, kind: str, fmt: str, lang: str) -> None:
    text = render(example, Options(kind=kind, fmt=fmt, lang=lang))  # type: ignore[arg-type]
    assert isinstance(text, str)
    golden(f"sample-seiki.{kind}.{lang}.{fmt}", text)


def test_golden_cmmc_poam(example_cmmc: Result) -> None:
    text = render(example_cmmc, Options(kind="poam", fmt="md", lang="en"))
    assert isinstance(text, str)
    golden("sample-seiki.cmmc.poam.en.md", text)
    assert "no (worth more than 1 point)" in text


def test_reports_say_what_matters(example: Result) -> None:
    html = render(example, Options(kind="gap", fmt="html", lang="ja"))
    assert isinstance(html, str)
    for text in ("ギャップ分析報告書", "株式会社サンプル精機", "令和8年11月1日（2026年11月1日）", "取扱注意", "80.3%",
                 "SPRSスコア", "防衛装備庁は数値スコアを公表していない", "SYS-3.13.14", "証跡一覧",
                 "evidence/ssp-summary.md", "評価方法及び出典", "未確認"):
        assert text in html, text
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    plan = render(example, Options(kind="plan", fmt="md", lang="ja"))
    assert isinstance(plan, str)
    dates = re.findall(r"^\| 令和(\d+)年(\d+)月(\d+)日", plan, re.MULTILINE)
    assert dates == sorted(dates, key=lambda d: (int(d[0]), int(d[1]), int(d[2])))  # by target date
    assert len(dates) == 22


def test_same_input_same_bytes(example: Result) -> None:
    for fmt in ("html", "md", "csv", "json"):
        a = render(example, Options(kind="gap", fmt=fmt, lang="ja"))  # type: ignore[arg-type]
        b = render(assess(Registry(), EXAMPLE), Options(kind="gap", fmt=fmt, lang="ja"))  # type: ignore[arg-type]
        assert a == b


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)> | [link](http://evil.example) **bold**"


def hostile_answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(f"""format: dibcyber/answers@1
profile: cmmc-l2
organization: {{name: "<b>Evil</b> & Co | x"}}
assessment: {{date: 2026-11-01, marking: "<i>取扱注意</i>"}}
requirements:
  "3.1.1":
    status: not_implemented
    narrative: "{HOSTILE}"
    owner: "=HYPERLINK(\\"http://evil.example\\")"
    planned_measure: "+cmd|' /C calc'!A0"
    target_date: 2027-01-01
    evidence: [{{path: "<img src=x>.md"}}]
  "3.12.4": {{status: implemented}}
""", "utf-8")
    return path


def test_html_and_markdown_cannot_be_injected(tmp_path: Path) -> None:
    result = assess(Registry(), hostile_answers(tmp_path))
    for kind in ("gap", "plan", "poam"):
        html = render(result, Options(kind=kind, fmt="html", lang="en"))  # type: ignore[arg-type]
        assert isinstance(html, str)
        assert "<script" not in html and "<img src=x" not in html and "<b>Evil" not in html
        assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in html
        md = render(result, Options(kind=kind, fmt="md", lang="en"))  # type: ignore[arg-type]
        assert isinstance(md, str)
        assert "<script" not in md and "<b>" not in md and "](http" not in md
        for line in md.splitlines():
            if line.startswith("| 3.1.1 "):
                assert line.count(" | ") == line.count("|") - 2 - line.count("\\|")  # no extra cells
    plan = render(result, Options(kind="plan", fmt="md", lang="en"))
    assert "\\<script\\>" in plan or "\\<i\\>" in plan


def test_csv_cells_never_become_formulas(tmp_path: Path) -> None:
    result = assess(Registry(), hostile_answers(tmp_path))
    text = render(result, Options(kind="gap", fmt="csv", lang="en"))
    assert isinstance(text, str) and text.startswith("\ufeff")
    import csv

    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    row = next(r for r in rows if r["id"] == "3.1.1")
    assert row["owner"].startswith("'=")
    assert row["planned_measure"].startswith("'+")
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values() if v)
    doc = json.loads(render(result, Options(kind="gap", fmt="json", lang="en")))  # type: ignore[arg-type]
    assert doc["items"][0]["id"] in {r["id"] for r in rows}


# --- PDF ---------------------------------------------------------------------------------------------

pypdf = pytest.importorskip("pypdf")


def needs(what: str, ok: bool, why: str) -> None:
    """Skip where a system package is missing on a developer's machine; CI installs it, so fail there."""
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing in CI: {why}")
        pytest.skip(f"{what} not available: {why}")


def weasyprint_loads() -> tuple[bool, str]:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as e:
        return False, f"{type(e).__name__}: {e} (apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
    return True, ""


@pytest.fixture
def weasy() -> None:
    needs("WeasyPrint", *weasyprint_loads())


def fonts_of(reader: object) -> set[str]:
    """Names of the fonts a PDF uses, marked when a font's glyphs are not embedded."""
    names: set[str] = set()
    for page in reader.pages:  # type: ignore[attr-defined]
        for font in (page["/Resources"].get("/Font") or {}).values():
            obj = font.get_object()
            descendants = obj.get("/DescendantFonts")
            desc = (descendants[0].get_object() if descendants else obj).get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            name = str(obj.get("/BaseFont") or desc.get("/FontFamily") or desc.get("/FontName") or "?")
            embedded = "/CharProcs" in obj or any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.add(name + ("" if embedded else " (not embedded)"))
    return names


def test_pdf_japanese_text_fonts_pages(example: Result, weasy: None) -> None:
    from dibcyber.report.pdf import render_pdf

    warnings: list[str] = []
    pdf = render_pdf(example, Options(kind="gap", fmt="pdf", lang="ja"), warnings)
    assert warnings == []  # no missing glyph, no refused fetch
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 5
    text = "\n".join(p.extract_text() for p in reader.pages)
    for s in ("ギャップ分析報告書", "株式会社サンプル精機", "保護すべき情報", "80.3%", "目次"):
        assert s in text, s
    second = reader.pages[1].extract_text()
    assert "株式会社サンプル精機" in second and "取扱注意" in second  # running header and marking
    assert f"2 / {len(reader.pages)}" in second  # page numbers
    jp_fonts = [f for f in fonts_of(reader) if "dibcyber-jp" in f]
    assert jp_fonts and all("not embedded" not in f for f in jp_fonts)
    assert reader.metadata is not None and reader.metadata.get("/CreationDate") == "D:20261101"
    assert render_pdf(example, Options(kind="gap", fmt="pdf", lang="ja")) == pdf  # same bytes


def test_pdf_renderer_fetches_nothing_but_bundled_assets(tmp_path: Path, example: Result, weasy: None) -> None:
    from dibcyber.report.pdf import render_pdf

    custom = tmp_path / "tpl"
    custom.mkdir()
    base = (ROOT / "templates" / "gap.html.j2").read_text("utf-8")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    custom.joinpath("gap.html.j2").write_text(base.replace(
        "{% block content %}",
        '{% block content %}<img src="' + secret.as_uri() + '"><img src="http://127.0.0.1:9/x.png">'
        '<link rel="stylesheet" href="https://example.invalid/x.css">', 1), "utf-8")
    warnings: list[str] = []
    pdf = render_pdf(example, Options(kind="gap", fmt="pdf", lang="en", templates=custom), warnings)
    assert pdf.startswith(b"%PDF")
    refused = [w for w in warnings if "dibcyber fetches" in w]
    assert len(refused) >= 2, warnings


def test_report_cli(tmp_path: Path, weasy: None) -> None:
    out = tmp_path / "r.pdf"
    r = run_cli("report", EXAMPLE, "--kind", "poam", "-o", out, "--marking", "社外秘", "--lang", "en")
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    assert "社外秘" in text and "Plan of action and milestones" in text
    md = run_cli("report", EXAMPLE, "--kind", "gap", "-o", "-", "--lang", "en")
    assert md.code == 0 and md.out.startswith("## Gap analysis report")
    assert run_cli("report", EXAMPLE, "--format", "pdf").code == 2  # a PDF cannot go to stdout
    missing = run_cli("report", EXAMPLE, "-o", tmp_path / "x.pdf", "--font", tmp_path / "nofont.otf")
    assert missing.code == 5 and "font file not found" in missing.err
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                    '<rect width="10" height="10"/></svg>')
    html = tmp_path / "r.html"
    assert run_cli("report", EXAMPLE, "-o", html, "--logo", logo).code == 0
    assert 'src="data:image/svg+xml;base64,' in html.read_text("utf-8")
    csv_out = tmp_path / "gaps.csv"
    assert run_cli("report", EXAMPLE, "-o", csv_out).code == 0
    assert csv_out.read_text("utf-8-sig").startswith("id,title,status")


def test_user_templates_and_messages_override(tmp_path: Path) -> None:
    tpl = tmp_path / "tpl"
    (tpl / "messages").mkdir(parents=True)
    (tpl / "messages" / "ja.yaml").write_text("kind:\n  gap: 社内監査報告書\n", "utf-8")
    r = run_cli("report", EXAMPLE, "-o", "-", "--templates", tpl)
    assert r.code == 0, r.err
    assert r.out.startswith("## 社内監査報告書")
    (tpl / "gap.md.j2").write_text("{{ org.name }} {{ conformance.ratio }}\n", "utf-8")
    r = run_cli("report", EXAMPLE, "-o", "-", "--templates", tpl)
    assert r.out == "株式会社サンプル精機 80.3%\n"


def test_message_catalogs_match_and_templates_hold_no_wording() -> None:
    from ruamel.yaml import YAML

    ja = YAML(typ="safe").load((ROOT / "templates" / "messages" / "ja.yaml").read_text("utf-8"))
    en = YAML(typ="safe").load((ROOT / "templates" / "messages" / "en.yaml").read_text("utf-8"))

    def keys(d: dict, prefix: str = "") -> set[str]:  # type: ignore[type-arg]
        out = set()
        for k, v in d.items():
            out |= keys(v, f"{prefix}{k}.") if isinstance(v, dict) else {f"{prefix}{k}"}
        return out

    assert keys(ja) - {"era_dates"} == keys(en) - {"months"}
    for f in (ROOT / "templates").glob("*.j2"):
        assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", f.read_text("utf-8")), f.name


# --- a real browser ----------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def fontconfig(tmp_path: Path) -> dict[str, str]:
    """Make the bundled Japanese font visible to the browser, as it is on a Japanese desktop."""
    import noto_cjk_sans_jp_bold
    import noto_cjk_sans_jp_regular

    dirs = "".join(f"<dir>{Path(str(m.FONT_PATH)).parent}</dir>" for m in (noto_cjk_sans_jp_regular,
                                                                          noto_cjk_sans_jp_bold))
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"{dirs}<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>", "utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def chromium(args: list[str], env: dict[str, str], tmp_path: Path) -> None:
    needs("chromium", CHROMIUM is not None, "apt-get install --no-install-recommends chromium")
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}"]
    subprocess.run(base + args, env=env, capture_output=True, timeout=120, check=True)


def test_html_in_a_real_browser(tmp_path: Path, example: Result) -> None:
    html = tmp_path / "gap.html"
    text = render(example, Options(kind="gap", fmt="html", lang="ja"))
    assert isinstance(text, str)
    html.write_text(text, "utf-8")
    env = fontconfig(tmp_path)
    shot = tmp_path / "gap.png"
    chromium(["--window-size=1200,1600", f"--screenshot={shot}", html.as_uri()], env, tmp_path)
    assert shot.stat().st_size > 50_000  # a rendered page, not a blank one
    printed = tmp_path / "printed.pdf"
    chromium(["--no-pdf-header-footer", f"--print-to-pdf={printed}", html.as_uri()], env, tmp_path)
    reader = pypdf.PdfReader(str(printed))
    # Chromium's PDF maps some kanji to their Kangxi-radical twins (一 → ⼀); NFKC folds them back.
    body = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))
    for s in ("ギャップ分析報告書", "株式会社サンプル精機", "ギャップ一覧", "SYS-3.3.1", "80.3%"):
        assert s in body, s
    used = fonts_of(reader)
    assert any("Noto Sans CJK" in f and "not embedded" not in f for f in used), used  # real CJK glyphs, no tofu
    assert len(reader.pages) >= 3


def test_markdown_and_junit_survive_newlines_mentions_and_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text('format: dibcyber/answers@1\nprofile: cmmc-l2\n'
                    'organization: {name: "Evil\\n\\n---\\n    code\\n# heading @team https://evil.example"}\n'
                    'assessment: {date: 2026-11-01}\nrequirements:\n'
                    '  "3.1.1": {status: not_implemented, narrative: "bell\\u0007 esc\\u001b[31m", owner: " =1+1"}\n'
                    '  "3.12.4": {status: implemented}\n', "utf-8")
    result = assess(Registry(), path)
    md = render(result, Options(kind="gap", fmt="md", lang="en"))
    assert isinstance(md, str)
    first = md.splitlines()[0]
    assert first.startswith("## Gap analysis report — Evil --- code \\# heading @\u2060team https:\u2060//")
    assert "\n---\n" not in md and "\n    code" not in md
    from dibcyber.exchange.ci_output import junit, markdown_summary

    ET.fromstring(junit(result, [], "a.yaml", "en"))  # well-formed despite the control characters
    assert "\n" not in markdown_summary(result, [], "en").splitlines()[0]
    csv_text = render(result, Options(kind="gap", fmt="csv", lang="en"))
    assert "' =1+1" in csv_text


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "pdf"])
def test_every_kind_renders_in_every_text_format(example: Result, kind: str, fmt: str) -> None:
    from dibcyber.cli.assess import ReportFormat, ReportKind

    assert {k.value for k in ReportKind} == set(KINDS)  # the CLI offers exactly what the renderers know
    assert {f.value for f in ReportFormat} == set(FORMATS)
    for lang in ("ja", "en"):
        out = render(example, Options(kind=kind, fmt=fmt, lang=lang),  # type: ignore[arg-type]
                     Registry().catalog(example.catalog))
        if fmt == "xlsx":  # a workbook: its cells' text
            import openpyxl

            assert isinstance(out, bytes)
            wb = openpyxl.load_workbook(io.BytesIO(out))
            out = "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
        if fmt == "docx":  # a Word document: its tables' text
            import docx

            assert isinstance(out, bytes)
            doc = docx.Document(io.BytesIO(out))
            out = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
        assert isinstance(out, str) and "SYS-3.3.1" in out


def test_report_refuses_an_unknown_suffix(tmp_path: Path) -> None:
    r = run_cli("report", EXAMPLE, "-o", tmp_path / "x.odt")
    assert r.code == 2 and "cannot tell the format" in r.err
    assert not (tmp_path / "x.odt").exists()
