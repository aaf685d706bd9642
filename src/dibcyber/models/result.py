"""The result of an assessment: what renderers and CI see. Everything is decided here — order, dates,
texts — so the same answers always give the same document (``dibcyber/result@1``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from dibcyber.models.answers import Assessment, DocumentControl, Evidence, Finding, Organization
from dibcyber.models.base import Strict, Text
from dibcyber.models.catalog import PoamEligibility

EffectiveStatus = Literal["implemented", "partially_implemented", "planned", "not_implemented",
                          "not_applicable", "not_assessed"]
EFFECTIVE_STATUSES: tuple[EffectiveStatus, ...] = ("implemented", "partially_implemented", "planned",
                                                   "not_implemented", "not_applicable", "not_assessed")


EvidenceState = Literal["none", "cited", "locked", "changed", "expired", "missing"]
"""What a requirement's evidence proves: ``none`` cited; ``cited`` but not locked (or only URLs, which are
never fetched); ``locked``: at least one cited file matches its locked SHA-256 and nothing is wrong;
``changed``: a cited file differs from its lock; ``expired``: an ``expires`` date has passed; ``missing``: a
cited file does not exist. Where several apply, the worst wins (missing, changed, expired)."""
EVIDENCE_STATES: tuple[EvidenceState, ...] = ("none", "cited", "locked", "changed", "expired", "missing")


class Reason(Strict):
    """Why a requirement is not met, or why points were lost. ``code`` is stable for machines."""

    code: str
    text: Text


class ObjectiveResult(Strict):
    id: str
    key: str
    finding: Finding | None


class RequirementResult(Strict):
    id: str
    family: str
    title: Text
    status: EffectiveStatus
    status_source: Literal["answer", "objectives", "absent", "rule"]
    """Where the status comes from: the answer's status, its objective findings, no answer at all, or a
    scoring rule (3.12.2 when gaps have no plan of action, DoD Assessment Methodology 5.g.iii)."""
    met: bool
    """Implemented, or not applicable."""
    deduction: int | None = None
    """SPRS points lost through this requirement (via its Rev.2 mapping); null where SPRS does not apply."""
    reasons: list[Reason] = Field(default_factory=list)
    objectives: list[ObjectiveResult] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    nist_ids: list[str] = Field(default_factory=list)
    """The NIST SP 800-171 Rev.2 requirements this item counts for in the SPRS view."""
    cmmc_poam: PoamEligibility | None = None
    """Whether a finding here may sit on a CMMC POA&M (32 CFR 170.21(a)(2)), where SPRS applies."""
    narrative: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    owner: str | None = None
    planned_measure: str | None = None
    target_date: dt.date | None = None
    odp_values: dict[str, str] = Field(default_factory=dict)
    undefined_odps: list[str] = Field(default_factory=list)
    evidence_state: EvidenceState | None = None
    """What the cited evidence proves (see ``EvidenceState``); null where the files were not checked (an
    answers file read from a git revision)."""


class Deduction(Strict):
    id: str
    points: int
    reason: Reason


class NotApplicable(Strict):
    """A Rev.2 requirement answered 'not applicable' that costs no points, and on what basis."""

    id: str
    reason: Reason


class SprsScore(Strict):
    value: int | None
    """110 minus every deduction; null when no score can be given (no system security plan)."""
    reason: Text | None = None
    max: int = 110
    min: int = -203
    deductions: list[Deduction] = Field(default_factory=list)
    """Ordered by points lost, then requirement order."""
    not_assessed: list[str] = Field(default_factory=list)
    """Rev.2 requirements with no answer (scored as not implemented)."""
    not_applicable: list[NotApplicable] = Field(default_factory=list)
    """Rev.2 requirements answered 'not applicable' with a stated reason, which cost nothing: under the
    methodology's own condition (``na-condition``: 3.1.12, 3.1.13, 3.1.16, 3.1.17, 3.1.18) or on the
    answer's justification (``na-justified``). Without a reason, 'not applicable' is a deduction."""


class Blocker(Strict):
    id: str | None
    code: str
    text: Text


class CmmcStatus(Strict):
    level: Literal[2] = 2
    conditional: bool
    """Conditional Level 2 (self): score ≥ 88 and every open item POA&M-eligible (32 CFR 170.21)."""
    final: bool
    """Every requirement met (score 110): Final Level 2 (self)."""
    min_score: int = 88
    blockers: list[Blocker] = Field(default_factory=list)
    poam: list[str] = Field(default_factory=list)
    """Open requirements that may stay on a POA&M."""
    closeout_due: dt.date | None = None
    """180 days after the assessment date, when conditional (closeout rule from secondary sources)."""


class Counts(Strict):
    implemented: int
    total: int
    applicable: int
    ratio: float | None
    """implemented / applicable (not applicable items are left out); null when nothing is applicable."""
    by_status: dict[str, int]


class CategoryConformance(Counts):
    id: str
    abbrev: str | None = None
    title: Text


class PlannedItem(Strict):
    id: str
    status: EffectiveStatus
    target_date: dt.date | None
    owner: str | None
    overdue: bool


class Conformance(Counts):
    categories: list[CategoryConformance] = Field(default_factory=list)
    organizational: Counts | None = None
    technical: Counts | None = None
    planned: list[PlannedItem] = Field(default_factory=list)
    """Items not yet implemented that carry a target date, by date."""
    not_counted: list[str] = Field(default_factory=list)
    """Items left out of every count above because their topic is counted through other items (catalog
    tag ``overlap``, e.g. ATLA ORG-10); they are still answered and reported."""


class Coverage(Strict):
    requirements_met: int
    requirements_applicable: int
    ratio: float | None
    objectives_met: int
    objectives_total: int
    odps_defined: int
    odps_total: int
    undefined_odps: list[str] = Field(default_factory=list)


class EvidenceCounts(Strict):
    covered: int
    """Implemented requirements whose cited evidence is locked and unchanged (state ``locked``)."""
    implemented: int
    ratio: float | None
    """covered / implemented; null when nothing is implemented."""


class FamilyEvidence(EvidenceCounts):
    id: str
    abbrev: str | None = None
    title: Text


class EvidenceCoverage(EvidenceCounts):
    """How much of what is claimed implemented is backed by locked, unchanged evidence files."""

    checked: dt.date
    """The day the evidence files were hashed; ``expired`` is relative to it."""
    by_state: dict[str, int]
    """Every requirement in scope, by evidence state (all six states, zeros included)."""
    families: list[FamilyEvidence] = Field(default_factory=list)


class Scores(Strict):
    conformance: Conformance
    sprs: SprsScore | None = None
    cmmc: CmmcStatus | None = None
    coverage: Coverage | None = None
    evidence: EvidenceCoverage | None = None
    """Evidence coverage; null where the evidence files were not checked."""


class Issue(Strict):
    level: Literal["warning", "info"]
    code: str
    requirement: str | None = None
    text: Text


class Result(Strict):
    format: Literal["dibcyber/result@1"] = "dibcyber/result@1"
    profile: str
    profile_title: Text
    catalog: str
    catalog_version: str
    catalog_version_text: Text | None = None
    """The catalog's version as a sentence in both languages, where the catalog gives one."""
    catalog_title: Text
    catalog_short_title: Text | None = None
    language: Literal["ja", "en"]
    organization: Organization
    assessment: Assessment
    document: DocumentControl | None = None
    """The answers file's document control block, for the reports."""
    scores: Scores
    requirements: list[RequirementResult]
    """Every selected requirement, in catalog order."""
    gaps: list[str]
    """IDs of requirements not met, by impact: SPRS points, then basic before derived, then catalog order."""
    issues: list[Issue] = Field(default_factory=list)
    provenance_notes: list[Text] = Field(default_factory=list)
    generator: str
