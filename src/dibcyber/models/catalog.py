"""Control catalogs: families, requirements, objectives, ODPs, weights and mappings."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from dibcyber.models.base import Lang, Strict, Text

Identifier = Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=r"^[^\s]+$")]
CatalogId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")]
ControlId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-[1-9][0-9]*(\([1-9][0-9]*\))?$")]
"""A NIST SP 800-53 control or control enhancement: ``AC-2``, ``AC-2(3)``."""
Tag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]

Confidence = Literal["confirmed", "secondary", "unverified"]
"""How sure we are of a fact: from a primary text (DOMAIN.md [C]), from secondary sources ([C2]), or not
verified at all ([U])."""


class Provenance(Strict):
    """Where a catalog or an item comes from and how far it has been checked."""

    confidence: Confidence
    sources: list[str] = Field(default_factory=list)
    note: Text | None = None


class OfficialRef(Strict):
    """The paragraph of the official text an item corresponds to.

    We never invent one: ``status: unverified`` with no ``value`` until someone holding the official text
    fills it in and sets ``status: verified``.
    """

    status: Literal["unverified", "verified"]
    value: str | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _verified_needs_value(self) -> OfficialRef:
        if self.status == "verified" and not self.value:
            raise PydanticCustomError("model.verified_needs_value",
                                      "official_ref with status 'verified' needs a 'value' (the official paragraph)")
        return self


class Source(Strict):
    """A document a catalog was built from."""

    title: str
    publisher: str
    version: str | None = None
    url: str | None = None
    license: str
    retrieved: str | None = None
    """Repository and commit, or date, of the copy used."""


class Objective(Strict):
    """An assessment objective (SP 800-171A determination statement)."""

    id: Identifier
    text: Text


class Odp(Strict):
    """An organisation-defined parameter (Rev.3)."""

    id: Identifier
    label: str | None = None
    usage: Text | None = None
    """What the organisation defines, e.g. 'organization-defined time period'."""
    text: Text | None = None
    """The determination statement: what an assessor checks is defined."""
    choices: list[Text] = Field(default_factory=list)
    """For selection parameters: the values to choose from."""


class Weight(Strict):
    """DoD Assessment Methodology v1.2.1 value of a Rev.2 requirement (the SPRS deduction)."""

    value: int | None = Field(ge=0, le=5)
    """Points subtracted from 110 when not implemented; null for 3.12.4 (no score without an SSP)."""
    partial_value: int | None = Field(default=None, ge=0, le=5)
    """Points subtracted in the one partial case the methodology allows (3.5.3, 3.13.11)."""
    partial_condition: Text | None = None
    na_condition: Text | None = None
    """When the methodology subtracts nothing because the capability is not permitted at all."""
    note: str | None = None
    source: str


PoamEligibility = Literal["eligible", "not_eligible", "partial_only", "never"]


class Cmmc(Strict):
    """CMMC 2.0 practice that corresponds to a Rev.2 requirement."""

    practice_id: str
    level: Literal[1, 2]
    poam: PoamEligibility
    """Whether a finding may sit on a POA&M for Conditional Level 2 status (32 CFR 170.21(a)(2))."""


Relation = Literal[
    "equivalent",  # the same requirement in another catalog
    "successor",  # the requirement with the same number in the newer revision (positional, NIST-numbered)
    "predecessor",  # inverse of successor
    "incorporated_into",  # withdrawn here; its content is now part of the target (NIST withdrawal link)
    "addressed_by",  # withdrawn here; the target addresses it (NIST withdrawal link)
    "incorporates",  # inverse of incorporated_into
    "addresses",  # inverse of addressed_by
    "withdrawn",  # withdrawn in the target catalog with no successor named by NIST
    "related",  # overlapping, not equivalent
]


class Mapping(Strict):
    catalog: CatalogId
    id: Identifier
    relation: Relation
    note: Text | None = None


MethodKind = Literal["examine", "interview", "test"]
METHOD_KINDS: tuple[MethodKind, ...] = ("examine", "interview", "test")
"""The three assessment methods of SP 800-171A, in its order."""


class MethodSource(Strict):
    """Where an assessment object comes from.

    ``direct``: NIST lists the object for this very requirement (SP 800-171A Rev.3 for a Rev.3 catalog).
    ``derived``: dibcyber carried it over from the requirement ``catalog``/``id`` through a mapping
    (``relation``, the crosswalk step that reached that requirement) and, for ATLA items, through the
    requirements in ``via`` (e.g. the Rev.2 equivalent) — NIST never listed it for this requirement.
    """

    basis: Literal["direct", "derived"]
    catalog: CatalogId
    id: Identifier
    relation: Relation | None = None
    via: list[Identifier] = Field(default_factory=list)


class AssessmentObject(Strict):
    """An SP 800-171A assessment object (something to examine, someone to interview, something to test),
    in both languages, with its source."""

    ja: str | None = None
    en: str | None = None
    source: MethodSource

    @property
    def text(self) -> Text:
        return Text(ja=self.ja, en=self.en)

    def get(self, lang: Lang) -> str:
        return self.text.get(lang)


class Methods(Strict):
    """The assessment methods of a requirement: what an assessor examines, whom they interview and what they
    test (SP 800-171A). ``note`` says why a list is empty where no source gives objects."""

    examine: list[AssessmentObject] = Field(default_factory=list)
    interview: list[AssessmentObject] = Field(default_factory=list)
    test: list[AssessmentObject] = Field(default_factory=list)
    note: Text | None = None

    def of(self, kind: MethodKind) -> list[AssessmentObject]:
        return {"examine": self.examine, "interview": self.interview, "test": self.test}[kind]

    def count(self) -> int:
        return len(self.examine) + len(self.interview) + len(self.test)


class Requirement(Strict):
    id: Identifier
    family: Identifier
    title: Text
    statement: Text
    discussion: Text | None = None
    objectives: list[Objective] = Field(default_factory=list)
    odps: list[Odp] = Field(default_factory=list)
    methods: Methods | None = None
    """SP 800-171A assessment methods and objects; None where the catalog does not carry them."""
    weight: Weight | None = None
    cmmc: Cmmc | None = None
    tags: list[Tag] = Field(default_factory=list)
    aliases: list[Identifier] = Field(default_factory=list)
    """Other IDs an answers file may use for this requirement (e.g. CMMC practice IDs)."""
    mappings: list[Mapping] = Field(default_factory=list)
    source_controls: list[ControlId] = Field(default_factory=list)
    """The NIST SP 800-53 controls the requirement was drawn from ("Source controls" of SP 800-171 Rev.3),
    written without leading zeros: ``AC-2``, ``AC-2(3)``. Scan results that cite SP 800-53 reach the
    requirement through them (``dibcyber import xccdf``)."""
    official_ref: OfficialRef | None = None
    provenance: Provenance | None = None
    authoritative_language: Lang | None = None
    """Overrides the catalog's authoritative language for this item."""


class Family(Strict):
    id: Identifier
    abbrev: str | None = None
    title: Text
    description: Text | None = None
    tags: list[Tag] = Field(default_factory=list)


class Withdrawn(Strict):
    """An identifier the source withdrew, and where its content went."""

    id: Identifier
    family: Identifier
    relation: Literal["incorporated_into", "addressed_by"] | None
    targets: list[Identifier] = Field(default_factory=list)


class Catalog(Strict):
    format: Literal["dibcyber/catalog@1"]
    id: CatalogId
    version: str
    """The version of the source document(s) the catalog renders, e.g. SP 800-171 Rev. 2 (2020-02)."""
    version_text: Text | None = None
    """The version as a sentence in both languages, for reports and workbooks (``version`` is an identifier
    that workbooks record and compare)."""
    content_version: str | None = None
    """dibcyber's own version of this catalog's content (translations, items, mappings), YYYY.MM.N; every
    change is listed in controls/CHANGELOG.md."""
    title: Text
    short_title: Text | None = None
    """A name short enough for running text and headers, e.g. NIST SP 800-171 Rev.2."""
    description: Text | None = None
    authoritative_language: Lang
    """The language whose text prevails; the other is a translation."""
    license: str
    sources: list[Source] = Field(default_factory=list)
    provenance: Provenance
    families: list[Family]
    requirements: list[Requirement]
    withdrawn: list[Withdrawn] = Field(default_factory=list)

    @cached_property
    def by_id(self) -> dict[str, Requirement]:
        return {r.id: r for r in self.requirements}

    @cached_property
    def family_by_id(self) -> dict[str, Family]:
        return {f.id: f for f in self.families}

    @cached_property
    def alias_index(self) -> dict[str, str]:
        """Every ID and alias an answers file may use, to the requirement's ID."""
        index = {alias: r.id for r in self.requirements for alias in r.aliases}
        index.update({r.id: r.id for r in self.requirements})
        return index

    def authority(self, requirement: Requirement) -> Lang:
        return requirement.authoritative_language or self.authoritative_language

    def objective_count(self) -> int:
        return sum(len(r.objectives) for r in self.requirements)

    def odp_count(self) -> int:
        return sum(len(r.odps) for r in self.requirements)
