"""One terminology: controls/glossary.yaml names the one Japanese term for each English term, and no
shipped Japanese text may use a variant it forbids (catalogs, report messages, report templates, and the
reason texts of the scoring engine)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import CONTROLS, ROOT

GLOSSARY = YAML(typ="safe").load((CONTROLS / "glossary.yaml").read_text("utf-8"))
CATALOGS = {p.stem: YAML(typ="safe").load(p.read_text("utf-8")) for p in sorted(CONTROLS.glob("*.yaml"))
            if p.name != "glossary.yaml"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

Where = tuple[str, str, str]
"""(source: catalog ID or file, item: requirement or family ID or '', dotted path)."""


def catalog_texts(doc: dict[str, Any], lang: str) -> Iterator[tuple[str, str, str]]:
    """(item ID, path, text) of every ``lang`` text in a catalog, the item being the requirement or family
    the text belongs to ('' for the catalog's own texts)."""

    def walk(node: Any, item: str, path: str) -> Iterator[tuple[str, str, str]]:
        if isinstance(node, dict):
            if isinstance(node.get(lang), str):
                yield item, f"{path}.{lang}", node[lang]
            for key, value in node.items():
                if key != lang:
                    yield from walk(value, item, f"{path}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, item, f"{path}[{i}]")

    for key, value in doc.items():
        if key in ("requirements", "families"):
            for entry in value:
                yield from walk(entry, str(entry["id"]), f"{key}[{entry['id']}]")
        else:
            yield from walk(value, "", key)


def message_texts() -> Iterator[tuple[str, str, str, str]]:
    def walk(node: Any, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, str):
            yield path, node

    doc = YAML(typ="safe").load((ROOT / "templates" / "messages" / "ja.yaml").read_text("utf-8"))
    for path, text in walk(doc, ""):
        yield "templates/messages/ja.yaml", "", path, text
    for tpl in sorted((ROOT / "templates").glob("*.j2")):
        yield f"templates/{tpl.name}", "", "", tpl.read_text("utf-8")


ENGINE = tuple(f"src/dibcyber/engine/{m}.py" for m in ("resolve", "sprs", "conformance", "scoring"))
"""The modules of the scoring engine (``conformance`` has no Japanese text)."""


def engine_texts() -> Iterator[tuple[str, str, str, str]]:
    """Japanese string literals of the scoring engine (reasons, issues, blockers): f-string fields read as
    a Latin placeholder, so 「{id} は」 is seen as 「X は」."""
    for name in ENGINE:
        source = ROOT / name
        for node in ast.walk(ast.parse(source.read_text("utf-8"))):
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "X"
                               for v in node.values)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            else:
                continue
            if JAPANESE.search(text):
                yield name, "", f"line {node.lineno}", text


def japanese_texts() -> Iterator[tuple[str, str, str, str]]:
    for cid, doc in CATALOGS.items():
        for item, path, text in catalog_texts(doc, "ja"):
            yield cid, item, path, text
    yield from message_texts()
    yield from engine_texts()


TEXTS = list(japanese_texts())


def allowed(term: dict[str, Any], item: str) -> bool:
    return any(fnmatch(item, pattern) for pattern in term.get("allow_in", []))


def in_scope(term: dict[str, Any], source: str) -> bool:
    scope = term.get("scope")
    return scope is None or source in scope


def test_glossary_is_well_formed() -> None:
    assert GLOSSARY["format"] == "dibcyber/glossary@1"
    assert len(GLOSSARY["terms"]) >= 15
    for term in GLOSSARY["terms"]:
        assert term["en"] and JAPANESE.search(term["ja"]), term
        for pattern in term.get("forbidden", []) + term.get("forbidden_en", []):
            re.compile(pattern)
        for cid in term.get("scope", []):
            assert cid in CATALOGS, cid
    assert len(TEXTS) > 2000  # the walk really reaches the catalogs' texts
    with_texts = {e for e in ENGINE if not e.endswith("conformance.py")}
    assert {s for s, *_ in TEXTS} >= {*CATALOGS, "templates/messages/ja.yaml", *with_texts}


@pytest.mark.parametrize("term", GLOSSARY["terms"], ids=[t["ja"] for t in GLOSSARY["terms"]])
def test_no_forbidden_variant_in_japanese(term: dict[str, Any]) -> None:
    found = []
    for pattern in term.get("forbidden", []):
        rx = re.compile(pattern)
        for source, item, path, text in TEXTS:
            if in_scope(term, source) and not allowed(term, item) and (m := rx.search(text)):
                found.append(f"{source} {path}: …{text[max(0, m.start() - 15):m.end() + 15]}…")
    assert found == [], f"use {term['ja']} ({term['en']}):\n" + "\n".join(found[:30])


@pytest.mark.parametrize("term", [t for t in GLOSSARY["terms"] if t.get("forbidden_en")],
                         ids=[t["ja"] for t in GLOSSARY["terms"] if t.get("forbidden_en")])
def test_no_forbidden_variant_in_english_requirement_texts(term: dict[str, Any]) -> None:
    """The English of titles, statements and objectives; discussions stay NIST's own text."""
    found = []
    for cid in term.get("scope", []):
        for req in CATALOGS[cid]["requirements"]:
            texts = [req["title"]["en"], req["statement"]["en"], *(o["text"]["en"] for o in req.get("objectives", []))]
            for pattern in term["forbidden_en"]:
                found += [f"{cid} {req['id']}: {t}" for t in texts if re.search(pattern, t)]
    assert found == []


def test_one_spacing_rule_between_japanese_and_latin() -> None:
    rules = [re.compile(p) for p in GLOSSARY["spacing"]["forbidden"]]
    found = [f"{source} {path}: …{text[max(0, m.start() - 15):m.end() + 15]}…"
             for source, _, path, text in TEXTS for rx in rules if (m := rx.search(text))]
    assert found == [], "\n".join(found[:30])


def test_spacing_rule_catches_both_sides() -> None:
    rules = [re.compile(p) for p in GLOSSARY["spacing"]["forbidden"]]
    for bad in ("CUI の流れ", "暗号化を用いているが FIPS", "最低 −203"):
        assert any(rx.search(bad) for rx in rules), bad
    for good in ("CUIの流れ", "NIST SP 800-171 Rev.2の", "SPRSスコア"):
        assert not any(rx.search(good) for rx in rules), good


@pytest.mark.parametrize("old", [
    "保護すべき情報規則", "保護すべき情報表示", "該当する保護すべき情報カテゴリ", "インシデントレスポンス能力",
    "解雇", "転送時のデータ", "送信する", "FIPS認証済みの暗号を採用する",
    "改善計画（POA&M）を策定し", "認可されたユーザが識別されている",
    # issue 21 (a bilingual reading of the catalogs)
    "頻度が定められている", "[割当て:組織が定める頻度]", "認証子及びクレデンシャル", "定められた非活動期間",
    "の無操作の後に", "不法な又は認可されていない", "保護措置を強制する"])
def test_the_audits_findings_are_forbidden_variants(old: str) -> None:
    """Each wording the audit found would fail the test above (in the catalog whose texts it came from)."""
    source = "atla-2022" if "保護すべき情報" in old or "CUI" in old else "nist-800-171r2"
    assert any(re.search(p, old) for t in GLOSSARY["terms"] if in_scope(t, source)
               for p in t.get("forbidden", [])), old


def test_atla_links_incident_and_jiko_tou() -> None:
    """事故等 (the contract clause's word, ORG items) and インシデント (SYS items) name the same events;
    the catalog says so where each is used."""
    families = {f["id"]: f for f in CATALOGS["atla-2022"]["families"]}
    assert "インシデント" in families["ORG-INC"]["description"]["ja"]
    assert "事故等" in families["SYS-IR"]["description"]["ja"]
    assert "incident" in families["SYS-IR"]["description"]["en"]
    term = next(t for t in GLOSSARY["terms"] if t["ja"] == "インシデント")
    assert "事故等" in term["note"]["ja"] and "ORG-07" in term["note"]["ja"]


def test_atla_english_uses_the_organisational_items_term() -> None:
    atla = CATALOGS["atla-2022"]["requirements"]
    org = " ".join(r["statement"]["en"] for r in atla if str(r["id"]).startswith("ORG-"))
    assert "protected information" in org
    by_id = {r["id"]: r for r in atla}
    assert by_id["SYS-3.1.19"]["statement"]["en"] == (
        "Encrypt protected information on mobile devices and mobile computing platforms.")
    assert "情報セキュリティ指定書" in by_id["SYS-3.1.9"]["objectives"][0]["text"]["ja"]
    assert by_id["SYS-3.1.9"]["statement"]["ja"].startswith("保護すべき情報に適用される規則")
    assert "保護すべき情報である旨の" in by_id["SYS-3.8.4"]["statement"]["ja"]


def test_listed_cases_use_the_glossary_terms() -> None:
    r2 = {r["id"]: r for r in CATALOGS["nist-800-171r2"]["requirements"]}
    assert "伝送中" in r2["3.13.8"]["title"]["ja"] and "伝送中" in r2["3.13.8"]["statement"]["ja"]
    assert "インシデント対応能力" in r2["3.6.1"]["statement"]["ja"]
    assert "インシデント対応能力" in r2["3.6.3"]["statement"]["ja"]
    assert "雇用終了" in r2["3.9.2"]["statement"]["ja"]
    assert "暗号モジュール" in r2["3.13.11"]["statement"]["ja"]
    assert "POA&M" not in r2["3.12.2"]["statement"]["ja"] + r2["3.12.2"]["title"]["ja"]
    assert r2["3.1.1"]["objectives"][0]["text"]["ja"] == "認可されたユーザが特定されている。"
    assert r2["3.5.1"]["objectives"][0]["text"]["ja"] == "システムのユーザが識別されている。"


def test_glossary_is_not_a_catalog() -> None:
    from dibcyber.io.registry import Registry

    assert "glossary" not in " ".join(Registry().ids("catalog"))
    assert Path(CONTROLS / "glossary.yaml").is_file()


# --- every Japanese string the program can print or write ---------------------------------------------

_JA_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def _program_strings() -> list[tuple[str, int, str]]:
    """(file, line, text) of every Japanese string literal in the package that is not a docstring: error
    messages, hints, terminal labels, prompts, workbook texts, init comments. An f-string's fixed parts are
    joined with a marker where a value goes. A string is Japanese when its Japanese characters are at least
    a third of its letters (an English docstring quoting 取扱注意 is not)."""
    import ast

    out = []
    for path in sorted((ROOT / "src" / "dibcyber").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        docs: set[int] = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list):
                for stmt in body:
                    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                        docs.add(id(stmt.value))
            # texts an earlier dibcyber wrote, kept to read old files back (_OLD_HEADERS = {...}), and words
            # people type that dibcyber accepts but never writes (STATUS_WORDS = {"未達": ...})
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, ast.AnnAssign) and node.value is not None else []
            if any(isinstance(t, ast.Name) and (t.id.startswith("_OLD") or t.id.endswith("_WORDS")) for t in targets):
                docs.update(id(n) for n in ast.walk(node.value))  # type: ignore[union-attr]
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                text = node.value
            elif isinstance(node, ast.JoinedStr):
                text = "".join(v.value if isinstance(v, ast.Constant) else "\x00" for v in node.values)
            else:
                continue
            ja, latin = len(_JA_CHARS.findall(text)), len(_LATIN.findall(text))
            if ja and ja >= (ja + latin) / 3 and not _ENGLISH.search(text):
                out.append((str(path.relative_to(ROOT)), node.lineno, text))
    return out


_ENGLISH = re.compile(r"\b(the|and|or|not|with|for|from|are|is|Dates)\b")
PROGRAM_STRINGS = _program_strings()
# Key legends lay out keys and labels in columns separated by spaces ("1 実施済み  2 一部実施"): a layout,
# not running text. Literal input syntax inside 「」 (「01: 値」, 「パス | 表題」) is what a person types.
_LAYOUT = re.compile(r"(^|\S)  +\S")
_SYNTAX = re.compile(r"「[^」]*[:|][^」]*」")


def test_program_strings_are_found() -> None:
    files = {f for f, _, _ in PROGRAM_STRINGS}
    assert {"src/dibcyber/i18n/tables.py", "src/dibcyber/exchange/workbook.py",
            "src/dibcyber/exchange/workbook_export.py", "src/dibcyber/i18n/__init__.py",
            "src/dibcyber/i18n/errors.py", "src/dibcyber/i18n/help_ja.py"} <= files
    assert len(PROGRAM_STRINGS) > 300


def test_program_strings_follow_the_spacing_rule() -> None:
    bad = []
    for file, line, text in PROGRAM_STRINGS:
        if _LAYOUT.search(text):
            continue
        for piece in _SYNTAX.sub("「」", text.removeprefix("dibcyber: ")).split("\x00"):
            for pattern in GLOSSARY["spacing"]["forbidden"]:
                if m := re.search(pattern, piece):
                    bad.append(f"{file}:{line}: {m.group(0)!r} in {piece[:60]!r}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("term", [t for t in GLOSSARY["terms"] if not t.get("scope")], ids=lambda t: t["ja"])
def test_program_strings_use_the_glossary_terms(term: dict[str, Any]) -> None:
    bad = [f"{file}:{line}: {text[:60]!r}" for file, line, text in PROGRAM_STRINGS
           for rx in term.get("forbidden", []) if re.search(rx, text)]
    assert not bad, f"use {term['ja']}:\n" + "\n".join(bad)
