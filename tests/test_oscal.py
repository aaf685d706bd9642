"""OSCAL export: valid by NIST's JSON Schema and by compliance-trestle's models, complete, deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema_rs
import pytest

from conftest import REFERENCE, ROOT, run_cli

EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"
SCHEMA = REFERENCE / "schemas" / "oscal-complete-schema-1.2.3.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(json.loads(SCHEMA.read_text("utf-8")))


def export(tmp_path: Path, *extra: str) -> tuple[dict, dict]:
    out = tmp_path / "oscal"
    result = run_cli("export", "oscal", EXAMPLE, "-o", out, *extra)
    assert result.code == 0, result.err
    return (json.loads((out / "assessment-results.json").read_text("utf-8")),
            json.loads((out / "poam.json").read_text("utf-8")))


@pytest.mark.parametrize("extra", [(), ("--profile", "cmmc-l2", "--lang", "en")], ids=["atla-ja", "cmmc-en"])
def test_the_example_validates_against_the_oscal_schema(tmp_path: Path, validator: jsonschema_rs.Validator,
                                                         extra: tuple[str, ...]) -> None:
    ar, poam = export(tmp_path, *extra)
    for doc in (ar, poam):
        errors = [f"{list(e.instance_path)}: {e.message[:200]}" for e in validator.iter_errors(doc)]
        assert errors == []


def test_the_schema_check_can_fail(validator: jsonschema_rs.Validator, tmp_path: Path) -> None:
    ar, _ = export(tmp_path)
    assert validator.is_valid(ar)
    ar["assessment-results"]["results"][0]["findings"][0]["target"]["target-id"] = "3.1.1"  # not a token
    assert not validator.is_valid(ar)
    ar, _ = export(tmp_path)
    del ar["assessment-results"]["import-ap"]
    assert not validator.is_valid(ar)


def test_the_example_loads_into_trestle_models(tmp_path: Path) -> None:
    from trestle.oscal.assessment_results import AssessmentResults
    from trestle.oscal.poam import PlanOfActionAndMilestones

    ar, poam = export(tmp_path)
    model = AssessmentResults.model_validate(ar["assessment-results"])
    plan = PlanOfActionAndMilestones.model_validate(poam["plan-of-action-and-milestones"])
    findings = model.results[0].findings or []
    from dibcyber.io.registry import Registry

    atla = Registry().catalog("atla-2022")
    result = json.loads(run_cli("assess", EXAMPLE, "--format", "json").out)
    made = sum(1 for r in result["requirements"] for o in r["objectives"] if o["finding"] is not None)
    # every requirement, and only the objective findings that were made (none invented as 'not assessed')
    assert len(findings) == len(atla.requirements) + made < len(atla.requirements) + atla.objective_count()
    assert [i.title.split()[0] for i in plan.poam_items] == result["gaps"]  # the open items, in the result's order


def test_findings_observations_and_evidence(tmp_path: Path) -> None:
    ar, poam = export(tmp_path, "--profile", "cmmc-l2", "--lang", "en")
    doc = ar["assessment-results"]
    result = doc["results"][0]
    by_label = {next(p["value"] for p in f["props"] if p["name"] == "label"): f for f in result["findings"]}
    assert by_label["3.1.2"]["target"] == {"type": "statement-id", "target-id": "nist-800-171r2_3.1.2_smt",
                                           "status": {"state": "satisfied", "reason": "pass",
                                                      "remarks": "implemented"}}
    assert by_label["3.3.1"]["target"]["status"]["state"] == "not-satisfied"
    assert by_label["3.3.1[f]"]["target"]["target-id"] == "nist-800-171r2_3.3.1_obj.f"
    points = {p["name"]: p["value"] for p in by_label["3.3.1"]["props"]}
    assert points["sprs-points"] == "5"
    observations = {o["uuid"]: o for o in result["observations"]}
    obs = observations[by_label["3.1.2"]["related-observations"][0]["observation-uuid"]]
    assert obs["description"].startswith("ファイルサーバのアクセス権")
    resources = {r["uuid"]: r for r in doc["back-matter"]["resources"]}
    cited = obs["relevant-evidence"][0]["href"]
    assert cited.startswith("#") and resources[cited[1:]]["rlinks"][0]["href"].startswith("evidence/")
    assert doc["import-ap"]["href"][1:] in resources
    items = poam["plan-of-action-and-milestones"]["poam-items"]
    assert items[0]["title"].startswith("3.3.1")  # the order of the result's gaps, by impact
    risks = {r["uuid"]: r for r in poam["plan-of-action-and-milestones"]["risks"]}
    risk = risks[items[0]["related-risks"][0]["risk-uuid"]]
    assert risk["remediations"][0]["tasks"][0]["timing"]["on-date"]["date"] == "2027-03-31T00:00:00Z"


def test_rev3_uses_nists_control_ids(tmp_path: Path) -> None:
    answers = tmp_path / "r3.yaml"
    answers.write_text("format: dibcyber/answers@1\nprofile: nist-800-171r3\norganization: {name: X}\n"
                       "assessment: {date: 2026-11-01}\nrequirements:\n  '03.01.01': {status: implemented}\n",
                       "utf-8")
    assert run_cli("export", "oscal", answers, "-o", tmp_path / "o").code == 0
    ar = json.loads((tmp_path / "o" / "assessment-results.json").read_text("utf-8"))
    ids = ar["assessment-results"]["results"][0]["reviewed-controls"]["control-selections"][0]["include-controls"]
    assert ids[0] == {"control-id": "SP_800_171_03.01.01"}


def test_a_reexport_is_byte_for_byte_the_same(tmp_path: Path) -> None:
    export(tmp_path / "a")
    export(tmp_path / "b")
    for name in ("assessment-results.json", "poam.json"):
        assert (tmp_path / "a" / "oscal" / name).read_bytes() == (tmp_path / "b" / "oscal" / name).read_bytes()
    ar, _ = export(tmp_path / "c")
    uuids = [f["uuid"] for f in ar["assessment-results"]["results"][0]["findings"]]
    assert len(set(uuids)) == len(uuids)


def test_evidence_urls_with_spaces_and_japanese_are_valid_hrefs(tmp_path: Path,
                                                                 validator: jsonschema_rs.Validator) -> None:
    answers = tmp_path / "ev.yaml"
    answers.write_text("format: dibcyber/answers@1\nprofile: nist-800-171r3\norganization: {name: X}\n"
                       "assessment: {date: 2026-11-01}\nrequirements:\n  '03.01.01':\n    status: implemented\n"
                       "    evidence:\n      - url: https://wiki.example/規程 v2?x=1&y=%41#a\n"
                       "      - path: evidence/規程 v2.md\n", "utf-8")
    result = run_cli("export", "oscal", answers, "-o", tmp_path / "o")
    assert result.code == 0, result.err
    ar = json.loads((tmp_path / "o" / "assessment-results.json").read_text("utf-8"))
    assert validator.is_valid(ar)
    hrefs = [r["rlinks"][0]["href"] for r in ar["assessment-results"]["back-matter"]["resources"] if "rlinks" in r]
    assert hrefs == ["https://wiki.example/%E8%A6%8F%E7%A8%8B%20v2?x=1&y=%41#a",
                     "evidence/%E8%A6%8F%E7%A8%8B%20v2.md"]
