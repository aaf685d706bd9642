"""A company's answers: one YAML file per assessed system or company (``dibcyber/answers@1``).

The format is public: documented in the README, published as a JSON Schema (``dibcyber schema answers``)
and versioned by its ``format`` key.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from dibcyber.models.base import Strict


def _not_a_number(value: Any) -> Any:
    """pydantic would read 0 as 1970-01-01; a date in an answers file is always written YYYY-MM-DD."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError("model.date_number", "expected a date as YYYY-MM-DD, got the number {value}",
                                  {"value": value})
    return value


Date = Annotated[dt.date, BeforeValidator(_not_a_number)]


def _number_as_text(value: Any) -> Any:
    """A tag written as a number (``tier: 2``) is the label '2'; booleans and the rest are left to the
    validator, which refuses them."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value

FIRST_YEAR, LAST_YEAR = 1900, 2999


def _plausible(value: dt.date) -> dt.date:
    """An assessment date is a real day of work: scoring adds the 180-day closeout to it, which a date
    such as 9999-12-31 cannot take."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError("model.assessment_date", "expected an assessment date between {first} and {last}, "
                                  "got {value}", {"first": FIRST_YEAR, "last": LAST_YEAR, "value": value.isoformat()})
    return value


AssessmentDate = Annotated[dt.date, BeforeValidator(_not_a_number), AfterValidator(_plausible)]


def _clean_path(value: str | None) -> str | None:
    """A path with a NUL or another control character cannot name a file (and may not be printed)."""
    if value is not None and any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise PydanticCustomError("model.path_control", "the path contains a control character (such as NUL); "
                                  "write a plain relative path")
    return value

Status = Literal["implemented", "partially_implemented", "planned", "not_implemented", "not_applicable"]
STATUSES: tuple[Status, ...] = ("implemented", "partially_implemented", "planned", "not_implemented",
                                "not_applicable")
Finding = Literal["met", "not_met", "not_applicable"]
PartialCredit = Literal["mfa_remote_and_privileged_only", "encryption_not_fips_validated"]
"""The two partial cases of the DoD Assessment Methodology (5.e): 3.5.3 with multifactor authentication for
remote and privileged users but not for the general user, and 3.13.11 with encryption employed but not
FIPS-validated."""
PARTIAL_CREDIT: dict[str, PartialCredit] = {"3.5.3": "mfa_remote_and_privileged_only",
                                            "3.13.11": "encryption_not_fips_validated"}
"""The NIST SP 800-171 Rev.2 requirement each partial case belongs to."""


class Contact(Strict):
    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None


class Organization(Strict):
    name: str = Field(min_length=1)
    """Legal name as it should appear on reports, e.g. 株式会社サンプル精機."""
    name_en: str | None = None
    cage_code: str | None = None
    """CAGE code(s) covered by the assessment (SPRS submissions need them)."""
    address: str | None = None
    contact: Contact | None = None
    prime: str | None = None
    """The prime contractor this company supplies, if any."""
    tags: dict[str, Annotated[str, BeforeValidator(_number_as_text)]] = Field(default_factory=dict)
    """Free labels for grouping and filtering many suppliers, e.g. ``{tier: 2, business_unit: 航空}``
    (``dibcyber portfolio --group-by tier``); a number is read as the text it is written as."""


class Assessment(Strict):
    date: AssessmentDate
    """The date the assessment describes. Reports and scores use it, never the clock."""
    assessor: str | None = None
    scope: str | None = None
    system: str | None = None
    """The assessed system (the SSP it is described in)."""
    marking: str | None = None
    """Handling marking shown on reports, e.g. 取扱注意."""


class Revision(Strict):
    """One row of a report's revision history (改訂履歴)."""

    rev: Annotated[str, BeforeValidator(_number_as_text)] = Field(min_length=1)
    """The revision as it is written, e.g. 1.0 or 第2版."""
    date: Date
    description: str | None = None
    author: str | None = None


class Approval(Strict):
    """One box of a report's approval block (承認欄): a role, and who signed it and when."""

    role: str = Field(min_length=1)
    """e.g. 作成, 確認, 承認 (prepared, reviewed, approved)."""
    name: str | None = None
    date: Date | None = None


class DocumentControl(Strict):
    """Document control for the reports made from this file: all optional, and command-line options
    (``report --document-number``, ``--firm``) take precedence."""

    number: str | None = None
    """The document number the client or the consultant files the reports under, e.g. SSP-2026-014."""
    firm: str | None = None
    """The consultant's firm that prepared the reports, shown on the cover."""
    revisions: list[Revision] = Field(default_factory=list)
    """Oldest first; when empty, the reports show one revision: the first issue on the assessment date."""
    approvals: list[Approval] = Field(default_factory=list)
    """When empty, the reports show empty 作成 / 確認 / 承認 boxes to sign."""


ScanResult = Literal["pass", "fail", "error", "unknown", "fixed"]
"""An XCCDF rule result that says something about the system (the others, such as ``notapplicable``, are
not recorded)."""


class ScanFinding(Strict):
    """One scanner rule's result, recorded on a requirement the rule maps to (``dibcyber import xccdf``)."""

    rule: str = Field(min_length=1)
    """The XCCDF rule ID, e.g. ``xccdf_org.ssgproject.content_rule_sshd_disable_root_login``."""
    result: ScanResult
    mapping: Literal["direct", "derived"]
    """``direct``: the rule cites this requirement (or its equivalent, e.g. SYS-3.1.1 for 3.1.1);
    ``derived``: reached through SP 800-53 source controls or the Rev.2 ↔ Rev.3 crosswalk (``via``)."""
    via: list[str] = Field(default_factory=list)
    """What the mapping went through: the requirement or SP 800-53 control the rule cites, then each
    requirement on the way, e.g. ``[AC-6(9), 03.01.07]``."""
    title: str | None = None


class Evidence(Strict):
    """A file (relative to the answers file) or a URL (listed, never fetched)."""

    path: Annotated[str | None, AfterValidator(_clean_path)] = None
    url: str | None = None
    title: str | None = None
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    size: int | None = Field(default=None, ge=0)
    expires: Date | None = None
    findings: list[ScanFinding] = Field(default_factory=list)
    """For scan results (``dibcyber import xccdf``): each rule mapped to this requirement with its result.
    A failed rule never changes the status; on an implemented requirement it is an issue
    (``scan-contradicts-answer``) that ``check --fail-on-scan-contradiction`` can gate on."""

    @model_validator(mode="after")
    def _path_or_url(self) -> Evidence:
        if bool(self.path) == bool(self.url):
            raise PydanticCustomError("model.evidence_path_or_url", "evidence needs exactly one of 'path' or 'url'")
        return self


class Answer(Strict):
    """Where one requirement stands."""

    status: Status | None = None
    """Left empty, the objectives decide; with neither, the requirement is not assessed."""
    objectives: dict[str, Finding | None] = Field(default_factory=dict)
    """Findings per assessment objective, keyed by letter (``a``) or full ID (``3.1.1[a]``)."""
    narrative: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    owner: str | None = None
    planned_measure: str | None = None
    """What will be done to close the gap (実装計画書 / POA&M)."""
    target_date: Date | None = None
    """When it will be done. A target date is a plan of action; it never makes a requirement implemented."""
    odp_values: dict[str, str | None] = Field(default_factory=dict)
    """Values of organisation-defined parameters (Rev.3), keyed by ODP ID, label or number (``01``)."""
    partial_credit: PartialCredit | None = None
    """Records the DoD methodology's partial case of a partially implemented 3.5.3
    (``mfa_remote_and_privileged_only``) or 3.13.11 (``encryption_not_fips_validated``): −3 instead of −5.
    Without it (or, for 3.5.3, objectives [a]–[c] met) a partial implementation loses the full value."""


class Answers(Strict):
    format: Literal["dibcyber/answers@1"]
    profile: str = Field(min_length=1)
    """A built-in or user profile ID, or a path to a profile file (relative to the answers file)."""
    organization: Organization
    assessment: Assessment
    document: DocumentControl | None = None
    """Document control of the reports: number, revision history, approval block, consultant's firm."""
    requirements: dict[str, Answer | None] = Field(default_factory=dict)
    """Keyed by catalog ID or alias (``3.1.1``, ``AC.L2-3.1.1``, ``SYS-3.1.1``). Absent = not assessed."""
