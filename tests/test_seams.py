"""Where the formats meet: each defect found in the supplier → prime trial, as a regression test.

The general promises are property tests in ``test_invariants.py``; these are the cases as they were found.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import yaml_helper
from conftest import ROOT, run_cli

EXAMPLE_DIR = ROOT / "examples" / "sample-seiki"
EXAMPLE = EXAMPLE_DIR / "answers.yaml"


def run(*args: str | Path, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command in a pipe (no terminal), as CI and log files see it."""
    full = {**os.environ, "COLUMNS": "80", "LANG": "C.UTF-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "dibcyber", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=full, timeout=120, check=False)


def reqs_sheet(path: Path) -> tuple[openpyxl.Workbook, object, dict[str, int], dict[str, int]]:
    wb = openpyxl.load_workbook(path)
    ws = next(s for s in wb.worksheets if s.sheet_state == "visible" and s.cell(1, 1).value == "ID")
    header = {str(c.value): c.column for c in ws[1]}
    rows: dict[str, int] = {}
    for r in range(2, ws.max_row + 1):
        rows.setdefault(str(ws.cell(r, 1).value), r)
    return wb, ws, header, rows


# --- partial credit from init through the workbook ---------------------------------------------------


def test_init_export_partial_credit_choice_import_into(tmp_path: Path) -> None:
    """init writes 3.5.3's objectives empty; choosing the partial case in the workbook must merge."""
    answers = tmp_path / "a.yaml"
    assert run_cli("init", "--profile", "atla-standard", "-o", answers, "--lang", "ja").code == 0
    text = answers.read_text("utf-8").replace('"（会社名を記入）"', "株式会社部分点", 1)
    answers.write_text(text, "utf-8")
    q = tmp_path / "q.xlsx"
    assert run_cli("export", "xlsx", answers, "-o", q).code == 0
    wb, ws, header, rows = reqs_sheet(q)
    ws.cell(rows["SYS-3.5.3"], header["実施状況"]).value = "一部実施"  # type: ignore[attr-defined]
    ws.cell(rows["SYS-3.5.3"], header["部分点の条件（DoD評価方法論）"]).value = "MFAはリモート・特権のみ"  # type: ignore[attr-defined]
    wb.save(q)
    result = run_cli("import", "xlsx", q, "--into", answers)
    assert result.code == 0, result.err
    answer = yaml_helper.load(answers)["requirements"]["SYS-3.5.3"]
    assert answer["status"] == "partially_implemented"
    assert answer["partial_credit"] == "mfa_remote_and_privileged_only"
    assessed = run_cli("assess", answers, "--format", "json")
    assert assessed.code in (0, 1), assessed.err
    assert '"partial-credit"' in assessed.out


def test_the_commented_partial_credit_line_of_init_works_when_uncommented(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    assert run_cli("init", "--profile", "atla-standard", "-o", answers, "--lang", "en").code == 0
    lines = answers.read_text("utf-8").splitlines()
    start = lines.index('  "SYS-3.5.3":')
    status = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("status:"))
    lines[status] = "    status: partially_implemented"
    hint = next(i for i in range(start, len(lines)) if lines[i].strip() == "# partial_credit: "
                "mfa_remote_and_privileged_only")
    lines[hint] = "    partial_credit: mfa_remote_and_privileged_only"
    answers.write_text("\n".join(lines) + "\n", "utf-8")
    result = run_cli("assess", answers, "--format", "json")
    assert result.code in (0, 1), result.err


def test_findings_that_were_made_still_refute_a_recorded_partial_case(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("format: dibcyber/answers@1\nprofile: cmmc-l2\norganization: {name: X}\n"
                       "assessment: {date: 2026-11-01}\nrequirements:\n  3.5.3:\n    status: partially_implemented\n"
                       "    objectives: {a: met, b: not_met, c: , d: }\n"
                       "    partial_credit: mfa_remote_and_privileged_only\n", "utf-8")
    result = run_cli("assess", answers)
    assert result.code == 3
    assert "contradicts the objectives: b: not_met" in result.err


# --- the workbook's own safeguards ----------------------------------------------------------------


def test_swapped_ids_are_refused_at_the_id_cell(tmp_path: Path) -> None:
    """Two IDs exchanged in column A would move each row's answers to the other requirement."""
    q = tmp_path / "q.xlsx"
    assert run_cli("export", "xlsx", EXAMPLE, "-o", q).code == 0
    wb, ws, _, rows = reqs_sheet(q)
    a, b = rows["SYS-3.1.1"], rows["SYS-3.1.2"]
    ws.cell(a, 1).value, ws.cell(b, 1).value = "SYS-3.1.2", "SYS-3.1.1"  # type: ignore[attr-defined]
    wb.save(q)
    result = run_cli("import", "xlsx", q, "-o", tmp_path / "b.yaml", env={"LC_ALL": "ja_JP.UTF-8"})
    assert result.code == 3
    assert f"要求事項!A{a}" in result.err and f"要求事項!A{b}" in result.err
    assert "ID「SYS-3.1.2」が行の項目名・要求事項と一致しません。" in result.err
    assert not (tmp_path / "b.yaml").exists()
    forced = run_cli("import", "xlsx", q, "-o", tmp_path / "c.yaml", "--force")  # by ID, as asked
    assert forced.code == 0, forced.err


def test_a_fresh_init_file_exports_without_its_placeholders(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    assert run_cli("init", "--profile", "atla-standard", "-o", answers, "--lang", "ja").code == 0
    q = tmp_path / "q.xlsx"
    assert run_cli("export", "xlsx", answers, "-o", q).code == 0
    org = openpyxl.load_workbook(q)["基本情報"]
    values = {org.cell(r, 3).value: org.cell(r, 2).value for r in range(2, org.max_row + 1)}
    assert values["organization.name"] is None and values["assessment.date"] is None
    result = run_cli("import", "xlsx", q, "-o", tmp_path / "b.yaml")  # returned as it was sent
    assert result.code == 3
    assert "基本情報!B2" in result.err and "基本情報!B12" in result.err
    # a supplier typing the placeholder back is told so
    wb = openpyxl.load_workbook(q)
    wb["基本情報"]["B2"] = "（会社名を記入）"
    wb["基本情報"]["B12"] = dt.date(2026, 12, 1)
    wb.save(q)
    again = run_cli("import", "xlsx", q, "-o", tmp_path / "b.yaml", env={"LC_ALL": "ja_JP.UTF-8"})
    assert again.code == 3 and "会社名が新規回答ファイルの仮の値のままです。" in again.err
    english = run_cli("import", "xlsx", q, "-o", tmp_path / "b.yaml", env={"LC_ALL": "C"})
    assert "the company name is still the placeholder of a new answers file" in english.err


def test_not_applicable_without_a_reason_is_warned_about_at_import(tmp_path: Path) -> None:
    q = tmp_path / "q.xlsx"
    assert run_cli("export", "xlsx", EXAMPLE, "-o", q).code == 0
    wb, ws, header, rows = reqs_sheet(q)
    r = rows["SYS-3.1.18"]
    ws.cell(r, header["実施状況"]).value = "該当なし"  # type: ignore[attr-defined]
    ws.cell(r, header["実施内容の説明"]).value = None  # type: ignore[attr-defined]
    wb.save(q)
    result = run_cli("import", "xlsx", q, "-o", tmp_path / "b.yaml", env={"LC_ALL": "ja_JP.UTF-8"})
    assert result.code == 0, result.err
    assert f"要求事項!E{r}：SYS-3.1.18は「該当なし」ですが実施内容の説明に理由がないため、" \
           "未実施として採点されます。" in result.err
    assert "SYS-3.1.16" not in result.err  # the example gives its reasons
    # the warning is in the user's language, quoting the workbook's own cell name
    english = run_cli("import", "xlsx", q, "-o", tmp_path / "c.yaml", env={"LC_ALL": "C"})
    assert f"要求事項!E{r}: SYS-3.1.18 is 'not applicable' without a reason in the Narrative" in english.err


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_workbook_prints_and_warns_in_its_language(tmp_path: Path, lang: str) -> None:
    q = tmp_path / "q.xlsx"
    assert run_cli("export", "xlsx", EXAMPLE, "-o", q, "--lang", lang).code == 0
    _, ws, _, _ = reqs_sheet(q)
    setup = ws.page_setup  # type: ignore[attr-defined]
    assert (setup.orientation, int(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage  # type: ignore[attr-defined]
    assert ws.print_title_rows == "$1:$1"  # type: ignore[attr-defined]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]  # type: ignore[attr-defined]
    assert lists and all(dv.showErrorMessage and dv.errorStyle == "warning" for dv in lists)
    words = {"ja": "ドロップダウンの選択肢にありません", "en": "not in the drop-down list"}[lang]
    assert all(words in dv.error for dv in lists)


def test_the_old_english_3_13_11_label_is_still_read(tmp_path: Path) -> None:
    """Workbooks sent before the fix carry 'encrypted, not FIPS-validated' typed by hand."""
    src = tmp_path / "a.yaml"
    src.write_text("format: dibcyber/answers@1\nprofile: cmmc-l2\norganization: {name: X}\n"
                   "assessment: {date: 2026-11-01}\nrequirements: {}\n", "utf-8")
    q = tmp_path / "q.xlsx"
    assert run_cli("export", "xlsx", src, "-o", q, "--lang", "en").code == 0
    wb, ws, header, rows = reqs_sheet(q)
    ws.cell(rows["3.13.11"], header["Status"]).value = "partially implemented"  # type: ignore[attr-defined]
    ws.cell(rows["3.13.11"], header["Partial credit (DoD methodology)"]).value = \
        "encrypted, not FIPS-validated"  # type: ignore[attr-defined]
    wb.save(q)
    result = run_cli("import", "xlsx", q, "-o", tmp_path / "b.yaml")
    assert result.code == 0, result.err
    assert yaml_helper.load(tmp_path / "b.yaml")["requirements"]["3.13.11"]["partial_credit"] == \
        "encryption_not_fips_validated"


# --- portfolio ------------------------------------------------------------------------------------


def _suppliers(tmp_path: Path) -> Path:
    chain = tmp_path / "chain"
    chain.mkdir()
    text = EXAMPLE.read_text("utf-8")
    for i, (name, tier) in enumerate([("株式会社サンプル精機 第一工場", "1"), ("株式会社サンプル精機 第二工場", "2")]):
        body = text.replace("name: 株式会社サンプル精機", f"name: {name}", 1)
        body = body.replace("organization:\n", f"organization:\n  tags: {{tier: {tier}}}\n", 1)
        (chain / f"s{i}.yaml").write_text(body, "utf-8")
    return chain


def test_the_portfolio_table_in_a_pipe_keeps_whole_names_and_counts(tmp_path: Path) -> None:
    chain = _suppliers(tmp_path)
    r = run("portfolio", chain, "--group-by", "tier", "--lang", "ja", "-j", "1")
    assert r.returncode == 0, r.stderr
    assert "株式会社サンプル精機 第一工場" in r.stdout and "株式会社サンプル精機 第二工場" in r.stdout
    assert "…" not in r.stdout
    header = next(line for line in r.stdout.splitlines() if "取引先" in line)
    cells = [c.strip() for c in re.split(r"[┃│]", header)[1:-1]]
    assert cells[0] == "グループ" and cells[-1] == "注意" and all(cells)
    assert "未完了" in cells and "未実施" not in cells
    row = next(line for line in r.stdout.splitlines() if "第一工場" in line)
    cells = [c.strip() for c in re.split(r"[┃│]", row)[1:-1]]
    assert cells[0] == "1" and cells[cells.index("43") + 3] == "0"  # overdue is 0, not blank


def test_portfolio_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "p.json"
    out.write_text("{}", "utf-8")
    result = run_cli("portfolio", EXAMPLE, "-o", out, "-j", "1")
    assert result.code == 4 and "exists; not overwriting it" in result.err
    assert out.read_text("utf-8") == "{}"
    assert run_cli("portfolio", EXAMPLE, "-o", out, "-j", "1", "--force").code == 0
    assert '"dibcyber/portfolio@1"' in out.read_text("utf-8")


# --- plain output in pipes and logs ----------------------------------------------------------------


def test_evidence_check_in_a_pipe_shows_whole_paths(tmp_path: Path) -> None:
    work = tmp_path / "co"
    shutil.copytree(EXAMPLE_DIR, work)
    long = "evidence/バックアップ取得記録_2026年度_第3四半期_ファイルサーバ及びNAS.md"
    (work / long).write_text("x", "utf-8")
    text = (work / "answers.yaml").read_text("utf-8")
    text = text.replace("    evidence:\n", f"    evidence:\n      - path: {long}\n", 1)
    (work / "answers.yaml").write_text(text, "utf-8")
    assert run("evidence", "lock", "answers.yaml", cwd=work).returncode == 0
    (work / long).write_text("changed", "utf-8")
    r = run("evidence", "check", "answers.yaml", cwd=work)
    assert r.returncode == 1
    line = next(x for x in r.stdout.splitlines() if "バックアップ取得記録" in x)
    assert long in line  # on one line, whole: grep finds it


def test_catalog_and_profile_lists_in_a_pipe_are_not_cut() -> None:
    r = run("profile", "list")
    assert r.returncode == 0
    assert "nist-800-171r2" in r.stdout and "conformance, sprs" in r.stdout and "…" not in r.stdout


# --- words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "shown"), [
    (dt.date(2019, 4, 30), "平成31年4月30日"), (dt.date(2019, 5, 1), "令和元年5月1日"),
    (dt.date(2019, 12, 31), "令和元年12月31日"), (dt.date(2020, 1, 1), "令和2年1月1日"),
    (dt.date(1989, 1, 8), "平成元年1月8日"), (dt.date(2026, 11, 1), "令和8年11月1日"),
])
def test_japanese_documents_date_in_the_era_calendar(day: dt.date, shown: str) -> None:
    """令和元年, never 令和1年; the era boundaries; the cover adds the Western date once."""
    from dibcyber.report.messages import format_date, messages

    m = messages("ja")
    assert format_date(m, day) == shown
    assert format_date(m, day, era=True) == f"{shown}（{day.year}年{day.month}月{day.day}日）"
    assert format_date(m, dt.date(1989, 1, 7)) == "1989年1月7日"  # before the eras dibcyber writes
    assert format_date(messages("en"), day) != shown


@pytest.mark.parametrize(("command", "usage"), [
    (["assess"], "Usage: dibcyber assess [OPTIONS] ANSWERS\n"),
    (["report"], "Usage: dibcyber report [OPTIONS] ANSWERS...\n"),
    (["export", "xlsx"], "Usage: dibcyber export xlsx [OPTIONS] [ANSWERS]\n"),
    (["catalog", "show"], "Usage: dibcyber catalog show [OPTIONS] CATALOG [REQUIREMENT]...\n"),
    (["diff"], "Usage: dibcyber diff [OPTIONS] OLD NEW\n"),
])
def test_usage_lines_name_arguments_plainly(command: list[str], usage: str) -> None:
    result = run_cli(*command, "--help")
    assert result.code == 0
    assert usage in result.out
    assert "{" not in result.out.splitlines()[0] and "[[" not in result.out


def test_the_japanese_worklist_shows_no_raw_keys(tmp_path: Path) -> None:
    out = tmp_path / "w.md"
    result = run_cli("migrate", EXAMPLE, "--to", "nist-800-171r3", "-o", tmp_path / "m.yaml", "-w", out,
                     "--lang", "ja")
    assert result.code == 0, result.err
    text = out.read_text("utf-8")
    for raw in ("implemented", "not_applicable", ": met", "not_met", "partially_implemented"):
        assert raw not in text, raw
    assert "移行先ファイルの要件: 79" in text
    assert "79件の要件を書き出しました（そのまま移行51件、統合28件、分割0件）" in result.err


pypdf = pytest.importorskip("pypdf")


@pytest.mark.parametrize("kind", ["gap", "plan", "poam"])
def test_pdf_dates_and_owners_do_not_break_inside_a_word(tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.pdf"
    result = run_cli("report", EXAMPLE, "--kind", kind, "-o", out)
    if result.code == 5:
        pytest.fail(f"PDF rendering is needed here: {result.err}")
    assert result.code == 0, result.err
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    dates = set(re.findall(r"target_date: (\d{4})-(\d{2})-(\d{2})", EXAMPLE.read_text("utf-8")))
    assert dates
    lines = text.splitlines()
    from dibcyber.dates import era_date

    for y, m, d in dates:
        whole = era_date(dt.date(int(y), int(m), int(d)))
        assert whole is not None
        if whole in text:
            continue
        assert not any(line.endswith(whole[:-1]) for line in lines), whole
    owners = set(re.findall(r"owner: (\S+) (\S+)\n", EXAMPLE.read_text("utf-8")))
    assert owners
    shown = [o for o in owners if o[1] in text]  # the owners of items this report lists
    assert shown
    for section, person in shown:  # an owner breaks between its words only, never inside its section's name
        assert re.search(re.escape(section) + r"\s*" + re.escape(person), text), (section, person)
