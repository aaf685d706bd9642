"""The evidence request list (証跡依頼リスト, issue 23): for each requirement in scope, what an assessor will
examine, whom they will interview and what they will test (the SP 800-171A objects of the catalog), what the
answers already cite and in which state, and what is still missing.

What a consultant sends a client before an assessment and what an IT team works through. Built once, here,
from the result and the catalog: a pure function (no I/O, no clock), so the same answers give the same
list; the renderers (``request_render.py``) only lay it out. Objects are the catalog's and only the
catalog's: a requirement without any (ATLA's organisational items, Rev.3 03.01.22 and 03.14.03) gets one
row that says so, never an invented object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from dibcyber.models.base import Text
from dibcyber.models.catalog import METHOD_KINDS, Catalog, MethodKind
from dibcyber.models.result import EffectiveStatus, EvidenceCoverage, EvidenceState, RequirementResult, Result

Missing = Literal["unanswered", "unchecked", "none", "not_locked", "links_only", "changed", "expired", "missing"]
"""What is still missing for a requirement: no answer; evidence not checked (an answers file read from a git
revision); no evidence cited; files cited but not locked; only links cited (a link is never fetched, so it
cannot be locked); a file changed since it was locked; an ``expires`` date passed; a cited file missing."""
MISSING: tuple[Missing, ...] = ("unanswered", "unchecked", "none", "not_locked", "links_only", "changed",
                                "expired", "missing")


@dataclass(frozen=True)
class Cited:
    """One piece of evidence the answers cite: a file path or a URL, with its title."""

    ref: str
    title: str
    url: bool
    expired: bool
    """Its ``expires`` date is before the day the evidence was checked."""


@dataclass(frozen=True)
class AssessmentObject:
    method: MethodKind
    text: Text
    derived: bool
    """dibcyber carried the object over through a crosswalk; NIST did not list it for this requirement."""


@dataclass(frozen=True)
class Item:
    """One requirement of the list, with its objects (in SP 800-171A's order: examine, interview, test)."""

    id: str
    family: str
    title: Text
    status: EffectiveStatus
    evidence_state: EvidenceState | None
    cited: tuple[Cited, ...]
    missing: tuple[Missing, ...]
    owner: str
    target_date: dt.date | None
    narrative: str
    objects: tuple[AssessmentObject, ...]
    note: Text | None
    """Why the requirement has no objects, in the catalog's words, where it has none."""

    @property
    def complete(self) -> bool:
        """Its evidence proves what it should: at least one locked, unchanged file and nothing wrong."""
        return self.evidence_state == "locked"


@dataclass(frozen=True)
class Family:
    id: str
    abbrev: str | None
    title: Text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Row:
    """One row of the list: one assessment object of a requirement, or (``obj`` None) the single row of a
    requirement without published objects."""

    item: Item
    obj: AssessmentObject | None


@dataclass(frozen=True)
class EvidenceRequest:
    families: tuple[Family, ...]
    """Requirements asked for, by family in catalog order; requirements answered 'not applicable' are not."""
    not_applicable: tuple[Item, ...]
    """Listed on their own with their reason, and not requested."""
    coverage: EvidenceCoverage | None
    """The result's evidence coverage; None where the evidence files were not checked."""

    @property
    def items(self) -> list[Item]:
        return [i for f in self.families for i in f.items]

    def rows(self) -> list[Row]:
        return [Row(i, o) for i in self.items for o in (i.objects or (None,))]

    def objects_by_method(self) -> dict[MethodKind, int]:
        counts = dict.fromkeys(METHOD_KINDS, 0)
        for i in self.items:
            for o in i.objects:
                counts[o.method] += 1
        return counts

    @property
    def complete(self) -> int:
        return sum(i.complete for i in self.items)

    @property
    def without_objects(self) -> int:
        return sum(not i.objects for i in self.items)


def missing_of(r: RequirementResult) -> tuple[Missing, ...]:
    """What is still missing for one requirement, from its status and evidence state."""
    out: list[Missing] = ["unanswered"] if r.status == "not_assessed" else []
    state = r.evidence_state
    if state is None:
        out.append("unchecked")
    elif state == "cited":
        out.append("links_only" if all(e.url for e in r.evidence) else "not_locked")
    elif state != "locked":
        out.append(state)
    return tuple(out)


def _item(r: RequirementResult, catalog: Catalog, checked: dt.date | None) -> Item:
    req = catalog.by_id.get(r.id)
    methods = req.methods if req is not None else None
    objects = tuple(AssessmentObject(kind, o.text, o.source.basis == "derived")
                    for kind in METHOD_KINDS for o in (methods.of(kind) if methods else []))
    cited = tuple(Cited(ref=e.path or e.url or "", title=e.title or "", url=bool(e.url),
                        expired=bool(e.expires and checked and e.expires < checked)) for e in r.evidence)
    return Item(id=r.id, family=r.family, title=r.title, status=r.status, evidence_state=r.evidence_state,
                cited=cited, missing=missing_of(r), owner=r.owner or "", target_date=r.target_date,
                narrative=r.narrative or "", objects=objects,
                note=None if objects else (methods.note if methods else None))


def build_request(result: Result, catalog: Catalog) -> EvidenceRequest:
    """The evidence request list of ``result``, whose requirements come from ``catalog``."""
    if catalog.id != result.catalog:
        raise ValueError(f"the result is of catalog {result.catalog!r}, not {catalog.id!r}")
    coverage = result.scores.evidence
    checked = coverage.checked if coverage else None
    items = [_item(r, catalog, checked) for r in result.requirements]
    families = {f.id: f for f in catalog.families}
    order: dict[str, list[Item]] = {}
    for i in items:
        if i.status != "not_applicable":
            order.setdefault(i.family, []).append(i)
    grouped = tuple(Family(id=fid, abbrev=families[fid].abbrev if fid in families else None,
                           title=families[fid].title if fid in families else Text(ja=fid, en=fid),
                           items=tuple(group)) for fid, group in order.items())
    return EvidenceRequest(families=grouped, not_applicable=tuple(i for i in items if i.status == "not_applicable"),
                           coverage=coverage)
