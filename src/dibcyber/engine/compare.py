"""Comparing two results of the same answers file: what improved, what regressed, how scores moved."""

from __future__ import annotations

from typing import Literal

from dibcyber.models.check import Change, Comparison, Delta
from dibcyber.models.result import Result

RANK = {"implemented": 3, "not_applicable": 3, "partially_implemented": 2, "planned": 1, "not_implemented": 0,
        "not_assessed": 0}


def _delta(before: float | None, after: float | None) -> Delta:
    change = None if before is None or after is None else round(after - before, 4)
    if isinstance(before, int) and isinstance(after, int):
        change = after - before
    return Delta(before=before, after=after, change=change)


def compare(before: Result, after: Result, before_name: str, after_name: str) -> Comparison:
    old = {r.id: r for r in before.requirements}
    changes: list[Change] = []
    for r in after.requirements:
        o = old.get(r.id)
        if o is None:
            changes.append(Change(id=r.id, title=r.title, before="—", after=r.status, kind="added"))
            continue
        if o.status == r.status and o.met == r.met:
            continue
        kind: Literal["improved", "regressed", "changed"]
        if o.met and not r.met:
            kind = "regressed"
        elif RANK[r.status] > RANK[o.status] or (r.met and not o.met):
            kind = "improved"
        else:
            kind = "changed"
        changes.append(Change(id=r.id, title=r.title, before=o.status, after=r.status, kind=kind))
    now = {r.id for r in after.requirements}
    for o in before.requirements:
        if o.id not in now:
            changes.append(Change(id=o.id, title=o.title, before=o.status, after="—",
                                  kind="removed" if o.met else "changed"))
    sb, sa = before.scores.sprs, after.scores.sprs
    return Comparison(
        before=before_name, after=after_name, profile=after.profile,
        sprs=_delta(sb.value if sb else None, sa.value if sa else None) if (sb or sa) else None,
        conformance=_delta(before.scores.conformance.ratio, after.scores.conformance.ratio),
        implemented=_delta(before.scores.conformance.implemented, after.scores.conformance.implemented),
        changes=changes)
