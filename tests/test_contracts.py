"""Every JSON document a command prints has a model and a ``dibcyber schema NAME``: the real output of each
command on the example company validates against both (the model strictly: an unknown key fails)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, run_cli
from dibcyber.app import schemas

EXAMPLE = ROOT / "examples" / "sample-seiki"


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example company in a git repository of two commits, with a migrated worklist written."""
    repo = tmp_path_factory.mktemp("contracts") / "company"
    shutil.copytree(EXAMPLE, repo)
    for args in (["init", "-q"], ["config", "user.email", "c@example.com"], ["config", "user.name", "c"],
                 ["add", "-A"], ["commit", "-qm", "first"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    answers = repo / "answers.yaml"
    answers.write_text(answers.read_text("utf-8").replace("status: implemented", "status: planned", 1), "utf-8")
    subprocess.run(["git", "-C", str(repo), "commit", "-qam", "second"], check=True, capture_output=True)
    return repo


def _commands(repo: Path) -> dict[str, list[str]]:
    a = str(repo / "answers.yaml")
    return {
        "result": ["assess", a, "--format", "json"],
        "assess": ["assess", a, "--format", "json", "--also", "cmmc-l2"],
        "check": ["check", a, "--format", "json"],
        "diff": ["diff", f"git:HEAD~1:{a}", a, "--format", "json"],
        "history": ["history", a, "--format", "json"],
        "evidence": ["evidence", "check", a, "--format", "json"],
        "evidence-index": ["evidence", "index", a, "--format", "json"],
        "catalog-list": ["catalog", "list", "--format", "json"],
        "profile-list": ["profile", "list", "--format", "json"],
        "portfolio": ["portfolio", str(repo), "--format", "json"],
    }


OUTPUTS = [k for k in schemas.KINDS if k not in schemas.INPUTS]


def test_every_output_document_is_covered_here() -> None:
    assert set(OUTPUTS) == {*_commands(Path("x")), "worklist"}


@pytest.mark.parametrize("kind", [k for k in OUTPUTS if k != "worklist"])
def test_command_output_validates_against_its_model_and_schema(company: Path, kind: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(company)
    r = run_cli(*_commands(company)[kind])
    assert r.code in (0, 1), r.err
    doc = json.loads(r.out)
    model, _ = schemas.KINDS[kind]
    model.model_validate(doc)  # strict models: a key the model does not know fails here
    jsonschema.validate(doc, schemas.document(kind))


def test_worklist_validates_against_its_model_and_schema(company: Path, tmp_path: Path) -> None:
    out = tmp_path / "worklist.json"
    r = run_cli("migrate", company / "answers.yaml", "--to", "nist-800-171r3", "-o", tmp_path / "r3.yaml",
                "--worklist", out)
    assert r.code == 0, r.err
    doc = json.loads(out.read_text("utf-8"))
    schemas.KINDS["worklist"][0].model_validate(doc)
    jsonschema.validate(doc, schemas.document("worklist"))


def test_a_key_outside_the_contract_fails_validation(company: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard of the tests above: an extra key is caught by the model and by the schema."""
    monkeypatch.chdir(company)
    doc = json.loads(run_cli("catalog", "list", "--format", "json").out)
    doc[0]["surprise"] = 1
    with pytest.raises(ValueError, match="surprise"):
        schemas.KINDS["catalog-list"][0].model_validate(doc)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schemas.document("catalog-list"))


def test_schema_help_lists_every_kind() -> None:
    from dibcyber.cli.start import SCHEMA_KINDS

    assert SCHEMA_KINDS.split(" | ") == list(schemas.KINDS)
