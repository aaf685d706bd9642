"""The supply-chain portfolio and batch reports, through the real CLI, on a small generated supply chain."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, run_cli

EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"


def supplier(folder: Path, name: str, *, tier: str, date: str = "2026-11-01", profile: str = "atla-standard",
             worse: bool = False, target: str | None = None) -> Path:
    """A copy of the example company under another name, optionally with more gaps or another date."""
    text = EXAMPLE.read_text("utf-8")
    text = text.replace("name: 株式会社サンプル精機", f"name: {name}\n  tags: {{tier: '{tier}'}}", 1)
    text = text.replace("date: 2026-11-01", f"date: {date}", 1)
    text = text.replace("profile: atla-standard", f"profile: {profile}", 1)
    if worse:
        text = text.replace("    status: implemented\n", "    status: not_implemented\n", 10)
    if target:
        text = text.replace("target_date: 2027-03-31", f"target_date: {target}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "answers.yaml"
    path.write_text(text, "utf-8")
    shutil.copytree(EXAMPLE.parent / "evidence", folder / "evidence", dirs_exist_ok=True)
    return path


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    root = tmp_path / "chain"
    supplier(root / "tier1" / "alpha", "アルファ工業株式会社", tier="1")
    supplier(root / "tier1" / "beta", "Beta <script>alert(1)</script> Ltd.", tier="1", worse=True)
    supplier(root / "tier2" / "gamma", "ガンマ精密", tier="2", date="2025-06-01", target="2026-01-31")
    assert run_cli("export", "xlsx", root / "tier2" / "gamma" / "answers.yaml", "-o",
                   root / "tier2" / "gamma-returned.xlsx").code == 0
    wb = openpyxl.load_workbook(root / "tier2" / "gamma-returned.xlsx")
    wb["基本情報"]["B2"].value = "デルタ電機（質問票）"
    wb.save(root / "tier2" / "gamma-returned.xlsx")
    (root / "tier2" / "broken").mkdir()
    (root / "tier2" / "broken" / "answers.yaml").write_text(
        "format: dibcyber/answers@1\nprofile: atla-standard\norganization: {name: 壊れた会社}\n"
        "assessment: {date: 2026-02-30}\n", "utf-8")
    (root / "profiles.yaml").write_text("format: dibcyber/profile@1\nid: x\n", "utf-8")  # not answers: skipped
    (root / ".git").mkdir()
    (root / ".git" / "answers.yaml").write_text("format: dibcyber/answers@1\n", "utf-8")  # hidden: skipped
    return root


def portfolio(*args: str | Path) -> tuple[int, dict, str]:
    result = run_cli("portfolio", *args, "--format", "json", "-j", "1")
    return result.code, json.loads(result.out), result.err


def test_one_view_of_the_chain(chain: Path) -> None:
    code, doc, err = portfolio(chain, "--group-by", "tier", "--stale", "365")
    assert code == 3  # one file could not be read; the others are all there
    assert doc["format"] == "dibcyber/portfolio@1"
    assert doc["files_read"] == 4
    names = [s["name"] for s in doc["suppliers"]]
    assert names == ["Beta <script>alert(1)</script> Ltd.", "アルファ工業株式会社", "ガンマ精密",
                     "デルタ電機（質問票）"]
    alpha = next(s for s in doc["suppliers"] if s["name"] == "アルファ工業株式会社")
    single = json.loads(run_cli("assess", chain / "tier1" / "alpha" / "answers.yaml", "--format", "json").out)
    assert alpha["conformance"] == single["scores"]["conformance"]["ratio"]
    assert alpha["sprs"] == single["scores"]["sprs"]["value"]
    assert alpha["open_items"] == len(single["gaps"])
    assert alpha["tags"] == {"tier": "1"}
    assert doc["as_of"] == "2026-11-01"  # the newest assessment date, not the clock
    gamma = next(s for s in doc["suppliers"] if s["name"] == "ガンマ精密")
    assert gamma["stale"] and "SYS-3.3.1" in gamma["overdue"]  # target 2026-01-31 < as-of
    delta = next(s for s in doc["suppliers"] if s["name"] == "デルタ電機（質問票）")  # gamma's workbook
    assert doc["stale"] == [gamma["file"], delta["file"]]
    assert [g["key"] for g in doc["groups"]] == ["1", "2"]
    assert doc["common_gaps"][0]["count"] == 4
    [bad] = doc["unreadable"]
    assert bad["file"].endswith("broken/answers.yaml") and bad["exit_code"] == 3
    assert "2026-02-30" in bad["problems"][0]["message"] and bad["problems"][0]["location"]
    assert "broken/answers.yaml" in err
    assert not any("profiles.yaml" in s["file"] or ".git" in s["file"] for s in doc["suppliers"])


def test_the_json_follows_its_published_schema(chain: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    _, doc, _ = portfolio(chain)
    schema = json.loads(run_cli("schema", "portfolio").out)
    jsonschema.validate(doc, schema)


def test_gates_and_the_baseline(chain: Path, tmp_path: Path) -> None:
    shutil.rmtree(chain / "tier2" / "broken")
    code, doc, _ = portfolio(chain)
    assert code == 0
    beta = next(s for s in doc["suppliers"] if s["name"].startswith("Beta"))
    code, doc, _ = portfolio(chain, "--min-conformance", f"{beta['conformance'] + 0.01:.4f}")
    assert code == 1 and [s["name"] for s in doc["suppliers"] if s["below"]] == [beta["name"]]
    base = tmp_path / "before.json"
    base.write_text(run_cli("portfolio", chain, "--format", "json").out, "utf-8")
    supplier(chain / "tier1" / "alpha", "アルファ工業株式会社", tier="1", worse=True)
    code, doc, _ = portfolio(chain, "--baseline", base)
    assert code == 1
    alpha = next(s for s in doc["suppliers"] if s["name"] == "アルファ工業株式会社")
    assert alpha["fell"] and alpha["previous"]["conformance"] > alpha["conformance"]
    assert doc["fell"] == [alpha["file"]]
    assert run_cli("portfolio", chain, "--baseline", chain / "profiles.yaml").code == 3


def test_workers_do_not_change_the_result(chain: Path) -> None:
    one = run_cli("portfolio", chain, "--format", "json", "-j", "1").out
    two = run_cli("portfolio", chain, "--format", "json", "-j", "2").out
    assert one == two


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("fmt", ["html", "md", "xlsx"])
def test_every_format_and_language(chain: Path, tmp_path: Path, fmt: str, lang: str) -> None:
    out = tmp_path / f"p.{fmt}"
    result = run_cli("portfolio", chain, "-o", out, "--lang", lang, "-j", "1")
    assert result.code == 3, result.err
    if fmt == "xlsx":
        wb = openpyxl.load_workbook(out)
        assert len(wb.sheetnames) == 4
        assert wb.worksheets[0].max_row == 5 and wb.worksheets[3].max_row == 2  # 4 suppliers; 1 unreadable
        return
    text = out.read_text("utf-8")
    assert ("サプライチェーン適合状況一覧" if lang == "ja" else "Supply-chain conformance portfolio") in text
    assert "<script>alert" not in text  # escaped in HTML and Markdown
    if fmt == "html":
        assert text.count("<svg") == 1 and "<rect" in text  # the heat map


def test_groups_head_their_rows_in_html(chain: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    assert run_cli("portfolio", chain, "-o", out, "--group-by", "tier", "--lang", "en", "-j", "1").code == 3
    text = out.read_text("utf-8")
    assert text.count('<tr class="group">') == 2 and "tier: 1" in text and "tier: 2" in text
    assert text.index("tier: 1") < text.index("アルファ工業株式会社") < text.index("tier: 2") < text.index("ガンマ精密")


def test_pdf_portfolio(chain: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "p.pdf"
    assert run_cli("portfolio", chain, "-o", out, "--lang", "ja", "-j", "1").code == 3
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "サプライチェーン適合状況一覧" in text and "アルファ工業株式会社" in text


def test_the_terminal_table(chain: Path) -> None:
    result = run_cli("portfolio", chain, "--lang", "en", "-j", "1")
    assert result.code == 3
    assert "Supply-chain conformance portfolio" in result.out and "ガンマ精密" in result.out
    assert "2026-02-30" in result.out


def test_batch_reports_isolate_failures_and_keep_names_apart(chain: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = run_cli("report", "--batch", chain, "--out", out, "--format", "md", "-j", "2")
    assert result.code == 3
    files = sorted(p.name for p in out.iterdir())
    assert files == ["tier1_alpha_answers.gap.md", "tier1_beta_answers.gap.md", "tier2_gamma-returned.gap.md",
                     "tier2_gamma_answers.gap.md"]
    assert "wrote 4 reports" in result.err and "1 failed" in result.err and "2026-02-30" in result.err
    assert "[5/5]" in result.err  # plain progress lines when not on a terminal
    assert "アルファ工業株式会社" in (out / "tier1_alpha_answers.gap.md").read_text("utf-8")


def test_output_names_never_leave_the_folder(tmp_path: Path) -> None:
    from dibcyber.app.batch import output_names

    files = [tmp_path / "a" / "answers.yaml", tmp_path / "b" / "answers.yaml", tmp_path / "..evil" / "x y.yaml",
             tmp_path / "A" / "answers.yaml"]
    names = output_names(files, ".gap.html")
    assert len({n.lower() for n in names}) == 4
    assert all("/" not in n and "\\" not in n and not n.startswith(".") for n in names)
    assert names[2] == "evil_x_y.gap.html"


def test_long_japanese_paths_make_names_a_file_system_takes(tmp_path: Path) -> None:
    """Names are limited in bytes (255 on Linux), not characters: 120 Japanese characters are 360 bytes."""
    deep = tmp_path / "in" / ("株式会社サンプル精機" * 5) / "sub"
    deep.mkdir(parents=True)
    shutil.copy(EXAMPLE, deep / ("回答" * 20 + ".yaml"))
    shutil.copy(EXAMPLE, tmp_path / "in" / "a.yaml")
    result = run_cli("report", "--batch", tmp_path / "in", "--out", tmp_path / "out", "-f", "md", "-j", "1")
    assert result.code == 0, result.err
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 2 and all(len(n.encode("utf-8")) <= 255 for n in names)


def test_xlsx_reports_written_into_the_folder_are_no_suppliers(tmp_path: Path) -> None:
    """A second run over a folder that holds the first run's XLSX reports reads the same suppliers."""
    folder = tmp_path / "suppliers"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "seiki.yaml")
    assert run_cli("export", "xlsx", EXAMPLE, "-o", folder / "q.xlsx").code == 0  # a questionnaire is read
    for _ in range(2):
        result = run_cli("report", "--batch", folder, "--out", folder / "reports", "-f", "xlsx", "-j", "1")
        assert result.code == 0, result.err
        assert "wrote 2 reports" in result.err
    listed = run_cli("portfolio", folder, "-f", "json")
    assert listed.code == 0, listed.err
    assert json.loads(listed.out)["files_read"] == 2


def test_batch_needs_out(tmp_path: Path) -> None:
    assert run_cli("report", "--batch", EXAMPLE).code == 2
    assert run_cli("report", EXAMPLE, EXAMPLE).code == 2


def test_numeric_tags_and_nothing_applicable(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "a.yaml").write_text("format: dibcyber/answers@1\nprofile: cmmc-l2\n"
                                   "organization: {name: 数値タグ, tags: {tier: 2, grade: 1.5}}\n"
                                   "assessment: {date: 2026-11-01}\n", "utf-8")
    code, doc, err = portfolio(folder, "--group-by", "tier")
    assert code == 0, err
    assert doc["suppliers"][0]["tags"] == {"tier": "2", "grade": "1.5"}
    assert run_cli("assess", folder / "a.yaml").code == 0
    (folder / "b.yaml").write_text("format: dibcyber/answers@1\nprofile: cmmc-l2\n"
                                   "organization: {name: 真偽タグ, tags: {tier: true}}\n"
                                   "assessment: {date: 2026-11-01}\n", "utf-8")
    assert run_cli("assess", folder / "b.yaml").code == 3  # a yes/no is no label


def test_a_supplier_with_nothing_applicable_is_not_below(tmp_path: Path) -> None:
    import datetime as dt

    from dibcyber.engine.portfolio import Row, build
    from dibcyber.models.portfolio import Supplier

    s = Supplier(file="x", name="X", profile="p", catalog="c", date=dt.date(2026, 11, 1), conformance=None,
                 implemented=0, applicable=0, open_items=0)
    doc = build([Row(s)], [], language="en", min_conformance=0.9)
    assert doc.below == [] and not doc.suppliers[0].below
