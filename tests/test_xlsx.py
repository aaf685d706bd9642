"""Supplier questionnaires as XLSX: export, the supplier's edits, import with located errors, the
three-way merge, untrusted workbooks, formula safety, and reports as XLSX."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

import yaml_helper
from conftest import ROOT, run_cli

EXAMPLE_DIR = ROOT / "examples" / "sample-seiki"
EXAMPLE = EXAMPLE_DIR / "answers.yaml"
PAYLOADS = ["=1+1", "+1+2", "-3+4", "@SUM(1,2)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://example.com","x")']


@pytest.fixture
def company(tmp_path: Path) -> Path:
    """A copy of the example company to edit."""
    shutil.copytree(EXAMPLE_DIR, tmp_path / "co")
    return tmp_path / "co" / "answers.yaml"


def export(answers: Path | None, out: Path, *extra: str) -> Path:
    args = ["export", "xlsx", *([answers] if answers else []), "-o", out, *extra]
    result = run_cli(*args)
    assert result.code == 0, result.err
    return out


def edit(path: Path, changes: dict[tuple[str, str], object], out: Path | None = None) -> Path:
    """Change cells of the requirements sheet as a supplier would: (row ID, header) → value."""
    wb = openpyxl.load_workbook(path)
    ws = next(s for s in wb.worksheets if s.sheet_state == "visible" and s.cell(1, 1).value == "ID")
    header = {c.value: c.column for c in ws[1]}
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for (rid, column), value in changes.items():
        ws.cell(rows[rid], header[column]).value = value
    target = out or path
    wb.save(target)
    return target


def requirement(path: Path, rid: str) -> dict:
    return yaml_helper.load(path)["requirements"].get(rid) or {}


# --- export ---------------------------------------------------------------------------------------


def test_export_is_a_questionnaire_a_supplier_can_fill_in(tmp_path: Path) -> None:
    out = export(EXAMPLE, tmp_path / "q.xlsx", "--objectives")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["記入方法", "基本情報", "要求事項", "_dibcyber"]
    assert wb["_dibcyber"].sheet_state == "veryHidden"
    ws = wb["要求事項"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["ID", "分類", "項目名", "要求事項", "実施状況", "判定（評価目標）"]
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref.startswith("A1:")
    assert ws.protection.sheet and not ws.protection.autoFilter
    col = {h: i + 1 for i, h in enumerate(header)}
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    row = rows["SYS-3.4.1"]
    assert ws.cell(row, col["ID"]).protection.locked and ws.cell(row, col["要求事項"]).protection.locked
    for name in ("実施状況", "実施内容の説明", "証跡（1行に1件）", "担当者", "予定する措置", "目標日"):
        assert not ws.cell(row, col[name]).protection.locked, name
    assert ws.cell(row, col["実施状況"]).value == "一部実施"
    target = ws.cell(row, col["目標日"])
    assert isinstance(target.value, dt.datetime) and target.number_format == "yyyy-mm-dd"
    assert "SYS-3.1.1[a]" in rows  # objectives as rows
    validations = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"実施済み,一部実施,計画中,未実施,該当なし"' in validations
    assert '"適合,不適合,該当なし"' in validations
    assert wb["基本情報"]["B2"].value == "株式会社サンプル精機"
    guide = "\n".join(str(c.value or "") for c in wb["記入方法"]["A"])
    assert "実施状況の意味" in guide and "返送" in guide


def test_english_empty_questionnaire_needs_the_company_and_date(tmp_path: Path) -> None:
    out = export(None, tmp_path / "q.xlsx", "--profile", "cmmc-l2", "--lang", "en", "--return-to",
                 "Prime Co. security team")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["Instructions", "Organization", "Requirements"]
    assert any("Prime Co. security team" in str(c.value) for c in wb["Instructions"]["A"])
    assert wb["Requirements"].max_row == 111  # header + 110 requirements
    result = run_cli("import", "xlsx", out, "-o", tmp_path / "a.yaml")
    assert result.code == 3
    assert "Organization!B2: organization.name" in result.err
    assert "Organization!B12: assessment.date: missing required key 'date'" in result.err
    assert "2 problems" in result.err
    assert not (tmp_path / "a.yaml").exists()


def test_every_text_written_stays_text(tmp_path: Path) -> None:
    import json

    owners = {f"SYS-3.1.{n + 2}": p for n, p in enumerate(PAYLOADS)}
    body = "".join(f"  {rid}:\n    status: implemented\n    owner: {json.dumps(p)}\n" for rid, p in owners.items())
    answers = tmp_path / "answers.yaml"
    answers.write_text("format: dibcyber/answers@1\nprofile: atla-standard\norganization: {name: " + json.dumps(
        PAYLOADS[0]) + "}\nassessment: {date: 2026-11-01}\nrequirements:\n" + body, "utf-8")
    assert run_cli("assess", answers).code == 0
    out = export(answers, tmp_path / "q.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb["要求事項"]
    col = {c.value: c.column for c in ws[1]}
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for rid, payload in owners.items():
        cell = ws.cell(rows[rid], col["担当者"])
        # a lone CR survives as CR where openpyxl writes through lxml (the docx extra brings it), else XML's
        # line-end normalisation reads it back as LF: either way a string, quote-prefixed, never a formula
        assert cell.data_type == "s" and cell.value in (payload, payload.replace("\r", "\n")) and cell.quotePrefix, rid
    assert wb["基本情報"]["B2"].data_type == "s" and wb["基本情報"]["B2"].value == "=1+1"
    back = run_cli("import", "xlsx", out, "-o", tmp_path / "back.yaml")
    assert back.code == 0, back.err
    for rid, payload in owners.items():  # read back, the same text again (outer whitespace trimmed)
        # (XML reads a carriage return as a line feed; either way it stays text)
        assert requirement(tmp_path / "back.yaml", rid)["owner"] == payload.replace("\r", "\n").strip()


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed (CI installs it)")
def test_libreoffice_reads_formula_payloads_as_text(tmp_path: Path) -> None:
    from dibcyber.exchange.xlsxio import save, set_text

    wb = openpyxl.Workbook()
    ws = wb.active
    for n, payload in enumerate(PAYLOADS, 1):
        set_text(ws.cell(n, 1), payload)
    (tmp_path / "f.xlsx").write_bytes(save(wb, None))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "csv",
                    "--outdir", str(tmp_path), str(tmp_path / "f.xlsx")], check=True, capture_output=True,
                   timeout=120)
    import csv

    cells = [row[0] for row in csv.reader(io.StringIO((tmp_path / "f.csv").read_text("utf-8")))]
    assert cells == [p.replace("\r", "\n") for p in PAYLOADS]  # not 2, 3, 1, 3 …: nothing was computed


# --- import ---------------------------------------------------------------------------------------


def test_an_untouched_workbook_changes_nothing(tmp_path: Path, company: Path) -> None:
    before = company.read_bytes()
    out = export(company, tmp_path / "q.xlsx", "--objectives")
    result = run_cli("import", "xlsx", out, "--into", company)
    assert result.code == 0, result.err
    assert "0 changed or added, 125 unchanged" in result.err
    assert company.read_bytes() == before


def test_a_suppliers_edits_come_back_exactly(tmp_path: Path, company: Path) -> None:
    original = company.read_text("utf-8")
    out = export(company, tmp_path / "q.xlsx", "--objectives")
    edit(out, {
        ("SYS-3.4.1", "実施状況"): "実施済",                      # a Japanese word, not the drop-down's
        ("SYS-3.4.1", "実施内容の説明"): "監査ログを SIEM に集約した。\n週次でレビューしている。",
        ("SYS-3.3.2", "実施状況"): "ｎｏｔ＿ｉｍｐｌｅｍｅｎｔｅｄ",   # full-width
        ("SYS-3.3.2", "目標日"): "２０２７／３／３１",           # a date typed as text, full-width
        ("SYS-3.3.2", "予定する措置"): "=HYPERLINK(\"http://evil.example\",\"x\")",  # a pasted formula
        ("SYS-3.3.2", "証跡（1行に1件）"): "evidence/監査手順.md | 監査手順書\nhttps://wiki.example/audit",
        ("SYS-3.1.1[a]", "判定（評価目標）"): "不適合",
        ("SYS-3.1.1[b]", "判定（評価目標）"): "×",        # the ○ and × of a Japanese spreadsheet
        ("SYS-3.3.3", "目標日"): "令和9年4月1日",
    })
    result = run_cli("import", "xlsx", out, "--into", company)
    assert result.code == 0, result.err
    assert "changed SYS-3.4.1: status, narrative" in result.err
    assert requirement(company, "SYS-3.4.1")["status"] == "implemented"
    assert requirement(company, "SYS-3.4.1")["narrative"] == "監査ログを SIEM に集約した。\n週次でレビューしている。"
    r332 = requirement(company, "SYS-3.3.2")
    assert r332["status"] == "not_implemented"
    assert r332["target_date"] == dt.date(2027, 3, 31)
    assert r332["planned_measure"] == "=HYPERLINK(\"http://evil.example\",\"x\")"  # literal text, never evaluated
    assert r332["evidence"] == [{"path": "evidence/監査手順.md", "title": "監査手順書"},
                                {"url": "https://wiki.example/audit"}]
    assert requirement(company, "SYS-3.1.1")["objectives"]["a"] == "not_met"
    assert requirement(company, "SYS-3.1.1")["objectives"]["b"] == "not_met"
    assert requirement(company, "SYS-3.3.3")["target_date"] == dt.date(2027, 4, 1)
    text = company.read_text("utf-8")
    # comments, order and untouched answers survive
    comments = [line for line in original.splitlines() if line.strip().startswith("#")]
    assert all(c in text for c in comments)
    for rid in ("ORG-01", "SYS-3.13.11", "SYS-3.14.7"):
        block = original.split(f"  {rid}:\n", 1)[1].split("\n\n", 1)[0]
        assert block in text, rid
    assert run_cli("assess", company).code == 0


def test_bad_cells_are_all_reported_and_nothing_is_written(tmp_path: Path, company: Path) -> None:
    before = company.read_bytes()
    out = export(company, tmp_path / "q.xlsx", "--objectives")
    edit(out, {
        ("SYS-3.3.1", "実施状況"): "たぶん",
        ("SYS-3.3.2", "目標日"): "2027-02-30",
        ("SYS-3.3.3", "目標日"): dt.datetime(2027, 3, 31, 23, 59, 59),
        ("SYS-3.1.2[a]", "判定（評価目標）"): "=1+1",
        ("SYS-3.1.1", "実施状況"): "実施済み",   # contradicts the objective findings below
        ("SYS-3.1.1[b]", "判定（評価目標）"): "不適合",
    })
    # the messages are in the user's language, chosen when printed; the choices quote the workbook's words
    result = run_cli("import", "xlsx", out, "--into", company, env={"LC_ALL": "ja_JP.UTF-8"})
    assert result.code == 3
    for needle in ("要求事項!E", "「たぶん」は実施状況ではありません。",
                   "「2027-02-30」：そのような日はありません（2027年2月は28日までです）",
                   "時刻のない日付が必要な所に日時「2027-03-31 23:59」が書かれています。",
                   "「=1+1」は評価目標の判定ではありません。", "次から選んでください：「実施済み」、「一部実施」",
                   "b：not_met、c：met"):
        assert needle in result.err, needle
    assert result.err.count("ヒント：") >= 5
    english = run_cli("import", "xlsx", out, "--into", company, env={"LC_ALL": "C"})
    for needle in ("'たぶん' is not a status", "'2027-02-30': no such day (February 2027 has 28 days)",
                   "expected a date without a time, got a date and time '2027-03-31 23:59'",
                   "'=1+1' is not an objective finding", "choose one of: 実施済み, 一部実施",
                   "contradicts the objectives"):
        assert needle in english.err, needle
    assert english.err.count("hint:") >= 5
    assert "Traceback" not in result.err + english.err
    assert company.read_bytes() == before


def test_conflicts_are_refused_unless_forced(tmp_path: Path, company: Path) -> None:
    out = export(company, tmp_path / "q.xlsx")
    edit(out, {("SYS-3.3.1", "担当者"): "外注先 田中"})
    text = company.read_text("utf-8")
    mark = "    owner: 情報システム課 鈴木\n    planned_measure: UTM のログ"
    assert mark in text
    company.write_text(text.replace(mark, mark.replace("情報システム課 鈴木", "社内 佐藤")), "utf-8")
    before = company.read_bytes()
    result = run_cli("import", "xlsx", out, "--into", company)
    assert result.code == 4
    assert "SYS-3.3.1: owner: the file says '社内 佐藤', the workbook '外注先 田中'" in result.err
    assert company.read_bytes() == before
    forced = run_cli("import", "xlsx", out, "--into", company, "--force")
    assert forced.code == 0, forced.err
    assert "overridden SYS-3.3.1" in forced.err
    assert requirement(company, "SYS-3.3.1")["owner"] == "外注先 田中"


def test_a_change_only_on_one_side_is_never_a_conflict(tmp_path: Path, company: Path) -> None:
    out = export(company, tmp_path / "q.xlsx")
    edit(out, {("SYS-3.3.1", "担当者"): "外注先 田中"})
    text = company.read_text("utf-8")
    mark = "  SYS-3.3.2:\n    status: implemented\n"
    company.write_text(text.replace(mark, "  SYS-3.3.2:\n    status: planned\n    target_date: 2027-05-01\n"), "utf-8")
    result = run_cli("import", "xlsx", out, "--into", company)
    assert result.code == 0, result.err
    assert requirement(company, "SYS-3.3.2")["status"] == "planned"  # ours kept
    assert requirement(company, "SYS-3.3.1")["owner"] == "外注先 田中"  # theirs taken


def test_whitespace_a_cell_cannot_hold_is_no_change_and_no_conflict(tmp_path: Path, company: Path) -> None:
    """A block scalar's final newline and surrounding blanks do not survive a cell; that is not an edit by
    either side, and an edit elsewhere in the same answer leaves the narrative's style alone."""
    text = company.read_text("utf-8")
    start = text.index("  SYS-3.3.2:\n")
    end = text.index("\n\n", start)
    company.write_text(text[:start] + "  SYS-3.3.2:\n    status: implemented\n    narrative: |\n      一行目\n"
                       "      二行目\n    owner: '  外注先  '" + text[end:], "utf-8")
    before = company.read_bytes()
    out = export(company, tmp_path / "q.xlsx")
    untouched = run_cli("import", "xlsx", out, "--into", company)
    assert untouched.code == 0, untouched.err
    assert "0 changed or added" in untouched.err
    assert company.read_bytes() == before
    company.write_text(company.read_text("utf-8").replace("      二行目\n", "      二行目（改）\n", 1), "utf-8")
    edit(out, {("SYS-3.3.2", "担当者"): "社内 佐藤"})
    merged = run_cli("import", "xlsx", out, "--into", company)
    assert merged.code == 0, merged.err  # the file's narrative edit is no conflict with an untouched cell
    assert "changed SYS-3.3.2: owner\n" in merged.err
    assert "    narrative: |\n      一行目\n      二行目（改）\n    owner: " in company.read_text("utf-8")
    assert requirement(company, "SYS-3.3.2") == {"status": "implemented", "narrative": "一行目\n二行目（改）\n",
                                                 "owner": "社内 佐藤"}


def test_a_status_changed_on_a_row_whose_objectives_decide_it_is_no_conflict(tmp_path: Path, company: Path) -> None:
    """Without objective rows, the workbook shows the status the file's objectives give; the file has no
    status of its own, which is not a change since export."""
    out = export(company, tmp_path / "q.xlsx")
    edit(out, {("SYS-3.3.1", "実施状況"): "計画中"})  # objectives a–e met, f not met: partially implemented
    result = run_cli("import", "xlsx", out, "--into", company)
    assert result.code == 0, result.err
    assert "changed SYS-3.3.1: status\n" in result.err
    assert requirement(company, "SYS-3.3.1")["status"] == "planned"
    assert requirement(company, "SYS-3.3.1")["objectives"]["f"] == "not_met"


def test_a_parameter_value_of_several_lines_comes_back(tmp_path: Path) -> None:
    """An ODP value with line breaks (a YAML block scalar) is exported as continuation lines of its
    '01: value' line, and an untouched workbook reads back as the same answers."""
    answers = tmp_path / "r3.yaml"
    answers.write_text("format: dibcyber/answers@1\nprofile: nist-800-171r3\norganization: {name: 試験}\n"
                       "assessment: {date: 2026-11-01}\nrequirements:\n  \"03.01.01\":\n    status: implemented\n"
                       "    odp_values:\n      \"01\": 90日\n      \"05\": |\n        30分\n        注: 離席時\n"
                       "      \"06\": 共有端末\n", "utf-8")
    before = answers.read_bytes()
    out = export(answers, tmp_path / "q.xlsx")
    result = run_cli("import", "xlsx", out, "--into", answers)
    assert result.code == 0, result.err
    assert "0 changed or added" in result.err
    assert answers.read_bytes() == before
    fresh = run_cli("import", "xlsx", out, "-o", tmp_path / "fresh.yaml")
    assert fresh.code == 0, fresh.err
    assert requirement(tmp_path / "fresh.yaml", "03.01.01")["odp_values"] == {"01": "90日", "05": "30分\n注: 離席時",
                                                                             "06": "共有端末"}


def test_a_merge_that_does_not_validate_is_reported_at_the_cell(tmp_path: Path, company: Path) -> None:
    """The merged file is not written: its line numbers mean nothing to the user; the workbook's cell does."""
    text = company.read_text("utf-8")
    company.write_text(text.replace("  SYS-3.1.1:\n", "  3.1.1:\n", 1), "utf-8")  # an alias key
    before = company.read_bytes()
    out = export(company, tmp_path / "q.xlsx")
    edit(out, {("SYS-3.1.1", "実施状況"): "計画中"})  # the file's objectives are all met
    result = run_cli("import", "xlsx", out, "--into", company)
    assert result.code == 3
    assert "q.xlsx: 要求事項!E" in result.err and "requirements.SYS-3.1.1.status: status 'planned' contradicts" \
        in result.err
    # the only line named is where the answer starts in the user's own (unchanged) file: the other side
    key_line = before.decode("utf-8").splitlines().index("  3.1.1:") + 1
    assert re.findall(r"answers\.yaml:(\d+)", result.err) == [str(key_line)]
    assert company.read_bytes() == before


def test_a_deleted_row_leaves_its_answer_alone(tmp_path: Path, company: Path) -> None:
    """A row the supplier deleted (against the instructions) is no answer cleared: the file keeps it."""
    before = company.read_bytes()
    out = export(company, tmp_path / "q.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb["要求事項"]
    ws.delete_rows(next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "SYS-3.1.3"), 1)
    wb.save(out)
    result = run_cli("import", "xlsx", out, "--into", company, env={"LC_ALL": "ja_JP.UTF-8"})
    assert result.code == 0, result.err
    assert "質問票から1件の要件の行が削除されているため" in result.err
    assert "の回答はそのままにします：SYS-3.1.3" in result.err
    assert company.read_bytes() == before
    # a new file from the same workbook says so too: the answer is not there, and that is no silent loss
    fresh = run_cli("import", "xlsx", out, "-o", tmp_path / "new.yaml", env={"LC_ALL": "C"})
    assert fresh.code == 0, fresh.err
    assert "1 requirement row(s) were deleted from the workbook; nothing is read for them: SYS-3.1.3" in fresh.err
    assert "SYS-3.1.3" not in (tmp_path / "new.yaml").read_text("utf-8")


def test_evidence_titles_of_several_lines_and_targets_cited_twice_survive(tmp_path: Path, company: Path) -> None:
    """A line of the evidence cell is an entry: a title with a line break must not become a second entry,
    and two entries citing one file stay two (no YAML alias), each with its own title and hash."""
    text = company.read_text("utf-8")
    old = "    evidence:\n      - path: evidence/情報セキュリティ基本方針.md\n"
    assert old in text
    company.write_text(text.replace(old, old + "        title: |-\n          基本方針\n          第2版\n"
                                    "      - path: evidence/a.md\n        title: x\n      - path: evidence/a.md\n"
                                    "        title: y\n        sha256: " + "b" * 64 + "\n", 1), "utf-8")
    before = company.read_bytes()
    out = export(company, tmp_path / "q.xlsx")
    untouched = run_cli("import", "xlsx", out, "--into", company)
    assert untouched.code == 0, untouched.err
    assert company.read_bytes() == before
    wb = openpyxl.load_workbook(out)
    ws = wb["要求事項"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "ORG-01")
    column = next(c.column for c in ws[1] if c.value == "証跡（1行に1件）")
    ws.cell(row, column).value += "\nevidence/new.md"
    wb.save(out)
    added = run_cli("import", "xlsx", out, "--into", company)
    assert added.code == 0, added.err
    assert "*id" not in company.read_text("utf-8")
    assert requirement(company, "ORG-01")["evidence"] == [
        {"path": "evidence/情報セキュリティ基本方針.md", "title": "基本方針\n第2版"},
        {"path": "evidence/a.md", "title": "x"}, {"path": "evidence/a.md", "title": "y", "sha256": "b" * 64},
        {"path": "evidence/new.md"}]


def test_fresh_import_scores_like_the_original(tmp_path: Path) -> None:
    out = export(EXAMPLE, tmp_path / "q.xlsx")
    result = run_cli("import", "xlsx", out, "-o", tmp_path / "a.yaml")
    assert result.code == 0, result.err
    import json

    a = json.loads(run_cli("assess", EXAMPLE, "--format", "json").out)
    b = json.loads(run_cli("assess", tmp_path / "a.yaml", "--format", "json").out)
    # evidence is judged where each file lives (the import is written elsewhere, its evidence paths not there)
    assert {k: v for k, v in a["scores"].items() if k != "evidence"} == \
        {k: v for k, v in b["scores"].items() if k != "evidence"}
    assert [r["status"] for r in a["requirements"]] == [r["status"] for r in b["requirements"]]
    again = run_cli("import", "xlsx", out, "-o", tmp_path / "a.yaml")
    assert again.code == 4  # an existing file is not overwritten without --force


def test_a_workbook_of_another_profile_or_catalog_version_is_refused(tmp_path: Path, company: Path) -> None:
    other = export(EXAMPLE, tmp_path / "cmmc.xlsx", "--profile", "cmmc-l2")
    refused = run_cli("import", "xlsx", other, "--into", company)
    assert refused.code == 3 and "is for profile 'cmmc-l2'" in refused.err
    forced = run_cli("import", "xlsx", other, "--into", company, "--force")
    assert forced.code == 0, forced.err
    assert "warning: the workbook is for profile 'cmmc-l2'" in forced.err

    same = export(company, tmp_path / "q.xlsx")
    wb = openpyxl.load_workbook(same)
    meta = wb["_dibcyber"]
    for row in meta.iter_rows():
        if row[0].value == "catalog_version":
            row[1].value = "1999.1"
    wb.save(same)
    old = run_cli("import", "xlsx", same, "--into", company)
    assert old.code == 3 and "version '1999.1'" in old.err
    assert run_cli("import", "xlsx", same, "--into", company, "--force").code == 0


def test_a_metadata_sheet_without_its_hash_or_version_is_no_pass(tmp_path: Path, company: Path) -> None:
    """Deleting the rows that identify the catalog does not skip the check that the workbook is of it."""
    out = export(company, tmp_path / "q.xlsx")
    wb = openpyxl.load_workbook(out)
    meta = wb["_dibcyber"]
    for row in list(meta.iter_rows()):
        if row[0].value in ("texts_sha256", "catalog_version"):
            row[0].value = row[1].value = None
    wb.save(out)
    refused = run_cli("import", "xlsx", out, "--into", company)
    assert refused.code == 3, refused.err
    assert "differs from this dibcyber's 'atla-2022'" in refused.err
    assert run_cli("import", "xlsx", out, "--into", company, "--force").code == 0


def test_a_workbook_not_made_by_dibcyber(tmp_path: Path, company: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Status", "Narrative"])
    ws.append(["3.1.1", "implemented", "外部で記入"])
    ws.append(["SYS-3.4.1", "実施済み", None])
    wb.save(tmp_path / "foreign.xlsx")
    refused = run_cli("import", "xlsx", tmp_path / "foreign.xlsx", "--into", company)
    assert refused.code == 3 and "not made by dibcyber" in refused.err
    alone = run_cli("import", "xlsx", tmp_path / "foreign.xlsx", "--force")
    assert alone.code == 3 and "--into" in alone.err
    forced = run_cli("import", "xlsx", tmp_path / "foreign.xlsx", "--into", company, "--force")
    assert forced.code == 0, forced.err
    assert "warning: not a dibcyber workbook" in forced.err
    assert requirement(company, "SYS-3.4.1")["status"] == "implemented"
    assert requirement(company, "SYS-3.1.1")["narrative"] == "外部で記入"
    assert requirement(company, "SYS-3.1.1")["objectives"]["a"] == "met"  # no column for them: kept


# --- untrusted workbooks --------------------------------------------------------------------------


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _with_part(source: Path, target: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr(name, data)
    return target


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
          b'<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


@pytest.mark.parametrize("case", ["not-a-zip", "empty", "folder", "no-workbook", "zip-bomb", "too-big",
                                  "too-many-cells", "entity-bomb", "truncated"])
def test_hostile_workbooks_are_refused_with_a_clear_error(tmp_path: Path, case: str) -> None:
    good = export(EXAMPLE, tmp_path / "good.xlsx")
    env: dict[str, str] = {}
    target = tmp_path / f"{case}.xlsx"
    expected = {"not-a-zip": "not an .xlsx workbook", "empty": "not an .xlsx workbook",
                "folder": "is a folder", "no-workbook": "no xl/workbook.xml", "zip-bomb": "ZIP bomb",
                "too-big": "DIBCYBER_MAX_FILE_SIZE", "too-many-cells": "more cells than dibcyber reads",
                "entity-bomb": "cannot read", "truncated": "not a valid workbook (a ZIP container)"}[case]
    if case == "not-a-zip":
        target.write_text("ID,Status\n3.1.1,implemented\n", "utf-8")
    elif case == "empty":
        target.write_bytes(b"")
    elif case == "folder":
        target.mkdir()
    elif case == "no-workbook":
        _zip(target, {"hello.txt": b"hi"})
    elif case == "zip-bomb":
        _with_part(good, target, "xl/media/zeros.bin", b"\0" * 5_000_000)
    elif case == "too-big":
        shutil.copy(good, target)
        env["DIBCYBER_MAX_FILE_SIZE"] = "1000"
    elif case == "too-many-cells":
        shutil.copy(good, target)
        env["DIBCYBER_XLSX_MAX_CELLS"] = "100"
    elif case == "entity-bomb":
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                dst.writestr(item, LAUGHS if item.filename == "xl/worksheets/sheet3.xml" else data)
    elif case == "truncated":
        target.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    result = run_cli("import", "xlsx", target, "-o", tmp_path / "out.yaml", env=env)
    assert result.code == 3, result.err
    assert expected in result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert not (tmp_path / "out.yaml").exists()


def test_links_and_macros_are_ignored_with_a_warning(tmp_path: Path) -> None:
    good = export(EXAMPLE, tmp_path / "good.xlsx")
    linked = _with_part(good, tmp_path / "linked.xlsx", "xl/externalLinks/externalLink1.xml",
                        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
    result = run_cli("import", "xlsx", linked, "-o", tmp_path / "a.yaml")
    assert result.code == 0, result.err
    assert "links to other workbooks; the links are ignored" in result.err


def test_import_never_writes_over_its_workbook(tmp_path: Path) -> None:
    out = export(EXAMPLE, tmp_path / "q.xlsx")
    before = out.read_bytes()
    result = run_cli("import", "xlsx", out, "-o", out, "--force")
    assert result.code == 4 and "it is an input" in result.err
    assert out.read_bytes() == before


# --- reports as XLSX ------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "profile", "lang"), [("gap", None, "ja"), ("poam", "cmmc-l2", "en"),
                                                       ("plan", None, "en")])
def test_reports_as_xlsx(tmp_path: Path, kind: str, profile: str | None, lang: str) -> None:
    import json

    out = tmp_path / f"{kind}.xlsx"
    args = ["report", EXAMPLE, "--kind", kind, "--lang", lang, "-o", out, *(["--profile", profile] if profile else [])]
    result = run_cli(*args)
    assert result.code == 0, result.err
    wb = openpyxl.load_workbook(out)
    summary, items = wb.worksheets
    assert summary["B2"].value == "株式会社サンプル精機"
    expected = json.loads(run_cli("report", EXAMPLE, "--kind", kind, "--lang", lang, "--format", "json",
                                  *(["--profile", profile] if profile else [])).out)["items"]
    header = [c.value for c in items[1]]
    id_col = header.index("ID") + 1 if "ID" in header else header.index("番号") + 1
    date_col = header.index("Target date" if lang == "en" else "目標日") + 1
    ids = [items.cell(r, id_col).value for r in range(2, items.max_row + 1)]
    if kind == "plan":  # the plan's sheet goes on with the measures in place (tests/test_deliverables.py)
        ids = ids[:len(expected)]
    assert ids == [i["id"] for i in expected]
    assert items.freeze_panes == ("D2" if kind == "plan" else "C2") and items.auto_filter.ref
    dated = [items.cell(r, date_col).value for r in range(2, items.max_row + 1) if items.cell(r, date_col).value]
    assert dated and all(isinstance(d, dt.datetime) for d in dated)
    assert all(items.cell(r, c).data_type != "f" for r in range(1, items.max_row + 1)
               for c in range(1, items.max_column + 1))


def test_report_xlsx_needs_a_file(tmp_path: Path) -> None:
    result = run_cli("report", EXAMPLE, "--format", "xlsx")
    assert result.code == 2 and "cannot go to standard output" in result.err


def test_saved_workbooks_carry_no_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same workbook saved in two different seconds gives the same bytes (openpyxl stamps ZIP members
    with the current time; xlsxio.save does not keep it)."""
    import time

    from openpyxl import Workbook

    from dibcyber.exchange.xlsxio import save

    def saved_at(seconds: float) -> bytes:
        monkeypatch.setattr(time, "time", lambda: seconds)
        monkeypatch.setattr(time, "localtime", lambda t=None: time.gmtime(seconds))
        wb = Workbook()
        wb.active["A1"] = "x"  # type: ignore[index]
        return save(wb, dt.date(2026, 11, 1))

    assert saved_at(1_800_000_000) == saved_at(1_800_000_077)


def test_no_workbook_dibcyber_writes_holds_the_time_it_was_written(tmp_path: Path) -> None:
    """openpyxl stamps docProps/core.xml with the time of saving, so two runs a second apart gave different
    bytes (a flaky test found it). Every workbook carries the day its content is of, or no time at all."""
    example = ROOT / "examples" / "sample-seiki" / "answers.yaml"
    out = {name: tmp_path / f"{name}.xlsx" for name in ("questionnaire", "blank", "gap", "request", "portfolio",
                                                         "worklist")}
    for args in (("export", "xlsx", example, "-o", out["questionnaire"]),
                 ("export", "xlsx", "--profile", "atla-standard", "-o", out["blank"]),
                 ("report", example, "-o", out["gap"]),
                 ("report", example, "--kind", "evidence-request", "-o", out["request"]),
                 ("portfolio", example, "-o", out["portfolio"]),
                 ("migrate", example, "--to", "nist-800-171r3", "-o", tmp_path / "r3.yaml", "-w", out["worklist"])):
        result = run_cli(*args)
        assert result.code in (0, 1), (args, result.err)
    for name, path in out.items():
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml").decode()
        times = re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core)
        assert re.search(r"<dc:creator[^>]*>dibcyber ", core), (name, core)  # Excel shows it as the author
        if name in ("blank", "worklist"):
            assert times == [], (name, core)  # no day of its own: no time
        else:
            assert times == [("created", "2026-11-01T12:00:00Z"), ("modified", "2026-11-01T12:00:00Z")], (name, core)
