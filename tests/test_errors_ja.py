"""Error messages in the user's language: a Japanese locale or --lang ja gives Japanese errors, with the
same locations and quoted values; --lang en keeps English whatever the locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES, run_cli

JA = {"LANG": "ja_JP.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
ENGLISH = ("problem", "hint:", "unknown key", "missing required key", "expected", "did you mean", "not valid",
           "contradicts", "YAML syntax", "is not a valid date", "partial credit", "partial case", "needs status")
BAD = sorted(p for p in (CASES / "bad-answers").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_bad_answers_in_japanese(case: Path) -> None:
    result = run_cli("assess", case / "answers.yaml", env=JA)
    assert result.code == 3
    assert "件の問題があります：" in result.err
    english = [w for w in ENGLISH if w in result.err]
    assert not english, result.err
    assert f"{case.name}/answers.yaml:" in result.err  # located as before


def test_lang_option_wins_over_the_locale(tmp_path: Path) -> None:
    bad = CASES / "bad-answers" / "unknown-ids" / "answers.yaml"
    english = run_cli("assess", bad, "--lang", "en", env=JA)
    assert "2 problems:" in english.err and "unknown requirement '3.1.99'" in english.err
    japanese = run_cli("assess", bad, "--lang", "ja")
    assert "カタログnist-800-171r2に要件「3.1.99」はありません。" in japanese.err
    assert "「3.1.9」の誤りではありませんか。" in japanese.err


def test_other_errors(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    out.write_text("x", "utf-8")
    exists = run_cli("init", "-p", "cmmc-l2", "-o", out, env=JA)
    assert exists.code == 4 and "は既にあるため上書きしません。" in exists.err
    assert "--forceを付けてください" in exists.err
