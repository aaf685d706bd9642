"""Outputs for CI systems: JUnit XML, SARIF 2.1.0 and GitHub workflow commands. Pure: result in, text out.

Locations point at the requirement's key in the answers file (``lines``: requirement ID → line), so
code-scanning views and annotations land on the line to edit.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from dibcyber import __version__
from dibcyber.models.base import Lang
from dibcyber.models.check import GateOutcome
from dibcyber.models.result import RequirementResult, Result

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"not_implemented": "error", "not_assessed": "error", "partially_implemented": "warning",
          "planned": "warning"}


_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    """Characters XML 1.0 cannot hold (control characters an answer may contain) become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _why(r: RequirementResult, lang: Lang) -> str:
    return " ".join(x.text.get(lang) for x in r.reasons) or r.status


def junit(result: Result, outcomes: list[GateOutcome], name: str, lang: Lang) -> str:
    suites = ET.Element("testsuites", name=f"dibcyber {result.profile}")
    suite = ET.SubElement(suites, "testsuite", name=f"{result.profile}: {name}")
    ET.SubElement(ET.SubElement(suite, "properties"), "property", name="assessment_date",
                  value=result.assessment.date.isoformat())
    failures = skipped = 0
    for r in result.requirements:
        case = ET.SubElement(suite, "testcase", classname=f"{result.catalog}.{r.family}",
                             name=f"{r.id} {r.title.get(lang)}")
        if r.status == "not_applicable":
            ET.SubElement(case, "skipped", message=r.narrative or "not applicable")
            skipped += 1
        elif not r.met:
            failures += 1
            failure = ET.SubElement(case, "failure", message=f"{r.status}: {_why(r, lang)}", type=r.status)
            failure.text = "\n".join(filter(None, [_why(r, lang), f"owner: {r.owner}" if r.owner else "",
                                                   f"target: {r.target_date}" if r.target_date else ""]))
    suite.set("tests", str(len(result.requirements)))
    suite.set("failures", str(failures))
    suite.set("skipped", str(skipped))
    suite.set("errors", "0")
    if outcomes:
        gates = ET.SubElement(suites, "testsuite", name="gates", tests=str(len(outcomes)), errors="0",
                              skipped="0", failures=str(sum(1 for o in outcomes if not o.passed)))
        for o in outcomes:
            case = ET.SubElement(gates, "testcase", classname="dibcyber.gates", name=o.gate)
            if not o.passed:
                ET.SubElement(case, "failure", message=o.text.get(lang), type=o.gate).text = ", ".join(o.requirements)
    for element in suites.iter():
        element.text = _xml_safe(element.text) if element.text else element.text
        for key, value in element.attrib.items():
            element.attrib[key] = _xml_safe(value)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def sarif(result: Result, uri: str, lines: dict[str, int], lang: Lang) -> dict[str, Any]:
    by_id = {r.id: r for r in result.requirements}
    gaps = [by_id[g] for g in result.gaps]
    rules = [{
        "id": r.id,
        "name": r.id.replace(".", "_").replace("-", "_"),
        "shortDescription": {"text": f"{r.id} {r.title.get(lang)}"},
        "properties": {"tags": r.tags, "family": r.family},
    } for r in gaps]
    results = [{
        "ruleId": r.id,
        "ruleIndex": i,
        "level": _LEVEL.get(r.status, "warning"),
        "message": {"text": f"{r.id} {r.title.get(lang)}: {r.status}. {_why(r, lang)}"
                            + (f" (−{r.deduction} SPRS)" if r.deduction else "")},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri},
                                            "region": {"startLine": lines.get(r.id, 1)}}}],
        "properties": {"status": r.status, "deduction": r.deduction, "owner": r.owner,
                       "target_date": r.target_date.isoformat() if r.target_date else None},
    } for i, r in enumerate(gaps)]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "dibcyber", "version": __version__, "rules": rules}},
            "automationDetails": {"id": f"dibcyber/{result.profile}/"},
            "results": results,
        }],
    }


def sarif_text(result: Result, uri: str, lines: dict[str, int], lang: Lang) -> str:
    return json.dumps(sarif(result, uri, lines, lang), ensure_ascii=False, indent=2) + "\n"


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github_annotations(result: Result, outcomes: list[GateOutcome], file: str, lines: dict[str, int],
                       lang: Lang) -> str:
    """::error / ::warning workflow commands, one per failed gate's requirement (or per gate)."""
    by_id = {r.id: r for r in result.requirements}
    out = []
    for o in outcomes:
        if o.passed:
            continue
        title = _escape_prop(f"dibcyber {o.gate}")
        ids: list[str | None] = [i for i in o.requirements if i in by_id] or [None]
        for rid in ids[:50]:
            line = lines.get(rid, 1) if rid else 1
            text = o.text.get(lang)
            if rid:
                text += f" — {rid} {by_id[rid].title.get(lang)}: {_why(by_id[rid], lang)}"
            out.append(f"::error file={_escape_prop(file)},line={line},title={title}::{_escape_data(text)}")
    return "\n".join(out) + ("\n" if out else "")


def markdown_summary(result: Result, outcomes: list[GateOutcome], lang: Lang) -> str:
    """A job summary / PR comment: gates, scores and what to fix. Every value is escaped."""
    from dibcyber.report.templating import md_escape

    rows = ["| gate | | detail |", "|---|---|---|"]
    for o in outcomes:
        mark = "✅" if o.passed else "❌"
        detail = md_escape(o.text.get(lang))
        if not o.passed and o.requirements:
            more = f" (+{len(o.requirements) - 10})" if len(o.requirements) > 10 else ""
            detail += ": " + md_escape(", ".join(o.requirements[:10])) + more
        rows.append(f"| {md_escape(o.gate)} | {mark} | {detail} |")
    sp = result.scores.sprs
    conf = result.scores.conformance
    head = [f"### dibcyber: {md_escape(result.organization.name)} — {md_escape(result.profile)}", ""]
    facts = [f"conformance **{'—' if conf.ratio is None else f'{conf.ratio * 100:.1f}%'}**"
             f" ({conf.implemented}/{conf.applicable})"]
    if sp is not None:
        facts.append(f"SPRS **{sp.value if sp.value is not None else '—'}**")
    if result.scores.cmmc is not None:
        facts.append("CMMC L2 conditional " + ("✅" if result.scores.cmmc.conditional else "❌"))
    return "\n".join([*head, " · ".join(facts), "", *(rows if outcomes else []), ""]) + "\n"
