"""Data-driven: every folder in cases/bad holds an input and what `catalog validate` must say about it.

Add a regression case by adding a folder, not Python.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import yaml_helper
from conftest import CASES, run_cli
from test_messages import english_runs

JA = {"LANG": "ja_JP.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}

BAD = sorted(p for p in (CASES / "bad").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_bad_catalogs_and_profiles(case: Path) -> None:
    expect = yaml_helper.load(case / "expect.yaml")
    result = run_cli("catalog", "validate", case / "input.yaml")
    assert result.code == expect["exit"], result.err
    for needle in expect["stderr"]:
        assert needle in result.err, f"{needle!r} not in:\n{result.err}"
    assert "Traceback" not in result.err + result.out
    assert result.out == ""


def test_every_problem_of_several_files_is_reported_together() -> None:
    result = run_cli("catalog", "validate", CASES / "bad" / "duplicate-id" / "input.yaml",
                     CASES / "bad" / "misspelt-key" / "input.yaml")
    assert result.code == 3
    assert "4 problems" in result.err


BAD_ANSWERS = sorted(p for p in (CASES / "bad-answers").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", BAD_ANSWERS, ids=[p.name for p in BAD_ANSWERS])
def test_bad_answers(case: Path) -> None:
    expect = yaml_helper.load(case / "expect.yaml")
    before = {p: p.read_bytes() for p in case.iterdir()}
    for args in (["assess", case / "answers.yaml"], ["assess", case / "answers.yaml", "--format", "json"]):
        result = run_cli(*args)
        assert result.code == expect["exit"], result.err
        for needle in expect["stderr"]:
            assert needle in result.err, f"{needle!r} not in:\n{result.err}"
        assert "Traceback" not in result.err
        assert result.out == ""
    assert {p: p.read_bytes() for p in case.iterdir()} == before  # nothing written


@pytest.mark.parametrize("case", BAD + BAD_ANSWERS, ids=[f"{p.parent.name}/{p.name}" for p in BAD + BAD_ANSWERS])
def test_bad_input_in_japanese(case: Path) -> None:
    """The same cases for a Japanese user: the same exit code, located as before, no English sentence."""
    expect = yaml_helper.load(case / "expect.yaml")
    name = "input.yaml" if (case / "input.yaml").exists() else "answers.yaml"
    args = ["catalog", "validate", case / name] if name == "input.yaml" else ["assess", case / name]
    result = run_cli(*args, env=JA)
    assert result.code == expect["exit"], result.err
    assert result.err.startswith("dibcyber: エラー：") and f"{name}:" in result.err
    assert english_runs(result.err) == [], result.err
