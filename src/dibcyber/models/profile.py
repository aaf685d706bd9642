"""Profiles: which catalog is answered, which requirements are in scope, how to score, default gates."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from dibcyber.models.base import Lang, Strict, Text
from dibcyber.models.catalog import CatalogId, Identifier, Tag

ScoringMethod = Literal["conformance", "sprs", "cmmc-l2", "coverage"]
"""conformance: status counts and rates (the Japanese standard has no numeric score);
sprs: DoD Assessment Methodology v1.2.1 score (needs NIST SP 800-171 Rev.2, directly or by mapping);
cmmc-l2: CMMC Level 2 conditional status (32 CFR 170.21), implies sprs;
coverage: share of requirements implemented and ODPs defined (Rev.3, which has no DoD values)."""


class Selection(Strict):
    """Which requirements of the catalog are in scope. Empty lists mean 'no restriction'."""

    families: list[Identifier] = Field(default_factory=list)
    """Keep only requirements of these families."""
    tags: list[Tag] = Field(default_factory=list)
    """Keep only requirements carrying at least one of these tags."""
    include: list[Identifier] = Field(default_factory=list)
    """Add these requirements, whatever the filters above say."""
    exclude: list[Identifier] = Field(default_factory=list)
    """Remove these requirements."""


class Gates(Strict):
    """Default gates of ``dibcyber check``; the command line may override each."""

    min_sprs: int | None = Field(default=None, ge=-203, le=110)
    min_conformance: float | None = Field(default=None, ge=0.0, le=1.0)
    require: list[str] = Field(default_factory=list)
    """Requirement IDs or tags that must be implemented."""
    require_cmmc_conditional: bool = False
    evidence: bool = False
    evidence_max_age_days: int | None = Field(default=None, ge=1)
    """Evidence files older than this (last git commit, else modification time) fail the evidence gate."""
    min_evidence_coverage: float | None = Field(default=None, ge=0.0, le=1.0)
    """Implemented requirements citing locked, unchanged evidence / implemented requirements, at least."""
    fail_on_scan_contradiction: bool = False
    """Fail where a scanner rule failed on a requirement answered 'implemented' (``import xccdf``)."""


class Profile(Strict):
    format: Literal["dibcyber/profile@1"]
    id: CatalogId
    title: Text
    description: Text | None = None
    catalogs: list[CatalogId] = Field(min_length=1)
    """The first catalog is the one answered; the others are views reached through its mappings
    (e.g. the SPRS score of an assessment against the Japanese standard)."""
    select: Selection = Field(default_factory=Selection)
    scoring: list[ScoringMethod] = Field(min_length=1)
    odp_values: dict[str, str] = Field(default_factory=dict)
    """ODP values fixed by the profile (e.g. a company-wide 15-minute session lock), by ODP ID."""
    require_odp_values: bool = False
    """Every ODP of a selected requirement must have a value (in the profile or the answers)."""
    gates: Gates = Field(default_factory=Gates)
    language: Lang | None = None
    """Default language of terminal output and reports; without it, the locale's."""

    @model_validator(mode="after")
    def _distinct_catalogs(self) -> Profile:
        if len(set(self.catalogs)) != len(self.catalogs):
            raise PydanticCustomError("model.catalog_twice", "a catalog is named twice in 'catalogs'")
        return self

    @property
    def catalog(self) -> str:
        """The catalog whose requirements are answered."""
        return self.catalogs[0]
