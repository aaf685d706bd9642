"""Conformance and coverage: status counts and conformance rates, overall, per family and for the
organizational and technical items, the planned items, and the coverage of requirements, objectives and
organization-defined parameters.

No I/O, no clock, no printing. Rules and their sources:

- The Japanese standard: status counts and conformance rates only (ATLA publishes no numeric score); an
  item tagged ``overlap`` is reported but counted once, through the items it overlaps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dibcyber.engine.resolve import MET
from dibcyber.models.catalog import Catalog
from dibcyber.models.result import (
    EFFECTIVE_STATUSES,
    CategoryConformance,
    Conformance,
    Counts,
    Coverage,
    EffectiveStatus,
    PlannedItem,
    RequirementResult,
)

# --- conformance and coverage ---------------------------------------------------------------------


def counts(statuses: Iterable[EffectiveStatus]) -> dict[str, object]:
    items = list(statuses)
    by = {s: items.count(s) for s in EFFECTIVE_STATUSES}
    applicable = len(items) - by["not_applicable"]
    implemented = by["implemented"]
    return {"implemented": implemented, "total": len(items), "applicable": applicable,
            "ratio": round(implemented / applicable, 4) if applicable else None, "by_status": by}


OVERLAP = "overlap"
"""Tag of a catalog item whose topic other items of the same catalog already cover (ATLA ORG-10 and
SYS-3.3.5/SYS-3.14.6): it is answered and reported, and left out of the conformance counts so that the
topic counts once."""


def conformance(catalog: Catalog, all_results: list[RequirementResult], date: dt.date) -> Conformance:
    results = [r for r in all_results if OVERLAP not in r.tags]
    cats = []
    for fam in catalog.families:
        members = [r.status for r in results if r.family == fam.id]
        if members:
            cats.append(CategoryConformance(id=fam.id, abbrev=fam.abbrev, title=fam.title, **counts(members)))
    org = [r.status for r in results if "organizational" in r.tags]
    tech = [r.status for r in results if "technical" in r.tags]
    planned = sorted(
        (PlannedItem(id=r.id, status=r.status, target_date=r.target_date, owner=r.owner,
                     overdue=bool(r.target_date and r.target_date < date))
         for r in all_results if not r.met and r.target_date is not None),
        key=lambda p: (p.target_date or dt.date.max, p.id))
    return Conformance(**counts(r.status for r in results),
                       categories=cats,
                       organizational=Counts(**counts(org)) if org else None,
                       technical=Counts(**counts(tech)) if tech else None,
                       planned=planned,
                       not_counted=[r.id for r in all_results if OVERLAP in r.tags])


def coverage(results: list[RequirementResult]) -> Coverage:
    applicable = [r for r in results if r.status != "not_applicable"]
    met = sum(1 for r in applicable if r.met)
    objectives_total = sum(len(r.objectives) for r in results)
    objectives_met = sum(
        len(r.objectives) if r.status in MET and r.status_source == "answer"
        else sum(1 for o in r.objectives if o.finding in ("met", "not_applicable"))
        for r in results)
    undefined = [o for r in results for o in r.undefined_odps]
    total_odps = sum(len(r.odp_values) + len(r.undefined_odps) for r in results)
    return Coverage(requirements_met=met, requirements_applicable=len(applicable),
                    ratio=round(met / len(applicable), 4) if applicable else None,
                    objectives_met=objectives_met, objectives_total=objectives_total,
                    odps_defined=total_odps - len(undefined), odps_total=total_odps, undefined_odps=undefined)
