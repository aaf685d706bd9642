"""A supply-chain portfolio (``dibcyber/portfolio@1``): one summary row per supplier's answers file, and
what the whole chain shares. A documented contract like the result: keys are only ever added."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from dibcyber.models.base import Strict, Text


class FamilyCell(Strict):
    """One family (or organisational category) of one supplier, for the heat map."""

    key: str
    """The family's abbreviation (AC, AU, …) so that ATLA, Rev.2 and Rev.3 answers line up, else its ID."""
    ratio: float | None
    implemented: int
    applicable: int


class Previous(Strict):
    """The same supplier in the baseline portfolio."""

    date: dt.date
    conformance: float | None
    sprs: int | None


class Supplier(Strict):
    file: str
    """The answers file (or workbook) as found under the paths given."""
    name: str
    name_en: str | None = None
    system: str | None = None
    prime: str | None = None
    tags: dict[str, str] = Field(default_factory=dict)
    profile: str
    catalog: str
    date: dt.date
    """The assessment date."""
    conformance: float | None
    implemented: int
    applicable: int
    evidence_coverage: float | None = None
    """Implemented requirements citing locked, unchanged evidence / implemented requirements (null where
    nothing is implemented or the evidence was not checked)."""
    evidence_covered: int | None = None
    """The numerator of ``evidence_coverage``."""
    sprs: int | None = None
    """The SPRS score where the profile gives one (null also when no score can be given)."""
    sprs_status: Literal["scored", "not-scored", "no-score"] = "scored"
    """Why ``sprs`` is what it is: 'scored'; 'not-scored' (the profile gives no SPRS score: harmless);
    'no-score' (the profile scores SPRS but no score can be given, e.g. no system security plan, 3.12.4)."""
    sprs_reason: Text | None = None
    """For 'no-score': the scoring engine's reason, in both languages."""
    cmmc_conditional: bool | None = None
    cmmc_final: bool | None = None
    open_items: int
    """Requirements not met: the result's gaps (an N/A without its reason included), as the gap report and
    ``assess`` count them."""
    overdue: list[str] = Field(default_factory=list)
    """Requirements whose target date is before the portfolio's as-of date and are still not implemented."""
    families: list[FamilyCell] = Field(default_factory=list)
    gaps: list[str] = Field(default_factory=list)
    """Requirements not implemented, as NIST SP 800-171 Rev.2 IDs where there is one (so that ATLA and NIST
    answers share gaps), else their own ID."""
    stale: bool = False
    below: bool = False
    previous: Previous | None = None
    fell: bool = False
    """The conformance or SPRS score is lower than in the baseline."""

    @property
    def key(self) -> str:
        """The supplier's name and assessed system (for people; baselines match by ``file``)."""
        return f"{self.name}\u241f{self.system or ''}"


class ReadProblem(Strict):
    message: str
    """In English, as the contract has always said it; ``text`` holds both languages."""
    location: str | None = None
    hint: str | None = None
    text: Text | None = None
    """The message in Japanese and English (absent in portfolios written before 0.x)."""
    hint_text: Text | None = None

    def say(self, lang: str) -> str:
        """The message in ``lang``, falling back to the English ``message``."""
        return (self.text.get(lang) if self.text else None) or self.message  # type: ignore[arg-type]


class Unreadable(Strict):
    file: str
    exit_code: int
    problems: list[ReadProblem]


class CommonGap(Strict):
    id: str
    title: Text
    count: int
    suppliers: list[str]
    """Supplier names, in portfolio order."""


class Group(Strict):
    key: str
    """The tag's value ('—' for suppliers without the tag)."""
    suppliers: int
    mean_conformance: float | None
    min_conformance: float | None
    below: int


class Family(Strict):
    key: str
    title: Text


class Portfolio(Strict):
    format: Literal["dibcyber/portfolio@1"] = "dibcyber/portfolio@1"
    generator: str
    language: Literal["ja", "en"]
    as_of: dt.date | None
    """Overdue and stale are judged against this date: --as-of, else the newest assessment date."""
    group_by: str | None = None
    stale_days: int | None = None
    min_conformance: float | None = None
    baseline: str | None = None
    suppliers: list[Supplier]
    families: list[Family]
    common_gaps: list[CommonGap]
    groups: list[Group] = Field(default_factory=list)
    below: list[str] = Field(default_factory=list)
    stale: list[str] = Field(default_factory=list)
    fell: list[str] = Field(default_factory=list)
    unreadable: list[Unreadable] = Field(default_factory=list)
    files_read: int
    baseline_ambiguous: list[str] = Field(default_factory=list)
    """Files that match more than one supplier of the baseline, or share one with another file (suppliers
    are matched by file, never by name): not compared, and a finding (exit 1) until the baseline is clear."""
