"""Worked examples of the scoring rules, one folder each in cases/scoring (data, not Python).

A case names a profile (an ID, or a file in the case's folder), optionally the catalog the answers were
written for (``written_for``, as with ``assess --profile`` on a file of another catalog), optionally fills
every requirement of the answered catalog with a status, overrides some answers and states what the
result must be. Keys of ``expect``: refused (text the refusal must contain; nothing else is checked), sprs
(int, null, or 'absent'), sprs_reason_contains, deductions (every requirement that loses points, exactly),
statuses, reason_codes, not_applicable (Rev.2 ID → basis code of each N/A that costs nothing, exactly),
issues (issue codes that must be present), cmmc (conditional, final, blockers, blocker_codes, poam,
closeout_due), conformance, organizational, coverage.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import yaml_helper
from conftest import CASES
from dibcyber.engine.resolve import AnswerError, resolve, scope_for
from dibcyber.engine.scoring import score
from dibcyber.io.registry import Registry
from dibcyber.models.answers import Answers
from dibcyber.models.result import Result

SCORING = sorted(p for p in (CASES / "scoring").iterdir() if p.is_dir())


def run_case(registry: Registry, case: dict[str, Any], folder: Path) -> tuple[Result | None, list[AnswerError]]:
    name = case["profile"]
    profile = registry.profile(str(folder / name) if name.endswith(".yaml") else name)
    catalogs = {c: registry.catalog(c) for c in profile.catalogs}
    catalog = catalogs[profile.catalog]
    own = registry.catalog(case["written_for"]) if case.get("written_for") else None
    answered_catalog = own or catalog
    overrides = dict(case.get("answers") or {})
    answered = {answered_catalog.alias_index.get(k, k) for k in overrides}
    requirements: dict[str, Any] = {}
    if case.get("fill"):
        requirements = {r.id: {"status": case["fill"]} for r in answered_catalog.requirements
                        if r.id not in answered}
    requirements.update(overrides)
    answers = Answers.model_validate({
        "format": "dibcyber/answers@1", "profile": profile.id, "organization": {"name": "検証株式会社"},
        "assessment": {"date": dt.date(2026, 11, 1)}, "requirements": requirements})
    resolved, errors = resolve(catalog, answers, own, scope_for(profile, catalogs) if own else None)
    if errors:
        return None, errors
    return score(profile, catalogs, answers, resolved, lang="ja", generator="test"), []


@pytest.mark.parametrize("folder", SCORING, ids=[p.name for p in SCORING])
def test_scoring_case(registry: Registry, folder: Path) -> None:
    case = yaml_helper.load(folder / "case.yaml")
    expect = case["expect"]
    result, errors = run_case(registry, case, folder)
    if "refused" in expect:
        assert result is None and len(errors) == 1
        assert expect["refused"] in errors[0].message.render()
        return
    assert result is not None and errors == []
    by_id = {r.id: r for r in result.requirements}
    sp = result.scores.sprs
    if expect.get("sprs") == "absent":
        assert sp is None
    elif "sprs" in expect:
        assert sp is not None
        assert sp.value == expect["sprs"]
        if sp.value is not None:
            assert sp.value == 110 - sum(d.points for d in sp.deductions)
    if "sprs_reason_contains" in expect:
        assert sp is not None and sp.reason is not None
        assert expect["sprs_reason_contains"] in (sp.reason.en or "")
    if "deductions" in expect:
        lost = {r.id: r.deduction for r in result.requirements if r.deduction}
        assert lost == expect["deductions"]
    for rid, status in (expect.get("statuses") or {}).items():
        assert by_id[rid].status == status, rid
    for rid, codes in (expect.get("reason_codes") or {}).items():
        assert [r.code for r in by_id[rid].reasons] == codes, rid
    if "not_applicable" in expect:
        assert sp is not None
        assert {e.id: e.reason.code for e in sp.not_applicable} == expect["not_applicable"]
    for code in expect.get("issues") or []:
        assert code in [i.code for i in result.issues], code
    if "cmmc" in expect:
        cm = result.scores.cmmc
        assert cm is not None
        want = expect["cmmc"]
        assert cm.conditional == want["conditional"]
        if "final" in want:
            assert cm.final == want["final"]
        if "blockers" in want:
            assert [b.id for b in cm.blockers] == want["blockers"]
        if "blocker_codes" in want:
            assert sorted({b.code for b in cm.blockers}) == sorted(want["blocker_codes"])
        if "poam" in want:
            assert cm.poam == want["poam"]
        if "closeout_due" in want:
            assert cm.closeout_due == want["closeout_due"]
    for key in ("conformance", "organizational"):
        if key in expect:
            counts = result.scores.conformance if key == "conformance" else result.scores.conformance.organizational
            assert counts is not None
            for field, value in expect[key].items():
                assert getattr(counts, field) == value, field
    if "coverage" in expect:
        cov = result.scores.coverage
        assert cov is not None
        for field, value in expect["coverage"].items():
            assert getattr(cov, field) == value, field
    # gaps come by impact: points first, never a met requirement
    gaps = [by_id[g] for g in result.gaps]
    assert all(not g.met for g in gaps)
    points = [g.deduction or 0 for g in gaps]
    assert points == sorted(points, reverse=True)
