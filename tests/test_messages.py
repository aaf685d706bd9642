"""Errors and hints come from message IDs (issue 20) in the polite register (issue 21): every ID has both
languages with the same named parameters, every ID the source names exists and every ID is used, no error
is raised with a text written at the raise site, and a Japanese screen shows no English sentence."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from dibcyber.errors import Msg, Noun, cap
from dibcyber.i18n.errors import ERRORS, NOUNS

SRC = ROOT / "src" / "dibcyber"
TEXTS = SRC / "i18n" / "errors.py"


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("message_id", sorted(ERRORS))
def test_every_id_has_both_languages_and_the_same_parameters(message_id: str) -> None:
    entry = ERRORS[message_id]
    assert set(entry) == {"ja", "en"} and all(entry.values()), message_id
    assert fields(entry["ja"]) == fields(entry["en"]), message_id


def test_every_noun_has_both_languages() -> None:
    for key, entry in NOUNS.items():
        assert set(entry) == {"ja", "en"} and entry["en"] == key and entry["ja"], key


# --- the source names only IDs that exist, and every ID is named somewhere ------------------------------

def _sources() -> Iterator[tuple[Path, ast.AST]]:
    for path in sorted(SRC.rglob("*.py")):
        if path != TEXTS:
            yield path, ast.parse(path.read_text("utf-8"))


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def test_every_id_the_source_names_exists() -> None:
    missing, dynamic = [], []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) in ("Msg", "PydanticCustomError") and node.args:
                first = node.args[0]
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    if first.value not in ERRORS:
                        missing.append(f"{where}: {first.value}")
                elif isinstance(first, ast.JoinedStr):
                    dynamic.append(where)  # an f-string ID hides which IDs are used: name each one
    assert missing == [] and dynamic == []


def test_every_id_is_used() -> None:
    """An ID counts as used when the source holds it as a string (``Msg("…")``, or a table of IDs such as
    loading's ``_EXPECTED`` or the ``claim`` calls of catalog checks), or it is the hint of a custom pydantic
    error (``ID.hint``, added by ``io.loading``)."""
    named: set[str] = set()
    for _, tree in _sources():
        named |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    unused = [i for i in ERRORS if i not in named and not (i.endswith(".hint") and i.removesuffix(".hint") in named)]
    assert unused == []


def test_every_noun_the_source_passes_exists() -> None:
    """Nouns reach messages as ``what="answers file"`` (safeio, encoding, yamledit) or ``Noun("…")``."""
    found = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            values = [k.value for k in node.keywords if k.arg == "what"]
            if _call_name(node) == "Noun":
                values += node.args[:1]
            if _call_name(node) in ("read_text", "read_bytes_limited", "open") and len(node.args) >= 2 \
                    and _call_name(node) == "read_text":
                values.append(node.args[1])
            found += [(path, v.value) for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    assert found, "the scan finds the nouns"
    assert [f"{p.relative_to(ROOT)}: {w}" for p, w in found if w not in NOUNS] == []


# --- no error is written at the raise site --------------------------------------------------------------

def _error_classes(trees: list[ast.AST]) -> set[str]:
    """DibcyberError and every class that derives from it (by name, across the package)."""
    names = {"DibcyberError", "InvalidInputError", "WriteRefusedError", "EndOfInputError", "UsageError"}
    grew = True
    while grew:
        grew = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names and any(
                        (b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else "") in names
                        for b in node.bases):
                    names.add(node.name)
                    grew = True
    return names


def _is_text(node: ast.expr) -> bool:
    """A str literal, an f-string, or text built from them (``"a" + x``, ``"%s" % x``, ``"".join(…)``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.IfExp):
        return _is_text(node.body) or _is_text(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("join", "format"):
        return _is_text(node.func.value)
    return False


MESSAGE_ARGUMENTS = {"Problem": (0, 5), "located": (2, 3), "AnswerError": (1, 2), "Finding": (1, 2),
                     "_Refused": (0, 1), "_located": (0, 3)}
"""Where the message and the hint go, by position, in the calls that carry them besides the errors (whose
message is their first argument): problems, located problems, engine findings, the XCCDF reader's."""


def texts_at_raise_sites(sources: dict[str, str]) -> list[str]:
    """``file:line`` of every ``Problem``, error of dibcyber's hierarchy, located problem or finding
    constructed with a text (as its message or hint, by position or ``message=``/``hint=``) instead of a
    ``Msg``."""
    trees = {name: ast.parse(text) for name, text in sources.items()}
    positions = {**dict.fromkeys(_error_classes(list(trees.values())), (0,)), **MESSAGE_ARGUMENTS}
    found = []
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) in positions:
                at = positions[_call_name(node) or ""]
                args = [*(a for i, a in enumerate(node.args) if i in at),
                        *(k.value for k in node.keywords if k.arg in ("message", "hint"))]
                if any(_is_text(a) for a in args):
                    found.append(f"{name}:{node.lineno}")
    return sorted(found, key=lambda w: (w.rsplit(":", 1)[0], int(w.rsplit(":", 1)[1])))


def test_no_error_is_constructed_with_a_text() -> None:
    sources = {str(p.relative_to(ROOT)): p.read_text("utf-8") for p in sorted(SRC.rglob("*.py"))}
    assert len(sources) > 70
    assert texts_at_raise_sites(sources) == []


def test_the_raise_site_check_catches_the_old_ways() -> None:
    old = '''
class NotAtRevision(InvalidInputError):
    pass
def f(what, name, e, path):
    raise InvalidInputError(Problem(f"{what} not found", file=name))
    raise WriteRefusedError("cannot write " + str(path), hint="give a file name")
    raise NotAtRevision(Problem("has no git history", file=name))
    raise UsageError(Msg("ok"), hint=f"e.g. {what}")
    return Problem(message="x" if e else "y")
    out.append(Finding(("families", 1, "id"), f"duplicate family ID '{what}'"))
    return located(locator, ("format",), Msg("registry.missing_format"), "a catalog starts with 'format: …'")
'''
    assert texts_at_raise_sites({"old.py": old}) == ["old.py:5", "old.py:6", "old.py:7", "old.py:8", "old.py:9",
                                                     "old.py:10", "old.py:11"]
    new = 'raise InvalidInputError(Problem(Msg("file.not_found", what=Noun(what)), file=name))\n'
    assert texts_at_raise_sites({"new.py": new}) == []


# --- the register: polite Japanese (issue 21) ------------------------------------------------------------

_PLAIN = re.compile(r"(ない|する|した|である|だ|いる|ある|なる|できる|れる|ず)$")
_POLITE = re.compile(r"(です|ます|ません|ください|でした|ました|ませんか|ですか)$")
_TRAILING = re.compile(r"(（[^（）]*）|「[^「」]*」|X)+$")


def register_problems(text: str) -> list[str]:
    """Sentences of a Japanese error text that are not polite: every sentence that ends in 。 must end in
    です・ます・ません・ください (a parenthesis after it aside); no sentence, nor a trailing fragment, may end in a
    plain form (ない・する・した・である…)."""
    plain = re.sub(r"\{[^{}]*\}", "X", text)
    *sentences, last = plain.split("。")
    bad = []
    for sentence in sentences:
        core = _TRAILING.sub("", sentence.strip())
        if not _POLITE.search(core):
            bad.append(sentence)
    tail = _TRAILING.sub("", last.strip().rstrip("：:"))
    if _PLAIN.search(tail):
        bad.append(last)
    return bad


@pytest.mark.parametrize("message_id", sorted(ERRORS))
def test_japanese_is_polite(message_id: str) -> None:
    assert register_problems(ERRORS[message_id]["ja"]) == [], message_id


def test_the_register_check_catches_plain_forms() -> None:
    for plain in ("ファイルが見つからない", "キーが重複している。", "上書きしない。置き換えるには--forceを付ける。",
                  "要件3.1.1に部分点はない（DoD評価方法論）。", "部分点は一部実施に対するものである"):
        assert register_problems(plain), plain
    for polite in ("ファイルが見つかりません。", "キー「X」が重複しています。", "{what}を読めません（{reason}）。",
                   "置き換えるには--forceを付けてください。", "YAMLの構文エラーです：{detail}",
                   "{count}件の問題があります："):
        assert register_problems(polite) == [], polite


# --- rendering -----------------------------------------------------------------------------------------

def test_rendering_picks_the_language_at_print_time() -> None:
    msg = Msg("file.not_found", what=Noun("answers file"))
    assert msg.render() == str(msg) == "answers file not found"
    assert msg.render("ja") == "回答ファイルが見つかりません。"
    listed = Msg("validation.allowed_keys.hint", keys=["a", "b"])
    assert listed.render("en") == "allowed keys here: a, b" and listed.render("ja") == "ここで使えるキーはa、bです。"
    nested = Msg("validation.top_level", found=cap({"a": 1, "b": 2}))
    assert nested.render("ja") == "最上位はYAMLのマッピングである必要がありますが、2個のキーを持つマッピングです。"
    assert Msg("hint.did_you_mean", word="x") == Msg("hint.did_you_mean", word="x")


# --- a Japanese screen shows no English sentence ----------------------------------------------------------

_QUOTED = re.compile(r"「[^「」]*」|'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|<[^<>\n]*>")
_RUN = re.compile(r"(?<![\w./\-@$])[A-Za-z]+(?: +[A-Za-z]+){2,}(?![\w./\-@])")


def english_runs(text: str) -> list[str]:
    """Runs of three or more English words (letters only, separated by spaces) outside quotes: paths, IDs,
    options and file names (``answers.yaml``, ``--force``, ``nist-800-171r2``) are no words, and a list
    joined with 「、」 is no run."""
    runs = []
    for line in _QUOTED.sub(" 。 ", text).splitlines():
        said = re.sub(r"^dibcyber: ", "", line)  # the program's name, as command-line programs write it
        runs += [m.group(0) for m in _RUN.finditer(said)]
    return runs


def test_english_runs_are_found() -> None:
    assert english_runs("dibcyber: エラー：answers file not found") == ["answers file not found"]
    assert english_runs("回答ファイルが見つかりません。") == []
    assert english_runs("dibcyber: エラー：/tmp/x/answers.yaml:3:1: organization.cage: 不明なキー「cage code x」です。"
                        ) == []
    assert english_runs("「oscap xccdf eval」で評価してください。GitHub Actionsでは--baseline") == []
    assert english_runs("ここで使えるキーはstatus、objectives、owner、evidenceです。") == []
    assert english_runs("  [1/2] a.yaml FAILED: the metadata sheet is not ours") == ["the metadata sheet is not ours"]
