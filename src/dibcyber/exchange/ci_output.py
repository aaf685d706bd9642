"""Outputs for CI systems: JUnit XML, SARIF 2.1.0 and GitHub workflow commands. Pure: result in, text out.

Locations point at the requirement's key in the answers file (``lines``: requirement ID → line), so
code-scanning views and annotations land on the line to edit.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Checked:
    """One answers file as the CI writers see it."""

    result: Result
    outcomes: list[GateOutcome]
    file: str
    """The answers file as CI shows it (repository-relative where known)."""
    lines: dict[str, int] = field(default_factory=dict)
    regressed: frozenset[str] | None = None
    """With a baseline in regression mode: the requirements that regressed. A requirement not met that did
    not regress is then reported as skipped (known, not caused by this change), not as a failure."""


_UNCHANGED = {"ja": "未達成（基準から変化なし、--fail-on regressionでは不合格としない）",
              "en": "not met, unchanged since the baseline (not a failure with --fail-on regression)"}
_NOT_ENFORCED = {"ja": "判定対象外（--fail-on {mode}）", "en": "not enforced (--fail-on {mode})"}


def junit(result: Result, outcomes: list[GateOutcome], name: str, lang: Lang) -> str:
    """JUnit XML of one answers file (see ``junit_many``)."""
    return junit_many([Checked(result, outcomes, name)], lang)


def junit_many(checked: list[Checked], lang: Lang, mode: str = "both") -> str:
    """JUnit XML: for each answers file a suite of its requirements (failure = not met, skipped = not
    applicable or, in regression mode, not met but unchanged) and a suite of its gates (skipped = failed
    but not enforced). Every test case carries ``file`` and ``line`` (GitLab shows them)."""
    suites = ET.Element("testsuites", name="dibcyber")
    for c in checked:
        _junit_file(suites, c, lang, mode)
    for element in suites.iter():
        element.text = _xml_safe(element.text) if element.text else element.text
        for key, value in element.attrib.items():
            element.attrib[key] = _xml_safe(value)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _junit_file(suites: ET.Element, c: Checked, lang: Lang, mode: str) -> None:
    result = c.result
    suite = ET.SubElement(suites, "testsuite", name=f"{result.profile}: {c.file}", file=c.file)
    ET.SubElement(ET.SubElement(suite, "properties"), "property", name="assessment_date",
                  value=result.assessment.date.isoformat())
    failures = skipped = 0
    for r in result.requirements:
        case = ET.SubElement(suite, "testcase", classname=f"{result.catalog}.{r.family}",
                             name=f"{r.id} {r.title.get(lang)}", file=c.file, line=str(c.lines.get(r.id, 1)))
        if r.status == "not_applicable":
            ET.SubElement(case, "skipped", message=r.narrative or "not applicable")
            skipped += 1
        elif not r.met and c.regressed is not None and r.id not in c.regressed:
            ET.SubElement(case, "skipped", message=f"{r.status}: {_UNCHANGED[lang]}")
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
    if not c.outcomes:
        return
    gates = ET.SubElement(suites, "testsuite", name=f"gates: {c.file}", file=c.file, tests=str(len(c.outcomes)),
                          errors="0")
    failed = skipped = 0
    for o in c.outcomes:
        first = next((c.lines[i] for i in o.requirements if i in c.lines), 1)
        case = ET.SubElement(gates, "testcase", classname="dibcyber.engine.gates", name=o.gate, file=c.file,
                             line=str(first))
        if o.passed:
            continue
        if not o.enforced:
            ET.SubElement(case, "skipped", message=f"{_NOT_ENFORCED[lang].format(mode=mode)}: {o.text.get(lang)}")
            skipped += 1
            continue
        failed += 1
        ET.SubElement(case, "failure", message=o.text.get(lang), type=o.gate).text = ", ".join(o.requirements)
    gates.set("failures", str(failed))
    gates.set("skipped", str(skipped))


def sarif_many(checked: list[tuple[Checked, str]], lang: Lang) -> dict[str, Any]:
    """SARIF of several answers files in one run: rules once, each result at its own file's line."""
    docs = [sarif(c.result, uri, c.lines, lang) for c, uri in checked]
    rules: dict[str, Any] = {}
    results: list[Any] = []
    for doc in docs:
        run = doc["runs"][0]
        for res in run["results"]:
            rule = run["tool"]["driver"]["rules"][res["ruleIndex"]]
            rules.setdefault(rule["id"], rule)
            results.append({**res, "ruleIndex": list(rules).index(rule["id"])})
    profiles = "+".join(dict.fromkeys(c.result.profile for c, _ in checked))
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "dibcyber", "version": __version__, "rules": list(rules.values())}},
        "automationDetails": {"id": f"dibcyber/{profiles}/"}, "results": results}]}


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
    """::error workflow commands, one per failed gate's requirement (or per gate); a failed gate that is
    not enforced (``--fail-on``) is one ::warning for the gate, so a pull request shows what it broke and
    is not buried under what was already open."""
    by_id = {r.id: r for r in result.requirements}
    out = []
    for o in outcomes:
        if o.passed:
            continue
        title = _escape_prop(f"dibcyber {o.gate}")
        if not o.enforced:
            out.append(f"::warning file={_escape_prop(file)},line=1,title={title}::"
                       f"{_escape_data(o.text.get(lang))}")
            continue
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
    from dibcyber.exchange.markdown import md_escape

    rows = ["| gate | | detail |", "|---|---|---|"]
    for o in outcomes:
        mark = "✅" if o.passed else "❌" if o.enforced else "⚠️"
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
