"""The README is the manual: its exit-code table and Quick start must match the code."""

from __future__ import annotations

import re

from conftest import ROOT
from dibcyber.errors import ExitCode

README = (ROOT / "README.md").read_text("utf-8")


def test_exit_code_table_matches_enum() -> None:
    section = README.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = {int(m) for m in re.findall(r"^\| (\d+) \|", section, re.MULTILINE)}
    assert documented == {int(c) for c in ExitCode}


def test_quick_start_has_exactly_two_lines() -> None:
    block = README.split("<!-- quickstart:begin -->", 1)[1].split("<!-- quickstart:end -->", 1)[0]
    lines = [line for line in block.splitlines() if line.startswith("python3 ")]
    assert len(lines) == 2
    assert "pytest" in lines[1]


def test_the_manuals_exit_code_table_matches_enum() -> None:
    page = (ROOT / "docs" / "reference" / "exit-codes.md").read_text("utf-8")
    documented = {int(m) for m in re.findall(r"^\| (\d+) \|", page, re.MULTILINE)}
    assert documented == {int(c) for c in ExitCode}
