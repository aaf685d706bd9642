"""``dibcyber import xccdf``: scan results (XCCDF 1.2, ARF) as locked evidence, rule by rule, mapped to
requirements directly or through SP 800-53; contradictions with answers shown and gated; hostile files
refused with located errors. The fixtures are real OpenSCAP output (tests/fixtures/xccdf/README.md)."""

from __future__ import annotations

import difflib
import importlib.util
import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from dibcyber.app import scanimport
from dibcyber.errors import InvalidInputError
from dibcyber.exchange import xccdf

FIXTURES = ROOT / "tests" / "fixtures" / "xccdf"
PLAIN = FIXTURES / "debian12-standard.xccdf.xml"
ARF = FIXTURES / "debian12-standard.arf.xml"
EXAMPLE = ROOT / "examples" / "sample-seiki"
RULE = "xccdf_org.ssgproject.content_rule_"


def _nist_refs(scan: xccdf.Scan, marker: str) -> int:
    return sum(1 for _, rule in scan.findings() if rule and any(marker in r.href for r in rule.references))


@pytest.mark.parametrize("path", [PLAIN, ARF], ids=["xccdf", "arf"])
def test_the_real_results_read_back(path: Path) -> None:
    scan = xccdf.read(path)
    assert scan.kind == ("arf" if path == ARF else "xccdf")
    assert scan.profile == "xccdf_org.ssgproject.content_profile_standard"
    assert scan.benchmark_title == "Guide to the Secure Configuration of Debian 11"
    assert scan.target == "debian12-test"
    assert scan.test_system == "cpe:/a:redhat:openscap:1.3.7"
    found = scan.findings()
    assert Counter(r.result for r, _ in found) == {"pass": 23, "fail": 21}
    assert len(scan.results) == 46  # two notselected rule results are not findings
    assert _nist_refs(scan, "800-53") == 41
    assert _nist_refs(scan, "800-171") == 7
    rr, rule = next((r, ru) for r, ru in found if r.rule == RULE + "sysctl_kernel_randomize_va_space")
    assert rr.result == "fail" and rule is not None
    assert rule.title == "Enable Randomized Layout of Virtual Address Space"
    assert path.read_text("utf-8").splitlines()[rr.line - 1].lstrip().startswith("<rule-result")


def test_arf_and_plain_results_agree() -> None:
    plain, arf = xccdf.read(PLAIN), xccdf.read(ARF)
    assert [(r.rule, r.result) for r, _ in plain.findings()] == [(r.rule, r.result) for r, _ in arf.findings()]
    assert plain.rules == arf.rules


@pytest.fixture(scope="module")
def mappers(registry):  # type: ignore[no-untyped-def]
    r2, r3 = registry.catalog("nist-800-171r2"), registry.catalog("nist-800-171r3")
    return {cid: scanimport.Mapper(registry.catalog(cid), r2, r3)
            for cid in ("nist-800-171r2", "nist-800-171r3", "atla-2022")}


def _mapped(mapper: scanimport.Mapper, rule_id: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    rule = xccdf.read(PLAIN).rules[RULE + rule_id]
    return {m.requirement: (m.mapping, m.via) for m in mapper.map(rule)}


def test_direct_and_derived_mappings(mappers) -> None:  # type: ignore[no-untyped-def]
    # the rule cites 3.1.7 itself (direct), SC-30 and SC-30(2) (no Rev.3 requirement names them) and CM-6(a),
    # a statement part of CM-6, which is a source control of 03.04.02 (predecessor 3.4.2)
    assert _mapped(mappers["nist-800-171r2"], "sysctl_kernel_randomize_va_space") == {
        "3.1.7": ("direct", ("3.1.7",)), "3.4.2": ("derived", ("CM-6", "03.04.02", "3.4.2"))}
    assert _mapped(mappers["atla-2022"], "sysctl_kernel_randomize_va_space") == {
        "SYS-3.1.7": ("direct", ("3.1.7",)), "SYS-3.4.2": ("derived", ("CM-6", "03.04.02", "3.4.2"))}
    # Rev.3 answers reach 03.01.07 through the crosswalk: derived
    assert _mapped(mappers["nist-800-171r3"], "sysctl_kernel_randomize_va_space") == {
        "03.01.07": ("derived", ("3.1.7", "03.01.07")), "03.04.02": ("derived", ("CM-6", "03.04.02"))}
    auditd = _mapped(mappers["nist-800-171r2"], "service_auditd_enabled")
    assert auditd["3.3.1"] == ("direct", ("3.3.1",))
    # AC-6(9) is a source control of 03.01.07, whose predecessor is 3.1.7
    assert auditd["3.1.7"] == ("derived", ("AC-6(9)", "03.01.07", "3.1.7"))
    # AC-2(g) is a statement part of AC-2: the control itself, source of 03.01.01
    assert auditd["3.1.1"] == ("derived", ("AC-2", "03.01.01", "3.1.1"))


def test_a_whole_scan_maps_to_the_japanese_standard(mappers) -> None:  # type: ignore[no-untyped-def]
    mapping = scanimport.map_scan(xccdf.read(ARF), mappers["atla-2022"])
    assert (mapping.direct, mapping.derived, len(mapping.unmapped)) == (7, 33, 4)
    assert list(mapping.findings)[:3] == ["SYS-3.1.1", "SYS-3.1.5", "SYS-3.1.6"]  # catalog order
    assert all(f.mapping in ("direct", "derived") and f.via for fs in mapping.findings.values() for f in fs)


@pytest.fixture
def company(tmp_path: Path) -> Path:
    """The example company in a folder of its own, with the scan results inside it."""
    target = tmp_path / "sample-seiki"
    shutil.copytree(EXAMPLE, target)
    (target / "evidence" / "scans").mkdir(exist_ok=True)
    shutil.copy(ARF, target / "evidence" / "scans" / "web01.arf.xml")
    return target


def test_merge_only_adds_keeps_status_and_is_idempotent(company: Path) -> None:
    answers = company / "answers.yaml"
    before = answers.read_text("utf-8")
    r = run_cli("import", "xccdf", company / "evidence" / "scans" / "web01.arf.xml", "--into", answers)
    assert r.code == 0, r.err
    after = answers.read_text("utf-8")
    ops = {op for op, *_ in difflib.SequenceMatcher(None, before.splitlines(), after.splitlines()).get_opcodes()}
    assert ops == {"equal", "insert"}  # every comment, blank line and answer kept, in its place
    assert "evidence/scans/web01.arf.xml" in after
    assert "7 rules cite requirements directly, 33 through SP 800-53 (4 map to none)" in r.err
    again = run_cli("import", "xccdf", company / "evidence" / "scans" / "web01.arf.xml", "--into", answers)
    assert again.code == 0 and answers.read_text("utf-8") == after
    assert run_cli("evidence", "check", answers).code == 0  # locked: the hash is of the bytes parsed
    doc = json.loads(run_cli("assess", answers, "--format", "json").out)
    by_id = {r["id"]: r for r in doc["requirements"]}
    assert by_id["SYS-3.1.7"]["status"] == "implemented"  # the failed rules changed no answer
    assert by_id["SYS-3.1.7"]["evidence_state"] == "locked"


def test_a_failed_rule_on_an_implemented_answer_is_an_issue_and_a_gate(company: Path) -> None:
    answers = company / "answers.yaml"
    assert run_cli("import", "xccdf", company / "evidence" / "scans" / "web01.arf.xml", "--into", answers).code == 0
    doc = json.loads(run_cli("assess", answers, "--format", "json", "--lang", "en").out)
    contradicted = [i["requirement"] for i in doc["issues"] if i["code"] == "scan-contradicts-answer"]
    assert "SYS-3.1.7" in contradicted and "SYS-3.1.8" not in contradicted  # 3.1.8 is partially implemented
    plain = run_cli("check", answers, "--format", "json")
    assert "scan-contradiction" not in plain.out  # a gate only when asked for
    gated = run_cli("check", answers, "--fail-on-scan-contradiction", "--format", "json")
    assert gated.code == 1
    gate = next(g for g in json.loads(gated.out)["gates"] if g["gate"] == "scan-contradiction")
    assert not gate["passed"] and gate["requirements"] == contradicted
    for lang, words in (("en", "scanned rule(s) failed"), ("ja", "スキャンで")):
        out = company / f"gap.{lang}.md"
        assert run_cli("report", answers, "-o", out, "--lang", lang).code == 0
        assert words in out.read_text("utf-8")


def test_the_profile_can_make_the_gate_the_default(company: Path) -> None:
    profile = (ROOT / "profiles" / "atla-standard.yaml").read_text("utf-8")
    assert "gates:" in profile
    (company / "strict.yaml").write_text(profile.replace("id: atla-standard", "id: strict-scan").replace(
        "gates:", "gates:\n  fail_on_scan_contradiction: true", 1), "utf-8")
    answers = company / "answers.yaml"
    assert run_cli("import", "xccdf", company / "evidence" / "scans" / "web01.arf.xml", "--into", answers).code == 0
    r = run_cli("check", answers, "--profile", company / "strict.yaml", "--format", "json")
    assert any(g["gate"] == "scan-contradiction" and not g["passed"] for g in json.loads(r.out)["gates"])


def test_a_new_answers_file_holds_evidence_and_no_answer(company: Path) -> None:
    new = company / "scan-only.yaml"
    r = run_cli("import", "xccdf", company / "evidence" / "scans" / "web01.arf.xml", "-o", new, "-p",
                "nist-800-171r2")
    assert r.code == 0, r.err
    text = new.read_text("utf-8")
    assert "status:" not in text and "path: evidence/scans/web01.arf.xml" in text
    doc = json.loads(run_cli("assess", new, "--format", "json").out)
    assert doc["assessment"]["date"] == "2026-12-06" and doc["assessment"]["system"] == "debian12-test"
    assert {r["status"] for r in doc["requirements"]} == {"not_assessed"}
    assert run_cli("import", "xccdf", company / "evidence" / "scans" / "web01.arf.xml", "-o", new).code == 4


def test_results_outside_the_repository_are_refused(company: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.xml"
    shutil.copy(PLAIN, outside)
    r = run_cli("import", "xccdf", outside, "--into", company / "answers.yaml")
    assert r.code == 3 and "outside the repository" in r.err and "Traceback" not in r.err


def test_usage() -> None:
    assert run_cli("import", "xccdf", PLAIN).code == 2
    assert run_cli("import", "xccdf", PLAIN, "--into", "a.yaml", "-o", "b.yaml").code == 2


# --- hostile and wrong input ------------------------------------------------------------------------

X12 = 'xmlns="http://checklists.nist.gov/xccdf/1.2"'


def bomb(depth: int) -> str:
    """Billion laughs: each entity is ten of the one before; ``depth`` 9 expands to 3 * 10**9 characters."""
    entities = ' <!ENTITY lol0 "lol">\n' + "".join(
        f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, depth + 1))
    return (f'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n{entities}]>\n'
            f'<TestResult {X12} id="t"><target>&lol{depth};</target></TestResult>\n')


BOMB = bomb(9)
HOSTILE = {
    "entity-bomb": (BOMB, 2, "DOCTYPE"),
    "external-entity": ('<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                        f'<TestResult {X12} id="t"><title>&x;</title></TestResult>\n', 2, "DOCTYPE"),
    "not-xml": ("this is not XML at all\n", 1, "not well-formed XML"),
    "truncated": (f'<?xml version="1.0"?>\n<TestResult {X12} id="t">\n  <rule-result idref="r">\n', 4,
                  "not well-formed XML"),
    "wrong-namespace": ('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>\n', 2,
                        "not XCCDF 1.2 results"),
    "xccdf-1.1": ('<?xml version="1.0"?>\n\n<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.1" id="b"/>\n', 3,
                  "XCCDF 1.1"),
    "two-results": (f'<?xml version="1.0"?>\n<Benchmark {X12} id="b">\n<TestResult id="a"/>\n<TestResult id="b"/>\n'
                    "</Benchmark>\n", 4, "a second test result"),
    "benchmark-only": (f'<?xml version="1.0"?>\n<Benchmark {X12} id="b"/>\n', None, "no test result"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_results_are_refused_where_they_go_wrong(case: str, tmp_path: Path) -> None:
    body, line, words = HOSTILE[case]
    path = tmp_path / "results.xml"
    path.write_text(body, "utf-8")
    with pytest.raises(InvalidInputError) as e:
        xccdf.read(path)
    problem = e.value.problems[0]
    assert words in problem.message.render() and problem.file == str(path) and problem.line == line, problem
    r = run_cli("import", "xccdf", path, "-o", tmp_path / "new.yaml")
    assert r.code == 3 and words in r.err and "Traceback" not in r.err
    assert f"{path}:{line}" in r.err if line else str(path) in r.err
    assert not (tmp_path / "new.yaml").exists()


def test_errors_speak_japanese_to_a_japanese_user(tmp_path: Path) -> None:
    path = tmp_path / "results.xml"
    path.write_text(BOMB, "utf-8")
    r = run_cli("import", "xccdf", path, "-o", tmp_path / "new.yaml", env={"LC_ALL": "ja_JP.UTF-8"})
    assert r.code == 3 and f"{path}:2:" in r.err and "文書型宣言（DOCTYPE）は受け付けません。" in r.err
    r = run_cli("import", "xccdf", PLAIN, "-o", tmp_path / "n.yaml",
                env={"LC_ALL": "ja_JP.UTF-8", "DIBCYBER_MAX_XML_ELEMENTS": "100"})
    assert r.code == 3 and "XMLの要素が100個を超えています。" in r.err and "DIBCYBER_MAX_XML_ELEMENTS=200" in r.err


def test_too_many_elements_and_too_large_files_are_refused(tmp_path: Path) -> None:
    r = run_cli("import", "xccdf", PLAIN, "-o", tmp_path / "n.yaml", env={"DIBCYBER_MAX_XML_ELEMENTS": "100"})
    assert r.code == 3 and "more than 100 XML elements" in r.err and "DIBCYBER_MAX_XML_ELEMENTS=200" in r.err
    assert f"{PLAIN}:" in r.err
    r = run_cli("import", "xccdf", PLAIN, "-o", tmp_path / "n.yaml", env={"DIBCYBER_MAX_XML_SIZE": "10K"})
    assert r.code == 3 and "larger than the limit of 10 KB" in r.err and "DIBCYBER_MAX_XML_SIZE" in r.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "results.xml"
    os.mkfifo(fifo)
    r = run_cli("import", "xccdf", fifo, "-o", tmp_path / "n.yaml")
    assert r.code == 3 and "FIFO" in r.err


def test_without_its_guard_the_bomb_test_would_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The entity-bomb case above passes because of the guard, not by accident: with DTDs and entities
    allowed, the same parser expands the entities (a small bomb here, 3,000 characters, kept to 2,000)."""
    import defusedxml.ElementTree

    real = defusedxml.ElementTree.DefusedXMLParser
    small = bomb(3).encode()
    with pytest.raises(InvalidInputError, match="DOCTYPE"):
        xccdf.parse_bytes(small, "bomb.xml")
    monkeypatch.setattr(defusedxml.ElementTree, "DefusedXMLParser",
                        lambda **kw: real(target=kw["target"], forbid_dtd=False, forbid_entities=False))
    scan = xccdf.parse_bytes(small, "bomb.xml")
    assert scan.target is not None and scan.target.startswith("lollollol") and len(scan.target) == 2000


# --- the real scanner -----------------------------------------------------------------------------

SSG = Path("/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml")


@pytest.mark.skipif(shutil.which("oscap") is None or not SSG.exists(),
                    reason="needs oscap (apt-get install openscap-scanner) and ssg-debian; .ci/run installs both")
def test_the_live_scanner(tmp_path: Path, registry) -> None:  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_xccdf_fixture", ROOT / "scripts" / "make_xccdf_fixture.py")
    assert spec and spec.loader
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    ds = tmp_path / "ds.xml"
    assert maker.strip_platforms(SSG, ds) > 0
    maker.scan(ds, tmp_path / "results.xml", tmp_path / "arf.xml")
    for path in (tmp_path / "results.xml", tmp_path / "arf.xml"):
        scan = xccdf.read(path)  # untrimmed: megabytes, well within the limits
        found = scan.findings()
        assert 30 <= len(found) <= 80, len(found)
        assert _nist_refs(scan, "800-53") >= 30 and _nist_refs(scan, "800-171") >= 5
    r2, r3 = registry.catalog("nist-800-171r2"), registry.catalog("nist-800-171r3")
    mapping = scanimport.map_scan(scan, scanimport.Mapper(registry.catalog("atla-2022"), r2, r3))
    assert mapping.direct >= 5 and mapping.derived >= 20


def test_a_reader_that_stops_early_does_not_stop_the_import(company: Path) -> None:
    """`dibcyber import xccdf … 2>&1 | head -1`: the notes come before the save; a reader that goes away
    after the first line must not stop the import in the middle (click made that exit 1, nothing saved)."""
    import subprocess
    import sys

    scan = next((company / "evidence" / "scans").glob("*.xml"))
    before = (company / "answers.yaml").read_text("utf-8")
    read_end, write_end = os.pipe()
    proc = subprocess.Popen([sys.executable, "-m", "dibcyber", "import", "xccdf", str(scan), "--into", "answers.yaml"],
                            cwd=company, stdout=write_end, stderr=write_end)
    os.close(write_end)
    os.read(read_end, 10)  # the first note, then the reader is gone
    os.close(read_end)
    assert proc.wait(60) == 0
    after = (company / "answers.yaml").read_text("utf-8")
    assert after != before and scan.name in after
