"""migrate: answers carried across the crosswalks, and a worklist that drops nothing silently.

The expected classification of every Rev.2 → Rev.3 link is computed here from the reference crosswalk
(reference/nist-sp800-171-rev2-to-rev3-crosswalk.csv), independently of the catalogs' mappings.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

import yaml_helper
from conftest import REFERENCE, ROOT, run_cli

EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"


def migrate(source: Path, to: str, tmp_path: Path, name: str, worklist: str = "json") -> tuple[Path, dict]:
    out, work = tmp_path / f"{name}.yaml", tmp_path / f"{name}.worklist.{worklist}"
    result = run_cli("migrate", source, "--to", to, "-o", out, "-w", work, "--lang", "en")
    assert result.code == 0, result.err
    assert run_cli("assess", out).code == 0  # the migrated file is valid answers
    return out, json.loads(work.read_text("utf-8")) if worklist == "json" else {}


@pytest.fixture(scope="module")
def rev2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example company's answers as a NIST SP 800-171 Rev.2 file (ATLA → Rev.2 is one-to-one)."""
    tmp = tmp_path_factory.mktemp("rev2")
    out, _ = migrate(EXAMPLE, "nist-800-171r2", tmp, "rev2")
    return out


def crosswalk() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    targets: dict[str, list[str]] = {}
    sources: dict[str, list[str]] = {}
    with (REFERENCE / "nist-sp800-171-rev2-to-rev3-crosswalk.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["rev2_id"]:
                sources.setdefault(row["rev3_target_ids"], [])
                continue
            ids = row["rev3_target_ids"].split()
            targets[row["rev2_id"]] = ids
            for t in ids:
                sources.setdefault(t, []).append(row["rev2_id"])
    return targets, sources


def test_atla_to_rev2_carries_everything_technical_and_lists_the_organisational(rev2: Path, tmp_path: Path) -> None:
    _, work = migrate(EXAMPLE, "nist-800-171r2", tmp_path, "again")
    kinds: dict[str, list[str]] = {}
    for item in work["items"]:
        kinds.setdefault(item["kind"], []).extend(s["id"] for s in item["sources"])
    assert sorted(kinds) == ["carried", "no_counterpart"]
    example = yaml_helper.load(EXAMPLE)["requirements"]
    assert kinds["no_counterpart"] == [k for k, v in example.items() if k.startswith("ORG-") and v]
    assert len(kinds["carried"]) == len([k for k, v in example.items() if k.startswith("SYS-") and v])
    source = yaml_helper.load(EXAMPLE)["requirements"]
    target = yaml_helper.load(rev2)["requirements"]
    assert target["3.1.1"]["objectives"] == source["SYS-3.1.1"]["objectives"]  # the same objectives
    assert target["3.3.1"] == source["SYS-3.3.1"]
    a = json.loads(run_cli("assess", EXAMPLE, "--profile", "nist-800-171r2", "--format", "json").out)
    b = json.loads(run_cli("assess", rev2, "--format", "json").out)
    assert a["scores"]["sprs"] == b["scores"]["sprs"]


def test_rev2_to_rev3_follows_the_crosswalk_and_drops_nothing(rev2: Path, tmp_path: Path) -> None:
    out, work = migrate(rev2, "nist-800-171r3", tmp_path, "rev3")
    answered = {k for k, v in yaml_helper.load(rev2)["requirements"].items() if v}
    named = {s["id"] for item in work["items"] for s in item["sources"]}
    assert answered <= named  # every source answer is in the output or on the worklist

    targets, sources = crosswalk()
    by_target: dict[str, set[str]] = {}
    for item in work["items"]:
        if item["target"]:
            by_target.setdefault(item["target"], set()).add(item["kind"])
    for t, srcs in sources.items():
        if not srcs:
            assert "new" in by_target[t], t
        elif len(srcs) > 1:
            assert "merged" in by_target[t], t
        elif len(targets[srcs[0]]) == 1:
            assert "review" in by_target[t], t
        else:
            assert "split" in by_target[t], t
    no_counterpart = {s["id"] for i in work["items"] if i["kind"] == "no_counterpart" for s in i["sources"]}
    assert no_counterpart == {s for s, ts in targets.items() if not ts and s in answered}

    migrated = yaml_helper.load(out)["requirements"]
    one_to_one = next(t for t, s in sources.items() if len(s) == 1 and len(targets[s[0]]) == 1
                      and s[0] in answered and yaml_helper.load(rev2)["requirements"][s[0]].get("status"))
    src = yaml_helper.load(rev2)["requirements"][sources[one_to_one][0]]
    assert migrated[one_to_one]["status"] == src["status"]
    assert "objectives" not in migrated[one_to_one]  # Rev.3 determination statements differ
    assert f"from {sources[one_to_one][0]}" in out.read_text("utf-8")

    odps = {i["target"] for i in work["items"] if i["kind"] == "odp"}
    from dibcyber.io.registry import Registry

    r3 = Registry().catalog("nist-800-171r3")
    assert odps == {r.id for r in r3.requirements if r.odps}


def test_atla_goes_to_rev3_through_rev2(tmp_path: Path) -> None:
    _, work = migrate(EXAMPLE, "nist-800-171r3", tmp_path, "r3")
    assert work["carried"] > 40
    assert any(s["id"] == "SYS-3.1.2" for i in work["items"] for s in i["sources"])


def test_merged_statuses_are_carried_only_when_they_agree(tmp_path: Path) -> None:
    answers = tmp_path / "r2.yaml"
    # 3.1.14 and 3.1.15 are incorporated into 03.01.12 with 3.1.12: three sources
    answers.write_text("format: dibcyber/answers@1\nprofile: nist-800-171r2\norganization: {name: X}\n"
                       "assessment: {date: 2026-11-01}\nrequirements:\n"
                       "  3.1.12: {status: implemented, narrative: VPN only}\n"
                       "  3.1.14: {status: implemented, evidence: [{path: vpn.md}]}\n"
                       "  3.1.15: {status: planned, target_date: 2027-01-31, planned_measure: 承認手順}\n",
                       "utf-8")
    out, work = migrate(answers, "nist-800-171r3", tmp_path, "m")
    merged = yaml_helper.load(out)["requirements"]["03.01.12"]
    assert "status" not in merged  # the sources disagree: a person decides
    assert merged["narrative"] == "[3.1.12] VPN only"
    assert merged["evidence"] == [{"path": "vpn.md"}]
    assert str(merged["target_date"]) == "2027-01-31"
    item = next(i for i in work["items"] if i["target"] == "03.01.12" and i["kind"] == "merged")
    assert {s["id"] for s in item["sources"]} == {"3.1.12", "3.1.14", "3.1.15"}
    assert "decide the status" in item["detail"]["en"]


@pytest.mark.parametrize("fmt", ["md", "html", "xlsx"])
def test_the_worklist_renders_for_people(tmp_path: Path, fmt: str) -> None:
    answers = tmp_path / "r2.yaml"
    answers.write_text("format: dibcyber/answers@1\nprofile: nist-800-171r2\norganization: {name: '<b>X</b>'}\n"
                       "assessment: {date: 2026-11-01}\nrequirements:\n  3.1.1: {status: implemented}\n"
                       "  3.1.21: {status: planned}\n", "utf-8")
    out = tmp_path / f"w.{fmt}"
    result = run_cli("migrate", answers, "--to", "nist-800-171r3", "-w", out, "--lang", "ja")
    assert result.code == 0, result.err
    assert result.out.startswith("# migrated by dibcyber")  # the answers go to standard output
    if fmt == "xlsx":
        ws = openpyxl.load_workbook(out).active
        assert ws.cell(1, 1).value == "区分" and ws.max_row > 10
        return
    text = out.read_text("utf-8")
    assert "移行作業リスト" in text and "新しい要件" in text
    assert "<b>X</b>" not in text  # the organisation name is escaped


def test_migrate_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "r3.yaml"
    out.write_text("keep", "utf-8")
    result = run_cli("migrate", EXAMPLE, "--to", "nist-800-171r3", "-o", out)
    assert result.code == 4 and out.read_text("utf-8") == "keep"
    assert run_cli("migrate", EXAMPLE, "--to", "nist-800-171r3", "-w", tmp_path / "w.txt").code == 2


def test_migrate_refuses_one_file_for_answers_and_worklist(tmp_path: Path) -> None:
    """Both would be written to it, the second over the first: one of them would be lost."""
    out = tmp_path / "r3.json"
    result = run_cli("migrate", EXAMPLE, "--to", "nist-800-171r3", "-o", out, "-w", tmp_path / "." / "r3.json")
    assert result.code == 2, result.err
    assert "the same file" in result.err
    assert not out.exists()


def test_what_is_not_carried_is_named_in_the_worklist(tmp_path: Path) -> None:
    answers = tmp_path / "r2.yaml"
    answers.write_text("format: dibcyber/answers@1\nprofile: nist-800-171r2\norganization: {name: X}\n"
                       "assessment: {date: 2026-11-01}\nrequirements:\n"
                       "  3.1.2: {objectives: {a: met, b: not_met}}\n"
                       "  3.13.11: {status: partially_implemented, partial_credit: encryption_not_fips_validated}\n",
                       "utf-8")
    _, work = migrate(answers, "nist-800-171r3", tmp_path, "left")
    texts = " ".join(i["detail"]["en"] for i in work["items"])
    assert "Objective findings not carried: a: met, b: not met" in texts
    assert "Partial credit record not carried: encrypted (not FIPS-validated)" in texts
