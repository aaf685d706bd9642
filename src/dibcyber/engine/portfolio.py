"""The supply-chain portfolio: each supplier's result folded into one summary row as soon as it is scored
(so memory grows with the rows, not with the results), then one view of the whole chain. Pure functions;
reading the files in parallel is ``batch``'s job."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass, field

from dibcyber import __version__
from dibcyber.models.base import Lang, Text
from dibcyber.models.portfolio import (
    CommonGap,
    Family,
    FamilyCell,
    Group,
    Portfolio,
    Previous,
    Supplier,
    Unreadable,
)
from dibcyber.models.result import Result

TOP_GAPS = 20


@dataclass
class Row:
    """A supplier's summary plus what the portfolio needs once every file is read."""

    supplier: Supplier
    planned: list[tuple[str, dt.date]] = field(default_factory=list)
    family_titles: dict[str, Text] = field(default_factory=dict)
    gap_titles: dict[str, Text] = field(default_factory=dict)


def summarize(result: Result, file: str) -> Row:
    """One supplier's result → its summary row (everything else of the result can be dropped)."""
    conf = result.scores.conformance
    families, titles = [], {}
    for c in conf.categories:
        key = c.abbrev or c.id
        families.append(FamilyCell(key=key, ratio=c.ratio, implemented=c.implemented, applicable=c.applicable))
        titles[key] = c.title
    gaps, gap_titles, planned = [], {}, []
    by_id = {r.id: r for r in result.requirements}
    for r in (by_id[g] for g in result.gaps):  # the result's open items, as assess and the reports count them
        gid = r.nist_ids[0] if r.nist_ids else r.id
        gaps.append(gid)
        gap_titles[gid] = r.title
        if r.target_date is not None:
            planned.append((r.id, r.target_date))
    sprs = result.scores.sprs
    cmmc = result.scores.cmmc
    evidence = result.scores.evidence
    org = result.organization
    supplier = Supplier(
        file=file, name=org.name, name_en=org.name_en, system=result.assessment.system, prime=org.prime,
        tags=dict(org.tags), profile=result.profile, catalog=result.catalog, date=result.assessment.date,
        conformance=conf.ratio, implemented=conf.implemented, applicable=conf.applicable,
        evidence_coverage=evidence.ratio if evidence else None, evidence_covered=evidence.covered if evidence else None,
        sprs=sprs.value if sprs else None,
        sprs_status="not-scored" if sprs is None else "no-score" if sprs.value is None else "scored",
        sprs_reason=sprs.reason if sprs is not None and sprs.value is None else None,
        cmmc_conditional=cmmc.conditional if cmmc else None,
        cmmc_final=cmmc.final if cmmc else None, open_items=len(gaps), families=families, gaps=gaps)
    return Row(supplier, planned, titles, gap_titles)


def _natural(text: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]


def group_value(s: Supplier, tag: str) -> str:
    if tag == "prime":
        return s.prime or s.tags.get("prime") or "—"
    return s.tags.get(tag) or "—"


class Titles:
    """Family and gap titles, kept once for the whole portfolio instead of once per supplier."""

    def __init__(self) -> None:
        self.families: dict[str, Text] = {}
        self.gaps: dict[str, Text] = {}

    def take(self, row: Row) -> Row:
        """Keep the row's titles here and return the row without them (what the portfolio holds per
        supplier while the rest is read)."""
        for k, v in row.family_titles.items():
            self.families.setdefault(k, v)
        for k, v in row.gap_titles.items():
            self.gaps.setdefault(k, v)
        return Row(row.supplier, row.planned)


def build(rows: list[Row], unreadable: list[Unreadable], *, language: Lang, as_of: dt.date | None = None,
          group_by: str | None = None, stale_days: int | None = None, min_conformance: float | None = None,
          baseline: Portfolio | None = None, baseline_name: str | None = None,
          titles: Titles | None = None) -> Portfolio:
    day = as_of or max((r.supplier.date for r in rows), default=None)
    previous, ambiguous = match_baseline([r.supplier.file for r in rows], baseline.suppliers if baseline else [])
    suppliers: list[Supplier] = []
    titles = titles or Titles()
    rows = [titles.take(r) for r in rows]
    family_titles, gap_titles = titles.families, titles.gaps
    for row in rows:
        s = row.supplier
        overdue = sorted((rid for rid, target in row.planned if day is not None and target < day), key=_natural)
        stale = bool(stale_days is not None and day is not None and (day - s.date).days > stale_days)
        # a supplier with nothing applicable has no ratio to be below anything
        below = bool(min_conformance is not None and s.conformance is not None and s.conformance < min_conformance)
        before = previous.get(s.file)
        prev = Previous(date=before.date, conformance=before.conformance, sprs=before.sprs) if before else None
        fell = bool(prev and ((prev.conformance is not None and (s.conformance or 0.0) < prev.conformance - 1e-9)
                              or (prev.sprs is not None and s.sprs is not None and s.sprs < prev.sprs)))
        suppliers.append(s.model_copy(update={"overdue": overdue, "stale": stale, "below": below,
                                              "previous": prev, "fell": fell}))
    suppliers.sort(key=lambda s: (_natural(group_value(s, group_by)) if group_by else [], _natural(s.name),
                                  s.system or "", s.file))
    counts: dict[str, list[str]] = {}
    for s in suppliers:
        for g in dict.fromkeys(s.gaps):
            counts.setdefault(g, []).append(s.name)
    common = sorted(counts.items(), key=lambda kv: (-len(kv[1]), _natural(kv[0])))[:TOP_GAPS]
    order = list(dict.fromkeys(c.key for s in suppliers for c in s.families))
    groups: list[Group] = []
    if group_by:
        keys = list(dict.fromkeys(group_value(s, group_by) for s in suppliers))
        for key in keys:
            members = [s for s in suppliers if group_value(s, group_by) == key]
            ratios = [s.conformance for s in members if s.conformance is not None]
            groups.append(Group(key=key, suppliers=len(members),
                                mean_conformance=round(statistics.fmean(ratios), 4) if ratios else None,
                                min_conformance=min(ratios) if ratios else None,
                                below=sum(1 for s in members if s.below)))
    return Portfolio(
        generator=f"dibcyber {__version__}", language=language, as_of=day, group_by=group_by,
        stale_days=stale_days, min_conformance=min_conformance, baseline=baseline_name,
        suppliers=suppliers, families=[Family(key=k, title=family_titles[k]) for k in order],
        common_gaps=[CommonGap(id=g, title=gap_titles[g], count=len(names), suppliers=names) for g, names in common],
        groups=groups, below=[s.file for s in suppliers if s.below], stale=[s.file for s in suppliers if s.stale],
        fell=[s.file for s in suppliers if s.fell], unreadable=sorted(unreadable, key=lambda u: u.file),
        files_read=len(suppliers), baseline_ambiguous=sorted(ambiguous))


def _parts(file: str) -> tuple[str, ...]:
    return tuple(p for p in file.replace("\\", "/").split("/") if p not in ("", "."))


def match_baseline(files: list[str], before: list[Supplier]) -> tuple[dict[str, Supplier], set[str]]:
    """Each current file's row in the baseline, matched by file identity — the file's path, compared from
    the end by whole folder names, so a baseline written from another working directory still matches —
    never by the supplier's name, which two suppliers may share and which a file may change. Where a
    file matches two baseline rows equally well, or two files match one row, nothing is chosen: those
    files are returned as ambiguous."""
    chosen: dict[str, Supplier] = {}
    ambiguous: set[str] = set()
    keyed = [(_parts(b.file), b) for b in before]
    for file in files:
        mine = _parts(file)
        best, candidates = 0, []
        for theirs, b in keyed:
            n = min(len(mine), len(theirs))
            if n == 0 or mine[-n:] != theirs[-n:]:
                continue
            score = n + (1 if mine == theirs else 0)
            if score > best:
                best, candidates = score, [b]
            elif score == best:
                candidates.append(b)
        if len(candidates) == 1:
            chosen[file] = candidates[0]
        elif candidates:
            ambiguous.add(file)
    claimed: dict[int, list[str]] = {}
    for file, b in chosen.items():
        claimed.setdefault(id(b), []).append(file)
    for group in claimed.values():
        if len(group) > 1:
            ambiguous.update(group)
            for file in group:
                del chosen[file]
    return chosen, ambiguous
