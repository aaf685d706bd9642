"""SP 800-171A assessment methods and objects in the shipped catalogs (issue 23, part 1).

Rev.3: NIST's list, item by item, from the reference file. Rev.2: derived through the crosswalk (SP 800-171A
of 2018 is not in reference/), every object saying so. ATLA SYS items: their Rev.2 equivalent's. ATLA ORG
items: none, said so."""

from __future__ import annotations

import csv
import json
from typing import Any

import pytest

from conftest import CONTROLS, REFERENCE
from dibcyber.models.catalog import METHOD_KINDS, Catalog

REV3 = json.loads((REFERENCE / "nist-sp800-171-rev3-catalog.json").read_text("utf-8"))
ACTIVE = [r for r in REV3["requirements"] if r["status"] == "active"]
JA = dict(line.split("\t") for line in (CONTROLS / "assessment-objects-ja.tsv").read_text("utf-8").splitlines())


def test_rev3_methods_are_nists_item_by_item(r3: Catalog) -> None:
    entries = 0
    for ref in ACTIVE:
        req = r3.by_id[ref["id"]]
        assert req.methods is not None, ref["id"]
        am = ref["assessment_methods"] or {}
        for kind in METHOD_KINDS:
            ours = req.methods.of(kind)
            assert [o.en for o in ours] == am.get(kind, []), (ref["id"], kind)
            assert all(o.source.basis == "direct" and o.source.id == ref["id"] for o in ours)
            assert all(o.source.catalog == "nist-800-171r3" and not o.source.via for o in ours)
            assert [o.ja for o in ours] == [JA[o.en] for o in ours]
            entries += bool(am.get(kind))
    assert entries == 281  # reference/SOURCES.md: 281 assessment-method entries


def test_rev3_requirements_without_methods_say_so(r3: Catalog) -> None:
    empty = sorted(r.id for r in r3.requirements if r.methods and r.methods.count() == 0)
    assert empty == ["03.01.22", "03.14.03"]
    for rid in empty:
        note = r3.by_id[rid].methods.note  # type: ignore[union-attr]
        assert note is not None and "lists no assessment methods" in (note.en or "") and note.ja


def test_the_same_object_reads_the_same_everywhere(r2: Catalog, r3: Catalog) -> None:
    """One Japanese per English object (the term table), and every object has one."""
    seen: dict[str, set[str]] = {}
    for cat in (r2, r3):
        for req in cat.requirements:
            for kind in METHOD_KINDS:
                for o in req.methods.of(kind) if req.methods else []:
                    assert o.ja and o.en
                    seen.setdefault(o.en, set()).add(o.ja)
    assert all(len(v) == 1 for v in seen.values())
    assert set(seen) == set(JA)  # the table has no stale entries


def _crosswalk() -> dict[str, dict[str, str]]:
    with (REFERENCE / "nist-sp800-171-rev2-to-rev3-crosswalk.csv").open(encoding="utf-8", newline="") as f:
        return {row["rev2_id"]: row for row in csv.DictReader(f) if row["rev2_id"]}


def test_rev2_methods_are_derived_through_the_crosswalk(r2: Catalog, r3: Catalog) -> None:
    cross = _crosswalk()
    for req in r2.requirements:
        row = cross[req.id]
        targets = [row["rev3_same_number"]] if row["rev3_status"] == "active" else row["rev3_target_ids"].split()
        assert req.methods is not None and req.methods.note is not None
        for kind in METHOD_KINDS:
            ours = req.methods.of(kind)
            expected = list(dict.fromkeys(o.en for t in targets for o in r3.by_id[t].methods.of(kind)))  # type: ignore[union-attr]
            assert [o.en for o in ours] == expected, (req.id, kind)
            for o in ours:
                assert o.source.basis == "derived" and o.source.id in targets
                assert o.en in [x.en for x in r3.by_id[o.source.id].methods.of(kind)]  # type: ignore[union-attr]
                assert o.source.relation == ("successor" if row["rev3_status"] == "active"
                                             else row["withdrawal_relation"])
        if not targets:
            assert req.methods.count() == 0 and "no successor" in (req.methods.note.en or "")


def test_no_rev2_object_claims_to_be_direct(r2: Catalog) -> None:
    """SP 800-171A (2018) is not in reference/: nothing in Rev.2 may present itself as NIST's own list."""
    kinds = [o.source.basis for r in r2.requirements if r.methods for k in METHOD_KINDS for o in r.methods.of(k)]
    assert kinds and set(kinds) == {"derived"}


def test_atla_technical_items_take_their_rev2_equivalents_objects(atla: Catalog, r2: Catalog) -> None:
    for req in atla.requirements:
        assert req.methods is not None, req.id
        if req.id.startswith("ORG-"):
            assert req.methods.count() == 0
            assert req.methods.note is not None and "None are invented" in (req.methods.note.en or "")
            continue
        rev2 = r2.by_id[req.id.removeprefix("SYS-")]
        for kind in METHOD_KINDS:
            ours, theirs = req.methods.of(kind), rev2.methods.of(kind)  # type: ignore[union-attr]
            assert len(ours) == len(theirs)
            for o, t in zip(ours, theirs, strict=True):
                assert o.source.basis == "derived" and o.source.via == [rev2.id]
                assert (o.source.id, o.source.relation) == (t.source.id, t.source.relation)
                assert "CUI" not in (o.ja or "") and "CUI" not in (o.en or "")
                assert o.en == (t.en or "").replace("CUI", "protected information")


def _columns(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


@pytest.mark.parametrize(("profile", "lang"), [("nist-800-171r3", "ja"), ("cmmc-l2", "en"), ("atla-standard", "ja")])
def test_init_comments_name_the_methods_within_80_columns(tmp_path: Any, profile: str, lang: str) -> None:
    from conftest import run_cli

    out = tmp_path / "answers.yaml"
    assert run_cli("init", "-p", profile, "-o", out, "--lang", lang).code == 0
    text = out.read_text("utf-8")
    assert [line for line in text.splitlines() if _columns(line) > 80] == []
    if lang == "ja":
        assert "#   検査: アクセス制御方針及び手順、" in text
        assert "評価の方法及び対象：なし" in text  # ORG items, 03.01.22 and 03.14.03 say so
    else:
        assert "(derived from SP 800-171A Rev.3)" in text and "#   Interview: " in text


def test_catalog_show_gives_methods_in_table_and_json(cli: Any) -> None:
    from conftest import run_cli

    table = run_cli("catalog", "show", "nist-800-171r3", "03.01.22", "03.01.02", "--lang", "en")
    assert table.code == 0
    assert "Assessment methods and objects (SP 800-171A)" in table.out
    assert "mechanisms for implementing the access control policy" in table.out
    assert "lists no assessment methods" in table.out  # 03.01.22
    doc = json.loads(run_cli("catalog", "show", "nist-800-171r2", "3.1.1", "--format", "json").out)
    m = doc["requirements"][0]["methods"]
    assert m["interview"][0] == {"ja": "アカウント管理の責任を有する要員",
                                 "en": "personnel with account management responsibilities",
                                 "source": {"basis": "derived", "catalog": "nist-800-171r3", "id": "03.01.01",
                                            "relation": "successor"}}
