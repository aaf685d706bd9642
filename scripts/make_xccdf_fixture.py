"""Make the scan-result fixtures of ``dibcyber import xccdf`` with the real scanner, and trim them.

Debian ships OpenSCAP (``openscap-scanner``) and the SCAP Security Guide (``ssg-debian``), whose content
targets Debian 11: on Debian 12 every rule is 'notapplicable'. A copy of the data stream without its
``xccdf-1.2:platform`` elements evaluates, so this script

1. copies ``ssg-debian11-ds.xml`` and removes every ``<xccdf-1.2:platform …/>`` element (``strip_platforms``);
2. runs ``oscap xccdf eval --profile standard --results R.xml --results-arf A.xml`` on it (``scan``);
3. trims both results to what dibcyber reads (``trim_xccdf``, ``trim_arf``): the rules that passed or failed
   with their titles and their NIST SP 800-53 and SP 800-171 references, the test result with those rule
   results and two 'notselected' ones, and the scanned machine's addresses and facts replaced by
   documentation values (RFC 5737, RFC 3849) so no real host is committed.

The trimmed files are still XCCDF 1.2 (``oscap xccdf validate`` accepts the plain results) and still
real results: every kept rule result is the scanner's own. ``tests/test_xccdf.py`` imports
``strip_platforms`` and ``scan`` for its live test. Needs lxml (a dev dependency) for trimming only.

    python scripts/make_xccdf_fixture.py tests/fixtures/xccdf
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SSG = Path("/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml")
PROFILE = "xccdf_org.ssgproject.content_profile_standard"
X = "http://checklists.nist.gov/xccdf/1.2"
NIST_HREFS = ("NIST.SP.800-53", "NIST.SP.800-171")
KEPT_RESULTS = ("pass", "fail")
_PLATFORM = re.compile(r"\s*<xccdf-1\.2:platform [^>]*/>")


def strip_platforms(source: Path, target: Path) -> int:
    """Copy the data stream without its platform elements; returns how many were removed."""
    text = source.read_text("utf-8")
    stripped, count = _PLATFORM.subn("", text)
    target.write_text(stripped, "utf-8")
    return count


def scan(datastream: Path, results: Path, arf: Path, profile: str = PROFILE) -> subprocess.CompletedProcess[str]:
    """``oscap xccdf eval``: exit 0 when every rule passed, 2 when one failed (both are results)."""
    done = subprocess.run(["oscap", "xccdf", "eval", "--profile", profile, "--results", str(results),
                           "--results-arf", str(arf), str(datastream)], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 2):
        raise RuntimeError(f"oscap failed ({done.returncode}): {done.stderr[-2000:]}")
    return done


def _q(tag: str) -> str:
    return f"{{{X}}}{tag}"


def _scrub_target(test_result: Any) -> None:
    """The scanned machine as documentation values: no real host name, address or MAC is committed."""
    for el in list(test_result):
        if el.tag in (_q("target-address"), _q("target-facts")):
            test_result.remove(el)
    target = test_result.find(_q("target"))
    target.text = "debian12-test"
    from lxml import etree

    address = etree.Element(_q("target-address"))
    address.text = "192.0.2.10"
    address.tail = target.tail
    target.addnext(address)


def _trim_test_result(test_result: Any) -> set[str]:
    """Keep the rule results that passed or failed and two others; returns the IDs of the rules kept."""
    kept: set[str] = set()
    others = 0
    for rr in test_result.findall(_q("rule-result")):
        result = rr.findtext(_q("result"))
        for el in rr.findall(_q("check")):
            rr.remove(el)  # the check's exports name Values, which the trimmed benchmark no longer holds
        if result in KEPT_RESULTS:
            kept.add(rr.get("idref"))
        elif others < 2:
            others += 1
            kept.add(rr.get("idref"))
        else:
            test_result.remove(rr)
    for sv in test_result.findall(_q("set-value")):
        test_result.remove(sv)
    _scrub_target(test_result)
    return kept


def _trim_rule(rule: Any) -> None:
    for el in list(rule):
        if el.tag == _q("reference"):
            if not any(h in (el.get("href") or "") for h in NIST_HREFS):
                rule.remove(el)
        elif el.tag != _q("title"):
            rule.remove(el)


def _trim_benchmark(bench: Any, rules: set[str]) -> None:
    """The benchmark keeps its header, the profile scanned and the kept rules (inside their groups)."""
    for el in list(bench.iter(_q("Rule"))):
        if el.get("id") in rules:
            _trim_rule(el)
        else:
            el.getparent().remove(el)
    for tag in ("Value", "description", "rationale", "warning", "reference", "notice", "front-matter",
                "rear-matter", "model", "platform"):
        for el in list(bench.iter(_q(tag))):
            if el.getparent().tag in (_q("Benchmark"), _q("Group")):
                el.getparent().remove(el)
    for el in list(bench):
        if not str(el.tag).startswith(f"{{{X}}}"):
            bench.remove(el)  # the CPE platform specification: the rules no longer name platforms
    for prof in bench.findall(_q("Profile")):
        if prof.get("id") != PROFILE:
            bench.remove(prof)
        else:
            for el in list(prof):
                if el.tag not in (_q("title"), _q("description")):
                    prof.remove(el)
    for group in sorted(bench.iter(_q("Group")), key=lambda g: -len(list(g.iterancestors()))):
        if group.find(_q("Rule")) is None and group.find(_q("Group")) is None:
            group.getparent().remove(group)


def _parse(path: Path) -> Any:
    from lxml import etree

    return etree.parse(str(path), etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True))


def _write(tree: Any, path: Path) -> None:
    from lxml import etree

    etree.indent(tree, space="  ")
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n")


def trim_xccdf(source: Path, target: Path) -> None:
    tree = _parse(source)
    bench = tree.getroot()
    test_result = bench.find(_q("TestResult"))
    test_result.find(_q("benchmark")).set("href", "ssg-debian11-ds-noplatform.xml")
    _trim_benchmark(bench, _trim_test_result(test_result))
    _write(tree, target)


def trim_arf(source: Path, target: Path) -> None:
    """The ARF keeps its relationships, the XCCDF component of the data stream (trimmed) and the XCCDF
    report; the OVAL, CPE and OCIL components, the asset's addresses and the OVAL results go."""
    tree = _parse(source)
    root = tree.getroot()
    test_result = next(root.iter(_q("TestResult")))
    kept = _trim_test_result(test_result)
    ns = {"arf": "http://scap.nist.gov/schema/asset-reporting-format/1.1",
          "ds": "http://scap.nist.gov/schema/scap/source/1.2", "ai": "http://scap.nist.gov/schema/asset-identification/1.1"}
    for comp in root.iterfind(".//ds:component", ns):
        bench = comp.find(_q("Benchmark"))
        if bench is None:
            comp.getparent().remove(comp)
        else:
            _trim_benchmark(bench, kept)
    for el in list(root.iterfind(".//ds:data-stream", ns)) + list(root.iterfind(".//ds:extended-component", ns)):
        el.getparent().remove(el)
    for report in root.iterfind("arf:reports/arf:report", ns):
        if report.find(f".//{_q('TestResult')}") is None:
            report.getparent().remove(report)
    for device in root.iterfind(".//ai:computing-device", ns):
        for el in list(device):
            device.remove(el)
        from lxml import etree

        etree.SubElement(device, f"{{{ns['ai']}}}hostname").text = "debian12-test"
    _write(tree, target)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("tests/fixtures/xccdf")
    if shutil.which("oscap") is None or not SSG.exists():
        print("needs oscap (openscap-scanner) and ssg-debian", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ds = work / "ssg-debian11-ds-noplatform.xml"
        removed = strip_platforms(SSG, ds)
        scan(ds, work / "results.xml", work / "arf.xml")
        out.mkdir(parents=True, exist_ok=True)
        trim_xccdf(work / "results.xml", out / "debian12-standard.xccdf.xml")
        trim_arf(work / "arf.xml", out / "debian12-standard.arf.xml")
    print(f"removed {removed} platform elements; wrote {out}/debian12-standard.{{xccdf,arf}}.xml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
