"""Japanese a compliance officer would submit: what the reports state is true and counted as the result
counts it, one word and one date style for one thing, the organisational items in a contract's register."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from dibcyber.app.pipeline import assess
from dibcyber.io.registry import Registry
from dibcyber.models.result import Result
from dibcyber.report import Options, render

EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"


@pytest.fixture(scope="module")
def example() -> Result:
    return assess(Registry(), EXAMPLE)


@pytest.mark.parametrize("kind", ["gap", "plan", "poam"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_summary_counts_what_the_result_counts(example: Result, kind: str, fmt: str) -> None:
    text = render(example, Options(kind=kind, fmt=fmt, lang="ja"))  # type: ignore[arg-type]
    assert isinstance(text, str)
    m = re.search(r"実施済みでない項目は(\d+)項目（([^）]*)）であり、"
                  r"そのうち(\d+)項目には目標日が定められている。", text)
    assert m is not None
    gaps = [r for r in example.requirements if r.id in example.gaps]
    assert int(m.group(1)) == len(example.gaps)
    parts = {label: int(n) for label, n in re.findall(r"([^、\d]+?)(\d+)項目", m.group(2))}
    words = {"partially_implemented": "一部実施", "planned": "計画中", "not_implemented": "未実施",
             "not_assessed": "未評価", "not_applicable": "理由のない該当なし"}
    expected = {words[s]: sum(1 for r in gaps if r.status == s) for s in words}
    assert parts == {k: v for k, v in expected.items() if v}
    assert sum(parts.values()) == len(example.gaps)
    assert int(m.group(3)) == sum(1 for r in gaps if r.target_date)
    lead = re.search(r"(\d+)項目（該当なしを除く）のうち(\d+)項目", text)
    assert lead is not None
    conf = example.scores.conformance
    assert (int(lead.group(1)), int(lead.group(2))) == (conf.applicable, conf.implemented)


def test_not_applicable_items_are_not_implemented_measures(example: Result) -> None:
    text = render(example, Options(kind="plan", fmt="md", lang="ja"))
    assert isinstance(text, str)
    implemented = text.split("### 実施済みの措置", 1)[1].split("###", 1)[0]
    na = text.split("### 該当なしの項目及びその理由", 1)[1].split("###", 1)[0]
    for r in example.requirements:
        if r.status == "not_applicable":
            assert f"| {r.id} |" not in implemented and f"| {r.id} |" in na
    assert "無線アクセスを許可していない" in na  # with its reason


@pytest.mark.parametrize("kind", ["gap", "plan", "poam"])
def test_one_date_style_per_japanese_report(example: Result, kind: str) -> None:
    text = render(example, Options(kind=kind, fmt="md", lang="ja"))
    assert isinstance(text, str)
    body = text.split("評価方法及び出典", 1)[0]
    assert not re.findall(r"\b20\d\d-\d\d-\d\d\b", body), "an ISO date in a Japanese report"
    assert re.search(r"令和\d{1,2}年\d{1,2}月\d{1,2}日", body)
    # the Western date appears once, on the cover beside the era date, never in the rows
    assert not re.search(r"(?<!（)20\d\d年\d{1,2}月\d{1,2}日", body.replace("評価日", ""))


@pytest.mark.parametrize("rid", [f"ORG-{n:02d}" for n in range(1, 16)])
def test_organisational_items_read_as_obligations(rid: str) -> None:
    req = Registry().catalog("atla-2022").by_id[rid]
    ja, en = req.statement.ja, req.statement.en
    assert ja.startswith("契約者は、") or "契約者は、" in ja.split("。")[0], ja
    sentences = [s for s in re.split(r"。(?!）)", ja) if s]  # 「（…を含む。）」 ends no sentence
    assert all(s.endswith(("なければならない", "てはならない", "責任を負う")) for s in sentences), ja
    assert "官側" not in ja and "総括的" not in ja
    assert "shall" in en
    assert req.official_ref is not None and req.official_ref.status == "unverified"
