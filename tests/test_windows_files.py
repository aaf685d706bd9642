"""Files written on Windows: CRLF, a BOM, backslashes and drive letters in evidence paths, Shift_JIS."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

ANSWERS = ("format: dibcyber/answers@1\r\nprofile: cmmc-l2\r\norganization: {name: 株式会社ウィンドウズ精工}\r\n"
           "assessment: {date: 2026-11-01}\r\nrequirements:\r\n  3.1.1:\r\n    status: implemented\r\n"
           "    narrative: 規程に従い運用している。\r\n    evidence:\r\n"
           "      - {path: 'evidence\\規程\\アクセス制御.md'}\r\n")


def company(tmp_path: Path, extra: str = "") -> Path:
    (tmp_path / "evidence" / "規程").mkdir(parents=True)
    (tmp_path / "evidence" / "規程" / "アクセス制御.md").write_text("# アクセス制御規程\n", "utf-8")
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (ANSWERS + extra).encode("utf-8"))
    return path


def test_crlf_bom_and_backslash_paths(tmp_path: Path) -> None:
    answers = company(tmp_path)
    assert run_cli("assess", answers).code == 0
    check = run_cli("evidence", "check", answers, "--format", "json")
    assert check.code == 0, check.out + check.err
    [item] = json.loads(check.out)["items"]
    assert item["path"] == "evidence\\規程\\アクセス制御.md" and item["sha256"] and item["problems"] == []
    before = answers.read_bytes()
    assert run_cli("evidence", "lock", answers).code == 0
    after = answers.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\r\n" in after and b"\n" not in after.replace(b"\r\n", b"")
    assert after != before and b"sha256" in after  # locked, with the file's BOM and line endings kept


def test_a_drive_letter_is_outside_with_a_located_reason(tmp_path: Path) -> None:
    answers = company(tmp_path, "      - {path: 'C:\\Users\\yamada\\規程.md'}\r\n"
                                "      - {path: '\\\\fileserver\\share\\規程.md'}\r\n")
    result = run_cli("evidence", "check", answers, "--format", "json")
    assert result.code == 1
    items = json.loads(result.out)["items"]
    assert [i["problems"] for i in items] == [[], ["outside-root"], ["outside-root"]]
    assert "an absolute Windows path" in items[1]["detail"]
    assert items[1]["location"].endswith("answers.yaml:11:9")


def test_shift_jis_is_named_and_read_only_when_asked(tmp_path: Path) -> None:
    answers = company(tmp_path)
    sjis = tmp_path / "sjis.yaml"
    sjis.write_bytes(answers.read_bytes()[3:].decode("utf-8").encode("cp932"))
    refused = run_cli("assess", sjis)
    assert refused.code == 3
    assert "Shift_JIS (CP932)" in refused.err and "iconv -f CP932 -t UTF-8" in refused.err
    assert "--encoding cp932" in refused.err
    utf8 = json.loads(run_cli("assess", answers, "--format", "json").out)
    chosen = run_cli("--encoding", "cp932", "assess", sjis, "--format", "json")
    assert chosen.code == 0, chosen.err
    assert json.loads(chosen.out)["scores"] == utf8["scores"]
    assert json.loads(chosen.out)["organization"]["name"] == "株式会社ウィンドウズ精工"
    before = sjis.read_bytes()
    edit = run_cli("--encoding", "cp932", "evidence", "lock", sjis)
    assert edit.code == 3 and "only as UTF-8" in edit.err and "iconv -f cp932" in edit.err
    assert sjis.read_bytes() == before  # never re-encoded silently
    assert run_cli("--encoding", "klingon", "assess", sjis).code == 2


def test_the_portfolio_reads_with_the_chosen_encoding_in_every_worker(tmp_path: Path) -> None:
    for n in range(3):
        folder = tmp_path / f"s{n}"
        folder.mkdir()
        text = ANSWERS.replace("ウィンドウズ精工", f"協力会社{n}")
        (folder / "answers.yaml").write_bytes(text.encode("cp932"))
    result = run_cli("--encoding", "cp932", "portfolio", tmp_path, "--format", "json", "-j", "2")
    assert result.code == 0, result.err
    assert sorted(s["name"] for s in json.loads(result.out)["suppliers"]) == [
        "株式会社協力会社0", "株式会社協力会社1", "株式会社協力会社2"]
