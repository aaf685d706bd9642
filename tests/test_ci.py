"""`check`, `diff`, `history` and `evidence` on a throwaway git repository, as a CI pipeline uses them."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import REFERENCE, ROOT, run_cli

EXAMPLE = ROOT / "examples" / "sample-seiki"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A policy repository with two commits of the example: the second regresses ORG-01 and SYS-3.1.1."""
    repo = tmp_path / "policy"
    shutil.copytree(EXAMPLE, repo)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "ci@example.com")
    git(repo, "config", "user.name", "ci")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "assessment 2026-11")
    answers = repo / "answers.yaml"
    text = answers.read_text("utf-8")
    text = text.replace("  ORG-01:\n    status: implemented", "  ORG-01:\n    status: not_implemented", 1)
    text = text.replace("    objectives: {a: met, b: met, c: met, d: met, e: met, f: met}",
                        "    objectives: {a: met, b: met, c: met, d: not_met, e: met, f: met}", 1)
    answers.write_text(text, "utf-8")
    git(repo, "commit", "-qam", "policy change")
    monkeypatch.chdir(repo)
    return repo


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if line.startswith(needle))


def test_regression_against_git_baseline_fails_naming_the_requirement(repo: Path) -> None:
    r = run_cli("check", "answers.yaml", "--baseline", "git:HEAD~1", "--format", "json")
    assert r.code == 1, r.err
    doc = json.loads(r.out)
    baseline = next(g for g in doc["gates"] if g["gate"] == "baseline")
    assert baseline["passed"] is False
    assert baseline["requirements"] == ["ORG-01", "SYS-3.1.1"]
    assert doc["passed"] is False
    same = run_cli("check", "answers.yaml", "--baseline", "git:HEAD", "--require", "SYS-3.1.2")
    assert same.code == 0, same.out  # no change against itself, and the required item is implemented
    table = run_cli("check", "answers.yaml", "--baseline", "git:HEAD~1", "--lang", "en")
    assert table.code == 1 and "ORG-01" in table.out and "baseline" in table.out


def test_gates_exit_codes(repo: Path) -> None:
    assert run_cli("check", "answers.yaml", "--min-sprs", "30", "--require", "basic").code == 1  # 3.1.1 is open
    assert run_cli("check", "answers.yaml", "--min-sprs", "30", "--require", "ORG-02",
                   "--min-conformance", "0.5", "--min-conformance", "SYS-MP=1.0").code == 0
    low = run_cli("check", "answers.yaml", "--min-sprs", "88", "--format", "json")
    gate = next(g for g in json.loads(low.out)["gates"] if g["gate"] == "min-sprs")
    assert not gate["passed"] and gate["requirements"][0].startswith("SYS-")
    assert run_cli("check", "answers.yaml", "--min-conformance", "ORG-OPS=0.9").code == 1
    assert run_cli("check", "answers.yaml", "--min-conformance", "x=high").code == 2
    broken = repo / "broken.yaml"
    broken.write_text("format: dibcyber/answers@1\nprofile: nope\n", "utf-8")
    assert run_cli("check", broken, "--min-sprs", "1").code == 3  # invalid input, not a finding
    cmmc = run_cli("check", "answers.yaml", "--profile", "cmmc-l2")
    assert cmmc.code == 1 and "require-cmmc-conditional" in cmmc.out  # the cmmc-l2 profile's default gates


def test_junit_and_sarif_validate_and_point_at_the_right_lines(repo: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    r = run_cli("check", "answers.yaml", "--baseline", "git:HEAD~1", "--junit", "out/junit.xml",
                "--sarif", "out/results.sarif")
    assert r.code == 1
    tree = ET.parse(repo / "out" / "junit.xml")
    suite = tree.getroot().find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == 125
    failed = [c.get("name", "") for c in cases if c.find("failure") is not None]
    skipped = [c.get("name", "") for c in cases if c.find("skipped") is not None]
    assert len(skipped) == 2 and all(n.startswith(("SYS-3.1.16", "SYS-3.1.17")) for n in skipped)
    assert any(n.startswith("ORG-01 ") for n in failed)
    assert suite.get("failures") == str(len(failed))
    gates = tree.getroot().findall("testsuite")[1]
    assert gates.get("name") == "gates: answers.yaml" and gates.get("failures") == "2"
    # every test case names its file and the line of its requirement (GitLab shows both)
    org01 = next(c for c in cases if c.get("name", "").startswith("ORG-01 "))
    line = next(i for i, t in enumerate((repo / "answers.yaml").read_text("utf-8").splitlines(), 1)
                if t.strip().strip('"').startswith("ORG-01"))
    assert (org01.get("file"), org01.get("line")) == ("answers.yaml", str(line))

    sarif = json.loads((repo / "out" / "results.sarif").read_text("utf-8"))
    schema = json.loads((REFERENCE / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    results = {x["ruleId"]: x for x in sarif["runs"][0]["results"]}
    loc = results["ORG-01"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "answers.yaml"
    assert loc["region"]["startLine"] == line_of(repo / "answers.yaml", "  ORG-01:")
    assert results["SYS-3.1.1"]["locations"][0]["physicalLocation"]["region"]["startLine"] == \
        line_of(repo / "answers.yaml", "  SYS-3.1.1:")
    assert "SYS-3.4.9" in results  # not in the file: points at the requirements: line
    assert results["SYS-3.4.9"]["locations"][0]["physicalLocation"]["region"]["startLine"] == \
        line_of(repo / "answers.yaml", "requirements:")


def test_github_format(repo: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    r = run_cli("check", "answers.yaml", "--baseline", "git:HEAD~1", "--format", "github", "--lang", "en",
                env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert r.code == 1
    line = line_of(repo / "answers.yaml", "  ORG-01:")
    assert f"::error file=answers.yaml,line={line},title=dibcyber baseline::" in r.out
    text = summary.read_text("utf-8")
    assert "| baseline | ❌ |" in text and "ORG-01" in text


def test_diff_and_history_numbers(repo: Path) -> None:
    d = json.loads(run_cli("diff", "git:HEAD~1", "answers.yaml", "--format", "json").out)
    assert d["implemented"] == {"before": 98, "after": 96, "change": -2}
    assert d["sprs"] == {"before": 43, "after": 38, "change": -5}  # SYS-3.1.1 is worth 5 points
    assert sorted(c["id"] for c in d["changes"] if c["kind"] == "regressed") == ["ORG-01", "SYS-3.1.1"]
    md = run_cli("diff", "git:HEAD~1", "answers.yaml", "--format", "md").out
    assert "### Regressed (2)" in md
    h = run_cli("history", "answers.yaml", "--format", "json", "--svg", "history.svg")
    assert h.code == 0, h.err
    points = json.loads(h.out)
    assert [(p["sprs"], p["implemented"], p["subject"]) for p in points] == [
        (43, 98, "assessment 2026-11"), (38, 96, "policy change")]
    assert all(p["date"] == "2026-11-01" and p["date_source"] == "assessment" for p in points)
    svg = (repo / "history.svg").read_text("utf-8")
    assert svg.startswith("<svg") and "<title>" in svg and "43" in svg and "38" in svg


def test_evidence_lock_tamper_and_escape(repo: Path) -> None:
    assert run_cli("evidence", "check", "answers.yaml").code == 0
    before = (repo / "answers.yaml").read_text("utf-8").splitlines()
    r = run_cli("evidence", "lock", "answers.yaml")
    assert r.code == 0, r.err
    locked = (repo / "answers.yaml").read_text("utf-8")
    assert [line for line in before if line not in locked.splitlines()] == []  # only sha256/size added
    assert "sha256:" in locked and "# 架空の CAGE コード" in locked  # comments survive
    assert run_cli("evidence", "check", "answers.yaml").code == 0
    (repo / "evidence" / "ssp-summary.md").write_text("tampered\n", "utf-8")
    r = run_cli("evidence", "check", "answers.yaml", "--format", "json")
    assert r.code == 1
    bad = [i for i in json.loads(r.out)["items"] if i["problems"]]
    assert bad and {(i["path"], tuple(i["problems"])) for i in bad} == {("evidence/ssp-summary.md", ("changed",))}
    gate = run_cli("check", "answers.yaml", "--evidence", "--format", "json")
    assert gate.code == 1
    assert "SYS-3.12.4" in next(g for g in json.loads(gate.out)["gates"] if g["gate"] == "evidence")["requirements"]
    text = (repo / "answers.yaml").read_text("utf-8")
    text = text.replace("path: evidence/ssp-summary.md", "path: ../../../etc/passwd", 1)
    (repo / "answers.yaml").write_text(text, "utf-8")
    r = run_cli("evidence", "check", "answers.yaml", "--format", "json")
    outside = [i for i in json.loads(r.out)["items"] if "outside-root" in i["problems"]]
    assert outside and outside[0]["sha256"] is None  # never read
    assert run_cli("evidence", "lock", "answers.yaml").code == 3


def test_evidence_lock_file_expiry_and_index(repo: Path) -> None:
    assert run_cli("evidence", "lock", "answers.yaml", "--lock-file").code == 0
    assert (repo / "answers.evidence-lock.yaml").exists()
    assert "sha256" not in (repo / "answers.yaml").read_text("utf-8")
    (repo / "evidence" / "backup-log-2026-10.txt").write_text("changed\n", "utf-8")
    assert run_cli("evidence", "check", "answers.yaml").code == 1
    text = (repo / "answers.yaml").read_text("utf-8").replace(
        "path: evidence/アクセス制御規程.md", "path: evidence/アクセス制御規程.md\n        expires: 2020-01-01", 1)
    (repo / "answers.yaml").write_text(text, "utf-8")
    r = run_cli("evidence", "check", "answers.yaml", "--format", "json")
    kinds = {k for i in json.loads(r.out)["items"] for k in i["problems"]}
    assert kinds == {"changed", "expired"}
    index = run_cli("evidence", "index", "answers.yaml", "--format", "csv")
    assert index.code == 0 and index.out.startswith("\ufeffrequirement,path,url")
    assert "(not fetched)" in run_cli("evidence", "check", "answers.yaml").out


def test_git_refs_cannot_be_options(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    for spec in (f"git:--output={target}", "git:-p"):
        r = run_cli("check", "answers.yaml", "--baseline", spec)
        assert r.code == 3, (spec, r.err)
        assert "is not a git revision" in r.err
    for spec in ("git:", "git:origin/", "git:origin/:answers.yaml"):  # what an unset CI variable leaves
        r = run_cli("check", "answers.yaml", "--baseline", spec)
        assert r.code == 2, (spec, r.err)
        assert "names no revision" in r.err and "CI_MERGE_REQUEST_TARGET_BRANCH_NAME" in r.err
        assert "github.base_ref" in r.err
    assert not list(tmp_path.glob("pwned*"))
    assert run_cli("diff", f"git:--output={target}", "answers.yaml").code == 3


def test_history_follows_renames_and_new_files_have_no_baseline(repo: Path) -> None:
    git(repo, "mv", "answers.yaml", "assessment.yaml")
    git(repo, "commit", "-qm", "rename")
    points = json.loads(run_cli("history", "assessment.yaml", "--format", "json").out)
    assert [p["sprs"] for p in points] == [43, 38, 38] and all(p["error"] is None for p in points)
    new = repo / "new.yaml"
    new.write_text((repo / "assessment.yaml").read_text("utf-8"), "utf-8")
    r = run_cli("check", new, "--baseline", "git:HEAD", "--format", "json")
    gates = {g["gate"]: g for g in json.loads(r.out)["gates"]}
    assert "baseline" not in gates  # a file that did not exist at HEAD has nothing to regress from
    untracked = run_cli("history", new)
    assert untracked.code == 3 and "no git history" in untracked.err


def test_family_abbreviations_and_aliases_in_gates(repo: Path) -> None:
    doc = json.loads(run_cli("check", "answers.yaml", "--profile", "cmmc-l2", "--min-conformance", "AC=0.5",
                             "--require", "AC.L1-3.1.2", "--format", "json").out)
    gates = [g for g in doc["gates"] if g["gate"] in ("min-conformance", "require") and "3.1" in g["text"]["en"]]
    assert gates and all(g["passed"] for g in gates), doc["gates"]


def test_fail_on_chooses_which_gates_decide(repo: Path) -> None:
    """The example fails atla-standard's gates (not every organisational item is implemented)."""
    git(repo, "checkout", "-q", "HEAD~1", "--", "answers.yaml")  # back to the first version: no regression
    both = run_cli("check", "answers.yaml", "--baseline", "git:HEAD~1", "--format", "json")
    assert both.code == 1  # the default: the profile's gates still decide
    pr = run_cli("check", "answers.yaml", "--baseline", "git:HEAD~1", "--fail-on", "regression", "--format", "json")
    assert pr.code == 0, pr.out
    doc = json.loads(pr.out)
    require = next(g for g in doc["gates"] if g["gate"] == "require")
    assert require["passed"] is False and require["enforced"] is False  # reported, not enforced
    assert next(g for g in doc["gates"] if g["gate"] == "baseline")["enforced"] is True
    assert doc["passed"] is True
    git(repo, "checkout", "-q", "HEAD", "--", "answers.yaml")  # the regressing version
    assert run_cli("check", "answers.yaml", "--baseline", "git:HEAD~1", "--fail-on", "regression").code == 1
    release = run_cli("check", "answers.yaml", "--baseline", "git:HEAD~1", "--fail-on", "gates", "--format", "json")
    assert release.code == 1
    gates = {g["gate"]: g for g in json.loads(release.out)["gates"]}
    assert gates["baseline"]["passed"] is False and gates["baseline"]["enforced"] is False
    alone = run_cli("check", "answers.yaml", "--fail-on", "regression")
    assert alone.code == 2 and "--fail-on regression needs --baseline" in alone.err


def test_several_answers_files_exit_with_the_worst(repo: Path) -> None:
    shutil.copytree(EXAMPLE, repo / "plant2")
    ok = run_cli("check", "answers.yaml", "plant2/answers.yaml", "--fail-on", "regression", "--baseline", "git:HEAD",
                 "--format", "json")
    assert ok.code == 0, ok.err  # plant2 is new at HEAD: nothing to regress from
    docs = json.loads(ok.out)
    assert [d["file"] for d in docs] == ["answers.yaml", "plant2/answers.yaml"]
    (repo / "broken.yaml").write_text("format: dibcyber/answers@1\nprofile: nope\n", "utf-8")
    worst = run_cli("check", "answers.yaml", "broken.yaml", "plant2/answers.yaml", "--junit", "out/j.xml")
    assert worst.code == 3  # invalid input outranks a failed gate
    assert "broken.yaml" in worst.err and "plant2/answers.yaml" in worst.out  # the others were still checked
    suites = [s.get("file") for s in ET.parse(repo / "out" / "j.xml").getroot().findall("testsuite")]
    assert "answers.yaml" in suites and "plant2/answers.yaml" in suites
    file_baseline = run_cli("check", "answers.yaml", "plant2/answers.yaml", "--baseline", "answers.yaml")
    assert file_baseline.code == 2 and "--baseline git:REF" in file_baseline.err
    assert run_cli("evidence", "check", "answers.yaml", "plant2/answers.yaml").code == 0
    assert run_cli("evidence", "check", "answers.yaml", "broken.yaml").code == 3


def test_diff_exits_1_on_a_regression(repo: Path) -> None:
    assert run_cli("diff", "git:HEAD~1", "answers.yaml").code == 1
    assert run_cli("diff", "git:HEAD", "answers.yaml").code == 0
    assert run_cli("diff", "answers.yaml", "git:HEAD~1:answers.yaml").code == 0  # the other way is an improvement


def test_history_chart_zooms_to_the_data_and_speaks_the_language() -> None:
    from dibcyber.report import charts

    points = [(f"2026-{m:02d}-01", s, c) for m, s, c in ((1, 43, 0.80), (2, 41, 0.79), (3, 37, 0.77))]
    svg = charts.history(points, "t", lang="ja")
    ticks = [int(t) for t in __import__("re").findall(r'text-anchor="end" fill="#0b4f8a">(-?\d+)<', svg)]
    assert ticks and min(ticks) >= 30 and max(ticks) <= 50  # not −203…110: a fall of 6 points is visible
    assert "SPRSスコア" in svg and "適合率" in svg and "拡大" in svg
    assert "conformance" in charts.history(points, "t", lang="en")
    many = [(f"2026-{1 + i // 28:02d}-{1 + i % 28:02d}", 40 + i % 5, 0.8) for i in range(60)]
    svg = charts.history(many, "t")
    dates = __import__("re").findall(r'font-size="9" text-anchor="middle">(\d{4}-\d{2}-\d{2})<', svg)
    assert 2 <= len(dates) <= 10  # thinned so that labels ~60 px wide do not overlap on 548 px


@pytest.mark.parametrize(("kind", "args"), [
    ("check", ["check", "answers.yaml", "--baseline", "git:HEAD~1", "--evidence", "--format", "json"]),
    ("assess", ["assess", "answers.yaml", "--also", "cmmc-l2", "--format", "json"]),
])
def test_json_of_check_and_assess_has_a_published_schema(repo: Path, kind: str, args: list[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(run_cli("schema", kind).out)
    doc = json.loads(run_cli(*args).out)
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert ("gates" in doc) == (kind == "check") and ("also" in doc) == (kind == "assess")
    broken = dict(doc, passed="yes") if kind == "check" else dict(doc, also="no")
    assert not jsonschema.Draft202012Validator(schema).is_valid(broken)
