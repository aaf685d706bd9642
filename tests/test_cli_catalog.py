"""`dibcyber catalog|profile ...` through the real entry point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import yaml_helper
from conftest import CASES, CONTROLS, run_cli
from dibcyber import __version__

USER = CASES / "user-path"


def show_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = run_cli("catalog", "show", *args, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def test_rev2_json_contract() -> None:
    doc = show_json("nist-800-171r2")
    assert {"id", "version", "title", "families", "requirements"} <= set(doc)
    assert doc["id"] == "nist-800-171r2"
    assert set(doc["title"]) == {"ja", "en"}
    assert len(doc["families"]) == 14
    assert all({"id", "title"} <= set(f) for f in doc["families"])
    reqs = doc["requirements"]
    assert len(reqs) == 110
    for r in reqs:
        assert {"id", "family", "title", "statement", "objectives", "odps", "mappings"} <= set(r)
        assert all(set(o) == {"id", "text"} and set(o["text"]) == {"ja", "en"} for o in r["objectives"])
    assert sum(len(r["objectives"]) for r in reqs) == 320
    first = reqs[0]
    assert first["id"] == "3.1.1"
    assert first["objectives"][0] == {"id": "3.1.1[a]", "text": {
        "ja": "認可されたユーザが特定されている。", "en": "authorized users are identified."}}
    assert first["weight"]["value"] == 5
    assert first["mappings"] == [{"catalog": "nist-800-171r3", "id": "03.01.01", "relation": "successor"}]


def test_rev3_json_counts() -> None:
    doc = show_json("nist-800-171r3")
    assert len(doc["requirements"]) == 97
    assert len(doc["families"]) == 17
    assert sum(len(r["objectives"]) for r in doc["requirements"]) == 422
    assert sum(len(r["odps"]) for r in doc["requirements"]) == 88
    assert len(doc["withdrawn"]) == 33


def test_atla_json_maps_all_rev2() -> None:
    doc = show_json("atla-2022")
    mapped = {m["id"] for r in doc["requirements"] for m in r["mappings"]
              if m["catalog"] == "nist-800-171r2" and m["relation"] == "equivalent"}
    assert len(mapped) == 110
    org = [r for r in doc["requirements"] if "organizational" in r["tags"]]
    assert len(org) >= 13
    assert all(r["official_ref"]["status"] == "unverified" for r in doc["requirements"])


def test_yaml_output_equals_json() -> None:
    result = run_cli("catalog", "show", "nist-800-171r3", "--family", "PL", "--format", "yaml")
    assert result.code == 0
    import io

    from ruamel.yaml import YAML

    assert YAML(typ="safe").load(io.StringIO(result.out)) == show_json("nist-800-171r3", "--family", "PL")


@pytest.mark.parametrize(("args", "expected"), [
    (["--family", "AC"], 22),
    (["--family", "3.13"], 16),
    (["--tag", "cmmc-l1"], 17),
    (["--tag", "basic", "--family", "AC"], 2),
    (["--search", "多要素認証"], None),
    (["--search", "multifactor"], None),
])
def test_filters(args: list[str], expected: int | None) -> None:
    reqs = show_json("nist-800-171r2", *args)["requirements"]
    if expected is None:
        assert "3.5.3" in [r["id"] for r in reqs]
        assert len(reqs) < 10
    else:
        assert len(reqs) == expected


def test_requirement_detail_by_alias_in_japanese() -> None:
    result = run_cli("catalog", "show", "nist-800-171r2", "AC.L2-3.1.3", "--lang", "ja")
    assert result.code == 0, result.err
    assert "3.1.3[a]" in result.out  # objective IDs are not eaten as markup
    assert "CUIの流れの制御" in result.out
    assert "nist-800-171r3:03.01.03" in result.out


def test_selection_odp_choices_are_shown() -> None:
    result = run_cli("catalog", "show", "nist-800-171r3", "03.01.08", "--lang", "en", env={"COLUMNS": "400"})
    line = next(x for x in result.out.splitlines() if "A.03.01.08.ODP[03]" in x)
    assert "delay next logon prompt" in line


def test_table_in_both_languages() -> None:
    ja = run_cli("catalog", "show", "atla-2022", "--family", "ORG-INC", "--lang", "ja")
    en = run_cli("catalog", "show", "atla-2022", "--family", "ORG-INC", "--lang", "en")
    assert "事故等の報告" in ja.out
    assert "Reporting of incidents" in en.out


def test_language_follows_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert "アクセス制御" in run_cli("catalog", "show", "nist-800-171r2", "--family", "AC").out
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "Access Control" in run_cli("catalog", "show", "nist-800-171r2", "--family", "AC").out


def test_unknown_catalog_and_requirement() -> None:
    result = run_cli("catalog", "show", "nist-800-171r4")
    assert result.code == 3
    assert "unknown catalog 'nist-800-171r4'" in result.err
    result = run_cli("catalog", "show", "nist-800-171r2", "3.1.99")
    assert result.code == 3
    assert "no requirement '3.1.99'" in result.err
    assert "did you mean '3.1.9'?" in result.err


def test_catalog_list() -> None:
    rows = json.loads(run_cli("catalog", "list", "--format", "json").out)
    assert {r["id"]: r["requirements"] for r in rows} == {
        "atla-2022": 125, "nist-800-171r2": 110, "nist-800-171r3": 97}


def test_user_folder_by_option_and_environment() -> None:
    rows = json.loads(run_cli("--path", USER, "catalog", "list", "--format", "json").out)
    assert "sample-inhouse" in [r["id"] for r in rows]
    env = run_cli("catalog", "show", "sample-inhouse", "--format", "json", env={"DIBCYBER_PATH": str(USER)})
    assert env.code == 0, env.err
    doc = json.loads(env.out)
    assert [r["id"] for r in doc["requirements"]] == ["IH-1", "IH-2"]
    # a user catalog written in Japanese only falls back to Japanese in English output
    table = run_cli("catalog", "show", "sample-inhouse", "--lang", "en", "--path", USER)
    assert "入退室記録の1年保存" in table.out
    assert "No shared accounts" in table.out
    profiles = json.loads(run_cli("profile", "list", "--path", USER, "--format", "json").out)
    assert "sample-inhouse-strict" in [p["id"] for p in profiles]


def test_user_catalog_shadows_builtin(tmp_path: Path) -> None:
    text = (CONTROLS / "atla-2022.yaml").read_text("utf-8")
    patched = text.replace("  - id: ORG-01\n    family: ORG-GOV\n", "  - id: ORG-01\n    family: ORG-GOV\n"
                           "    official_ref: {status: verified, value: 別紙 第1項}\n", 1)
    patched = patched.replace("    official_ref: {status: unverified}\n", "", 1)
    (tmp_path / "atla.yaml").write_text(patched, "utf-8")
    result = run_cli("catalog", "list", "--path", tmp_path)
    assert result.code == 0, result.err
    assert "atla-2022" in result.out
    assert "replaces built-in" in result.out
    doc = show_json("atla-2022", "ORG-01", "--path", str(tmp_path))
    assert doc["requirements"][0]["official_ref"] == {"status": "verified", "value": "別紙 第1項", "note": None}


def test_path_that_is_not_a_folder() -> None:
    result = run_cli("--path", "/nonexistent/dibcyber", "catalog", "list")
    assert result.code == 3
    assert "is not a folder" in result.err


def test_profiles() -> None:
    rows = json.loads(run_cli("profile", "list", "--format", "json").out)
    assert {r["id"] for r in rows} == {"atla-standard", "nist-800-171r2", "cmmc-l2", "nist-800-171r3"}
    cmmc = json.loads(run_cli("profile", "show", "cmmc-l2", "--format", "json").out)
    assert cmmc["scoring"] == ["sprs", "cmmc-l2", "conformance"]
    assert cmmc["gates"]["min_sprs"] == 88
    r3 = json.loads(run_cli("profile", "show", "nist-800-171r3", "--format", "json").out)
    assert r3["require_odp_values"] is True
    table = run_cli("profile", "show", "atla-standard")
    assert "125/125" in table.out
    assert "防衛産業サイバーセキュリティ基準" in table.out  # the profile's default language is Japanese


def test_profile_by_path_and_validate_ok() -> None:
    result = run_cli("catalog", "validate", USER / "inhouse.yaml", USER / "inhouse-profile.yaml", "--path", USER)
    assert result.code == 0, result.err
    assert "valid catalog 'sample-inhouse'" in result.out
    assert "valid profile 'sample-inhouse-strict'" in result.out
    for f in sorted(CONTROLS.glob("*.yaml")):
        if f.name != "glossary.yaml":  # the terms the catalogs use, not a catalog (tests/test_glossary.py)
            assert run_cli("catalog", "validate", f).code == 0


def test_version_help_and_usage_errors() -> None:
    assert run_cli("--version").out.strip() == f"dibcyber {__version__}"
    assert run_cli("--help").code == 0
    bad = run_cli("catalog", "show")
    assert bad.code == 2
    assert run_cli("catalog", "show", "nist-800-171r2", "--format", "xml").code == 2


def test_broken_builtin_style_file_in_user_path_is_reported(tmp_path: Path) -> None:
    shutil.copy(CASES / "bad" / "misspelt-key" / "input.yaml", tmp_path / "x.yaml")
    result = run_cli("catalog", "show", "misspelt", "--path", tmp_path)
    assert result.code == 3
    assert "did you mean 'statement'?" in result.err
    assert yaml_helper.load(CASES / "bad" / "misspelt-key" / "expect.yaml")["exit"] == 3


def test_catalog_content_is_versioned_with_a_changelog() -> None:
    import json

    from conftest import CONTROLS

    changelog = (CONTROLS / "CHANGELOG.md").read_text("utf-8")
    rows = json.loads(run_cli("catalog", "list", "--format", "json").out)
    assert {r["id"] for r in rows} == {"atla-2022", "nist-800-171r2", "nist-800-171r3"}
    for row in rows:
        assert row["content_version"], row["id"]
        assert f"## {row['content_version']} " in changelog, row["content_version"]
        assert row["source"] == "built-in" and row["version"]
    table = run_cli("catalog", "list").out
    assert all(r["content_version"] in table for r in rows)
