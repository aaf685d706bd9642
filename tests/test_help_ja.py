"""--help and usage errors in Japanese: every help text has its Japanese text, nothing English is left on a
Japanese screen, lines fit the terminal, and English stays English in the same process."""

from __future__ import annotations

import re

import pytest
import typer

from conftest import run_cli
from dibcyber.cli import app
from dibcyber.cli.localise import width, wrap_japanese
from dibcyber.i18n.help_ja import HELP

ENV = {"COLUMNS": "80"}


def _commands() -> list[tuple[list[str], object]]:
    found: list[tuple[list[str], object]] = []

    def walk(command: object, path: list[str]) -> None:
        found.append((path, command))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


def _help_texts() -> set[str]:
    texts = set()
    for _, command in _commands():
        texts.add(command.help)  # type: ignore[attr-defined]
        texts.update(p.help for p in command.params if getattr(p, "help", None))  # type: ignore[attr-defined]
    return {t for t in texts if t} | {"Show this message and exit."}


def test_every_help_text_has_its_japanese_text() -> None:
    assert sorted(_help_texts() - set(HELP)) == []


def test_every_japanese_help_text_is_used() -> None:
    assert sorted(set(HELP) - _help_texts()) == []


COMMANDS = [path for path, _ in _commands()]
# English left on a Japanese screen: three English words in a row (option names, paths, IDs and format
# names are single tokens and do not count)
_ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}\b")
_ALLOWED = ("NIST SP", "oscap xccdf eval", "dibcyber import xccdf", "JUnit XML")


def _english(text: str) -> list[str]:
    for allowed in _ALLOWED:
        text = text.replace(allowed, " ")
    text = re.sub(r"(?<!\w)--?[\w-]+|\b[A-Z][A-Z0-9|:_.-]+\b", " ", text)  # option names and metavars
    return _ENGLISH.findall(text)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "dibcyber")
def test_help_under_lang_ja_has_no_english_sentences(path: list[str]) -> None:
    r = run_cli(*path, "--help", env={**ENV, "LANG": "ja_JP.UTF-8"})
    assert r.code == 0, r.err
    assert r.out.startswith("使い方: dibcyber")
    assert _english(r.out.split("\n\n", 1)[1]) == []  # after the usage line, which is command syntax
    for line in r.out.splitlines():
        assert width(line) <= 82, line  # 80 columns, and a closing mark may hang past the margin


def test_lang_option_makes_help_japanese_and_english_stays_english_afterwards() -> None:
    ja = run_cli("assess", "--help", "--lang", "ja", env=ENV)
    en = run_cli("assess", "--help", env={**ENV, "LANG": "C.UTF-8"})
    assert "回答ファイルを検証して採点し" in ja.out and "オプション:" in ja.out and "[必須]" in ja.out
    assert en.out.startswith("Usage: dibcyber assess") and "Options:" in en.out
    assert "回答" not in en.out


@pytest.mark.parametrize(("args", "expected"), [
    (["assess"], "引数'ANSWERS'を指定してください。"),
    (["assess", "x", "--nope"], "オプション--nopeはありません。"),
    (["assess", "x", "--to"], "オプション--toはありません。（候補：--also, --path, --top）"),
    (["report", "x", "-f", "nope"], "'--format' / '-f'の値が正しくありません。「nope」は使えません。"),
    (["check", "x", "--min-sprs", "abc"], "'--min-sprs'の値が正しくありません。整数を指定してください。"),
    (["portfolio", "x", "--stale", "-3"], "'--stale'の値が正しくありません。0以上の値を指定してください。"),
    (["nope"], "コマンド'nope'はありません。"),
])
def test_usage_errors_in_japanese(args: list[str], expected: str) -> None:
    r = run_cli(*args, "--lang", "ja", env=ENV) if args[0] != "nope" else run_cli(*args, env={"LANG": "ja_JP.UTF-8"})
    assert r.code == 2
    assert expected in r.err, r.err
    assert "dibcyber: エラー：" in r.err and "詳しくは「dibcyber" in r.err
    assert "Error:" not in r.err and "Try '" not in r.err


def test_usage_errors_stay_english_for_english_users() -> None:
    r = run_cli("assess", env={"LANG": "C.UTF-8"})
    assert "Error: Missing argument 'ANSWERS'." in r.err and "Try 'dibcyber assess --help' for help." in r.err


def test_a_usage_error_escapes_control_characters_in_japanese_too() -> None:
    r = run_cli("assess", "x", "--n\x1b[31mope", "--lang", "ja")
    assert "\x1b" not in r.err and "\\x1b" in r.err


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("回答ファイルです。", 8, ["回答ファ", "イルです。"]),  # the full stop hangs rather than start a line
    ("値（0.9）です。", 6, ["値", "（0.9）", "です。"]),  # an opening bracket moves down with what it opens
    ("環境変数DIBCYBER_PATHから読みます。", 12, ["環境変数", "DIBCYBER_PATH", "から読みます。"]),  # never inside ASCII
])
def test_japanese_line_breaking(text: str, limit: int, expected: list[str]) -> None:
    assert wrap_japanese(text, limit) == expected
