"""Every requirement's assessment objectives (Rev.2, ATLA) and determination statements and ODPs (Rev.3)
appear in the order of the publication, which is the order of their labels: a before b, 01 before 02,
a.02.01 before a.03. NIST's OSCAL source lists some out of that order (03.16.02 has b before a); the
catalogs must not print them so."""

from __future__ import annotations

import re
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import CONTROLS, REFERENCE

CATALOGS = ("nist-800-171r2", "nist-800-171r3", "atla-2022")


def label_key(label: str) -> list[tuple[int, int, str]]:
    """A label's parts, numbers compared as numbers and letters as letters ([z] < [aa])."""
    parts = re.split(r"[.\[\]]+", re.sub(r"^(SYS-|DS-)", "", label))
    return [(0, int(p), "") if p.isdigit() else (1, len(p), p) for p in parts if p]


def out_of_order(doc: dict[str, Any]) -> list[str]:
    bad = []
    for req in doc["requirements"]:
        for kind in ("objectives", "odps"):
            ids = [str(o["id"]) for o in req.get(kind) or []]
            if ids != sorted(ids, key=label_key):
                bad.append(f"{req['id']} {kind}: {' '.join(ids)}")
    return bad


def load(cid: str) -> dict[str, Any]:
    return YAML(typ="safe").load((CONTROLS / f"{cid}.yaml").read_text("utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("cid", CATALOGS)
def test_objectives_appear_in_official_order(cid: str) -> None:
    assert out_of_order(load(cid)) == []


def test_the_order_follows_the_lettered_items_of_the_statement() -> None:
    """Independent of the sort key: in Rev.3, the first determination statement of item b comes after
    every statement of item a, as items a, b, c appear in the requirement's own text."""
    for req in load("nist-800-171r3")["requirements"]:
        items = re.findall(r"(?m)^([a-z])\. ", req["statement"]["en"])
        letters = [m.group(1) for o in req["objectives"]
                   if (m := re.match(r"A\.\d\d\.\d\d\.\d\d\.([a-z])\b", str(o["id"])))]
        firsts = list(dict.fromkeys(letters))
        assert firsts == [i for i in items if i in firsts], req["id"]
        assert letters == sorted(letters), req["id"]


def test_the_reference_is_out_of_order_where_the_audit_found_it() -> None:
    """The check is not vacuous: NIST's data order, as the catalogs printed it before, fails it."""
    import csv

    with (REFERENCE / "nist-sp800-171a-rev3-determination-statements.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] == "objective"]
    by_req: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_req.setdefault(r["requirement_id"], []).append({"id": r["label"]})
    data_order = {"requirements": [{"id": k, "objectives": v} for k, v in by_req.items()]}
    bad = {line.split()[0] for line in out_of_order(data_order)}
    assert {"03.16.02", "03.16.03", "03.11.02", "03.09.02"} <= bad


def test_label_key() -> None:
    assert sorted(["3.1.1[aa]", "3.1.1[b]", "3.1.1[a]"], key=label_key) == ["3.1.1[a]", "3.1.1[b]", "3.1.1[aa]"]
    assert sorted(["A.03.09.02.b.02", "A.03.09.02.b.01.02", "A.03.09.02.a.03"], key=label_key) == [
        "A.03.09.02.a.03", "A.03.09.02.b.01.02", "A.03.09.02.b.02"]
    assert sorted(["A.03.06.04.ODP.04", "A.03.06.04.ODP.03"], key=label_key)[0].endswith("03")
