"""Evidence state per requirement and evidence coverage in every result (issue 23, part 2): hashing stays
outside the engine; `assess`, the gap report, `portfolio` and the `min-evidence-coverage` gate show it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from dibcyber.app import pipeline
from dibcyber.io.registry import Registry

EXAMPLE = ROOT / "examples" / "sample-seiki"


@pytest.fixture
def company(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "c")
    return tmp_path / "c" / "answers.yaml"


def states(answers: Path) -> dict[str, str | None]:
    result = pipeline.assess(Registry([]), answers)
    return {r.id: r.evidence_state for r in result.requirements}


def test_states_follow_the_files(company: Path) -> None:
    assert states(company)["ORG-01"] == "cited" and states(company)["ORG-03"] == "none"
    assert run_cli("evidence", "lock", company).code == 0
    after = states(company)
    assert after["ORG-01"] == after["SYS-3.1.1"] == "locked" and after["ORG-03"] == "none"
    policy = company.parent / "evidence" / "アクセス制御規程.md"
    policy.write_text(policy.read_text("utf-8") + "\n改訂\n", encoding="utf-8")
    changed = states(company)
    assert changed["SYS-3.1.1"] == changed["SYS-3.1.2"] == "changed" and changed["ORG-01"] == "locked"
    policy.unlink()
    assert states(company)["SYS-3.1.1"] == "missing"


def test_an_expired_entry_is_expired(company: Path) -> None:
    text = company.read_text("utf-8").replace("      - path: evidence/情報セキュリティ基本方針.md\n",
                                              "      - path: evidence/情報セキュリティ基本方針.md\n"
                                              "        expires: 2020-01-01\n", 1)
    company.write_text(text, encoding="utf-8")
    assert run_cli("evidence", "lock", company).code == 0
    assert states(company)["ORG-01"] == "expired"


def test_coverage_counts_implemented_requirements_with_locked_unchanged_evidence(company: Path) -> None:
    assert run_cli("evidence", "lock", company).code == 0
    result = pipeline.assess(Registry([]), company)
    ev = result.scores.evidence
    assert ev is not None
    implemented = [r for r in result.requirements if r.status == "implemented"]
    covered = [r for r in implemented if r.evidence_state == "locked"]
    assert (ev.covered, ev.implemented) == (len(covered), len(implemented)) and ev.covered > 0
    assert ev.ratio == pytest.approx(len(covered) / len(implemented))
    assert sum(ev.by_state.values()) == len(result.requirements)
    assert sum(f.covered for f in ev.families) == ev.covered
    assert sum(f.implemented for f in ev.families) == ev.implemented
    gov = next(f for f in ev.families if f.id == "ORG-GOV")
    assert (gov.covered, gov.implemented) == (2, 3)  # ORG-01 and ORG-02 cite files; ORG-03 none


def test_a_revision_read_from_git_is_not_checked(company: Path) -> None:
    loaded = pipeline.load_answers(company, text=company.read_text("utf-8"), name="git:HEAD:answers.yaml")
    result = pipeline.assess(Registry([]), loaded)
    assert result.scores.evidence is None and {r.evidence_state for r in result.requirements} == {None}


def test_min_evidence_coverage_gate_from_option_and_profile(company: Path, tmp_path: Path) -> None:
    base = ["check", company, "--format", "json"]
    failed = run_cli(*base, "--min-evidence-coverage", "0.1")
    doc = json.loads(failed.out)
    gate = next(g for g in doc["gates"] if g["gate"] == "min-evidence-coverage")
    assert failed.code == 1 and not gate["passed"] and "ORG-01" in gate["requirements"]
    assert doc["scores"]["evidence"]["ratio"] == 0.0
    assert run_cli("evidence", "lock", company).code == 0
    low = json.loads(run_cli(*base, "--min-evidence-coverage", "0.1").out)
    assert next(g for g in low["gates"] if g["gate"] == "min-evidence-coverage")["passed"]
    prof = tmp_path / "strict.yaml"
    prof.write_text("format: dibcyber/profile@1\nid: strict-evidence\ntitle: {ja: 証跡, en: Evidence}\n"
                    "catalogs: [atla-2022, nist-800-171r2]\nscoring: [conformance]\n"
                    "gates: {min_evidence_coverage: 0.9}\n", encoding="utf-8")
    by_profile = run_cli(*base, "--profile", prof)
    outcome = next(g for g in json.loads(by_profile.out)["gates"] if g["gate"] == "min-evidence-coverage")
    assert by_profile.code == 1 and not outcome["passed"] and "90.0%" in outcome["text"]["en"]
    assert run_cli("check", company, "--min-evidence-coverage", "1.5").code == 2  # a usage error


def test_assess_gap_report_and_portfolio_show_it(company: Path) -> None:
    assert run_cli("evidence", "lock", company).code == 0
    shown = run_cli("assess", company, "--lang", "en")
    assert "Evidence coverage: 12.2% (12/98)" in shown.out and "locked 12" in shown.out
    md = run_cli("report", company, "--kind", "gap", "--format", "md", "--lang", "ja", "-o", "-").out
    assert "ロック済みで変更のない証跡を引用しているのは" in md and "証跡（ロック済み／実施済み）" in md
    port = json.loads(run_cli("portfolio", company.parent, "--format", "json").out)
    supplier = port["suppliers"][0]
    assert 0 < supplier["evidence_coverage"] < 1 and supplier["evidence_covered"] > 0
    table = run_cli("portfolio", company.parent, "--lang", "en").out
    assert "Evidence" in table
