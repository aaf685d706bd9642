"""The questionnaire `dibcyber init` writes: 80 columns, wrapped as a person would, every field explained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import run_cli
from dibcyber.engine.questionnaire import display_width, wrap


@pytest.mark.parametrize("profile", ["atla-standard", "cmmc-l2", "nist-800-171r3"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_template_fits_80_columns_and_explains_its_fields(tmp_path: Path, profile: str, lang: str) -> None:
    out = tmp_path / "a.yaml"
    assert run_cli("init", "-p", profile, "-o", out, "--lang", lang).code == 0
    lines = out.read_text("utf-8").splitlines()
    assert max(display_width(line) for line in lines) <= 80
    assert not any(line.lstrip(" #").startswith(("。", "、", "）")) for line in lines)
    text = "\n".join(lines)
    today = dt.date.today().isoformat()
    for key in ("name_en", "cage_code", "scope", "system", "marking"):
        i = lines.index(f"  {key}:")
        assert lines[i - 1].lstrip().startswith("#"), key  # a note above each of them
    i = lines.index(f"  date: {today}")
    assert today in "".join(lines[i - 2:i])  # the note says the date was pre-filled
    assert run_cli("assess", out).code == 0
    if profile == "atla-standard":
        assert ("SPRS換算で部分点" if lang == "ja" else "SPRS view's partial case") in text


def test_wrap_keeps_words_whole_and_obeys_kinsoku() -> None:
    text = "暗号モジュールは FIPS 140-2 validated であること。次に、" * 4
    for width in range(20, 60):
        lines = wrap(text, "  # ", width, hang="  ")
        assert all(display_width(line) <= width for line in lines if " " not in line.strip("# ")
                   or not any(display_width(w) > width - 6 for w in line.split()))
        body = [line.removeprefix("  # ").strip() for line in lines]
        assert not any(b.startswith(("。", "、")) for b in body), (width, lines)
        assert "validated" in "".join(lines)  # never split inside a Latin word
        assert all("FIPS" in line or "FIP" not in line for line in lines)


def test_untouched_objectives_are_summarised_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    assert run_cli("init", "-p", "atla-standard", "-o", out, "--lang", "ja").code == 0
    result = run_cli("assess", out, "--lang", "ja")
    assert result.code == 0
    assert "評価目標が未回答の未評価項目110件（一覧: --format json）" in result.out
    assert "が未回答であり" not in result.out  # not one warning per untouched requirement
