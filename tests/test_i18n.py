"""The command line's own messages: every ID in both languages with the same parameters, the Japanese
under the glossary's spacing rule, and no English on a Japanese screen for the common notes."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import CONTROLS, ROOT, run_cli
from dibcyber import i18n

SPACING = YAML(typ="safe").load((CONTROLS / "glossary.yaml").read_text("utf-8"))["spacing"]["forbidden"]


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("message_id", sorted(i18n.MESSAGES))
def test_every_message_has_both_languages_and_the_same_parameters(message_id: str) -> None:
    entry = i18n.MESSAGES[message_id]
    assert set(entry) == {"ja", "en"} and all(entry.values())
    assert fields(entry["ja"]) == fields(entry["en"]), message_id
    # the glossary's spacing rule, on the text around the parameters ('dibcyber: ' is the program's name,
    # written as command-line programs write it)
    ja = re.sub(r"\{\w+\}", "", entry["ja"].removeprefix("dibcyber: "))
    for pattern in SPACING:
        assert not re.search(pattern, ja), (message_id, ja)


def test_the_common_notes_speak_japanese(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    init = run_cli("init", "--profile", "atla-standard", "-o", answers, "--lang", "ja")
    assert init.code == 0 and "書き出しました" in init.err and "wrote" not in init.err
    work = tmp_path / "co"
    shutil.copytree(ROOT / "examples" / "sample-seiki", work)
    report = run_cli("report", work / "answers.yaml", "-o", tmp_path / "g.md", "--lang", "ja")
    assert report.code == 0 and report.err.startswith("書き出しました")
    missing = run_cli("assess", tmp_path / "nope.yaml", "--lang", "ja")
    assert missing.code == 3 and missing.err.startswith("dibcyber: エラー：")
    english = run_cli("assess", tmp_path / "nope.yaml", "--lang", "en")
    assert english.err.startswith("dibcyber: error: ")
    table = run_cli("evidence", "check", work / "answers.yaml", "--lang", "ja")
    assert "問題なし" in table.out and "problem(s)" not in table.out and "証跡（起点" in table.out


@pytest.mark.parametrize("name", ["INTERACTIVE", "TERMINAL", "SUMMARY", "QUESTIONNAIRE", "OSCAL"])
def test_every_screen_table_has_both_languages_with_the_same_parameters(name: str) -> None:
    import string

    from dibcyber.i18n import tables

    table = getattr(tables, name)
    assert set(table) == {"ja", "en"}
    assert set(table["ja"]) == set(table["en"]), set(table["ja"]) ^ set(table["en"])

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for key in table["ja"]:
        assert fields(table["ja"][key]) == fields(table["en"][key]), key


# --- one vocabulary of answers ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["STATUS_NAMES", "FINDING_NAMES", "PARTIAL_NAMES"])
def test_the_vocabulary_names_every_value_once_in_both_languages(name: str) -> None:
    from dibcyber.i18n import tables
    from dibcyber.models.answers import PARTIAL_CREDIT, STATUSES

    table = getattr(tables, name)
    keys = {"STATUS_NAMES": {*STATUSES, "not_assessed"}, "FINDING_NAMES": {"met", "not_met", "not_applicable"},
            "PARTIAL_NAMES": set(PARTIAL_CREDIT.values())}[name]
    for lang in ("ja", "en"):
        assert set(table[lang]) == keys
        assert len(set(table[lang].values())) == len(keys), (name, lang)  # no two values share a name


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_reports_name_the_statuses_as_the_program_does(lang: str) -> None:
    """The report templates' message files are YAML, not Python: they hold the names too, and must agree (the
    English reports capitalise them, as a table cell starts a sentence)."""
    from dibcyber.i18n import tables

    messages = YAML(typ="safe").load((ROOT / "templates" / "messages" / f"{lang}.yaml").read_text("utf-8"))
    assert {k: v.lower() for k, v in messages["status"].items()} == tables.STATUS_NAMES[lang]


def test_every_screen_and_file_uses_the_one_table() -> None:
    """The names are not copied anywhere else in the package: a status or finding label written out a second
    time (as guided answering's own table once did, with 達成 and 未達 for findings) fails here."""
    import ast

    from dibcyber.i18n import tables

    home = ROOT / "src" / "dibcyber" / "i18n" / "tables.py"
    names = {*tables.STATUS_NAMES["ja"].values(), *tables.FINDING_NAMES["ja"].values(), "達成", "未達"}
    found = []
    for path in sorted((ROOT / "src" / "dibcyber").rglob("*.py")):
        if path == home:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Dict):
                values = {v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)}
                if len(values & names) >= 2:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
