"""Scan results read into a model: XCCDF 1.2 results and ARF 1.1 result data streams, as OpenSCAP writes them
(``oscap xccdf eval --results`` / ``--results-arf``), and any XCCDF 1.2 ``TestResult``.

A results file comes from a scanner run on someone's machine: it is untrusted input like every other.
It is read through ``safeio`` (a regular file, at most ``Limits.max_xml_size`` bytes) and parsed by
defusedxml's expat parser with DTDs refused outright (so no entity, internal or external, can be
declared: no billion laughs, no file or network reads), streaming into a small collector that keeps only
what dibcyber uses and counts elements against ``Limits.max_xml_elements``. Every problem is an
``InvalidInputError`` located at the file, line and column of the XML. Pure: bytes in, ``Scan`` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from dibcyber.errors import InvalidInputError, Msg, Problem
from dibcyber.io.safeio import ENV_MAX_XML_ELEMENTS, limits, read_bytes_limited

XCCDF12 = "http://checklists.nist.gov/xccdf/1.2"
XCCDF11 = "http://checklists.nist.gov/xccdf/1.1"
ARF = "http://scap.nist.gov/schema/asset-reporting-format/1.1"

RECORDED = ("pass", "fail", "error", "unknown", "fixed")
"""The rule results that say something about the system. ``notapplicable``, ``notchecked``,
``notselected`` and ``informational`` do not, and are left out."""

ResultKind = Literal["pass", "fail", "error", "unknown", "fixed"]

_TEXT_CAP = 2000
"""Characters kept of one title or reference: a hostile file's megabyte title is not carried along."""


@dataclass(frozen=True)
class Reference:
    href: str
    text: str


@dataclass(frozen=True)
class Rule:
    id: str
    title: str | None
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class RuleResult:
    rule: str
    result: str
    line: int
    """Where the ``rule-result`` element starts in the file."""


@dataclass(frozen=True)
class Scan:
    """One test result: what was scanned, when, by what, and each rule's result with what it cites."""

    kind: Literal["xccdf", "arf"]
    test_result: str
    benchmark: str | None
    benchmark_title: str | None
    profile: str | None
    target: str | None
    test_system: str | None
    start: str | None
    end: str | None
    results: tuple[RuleResult, ...]
    rules: dict[str, Rule] = field(default_factory=dict)

    def findings(self) -> list[tuple[RuleResult, Rule | None]]:
        """The rule results that say something (``RECORDED``), each with its rule where the file has it."""
        return [(r, self.rules.get(r.rule)) for r in self.results if r.result in RECORDED]


class _Refused(Exception):
    """Raised inside the parser's callbacks: stops expat at once with a located problem."""

    def __init__(self, message: Msg, hint: Msg | None = None) -> None:
        super().__init__(message.render())
        self.message = message
        self.hint = hint


_ROOTS = {f"{{{XCCDF12}}}Benchmark": "xccdf", f"{{{XCCDF12}}}TestResult": "xccdf",
          f"{{{ARF}}}asset-report-collection": "arf"}


class _Collector:
    """The parser's target: keeps rules (title, references) and the one test result, nothing else."""

    def __init__(self, position: Any, max_elements: int) -> None:
        self.position = position
        self.max_elements = max_elements
        self.elements = 0
        self.stack: list[str] = []
        self.kind: str | None = None
        self.rules: dict[str, Rule] = {}
        self.rule: dict[str, Any] | None = None
        self.test: dict[str, Any] | None = None
        self.text: list[str] | None = None
        self.bench_title: str | None = None
        self.bench_id: str | None = None
        self.href = ""

    def _root(self, tag: str) -> None:
        if tag.startswith(f"{{{XCCDF11}}}"):
            raise _Refused(Msg("xccdf.version_11"), hint=Msg("xccdf.version_11.hint"))
        if tag not in _ROOTS:
            ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
            raise _Refused(Msg("xccdf.wrong_root", root=f"<{_cap(local, 40)}>", namespace=_cap(ns, 80)) if ns
                           else Msg("xccdf.wrong_root_no_namespace", root=f"<{_cap(local, 40)}>"),
                           hint=Msg("xccdf.wrong_root.hint"))
        self.kind = _ROOTS[tag]

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > self.max_elements:
            raise _Refused(Msg("xccdf.too_many_elements", limit=self.max_elements),
                           hint=Msg("limit.raise.hint", setting=f"{ENV_MAX_XML_ELEMENTS}={2 * self.max_elements}"))
        if not self.stack:
            self._root(tag)
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(tag)
        if not tag.startswith(f"{{{XCCDF12}}}"):
            return
        self._start_xccdf(tag[len(XCCDF12) + 2:], parent, attrib)

    def _start_xccdf(self, local: str, parent: str, attrib: dict[str, str]) -> None:
        x = f"{{{XCCDF12}}}"
        if local == "reference":
            self.href = attrib.get("href", "")  # kept apart: ``end`` gets no attributes
        if local == "Rule":
            self.rule = {"id": attrib.get("id", ""), "title": None, "refs": []}
        elif self._keeps_text(local, parent):
            self.text = []
        elif local == "Benchmark" and self.bench_id is None:
            self.bench_id = attrib.get("id")
        elif local == "TestResult":
            self._start_test(attrib)
        elif self.test is not None and parent == x + "TestResult" and local in ("target", "profile", "benchmark"):
            self.test[local] = attrib.get("idref") or attrib.get("id")
            self.text = [] if local == "target" else None
        elif self.test is not None and local == "rule-result" and parent == x + "TestResult":
            self.test["current"] = {"rule": attrib.get("idref", ""), "line": self.position()[0], "result": None}
        elif local == "result" and parent == x + "rule-result":
            self.text = []

    def _keeps_text(self, local: str, parent: str) -> bool:
        """A rule's title or reference, or the benchmark's title: the texts kept."""
        x = f"{{{XCCDF12}}}"
        return ((local in ("title", "reference") and parent == x + "Rule" and self.rule is not None)
                or (local == "title" and parent == x + "Benchmark" and self.bench_title is None))

    def _start_test(self, attrib: dict[str, str]) -> None:
        if self.test is not None:
            raise _Refused(Msg("xccdf.second_test_result"), hint=Msg("xccdf.second_test_result.hint"))
        self.test = {"id": attrib.get("id", ""), "start": attrib.get("start-time"), "end": attrib.get("end-time"),
                     "system": attrib.get("test-system"), "results": [], "target": None, "profile": None,
                     "benchmark": None}

    def data(self, data: str) -> None:
        if self.text is not None and sum(map(len, self.text)) < _TEXT_CAP:
            self.text.append(data)

    def end(self, tag: str) -> None:
        self.stack.pop()
        if not tag.startswith(f"{{{XCCDF12}}}"):
            return
        local = tag[len(XCCDF12) + 2:]
        parent = self.stack[-1] if self.stack else ""
        text = " ".join("".join(self.text).split())[:_TEXT_CAP] if self.text is not None else None
        self.text = None
        x = f"{{{XCCDF12}}}"
        if local == "Rule" and self.rule is not None:
            self.rules[self.rule["id"]] = Rule(self.rule["id"], self.rule["title"], tuple(self.rule["refs"]))
            self.rule = None
        elif local == "title" and parent == x + "Rule" and self.rule is not None:
            self.rule["title"] = text
        elif local == "reference" and parent == x + "Rule" and self.rule is not None and text:
            self.rule["refs"].append(Reference(self.href, text))
        elif local == "title" and parent == x + "Benchmark" and self.bench_title is None:
            self.bench_title = text
        elif local == "target" and self.test is not None and parent == x + "TestResult":
            self.test["target"] = text
        elif local == "result" and self.test is not None and self.test.get("current"):
            self.test["current"]["result"] = text
        elif local == "rule-result" and self.test is not None and self.test.get("current"):
            cur = self.test.pop("current")
            self.test["results"].append(RuleResult(cur["rule"], cur["result"] or "", cur["line"]))

    def close(self) -> None:
        return None


def _cap(text: str, width: int) -> str:
    from dibcyber.errors import shown

    text = shown(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def parse_bytes(data: bytes, name: str) -> Scan:
    """Parse a results file's bytes (see the module's docstring). Raises ``InvalidInputError``."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.ElementTree import DefusedXMLParser

    holder: list[Any] = []
    collector = _Collector(lambda: _where(holder[0]), limits().max_xml_elements)
    parser = DefusedXMLParser(target=collector, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    holder.append(parser)
    try:
        for start in range(0, len(data), 1 << 20):
            parser.feed(data[start:start + (1 << 20)])
        parser.close()
    except _Refused as e:
        raise _located(e.message, name, _where(parser), e.hint) from None
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise _located(Msg("xccdf.doctype"), name, _where(parser), Msg("xccdf.doctype.hint")) from None
    except ParseError as e:
        line, col = getattr(e, "position", (None, None))
        raise _located(Msg("xccdf.not_well_formed", reason=_expat_reason(e)), name,
                       (line, col + 1 if col is not None else None), Msg("xccdf.not_well_formed.hint")) from None
    return _scan(collector, name)


def _where(parser: Any) -> tuple[int | None, int | None]:
    expat = getattr(parser, "parser", None)
    if expat is None:
        return None, None
    return expat.CurrentLineNumber, expat.CurrentColumnNumber + 1


def _expat_reason(e: Exception) -> str:
    return re.sub(r":? line \d+, column \d+$", "", str(e)) or "syntax error"


def _located(message: Msg, name: str, at: tuple[int | None, int | None], hint: Msg | None) -> InvalidInputError:
    return InvalidInputError(Problem(message, file=name, line=at[0], column=at[1], hint=hint))


def _scan(c: _Collector, name: str) -> Scan:
    if c.kind is None:
        raise InvalidInputError(Problem(Msg("xccdf.empty"), file=name))
    if c.test is None:
        hint = Msg("xccdf.no_test_result.benchmark_hint") if c.kind == "xccdf" else Msg("xccdf.no_test_result.arf_hint")
        raise InvalidInputError(Problem(Msg("xccdf.no_test_result"), file=name, hint=hint))
    t = c.test
    return Scan(kind="arf" if c.kind == "arf" else "xccdf", test_result=t["id"], benchmark=t["benchmark"] or c.bench_id,
                benchmark_title=c.bench_title, profile=t["profile"], target=t["target"], test_system=t["system"],
                start=t["start"], end=t["end"], results=tuple(t["results"]), rules=c.rules)


def read(path: Path) -> Scan:
    """Read and parse a results file: a regular file within ``Limits.max_xml_size``."""
    data = read_bytes_limited(path, limits().max_xml_size, what="scan results file")
    return parse_bytes(data, str(path))
