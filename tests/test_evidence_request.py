"""The evidence request list (issue 23): what it asks for, row by row, in every format.

The case in tests/cases/evidence-request answers each requirement so that it shows one evidence state
(locked, changed, missing, expired, cited, links only, none, not answered, not applicable); the list is
built from the real result and catalog, never from mocks."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import CASES, ROOT, run_cli
from dibcyber.app.pipeline import assess
from dibcyber.io.registry import Registry
from dibcyber.models.catalog import Catalog
from dibcyber.models.result import Result
from dibcyber.report import Options, render
from dibcyber.report.evidence_request import EvidenceRequest, build_request

CASE = CASES / "evidence-request"
ANSWERS = CASE / "answers.yaml"
EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry([CASE / "profiles"])


@pytest.fixture(scope="module")
def result(reg: Registry) -> Result:
    return assess(reg, ANSWERS)


@pytest.fixture(scope="module")
def catalog(reg: Registry, result: Result) -> Catalog:
    return reg.catalog(result.catalog)


@pytest.fixture(scope="module")
def request_list(result: Result, catalog: Catalog) -> EvidenceRequest:
    return build_request(result, catalog)


def expected_rows(result: Result, catalog: Catalog) -> int:
    """One row per object of every requirement asked for, one for each such requirement without objects."""
    asked = [catalog.by_id[r.id] for r in result.requirements if r.status != "not_applicable"]
    return sum(max(req.methods.count() if req.methods else 0, 1) for req in asked)


# --- what each requirement asks for (data: requirement → state, what is missing, objects or none) ------

CASES_BY_ID = [
    ("ORG-01", "locked", (), False),
    ("ORG-02", "none", ("none",), False),
    ("ORG-03", "none", ("unanswered", "none"), False),
    ("SYS-3.1.1", "locked", (), True),
    ("SYS-3.1.2", "changed", ("changed",), True),
    ("SYS-3.1.3", "missing", ("missing",), True),
    ("SYS-3.1.5", "expired", ("expired",), True),
    ("SYS-3.1.20", "cited", ("not_locked",), True),
    ("SYS-3.5.3", "cited", ("links_only",), True),
    ("SYS-3.13.11", "none", ("unanswered", "none"), True),
]


@pytest.mark.parametrize(("rid", "state", "missing", "has_objects"), CASES_BY_ID)
def test_each_requirement_says_its_state_and_what_is_missing(
        request_list: EvidenceRequest, catalog: Catalog, rid: str, state: str, missing: tuple[str, ...],
        has_objects: bool) -> None:
    item = next(i for i in request_list.items if i.id == rid)
    assert (item.evidence_state, item.missing, bool(item.objects)) == (state, missing, has_objects)
    assert item.complete == (state == "locked")
    methods = catalog.by_id[rid].methods
    assert [o.text for o in item.objects] == [o.text for k in ("examine", "interview", "test")
                                              for o in (methods.of(k) if methods else [])]  # type: ignore[arg-type]
    if not has_objects:
        assert item.note is not None  # the catalog's reason, never an invented object


def test_every_requirement_in_scope_is_listed_once(request_list: EvidenceRequest, result: Result) -> None:
    assert {rid for rid, *_ in CASES_BY_ID} == {i.id for i in request_list.items}
    assert [i.id for i in request_list.not_applicable] == ["SYS-3.1.16"]
    assert len(request_list.items) + len(request_list.not_applicable) == len(result.requirements)
    assert [f.id for f in request_list.families] == ["ORG-GOV", "SYS-AC", "SYS-IA", "SYS-SC"]


def test_row_count_is_objects_plus_one_per_requirement_without(request_list: EvidenceRequest, result: Result,
                                                               catalog: Catalog) -> None:
    rows = request_list.rows()
    assert len(rows) == expected_rows(result, catalog)
    assert sum(r.obj is None for r in rows) == request_list.without_objects == 3  # ORG-01..03
    assert "SYS-3.1.16" not in {r.item.id for r in rows}  # not applicable: not requested
    assert sum(request_list.objects_by_method().values()) == len(rows) - 3


def test_the_sample_and_rev3_lists_count_right(reg: Registry, tmp_path: Path) -> None:
    sample = assess(reg, EXAMPLE)
    cat = reg.catalog(sample.catalog)
    assert len(build_request(sample, cat).rows()) == expected_rows(sample, cat)
    r3 = tmp_path / "r3.yaml"
    r3.write_text("format: dibcyber/answers@1\nprofile: nist-800-171r3\norganization: {name: X}\n"
                  "assessment: {date: 2026-11-01}\nrequirements:\n  03.01.01: {status: implemented}\n", "utf-8")
    result = assess(reg, r3)
    cat3 = reg.catalog("nist-800-171r3")
    req = build_request(result, cat3)
    assert len(req.rows()) == expected_rows(result, cat3)
    assert sorted(i.id for i in req.items if not i.objects) == ["03.01.22", "03.14.03"]


def test_a_result_of_another_catalog_is_refused(reg: Registry, result: Result) -> None:
    with pytest.raises(ValueError, match="catalog"):
        build_request(result, reg.catalog("nist-800-171r3"))


# --- the formats -------------------------------------------------------------------------------------

def rendered(result: Result, catalog: Catalog, fmt: str, lang: str = "ja", **kw: Any) -> Any:
    return render(result, Options(kind="evidence-request", fmt=fmt, lang=lang, **kw), catalog)  # type: ignore[arg-type]


def row_of(md: str, rid: str) -> str:
    return next(line for line in md.splitlines() if line.startswith(f"| {rid} |"))


def test_markdown_says_locked_changed_and_what_to_do(result: Result, catalog: Catalog) -> None:
    ja = rendered(result, catalog, "md")
    assert "| ロック済み | 不足なし |" in row_of(ja, "SYS-3.1.1")
    assert "ロック後に変更" in row_of(ja, "SYS-3.1.2") and "再ロック" in row_of(ja, "SYS-3.1.2")
    assert "SYS-3.1.16" not in ja.split("### 該当なしの要件")[0]  # listed only apart
    assert "| SYS-3.1.16 | 無線アクセスの認可 | 無線アクセスを許可していない。 |" in ja
    en = rendered(result, catalog, "md", "en")
    assert "changed since locked" in row_of(en, "SYS-3.1.2") and "re-lock" in row_of(en, "SYS-3.1.2")
    assert "file missing" in row_of(en, "SYS-3.1.3") and "expired" in row_of(en, "SYS-3.1.5")
    assert "links only" in row_of(en, "SYS-3.5.3") and "31 January 2027" in row_of(en, "SYS-3.5.3")
    table_rows = [line for line in en.splitlines() if re.match(r"\| (\S+)? ?\|", line) and "---" not in line
                  and not line.startswith("| ID") and not line.startswith("| Requirement")]
    assert len([r for r in table_rows if r.count("|") == 12]) == expected_rows(result, catalog)  # 11 columns


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_golden_markdown(result: Result, catalog: Catalog, lang: str) -> None:
    from test_reports import golden

    golden(f"evidence-request.{lang}.md", rendered(result, catalog, "md", lang))


def test_xlsx_is_a_sortable_printable_table(result: Result, catalog: Catalog) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(rendered(result, catalog, "xlsx")))
    assert len(wb.worksheets) == 1
    ws = wb.worksheets[0]
    n = expected_rows(result, catalog)
    assert ws.max_row == n + 1 and ws.auto_filter.ref == f"A1:M{n + 1}"
    assert ws.freeze_panes == "C2" and ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    header = [c.value for c in ws[1]]
    assert header[:3] == ["行番号", "番号", "分類"] and header[-1] == "回答・備考"
    by_id = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert by_id["SYS-3.1.1"][8] == "ロック済み" and by_id["ORG-01"][5] == "公表された評価対象なし"
    assert by_id["SYS-3.1.5"][11].date().isoformat() == "2027-03-31"  # a real date cell, sortable
    assert all(ws.column_dimensions[k].width >= 10 for k in "CEFH")


def test_xlsx_cells_never_become_formulas(tmp_path: Path, reg: Registry) -> None:
    import openpyxl

    hostile = tmp_path / "a.yaml"
    text = ANSWERS.read_text("utf-8").replace("owner: 総務課 佐藤", "owner: '=HYPERLINK(\"http://x\",\"y\")'")
    hostile.write_text(text, "utf-8")
    result = assess(Registry([CASE / "profiles"]), hostile, evidence=False)
    ws = openpyxl.load_workbook(io.BytesIO(rendered(result, reg.catalog(result.catalog), "xlsx"))).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_html_and_markdown_escape_the_answers(tmp_path: Path) -> None:
    hostile = tmp_path / "a.yaml"
    hostile.write_text(ANSWERS.read_text("utf-8").replace("owner: 総務課 佐藤", "owner: '<script>x</script> | a'"),
                       "utf-8")
    result = assess(Registry([CASE / "profiles"]), hostile, evidence=False)
    catalog = Registry().catalog(result.catalog)
    html = rendered(result, catalog, "html")
    assert "<script>x" not in html and "&lt;script&gt;x" in html
    assert "証跡を確認していない" in html  # no files checked: said, not guessed
    md = rendered(result, catalog, "md")
    assert "\\<script\\>" in md or "&lt;script&gt;" in md
    assert "\\| a" in row_of(md, "ORG-01")


def test_html_has_document_control_and_summary(result: Result, catalog: Catalog) -> None:
    html = rendered(result, catalog, "html", firm="監査法人テスト")
    assert "ER-2026-001" in html and "監査法人テスト" in html and "改訂履歴" in html
    assert html.count('<tbody class="req">') == len(result.requirements) - 1  # the N/A one apart
    assert "証跡カバー率は33.3%" in html


def test_json_csv_and_docx_carry_the_same_rows(result: Result, catalog: Catalog) -> None:
    import json

    import docx

    n = expected_rows(result, catalog)
    doc = json.loads(rendered(result, catalog, "json", "en"))
    assert doc["format"] == "dibcyber/evidence-request@1" and len(doc["rows"]) == n
    assert len(list(csv.reader(io.StringIO(rendered(result, catalog, "csv"))))) == n + 1
    word = docx.Document(io.BytesIO(rendered(result, catalog, "docx")))
    # after the cover and its two document control tables, before the table of requirements not applicable
    assert sum(len(t.rows) - 1 for t in word.tables[3:-1]) == n


def test_the_same_answers_give_the_same_bytes(result: Result, catalog: Catalog) -> None:
    for fmt in ("md", "html", "xlsx", "docx"):
        assert rendered(result, catalog, fmt) == rendered(result, catalog, fmt), fmt


def test_pdf_has_the_japanese_headings(result: Result, catalog: Catalog, tmp_path: Path) -> None:
    from test_reports import weasyprint_loads

    ok, why = weasyprint_loads()
    if not ok or shutil.which("pdftotext") is None:
        pytest.skip(f"no PDF renderer or pdftotext: {why}")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(rendered(result, catalog, "pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for heading in ("証跡依頼リスト", "概要", "AC アクセス制御", "該当なしの要件（依頼の対象外）", "回答・備考",
                    "ロック後に変更"):
        assert heading in text, heading
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=False).stdout
    assert "dibcyber-jp" in fonts  # the Japanese font, embedded


def test_cli_writes_each_format(tmp_path: Path) -> None:
    for suffix in ("md", "html", "xlsx"):
        out = tmp_path / f"r.{suffix}"
        r = run_cli("--path", CASE / "profiles", "report", ANSWERS, "--kind", "evidence-request", "-o", out)
        assert r.code == 0, r.err
        assert out.stat().st_size > 1000
    r = run_cli("--path", CASE / "profiles", "report", ANSWERS, "-k", "evidence-request", "--lang", "en")
    assert r.code == 0 and r.out.startswith("## Evidence request list")
