"""`dibcyber assess`, `init` and `schema` through the real entry point, on the bundled example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"


def result_json(*args: str | Path) -> dict:  # type: ignore[type-arg]
    r = run_cli("assess", *args, "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def test_example_json_contract() -> None:
    doc = result_json(EXAMPLE)
    assert doc["format"] == "dibcyber/result@1"
    assert doc["profile"] == "atla-standard"
    sprs = doc["scores"]["sprs"]
    assert isinstance(sprs["value"], int)
    assert sprs["max"] == 110 and sprs["min"] == -203
    assert sprs["value"] == 110 - sum(d["points"] for d in sprs["deductions"])
    conf = doc["scores"]["conformance"]
    assert {"implemented", "total", "ratio", "categories"} <= set(conf)
    assert conf["total"] == 124  # 125 items; ORG-10 counts through SYS-3.3.5 and SYS-3.14.6
    assert conf["not_counted"] == ["ORG-10"]
    assert conf["organizational"]["total"] == 14
    assert [c["id"] for c in conf["categories"]][:2] == ["ORG-GOV", "ORG-INFO"]
    reqs = doc["requirements"]
    assert len(reqs) == 125
    assert all({"id", "status", "deduction", "reasons"} <= set(r) for r in reqs)
    assert [r["id"] for r in reqs][:2] == ["ORG-01", "ORG-02"]  # catalog order
    by_id = {r["id"]: r for r in reqs}
    assert by_id["SYS-3.4.9"]["status"] == "not_assessed"
    assert by_id["SYS-3.5.3"]["deduction"] == 3  # objectives [a]-[c] met show the partial case
    assert by_id["SYS-3.13.11"]["deduction"] == 3  # partial_credit: encryption_not_fips_validated
    assert [r["code"] for r in by_id["SYS-3.1.16"]["reasons"]] == ["na-condition"]
    assert [e["id"] for e in sprs["not_applicable"]] == ["3.1.16", "3.1.17"]
    # the gap without a plan costs 3.12.2 its points in the SPRS view, and says why; the company's own
    # status stays, so the Japanese conformance rate is not changed by a US scoring rule
    assert by_id["SYS-3.12.2"]["status"] == "implemented"
    assert by_id["SYS-3.12.2"]["deduction"] == 3
    assert "no-plan-of-action" in [r["code"] for r in by_id["SYS-3.12.2"]["reasons"]]
    assert doc["gaps"][0] != "SYS-3.12.2" or by_id["SYS-3.12.2"]["deduction"] >= 3
    assert all(set(r["text"]) == {"ja", "en"} for r in by_id["SYS-3.13.14"]["reasons"])


def test_example_summary_in_both_languages() -> None:
    ja = run_cli("assess", EXAMPLE)
    assert ja.code == 0, ja.err
    for text in ("株式会社サンプル精機", "適合率", "SPRSスコア", "主なギャップ", "SYS-3.3.1"):
        assert text in ja.out
    en = run_cli("assess", EXAMPLE, "--lang", "en", "--top", "3")
    for text in ("Conformance", "SPRS score", "Top gaps", "Status by family"):
        assert text in en.out


def test_profile_override_scores_atla_answers_as_cmmc() -> None:
    atla = result_json(EXAMPLE)
    cmmc = result_json(EXAMPLE, "--profile", "cmmc-l2")
    assert cmmc["catalog"] == "nist-800-171r2"
    assert len(cmmc["requirements"]) == 110
    assert cmmc["scores"]["sprs"]["value"] == atla["scores"]["sprs"]["value"]
    assert cmmc["scores"]["cmmc"]["conditional"] is False
    assert cmmc["scores"]["cmmc"]["blockers"]
    outside = [i for i in cmmc["issues"] if i["code"] == "not-in-catalog"]
    assert len(outside) == 15  # the organisational items have no NIST equivalent


@pytest.mark.parametrize("profile", ["atla-standard", "nist-800-171r2", "cmmc-l2", "nist-800-171r3"])
def test_init_gives_a_file_that_assesses(tmp_path: Path, profile: str) -> None:
    out = tmp_path / "answers.yaml"
    r = run_cli("init", "--profile", profile, "-o", out, "--lang", "en")
    assert r.code == 0, r.err
    text = out.read_text("utf-8")
    assert text.startswith("# dibcyber answers file")
    doc = result_json(out)
    statuses = {r["status"] for r in doc["requirements"]}
    assert statuses == {"not_assessed"}
    if profile == "nist-800-171r3":
        assert doc["scores"]["coverage"]["odps_total"] == 88
        assert "# the time period for account inactivity before disabling is defined." in text


def test_init_japanese_comments_and_no_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    assert run_cli("init", "-p", "atla-standard", "-o", out).code == 0
    text = out.read_text("utf-8")
    assert "# ORG-07 事故等の報告" in text
    assert "#   a: 認可されたユーザが特定されている。" in text
    out.write_text(text + "# 追記\n", "utf-8")
    again = run_cli("init", "-p", "atla-standard", "-o", out)
    assert again.code == 4
    assert "--force" in again.err
    assert out.read_text("utf-8").endswith("# 追記\n")
    assert run_cli("init", "-p", "atla-standard", "-o", out, "--force").code == 0
    assert not out.read_text("utf-8").endswith("# 追記\n")


def test_published_schema_matches_models() -> None:
    published = json.loads((ROOT / "schemas" / "answers.schema.json").read_text("utf-8"))
    r = run_cli("schema", "answers")
    assert r.code == 0
    assert json.loads(r.out) == published
    assert run_cli("schema", "nonsense").code == 2


def test_example_validates_against_published_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from ruamel.yaml import YAML

    schema = json.loads((ROOT / "schemas" / "answers.schema.json").read_text("utf-8"))
    data = json.loads(json.dumps(YAML(typ="safe").load(EXAMPLE.read_text("utf-8")), default=str))
    jsonschema.validate(data, schema)
    data["requirements"]["ORG-01"]["status"] = "done"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_init_with_a_profile_file_points_to_it(tmp_path: Path) -> None:
    prof_dir = tmp_path / "policy"
    prof_dir.mkdir()
    (prof_dir / "strict.yaml").write_text(
        "format: dibcyber/profile@1\nid: \"2026\"\ntitle: {ja: 社内版}\ncatalogs: [nist-800-171r2]\n"
        "scoring: [sprs]\n", "utf-8")
    out = tmp_path / "answers" / "a.yaml"
    out.parent.mkdir()
    r = run_cli("init", "--profile", prof_dir / "strict.yaml", "-o", out)
    assert r.code == 0, r.err
    assert 'profile: "../policy/strict.yaml"' in out.read_text("utf-8")
    assert run_cli("assess", out).code == 0


def test_writes_go_through_symlinks_keep_modes_and_new_files_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from dibcyber.io.atomic import atomic_write

    real = tmp_path / "real.yaml"
    real.write_text("old\n", "utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    atomic_write(link, "new\n")
    assert link.is_symlink() and real.read_text("utf-8") == "new\n"
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "fresh.yaml", "x\n")
        monkeypatch.setenv("DIBCYBER_FILE_MODE", "0664")
        atomic_write(tmp_path / "shared.yaml", "x\n")
        real.chmod(0o640)
        atomic_write(real, "newer\n")
    finally:
        os.umask(old)
    assert (tmp_path / "fresh.yaml").stat().st_mode & 0o777 == 0o600  # assessment data: owner only
    assert (tmp_path / "shared.yaml").stat().st_mode & 0o777 == 0o644  # asked for, less the umask
    assert real.stat().st_mode & 0o777 == 0o640  # an existing file keeps its mode


def test_one_answer_set_scored_by_several_profiles_at_once() -> None:
    doc = result_json(EXAMPLE, "--also", "cmmc-l2", "--also", "nist-800-171r2")
    assert doc["profile"] == "atla-standard"
    assert [d["profile"] for d in doc["also"]] == ["cmmc-l2", "nist-800-171r2"]
    assert {d["scores"]["sprs"]["value"] for d in doc["also"]} == {doc["scores"]["sprs"]["value"]}
    assert doc["also"][0]["scores"]["cmmc"]["conditional"] is False
    table = run_cli("assess", EXAMPLE, "--also", "cmmc-l2", "--lang", "en", "--top", "2")
    assert table.out.count("SPRS score: 43") == 2 and "CMMC Level 2 (conditional)" in table.out


def test_rev3_answers_under_a_rev2_profile_are_refused_with_the_true_reason(tmp_path: Path) -> None:
    """Not 'not assessed' everywhere and 'no system security plan': the SPRS score needs all 110 Rev.2
    requirements, and the Rev.2 ↔ Rev.3 crosswalk is not one-to-one for many of them."""
    out = tmp_path / "rev3.yaml"
    assert run_cli("init", "--profile", "nist-800-171r3", "-o", out, "--lang", "en").code == 0
    r = run_cli("assess", out, "--profile", "cmmc-l2")
    assert r.code == 3, r.err
    assert "cannot be scored on catalog 'nist-800-171r2'" in r.err
    assert "the SPRS score needs every Rev.2 requirement" in r.err
    assert "one-to-one counterpart" in r.err and "3.1.1" in r.err
    assert "system security plan" not in r.err and r.out == ""
    # and the other way round: the Rev.3 profile needs every Rev.3 requirement, 20 of them new in Rev.3
    rev2 = tmp_path / "rev2.yaml"
    assert run_cli("init", "--profile", "nist-800-171r2", "-o", rev2, "--lang", "en").code == 0
    back = run_cli("assess", rev2, "--profile", "nist-800-171r3")
    assert back.code == 3 and "03.01.01" in back.err and "in all)" in back.err
