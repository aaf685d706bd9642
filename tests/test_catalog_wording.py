"""The written form of the catalogs' Japanese, beyond single terms (those are tests/test_glossary.py):
one notation for organization-defined parameters, one spacing after list markers, one convention for
how list items end. The rules are stated in controls/glossary.yaml (`placeholders`, `lists`); each test
also shows that the wording the issue 21 audit found fails it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import CONTROLS

GLOSSARY = YAML(typ="safe").load((CONTROLS / "glossary.yaml").read_text("utf-8"))
CATALOGS = {cid: YAML(typ="safe").load((CONTROLS / f"{cid}.yaml").read_text("utf-8"))
            for cid in ("nist-800-171r2", "nist-800-171r3", "atla-2022")}


def pairs(node: Any, path: str = "") -> Iterator[tuple[str, str, str]]:
    """(path, English, Japanese) of every text of a catalog."""
    if isinstance(node, dict):
        if isinstance(node.get("ja"), str):
            yield path, str(node.get("en") or ""), node["ja"]
        for key, value in node.items():
            if key not in ("ja", "en"):
                yield from pairs(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from pairs(value, f"{path}[{value['id'] if isinstance(value, dict) and 'id' in value else i}]")


TEXTS = [(cid, path, en, ja) for cid, doc in CATALOGS.items() for path, en, ja in pairs(doc)]


# --- organization-defined parameters --------------------------------------------------------------


def placeholder_problems(ja: str) -> list[str]:
    found = [m.group(0) for p in GLOSSARY["placeholders"]["forbidden"] for m in re.finditer(p, ja)]
    # choices inside a selection are separated by 「；」 (nested [割当て：…] brackets allowed)
    for m in re.finditer(r"\[選択", ja):
        depth, i = 0, m.start()
        while i < len(ja):
            depth += {"[": 1, "]": -1}.get(ja[i], 0)
            if depth == 0:
                break
            i += 1
        if ";" in ja[m.start():i]:
            found.append(ja[m.start():i + 1])
    return found


def test_one_notation_for_parameters() -> None:
    bad = [f"{cid} {path}: {p}" for cid, path, _, ja in TEXTS for p in placeholder_problems(ja)]
    assert bad == [], "\n".join(bad[:30])


def test_every_english_parameter_has_its_japanese_one() -> None:
    """As many [割当て：…] as NIST's [Assignment: …] (or OSCAL's {{ insert: param }}), as many
    [選択（1つ以上）：…] as [Selection (one or more): …]."""
    bad = []
    for cid, path, en, ja in TEXTS:
        english = (en.count("[Assignment: ") + en.count("{{ insert: param"), en.count("[Selection (one or more): "))
        if english != (ja.count("[割当て："), ja.count("[選択（1つ以上）：")):
            bad.append(f"{cid} {path}")
    assert bad == [], "\n".join(bad[:30])


@pytest.mark.parametrize("old", [
    "[割当て:組織が定める頻度]でレビューする", "[選択（1つ以上）: 通知する;ロックする]",
    "{{ insert: param, A.03.01.08.ODP.04 }}の間", "[割当て： 組織が定義する頻度]", "［割当て：組織が定義する頻度］"])
def test_the_old_notations_fail(old: str) -> None:
    assert placeholder_problems(old), old


def test_the_notation_passes() -> None:
    assert not placeholder_problems("[選択（1つ以上）：[割当て：組織が定義する期間]の間、ロックする；通知する]")


# --- lists ----------------------------------------------------------------------------------------

MARKER = re.compile(r"^(?P<indent> *)(?P<marker>[a-z]|\d{1,2})\.(?P<rest>.*)$")


def list_problems(ja: str) -> list[str]:
    """Problems of the lettered (a., b.) and numbered (1., 2.) lists of one Japanese text."""
    rules = GLOSSARY["lists"]
    lines = ja.split("\n")
    if len(lines) < 2 or not MARKER.match(lines[0]):
        return []
    found = [line for line in lines if re.search(rules["marker_forbidden"], line)]
    items = [(m.group("indent"), m.group("rest")) for line in lines if (m := MARKER.match(line))]
    if len(items) != len(lines):
        found += [line for line in lines if not MARKER.match(line)]
    top_ends, sub_last, sub_other = (rules["lettered_item_ends"], rules["last_numbered_item_ends"],
                                     rules["other_numbered_item_ends"])
    i = 0
    while i < len(items):
        indent, rest = items[i]
        if indent:  # a run of numbered items
            run = [rest]
            while i + 1 < len(items) and items[i + 1][0]:
                i += 1
                run.append(items[i][1])
            for k, item in enumerate(run):
                if k == len(run) - 1:
                    ok = any(item.endswith(e) for e in sub_last)
                elif k == len(run) - 2:
                    ok = any(item.endswith(e) for e in sub_other)
                else:  # 及び・又は only before the last item
                    ok = item.endswith("、") and not any(item.endswith(e) for e in sub_other if e != "、")
                if not ok:
                    found.append(item)
        elif not any(rest.endswith(e) for e in top_ends):
            found.append(rest)
        i += 1
    return found


def test_list_markers_and_endings() -> None:
    bad = [f"{cid} {path}: {p}" for cid, path, _, ja in TEXTS for p in list_problems(ja)]
    assert bad == [], "\n".join(bad[:40])


def test_lists_are_found() -> None:
    lists = [ja for *_, ja in TEXTS if MARKER.match(ja.split("\n")[0]) and "\n" in ja]
    assert len(lists) > 60
    assert sum("\n  1." in ja for ja in lists) > 10


@pytest.mark.parametrize("old", [
    "a. CUIの流れを制御する。\nb.外部システムを使用する。",          # space after one marker only
    "a.次の事項を特定する。\n  1.ユーザ。\n  2.役割、及び\n  3.特権。",  # 。 and 、及び in one list
    "a.次の内容を含める：\n  1.種類\n  2.日時",                         # no ending at all
    "a.次の事項を特定する：\n  1.ユーザ、\n  2.特権。",                  # lead-in ends ：
    "a.次の事項を特定する。\n  1.ユーザ、及び\n  2.役割、\n  3.特権。",   # 及び before an item not the last
])
def test_the_old_lists_fail(old: str) -> None:
    assert list_problems(old), old


def test_the_convention_passes() -> None:
    assert not list_problems("a.次の事項を特定する。\n  1.ユーザ、\n  2.役割、並びに\n  3.特権。\nb.CUIを保護する。")


# --- register -------------------------------------------------------------------------------------

STATEMENT = re.compile(r"^\.requirements\[(?P<id>[^\]]+)\]\.statement$")
OBJECTIVE = re.compile(r"\.(objectives\[[^\]]*\]+\.text|odps\[[^\]]+\]\.text)$")
PHRASE = re.compile(r"\.(title|usage|choices\[\d+\]|(examine|interview|test)\[\d+\])$")
CONCLUSION = re.compile(r"(ている|ていない)(：\[.*\]|（選択された場合）)?。$")


def register_problems(path: str, ja: str) -> list[str]:
    """What does not follow the register rules of controls/glossary.yaml for its kind of text."""
    found = [m.group(0) for m in re.finditer(r"(です|ます|でした|ました|ください)[。、）]", ja)]
    if m := STATEMENT.match(path):
        if m.group("id").startswith("ORG-"):
            first = re.split(r"。(?!）)", ja)[0]  # 「（…を含む。）」 ends no sentence
            if not (ja.startswith("契約者は、") and re.search(r"(なければ|ては)ならない$", first)):
                found.append(ja[:40])
        elif re.search(r"なければならない|ものとする", ja):
            found.append(ja[:40])
    elif OBJECTIVE.search(path):
        last = ja.split("。ただし、", maxsplit=1)[0] + "。" if "。ただし、" in ja else ja
        if not CONCLUSION.search(last):
            found.append(ja[-40:])
    elif PHRASE.search(path) and ja.endswith("。"):
        found.append(ja)
    return found


def test_register_per_kind_of_text() -> None:
    kinds = {r.get("check") for r in GLOSSARY["register"]}
    assert {"statement", "org_statement", "objective", "phrase", "plain"} <= kinds
    bad = [f"{cid} {path}: {p}" for cid, path, _, ja in TEXTS for p in register_problems(path, ja)]
    assert bad == [], "\n".join(bad[:30])


@pytest.mark.parametrize(("path", "old"), [
    (".requirements[3.1.1].statement", "システムアクセスを制限しなければならない。"),
    (".requirements[ORG-01].statement", "基本方針を定め、防衛省の確認を受ける。"),
    (".requirements[3.1.1].objectives[3.1.1[a]].text", "認可されたユーザを特定する。"),
    (".requirements[3.1.1].title", "アクセス制御方針。"),
    (".requirements[3.1.1].discussion", "詳しくはSP 800-53を参照してください。"),
])
def test_the_wrong_register_fails(path: str, old: str) -> None:
    assert register_problems(path, old), old
